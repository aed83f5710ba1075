#pragma once

#include "domain/types.h"
#include "result.h"
#include "store/fxraterepository.h"
#include "store/pricerepository.h"
#include "valuation/valueseries.h"

#include <memory>
#include <unordered_map>
#include <vector>

namespace pt::store {
class Database;
}

namespace pt::valuation {

// One day's close of an asset, as the valuation needs it.
using Close = store::DatedClose; // a day's close

// Everything a valuation reads, already loaded: the store is not touched again.
struct ValuationInputs
{
    std::vector<Portfolio> portfolios; // each gets a series, in this order
    std::vector<Asset> assets;
    std::vector<Transaction> transactions; // any order; deleted ones are skipped
    std::unordered_map<RowId, std::vector<Close>> closes; // by asset id, oldest first
    std::vector<store::FxRate> fxRates; // EUR -> currency (ECB), any order
};

struct ValuationOptions
{
    QDate lastDay; // the series end here (required)
    int staleAfterDays = 5; // a price or rate older than this marks the day stale
    QString totalCurrency = QStringLiteral("EUR"); // base currency of the all-portfolios series
    int keyframeInterval = 30; // days between the keyframes kept for recomputeValuation(); 0 keeps none
};

struct PortfolioSeries
{
    RowId portfolioId = 0;
    ValueSeries series; // from the portfolio's first entry; empty when it has none
};

struct KeyframeState; // the kernel's, opaque here (valuation/valuationkernel.h)

// The kernel's state at the start of `day`, so a change dated on or after it
// can be recomputed from there rather than from the first entry.
struct Keyframe
{
    QDate day;
    std::shared_ptr<const KeyframeState> state; // immutable, shared by copies
};

struct Valuation
{
    std::vector<PortfolioSeries> portfolios; // in the order of the inputs
    ValueSeries total; // all portfolios together; transfers between them cancel out
    std::vector<Keyframe> keyframes; // every options.keyframeInterval days, oldest first
};

// The daily value series of every portfolio and of all together, up to
// options.lastDay. Pure: no store, no event loop, safe on any thread.
//
// Entries replay in replaysBefore() order, tracking units per (portfolio, asset)
// and cash per (portfolio, currency) the way the ledger does (docs/LEDGER.md);
// the ledger itself (lots, cost basis) is not rebuilt. Each day's holdings are
// valued at that day's close, the last known close carried forward, and every
// currency is converted to the base currency at that day's ECB rate, also
// carried forward, crossing through the euro. A holding without any price yet,
// or an amount in a currency without any rate yet, is left out of that day's
// value, the day is marked incomplete and `missing` says what was missing.
//
// External flows: deposits (+), withdrawals (−) and, for one portfolio's series,
// transfers in (+) and out (−), units at that day's close.
Result<Valuation> computeValuation(const ValuationInputs &inputs, const ValuationOptions &options);

// computeValuation(inputs, options) after a change to the inputs dated on or
// after `changedFrom` (an edited entry: the earlier of its old and new dates),
// given `previous`, the valuation of the inputs before the change with the same
// options. Resumes from previous's last keyframe on or before `changedFrom`, so
// it costs the days after it; gives exactly what computeValuation() would.
// Falls back to a full computation when it cannot resume: no keyframe before
// the change, or a change of portfolios, assets, currencies, first entry day
// or options. Everything dated before `changedFrom` (entries, closes, rates)
// must be as it was for `previous`.
Result<Valuation> recomputeValuation(const Valuation &previous, const ValuationInputs &inputs,
                                     const ValuationOptions &options, QDate changedFrom);

// Reads what computeValuation() needs from a store: every portfolio, the
// catalog, every entry, the closes of the assets the entries name and the rates
// of the currencies involved, up to `lastDay`.
Result<ValuationInputs> loadValuationInputs(const store::Database &database, QDate lastDay,
                                            const QString &totalCurrency = QStringLiteral("EUR"));

// Both of the above.
Result<Valuation> valueFromStore(const store::Database &database, const ValuationOptions &options);

} // namespace pt::valuation
