#pragma once

#include "result.h"
#include "sync/changecapture.h"
#include "sync/syncmessage.h"
#include "sync/syncstate.h"

#include <cstdint>
#include <vector>

namespace pt::store {
class Database;
}

namespace pt::sync {

// The outbox (sync_outbox): the changes made here that the server has not
// acknowledged yet, pushed oldest first.
struct OutboxBatch
{
    std::vector<std::int64_t> seqs; // of the rows in `changes`, to remove once acknowledged
    std::vector<SyncChange> changes;
};

// Up to `limit` of the oldest rows with seq <= `maxSeq`, stamped with `deviceId`.
Result<OutboxBatch> readOutbox(const store::Database &database, const QString &deviceId, int limit,
                               std::int64_t maxSeq);
// Removes the rows that a newer row of the same record overtakes, returning
// how many. Only a record's newest state needs to reach the server — the
// merge is last writer wins per whole record, so another device ends on that
// state either way — and a state the server refuses (a record too large)
// stops blocking the outbox once the record is edited again.
Result<int> dropOvertakenChanges(const store::Database &database);
// Removes exactly these rows (the server has them).
Result<void> removeFromOutbox(const store::Database &database, const std::vector<std::int64_t> &seqs);
Result<std::int64_t> outboxSize(const store::Database &database);
Result<std::int64_t> lastOutboxSeq(const store::Database &database);

// How queueRecords stamps the records it queues.
enum class QueueStamps {
    // Each at its own last change time (updated_at, with a counter that keeps
    // stamps of one millisecond apart), so a device that turns sync on with
    // old data never outranks newer edits made elsewhere.
    LastChange,
    // Each as a change made now (changes made while capture was off).
    Now,
};

// Adds an outbox row and a record stamp for each record, in the order given,
// stamped by `device`; returns the clock after the last stamp. Inside the
// caller's transaction. With LastChange the caller has emptied
// sync_record_clock (a new device); with Now earlier stamps are replaced.
Result<HlcClock> queueRecords(const store::Database &database, const std::vector<RecordState> &records,
                              const QString &device, HlcClock clock, QueueStamps stamps, std::int64_t nowMs);

} // namespace pt::sync
