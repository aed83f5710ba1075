#pragma once

#include <QStringList>

namespace pt::cli {

class Context;

// export transactions | holdings [--portfolio P] [--output FILE]
int runExportCommand(Context &context, const QStringList &arguments);

} // namespace pt::cli
