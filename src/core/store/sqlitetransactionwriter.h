#pragma once

#include "domain/types.h"
#include "result.h"

#include <vector>

struct sqlite3;

namespace pt::store {

class Database;

// TransactionRepository::insertMany on an SQLite store: new entries stored
// through one prepared SQLite statement with each value bound from the stack,
// inside the caller's transaction, setting their ids (and stamps where they
// have none). Binding through Qt SQL (a QVariant per value) is what an import
// of 100,000 rows would otherwise spend most of its time on. Writes exactly
// the row TransactionRepository's own insert writes.
Result<void> insertTransactionsIntoSqlite(const Database &database, sqlite3 *db,
                                          std::vector<Transaction> &entries);

} // namespace pt::store
