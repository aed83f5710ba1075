#include "store/pricerepository.h"

#include "store/database.h"
#include "store/sqlrows.h"

#include <QDateTime>
#include <QSqlDriver>
#include <QSqlQuery>

#include <sqlite3.h>

#include <array>
#include <memory>

namespace pt::store {

namespace {

const char UpsertSql[] =
    "INSERT INTO daily_price (asset_id, day, open, high, low, close, adjusted_close, volume, source, fetched_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
    "ON CONFLICT (asset_id, day) DO UPDATE SET open = excluded.open, high = excluded.high, "
    "low = excluded.low, close = excluded.close, adjusted_close = excluded.adjusted_close, "
    "volume = excluded.volume, source = excluded.source, fetched_at = excluded.fetched_at "
    // Identical bars are left alone, so fetching a range twice writes nothing.
    "WHERE daily_price.close IS NOT excluded.close OR daily_price.open IS NOT excluded.open "
    "OR daily_price.high IS NOT excluded.high OR daily_price.low IS NOT excluded.low "
    "OR daily_price.adjusted_close IS NOT excluded.adjusted_close OR daily_price.volume IS NOT excluded.volume";

int formatDate(QDate date, char *out)
{
    int year = 0, month = 0, day = 0;
    date.getDate(&year, &month, &day);
    const auto put = [&](int position, int value, int digits) {
        for (int i = digits - 1; i >= 0; --i, value /= 10)
            out[position + i] = char('0' + value % 10);
    };
    put(0, year, 4);
    out[4] = '-';
    put(5, month, 2);
    out[7] = '-';
    put(8, day, 2);
    return 10;
}

sqlite3 *sqliteHandle(const QSqlDatabase &connection)
{
    const QVariant handle = connection.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.constData());
}

struct StatementDeleter
{
    void operator()(sqlite3_stmt *statement) const { sqlite3_finalize(statement); }
};

Result<void> validateBar(const PriceRecord &row)
{
    const auto where = [&] {
        return QStringLiteral("price of asset %1 on %2").arg(row.assetId).arg(row.bar.date.toString(Qt::ISODate));
    };
    if (!row.bar.date.isValid())
        return Error{QStringLiteral("price of asset %1: the date is missing or invalid").arg(row.assetId)};
    if (!row.bar.close.isPositive())
        return Error{QStringLiteral("%1: close '%2' must be greater than zero").arg(where(), row.bar.close.toString())};
    for (const Decimal value : {row.bar.open, row.bar.high, row.bar.low, row.bar.adjustedClose, row.bar.volume}) {
        if (!value.isValid() || value.isNegative())
            return Error{QStringLiteral("%1: '%2' must not be negative").arg(where(), value.toString())};
    }
    return {};
}

} // namespace

Result<void> PriceRepository::upsertMany(std::span<const PriceRecord> rows, QStringView source) const
{
    for (const PriceRecord &row : rows) {
        if (auto valid = validateBar(row); !valid)
            return valid;
    }
    QSqlDatabase connection = m_database.connection();
    sqlite3 *db = sqliteHandle(connection);
    if (!db)
        return Error{QStringLiteral("the bulk price path needs an SQLite store")};

    return m_database.inTransaction([&]() -> Result<void> {
        sqlite3_stmt *raw = nullptr;
        if (sqlite3_prepare_v3(db, UpsertSql, -1, SQLITE_PREPARE_PERSISTENT, &raw, nullptr) != SQLITE_OK)
            return Error{QStringLiteral("Preparing the price upsert failed: %1").arg(QString::fromUtf8(sqlite3_errmsg(db)))};
        const std::unique_ptr<sqlite3_stmt, StatementDeleter> statement(raw);

        const QByteArray sourceText = source.toUtf8();
        const sqlite3_int64 fetchedAt = QDateTime::currentMSecsSinceEpoch();
        char buffers[6][Decimal::MaxCanonicalLength];
        char day[10];
        for (const PriceRecord &row : rows) {
            sqlite3_bind_int64(raw, 1, row.assetId);
            sqlite3_bind_text(raw, 2, day, formatDate(row.bar.date, day), SQLITE_STATIC);
            const Decimal values[] = {row.bar.open, row.bar.high, row.bar.low, row.bar.close,
                                      row.bar.adjustedClose, row.bar.volume};
            for (int i = 0; i < 6; ++i) {
                // Optional columns stay NULL when zero; close is always positive.
                if (values[i].isZero()) {
                    sqlite3_bind_null(raw, 3 + i);
                } else {
                    const std::string_view text = values[i].toCanonicalChars(buffers[i]);
                    sqlite3_bind_text(raw, 3 + i, text.data(), int(text.size()), SQLITE_STATIC);
                }
            }
            sqlite3_bind_text(raw, 9, sourceText.constData(), int(sourceText.size()), SQLITE_STATIC);
            sqlite3_bind_int64(raw, 10, fetchedAt);
            if (sqlite3_step(raw) != SQLITE_DONE)
                return Error{QStringLiteral("Storing the price of asset %1 on %2 failed: %3")
                                 .arg(row.assetId)
                                 .arg(row.bar.date.toString(Qt::ISODate), QString::fromUtf8(sqlite3_errmsg(db)))};
            sqlite3_reset(raw);
        }
        return {};
    });
}

Result<std::vector<DailyPrice>> PriceRepository::list(RowId assetId, QDate from, QDate to) const
{
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT day, open, high, low, close, adjusted_close, volume FROM daily_price "
                                 "WHERE asset_id = ? AND day >= ? AND day <= ? ORDER BY day"));
    query.addBindValue(qlonglong(assetId));
    query.addBindValue(from.isValid() ? sqlValue(from) : QVariant(QStringLiteral("0000-01-01")));
    query.addBindValue(to.isValid() ? sqlValue(to) : QVariant(QStringLiteral("9999-12-31")));
    if (auto done = execute(query, QStringLiteral("Reading prices")); !done)
        return Error{done.error()};
    std::vector<DailyPrice> bars;
    while (query.next()) {
        DailyPrice bar;
        bar.date = dateFrom(query.value(0));
        bar.open = decimalFrom(query.value(1));
        bar.high = decimalFrom(query.value(2));
        bar.low = decimalFrom(query.value(3));
        bar.close = decimalFrom(query.value(4));
        bar.adjustedClose = decimalFrom(query.value(5));
        bar.volume = decimalFrom(query.value(6));
        bars.push_back(bar);
    }
    return bars;
}

Result<std::int64_t> PriceRepository::count(RowId assetId) const
{
    QSqlQuery query(m_database.connection());
    if (assetId == 0) {
        query.prepare(QStringLiteral("SELECT COUNT(*) FROM daily_price"));
    } else {
        query.prepare(QStringLiteral("SELECT COUNT(*) FROM daily_price WHERE asset_id = ?"));
        query.addBindValue(qlonglong(assetId));
    }
    if (auto done = execute(query, QStringLiteral("Counting prices")); !done)
        return Error{done.error()};
    return query.next() ? query.value(0).toLongLong() : 0;
}

} // namespace pt::store
