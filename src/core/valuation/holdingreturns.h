#pragma once

#include "result.h"
#include "valuation/returns.h"
#include "valuation/valuator.h"
#include "valuation/valueseries.h"

#include <QStringList>

#include <vector>

namespace pt::valuation {

// One holding: one asset in one portfolio, or in every portfolio of the inputs together.
struct HoldingScope
{
    RowId assetId = 0;
    RowId portfolioId = 0; // 0: all portfolios together
};

// A holding's daily value series in the base currency (the portfolio's, or
// options.totalCurrency for all portfolios), so computeReturns() on it gives the
// holding's absolute gain, simple return, TWR and XIRR.
//
// The holding is treated as an account of its own: its value is units × that
// day's close (carried forward), converted at that day's ECB rate (carried
// forward, through the euro) exactly as computeValuation() does. Money moving
// between it and the portfolio's cash are its external flows, in the base
// currency at that day's rate:
//   buy                    + (quantity × price rounded to the minor unit + fee)
//   sell                   − (gross − fee), the net proceeds
//   dividend               − (amount − fee), the net income paid out to cash
//   interest on the asset  − amount
//   fee or tax on the asset + amount (the holding costs that much more)
//   transfer in / out      ± units × that day's close (between two portfolios
//                          of an all-portfolios scope: no flow at all)
//   split                  none; every portfolio's units × N / D
// The series starts the day *before* the holding's first entry, at zero, so a
// range from the start counts the first buy as a flow and the first day's move
// as gain. Missing closes or rates leave that part out of the day, mark it
// incomplete and are listed in `missing`, never silently zero.
Result<ValueSeries> computeHoldingSeries(const ValuationInputs &inputs, const ValuationOptions &options,
                                         const HoldingScope &scope);

// Where a range's gain came from. Every figure is exact, in one currency: the
// asset's (a holding's `local` breakdown) or the base currency (each amount
// converted at the rate of its own day). A range [from, to] reads as
// computeReturns() reads it: the start is the close of `from`, so entries dated
// `from` are before the range and entries dated (from, to] are inside it.
//
// Decisions:
// - income is gross: dividends and interest as booked; what a dividend had
//   withheld is in `fees`. Taxes are separate.
// - `fees` are every fee paid inside the range; `tradeFees` is the part paid on
//   buys and sells, which the cost basis (buys) and the proceeds (sells) already
//   hold, so the reconciliation subtracts only fees − tradeFees.
// - unrealized gain is market value − cost basis of the units held (the
//   portfolio's method, from pt::ledger). A transfer of units in (out) brings
//   (takes) its unrealized gain at that day's close: `unrealizedTransferred`,
//   which unrealizedChange() leaves out.
// So, for a book in one currency,
//   realized + unrealizedChange() + income − (fees − tradeFees) − taxes
// equals the absolute gain of the range (reconciled()); with several currencies
// they differ by the effect of exchange rates on cost basis and cash.
struct GainBreakdown
{
    QString currency;
    Decimal realized; // sales inside the range: net proceeds − cost basis given up
    Decimal unrealizedStart; // at the close of `from`
    Decimal unrealizedEnd; // at the close of `to`
    Decimal unrealizedTransferred; // carried in (+) or out (−) by transfers inside the range
    Decimal income; // dividends and interest, gross
    Decimal fees; // every fee
    Decimal tradeFees; // the part of `fees` on buys and sells
    Decimal taxes;
    bool incomplete = false; // some close or rate was missing: see `missing`
    QStringList missing;

    Decimal unrealizedChange() const { return unrealizedEnd - unrealizedStart - unrealizedTransferred; }
    // realized + unrealizedChange() + income − (fees − tradeFees) − taxes
    Decimal reconciled() const;
};

struct HoldingBreakdown
{
    RowId assetId = 0;
    QString symbol;
    Decimal quantityStart; // units held at the close of `from`
    Decimal quantityEnd; // and of `to`
    GainBreakdown local; // in the asset's currency
    GainBreakdown base; // in the report's base currency
};

struct BreakdownReport
{
    QString baseCurrency;
    Range range;
    std::vector<HoldingBreakdown> holdings; // every asset the scope ever held, by symbol
    GainBreakdown total; // base currency: the holdings plus income, fees and taxes on no asset
};

// The breakdown of one portfolio (portfolioId), or of all portfolios together
// (0, in options.totalCurrency), over `range`. Positions, cost basis and sales
// come from pt::ledger::Ledger::replay of the entries up to each end of the
// range; the replay's refusals are returned as errors.
Result<BreakdownReport> computeGainBreakdown(const ValuationInputs &inputs, const ValuationOptions &options,
                                             RowId portfolioId, const Range &range);

} // namespace pt::valuation
