// Tests of the returns and risk statistics (valuation/returns.h) on value
// series built by hand, with every expectation worked out in the comments.

#include "valuation/returns.h"

#include <QTest>

#include <cmath>
#include <initializer_list>
#include <utility>

using namespace pt::valuation;
using pt::Decimal;

namespace pt {
// Lets QCOMPARE print a Decimal that differs.
char *toString(const Decimal &value)
{
    return qstrdup(value.toString().toUtf8().constData());
}
} // namespace pt

namespace {

Decimal dec(const char *text)
{
    const auto parsed = Decimal::parse(QString::fromLatin1(text));
    return parsed ? *parsed : Decimal::invalid();
}

// A series from `first`, one value per day, with flows on some days (by index).
ValueSeries makeSeries(QDate first, std::initializer_list<const char *> values,
                       std::initializer_list<std::pair<int, const char *>> flows = {})
{
    ValueSeries series;
    series.baseCurrency = QStringLiteral("EUR");
    series.first = first;
    for (const char *value : values) {
        series.marketValue.push_back(dec(value));
        series.externalFlow.push_back(Decimal());
        series.stale.push_back(false);
    }
    for (const auto &[index, amount] : flows)
        series.externalFlow[size_t(index)] = dec(amount);
    Decimal invested;
    for (const Decimal flow : series.externalFlow)
        series.invested.push_back(invested += flow);
    return series;
}

std::vector<CashFlow> microsoftExample()
{
    return {{QDate(2008, 1, 1), -10000},
            {QDate(2008, 3, 1), 2750},
            {QDate(2008, 10, 30), 4250},
            {QDate(2009, 2, 15), 3250},
            {QDate(2009, 4, 1), 2750}};
}

bool near(double actual, double expected, double tolerance)
{
    return std::abs(actual - expected) <= tolerance;
}

} // namespace

Q_DECLARE_METATYPE(Range::Preset)
Q_DECLARE_METATYPE(std::vector<pt::valuation::CashFlow>)

class TestReturns : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rangePresets_data();
    void rangePresets();
    void timeWeightedWithTwoFlows();
    void partialRangeCountsFlowsAfterItsStart();
    void annualisedPastOneYear();
    void emptyRange();
    void xirrMatchesSpreadsheet();
    void xirrNoSolution_data();
    void xirrNoSolution();
    void xirrBisectionWhenNewtonFails();
    void drawdownOnTwrIndex();
    void volatilityAndSharpe();
    void flatSeriesHasNoVolatility();
};

void TestReturns::rangePresets_data()
{
    QTest::addColumn<Range::Preset>("preset");
    QTest::addColumn<QDate>("to");
    QTest::addColumn<QDate>("firstDay");
    QTest::addColumn<QDate>("from");

    const QDate to(2024, 3, 31);
    const QDate early(2020, 1, 15);
    // 31 March − 1 month is 29 February in a leap year (QDate clamps to the month's end).
    QTest::newRow("1M") << Range::Preset::OneMonth << to << early << QDate(2024, 2, 29);
    QTest::newRow("3M") << Range::Preset::ThreeMonths << to << early << QDate(2023, 12, 31);
    // YTD starts at the previous year's last close, so 1 January's move counts.
    QTest::newRow("YTD") << Range::Preset::YearToDate << to << early << QDate(2023, 12, 31);
    QTest::newRow("1Y") << Range::Preset::OneYear << to << early << QDate(2023, 3, 31);
    // 2019-03-31 is before the series: clamped to its first day.
    QTest::newRow("5Y clamped") << Range::Preset::FiveYears << to << early << early;
    QTest::newRow("All") << Range::Preset::All << to << early << early;
    QTest::newRow("1M clamped") << Range::Preset::OneMonth << to << QDate(2024, 3, 15) << QDate(2024, 3, 15);
    QTest::newRow("YTD clamped") << Range::Preset::YearToDate << to << QDate(2024, 2, 1) << QDate(2024, 2, 1);
    QTest::newRow("series after to") << Range::Preset::All << to << QDate(2024, 5, 1) << to;
}

void TestReturns::rangePresets()
{
    QFETCH(Range::Preset, preset);
    QFETCH(QDate, to);
    QFETCH(QDate, firstDay);
    QFETCH(QDate, from);
    const Range range = Range::preset(preset, to, firstDay);
    QCOMPARE(range.from, from);
    QCOMPARE(range.to, to);
}

