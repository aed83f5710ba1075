#pragma once

#include "domain/types.h"
#include "result.h"
#include "store/storelocation.h"

#include <QSqlQuery>
#include <QVariant>

#include <optional>
#include <vector>

struct sqlite3;
struct pg_conn; // libpq's PGconn

namespace pt::store {

class Database;

// Conversions between domain values and SQL values, shared by the repositories
// so every table stores decimals, dates and stamps the same way.

// Decimals travel as canonical text: exact in SQLite's TEXT columns and
// accepted by PostgreSQL's NUMERIC.
QVariant sqlValue(Decimal value);
// An optional decimal column: NULL for zero.
QVariant sqlValueOrNull(Decimal value);
QVariant sqlValue(QDate date);
// Text for a NOT NULL column: Qt binds a null QString as NULL, so empty text
// must be made non-null.
QVariant sqlText(const QString &text);
// Null text for an optional reference.
QVariant sqlIdOrNull(RowId id);

Decimal decimalFrom(const QVariant &value); // NULL reads as zero; garbage as invalid

// Market-data columns (${SCALED_DECIMAL} in the migrations): an integer count of
// 10^-8 units when the value is exactly that, else canonical text. Integers are
// smaller and several times cheaper for SQLite to write than text.
constexpr std::int64_t RawPerScaledUnit = 10'000; // 10^-8 in Decimal's 10^-12 units
// The integer form, or nothing when the value needs the text form.
std::optional<std::int64_t> scaledInteger(Decimal value);
Decimal scaledDecimalFrom(const QVariant &value); // NULL reads as zero
// The same encoding for a QSqlQuery binding: NULL for zero (absent), else as
// above on SQLite; on PostgreSQL, where the column is NUMERIC, the canonical text.
QVariant sqlScaledValue(Decimal value, Backend backend);

// The key of a daily_price row: (asset id << 22) + the day's Julian day number.
std::int64_t priceKey(RowId assetId, QDate day);
QDate priceKeyDay(std::int64_t key);
RowId priceKeyAsset(std::int64_t key);
QDate dateFrom(const QVariant &value);
// Strictly "YYYY-MM-DD" (what sqlValue(QDate) writes), else an invalid date:
// no other separators, no trailing text, no year 0, no 30 February. Allocates
// nothing, for bulk readers; the two overloads accept exactly the same text.
QDate isoDateFrom(QByteArrayView utf8);
QDate isoDateFrom(QStringView text);
// An exact decimal from the UTF-8 text of a ${DECIMAL} column, by the same
// parser as decimalFrom (garbage reads as invalid), without allocating for
// the text of any decimal that fits in Decimal::MaxCanonicalLength.
Decimal decimalFromUtf8(QByteArrayView utf8);

// A fresh stamp for a new record: random UUID, created = updated = now.
RecordStamp newStamp(const Database &database);
QString uuidText(const QUuid &uuid);

// The SQLite handle under a QSQLITE connection, for the bulk paths that bind
// and read straight through SQLite's statements; null for any other driver.
sqlite3 *rawSqliteHandle(const QSqlDatabase &connection);
// The libpq connection (PGconn) under a QPSQL connection, for COPY and the
// server's prepared statements; null for any other driver or a closed one.
pg_conn *rawPostgresHandle(const QSqlDatabase &connection);

// Makes a query that reads rows fetch them the cheap way for its driver:
// forward-only on SQLite (Qt then caches no rows), whole results on
// PostgreSQL, where QPSQL's forward-only mode is libpq's single-row mode (a
// result per row, several times slower, and rows lost if another query runs on
// the connection before all are read).
void setReadMode(QSqlQuery &query);

// Executes a prepared query, turning a failure into an error that says what was attempted.
Result<void> execute(QSqlQuery &query, const QString &what);

// Dialect differences the repositories' SQL needs, by backend.
//
// What to append to an INSERT so insertedId() can read the new row's id:
// " RETURNING id" on PostgreSQL (whose lastInsertId costs a second query,
// SELECT lastval()); nothing on SQLite, whose lastInsertId is free.
QString returningId(const Database &database);
// The id of the row an INSERT (with returningId()) just made.
RowId insertedId(QSqlQuery &query);
// NULL-safe "differs": SQLite's IS NOT, PostgreSQL's IS DISTINCT FROM.
QString isDistinctFrom(const Database &database);
// A text column in ORDER BY, sorted by code point on both backends
// (SQLite's BINARY; on PostgreSQL the "C" collation, whatever the database's).
QString byCodePoint(const Database &database, const QString &column);

// A value as an SQL literal, quoted and escaped by the connection's driver
// exactly as QPSQL quotes bound values: for the multi-row statements of the
// bulk writes on PostgreSQL.
QString sqlLiteral(const QSqlDatabase &connection, const QVariant &value);

// PostgreSQL: `rows` in multi-row INSERTs of up to 500 rows each, one round
// trip per batch instead of per row. `head` is "INSERT INTO table (columns) ";
// each row holds one value per column.
Result<void> insertRowsInBatches(const Database &database, const QString &head, const std::vector<QVariantList> &rows,
                                 const QString &what);

// Resolves "a UUID or a unique prefix of at least 8 characters" in `table`.
// Returns 0 when the reference is not UUID-like, an error when it is ambiguous.
Result<RowId> findIdByUuidPrefix(const Database &database, const QString &table, QStringView reference);

} // namespace pt::store
