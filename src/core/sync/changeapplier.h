#pragma once

#include "domain/types.h"
#include "result.h"
#include "sync/syncmessage.h"

#include <set>

namespace pt::store {
class Database;
}

namespace pt::sync {

struct AppliedPage
{
    int applied = 0; // changes newer than what the store held, written
    int pending = 0; // of those, waiting in sync_inbox for a record they reference
    std::set<RowId> touchedPortfolios; // local ids whose books may have changed
    std::set<RowId> touchedAssets;     // local ids of assets that entries written here refer to
};

// Merges pulled pages into the store: last writer wins per record by stamp.
// A page is checked whole first (remotechange.h), then written in one
// transaction together with the new cursor and the clock's receive step,
// with sync_state.applying set so the capture triggers do not echo it.
//
// A winning change that references a record this store does not have (the
// server's log is in causal order per device, so only a store that lost a
// record physically, e.g. by a restore, should see this) waits in sync_inbox
// and is retried after every page; the newest change per record waits there.
class ChangeApplier
{
public:
    explicit ChangeApplier(const store::Database &database)
        : m_database(database)
    { }

    Result<AppliedPage> applyPage(const PullPage &page) const;

private:
    const store::Database &m_database;
};

} // namespace pt::sync