// Day  V     F     r_t = V_t / (V_{t−1} + F_t) − 1
// D0   1000  1000  (start: the close of D0 already holds its deposit)
// D1   1100     0  1100 / 1000 − 1         = 0.10
// D2   1650   500  1650 / (1100 + 500) − 1 = 0.03125
// D3   1584     0  1584 / 1650 − 1         = −0.04
// D4   1400  −200  1400 / (1584 − 200) − 1 = 1400/1384 − 1 = 0.0115606936...
// TWR = 1.1 × 1.03125 × 0.96 × 1400/1384 − 1 = 1.089 × 1.0115606936 − 1 = 0.1015895954
// Net flows inside the range (D1..D4) = 500 − 200 = 300
// Gain = 1400 − 1000 − 300 = 100; simple = 100 / (1000 + 500) = 0.0666...
// XIRR: −1000 on D0, −500 on D2, +200 + 1400 on D4; the root of
//   −1000 − 500 (1+r)^(−2/365) + 1600 (1+r)^(−4/365) = 0 is r ≈ 1150.58694 (checked by bisection
//   to 1e-12 independently; a 6.7 % gain in 4 days compounds to ~115 000 % a year).
void TestReturns::timeWeightedWithTwoFlows()
{
    const ValueSeries series = makeSeries(QDate(2024, 1, 1), {"1000", "1100", "1650", "1584", "1400"},
                                          {{0, "1000"}, {2, "500"}, {4, "-200"}});
    const Returns r = computeReturns(series, {QDate(2024, 1, 1), QDate(2024, 1, 5)});
    QCOMPARE(r.startValue, dec("1000"));
    QCOMPARE(r.endValue, dec("1400"));
    QCOMPARE(r.netFlows, dec("300"));
    QCOMPARE(r.absoluteGain, dec("100"));
    QVERIFY(near(r.simpleReturn, 100.0 / 1500.0, 1e-12));
    QVERIFY2(near(r.timeWeighted, 1.1 * 1.03125 * 0.96 * 1400.0 / 1384.0 - 1, 1e-12),
             qPrintable(QString::number(r.timeWeighted, 'g', 17)));
    QVERIFY(near(r.timeWeighted, 0.1015895954, 1e-10));
    QVERIFY(!r.annualised);
    QVERIFY(r.moneyWeighted.has_value());
    QVERIFY2(near(*r.moneyWeighted, 1150.5869439455848, 1e-6),
             qPrintable(QString::number(*r.moneyWeighted, 'g', 17)));
}

// The same series from D1: start 1100 (D1's close), flows D2..D4 = 300,
// gain = 1400 − 1100 − 300 = 0, TWR = 1.03125 × 0.96 × 1400/1384 − 1 = 0.0014450867;
// XIRR of −1100, −500, +1600 is 0 (nothing gained, whatever the timing).
void TestReturns::partialRangeCountsFlowsAfterItsStart()
{
    const ValueSeries series = makeSeries(QDate(2024, 1, 1), {"1000", "1100", "1650", "1584", "1400"},
                                          {{0, "1000"}, {2, "500"}, {4, "-200"}});
    // The range reaches past both ends of the series only at its end: clamped to D4.
    const Returns r = computeReturns(series, {QDate(2024, 1, 2), QDate(2024, 2, 1)});
    QCOMPARE(r.startValue, dec("1100"));
    QCOMPARE(r.endValue, dec("1400"));
    QCOMPARE(r.netFlows, dec("300"));
    QCOMPARE(r.absoluteGain, dec("0"));
    QCOMPARE(r.simpleReturn, 0.0);
    QVERIFY(near(r.timeWeighted, 0.0014450867052, 1e-12));
    QVERIFY(r.moneyWeighted.has_value());
    QVERIFY2(near(*r.moneyWeighted, 0, 1e-9), qPrintable(QString::number(*r.moneyWeighted)));
}

// 100 from 2022-01-01 to 2023-12-31, 121 on 2024-01-01: 730 days, more than a year.
// TWR over the range = 121/100 − 1 = 0.21; annualised (1.21)^(365/730) − 1 = 1.1 − 1 = 0.10.
// XIRR: −100 then +121 two 365-day years later: 121 / 100 = (1 + r)^2, r = 0.10.
void TestReturns::annualisedPastOneYear()
{
    ValueSeries series = makeSeries(QDate(2022, 1, 1), {"100"}, {{0, "100"}});
    const int days = int(QDate(2022, 1, 1).daysTo(QDate(2024, 1, 1)));
    QCOMPARE(days, 730);
    for (int i = 1; i <= days; ++i) {
        series.marketValue.push_back(dec(i == days ? "121" : "100"));
        series.externalFlow.push_back(Decimal());
        series.invested.push_back(dec("100"));
        series.stale.push_back(false);
    }
    const Returns r = computeReturns(series, Range::preset(Range::Preset::All, QDate(2024, 1, 1), series.first));
    QVERIFY(r.annualised);
    QVERIFY2(near(r.timeWeighted, 0.10, 1e-12), qPrintable(QString::number(r.timeWeighted, 'g', 17)));
    QCOMPARE(r.absoluteGain, dec("21"));
    QVERIFY(near(r.simpleReturn, 0.21, 1e-12));
    QVERIFY(near(r.moneyWeighted.value_or(-1), 0.10, 1e-10));

    // 1Y ending 2024-01-01 is 365 days: one year, not more, so not annualised.
    // From 2023-01-01 (100) to 121: 0.21 as it is.
    const Returns oneYear = computeReturns(series, Range::preset(Range::Preset::OneYear, QDate(2024, 1, 1), series.first));
    QVERIFY(!oneYear.annualised);
    QVERIFY(near(oneYear.timeWeighted, 0.21, 1e-12));
}

