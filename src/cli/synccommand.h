#pragma once

#include <QStringList>

namespace pt::cli {

class Context;

// portfolio-cli sync register|login|logout|status|now|password [--ca-file FILE]
//
// The store's sync with a self-hosted portfolio-server (docs/SYNC.md): the
// account, the sign-in (its refresh token in the OS keychain), and one sync
// round. Plain `sync` is `sync now`. Passwords are read from standard input,
// without echo on a terminal, never from the command line; no password or
// token is ever printed.
int runSyncCommand(Context &context, const QStringList &arguments);

} // namespace pt::cli
