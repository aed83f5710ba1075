#include "store/fxraterepository.h"

#include "money/currency.h"
#include "store/atomically.h"
#include "store/database.h"
#include "store/sqlrows.h"

#include <QDateTime>
#include <QSqlQuery>

namespace pt::store {

namespace {

const QString Euro = QStringLiteral("EUR");

Result<void> validate(const marketdata::EuroRate &rate)
{
    if (!rate.date.isValid())
        return Error{QStringLiteral("exchange rate EUR/%1: the date is missing or invalid").arg(rate.currency)};
    if (!currency::isValidCode(rate.currency.toUpper())) // stored upper-case
        return Error{QStringLiteral("exchange rate on %1: '%2' is not a currency code")
                         .arg(rate.date.toString(Qt::ISODate), rate.currency)};
    if (!rate.rate.isPositive())
        return Error{QStringLiteral("exchange rate EUR/%1 on %2: '%3' must be greater than zero")
                         .arg(rate.currency, rate.date.toString(Qt::ISODate), rate.rate.toString())};
    return {};
}

} // namespace

Result<void> FxRateRepository::upsertEuroRates(std::span<const marketdata::EuroRate> rates, QStringView source) const
{
    for (const marketdata::EuroRate &rate : rates) {
        if (auto valid = validate(rate); !valid)
            return valid;
    }
    if (rates.empty())
        return {};
    return atomically(m_database, [&]() -> Result<void> {
        QSqlQuery query(m_database.connection());
        query.prepare(
            QStringLiteral("INSERT INTO fx_rate (base_currency, quote_currency, day, rate, source, fetched_at) "
                           "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (base_currency, quote_currency, day) DO UPDATE SET "
                           "rate = excluded.rate, source = excluded.source, fetched_at = excluded.fetched_at "
                           "WHERE fx_rate.rate%1excluded.rate")
                .arg(isDistinctFrom(m_database)));
        const qlonglong fetchedAt = QDateTime::currentMSecsSinceEpoch();
        for (const marketdata::EuroRate &rate : rates) {
            query.addBindValue(Euro);
            query.addBindValue(rate.currency.toUpper());
            query.addBindValue(sqlValue(rate.date));
            query.addBindValue(sqlValue(rate.rate));
            query.addBindValue(sqlText(source.toString()));
            query.addBindValue(fetchedAt);
            if (auto done = execute(query, QStringLiteral("Storing the rate EUR/%1 on %2")
                                               .arg(rate.currency, rate.date.toString(Qt::ISODate)));
                !done)
                return done;
        }
        return {};
    });
}

Result<std::vector<FxRate>> FxRateRepository::list(const QString &quote, QDate from, QDate to,
                                                   const QString &base) const
{
    QString sql = QStringLiteral("SELECT day, rate FROM fx_rate WHERE base_currency = ? AND quote_currency = ?");
    QVariantList values{base.toUpper(), quote.toUpper()};
    if (from.isValid()) {
        sql += QStringLiteral(" AND day >= ?");
        values << sqlValue(from);
    }
    if (to.isValid()) {
        sql += QStringLiteral(" AND day <= ?");
        values << sqlValue(to);
    }
    QSqlQuery query(m_database.connection());
    setReadMode(query);
    query.prepare(sql + QStringLiteral(" ORDER BY day"));
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (auto done = execute(query, QStringLiteral("Reading exchange rates")); !done)
        return Error{done.error()};
    std::vector<FxRate> rates;
    while (query.next())
        rates.push_back({base.toUpper(), quote.toUpper(), dateFrom(query.value(0)), decimalFrom(query.value(1))});
    return rates;
}

Result<FxRateRepository::Coverage> FxRateRepository::coverage(const QString &quote) const
{
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("SELECT MIN(day), MAX(day) FROM fx_rate WHERE base_currency = ? AND quote_currency = ?"));
    query.addBindValue(Euro);
    query.addBindValue(quote.toUpper());
    if (auto done = execute(query, QStringLiteral("Reading which EUR/%1 rates are stored").arg(quote)); !done)
        return Error{done.error()};
    Coverage coverage;
    if (query.next()) {
        coverage.first = dateFrom(query.value(0));
        coverage.last = dateFrom(query.value(1));
    }
    return coverage;
}

} // namespace pt::store
