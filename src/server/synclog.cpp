#include "synclog.h"

#include "pg/pgstatement.h"
#include "store/database.h"
#include "store/sqlrows.h"

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

// One account's pushes one after another: its log positions are then taken in
// commit order, and a pull by cursor can never step over a position that a
// slower transaction commits later.
const PgStatement LockStatement{"pt_sync_lock", "SELECT pg_advisory_xact_lock($1::int, $2::int)"};

// One statement for the whole batch: the changes travel as arrays, one per
// column (unnest), the log takes those it does not have yet (unique on
// account, stamp and device), and each record's state takes the newest of
// them where it is newer than what it holds. Devices compare by code point
// ("C"), as HlcTimestamp's ordering does. The cursor is the newest position
// this statement wrote or, under the account's lock, any committed before.
const PgStatement PushStatement{"pt_sync_push", R"(
WITH batch AS (
    SELECT * FROM unnest($4::bigint[], $5::bigint[], $6::text[], $7::text[], $8::boolean[], $9::text[])
        WITH ORDINALITY AS b(wall, counter, kind, uuid, deleted, fields, i)
), appended AS (
    INSERT INTO sync_log (account_id, hlc_wall, hlc_counter, device_id, kind, record_uuid, deleted, fields, received_at)
    SELECT $1, wall, counter, $3, kind, uuid, deleted, fields, $2 FROM batch ORDER BY i
    ON CONFLICT (account_id, hlc_wall, hlc_counter, device_id) DO NOTHING
    RETURNING seq, kind, record_uuid, hlc_wall, hlc_counter, device_id, deleted, fields
), newest AS (
    SELECT DISTINCT ON (kind, record_uuid) * FROM appended
    ORDER BY kind, record_uuid, hlc_wall DESC, hlc_counter DESC, device_id COLLATE "C" DESC
), recorded AS (
    INSERT INTO sync_record AS r (account_id, kind, record_uuid, hlc_wall, hlc_counter, device_id, deleted, fields, seq)
    SELECT $1, kind, record_uuid, hlc_wall, hlc_counter, device_id, deleted, fields, seq FROM newest
    ON CONFLICT (account_id, kind, record_uuid) DO UPDATE
        SET hlc_wall = excluded.hlc_wall, hlc_counter = excluded.hlc_counter, device_id = excluded.device_id,
            deleted = excluded.deleted, fields = excluded.fields, seq = excluded.seq
        WHERE (excluded.hlc_wall, excluded.hlc_counter, excluded.device_id COLLATE "C")
            > (r.hlc_wall, r.hlc_counter, r.device_id COLLATE "C")
    RETURNING 1
)
SELECT (SELECT count(*) FROM appended), (SELECT count(*) FROM recorded),
       GREATEST((SELECT max(seq) FROM appended),
                (SELECT COALESCE(max(seq), 0) FROM sync_log WHERE account_id = $1)))"};

const PgStatement LastSeqStatement{"pt_sync_last_seq",
                                   "SELECT COALESCE(max(seq), 0) FROM sync_log WHERE account_id = $1"};

// One more than asked for: whether it is there says if another page follows.
const PgStatement PullStatement{"pt_sync_pull",
                                "SELECT seq, kind, record_uuid, hlc_wall, hlc_counter, device_id, deleted, fields "
                                "FROM sync_log WHERE account_id = $1 AND seq > $2 ORDER BY seq LIMIT $3"};

QByteArray number(std::int64_t value)
{
    return QByteArray::number(qlonglong(value));
}

// An element of a PostgreSQL array literal, quoted: `"` and `\` escaped.
// Appends runs between those characters whole (a push's fields are ~50 KB).
void appendArrayText(QByteArray &literal, QByteArrayView text)
{
    literal += '"';
    qsizetype runStart = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] == '"' || text[i] == '\\') {
            literal.append(text.sliced(runStart, i - runStart));
            literal += '\\';
            runStart = i;
        }
    }
    literal.append(text.sliced(runStart));
    literal += '"';
}

// Text as a JSON string. The server's own values (kinds, UUIDs) never need
// escaping, but a log row is not trusted to be well-formed JSON text.
void appendJsonString(QByteArray &json, QByteArrayView text)
{
    json += '"';
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            json += '\\';
            json += c;
        } else if (byte < 0x20) {
            json += "\\u00";
            json += "0123456789abcdef"[byte >> 4];
            json += "0123456789abcdef"[byte & 0xf];
        } else {
            json += c;
        }
    }
    json += '"';
}

