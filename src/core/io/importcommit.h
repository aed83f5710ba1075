#pragma once

#include "domain/types.h"
#include "result.h"

#include <vector>

namespace pt::store {
class Database;
}

namespace pt::io {

struct ImportOutcome
{
    qint64 added = 0;          // entries written (or that would be, on a dry run)
    qint64 alreadyPresent = 0; // rows the portfolio already had: skipped
};

// Writes the valid rows of an import (ImportPreview::transactions, in file
// order, with their row numbers) into `portfolioId`, all or nothing, in one
// transaction:
//  * rows matching an entry the portfolio already has (a multiset of
//    fingerprints, checked again here against the store as it is now) are
//    skipped, so importing a file twice adds nothing the second time;
//  * the whole book is replayed once with every new entry in it, so a sell
//    of units not held (at its date) refuses the import with the row named;
//  * then the entries are inserted in one go, and each asset's tracking
//    (market data backfill) is brought up to date once.
// Same-day rows replay in file order, read from the bottom when the file
// lists newest first (as many brokers export).
// `dryRun` checks everything and writes nothing.
Result<ImportOutcome> commitImport(const store::Database &database, RowId portfolioId,
                                   std::vector<Transaction> transactions, const std::vector<qint64> &rows,
                                   bool dryRun = false);

} // namespace pt::io
