#include "valuation/benchmark.h"

#include "valuation/marketlookup.h"

#include <algorithm>

namespace pt::valuation {

namespace {

// Day i's return with the day's flow at its start, as computeReturns() links it:
// V_i / (V_{i−1} + F_i) − 1, and 0 while nothing is invested.
double dailyReturn(const ValueSeries &series, int index)
{
    const Decimal before = series.marketValue[std::size_t(index - 1)] + series.externalFlow[std::size_t(index)];
    const double base = before.toDouble();
    if (!before.isValid() || !(base > 0))
        return 0;
    return series.marketValue[std::size_t(index)].toDouble() / base - 1;
}

} // namespace

Result<BenchmarkComparison> compareWithBenchmark(const ValueSeries &portfolio, const Range &range,
                                                 const Benchmark &benchmark, std::span<const store::FxRate> fxRates,
                                                 bool convert)
{
    if (portfolio.size() == 0 || !portfolio.first.isValid())
        return Error { QStringLiteral("The portfolio has no value series to compare with") };
    if (!range.from.isValid() || !range.to.isValid() || range.from > range.to)
        return Error { QStringLiteral("The range must have a first day on or before its last day (%1..%2)")
                           .arg(range.from.toString(Qt::ISODate), range.to.toString(Qt::ISODate)) };
    const QDate last = portfolio.day(portfolio.size() - 1);
    BenchmarkComparison result;
    result.symbol = benchmark.symbol;
    result.currency = convert ? portfolio.baseCurrency : benchmark.currency;
    result.from = std::max(range.from, portfolio.first);
    result.to = std::min(range.to, last);
    if (result.from > result.to)
        return Error { QStringLiteral("The range %1..%2 is outside the portfolio's series (%3..%4)")
                           .arg(range.from.toString(Qt::ISODate), range.to.toString(Qt::ISODate),
                                portfolio.first.toString(Qt::ISODate), last.toString(Qt::ISODate)) };

    const MarketLookup::Closes noCloses;
    const MarketLookup lookup(noCloses, fxRates, result.to);
    const int begin = portfolio.indexOf(result.from);
    const int end = portfolio.indexOf(result.to);

    // The benchmark's close of each day, carried forward and converted.
    double growth = 1;
    std::vector<double> growthOf;
    for (int i = begin; i <= end; ++i) {
        const QDate day = portfolio.day(i);
        if (i > begin)
            growth *= 1 + dailyReturn(portfolio, i);
        growthOf.push_back(growth);
        BenchmarkDay point;
        point.date = day;
        point.portfolioValue = portfolio.marketValue[std::size_t(i)];
        if (const store::DatedClose *close = MarketLookup::closeOn(benchmark.closes, day)) {
            point.carried = close->date < day;
            if (!convert) {
                point.benchmarkClose = close->close;
            } else if (auto converted = lookup.convert(close->close, benchmark.currency, portfolio.baseCurrency, day)) {
                point.benchmarkClose = *converted;
            } else if (!result.missing.contains(converted.error())) {
                result.missing << converted.error();
            }
        }
        result.days.push_back(point);
    }

    const auto anchor = std::find_if(result.days.begin(), result.days.end(),
                                     [](const BenchmarkDay &day) { return day.benchmarkClose.has_value(); });
    if (anchor == result.days.end()) {
        if (!result.missing.isEmpty())
            return Error { QStringLiteral("%1 cannot be converted into %2 in %3..%4: %5")
                               .arg(benchmark.symbol, portfolio.baseCurrency, result.from.toString(Qt::ISODate),
                                    result.to.toString(Qt::ISODate), result.missing.join(QStringLiteral("; "))) };
        return Error {
            QStringLiteral("No close for %1 up to %2").arg(benchmark.symbol, result.to.toString(Qt::ISODate))
        };
    }
    if (anchor != result.days.begin()) {
        const bool noneBefore = !MarketLookup::closeOn(benchmark.closes, result.from);
        result.missing.prepend(
            noneBefore
                ? QStringLiteral("no close for %1 on or before %2; compared from %3")
                      .arg(benchmark.symbol, result.from.toString(Qt::ISODate), anchor->date.toString(Qt::ISODate))
                : QStringLiteral("%1 cannot be valued on %2; compared from %3")
                      .arg(benchmark.symbol, result.from.toString(Qt::ISODate), anchor->date.toString(Qt::ISODate)));
    }
    result.anchor = anchor->date;
    const std::size_t anchorIndex = std::size_t(anchor - result.days.begin());
    const Decimal anchorClose = *anchor->benchmarkClose;
    const Decimal anchorValue = anchor->portfolioValue;
    const double anchorGrowth = growthOf[anchorIndex];
    for (std::size_t i = 0; i < result.days.size(); ++i) {
        BenchmarkDay &day = result.days[i];
        day.portfolioIndex = anchorGrowth != 0 ? 100 * growthOf[i] / anchorGrowth : 100;
        if (i < anchorIndex || !day.benchmarkClose)
            continue;
        // Multiply first, divide last: one rounding, at the 12th digit.
        day.rebased = *day.benchmarkClose * anchorValue / anchorClose;
        day.benchmarkIndex = 100 * day.benchmarkClose->toDouble() / anchorClose.toDouble();
    }
    result.portfolioReturn = anchorGrowth != 0 ? growthOf.back() / anchorGrowth - 1 : 0;
    if (result.days.back().benchmarkIndex)
        result.benchmarkReturn = *result.days.back().benchmarkIndex / 100 - 1;
    return result;
}

} // namespace pt::valuation
