#include "sync/outbox.h"

#include "store/database.h"
#include "store/sqlrows.h"

#include <QHash>
#include <QJsonDocument>
#include <QSqlQuery>

#include <algorithm>

namespace pt::sync {

namespace {

// The smallest wall time a change may carry on the wire (decodePushRequest).
constexpr std::int64_t MinimumWallMs = 1'000'000'000'000;

} // namespace

Result<OutboxBatch> readOutbox(const store::Database &database, const QString &deviceId, int limit, std::int64_t maxSeq)
{
    QSqlQuery query(database.connection());
    store::setReadMode(query);
    query.prepare(QStringLiteral("SELECT seq, kind, record_uuid, hlc_wall, hlc_counter, deleted, fields "
                                 "FROM sync_outbox WHERE seq <= ? ORDER BY seq LIMIT ?"));
    query.addBindValue(qlonglong(maxSeq));
    query.addBindValue(limit);
    if (auto done = store::execute(query, QStringLiteral("Reading the sync outbox")); !done)
        return Error { done.error() };
    OutboxBatch batch;
    while (query.next()) {
        const std::int64_t seq = query.value(0).toLongLong();
        const auto kind = parseRecordKind(query.value(1).toString());
        auto fields = parseFields(query.value(6).toString());
        if (!kind || !fields)
            return Error { QStringLiteral("sync outbox row %1 is damaged").arg(seq) };
        SyncChange change;
        change.kind = *kind;
        change.uuid = query.value(2).toString();
        change.stamp = { query.value(3).toLongLong(), std::uint32_t(query.value(4).toLongLong()), deviceId };
        change.deleted = query.value(5).toInt() != 0;
        change.fields = std::move(*fields);
        batch.seqs.push_back(seq);
        batch.changes.push_back(std::move(change));
    }
    return batch;
}

Result<int> dropOvertakenChanges(const store::Database &database)
{
    // NOT IN over the grouped maxima: both backends hash or index the list,
    // where a correlated MAX per row would scan the outbox once per row.
    QSqlQuery query(database.connection());
    query.prepare(QStringLiteral("DELETE FROM sync_outbox WHERE seq NOT IN "
                                 "(SELECT MAX(seq) FROM sync_outbox GROUP BY kind, record_uuid)"));
    if (auto done = store::execute(query, QStringLiteral("Dropping overtaken changes from the sync outbox")); !done)
        return Error { done.error() };
    return query.numRowsAffected();
}

Result<void> removeFromOutbox(const store::Database &database, const std::vector<std::int64_t> &seqs)
{
    if (seqs.empty())
        return {};
    QStringList list;
    list.reserve(qsizetype(seqs.size()));
    for (const std::int64_t seq : seqs)
        list << QString::number(seq);
    QSqlQuery query(database.connection());
    query.prepare(QStringLiteral("DELETE FROM sync_outbox WHERE seq IN (%1)").arg(list.join(u',')));
    return store::execute(query, QStringLiteral("Removing acknowledged changes from the sync outbox"));
}

namespace {

Result<std::int64_t> singleInteger(const store::Database &database, const QString &sql, const QString &what)
{
    QSqlQuery query(database.connection());
    query.prepare(sql);
    if (auto done = store::execute(query, what); !done)
        return Error { done.error() };
    return std::int64_t(query.next() ? query.value(0).toLongLong() : 0);
}

} // namespace

Result<std::int64_t> outboxSize(const store::Database &database)
{
    return singleInteger(database, QStringLiteral("SELECT COUNT(*) FROM sync_outbox"),
                         QStringLiteral("Counting the sync outbox"));
}

Result<std::int64_t> lastOutboxSeq(const store::Database &database)
{
    return singleInteger(database, QStringLiteral("SELECT COALESCE(MAX(seq), 0) FROM sync_outbox"),
                         QStringLiteral("Reading the sync outbox"));
}

Result<HlcClock> queueRecords(const store::Database &database, const std::vector<RecordState> &records,
                              const QString &device, HlcClock clock, QueueStamps stamps, std::int64_t nowMs)
{
    // A device's stamps must be unique (the server's log is unique on them):
    // records last changed in the same millisecond get counters 0, 1, 2, …
    QHash<std::int64_t, std::uint32_t> usedAtWall;
    std::vector<QVariantList> outboxRows;
    std::vector<QVariantList> clockRows;
    outboxRows.reserve(records.size());
    clockRows.reserve(records.size());
    QSqlQuery forget(database.connection());
    forget.prepare(QStringLiteral("DELETE FROM sync_record_clock WHERE kind = ? AND record_uuid = ?"));
    for (const RecordState &record : records) {
        HlcClock stamp;
        if (stamps == QueueStamps::LastChange) {
            // The protocol's stamps start in 2001 (syncmessage.cpp); a record
            // stamped earlier (or never) counts as changed then.
            stamp.wallMs = std::max<std::int64_t>(record.updatedAt, MinimumWallMs);
            stamp.counter = usedAtWall.value(stamp.wallMs, 0);
            usedAtWall[stamp.wallMs] = stamp.counter + 1;
            clock = std::max(clock, stamp);
        } else {
            clock = hlcTick(clock, nowMs);
            stamp = clock;
        }
        const QString kind = recordKindName(record.kind);
        if (stamps == QueueStamps::Now) { // LastChange: the caller emptied sync_record_clock
            forget.addBindValue(kind);
            forget.addBindValue(record.uuid);
            if (auto done = store::execute(forget, QStringLiteral("Resetting a record's sync stamp")); !done)
                return Error { done.error() };
        }
        const QString fields = QString::fromUtf8(QJsonDocument(record.fields).toJson(QJsonDocument::Compact));
        outboxRows.push_back(
            { kind, record.uuid, qlonglong(stamp.wallMs), qlonglong(stamp.counter), int(record.deleted), fields });
        clockRows.push_back({ kind, record.uuid, qlonglong(stamp.wallMs), qlonglong(stamp.counter), device });
    }
    if (auto done = store::insertRowsInBatches(
            database,
            QStringLiteral("INSERT INTO sync_outbox (kind, record_uuid, hlc_wall, hlc_counter, deleted, fields) "),
            outboxRows, QStringLiteral("Queueing records for sync"));
        !done)
        return Error { done.error() };
    if (auto done = store::insertRowsInBatches(
            database,
            QStringLiteral("INSERT INTO sync_record_clock (kind, record_uuid, hlc_wall, hlc_counter, device_id) "),
            clockRows, QStringLiteral("Stamping records for sync"));
        !done)
        return Error { done.error() };
    return clock;
}

} // namespace pt::sync
