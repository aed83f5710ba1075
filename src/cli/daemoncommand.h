#pragma once

#include <QStringList>

namespace pt::cli {

class Context;

// portfolio-cli daemon [--interval MINUTES]
int runDaemonCommand(Context &context, const QStringList &arguments);

} // namespace pt::cli
