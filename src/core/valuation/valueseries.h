#pragma once

#include "domain/types.h"

#include <QDate>
#include <QString>
#include <QStringList>

#include <vector>

namespace pt::valuation {

// A portfolio's (or all portfolios') value day by day, in one base currency,
// from the first entry to the last day asked for. Index i is day first + i
// (calendar days; weekends and holidays carry the last known prices forward).
struct ValueSeries
{
    QString baseCurrency;
    QDate first;
    std::vector<Decimal> marketValue;  // holdings at that day's close (carried forward) + cash
    std::vector<Decimal> externalFlow; // deposits − withdrawals ± transfers in/out on that day (base currency)
    std::vector<Decimal> invested;     // cumulative external flows up to and including that day
    std::vector<bool> stale;           // some price or rate older than the staleness limit
    std::vector<bool> incomplete;      // some holding, cash or flow left out: no price or rate yet (see missing)
    QStringList missing;               // prices or rates that were missing, never silently zero

    int size() const { return int(marketValue.size()); }
    QDate day(int index) const { return first.addDays(index); }
    // Index of `date` in the series, or -1 when outside it.
    int indexOf(QDate date) const;
};

// A dated cash flow for money-weighted return: negative when the investor puts
// money in, positive when money comes out (and the final value as positive).
struct CashFlow
{
    QDate date;
    double amount = 0; // statistics use doubles; the ledger never does
};

} // namespace pt::valuation
