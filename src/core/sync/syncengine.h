#pragma once

#include "result.h"

#include <QString>
#include <QStringList>

#include <cstdint>

namespace pt::store {
class Database;
}

namespace pt::sync {

class SyncTransport;

struct SyncStatus
{
    bool enabled = false;
    QString account;          // what enable() was given: "<server url> <email>"
    QString deviceId;         // this store's device id (UUID)
    std::int64_t pending = 0; // changes in the outbox, not yet acknowledged
    std::int64_t cursor = 0;  // the server log position pulled up to
    std::int64_t lastSyncAt = 0; // ms, 0: never
    QString lastError;        // of the last sync, empty if it succeeded
};

struct SyncReport
{
    int pushed = 0;  // changes the server acknowledged
    int pulled = 0;  // changes received
    int applied = 0; // of those, the ones newer than this store's version
    std::int64_t pending = 0; // left in the outbox (changes made during the sync)
    // Portfolios whose books no longer replay after merging (e.g. a sell on one
    // device of units another device's edit removed): the data is kept (every
    // device converges on it) and the user is told which to fix.
    QStringList warnings;
};

// Local-first sync of one store (docs/SYNC.md). Every change to a portfolio,
// asset or ledger entry is written to the store's outbox by the store itself
// (triggers, so every writer is covered: app, CLI, import, restore), in the
// same transaction as the change, stamped with the store's hybrid logical
// clock. syncOnce() pushes the outbox in batches, deleting what the server
// acknowledged, then pulls the log after its cursor and merges it: last writer
// wins per record by stamp.
class SyncEngine
{
public:
    explicit SyncEngine(const store::Database &database) : m_database(database) {}

    // Turns sync on for `account`. The first time (or for another account than
    // before): a new device id, cursor 0, and every record queued once,
    // stamped with its own last change time, so a stale device never outranks
    // newer edits made elsewhere. Again for the same account: nothing changes.
    Result<void> enable(const QString &account);
    // Turns capture off (sign out). The outbox and clocks stay, so signing in
    // to the same account again loses nothing.
    Result<void> disable();

    Result<SyncStatus> status() const;

    // One full round: push everything pending, then pull until the server has
    // nothing more. Records the outcome (last sync time or error) in the store.
    Result<SyncReport> syncOnce(SyncTransport &transport);

private:
    const store::Database &m_database;
};

} // namespace pt::sync
