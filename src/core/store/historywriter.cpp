#include "store/historywriter.h"

#include "store/atomically.h"
#include "store/corporateactionrepository.h"
#include "store/database.h"
#include "store/sqlrows.h"

#include <QDateTime>
#include <QSqlQuery>

#include <set>

namespace pt::store {

namespace {

// The ${SCALED_DECIMAL} encoding: NULL for an absent (zero) optional value,
// an integer of 10^-8 units when exact, else canonical text.
QVariant scaledValue(Decimal value)
{
    if (value.isZero())
        return QVariant(QMetaType::fromType<qlonglong>());
    if (const auto units = scaledInteger(value))
        return qlonglong(*units);
    return value.toString();
}

Result<void> checkAssetExists(const Database &database, RowId assetId)
{
    // daily_price declares no foreign key (see migration 001); writers check.
    QSqlQuery query(database.connection());
    query.prepare(QStringLiteral("SELECT 1 FROM asset WHERE id = ?"));
    query.addBindValue(qlonglong(assetId));
    if (auto done = execute(query, QStringLiteral("Checking the asset of the prices")); !done)
        return done;
    if (!query.next())
        return Error{QStringLiteral("prices: no asset with id %1").arg(assetId)};
    return {};
}

Result<void> validateBar(RowId assetId, const DailyPrice &bar)
{
    if (!bar.date.isValid())
        return Error{QStringLiteral("price of asset %1: the date is missing or invalid").arg(assetId)};
    if (!bar.close.isPositive())
        return Error{QStringLiteral("price of asset %1 on %2: close '%3' must be greater than zero")
                         .arg(assetId)
                         .arg(bar.date.toString(Qt::ISODate), bar.close.toString())};
    for (const Decimal value : {bar.open, bar.high, bar.low, bar.adjustedClose, bar.volume}) {
        if (!value.isValid() || value.isNegative())
            return Error{QStringLiteral("price of asset %1 on %2: '%3' must not be negative")
                             .arg(assetId)
                             .arg(bar.date.toString(Qt::ISODate), value.toString())};
    }
    return {};
}

} // namespace

Result<void> HistoryWriter::storeHistory(RowId assetId, std::span<const DailyPrice> bars,
                                         std::span<const marketdata::CorporateAction> actions,
                                         QStringView source) const
{
    for (const DailyPrice &bar : bars) {
        if (auto valid = validateBar(assetId, bar); !valid)
            return valid;
    }
    return atomically(m_database, [&]() -> Result<void> {
        if (auto known = checkAssetExists(m_database, assetId); !known)
            return known;
        QSqlQuery query(m_database.connection());
        query.prepare(QStringLiteral(
            "INSERT INTO daily_price (price_key, asset_id, open, high, low, close, adjusted_close, volume, "
            "source, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (price_key) DO UPDATE SET open = excluded.open, high = excluded.high, "
            "low = excluded.low, close = excluded.close, adjusted_close = excluded.adjusted_close, "
            "volume = excluded.volume, source = excluded.source, fetched_at = excluded.fetched_at "
            "WHERE daily_price.close IS NOT excluded.close OR daily_price.open IS NOT excluded.open "
            "OR daily_price.high IS NOT excluded.high OR daily_price.low IS NOT excluded.low "
            "OR daily_price.adjusted_close IS NOT excluded.adjusted_close "
            "OR daily_price.volume IS NOT excluded.volume"));
        const qlonglong fetchedAt = QDateTime::currentMSecsSinceEpoch();
        const QString sourceText = source.toString();
        for (const DailyPrice &bar : bars) {
            query.addBindValue(qlonglong(priceKey(assetId, bar.date)));
            query.addBindValue(qlonglong(assetId));
            for (const Decimal value : {bar.open, bar.high, bar.low, bar.close, bar.adjustedClose, bar.volume})
                query.addBindValue(scaledValue(value));
            query.addBindValue(sqlText(sourceText));
            query.addBindValue(fetchedAt);
            if (auto done = execute(query, QStringLiteral("Storing the price of asset %1 on %2")
                                               .arg(assetId)
                                               .arg(bar.date.toString(Qt::ISODate)));
                !done)
                return done;
        }
        return CorporateActionRepository(m_database).upsertMany(assetId, actions, source);
    });
}

Result<void> HistoryWriter::storeQuotes(std::span<const QuoteRecord> quotes) const
{
    for (const QuoteRecord &quote : quotes) {
        DailyPrice bar;
        bar.date = quote.day;
        bar.close = quote.price;
        if (auto valid = validateBar(quote.assetId, bar); !valid)
            return valid;
    }
    return atomically(m_database, [&]() -> Result<void> {
        std::set<RowId> checked;
        QSqlQuery query(m_database.connection());
        query.prepare(QStringLiteral(
            "INSERT INTO daily_price (price_key, asset_id, close, source, fetched_at) VALUES (?, ?, ?, 'quote', ?) "
            "ON CONFLICT (price_key) DO UPDATE SET close = excluded.close, source = excluded.source, "
            "fetched_at = excluded.fetched_at WHERE daily_price.close IS NOT excluded.close"));
        const qlonglong fetchedAt = QDateTime::currentMSecsSinceEpoch();
        for (const QuoteRecord &quote : quotes) {
            if (checked.insert(quote.assetId).second) {
                if (auto known = checkAssetExists(m_database, quote.assetId); !known)
                    return known;
            }
            query.addBindValue(qlonglong(priceKey(quote.assetId, quote.day)));
            query.addBindValue(qlonglong(quote.assetId));
            query.addBindValue(scaledValue(quote.price));
            query.addBindValue(fetchedAt);
            if (auto done = execute(query, QStringLiteral("Storing the latest price of asset %1").arg(quote.assetId));
                !done)
                return done;
        }
        return {};
    });
}

} // namespace pt::store
