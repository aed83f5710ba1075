#include "sync/changecapture.h"

#include "store/database.h"
#include "store/sqlrows.h"
#include "sync/syncfields.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QSqlError>
#include <QSqlQuery>

namespace pt::sync {

namespace {

using store::Backend;

const QString &tableOf(RecordKind kind)
{
    return kindSpec(kind).table;
}

// One field's value as a JSON-building function takes it.
QString fieldValueSql(const FieldSpec &field, Backend backend, const QString &alias)
{
    const QString column = alias + u'.' + field.column;
    switch (field.type) {
    case FieldType::Text:
    case FieldType::Enum:
    case FieldType::Integer:
        return column;
    case FieldType::Boolean:
        return backend == Backend::Sqlite
            ? QStringLiteral("json(CASE WHEN %1 <> 0 THEN 'true' ELSE 'false' END)").arg(column)
            : QStringLiteral("(%1 <> 0)").arg(column);
    case FieldType::Decimal:
        // SQLite keeps the canonical text the store wrote. PostgreSQL's
        // NUMERIC(39,12) prints twelve fractional digits: trimmed, so both
        // backends give the same text for the same value.
        return backend == Backend::Sqlite ? column : QStringLiteral("trim_scale(%1)::text").arg(column);
    case FieldType::Date:
        return backend == Backend::Sqlite ? column : QStringLiteral("to_char(%1, 'YYYY-MM-DD')").arg(column);
    case FieldType::Reference:
        return QStringLiteral("(SELECT sync_ref.uuid FROM %1 sync_ref WHERE sync_ref.id = %2)")
            .arg(tableOf(field.references), column);
    }
    return column;
}

// The columns whose change is a change of the record: the synced ones and the tombstone.
QStringList syncedColumns(const KindSpec &spec)
{
    QStringList columns;
    for (const FieldSpec &field : spec.fields)
        columns << field.column;
    columns << QStringLiteral("deleted");
    return columns;
}

QString sqliteTrigger(const KindSpec &spec, const QString &operation)
{
    const bool isDelete = operation == u"DELETE";
    const QString row = isDelete ? QStringLiteral("OLD") : QStringLiteral("NEW");
    const QString kind = recordKindName(spec.kind);
    QString when = QStringLiteral("(SELECT capture = 1 AND applying = 0 FROM sync_state WHERE id = 1)");
    if (operation == u"UPDATE") {
        QStringList changed;
        for (const QString &column : syncedColumns(spec))
            changed << QStringLiteral("OLD.%1 IS NOT NEW.%1").arg(column);
        when += QStringLiteral(" AND (") + changed.join(QStringLiteral(" OR ")) + u')';
    }
    const QString now = nowMsSql(Backend::Sqlite);
    return QStringLiteral(
               "CREATE TRIGGER sync_capture_%1_%2 AFTER %3 ON %4 WHEN %5 BEGIN\n"
               "UPDATE sync_state SET hlc_counter = CASE WHEN %6 > hlc_wall THEN 0 ELSE hlc_counter + 1 END, "
               "hlc_wall = max(hlc_wall, %6) WHERE id = 1;\n"
               "INSERT INTO sync_outbox (kind, record_uuid, hlc_wall, hlc_counter, deleted, fields) "
               "SELECT '%7', %8.uuid, hlc_wall, hlc_counter, %9, %10 FROM sync_state WHERE id = 1;\n"
               "INSERT INTO sync_record_clock (kind, record_uuid, hlc_wall, hlc_counter, device_id) "
               "SELECT '%7', %8.uuid, hlc_wall, hlc_counter, device_id FROM sync_state WHERE id = 1 "
               "ON CONFLICT (kind, record_uuid) DO UPDATE SET hlc_wall = excluded.hlc_wall, "
               "hlc_counter = excluded.hlc_counter, device_id = excluded.device_id;\n"
               "END")
        .arg(spec.table, operation.toLower(), operation, spec.table, when, now, kind, row,
             isDelete ? QStringLiteral("1") : row + QStringLiteral(".deleted"),
             fieldsJsonSql(spec, Backend::Sqlite, row));
}

QStringList sqliteStatements()
{
    QStringList statements;
    for (const RecordKind kind : SyncedKinds) {
        const KindSpec &spec = kindSpec(kind);
        for (const QString &operation :
             { QStringLiteral("INSERT"), QStringLiteral("UPDATE"), QStringLiteral("DELETE") }) {
            statements
                << QStringLiteral("DROP TRIGGER IF EXISTS sync_capture_%1_%2").arg(spec.table, operation.toLower());
            statements << sqliteTrigger(spec, operation);
        }
    }
    return statements;
}

// PostgreSQL: one function steps the clock and records a change; one trigger
// function per table builds the record's fields.
QString postgresRecordFunction()
{
    return QStringLiteral(
               "CREATE OR REPLACE FUNCTION pt_sync_record(p_kind text, p_uuid text, p_deleted integer, p_fields text)\n"
               "RETURNS void LANGUAGE plpgsql AS $fn$\n"
               "DECLARE\n"
               "    v_now bigint := %1;\n"
               "    v_wall bigint;\n"
               "    v_counter bigint;\n"
               "    v_device text;\n"
               "BEGIN\n"
               "    UPDATE sync_state SET hlc_counter = CASE WHEN v_now > hlc_wall THEN 0 ELSE hlc_counter + 1 END,\n"
               "                          hlc_wall = greatest(hlc_wall, v_now)\n"
               "        WHERE id = 1 RETURNING hlc_wall, hlc_counter, device_id INTO v_wall, v_counter, v_device;\n"
               "    INSERT INTO sync_outbox (kind, record_uuid, hlc_wall, hlc_counter, deleted, fields)\n"
               "        VALUES (p_kind, p_uuid, v_wall, v_counter, p_deleted, p_fields);\n"
               "    INSERT INTO sync_record_clock (kind, record_uuid, hlc_wall, hlc_counter, device_id)\n"
               "        VALUES (p_kind, p_uuid, v_wall, v_counter, v_device)\n"
               "        ON CONFLICT (kind, record_uuid) DO UPDATE SET hlc_wall = excluded.hlc_wall,\n"
               "            hlc_counter = excluded.hlc_counter, device_id = excluded.device_id;\n"
               "END\n"
               "$fn$")
        .arg(nowMsSql(Backend::PostgreSql));
}

QStringList postgresStatements()
{
    QStringList statements { postgresRecordFunction() };
    for (const RecordKind kind : SyncedKinds) {
        const KindSpec &spec = kindSpec(kind);
        statements
            << QStringLiteral(
                   "CREATE OR REPLACE FUNCTION pt_sync_capture_%1() RETURNS trigger LANGUAGE plpgsql AS $fn$\n"
                   "DECLARE\n"
                   "    r %1%ROWTYPE;\n"
                   "BEGIN\n"
                   "    IF NOT EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND capture = 1 AND applying = 0) "
                   "THEN\n"
                   "        RETURN NULL;\n"
                   "    END IF;\n"
                   "    IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;\n"
                   "    PERFORM pt_sync_record('%2', r.uuid, CASE WHEN TG_OP = 'DELETE' THEN 1 ELSE r.deleted END,\n"
                   "                           %3);\n"
                   "    RETURN NULL;\n"
                   "END\n"
                   "$fn$")
                   .arg(spec.table, recordKindName(kind),
                        fieldsJsonSql(spec, Backend::PostgreSql, QStringLiteral("r")));
        QStringList changed;
        for (const QString &column : syncedColumns(spec))
            changed << QStringLiteral("OLD.%1 IS DISTINCT FROM NEW.%1").arg(column);
        statements << QStringLiteral("DROP TRIGGER IF EXISTS sync_capture_%1_write ON %1").arg(spec.table)
                   << QStringLiteral("DROP TRIGGER IF EXISTS sync_capture_%1_update ON %1").arg(spec.table)
                   << QStringLiteral("CREATE TRIGGER sync_capture_%1_write AFTER INSERT OR DELETE ON %1 "
                                     "FOR EACH ROW EXECUTE FUNCTION pt_sync_capture_%1()")
                          .arg(spec.table)
                   << QStringLiteral("CREATE TRIGGER sync_capture_%1_update AFTER UPDATE ON %1 FOR EACH ROW "
                                     "WHEN (%2) EXECUTE FUNCTION pt_sync_capture_%1()")
                          .arg(spec.table, changed.join(QStringLiteral(" OR ")));
    }
    return statements;
}

} // namespace

QString nowMsSql(store::Backend backend)
{
    return backend == Backend::Sqlite ? QStringLiteral("CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)")
                                      : QStringLiteral("floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint");
}

QString fieldsJsonSql(const KindSpec &spec, store::Backend backend, const QString &alias)
{
    QStringList arguments;
    for (const FieldSpec &field : spec.fields)
        arguments << QStringLiteral("'%1', %2").arg(field.key, fieldValueSql(field, backend, alias));
    const QString joined = arguments.join(QStringLiteral(", "));
    return backend == Backend::Sqlite ? QStringLiteral("json_object(%1)").arg(joined)
                                      : QStringLiteral("jsonb_build_object(%1)::text").arg(joined);
}

Result<void> installCapture(const store::Database &database)
{
    const QStringList statements = database.backend() == Backend::Sqlite ? sqliteStatements() : postgresStatements();
    QSqlQuery query(database.connection());
    for (const QString &statement : statements) {
        if (!query.exec(statement))
            return Error { store::describeSqlError(QStringLiteral("Installing the sync triggers"), query.lastError()) };
    }
    return {};
}

Result<QJsonObject> parseFields(const QString &text)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return Error { QStringLiteral("stored fields are not a JSON object (%1)").arg(error.errorString()) };
    return document.object();
}

