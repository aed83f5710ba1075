#pragma once

#include "result.h"

#include <functional>

namespace pt::store {

class Database;

// Runs `work` all or nothing on the calling thread's connection. Unlike
// Database::inTransaction, it nests: inside a transaction that is already open
// (LedgerService's, or a job storing a backfill) it runs in a savepoint of that
// transaction, so a repository can be atomic on its own and still join its
// caller's transaction instead of failing to begin a second one.
Result<void> atomically(const Database &database, const std::function<Result<void>()> &work);

// Whether the calling thread's connection is inside a transaction.
bool inOpenTransaction(const Database &database);

} // namespace pt::store
