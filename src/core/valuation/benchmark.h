#pragma once

#include "result.h"
#include "store/fxraterepository.h"
#include "store/pricerepository.h"
#include "valuation/returns.h"
#include "valuation/valueseries.h"

#include <QStringList>

#include <optional>
#include <span>
#include <vector>

namespace pt::valuation {

// An asset or index to compare a portfolio with: its closes, in its own currency.
struct Benchmark
{
    QString symbol;
    QString currency;
    std::vector<store::DatedClose> closes; // oldest first
};

struct BenchmarkDay
{
    QDate date;
    Decimal portfolioValue; // the portfolio's market value that day
    double portfolioIndex = 100; // its time-weighted index, 100 at the anchor
    // Nothing before the benchmark's first close or on a day without a rate:
    std::optional<Decimal> benchmarkClose; // the close used, in `currency` (converted when asked)
    std::optional<Decimal> rebased; // close × portfolio value at anchor / close at anchor (portfolio's currency)
    std::optional<double> benchmarkIndex; // 100 × close / close at anchor
    bool carried = false; // the close is from an earlier day (weekend, holiday)
};

struct BenchmarkComparison
{
    QString symbol;
    QString currency; // of benchmarkClose: the portfolio's when converted, else the benchmark's own
    QDate from; // the range, clamped to the portfolio's series
    QDate to;
    QDate anchor; // the day both start from: `from`, or the benchmark's first close after it
    std::vector<BenchmarkDay> days; // every calendar day of [from, to]
    double portfolioReturn = 0; // time-weighted, anchor..to, not annualised
    std::optional<double> benchmarkReturn; // close at `to` / close at anchor − 1; nothing without data
    QStringList missing; // benchmark data missing before the range start, rates missing
};

// The benchmark rebased onto the portfolio: at the range's first day both are
// worth the portfolio's value (and both indices are 100), then each day the
// benchmark moves with its close, carried forward over days without one
// (weekends, holidays), while the portfolio's index links its daily returns
// as computeReturns() does (flows at the start of their day), so deposits and
// withdrawals do not count as performance; the rebased value is what the
// portfolio's starting value would be worth in the benchmark.
//
// With `convert`, each close is first converted into the series' base currency
// at that day's ECB rate (carried forward, through the euro). When the
// benchmark has no close on or before the range's first day, that is reported
// in `missing` and both start from the first day that has one (`anchor`);
// earlier days have no benchmark value. An error only when the range does not
// meet the series, or the benchmark has no usable close in the range at all.
Result<BenchmarkComparison> compareWithBenchmark(const ValueSeries &portfolio, const Range &range,
                                                 const Benchmark &benchmark, std::span<const store::FxRate> fxRates,
                                                 bool convert);

} // namespace pt::valuation
