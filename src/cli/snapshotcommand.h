#pragma once

#include <QStringList>

namespace pt::cli {

class Context;

// portfolio-cli snapshot [--list [--kind K] [--limit N]] [--json]
int runSnapshotCommand(Context &context, const QStringList &arguments);

} // namespace pt::cli