Result<std::vector<RecordState>> readRecordStates(const store::Database &database, std::int64_t updatedAfter)
{
    std::vector<RecordState> records;
    QSqlQuery query(database.connection());
    store::setReadMode(query);
    for (const RecordKind kind : SyncedKinds) {
        const KindSpec &spec = kindSpec(kind);
        query.prepare(QStringLiteral("SELECT r.uuid, r.deleted, r.updated_at, %1 FROM %2 r WHERE r.updated_at > ? "
                                     "ORDER BY r.updated_at, r.id")
                          .arg(fieldsJsonSql(spec, database.backend(), QStringLiteral("r")), spec.table));
        query.addBindValue(qlonglong(updatedAfter));
        if (auto done = store::execute(query, QStringLiteral("Reading %1 records").arg(spec.table)); !done)
            return Error { done.error() };
        while (query.next()) {
            RecordState record;
            record.kind = kind;
            record.uuid = query.value(0).toString();
            record.deleted = query.value(1).toInt() != 0;
            record.updatedAt = query.value(2).toLongLong();
            auto fields = parseFields(query.value(3).toString());
            if (!fields)
                return Error { QStringLiteral("%1 %2: %3").arg(recordKindName(kind), record.uuid, fields.error()) };
            record.fields = std::move(*fields);
            records.push_back(std::move(record));
        }
        query.finish();
    }
    return records;
}

} // namespace pt::sync
