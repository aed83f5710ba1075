#pragma once

#include "domain/types.h"
#include "result.h"

#include <QDate>

namespace pt::store {
class Database;
}

namespace pt::jobs {

// Keeps which assets are *tracked* in step with the ledger (C4). Built into
// pt_store rather than pt_jobs: LedgerService calls it inside its write
// transaction, so the entry, the flag and the queued backfill are written
// together or not at all, and it needs nothing but the repositories.
//
// After an entry is added, edited or deleted (`before`: the entry as it was,
// null for an add; `after`: as it is now, null for a delete):
//  * a buy of an asset with a data source that is not synthetic tracks it: an
//    untracked asset becomes tracked and gets a backfill from one year before
//    its first entry to `today`; a tracked one whose first entry moved earlier
//    than what was fetched gets a backfill of the missing earlier days;
//  * a sell, edit or delete that leaves no units of a tracked asset in any
//    portfolio stops tracking it (its history stays); an edit or delete that
//    leaves units of an untracked one held (a sell deleted) tracks it again.
// Only buys, sells and changed entries replay books, and only those with
// entries of the asset, so ordinary adds stay cheap.
Result<void> updateTracking(const store::Database &database, const Transaction *before, const Transaction *after,
                            QDate today = QDate::currentDate());

} // namespace pt::jobs
