#include "sync/syncstate.h"

#include "store/database.h"
#include "store/sqlrows.h"
#include "sync/changecapture.h"

#include <QSqlQuery>

#include <algorithm>

namespace pt::sync {

HlcClock hlcTick(HlcClock clock, std::int64_t nowMs)
{
    if (nowMs > clock.wallMs)
        return { nowMs, 0 };
    return { clock.wallMs, clock.counter + 1 };
}

HlcClock hlcReceive(HlcClock local, HlcClock remote, std::int64_t nowMs)
{
    const std::int64_t wall = std::max({ local.wallMs, remote.wallMs, nowMs });
    if (wall == local.wallMs && wall == remote.wallMs)
        return { wall, std::max(local.counter, remote.counter) + 1 };
    if (wall == local.wallMs)
        return { wall, local.counter + 1 };
    if (wall == remote.wallMs)
        return { wall, remote.counter + 1 };
    return { wall, 0 };
}

Result<SyncState> readSyncState(const store::Database &database)
{
    QSqlQuery query(database.connection());
    query.prepare(QStringLiteral("SELECT device_id, account, enabled, capture, hlc_wall, hlc_counter, pull_cursor, "
                                 "last_sync_at, last_error, disabled_at FROM sync_state WHERE id = 1"));
    if (auto done = store::execute(query, QStringLiteral("Reading the sync state")); !done)
        return Error { done.error() };
    SyncState state;
    if (!query.next())
        return state;
    state.exists = true;
    state.deviceId = query.value(0).toString();
    state.account = query.value(1).toString();
    state.enabled = query.value(2).toInt() != 0;
    state.capture = query.value(3).toInt() != 0;
    state.clock = { query.value(4).toLongLong(), std::uint32_t(query.value(5).toLongLong()) };
    state.cursor = query.value(6).toLongLong();
    state.lastSyncAt = query.value(7).toLongLong();
    state.lastError = query.value(8).toString();
    state.disabledAt = query.value(9).toLongLong();
    return state;
}

Result<void> writeSyncState(const store::Database &database, const SyncState &state)
{
    QSqlQuery query(database.connection());
    query.prepare(QStringLiteral(
        "INSERT INTO sync_state (id, device_id, account, enabled, capture, applying, hlc_wall, hlc_counter, "
        "pull_cursor, last_sync_at, last_error, disabled_at) VALUES (1, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET device_id = excluded.device_id, account = excluded.account, "
        "enabled = excluded.enabled, capture = excluded.capture, applying = 0, hlc_wall = excluded.hlc_wall, "
        "hlc_counter = excluded.hlc_counter, pull_cursor = excluded.pull_cursor, "
        "last_sync_at = excluded.last_sync_at, last_error = excluded.last_error, "
        "disabled_at = excluded.disabled_at"));
    query.addBindValue(store::sqlText(state.deviceId));
    query.addBindValue(store::sqlText(state.account));
    query.addBindValue(int(state.enabled));
    query.addBindValue(int(state.capture));
    query.addBindValue(qlonglong(state.clock.wallMs));
    query.addBindValue(qlonglong(state.clock.counter));
    query.addBindValue(qlonglong(state.cursor));
    query.addBindValue(qlonglong(state.lastSyncAt));
    query.addBindValue(store::sqlText(state.lastError));
    query.addBindValue(qlonglong(state.disabledAt));
    return store::execute(query, QStringLiteral("Saving the sync state"));
}

Result<std::int64_t> databaseNowMs(const store::Database &database)
{
    QSqlQuery query(database.connection());
    query.prepare(QStringLiteral("SELECT ") + nowMsSql(database.backend()));
    if (auto done = store::execute(query, QStringLiteral("Reading the database clock")); !done)
        return Error { done.error() };
    if (!query.next())
        return Error { QStringLiteral("Reading the database clock gave no row") };
    return std::int64_t(query.value(0).toLongLong());
}

} // namespace pt::sync
