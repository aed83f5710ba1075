#pragma once

#include <QStringList>

namespace pt::cli {

class Context;

// tx add | list | edit | delete: ledger entries, changed only through the
// LedgerService so no change can leave a book inconsistent.
int runTransactionCommand(Context &context, const QStringList &arguments);

} // namespace pt::cli
