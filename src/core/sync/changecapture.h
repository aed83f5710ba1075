#pragma once

#include "result.h"
#include "store/storelocation.h"
#include "sync/syncmessage.h"

#include <QJsonObject>
#include <QString>

#include <cstdint>
#include <vector>

namespace pt::store {
class Database;
}

namespace pt::sync {

struct KindSpec;

// Change capture: triggers on portfolio, asset and ledger_transaction that,
// in the transaction of every insert, update (of a synced column) or
// physical delete, step the store's hybrid logical clock (sync_state), add an
// outbox row with the record's fields as JSON, and set the record's stamp in
// sync_record_clock. The clock and the JSON are computed by the database
// itself, so every writer is covered (repositories, SQLite's bulk path, COPY,
// imports), and a write that rolls back leaves no row and no clock step.
// The triggers act only while sync_state says capture = 1 and applying = 0.

// The database's clock in ms since the epoch, as an SQL expression.
QString nowMsSql(store::Backend backend);

// An SQL expression: the fields of the record in row `alias` as JSON text,
// references as the referenced records' UUIDs, decimals as canonical text.
QString fieldsJsonSql(const KindSpec &spec, store::Backend backend, const QString &alias);

// Creates the triggers, replacing any earlier version of them.
Result<void> installCapture(const store::Database &database);

// One record as the store holds it now.
struct RecordState
{
    RecordKind kind = RecordKind::Portfolio;
    QString uuid;
    bool deleted = false;
    std::int64_t updatedAt = 0;
    QJsonObject fields;
};

// Every synced record (live and deleted), kinds in SyncedKinds order, each
// kind by updated_at, then id. With `updatedAfter` >= 0 only the records
// changed after it.
Result<std::vector<RecordState>> readRecordStates(const store::Database &database, std::int64_t updatedAfter = -1);

// A change's fields as stored (the outbox's and the inbox's `fields` column).
Result<QJsonObject> parseFields(const QString &text);

} // namespace pt::sync
