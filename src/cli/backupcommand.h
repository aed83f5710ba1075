#pragma once

#include <QStringList>

namespace pt::cli {

class Context;

// portfolio-cli backup <file>
int runBackupCommand(Context &context, const QStringList &arguments);

// portfolio-cli restore <file> [--yes]
int runRestoreCommand(Context &context, const QStringList &arguments);

} // namespace pt::cli
