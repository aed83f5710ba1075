#pragma once

#include "marketdata/marketdata.h"
#include "result.h"

#include <QDate>
#include <QString>

#include <span>
#include <vector>

namespace pt::store {

class Database;

// One stored exchange rate: 1 unit of `base` = `rate` units of `quote` on `date`.
struct FxRate
{
    QString base;
    QString quote;
    QDate date;
    Decimal rate;
};

// Daily exchange rates (table fx_rate), keyed by currency pair and day. The ECB
// publishes rates against the euro, so those are stored as EUR -> currency;
// converting between two other currencies goes through the euro.
class FxRateRepository
{
public:
    explicit FxRateRepository(const Database &database) : m_database(database) {}

    // ECB reference rates as EUR -> currency. All or nothing, joining the
    // caller's transaction if one is open; storing the same rates twice
    // changes nothing.
    Result<void> upsertEuroRates(std::span<const marketdata::EuroRate> rates, QStringView source) const;
    // Rates of base -> quote in [from, to] (null dates: unbounded), oldest first.
    Result<std::vector<FxRate>> list(const QString &quote, QDate from = {}, QDate to = {},
                                     const QString &base = QStringLiteral("EUR")) const;

    // The first and last day with a stored EUR -> `quote` rate; null dates when there is none.
    struct Coverage
    {
        QDate first;
        QDate last;
    };
    Result<Coverage> coverage(const QString &quote) const;

private:
    const Database &m_database;
};

} // namespace pt::store
