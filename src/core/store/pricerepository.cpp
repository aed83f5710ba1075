#include "store/pricerepository.h"

#include "store/atomically.h"
#include "store/database.h"
#include "store/sqlrows.h"

#include <QDateTime>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

#include <sqlite3.h>

#include <array>
#include <memory>
#include <set>
#include <unordered_map>

namespace pt::store {

namespace {

// Rows per INSERT statement on the bulk path: SQLite's per-statement overhead
// is then paid once per 50 rows (the tail of a batch goes in a shorter statement).
constexpr int RowsPerStatement = 50;
constexpr int ColumnsPerRow = 10;

QByteArray upsertSql(int rows)
{
    QByteArray sql = "INSERT INTO daily_price (price_key, asset_id, open, high, low, close, adjusted_close, "
                     "volume, source, fetched_at) VALUES ";
    for (int row = 0; row < rows; ++row)
        sql += row == 0 ? "(?,?,?,?,?,?,?,?,?,?)" : ",(?,?,?,?,?,?,?,?,?,?)";
    sql += " ON CONFLICT (price_key) DO UPDATE SET open = excluded.open, high = excluded.high, "
           "low = excluded.low, close = excluded.close, adjusted_close = excluded.adjusted_close, "
           "volume = excluded.volume, source = excluded.source, fetched_at = excluded.fetched_at "
           // Identical bars are left alone, so fetching a range twice writes nothing.
           "WHERE daily_price.close IS NOT excluded.close OR daily_price.open IS NOT excluded.open "
           "OR daily_price.high IS NOT excluded.high OR daily_price.low IS NOT excluded.low "
           "OR daily_price.adjusted_close IS NOT excluded.adjusted_close "
           "OR daily_price.volume IS NOT excluded.volume";
    return sql;
}

struct StatementDeleter
{
    void operator()(sqlite3_stmt *statement) const { sqlite3_finalize(statement); }
};
using Statement = std::unique_ptr<sqlite3_stmt, StatementDeleter>;

// Text the statement reads while it runs: the values of up to RowsPerStatement
// rows, kept alive until the statement has stepped (SQLITE_STATIC binding).
struct RowText
{
    char decimals[6][Decimal::MaxCanonicalLength];
};

void bindRow(sqlite3_stmt *statement, int first, const PriceRecord &row, RowText &text, const QByteArray &source,
             sqlite3_int64 fetchedAt)
{
    sqlite3_bind_int64(statement, first, priceKey(row.assetId, row.bar.date));
    sqlite3_bind_int64(statement, first + 1, row.assetId);
    const Decimal values[] = {row.bar.open, row.bar.high, row.bar.low, row.bar.close, row.bar.adjustedClose,
                              row.bar.volume};
    for (int i = 0; i < 6; ++i) {
        const int index = first + 2 + i;
        if (values[i].isZero()) { // absent optional values stay NULL; close is always positive
            sqlite3_bind_null(statement, index);
        } else if (const auto units = scaledInteger(values[i])) {
            sqlite3_bind_int64(statement, index, *units);
        } else {
            const std::string_view canonical = values[i].toCanonicalChars(text.decimals[i]);
            sqlite3_bind_text(statement, index, canonical.data(), int(canonical.size()), SQLITE_STATIC);
        }
    }
    sqlite3_bind_text(statement, first + 8, source.constData(), int(source.size()), SQLITE_STATIC);
    sqlite3_bind_int64(statement, first + 9, fetchedAt);
}

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

// PostgreSQL's bulk path: one INSERT ... SELECT FROM unnest(arrays) ... ON
// CONFLICT per batch, each column's values in one array literal. PostgreSQL
// reads an array literal several times faster than the same values as rows of
// a VALUES list, and one statement per batch saves a round trip per row. The
// values are ours (numbers, ISO dates, canonical decimals, NULL), so the
// literals need no escaping; only the source is quoted, by the driver.
constexpr std::size_t PostgresRowsPerStatement = 2000;

const QString PostgresUpsertTail = QStringLiteral(
    ") AS bar (price_key, asset_id, day, open, high, low, close, adjusted_close, volume) "
    "ON CONFLICT (price_key) DO UPDATE SET open = excluded.open, high = excluded.high, low = excluded.low, "
    "close = excluded.close, adjusted_close = excluded.adjusted_close, volume = excluded.volume, "
    "source = excluded.source, fetched_at = excluded.fetched_at "
    // Identical bars are left alone, so fetching a range twice writes nothing.
    "WHERE daily_price.close IS DISTINCT FROM excluded.close OR daily_price.open IS DISTINCT FROM excluded.open "
    "OR daily_price.high IS DISTINCT FROM excluded.high OR daily_price.low IS DISTINCT FROM excluded.low "
    "OR daily_price.adjusted_close IS DISTINCT FROM excluded.adjusted_close "
    "OR daily_price.volume IS DISTINCT FROM excluded.volume");

void appendDecimalElement(QString &array, Decimal value)
{
    if (value.isZero()) { // absent optional values stay NULL, as on SQLite
        array += u"NULL";
        return;
    }
    char buffer[Decimal::MaxCanonicalLength];
    const std::string_view canonical = value.toCanonicalChars(buffer);
    array += QLatin1StringView(canonical.data(), qsizetype(canonical.size()));
}

// One statement may not change a row twice, so when a day comes more than once
// the last bar of it is kept, as SQLite's row-by-row upsert would leave it.
std::vector<const PriceRecord *> lastBarOfEachDay(std::span<const PriceRecord> rows)
{
    std::unordered_map<std::int64_t, std::size_t> lastIndex;
    lastIndex.reserve(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i)
        lastIndex[priceKey(rows[i].assetId, rows[i].bar.date)] = i;
    std::vector<const PriceRecord *> kept;
    kept.reserve(lastIndex.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (lastIndex[priceKey(rows[i].assetId, rows[i].bar.date)] == i)
            kept.push_back(&rows[i]);
    }
    return kept;
}

Result<void> upsertOnPostgres(const Database &database, std::span<const PriceRecord> rows, QStringView source)
{
    QSqlDatabase connection = database.connection();
    const QString head = QStringLiteral("INSERT INTO daily_price (price_key, asset_id, day, open, high, low, close, "
                                        "adjusted_close, volume, source, fetched_at) "
                                        "SELECT price_key, asset_id, day, open, high, low, close, adjusted_close, "
                                        "volume, %1, %2 FROM unnest(")
                             .arg(sqlLiteral(connection, source.toString()),
                                  QString::number(QDateTime::currentMSecsSinceEpoch()));
    static constexpr const char16_t *ArrayTypes[] = {u"bigint[]",  u"bigint[]",  u"date[]",
                                                     u"numeric[]", u"numeric[]", u"numeric[]",
                                                     u"numeric[]", u"numeric[]", u"numeric[]"};
    constexpr std::size_t Columns = std::size(ArrayTypes);
    const std::vector<const PriceRecord *> kept = lastBarOfEachDay(rows);
    QSqlQuery query(connection);
    std::array<QString, Columns> arrays;
    for (std::size_t start = 0; start < kept.size(); start += PostgresRowsPerStatement) {
        const std::size_t end = std::min(kept.size(), start + PostgresRowsPerStatement);
        for (QString &array : arrays)
            array = QStringLiteral("'{");
        for (std::size_t i = start; i < end; ++i) {
            const PriceRecord &row = *kept[i];
            if (i != start) {
                for (QString &array : arrays)
                    array += u',';
            }
            arrays[0] += QString::number(priceKey(row.assetId, row.bar.date));
            arrays[1] += QString::number(row.assetId);
            arrays[2] += row.bar.date.toString(Qt::ISODate);
            appendDecimalElement(arrays[3], row.bar.open);
            appendDecimalElement(arrays[4], row.bar.high);
            appendDecimalElement(arrays[5], row.bar.low);
            appendDecimalElement(arrays[6], row.bar.close);
            appendDecimalElement(arrays[7], row.bar.adjustedClose);
            appendDecimalElement(arrays[8], row.bar.volume);
        }
        QString sql = head;
        for (std::size_t column = 0; column < Columns; ++column) {
            if (column > 0)
                sql += u", ";
            sql += arrays[column] + u"}'::" + QStringView(ArrayTypes[column]);
        }
        sql += PostgresUpsertTail;
        if (!query.exec(sql)) {
            const PriceRecord &first = *kept[start];
            return Error{describeSqlError(QStringLiteral("Storing prices from asset %1 on %2")
                                              .arg(first.assetId)
                                              .arg(first.bar.date.toString(Qt::ISODate)),
                                          query.lastError())};
        }
    }
    return {};
}

// The foreign key the table does not declare (see the migration): every asset
// the batch names must exist.
Result<void> checkAssetsExist(const Database &database, std::span<const PriceRecord> rows)
{
    std::set<RowId> assetIds;
    for (const PriceRecord &row : rows)
        assetIds.insert(row.assetId);
    QSqlQuery query(database.connection());
    query.prepare(QStringLiteral("SELECT 1 FROM asset WHERE id = ?"));
    for (const RowId id : assetIds) {
        query.addBindValue(qlonglong(id));
        if (auto done = execute(query, QStringLiteral("Checking the assets of the prices")); !done)
            return done;
        if (!query.next())
            return Error{QStringLiteral("prices: no asset with id %1").arg(id)};
        query.finish();
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
    if (auto known = checkAssetsExist(m_database, rows); !known)
        return known;
    if (m_database.backend() == Backend::PostgreSql)
        return atomically(m_database, [&] { return upsertOnPostgres(m_database, rows, source); });
    QSqlDatabase connection = m_database.connection();
    sqlite3 *db = rawSqliteHandle(connection);
    if (!db)
        return Error{QStringLiteral("the bulk price path needs an SQLite or PostgreSQL store")};

    return atomically(m_database, [&]() -> Result<void> {
        const auto prepare = [db](int rowCount, Statement &statement) -> Result<void> {
            sqlite3_stmt *raw = nullptr;
            if (sqlite3_prepare_v3(db, upsertSql(rowCount).constData(), -1, SQLITE_PREPARE_PERSISTENT, &raw,
                                   nullptr)
                != SQLITE_OK)
                return Error{QStringLiteral("Preparing the price upsert failed: %1")
                                 .arg(QString::fromUtf8(sqlite3_errmsg(db)))};
            statement.reset(raw);
            return {};
        };
        Statement full;
        Statement tail;
        const QByteArray sourceText = source.toUtf8();
        const sqlite3_int64 fetchedAt = QDateTime::currentMSecsSinceEpoch();
        std::vector<RowText> text(RowsPerStatement);

        for (size_t start = 0; start < rows.size(); start += RowsPerStatement) {
            const int count = int(std::min<size_t>(RowsPerStatement, rows.size() - start));
            Statement &statement = count == RowsPerStatement ? full : tail;
            if (!statement || count != RowsPerStatement) {
                if (auto prepared = prepare(count, statement); !prepared)
                    return prepared;
            }
            for (int i = 0; i < count; ++i)
                bindRow(statement.get(), 1 + i * ColumnsPerRow, rows[start + size_t(i)], text[size_t(i)],
                        sourceText, fetchedAt);
            if (sqlite3_step(statement.get()) != SQLITE_DONE) {
                const PriceRecord &first = rows[start];
                return Error{QStringLiteral("Storing prices from asset %1 on %2 failed: %3")
                                 .arg(first.assetId)
                                 .arg(first.bar.date.toString(Qt::ISODate), QString::fromUtf8(sqlite3_errmsg(db)))};
            }
            sqlite3_reset(statement.get());
        }
        return {};
    });
}

Result<void> PriceRepository::upsertCloses(std::span<const PriceRecord> closes) const
{
    for (const PriceRecord &row : closes) {
        if (auto valid = validateBar(row); !valid)
            return valid;
    }
    return atomically(m_database, [&]() -> Result<void> {
        if (auto known = checkAssetsExist(m_database, closes); !known)
            return known;
        // SQLite derives the day from the key; PostgreSQL stores it.
        const bool postgres = m_database.backend() == Backend::PostgreSql;
        QSqlQuery query(m_database.connection());
        query.prepare(QStringLiteral("INSERT INTO daily_price (price_key, asset_id, %1close, source, fetched_at) "
                                     "VALUES (?, ?, %2?, 'quote', ?) "
                                     "ON CONFLICT (price_key) DO UPDATE SET close = excluded.close, "
                                     "source = excluded.source, fetched_at = excluded.fetched_at "
                                     "WHERE daily_price.close%3excluded.close")
                          .arg(postgres ? QStringLiteral("day, ") : QString(),
                               postgres ? QStringLiteral("?, ") : QString(), isDistinctFrom(m_database)));
        const qlonglong fetchedAt = QDateTime::currentMSecsSinceEpoch();
        for (const PriceRecord &row : closes) {
            query.addBindValue(qlonglong(priceKey(row.assetId, row.bar.date)));
            query.addBindValue(qlonglong(row.assetId));
            if (postgres)
                query.addBindValue(sqlValue(row.bar.date));
            query.addBindValue(sqlScaledValue(row.bar.close, m_database.backend()));
            query.addBindValue(fetchedAt);
            if (auto done = execute(query, QStringLiteral("Storing the latest price of asset %1").arg(row.assetId));
                !done)
                return done;
        }
        return {};
    });
}

Result<std::vector<DailyPrice>> PriceRepository::list(RowId assetId, QDate from, QDate to) const
{
    QSqlQuery query(m_database.connection());
    setReadMode(query);
    query.prepare(QStringLiteral("SELECT price_key, open, high, low, close, adjusted_close, volume "
                                 "FROM daily_price WHERE price_key BETWEEN ? AND ? ORDER BY price_key"));
    // One asset's bars are one key range; [from, to] narrows it.
    const QDate first = from.isValid() ? from : QDate::fromJulianDay(0);
    const QDate last = to.isValid() ? to : QDate::fromJulianDay((std::int64_t(1) << 22) - 1);
    query.addBindValue(qlonglong(priceKey(assetId, first)));
    query.addBindValue(qlonglong(priceKey(assetId, last)));
    if (auto done = execute(query, QStringLiteral("Reading prices")); !done)
        return Error{done.error()};
    std::vector<DailyPrice> bars;
    while (query.next()) {
        DailyPrice bar;
        bar.date = priceKeyDay(query.value(0).toLongLong());
        bar.open = scaledDecimalFrom(query.value(1));
        bar.high = scaledDecimalFrom(query.value(2));
        bar.low = scaledDecimalFrom(query.value(3));
        bar.close = scaledDecimalFrom(query.value(4));
        bar.adjustedClose = scaledDecimalFrom(query.value(5));
        bar.volume = scaledDecimalFrom(query.value(6));
        bars.push_back(bar);
    }
    return bars;
}

Result<std::optional<DatedClose>> PriceRepository::latest(RowId assetId, QDate day) const
{
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("SELECT price_key, close FROM daily_price WHERE price_key BETWEEN ? AND ? "
                                 "ORDER BY price_key DESC LIMIT 1"));
    query.addBindValue(qlonglong(priceKey(assetId, QDate::fromJulianDay(0))));
    query.addBindValue(qlonglong(priceKey(assetId, day)));
    if (auto done = execute(query, QStringLiteral("Reading the latest price")); !done)
        return Error{done.error()};
    if (!query.next())
        return std::optional<DatedClose>();
    return std::optional<DatedClose>(
        DatedClose{priceKeyDay(query.value(0).toLongLong()), scaledDecimalFrom(query.value(1))});
}

Result<std::unordered_map<RowId, std::vector<DatedClose>>> PriceRepository::closes(const std::set<RowId> &assetIds,
                                                                                   QDate lastDay) const
{
    std::unordered_map<RowId, std::vector<DatedClose>> closes;
    RowId current = -1;
    std::vector<DatedClose> *list = nullptr;
    auto read = this->closes(assetIds, lastDay, [&](RowId assetId, qint64 julianDay, Decimal close) {
        if (assetId != current) { // rows come grouped by asset: one lookup per asset
            current = assetId;
            list = &closes[assetId];
        }
        list->push_back(DatedClose{QDate::fromJulianDay(julianDay), close});
    });
    if (!read)
        return Error{read.error()};
    return closes;
}

Result<void> PriceRepository::closes(const std::set<RowId> &assetIds, QDate lastDay, const CloseVisitor &visit) const
{
    // One key range per asset: (id << 22) + the first day .. + the last day.
    const std::int64_t lastJulian = lastDay.isValid() ? lastDay.toJulianDay() : (std::int64_t(1) << 22) - 1;
    QSqlDatabase connection = m_database.connection();
    if (sqlite3 *db = rawSqliteHandle(connection)) {
        // SQLite: straight through its statement, without a QVariant per value
        // (2.5 million closes load in a fraction of the time).
        sqlite3_stmt *raw = nullptr;
        if (sqlite3_prepare_v2(db, "SELECT price_key, close FROM daily_price WHERE price_key BETWEEN ? AND ?", -1,
                               &raw, nullptr)
            != SQLITE_OK)
            return Error{QStringLiteral("Reading closes failed: %1").arg(QString::fromUtf8(sqlite3_errmsg(db)))};
        const Statement statement(raw);
        for (const RowId assetId : assetIds) {
            sqlite3_bind_int64(raw, 1, priceKey(assetId, QDate::fromJulianDay(0)));
            sqlite3_bind_int64(raw, 2, (assetId << 22) + lastJulian);
            int step = SQLITE_ROW;
            while ((step = sqlite3_step(raw)) == SQLITE_ROW) {
                const std::int64_t key = sqlite3_column_int64(raw, 0);
                Decimal close;
                switch (sqlite3_column_type(raw, 1)) {
                case SQLITE_INTEGER:
                    close = Decimal::fromRaw(Decimal::Raw(sqlite3_column_int64(raw, 1)) * RawPerScaledUnit);
                    break;
                case SQLITE_NULL:
                    break;
                case SQLITE_FLOAT:
                    close = scaledDecimalFrom(QVariant(sqlite3_column_double(raw, 1)));
                    break;
                default: {
                    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(raw, 1));
                    close = scaledDecimalFrom(QVariant(QString::fromUtf8(text, sqlite3_column_bytes(raw, 1))));
                    break;
                }
                }
                visit(assetId, key & ((std::int64_t(1) << 22) - 1), close);
            }
            if (step != SQLITE_DONE)
                return Error{QStringLiteral("Reading closes failed: %1").arg(QString::fromUtf8(sqlite3_errmsg(db)))};
            sqlite3_reset(raw);
        }
        return {};
    }

