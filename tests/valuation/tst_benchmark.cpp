// A benchmark rebased onto a portfolio's value series, worked through by hand.
#include "valuation/benchmark.h"

#include "inputsbuilder.h"

#include <QTest>

#include <cmath>

using namespace pt;
using namespace pt::valuation;
using pt::test::day;
using pt::test::dec;

namespace {

// A hand-made series from Thu 2024-02-01: values and flows by day.
ValueSeries series(const char *first, std::vector<const char *> values, std::vector<const char *> flows,
                   const char *currency = "EUR")
{
    ValueSeries s;
    s.baseCurrency = QString::fromLatin1(currency);
    s.first = day(first);
    Decimal invested;
    for (std::size_t i = 0; i < values.size(); ++i) {
        s.marketValue.push_back(dec(values[i]));
        s.externalFlow.push_back(dec(flows[i]));
        invested += s.externalFlow.back();
        s.invested.push_back(invested);
        s.stale.push_back(false);
        s.incomplete.push_back(false);
    }
    return s;
}

Benchmark index(const char *currency, std::vector<std::pair<const char *, const char *>> closes)
{
    Benchmark benchmark;
    benchmark.symbol = QStringLiteral("IDX");
    benchmark.currency = QString::fromLatin1(currency);
    for (const auto &[date, close] : closes)
        benchmark.closes.push_back(store::DatedClose { day(date), dec(close) });
    return benchmark;
}

bool near(double a, double b)
{
    return std::abs(a - b) < 1e-12;
}

} // namespace

class TestBenchmark : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rebasedOverWeekend();
    void convertedAtDailyRates();
    void missingBeforeRangeStartIsReported();
    void refusals();
};

// Portfolio Thu 02-01 .. Tue 02-06: 1000, 1100, 1100, 1100 (Sun), 1650 with a deposit
// of 500 on Mon, 1600 on Tue. Index closes Thu 200, Fri 210, Mon 220, Tue 190 (no
// weekend closes: Sat and Sun carry Friday's 210).
// Range Fri 02-02 .. Tue 02-06. Anchor Fri: portfolio 1100, close 210.
//   rebased = close × 1100 / 210: Fri 1100, Sat 1100, Sun 1100 (carried),
//   Mon 220 × 1100 / 210 = 1152.380952380952 (12 digits), Tue 190 × 1100 / 210 = 995.238095238095.
//   benchmark index 100 × close / 210: Mon 104.7619..., Tue 90.476...; return 190/210 − 1.
//   portfolio index: Mon 1650 / (1100 + 500) = 1.03125, Tue 1600/1650: return 1.03125 × 1600/1650 − 1 = 0.
void TestBenchmark::rebasedOverWeekend()
{
    const ValueSeries portfolio = series("2024-02-01", { "1000", "1100", "1100", "1100", "1650", "1600" },
                                         { "1000", "0", "0", "0", "500", "0" });
    const Benchmark benchmark = index(
        "EUR", { { "2024-02-01", "200" }, { "2024-02-02", "210" }, { "2024-02-05", "220" }, { "2024-02-06", "190" } });
    auto result = compareWithBenchmark(portfolio, Range { day("2024-02-02"), day("2024-02-06") }, benchmark, {}, true);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error()));
    QCOMPARE(result->anchor, day("2024-02-02"));
    QCOMPARE(result->days.size(), std::size_t(5));
    QVERIFY(result->missing.isEmpty());

    const auto &days = result->days;
    QCOMPARE(*days[0].rebased, dec("1100"));
    QCOMPARE(*days[1].rebased, dec("1100"));
    QCOMPARE(*days[2].rebased, dec("1100"));
    QVERIFY(!days[0].carried);
    QVERIFY(days[1].carried && days[2].carried); // the weekend carries Friday's close
    QCOMPARE(*days[2].benchmarkClose, dec("210"));
    QCOMPARE(*days[3].rebased, dec("1152.380952380952"));
    QCOMPARE(*days[4].rebased, dec("995.238095238095"));
    QVERIFY(near(*days[0].benchmarkIndex, 100));
    QVERIFY(near(*days[3].benchmarkIndex, 100 * 220.0 / 210.0));
    QVERIFY(near(days[3].portfolioIndex, 100 * 1650.0 / 1600.0));
    QVERIFY(near(days[4].portfolioIndex, 100 * (1650.0 / 1600.0) * (1600.0 / 1650.0)));
    QVERIFY(near(*result->benchmarkReturn, 190.0 / 210.0 - 1));
    QVERIFY(near(result->portfolioReturn, 0));
}

