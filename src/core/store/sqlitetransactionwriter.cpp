#include "store/sqlitetransactionwriter.h"

#include "store/database.h"
#include "store/sqlrows.h"

#include <QScopeGuard>

#include <sqlite3.h>

#include <array>
#include <cstdio>
#include <memory>

namespace pt::store {

namespace {

// The columns and values of TransactionRepository's InsertStatement.
constexpr const char *InsertSql =
    "INSERT INTO ledger_transaction (uuid, portfolio_id, type, trade_date, asset_id, counterparty_portfolio_id, "
    "quantity, price, amount, fee, split_numerator, split_denominator, currency, note, created_at, updated_at, "
    "deleted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)";

struct StatementDeleter
{
    void operator()(sqlite3_stmt *statement) const { sqlite3_finalize(statement); }
};

// The text of one row's values, alive until the row is stepped.
struct RowText
{
    char decimals[6][Decimal::MaxCanonicalLength];
    char date[16];
    QByteArray uuid;
    QByteArray currency;
    QByteArray note;
};

void bindIdOrNull(sqlite3_stmt *statement, int index, RowId id)
{
    if (id == 0)
        sqlite3_bind_null(statement, index);
    else
        sqlite3_bind_int64(statement, index, id);
}

void bindText(sqlite3_stmt *statement, int index, const QByteArray &text)
{
    sqlite3_bind_text(statement, index, text.constData(), int(text.size()), SQLITE_STATIC);
}

void bindRow(sqlite3_stmt *statement, const Transaction &t, RowText &text,
             const std::array<QByteArray, 10> &typeKeys)
{
    text.uuid = t.stamp.uuid.toByteArray(QUuid::WithoutBraces); // lower-case hex, as uuidText()
    bindText(statement, 1, text.uuid);
    sqlite3_bind_int64(statement, 2, t.portfolioId);
    bindText(statement, 3, typeKeys[std::size_t(t.type)]);
    const int length = std::snprintf(text.date, sizeof(text.date), "%04d-%02d-%02d", t.date.year(), t.date.month(),
                                     t.date.day());
    sqlite3_bind_text(statement, 4, text.date, length, SQLITE_STATIC);
    bindIdOrNull(statement, 5, t.assetId);
    bindIdOrNull(statement, 6, t.counterpartyPortfolioId);
    const Decimal values[6] = {t.quantity, t.price, t.amount, t.fee, t.splitNumerator, t.splitDenominator};
    for (int i = 0; i < 6; ++i) {
        if (values[i].isZero()) { // as sqlValueOrNull: zero is stored as NULL
            sqlite3_bind_null(statement, 7 + i);
            continue;
        }
        const std::string_view canonical = values[i].toCanonicalChars(text.decimals[i]);
        sqlite3_bind_text(statement, 7 + i, canonical.data(), int(canonical.size()), SQLITE_STATIC);
    }
    text.currency = t.currency.toUtf8();
    bindText(statement, 13, text.currency);
    text.note = t.note.toUtf8();
    bindText(statement, 14, text.note);
    sqlite3_bind_int64(statement, 15, t.stamp.createdAt);
    sqlite3_bind_int64(statement, 16, t.stamp.updatedAt);
}

int pragmaValue(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *raw = nullptr;
    int value = -2000; // SQLite's default: 2,000 KiB
    if (sqlite3_prepare_v2(db, sql, -1, &raw, nullptr) == SQLITE_OK && sqlite3_step(raw) == SQLITE_ROW)
        value = sqlite3_column_int(raw, 0);
    sqlite3_finalize(raw);
    return value;
}

} // namespace

Result<void> insertTransactionsIntoSqlite(const Database &database, sqlite3 *db, std::vector<Transaction> &entries)
{
    const auto failed = [db](const QString &what) {
        return Error{QStringLiteral("%1 failed: %2").arg(what, QString::fromUtf8(sqlite3_errmsg(db)))};
    };
    // The default page cache (2 MB) is smaller than the UUID index of a large
    // batch, whose random keys would then spill pages to the WAL again and
    // again within the transaction: a larger cache while this batch is written.
    const int cachePages = pragmaValue(db, "PRAGMA cache_size");
    sqlite3_exec(db, "PRAGMA cache_size = -131072", nullptr, nullptr, nullptr); // 128 MiB at most
    const auto restoreCache = qScopeGuard([db, cachePages] {
        const QByteArray sql = "PRAGMA cache_size = " + QByteArray::number(cachePages);
        sqlite3_exec(db, sql.constData(), nullptr, nullptr, nullptr);
    });
    sqlite3_stmt *raw = nullptr;
    if (sqlite3_prepare_v2(db, InsertSql, -1, &raw, nullptr) != SQLITE_OK)
        return failed(QStringLiteral("Preparing to save ledger entries"));
    const std::unique_ptr<sqlite3_stmt, StatementDeleter> statement(raw);
    std::array<QByteArray, 10> typeKeys;
    for (std::size_t i = 0; i < typeKeys.size(); ++i)
        typeKeys[i] = toKey(TransactionType(i)).toUtf8();
    RowText text;
    for (Transaction &entry : entries) {
        if (entry.stamp.uuid.isNull())
            entry.stamp = newStamp(database);
        bindRow(raw, entry, text, typeKeys);
        if (sqlite3_step(raw) != SQLITE_DONE)
            return failed(QStringLiteral("Saving the ledger entry of %1").arg(entry.date.toString(Qt::ISODate)));
        entry.id = sqlite3_last_insert_rowid(db);
        sqlite3_reset(raw);
    }
    return {};
}

} // namespace pt::store
