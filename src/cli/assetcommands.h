#pragma once

#include <QStringList>

namespace pt::cli {

class Context;

// asset add | list | edit | delete
int runAssetCommand(Context &context, const QStringList &arguments);

} // namespace pt::cli
