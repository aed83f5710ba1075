#pragma once

#include <QStringList>

namespace pt::cli {

class Context;

// prices import | list: daily bars of one asset.
int runPriceCommand(Context &context, const QStringList &arguments);

} // namespace pt::cli
