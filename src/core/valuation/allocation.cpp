#include "valuation/allocation.h"

#include "ledger/ledger.h"
#include "valuation/marketlookup.h"

#include <algorithm>
#include <map>

namespace pt::valuation {

namespace {

const QString CashClass = QStringLiteral("Cash");

std::vector<AllocationSlice> group(const std::vector<AllocationLine> &lines, Decimal total,
                                   QString (*keyOf)(const AllocationLine &))
{
    std::map<QString, Decimal> sums;
    for (const AllocationLine &line : lines) {
        if (line.valued)
            sums[keyOf(line)] += line.value;
    }
    std::vector<AllocationSlice> slices;
    const double whole = total.toDouble();
    for (const auto &[key, value] : sums) {
        // Division in doubles: weights are statistics, the values stay exact.
        slices.push_back(AllocationSlice { key, value, total.isZero() ? 0.0 : value.toDouble() / whole });
    }
    std::stable_sort(slices.begin(), slices.end(),
                     [](const AllocationSlice &a, const AllocationSlice &b) { return a.value > b.value; });
    return slices;
}

} // namespace

Result<Allocation> computeAllocation(const ValuationInputs &inputs, const ValuationOptions &options, RowId portfolioId)
{
    const QDate date = options.lastDay;
    if (!date.isValid())
        return Error { QStringLiteral("The allocation needs a date") };
    Allocation allocation;
    allocation.date = date;
    allocation.baseCurrency = options.totalCurrency;
    bool found = portfolioId == 0;
    for (const Portfolio &portfolio : inputs.portfolios) {
        if (portfolio.id == portfolioId) {
            allocation.baseCurrency = portfolio.baseCurrency;
            found = true;
        }
    }
    if (!found)
        return Error { QStringLiteral("Portfolio id %1 is not among the portfolios valued").arg(portfolioId) };

    std::vector<Transaction> entries;
    for (const Transaction &t : inputs.transactions) {
        if (!t.stamp.deleted && t.date.isValid() && !(t.date > date))
            entries.push_back(t);
    }
    auto books = ledger::Ledger::replay(inputs.portfolios, inputs.assets, entries);
    if (!books)
        return Error { books.error() };

    std::map<RowId, Decimal> units;
    std::map<QString, Decimal> cash;
    for (const ledger::PortfolioBook &book : *books) {
        if (portfolioId != 0 && book.portfolioId != portfolioId)
            continue;
        for (const auto &[assetId, position] : book.positions)
            units[assetId] += position.quantity;
        for (const auto &[code, amount] : book.cash)
            cash[code] += amount;
    }

    const MarketLookup lookup(inputs.closes, inputs.fxRates);
    const auto valueLine = [&](AllocationLine &line) {
        auto converted = lookup.convert(line.localValue, line.currency, allocation.baseCurrency, date);
        if (!converted) {
            allocation.missing << converted.error();
            return;
        }
        line.value = *converted;
        line.valued = true;
        allocation.total += line.value;
    };
    for (const auto &[assetId, quantity] : units) {
        if (quantity.isZero())
            continue;
        const auto asset = std::find_if(inputs.assets.begin(), inputs.assets.end(),
                                        [id = assetId](const Asset &a) { return a.id == id; });
        if (asset == inputs.assets.end())
            continue; // the replay refuses entries of unknown assets
        AllocationLine line;
        line.assetId = assetId;
        line.symbol = asset->symbol;
        line.name = asset->name;
        line.assetClass = toKey(asset->assetClass);
        line.currency = asset->currency;
        line.quantity = quantity;
        if (const store::DatedClose *close = lookup.closeOn(assetId, date)) {
            line.price = close->close;
            line.priceDate = close->date;
            line.localValue = quantity * close->close;
            valueLine(line);
        } else {
            allocation.missing << lookup.priceMissing(assetId, asset->symbol, date);
        }
        allocation.lines.push_back(line);
    }
    for (const auto &[code, amount] : cash) {
        if (amount.isZero())
            continue;
        AllocationLine line;
        line.symbol = code;
        line.name = CashClass + u' ' + code;
        line.assetClass = CashClass;
        line.currency = code;
        line.quantity = amount;
        line.price = Decimal(1);
        line.localValue = amount;
        valueLine(line);
        allocation.lines.push_back(line);
    }
    allocation.missing.removeDuplicates();

    allocation.byClass
        = group(allocation.lines, allocation.total, [](const AllocationLine &line) { return line.assetClass; });
    allocation.byCurrency
        = group(allocation.lines, allocation.total, [](const AllocationLine &line) { return line.currency; });
    allocation.byAsset = group(allocation.lines, allocation.total,
                               [](const AllocationLine &line) { return line.assetId != 0 ? line.symbol : line.name; });
    return allocation;
}

} // namespace pt::valuation