// A USD index against a EUR portfolio, EUR→USD Fri 1.25 (carried over the weekend), Mon 1.10.
// Converted closes: Fri 250 / 1.25 = 200, Sat, Sun 200, Mon 264 / 1.1 = 240.
// Portfolio flat at 500: rebased Fri 500, Mon 240 × 500 / 200 = 600; return +20 %
// in EUR (in USD it would have been 264/250 − 1 = 5.6 %).
void TestBenchmark::convertedAtDailyRates()
{
    const ValueSeries portfolio = series("2024-02-02", { "500", "500", "500", "500" }, { "500", "0", "0", "0" });
    const Benchmark benchmark = index("USD", { { "2024-02-02", "250" }, { "2024-02-05", "264" } });
    const std::vector<store::FxRate> rates {
        { QStringLiteral("EUR"), QStringLiteral("USD"), day("2024-02-02"), dec("1.25") },
        { QStringLiteral("EUR"), QStringLiteral("USD"), day("2024-02-05"), dec("1.10") },
    };
    auto converted
        = compareWithBenchmark(portfolio, Range { day("2024-02-02"), day("2024-02-05") }, benchmark, rates, true);
    QVERIFY(converted.ok());
    QCOMPARE(converted->currency, QStringLiteral("EUR"));
    QCOMPARE(*converted->days[2].benchmarkClose, dec("200"));
    QCOMPARE(*converted->days[3].rebased, dec("600"));
    QVERIFY(near(*converted->benchmarkReturn, 0.2));

    auto own = compareWithBenchmark(portfolio, Range { day("2024-02-02"), day("2024-02-05") }, benchmark, rates, false);
    QVERIFY(own.ok());
    QCOMPARE(own->currency, QStringLiteral("USD"));
    QVERIFY(near(*own->benchmarkReturn, 264.0 / 250.0 - 1));
    QCOMPARE(*own->days[3].rebased, dec("528")); // 264 × 500 / 250
}

// The index's first close is Mon 02-05, after the range starts on Thu 02-01: said,
// and both start from Monday (portfolio 1200, close 50: Tue 55 → 1320).
// Without any rate for a converted benchmark, or without any close: an error naming it.
void TestBenchmark::missingBeforeRangeStartIsReported()
{
    const ValueSeries portfolio
        = series("2024-02-01", { "1000", "1000", "1000", "1000", "1200", "1200" }, { "1000", "0", "0", "0", "0", "0" });
    const Benchmark late = index("EUR", { { "2024-02-05", "50" }, { "2024-02-06", "55" } });
    auto result = compareWithBenchmark(portfolio, Range { day("2024-02-01"), day("2024-02-06") }, late, {}, true);
    QVERIFY(result.ok());
    QCOMPARE(result->anchor, day("2024-02-05"));
    QVERIFY2(
        result->missing.contains(QStringLiteral("no close for IDX on or before 2024-02-01; compared from 2024-02-05")),
        qPrintable(result->missing.join(u'\n')));
    QVERIFY(!result->days[0].rebased.has_value());
    QVERIFY(!result->days[3].rebased.has_value());
    QCOMPARE(*result->days[4].rebased, dec("1200"));
    QCOMPARE(*result->days[5].rebased, dec("1320"));
    QVERIFY(near(*result->benchmarkReturn, 0.1));
    QVERIFY(near(result->portfolioReturn, 0)); // 1200 → 1200 from the anchor

    const Benchmark usd = index("USD", { { "2024-02-01", "10" } });
    auto noRate = compareWithBenchmark(portfolio, Range { day("2024-02-01"), day("2024-02-06") }, usd, {}, true);
    QVERIFY(!noRate.ok());
    QVERIFY2(noRate.error().contains(u"no EUR→USD rate"), qPrintable(noRate.error()));

    const Benchmark afterwards = index("EUR", { { "2024-03-01", "10" } });
    auto none = compareWithBenchmark(portfolio, Range { day("2024-02-01"), day("2024-02-06") }, afterwards, {}, true);
    QVERIFY(!none.ok());
    QVERIFY2(none.error().contains(u"IDX"), qPrintable(none.error()));
}

void TestBenchmark::refusals()
{
    const Benchmark benchmark = index("EUR", { { "2024-02-01", "10" } });
    QVERIFY(!compareWithBenchmark(ValueSeries {}, Range { day("2024-02-01"), day("2024-02-02") }, benchmark, {}, true)
                 .ok());
    const ValueSeries portfolio = series("2024-02-01", { "1", "1" }, { "1", "0" });
    auto outside = compareWithBenchmark(portfolio, Range { day("2024-03-01"), day("2024-03-02") }, benchmark, {}, true);
    QVERIFY(!outside.ok());
    QVERIFY2(outside.error().contains(u"2024-03-01"), qPrintable(outside.error()));
}

QTEST_GUILESS_MAIN(TestBenchmark)
#include "tst_benchmark.moc"
