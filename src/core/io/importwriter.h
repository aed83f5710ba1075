#pragma once

#include "domain/types.h"
#include "result.h"

#include <vector>

namespace pt::store {
class Database;
}

namespace pt::io {

// Stores a batch of new, already checked and stamped ledger entries inside the
// caller's transaction, setting their ids. On an SQLite store straight through
// one prepared SQLite statement with each value bound from the stack: binding
// through Qt SQL (a QVariant per value) is what an import of 100,000 rows
// would otherwise spend most of its time on. On any other store through
// store::TransactionRepository::insertMany. The rows written are exactly what
// the repository writes: the import's tests read them back through it.
Result<void> writeEntries(const store::Database &database, std::vector<Transaction> &entries);

} // namespace pt::io
