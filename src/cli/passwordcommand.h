#pragma once

#include <QStringList>

namespace pt::cli {

class Context;

// portfolio-cli password set|forget|status --store postgresql://user@host:port/db
//
// Keeps a PostgreSQL store's password in the OS keychain, where the app and
// every other command find it. `set` reads the password from standard input,
// without echo on a terminal, never from the command line (which other users
// of the computer can see).
int runPasswordCommand(Context &context, const QStringList &arguments);

} // namespace pt::cli
