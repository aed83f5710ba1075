#pragma once

#include "jobs/jobcontext.h"
#include "result.h"

#include <QDate>
#include <QStringList>

namespace pt::store {
class Database;
}

namespace pt::jobs {

// The exchange rates a book needs to be valued (C5): every currency of a live
// entry, of an asset an entry names and of a portfolio's base, plus `extra`
// (the currency of the all-portfolios total), except the euro, in which the
// ECB publishes; needed from the first entry's date on.
struct RateNeeds
{
    QStringList currencies; // sorted, upper-case, without EUR
    QDate from;             // the first live entry's date; null without entries
    bool isEmpty() const { return currencies.isEmpty() || !from.isValid(); }
};
Result<RateNeeds> rateNeeds(const store::Database &database, const QStringList &extra = {QStringLiteral("EUR")});

// Brings the fx_rate table up to date from the ECB for what rateNeeds() says,
// asking for as little as will do: the daily file when at most the newest
// working day is missing, the last 90 days when the gap fits in them, the
// whole history since 1999 when a currency lacks rates back to the first
// entry (at most once a day per store and process, so a currency the ECB started
// publishing after the book's first entry is not downloaded over and over).
// The context's provider must be the ECB's. Currencies the ECB does not
// publish are noted in the log; their amounts stay unconverted and the
// valuation reports them missing.
JobOutcome updateExchangeRates(const JobContext &context, QDate today);

} // namespace pt::jobs
