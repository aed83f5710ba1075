#pragma once

#include "result.h"
#include "store/fxraterepository.h"
#include "store/pricerepository.h"

#include <QDate>
#include <QHash>
#include <QString>

#include <span>
#include <unordered_map>
#include <vector>

namespace pt::valuation {

// Read-only look-ups of market data the way computeValuation() uses it, for the
// analytics built beside it (per-holding returns, allocation, benchmarks):
// the last close on or before a day (carried forward) and ECB rates EUR→X,
// carried forward, crossing through the euro between two other currencies.
// Holds references to the closes it was given and a sorted copy of the rates.
class MarketLookup
{
public:
    using Closes = std::unordered_map<RowId, std::vector<store::DatedClose>>;

    // `closes` by asset id, oldest first (as in ValuationInputs); rates EUR→X in any order.
    // `horizon`, the last day looked at, words a rate missing throughout ("no EUR→X
    // rate up to <horizon>") so one gap gives one message, not one a day.
    MarketLookup(const Closes &closes, std::span<const store::FxRate> fxRates, QDate horizon = {});

    // The last close of `assetId` on or before `day`; null when there is none yet.
    const store::DatedClose *closeOn(RowId assetId, QDate day) const;
    // The same in a list of closes, oldest first.
    static const store::DatedClose *closeOn(const std::vector<store::DatedClose> &closes, QDate day);
    // Why there is no close on `day`, in the valuator's words: "no price for SYM
    // before FIRST" (its first close) or, with no close at all, "no price for SYM up to DAY".
    QString priceMissing(RowId assetId, const QString &symbol, QDate day) const;

    // `amount` in currency `from` expressed in `to` on `day`, exactly as the
    // valuator converts: ×rate from the euro, ÷rate to the euro, ×to/from between
    // two others. The error names the missing rate ("no EUR→USD rate before ...").
    // `rateDay`, when given, receives the day of the oldest rate used (unchanged
    // when no rate is needed).
    Result<Decimal> convert(Decimal amount, const QString &from, const QString &to, QDate day,
                            QDate *rateDay = nullptr) const;

private:
    struct DatedRate
    {
        QDate date;
        Decimal rate;
    };
    Result<Decimal> euroRate(const QString &currency, QDate day, QDate *rateDay) const;

    const Closes &m_closes;
    QDate m_horizon;
    QHash<QString, std::vector<DatedRate>> m_rates; // by quote currency, oldest first
};

} // namespace pt::valuation
