#pragma once

#include "result.h"
#include "valuation/valuator.h"

#include <QStringList>

#include <vector>

namespace pt::valuation {

// One thing held at the allocation's date: an asset's position, or the cash in one currency.
struct AllocationLine
{
    RowId assetId = 0; // 0 for cash
    QString symbol; // the asset's symbol; the currency code for cash
    QString name; // the asset's name; "Cash EUR" for cash
    QString assetClass; // toKey(AssetClass), or "Cash"
    QString currency;
    Decimal quantity; // units held; the amount for cash
    Decimal price; // the close used (carried forward); 1 for cash
    QDate priceDate; // the close's own day; null for cash
    Decimal localValue; // quantity × price, in `currency`
    Decimal value; // in the base currency at the date's rate
    bool valued = false; // false: no close or no rate yet; left out of every total, see `missing`
};

// A group of lines and its share of the total.
struct AllocationSlice
{
    QString key; // the class key ("stock", "Cash"), the currency code, or the symbol
    Decimal value; // base currency
    double weight = 0; // value / total
};

struct Allocation
{
    QDate date;
    QString baseCurrency;
    std::vector<AllocationLine> lines; // every position held and every non-zero cash balance
    Decimal total; // sum of the valued lines
    std::vector<AllocationSlice> byClass;
    std::vector<AllocationSlice> byCurrency;
    std::vector<AllocationSlice> byAsset; // cash appears as "Cash EUR"
    QStringList missing; // lines left out: no close or rate, never silently zero
};

// What one portfolio (portfolioId), or all together (0, in options.totalCurrency),
// held at the close of options.lastDay: positions from pt::ledger (entries up to
// that day), each valued at its close on or before it and converted at that
// day's ECB rate (carried forward, through the euro), as computeValuation()
// values. Cash is a bucket of its own per currency, class "Cash". Slices are
// ordered by value, largest first; weights of the valued lines sum to 1 (nothing
// when the total is zero). A negative cash balance is a negative slice.
Result<Allocation> computeAllocation(const ValuationInputs &inputs, const ValuationOptions &options, RowId portfolioId);

} // namespace pt::valuation
