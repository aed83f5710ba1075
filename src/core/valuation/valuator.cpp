#include "valuation/valuator.h"

#include "store/assetrepository.h"
#include "store/bookloader.h"
#include "store/database.h"
#include "store/pricerepository.h"
#include "valuation/closetable.h"
#include "valuation/valuationkernel.h"

#include <QSet>

#include <set>
#include <thread>

namespace pt::valuation {

// The kernel itself lives in valuationkernel.cpp; here are the entry points
// and the loading from a store.

namespace {

const QString Euro = QStringLiteral("EUR");

// Everything but the closes, and the ids of the assets whose closes are needed.
Result<ValuationInputs> loadBook(const store::Database &database, QDate lastDay, const QString &totalCurrency,
                                 std::set<RowId> &used)
{
    auto book = store::loadWholeBook(database);
    if (!book)
        return Error{book.error()};
    ValuationInputs inputs;
    inputs.portfolios = std::move(book->portfolios);
    inputs.assets = std::move(book->assets);
    inputs.transactions = std::move(book->transactions);

    QSet<QString> currencies{totalCurrency};
    for (const Transaction &t : inputs.transactions) {
        if (t.stamp.deleted)
            continue;
        if (t.assetId != 0)
            used.insert(t.assetId);
        currencies.insert(t.currency);
    }
    for (const Portfolio &portfolio : inputs.portfolios)
        currencies.insert(portfolio.baseCurrency);
    for (const Asset &asset : inputs.assets) {
        if (used.count(asset.id))
            currencies.insert(asset.currency);
    }
    const store::FxRateRepository rates(database);
    for (const QString &code : std::as_const(currencies)) {
        if (code == Euro || code.isEmpty())
            continue;
        auto rows = rates.list(code, {}, lastDay);
        if (!rows)
            return Error{rows.error()};
        inputs.fxRates.insert(inputs.fxRates.end(), rows->begin(), rows->end());
    }
    return inputs;
}

} // namespace

Result<Valuation> computeValuation(const ValuationInputs &inputs, const ValuationOptions &options)
{
    return detail::runKernel(inputs, options, nullptr);
}

Result<Valuation> recomputeValuation(const Valuation &previous, const ValuationInputs &inputs,
                                     const ValuationOptions &options, QDate changedFrom)
{
    return detail::runKernel(inputs, options, nullptr, &previous, changedFrom);
}

Result<ValuationInputs> loadValuationInputs(const store::Database &database, QDate lastDay,
                                            const QString &totalCurrency)
{
    std::set<RowId> used;
    auto inputs = loadBook(database, lastDay, totalCurrency, used);
    if (!inputs)
        return inputs;
    auto closes = store::PriceRepository(database).closes(used, lastDay);
    if (!closes)
        return Error{closes.error()};
    inputs->closes = std::move(*closes);
    return inputs;
}

Result<Valuation> valueFromStore(const store::Database &database, const ValuationOptions &options)
{
    // The closes are half the reading: a second thread, with a connection of
    // its own, reads those of the whole catalog while this one reads the book
    // (assets no entry names cost their closes, and the kernel skips them).
    // They go straight into the compact table, never into inputs.closes: half
    // the memory, and no second copy.
    detail::CloseTable table;
    Result<void> read;
    std::thread reader([&database, &options, &table, &read] {
        auto assets = store::AssetRepository(database).list();
        if (!assets) {
            read = Error{assets.error()};
            return;
        }
        std::set<RowId> ids;
        for (const Asset &asset : *assets)
            ids.insert(asset.id);
        read = store::PriceRepository(database).closes(
            ids, options.lastDay,
            [&table](RowId assetId, qint64 julianDay, Decimal close) { table.add(assetId, julianDay, close); });
    });
    std::set<RowId> used;
    auto inputs = loadBook(database, options.lastDay, options.totalCurrency, used);
    reader.join();
    if (!inputs)
        return Error{inputs.error()};
    if (!read)
        return Error{read.error()};
    return detail::runKernel(*inputs, options, &table);
}

} // namespace pt::valuation
