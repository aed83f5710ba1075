#include "synclog.h"

#include "store/database.h"
#include "store/sqlrows.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSqlQuery>

Q_LOGGING_CATEGORY(lcSyncLog, "pt.server.synclog", QtInfoMsg)

namespace pt::server {

namespace {

// pg_advisory_xact_lock(SyncLockClass, account): the two-key form, so it can
// never meet the store's one-key migration lock. 'SYNC'.
constexpr int SyncLockClass = 0x53594e43;

// The columns every reader of sync_log and sync_record reads, in this order.
const QString ChangeColumns
    = QStringLiteral("seq, kind, record_uuid, hlc_wall, hlc_counter, device_id, deleted, fields");

// One statement for the whole batch: the changes travel as one JSON array
// (json_to_recordset), the log takes those it does not have yet (unique on
// account, stamp and device), and each record's state takes the newest of
// them where it is newer than what it holds. Devices compare by code point
// ("C"), as HlcTimestamp's ordering does.
const QString PushStatement = QStringLiteral(R"(
WITH batch AS (
    SELECT * FROM json_to_recordset(?::json)
        AS b(i INT, wall BIGINT, counter BIGINT, device TEXT, kind TEXT, uuid TEXT, deleted BOOLEAN, fields TEXT)
), appended AS (
    INSERT INTO sync_log (account_id, hlc_wall, hlc_counter, device_id, kind, record_uuid, deleted, fields, received_at)
    SELECT ?, wall, counter, device, kind, uuid, deleted, fields, ? FROM batch ORDER BY i
    ON CONFLICT (account_id, hlc_wall, hlc_counter, device_id) DO NOTHING
    RETURNING seq, kind, record_uuid, hlc_wall, hlc_counter, device_id, deleted, fields
), newest AS (
    SELECT DISTINCT ON (kind, record_uuid) * FROM appended
    ORDER BY kind, record_uuid, hlc_wall DESC, hlc_counter DESC, device_id COLLATE "C" DESC
), recorded AS (
    INSERT INTO sync_record AS r (account_id, kind, record_uuid, hlc_wall, hlc_counter, device_id, deleted, fields, seq)
    SELECT ?, kind, record_uuid, hlc_wall, hlc_counter, device_id, deleted, fields, seq FROM newest
    ON CONFLICT (account_id, kind, record_uuid) DO UPDATE
        SET hlc_wall = excluded.hlc_wall, hlc_counter = excluded.hlc_counter, device_id = excluded.device_id,
            deleted = excluded.deleted, fields = excluded.fields, seq = excluded.seq
        WHERE (excluded.hlc_wall, excluded.hlc_counter, excluded.device_id COLLATE "C")
            > (r.hlc_wall, r.hlc_counter, r.device_id COLLATE "C")
    RETURNING 1
)
SELECT (SELECT count(*) FROM appended), (SELECT count(*) FROM recorded))");

QByteArray compactJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// The batch as json_to_recordset reads it; fields as their compact text.
QByteArray batchJson(const std::vector<sync::SyncChange> &changes)
{
    QJsonArray rows;
    for (std::size_t i = 0; i < changes.size(); ++i) {
        const sync::SyncChange &change = changes[i];
        rows.append(QJsonObject{{QStringLiteral("i"), qint64(i)},
                                {QStringLiteral("wall"), qint64(change.stamp.wallMs)},
                                {QStringLiteral("counter"), qint64(change.stamp.counter)},
                                {QStringLiteral("device"), change.stamp.device},
                                {QStringLiteral("kind"), sync::recordKindName(change.kind)},
                                {QStringLiteral("uuid"), change.uuid},
                                {QStringLiteral("deleted"), change.deleted},
                                {QStringLiteral("fields"), QString::fromUtf8(compactJson(change.fields))}});
    }
    return QJsonDocument(rows).toJson(QJsonDocument::Compact);
}

// A change read with ChangeColumns.
Result<sync::SyncChange> readChange(const QSqlQuery &query)
{
    sync::SyncChange change;
    change.seq = query.value(0).toLongLong();
    const auto kind = sync::parseRecordKind(query.value(1).toString());
    if (!kind)
        return Error{QStringLiteral("sync log entry %1: unknown kind '%2'").arg(change.seq).arg(query.value(1).toString())};
    change.kind = *kind;
    change.uuid = query.value(2).toString();
    change.stamp.wallMs = query.value(3).toLongLong();
    change.stamp.counter = static_cast<std::uint32_t>(query.value(4).toLongLong());
    change.stamp.device = query.value(5).toString();
    change.deleted = query.value(6).toBool();
    QJsonParseError error;
    const QJsonDocument fields = QJsonDocument::fromJson(query.value(7).toString().toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !fields.isObject())
        return Error{QStringLiteral("sync log entry %1: its fields are not a JSON object").arg(change.seq)};
    change.fields = fields.object();
    return change;
}

// A database failure: the details to the log, a plain 500 to the client.
Refusal failed(const QString &detail)
{
    qCWarning(lcSyncLog).noquote() << detail;
    return internalError();
}

Result<std::int64_t> lastSeq(const store::Database &database, std::int64_t accountId)
{
    QSqlQuery query(database.connection());
    query.prepare(QStringLiteral("SELECT COALESCE(MAX(seq), 0) FROM sync_log WHERE account_id = ?"));
    query.addBindValue(qlonglong(accountId));
    if (auto done = store::execute(query, QStringLiteral("Reading the sync log's end")); !done)
        return Error{done.error()};
    if (!query.next())
        return Error{QStringLiteral("Reading the sync log's end returned no row")};
    return query.value(0).toLongLong();
}

} // namespace

Outcome<sync::PushReply> SyncLog::push(std::int64_t accountId, const sync::PushRequest &request,
                                       std::int64_t nowMs) const
{
    // Checked before anything is written: one change from the future refuses
    // the push whole, so a device with a broken clock cannot win every merge.
    for (std::size_t i = 0; i < request.changes.size(); ++i) {
        const std::int64_t ahead = request.changes[i].stamp.wallMs - nowMs;
        if (ahead > MaxClockAheadMs) {
            return Refusal{422, QStringLiteral("clock_ahead"),
                           QStringLiteral("change %1 is stamped %2 (ms since the epoch), %3 seconds ahead of the "
                                          "server's clock (at most %4 are allowed); check this device's clock")
                               .arg(i)
                               .arg(request.changes[i].stamp.wallMs)
                               .arg(ahead / 1000)
                               .arg(MaxClockAheadMs / 1000)};
        }
    }

    sync::PushReply reply;
    const auto written = m_database.inTransaction([&]() -> Result<void> {
        QSqlQuery query(m_database.connection());
        // One account's pushes one after another: its log positions are then
        // taken in commit order, and a pull by cursor can never step over a
        // position that a slower transaction commits later.
        query.prepare(QStringLiteral("SELECT pg_advisory_xact_lock(?, ?)"));
        query.addBindValue(SyncLockClass);
        query.addBindValue(static_cast<int>(static_cast<std::uint32_t>(accountId)));
        if (auto done = store::execute(query, QStringLiteral("Locking the account's sync log")); !done)
            return done;
        if (!request.changes.empty()) {
            query.prepare(PushStatement);
            query.addBindValue(QString::fromUtf8(batchJson(request.changes)));
            query.addBindValue(qlonglong(accountId));
            query.addBindValue(qlonglong(nowMs));
            query.addBindValue(qlonglong(accountId));
            if (auto done = store::execute(query, QStringLiteral("Appending to the sync log")); !done)
                return done;
            if (!query.next())
                return Error{QStringLiteral("Appending to the sync log returned no counts")};
            reply.accepted = query.value(0).toInt();
            reply.duplicates = int(request.changes.size()) - reply.accepted;
        }
        query.finish();
        auto cursor = lastSeq(m_database, accountId);
        if (!cursor)
            return Error{cursor.error()};
        reply.cursor = *cursor;
        return {};
    });
    if (!written)
        return failed(QStringLiteral("account %1: push of %2 changes: %3")
                          .arg(accountId)
                          .arg(request.changes.size())
                          .arg(written.error()));
    return reply;
}

Outcome<sync::PullPage> SyncLog::pull(std::int64_t accountId, std::int64_t after, int limit) const
{
    if (after < 0)
        return badRequest(QStringLiteral("after: must be 0 or a cursor the server gave"));
    if (limit < 1 || limit > sync::MaxChangesPerPull)
        return badRequest(QStringLiteral("limit: must be 1 to %1").arg(sync::MaxChangesPerPull));

    QSqlQuery query(m_database.connection());
    store::setReadMode(query);
    // One more than asked for: whether it is there says if another page follows.
    query.prepare(QStringLiteral("SELECT %1 FROM sync_log WHERE account_id = ? AND seq > ? ORDER BY seq LIMIT ?")
                      .arg(ChangeColumns));
    query.addBindValue(qlonglong(accountId));
    query.addBindValue(qlonglong(after));
    query.addBindValue(limit + 1);
    if (auto done = store::execute(query, QStringLiteral("Reading the sync log")); !done)
        return failed(QStringLiteral("account %1: %2").arg(accountId).arg(done.error()));

    sync::PullPage page;
    page.cursor = after;
    while (query.next()) {
        if (int(page.changes.size()) == limit) {
            page.more = true;
            break;
        }
        auto change = readChange(query);
        if (!change)
            return failed(QStringLiteral("account %1: %2").arg(accountId).arg(change.error()));
        page.cursor = change->seq;
        page.changes.push_back(std::move(*change));
    }
    return page;
}

Outcome<sync::SyncChange> SyncLog::record(std::int64_t accountId, sync::RecordKind kind, const QString &uuid) const
{
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("SELECT %1 FROM sync_record WHERE account_id = ? AND kind = ? AND record_uuid = ?")
                      .arg(ChangeColumns));
    query.addBindValue(qlonglong(accountId));
    query.addBindValue(sync::recordKindName(kind));
    query.addBindValue(uuid);
    if (auto done = store::execute(query, QStringLiteral("Reading a record's state")); !done)
        return failed(QStringLiteral("account %1: %2").arg(accountId).arg(done.error()));
    if (!query.next())
        return notFound();
    auto change = readChange(query);
    if (!change)
        return failed(QStringLiteral("account %1: %2").arg(accountId).arg(change.error()));
    return std::move(*change);
}

Outcome<std::vector<sync::SyncChange>> SyncLog::records(std::int64_t accountId) const
{
    QSqlQuery query(m_database.connection());
    store::setReadMode(query);
    query.prepare(QStringLiteral("SELECT %1 FROM sync_record WHERE account_id = ? ORDER BY kind, record_uuid COLLATE \"C\"")
                      .arg(ChangeColumns));
    query.addBindValue(qlonglong(accountId));
    if (auto done = store::execute(query, QStringLiteral("Reading the records' state")); !done)
        return failed(QStringLiteral("account %1: %2").arg(accountId).arg(done.error()));
    std::vector<sync::SyncChange> changes;
    while (query.next()) {
        auto change = readChange(query);
        if (!change)
            return failed(QStringLiteral("account %1: %2").arg(accountId).arg(change.error()));
        changes.push_back(std::move(*change));
    }
    return changes;
}

} // namespace pt::server