void TestReturns::emptyRange()
{
    const ValueSeries series = makeSeries(QDate(2024, 1, 1), {"100", "110"});
    const Returns r = computeReturns(series, {QDate(2025, 1, 1), QDate(2025, 2, 1)});
    QCOMPARE(r.absoluteGain, dec("0"));
    QCOMPARE(r.timeWeighted, 0.0);
    QVERIFY(!r.moneyWeighted);
    const Returns none = computeReturns(ValueSeries{}, {QDate(2024, 1, 1), QDate(2024, 2, 1)});
    QVERIFY(!none.moneyWeighted);
    const Risk risk = computeRisk(ValueSeries{}, {QDate(2024, 1, 1), QDate(2024, 2, 1)}, 0.02);
    QCOMPARE(risk.volatility, 0.0);
}

// Microsoft's documented XIRR example (support.microsoft.com, "XIRR function"):
// −10000 on 2008-01-01, 2750 on 2008-03-01, 4250 on 2008-10-30,
// 3250 on 2009-02-15, 2750 on 2009-04-01 → 0.373362535 (37.34 %).
void TestReturns::xirrMatchesSpreadsheet()
{
    const auto rate = xirr(microsoftExample());
    QVERIFY(rate.has_value());
    QVERIFY2(near(*rate, 0.373362535, 1e-6), qPrintable(QString::number(*rate, 'g', 17)));
    // Newton alone finds it from 0.1 here.
    QVERIFY(near(detail::xirrNewton(microsoftExample(), 0.1).value_or(-1), *rate, 1e-9));
    // Order does not matter: times count from the earliest flow.
    auto shuffled = microsoftExample();
    std::swap(shuffled.front(), shuffled.back());
    QVERIFY(near(xirr(shuffled).value_or(-1), *rate, 1e-9));
}

void TestReturns::xirrNoSolution_data()
{
    QTest::addColumn<std::vector<CashFlow>>("flows");
    QTest::newRow("empty") << std::vector<CashFlow>{};
    QTest::newRow("all negative") << std::vector<CashFlow>{{QDate(2024, 1, 1), -100}, {QDate(2024, 6, 1), -50}};
    QTest::newRow("all positive") << std::vector<CashFlow>{{QDate(2024, 1, 1), 100}, {QDate(2024, 6, 1), 50}};
    QTest::newRow("zeros") << std::vector<CashFlow>{{QDate(2024, 1, 1), 0}, {QDate(2024, 6, 1), 0}};
    // Both signs but no root: −100, +300, −300 a year apart each. With x = 1/(1+r) > 0,
    // NPV = −100 + 300x − 300x², whose discriminant 300² − 4·300·100 = −30000 < 0:
    // always negative, nothing to bracket.
    QTest::newRow("no root") << std::vector<CashFlow>{
        {QDate(2023, 1, 1), -100}, {QDate(2024, 1, 1), 300}, {QDate(2024, 12, 31), -300}};
}

void TestReturns::xirrNoSolution()
{
    QFETCH(std::vector<CashFlow>, flows);
    QVERIFY(!xirr(flows).has_value());
}

// −1000 on 2023-01-01, +100 on 2024-01-01 (365 days, t = 1): 100 / 1000 = 1 + r, r = −0.9.
// Newton from 0.1: f(0.1) = −1000 + 100/1.1 = −909.09, f'(0.1) = −100/1.1² = −82.64,
// next = 0.1 − (−909.09 / −82.64) = 0.1 − 11.0 = −10.9 < −1: it leaves the domain.
// Bisection over [−0.9999, 10] (f = +999000 at the left, −990.9 at the right) finds −0.9.
void TestReturns::xirrBisectionWhenNewtonFails()
{
    const std::vector<CashFlow> flows{{QDate(2023, 1, 1), -1000}, {QDate(2024, 1, 1), 100}};
    QVERIFY(!detail::xirrNewton(flows, 0.1).has_value());
    const auto rate = xirr(flows);
    QVERIFY(rate.has_value());
    QVERIFY2(near(*rate, -0.9, 1e-9), qPrintable(QString::number(*rate, 'g', 17)));
    QVERIFY(near(detail::xirrBisection(flows).value_or(0), -0.9, 1e-9));
}