// A pulled row as changeToJson writes a change; `fields` spliced as stored.
void appendChange(QByteArray &json, const PgRows &rows, int row)
{
    json += R"({"deleted":)";
    json += rows.boolean(row, 6) ? "true" : "false";
    json += R"(,"fields":)";
    json += rows.text(row, 7);
    json += R"(,"hlc":{"counter":)";
    json += rows.text(row, 4);
    json += R"(,"device":)";
    appendJsonString(json, rows.text(row, 5));
    json += R"(,"wall":)";
    json += rows.text(row, 3);
    json += R"(},"kind":)";
    appendJsonString(json, rows.text(row, 1));
    json += R"(,"seq":)";
    json += rows.text(row, 0);
    json += R"(,"uuid":)";
    appendJsonString(json, rows.text(row, 2));
    json += '}';
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

// The batch's columns as PostgreSQL array literals, for PushStatement.
struct BatchArrays
{
    QByteArray walls = "{", counters = "{", kinds = "{", uuids = "{", deleted = "{", fields = "{";

    // The fields' text from `fieldsJson` when it has one per change (a
    // decoded request), else serialised here.
    BatchArrays(const std::vector<sync::SyncChange> &changes, const std::vector<QByteArray> &fieldsJson)
    {
        const bool haveText = fieldsJson.size() == changes.size();
        fields.reserve(qsizetype(changes.size()) * 512);
        for (std::size_t i = 0; i < changes.size(); ++i) {
            const sync::SyncChange &change = changes[i];
            if (i != 0) {
                for (QByteArray *array : {&walls, &counters, &kinds, &uuids, &deleted, &fields})
                    *array += ',';
            }
            walls += number(change.stamp.wallMs);
            counters += number(change.stamp.counter);
            appendArrayText(kinds, sync::recordKindName(change.kind).toLatin1());
            appendArrayText(uuids, change.uuid.toLatin1());
            deleted += change.deleted ? 't' : 'f';
            appendArrayText(fields, haveText ? QByteArrayView(fieldsJson[i])
                                             : QByteArrayView(QJsonDocument(change.fields).toJson(QJsonDocument::Compact)));
        }
        for (QByteArray *array : {&walls, &counters, &kinds, &uuids, &deleted, &fields})
            *array += '}';
    }
};

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

    const QByteArray account = number(accountId);
    sync::PushReply reply;
    const auto written = m_database.inTransaction([&]() -> Result<void> {
        const QByteArray lockKey = number(static_cast<int>(static_cast<std::uint32_t>(accountId)));
        if (auto locked = LockStatement.execute(m_database, {number(SyncLockClass), lockKey},
                                                QStringLiteral("Locking the account's sync log"));
            !locked)
            return Error{locked.error()};
        if (request.changes.empty()) {
            auto end = LastSeqStatement.execute(m_database, {account}, QStringLiteral("Reading the sync log's end"));
            if (!end)
                return Error{end.error()};
            reply.cursor = end->integer(0, 0);
            return {};
        }
        const BatchArrays batch(request.changes, request.fieldsJson);
        auto counts = PushStatement.execute(m_database,
                                            {account, number(nowMs), request.deviceId.toLatin1(), batch.walls,
                                             batch.counters, batch.kinds, batch.uuids, batch.deleted, batch.fields},
                                            QStringLiteral("Appending to the sync log"));
        if (!counts)
            return Error{counts.error()};
        if (counts->count() != 1)
            return Error{QStringLiteral("Appending to the sync log returned no counts")};
        reply.accepted = int(counts->integer(0, 0));
        reply.duplicates = int(request.changes.size()) - reply.accepted;
        reply.cursor = counts->integer(0, 2);
        return {};
    });
    if (!written)
        return failed(QStringLiteral("account %1: push of %2 changes: %3")
                          .arg(accountId)
                          .arg(request.changes.size())
                          .arg(written.error()));
    return reply;
}

Outcome<EncodedPullPage> SyncLog::pullEncoded(std::int64_t accountId, std::int64_t after, int limit) const
{
    if (after < 0)
        return badRequest(QStringLiteral("after: must be 0 or a cursor the server gave"));
    if (limit < 1 || limit > sync::MaxChangesPerPull)
        return badRequest(QStringLiteral("limit: must be 1 to %1").arg(sync::MaxChangesPerPull));

    const auto rows = PullStatement.execute(m_database, {number(accountId), number(after), number(limit + 1)},
                                            QStringLiteral("Reading the sync log"));
    if (!rows)
        return failed(QStringLiteral("account %1: %2").arg(accountId).arg(rows.error()));

    EncodedPullPage page;
    page.changeCount = std::min(rows->count(), limit);
    QByteArray &json = page.json;
    json.reserve(64 + qsizetype(page.changeCount) * 600);
    json += R"({"changes":[)";
    for (int row = 0; row < page.changeCount; ++row) {
        if (row != 0)
            json += ',';
        appendChange(json, *rows, row);
    }
    json += R"(],"cursor":)";
    json += page.changeCount > 0 ? rows->text(page.changeCount - 1, 0).toByteArray() : number(after);
    json += R"(,"more":)";
    json += rows->count() > limit ? "true" : "false";
    json += '}';
    return page;
}

Outcome<sync::PullPage> SyncLog::pull(std::int64_t accountId, std::int64_t after, int limit) const
{
    auto encoded = pullEncoded(accountId, after, limit);
    if (!encoded)
        return encoded.refusal();
    auto page = sync::decodePullPage(encoded->json);
    if (!page)
        return failed(QStringLiteral("account %1: the pull page does not read back: %2").arg(accountId).arg(page.error()));
    return std::move(*page);
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
