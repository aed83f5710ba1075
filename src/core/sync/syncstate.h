#pragma once

#include "result.h"

#include <QString>

#include <cstdint>

namespace pt::store {
class Database;
}

namespace pt::sync {

// A hybrid logical clock's reading: wall time (ms) and counter.
struct HlcClock
{
    std::int64_t wallMs = 0;
    std::uint32_t counter = 0;

    friend auto operator<=>(const HlcClock &, const HlcClock &) = default;
};

// A local event at `nowMs`: the next stamp, after `clock`.
HlcClock hlcTick(HlcClock clock, std::int64_t nowMs);
// Seeing `remote` at `nowMs`: a clock at or after both, so every later local
// stamp is larger than anything seen.
HlcClock hlcReceive(HlcClock local, HlcClock remote, std::int64_t nowMs);

// The sync_state row (004_sync.sql).
struct SyncState
{
    bool exists = false;
    QString deviceId;
    QString account;
    bool enabled = false;
    bool capture = false;
    HlcClock clock;
    std::int64_t cursor = 0;
    std::int64_t lastSyncAt = 0;
    QString lastError;
    std::int64_t disabledAt = 0;
};

Result<SyncState> readSyncState(const store::Database &database);
// Writes every column of the row, making it if there is none.
Result<void> writeSyncState(const store::Database &database, const SyncState &state);
// The database's clock (the one the capture triggers read), in ms.
Result<std::int64_t> databaseNowMs(const store::Database &database);

} // namespace pt::sync
