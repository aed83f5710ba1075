// The daily value series of a large book.
//
// Data: a generated book of 5 portfolios, 1,000 assets and 100,000 ledger
// entries over 10 years of daily prices (seed 42), written once into a
// scratch SQLite store. BM_ValueLoadedBook computes the daily series of every
// portfolio and of all together with everything already in memory: target
// 50 ms. BM_LoadAndValueBook starts from the store (entries, closes, rates):
// target 1 s. BM_ReturnsAllPortfolios computes TWR, simple return and XIRR
// over the whole series of every portfolio and of the total: target 20 ms.
// BM_RecomputeAfterEdit changes one buy six months before the last day and
// brings the holdings (the affected portfolio's ledger) and the series up to
// date, the series from the keyframe before the change: target 50 ms.
// The generator writes no exchange rates, so ECB-like daily rates
// (trading days only, weekends carried) are added for every currency of the
// book, so every conversion is really done.
#include "benchsupport.h"

#include "ledger/ledger.h"
#include "store/fxraterepository.h"
#include "valuation/returns.h"
#include "valuation/valuator.h"

#include <QSet>

#include <algorithm>
#include <span>


using namespace pt;

namespace {

struct GeneratedBook
{
    bench::ScratchStore scratch;
    QDate lastDay;
    valuation::ValuationInputs inputs;
};

// Deterministic rates around a level per currency, moving a little each day.
void addEuroRates(const store::Database &database, QDate from, QDate to)
{
    auto loaded = valuation::loadValuationInputs(database, to);
    if (!loaded)
        qFatal("cannot read the book: %s", qPrintable(loaded.error()));
    QSet<QString> currencies;
    for (const Portfolio &portfolio : loaded->portfolios)
        currencies.insert(portfolio.baseCurrency);
    for (const Asset &asset : loaded->assets)
        currencies.insert(asset.currency);
    currencies.remove(QStringLiteral("EUR"));
    std::vector<marketdata::EuroRate> rates;
    for (const QString &code : std::as_const(currencies)) {
        const Decimal level = code == u"JPY" ? Decimal(160)
            : code == u"GBP"                 ? Decimal(1) - Decimal(15) / Decimal(100)
                                             : Decimal(11) / Decimal(10);
        int step = 0;
        for (QDate date = from; date <= to; date = date.addDays(1)) {
            if (!BookGenerator::isTradingDay(date))
                continue;
            rates.push_back(marketdata::EuroRate{date, code, level + level * Decimal(++step % 40) / Decimal(1000)});
        }
    }
    const auto stored = store::FxRateRepository(database).upsertEuroRates(rates, QStringLiteral("bench"));
    if (!stored)
        qFatal("cannot store the rates: %s", qPrintable(stored.error()));
}

GeneratedBook &book()
{
    static GeneratedBook *generated = [] {
        auto *result = new GeneratedBook;
        const GeneratorReport report = bench::generateLargeBook(*result->scratch.database);
        result->lastDay = report.lastDay;
        addEuroRates(*result->scratch.database, report.firstDay.addDays(-30), report.lastDay);
        auto inputs = valuation::loadValuationInputs(*result->scratch.database, result->lastDay);
        if (!inputs)
            qFatal("cannot load the book: %s", qPrintable(inputs.error()));
        result->inputs = std::move(*inputs);
        return result;
    }();
    return *generated;
}

valuation::ValuationOptions optionsFor(const GeneratedBook &generated)
{
    valuation::ValuationOptions options;
    options.lastDay = generated.lastDay;
    return options;
}

void BM_ValueLoadedBook(benchmark::State &state)
{
    const GeneratedBook &generated = book();
    std::size_t days = 0;
    for (auto _ : state) {
        auto valuation = valuation::computeValuation(generated.inputs, optionsFor(generated));
        if (!valuation) {
            state.SkipWithError(qPrintable(valuation.error()));
            break;
        }
        days = std::size_t(valuation->total.size());
        benchmark::DoNotOptimize(valuation);
    }
    std::size_t closes = 0;
    for (const auto &[asset, list] : generated.inputs.closes)
        closes += list.size();
    state.counters["entries"] = double(generated.inputs.transactions.size());
    state.counters["closes"] = double(closes);
    state.counters["days"] = double(days);
}
BENCHMARK(BM_ValueLoadedBook)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_LoadAndValueBook(benchmark::State &state)
{
    const GeneratedBook &generated = book();
    for (auto _ : state) {
        auto valuation = valuation::valueFromStore(*generated.scratch.database, optionsFor(generated));
        if (!valuation) {
            state.SkipWithError(qPrintable(valuation.error()));
            break;
        }
        benchmark::DoNotOptimize(valuation);
    }
}
BENCHMARK(BM_LoadAndValueBook)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_ReturnsAllPortfolios(benchmark::State &state)
{
    const GeneratedBook &generated = book();
    const auto valuation = valuation::computeValuation(generated.inputs, optionsFor(generated));
    if (!valuation) {
        state.SkipWithError(qPrintable(valuation.error()));
        return;
    }
    std::vector<const valuation::ValueSeries *> all;
    for (const valuation::PortfolioSeries &portfolio : valuation->portfolios)
        all.push_back(&portfolio.series);
    all.push_back(&valuation->total);
    for (auto _ : state) {
        for (const valuation::ValueSeries *series : all) {
            const auto range = valuation::Range::preset(valuation::Range::Preset::All, generated.lastDay, series->first);
            auto returns = valuation::computeReturns(*series, range);
            benchmark::DoNotOptimize(returns);
        }
    }
    state.counters["series"] = double(all.size());
}
BENCHMARK(BM_ReturnsAllPortfolios)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_RecomputeAfterEdit(benchmark::State &state)
{
    const GeneratedBook &generated = book();
    const valuation::ValuationOptions options = optionsFor(generated);
    const auto before = valuation::computeValuation(generated.inputs, options);
    if (!before) {
        state.SkipWithError(qPrintable(before.error()));
        return;
    }
    // The first buy six months before the last day: one more unit, a cent more.
    valuation::ValuationInputs changed = generated.inputs;
    const QDate sixMonths = generated.lastDay.addMonths(-6);
    const auto edited = std::find_if(changed.transactions.begin(), changed.transactions.end(), [&](const Transaction &t) {
        return t.type == TransactionType::Buy && !t.stamp.deleted && t.date >= sixMonths;
    });
    if (edited == changed.transactions.end()) {
        state.SkipWithError("no buy six months before the last day");
        return;
    }
    edited->quantity = edited->quantity + Decimal(1);
    edited->price = edited->price + Decimal(1) / Decimal(100);
    const auto portfolio = std::find_if(changed.portfolios.begin(), changed.portfolios.end(),
                                        [&](const Portfolio &p) { return p.id == edited->portfolioId; });
    const std::span<const Portfolio> affected(&*portfolio, 1);
    for (auto _ : state) {
        auto books = ledger::Ledger::replay(affected, changed.assets, changed.transactions);
        if (!books) {
            state.SkipWithError(qPrintable(books.error()));
            break;
        }
        auto after = valuation::recomputeValuation(*before, changed, options, edited->date);
        if (!after) {
            state.SkipWithError(qPrintable(after.error()));
            break;
        }
        benchmark::DoNotOptimize(books);
        benchmark::DoNotOptimize(after);
    }
    state.counters["days_back"] = double(edited->date.daysTo(generated.lastDay));
}
BENCHMARK(BM_RecomputeAfterEdit)->Unit(benchmark::kMillisecond)->UseRealTime();

} // namespace

PT_BENCHMARK_MAIN()