    QSqlQuery query(connection);
    setReadMode(query);
    query.prepare(QStringLiteral("SELECT price_key, close FROM daily_price WHERE price_key BETWEEN ? AND ? "
                                 "ORDER BY price_key"));
    for (const RowId assetId : assetIds) {
        query.addBindValue(qlonglong(priceKey(assetId, QDate::fromJulianDay(0))));
        query.addBindValue(qlonglong((assetId << 22) + lastJulian));
        if (auto done = execute(query, QStringLiteral("Reading closes")); !done)
            return done;
        while (query.next()) {
            const std::int64_t key = query.value(0).toLongLong();
            visit(assetId, key & ((std::int64_t(1) << 22) - 1), scaledDecimalFrom(query.value(1)));
        }
        query.finish();
    }
    return {};
}

Result<std::int64_t> PriceRepository::count(RowId assetId) const
{
    QSqlQuery query(m_database.connection());
    if (assetId == 0) {
        query.prepare(QStringLiteral("SELECT COUNT(*) FROM daily_price"));
    } else {
        query.prepare(QStringLiteral("SELECT COUNT(*) FROM daily_price WHERE price_key BETWEEN ? AND ?"));
        query.addBindValue(qlonglong(assetId << 22));
        query.addBindValue(qlonglong((assetId << 22) + (std::int64_t(1) << 22) - 1));
    }
    if (auto done = execute(query, QStringLiteral("Counting prices")); !done)
        return Error{done.error()};
    return query.next() ? query.value(0).toLongLong() : 0;
}

} // namespace pt::store