// Day         V    F     r_t                         TWR index
// D0 01-01   100          start                        1
// D1 01-02   120          +20 %                        1.2
// D2 01-03   230   +100   230/(120+100) − 1 = +4.545 % 1.2545... (peak)
// D3 01-04   184          −20 %                        1.0036...
// D4 01-05   161          −12.5 %                      0.8781... (trough)
// D5 01-06   230          +42.857 %                    1.2545...
// D6 01-07   130   −100   130/(230−100) − 1 = 0        1.2545...
// Drawdown = 1 − 0.8 × 0.875 = 0.30, peak 01-03, trough 01-05. On the raw value the
// withdrawal would look like a 230 → 130 fall (43 %): the TWR index ignores it.
void TestReturns::drawdownOnTwrIndex()
{
    const ValueSeries series = makeSeries(QDate(2024, 1, 1), {"100", "120", "230", "184", "161", "230", "130"},
                                          {{0, "100"}, {2, "100"}, {6, "-100"}});
    const Risk risk = computeRisk(series, {QDate(2024, 1, 1), QDate(2024, 1, 7)}, 0);
    QVERIFY2(near(risk.maxDrawdown, 0.30, 1e-12), qPrintable(QString::number(risk.maxDrawdown, 'g', 17)));
    QCOMPARE(risk.peak, QDate(2024, 1, 3));
    QCOMPARE(risk.trough, QDate(2024, 1, 5));

    // A range that only rises has no drawdown and no dates.
    const Risk rising = computeRisk(series, {QDate(2024, 1, 1), QDate(2024, 1, 3)}, 0);
    QCOMPARE(rising.maxDrawdown, 0.0);
    QVERIFY(rising.peak.isNull());
    QVERIFY(rising.trough.isNull());
}

// Thu 2024-01-04 .. Wed 2024-01-10, no flows:
// Thu 100, Fri 125, Sat 150, Sun 110, Mon 100, Tue 125, Wed 100.
// Samples, one per weekday, the weekend linked into Monday:
//   Fri 125/100 − 1 = +0.25, Mon 100/125 − 1 = −0.20 (Sat +20 %, Sun −26.7 %, Mon −9.1 % linked),
//   Tue +0.25, Wed −0.20.
// Mean 0.025; deviations ±0.225; sample variance 4 × 0.050625 / 3 = 0.0675;
// stdev 0.2598076211; × √252 (15.8745078664) = 4.1243181254.
// TWR = 100/100 − 1 = 0, annualised 0; Sharpe = (0 − 0.02) / 4.1243181254 = −0.0048492864.
// Drawdown: peak Sat (1.5), trough Mon (1.0): 1/3 (Wed's equal fall does not replace it).
void TestReturns::volatilityAndSharpe()
{
    const ValueSeries series = makeSeries(QDate(2024, 1, 4), {"100", "125", "150", "110", "100", "125", "100"});
    QCOMPARE(series.first.dayOfWeek(), 4); // Thursday
    const Risk risk = computeRisk(series, {QDate(2024, 1, 4), QDate(2024, 1, 10)}, 0.02);
    QVERIFY2(near(risk.volatility, 4.1243181254, 1e-9), qPrintable(QString::number(risk.volatility, 'g', 17)));
    QVERIFY(near(risk.volatility, std::sqrt(0.0675) * std::sqrt(252.0), 1e-12));
    QVERIFY2(near(risk.sharpe, -0.0048492864, 1e-9), qPrintable(QString::number(risk.sharpe, 'g', 17)));
    QVERIFY(near(risk.maxDrawdown, 1.0 / 3.0, 1e-12));
    QCOMPARE(risk.peak, QDate(2024, 1, 6));
    QCOMPARE(risk.trough, QDate(2024, 1, 8));
}

// A flat series (cash only): volatility 0 and, by definition, Sharpe 0.
void TestReturns::flatSeriesHasNoVolatility()
{
    const ValueSeries series = makeSeries(QDate(2024, 1, 1), {"500", "500", "500", "500", "500"}, {{0, "500"}});
    const Risk risk = computeRisk(series, {QDate(2024, 1, 1), QDate(2024, 1, 5)}, 0.02);
    QCOMPARE(risk.volatility, 0.0);
    QCOMPARE(risk.sharpe, 0.0);
    QCOMPARE(risk.maxDrawdown, 0.0);
}

QTEST_GUILESS_MAIN(TestReturns)
#include "tst_returns.moc"
