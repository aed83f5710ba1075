// Per-holding value series and the realized / unrealized / income breakdown of
// a range, worked through by hand. Every expected figure is derived in the
// comments next to it.
#include "valuation/holdingreturns.h"

#include "inputsbuilder.h"

#include <QTest>

#include <cmath>

using namespace pt;
using namespace pt::valuation;
using pt::test::day;
using pt::test::dec;
using pt::test::InputsBuilder;

namespace {

ValueSeries holdingSeries(const InputsBuilder &book, const char *lastDay, RowId asset, RowId portfolio)
{
    auto series = computeHoldingSeries(book.inputs, book.options(lastDay), HoldingScope { asset, portfolio });
    if (!series)
        qFatal("holding series failed: %s", qPrintable(series.error()));
    return std::move(series).value();
}

BreakdownReport breakdown(const InputsBuilder &book, const char *lastDay, RowId portfolio, const char *from,
                          const char *to)
{
    auto report = computeGainBreakdown(book.inputs, book.options(lastDay), portfolio, Range { day(from), day(to) });
    if (!report)
        qFatal("breakdown failed: %s", qPrintable(report.error()));
    return std::move(report).value();
}

const HoldingBreakdown &holdingOf(const BreakdownReport &report, RowId asset)
{
    for (const HoldingBreakdown &holding : report.holdings) {
        if (holding.assetId == asset)
            return holding;
    }
    qFatal("no holding %lld in the report", static_cast<long long>(asset));
}

const ValueSeries &portfolioSeries(const Valuation &valuation, RowId portfolio)
{
    for (const PortfolioSeries &one : valuation.portfolios) {
        if (one.portfolioId == portfolio)
            return one.series;
    }
    qFatal("no series for portfolio %lld", static_cast<long long>(portfolio));
}

// EUR asset EU in a EUR portfolio:
//   Thu 02-01 buy 10 @ 50, fee 2 (cost 502)         close 50
//   Fri 02-02                                        close 52
//   Mon 02-05 split 2:1 (20 units)                   close 26
//   Tue 02-06 dividend 5, 1 withheld (4 to cash)     close 26.5
InputsBuilder splitAndDividendBook()
{
    InputsBuilder book;
    book.portfolio(1, "Main");
    book.asset(20, "EU", "EUR");
    book.cash(1, TransactionType::Deposit, "2024-02-01", "1000");
    book.trade(1, TransactionType::Buy, "2024-02-01", 20, "10", "50", "EUR", "2");
    book.split(1, "2024-02-05", 20, "2", "1");
    book.dividend(1, "2024-02-06", 20, "5", "1");
    book.close(20, "2024-02-01", "50");
    book.close(20, "2024-02-02", "52");
    book.close(20, "2024-02-05", "26");
    book.close(20, "2024-02-06", "26.5");
    return book;
}

// The books of reconcilesInOneCurrency(): one EUR portfolio, FIFO.
//   Fri 03-01 deposit 10000; buy 10 A @ 100, fee 5 (lot 1, cost 1005)
//   Mon 03-04 buy 10 A @ 120, fee 5 (lot 2, cost 1205)
//   Tue 03-05 buy 5 B @ 200 (cost 1000)                  <- range start (its close)
//   Wed 03-06 sell 15 A @ 130, fee 5: proceeds 1950 − 5 = 1945; FIFO gives up
//             lot 1 (1005) + 5/10 of lot 2 (602.5) = 1607.5; realized 337.5
//   Thu 03-07 dividend A 20, 3 withheld; interest 7 (no asset); fee 4 (no asset); tax 6 (no asset)
//   Fri 03-08 fee 2 on B
//   Tue 03-12 buy 2 B @ 205, fee 1 (cost 411)            <- range end
//   closes A: 03-01 100, 03-04 120, 03-05 125, 03-06 130, 03-11 125, 03-12 126
//   closes B: 03-05 200, 03-11 210, 03-12 205
InputsBuilder fifoBook()
{
    InputsBuilder book;
    book.portfolio(1, "Main");
    book.asset(1, "A", "EUR");
    book.asset(2, "B", "EUR");
    book.cash(1, TransactionType::Deposit, "2024-03-01", "10000");
    book.trade(1, TransactionType::Buy, "2024-03-01", 1, "10", "100", "EUR", "5");
    book.trade(1, TransactionType::Buy, "2024-03-04", 1, "10", "120", "EUR", "5");
    book.trade(1, TransactionType::Buy, "2024-03-05", 2, "5", "200");
    book.trade(1, TransactionType::Sell, "2024-03-06", 1, "15", "130", "EUR", "5");
    book.dividend(1, "2024-03-07", 1, "20", "3");
    book.cash(1, TransactionType::Interest, "2024-03-07", "7");
    book.cash(1, TransactionType::Fee, "2024-03-07", "4");
    book.cash(1, TransactionType::Tax, "2024-03-07", "6");
    book.cash(1, TransactionType::Fee, "2024-03-08", "2", "EUR", 2);
    book.trade(1, TransactionType::Buy, "2024-03-12", 2, "2", "205", "EUR", "1");
    for (const auto &[date, close] : { std::pair { "2024-03-01", "100" },
                                       { "2024-03-04", "120" },
                                       { "2024-03-05", "125" },
                                       { "2024-03-06", "130" },
                                       { "2024-03-11", "125" },
                                       { "2024-03-12", "126" } })
        book.close(1, date, close);
    book.close(2, "2024-03-05", "200");
    book.close(2, "2024-03-11", "210");
    book.close(2, "2024-03-12", "205");
    return book;
}

} // namespace

class TestHoldingReturns : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void seriesThroughSplitAndDividend();
    void breakdownThroughSplitAndDividend();
    void reconcilesInOneCurrency();
    void transfersCarryUnrealizedGain();
    void foreignHoldingInBaseCurrency();
    void missingRateIsReported();
    void refusals();
};

// Series from Wed 01-31 (the day before the first entry, at 0):
//   Wed 0; Thu 10 × 50 = 500 (flow +502); Fri 520; Sat, Sun 520 (carried);
//   Mon 20 × 26 = 520 (continuous across the split); Tue 20 × 26.5 = 530 (flow −4).
// All: gain 530 − 0 − (502 − 4) = 32 = +30 price, −2 fee, +4 net dividend.
// TWR: Thu 500/(0 + 502), Fri 520/500, Mon 520/520, Tue 530/(520 − 4):
//   (520/502)(530/516) − 1. Simple: 32 / 502.
void TestHoldingReturns::seriesThroughSplitAndDividend()
{
    const InputsBuilder book = splitAndDividendBook();
    const ValueSeries s = holdingSeries(book, "2024-02-06", 20, 1);
    QCOMPARE(s.baseCurrency, QStringLiteral("EUR"));
    QCOMPARE(s.first, day("2024-01-31"));
    QCOMPARE(s.marketValue, (std::vector<Decimal> { 0, 500, 520, 520, 520, 520, 530 }));
    QCOMPARE(s.externalFlow, (std::vector<Decimal> { 0, 502, 0, 0, 0, 0, -4 }));
    QCOMPARE(s.invested.back(), dec("498"));
    QVERIFY(s.missing.isEmpty());

    const Returns all = computeReturns(s, Range { s.first, day("2024-02-06") });
    QCOMPARE(all.absoluteGain, dec("32"));
    QVERIFY(std::abs(all.timeWeighted - ((520.0 / 502.0) * (530.0 / 516.0) - 1)) < 1e-12);
    QVERIFY(std::abs(all.simpleReturn - 32.0 / 502.0) < 1e-12);
    QVERIFY(all.moneyWeighted.has_value());

    // Fri..Tue, across the split and the dividend: 530 − 520 − (−4) = 14.
    const Returns range = computeReturns(s, Range { day("2024-02-02"), day("2024-02-06") });
    QCOMPARE(range.absoluteGain, dec("14"));
    QVERIFY(std::abs(range.timeWeighted - (530.0 / 516.0 - 1)) < 1e-12);
}

// Fri..Tue: unrealized at Fri 10 × 52 − 502 = 18, at Tue 20 × 26.5 − 502 = 28 (Δ 10);
// income 5 gross, fees 1 (withheld), no trade fee, nothing realized:
// 0 + 10 + 5 − 1 − 0 = 14, the holding's gain above.
// From Wed 01-31: unrealized 0 → 28; fees 2 (buy, a trade fee) + 1; 28 + 5 − 1 = 32.
void TestHoldingReturns::breakdownThroughSplitAndDividend()
{
    const InputsBuilder book = splitAndDividendBook();
    const BreakdownReport report = breakdown(book, "2024-02-06", 1, "2024-02-02", "2024-02-06");
    const HoldingBreakdown &eu = holdingOf(report, 20);
    QCOMPARE(eu.symbol, QStringLiteral("EU"));
    QCOMPARE(eu.quantityStart, dec("10"));
    QCOMPARE(eu.quantityEnd, dec("20"));
    QCOMPARE(eu.local.currency, QStringLiteral("EUR"));
    QCOMPARE(eu.local.unrealizedStart, dec("18"));
    QCOMPARE(eu.local.unrealizedEnd, dec("28"));
    QCOMPARE(eu.local.unrealizedChange(), dec("10"));
    QCOMPARE(eu.local.realized, dec("0"));
    QCOMPARE(eu.local.income, dec("5"));
    QCOMPARE(eu.local.fees, dec("1"));
    QCOMPARE(eu.local.tradeFees, dec("0"));
    QCOMPARE(eu.local.reconciled(), dec("14"));
    QCOMPARE(eu.base.reconciled(), dec("14"));

    const BreakdownReport all = breakdown(book, "2024-02-06", 1, "2024-01-31", "2024-02-06");
    const HoldingBreakdown &whole = holdingOf(all, 20);
    QCOMPARE(whole.local.unrealizedStart, dec("0"));
    QCOMPARE(whole.local.fees, dec("3"));
    QCOMPARE(whole.local.tradeFees, dec("2"));
    QCOMPARE(whole.local.reconciled(), dec("32"));
}

// Range Tue 03-05 .. Tue 03-12 of fifoBook().
// Portfolio: cash after 03-05 10000 − 1005 − 1205 − 1000 = 6790;
//   start 6790 + 20 × 125 + 5 × 200 = 10290.
//   cash at the end 6790 + 1945 + 17 + 7 − 4 − 6 − 2 − 411 = 8336;
//   end 8336 + 5 × 126 + 7 × 205 = 10401; no external flow: gain 111.
// Breakdown: unrealized start A 2500 − 2210 = 290, B 1000 − 1000 = 0;
//   end A 5 × 126 − 602.5 = 27.5, B 7 × 205 − 1411 = 24: Δ −238.5;
//   realized 337.5; income 20 + 7 = 27; fees 5 + 3 + 4 + 2 + 1 = 15 of which trades 6; taxes 6:
//   337.5 − 238.5 + 27 − 9 − 6 = 111.
// Holding A: start 2500, end 630, flows −1945 (sale) −17 (net dividend): gain 92
//   = 337.5 + (27.5 − 290) + 20 − (8 − 5).
// Holding B: start 1000, end 1435, flows +2 (fee) +411 (buy): gain 22 = 24 − (3 − 1).
void TestHoldingReturns::reconcilesInOneCurrency()
{
    const InputsBuilder book = fifoBook();
    const Range range { day("2024-03-05"), day("2024-03-12") };
    auto valuation = computeValuation(book.inputs, book.options("2024-03-12"));
    QVERIFY2(valuation.ok(), qPrintable(valuation.ok() ? QString() : valuation.error()));
    const Returns portfolio = computeReturns(portfolioSeries(*valuation, 1), range);
    QCOMPARE(portfolio.startValue, dec("10290"));
    QCOMPARE(portfolio.endValue, dec("10401"));
    QCOMPARE(portfolio.absoluteGain, dec("111"));

    const BreakdownReport report = breakdown(book, "2024-03-12", 1, "2024-03-05", "2024-03-12");
    const GainBreakdown &total = report.total;
    QCOMPARE(report.baseCurrency, QStringLiteral("EUR"));
    QCOMPARE(total.realized, dec("337.5"));
    QCOMPARE(total.unrealizedStart, dec("290"));
    QCOMPARE(total.unrealizedEnd, dec("51.5"));
    QCOMPARE(total.income, dec("27"));
    QCOMPARE(total.fees, dec("15"));
    QCOMPARE(total.tradeFees, dec("6"));
    QCOMPARE(total.taxes, dec("6"));
    QVERIFY(!total.incomplete);
    QCOMPARE(total.reconciled(), portfolio.absoluteGain);

    const HoldingBreakdown &a = holdingOf(report, 1);
    QCOMPARE(a.local.realized, dec("337.5"));
    QCOMPARE(a.local.unrealizedEnd, dec("27.5"));
    QCOMPARE(a.quantityEnd, dec("5"));
    const Returns aReturns = computeReturns(holdingSeries(book, "2024-03-12", 1, 1), range);
    QCOMPARE(aReturns.absoluteGain, dec("92"));
    QCOMPARE(a.base.reconciled(), aReturns.absoluteGain);

    const HoldingBreakdown &b = holdingOf(report, 2);
    const Returns bReturns = computeReturns(holdingSeries(book, "2024-03-12", 2, 1), range);
    QCOMPARE(bReturns.absoluteGain, dec("22"));
    QCOMPARE(b.base.reconciled(), bReturns.absoluteGain);

    // All portfolios: the same single book.
    const BreakdownReport overall = breakdown(book, "2024-03-12", 0, "2024-03-05", "2024-03-12");
    QCOMPARE(overall.total.reconciled(), dec("111"));
}

// P1 buys 10 X @ 10 on Mon 04-01 (close 10); on Tue 04-02 (close 12) it sends 4 X
// (cost 40, worth 48: 8 unrealized carried) to P2, which deposited 50 on 04-01; Wed close 13.
// P2: values 50, 98 (flow +48), 102: gain 4 = unrealized 4 × 13 − 40 = 12, less 8 carried in.
// P1: values 0 (cash −100 + 100), −28 (flow −48), −22: gain 26 = 6 × 13 − 60 = 18, plus 8 carried out.
// All: 50 → 80, no flow: gain 30 = 10 × 13 − 100; a transfer inside the scope carries nothing.
// X in P2 alone: 0 (04-01), 48 (flow +48), 52: gain 4. X in all: 0, 100 (+100), 120, 130: no flow on 04-02.
void TestHoldingReturns::transfersCarryUnrealizedGain()
{
    InputsBuilder book;
    book.portfolio(1, "P1");
    book.portfolio(2, "P2");
    book.asset(5, "X", "EUR");
    book.cash(2, TransactionType::Deposit, "2024-04-01", "50");
    book.trade(1, TransactionType::Buy, "2024-04-01", 5, "10", "10");
    book.transferUnits(1, 2, "2024-04-02", 5, "4");
    book.close(5, "2024-04-01", "10");
    book.close(5, "2024-04-02", "12");
    book.close(5, "2024-04-03", "13");
    const Range range { day("2024-04-01"), day("2024-04-03") };
    auto valuation = computeValuation(book.inputs, book.options("2024-04-03"));
    QVERIFY(valuation.ok());

    const BreakdownReport p2 = breakdown(book, "2024-04-03", 2, "2024-04-01", "2024-04-03");
    QCOMPARE(p2.total.unrealizedTransferred, dec("8"));
    QCOMPARE(p2.total.unrealizedChange(), dec("4"));
    QCOMPARE(computeReturns(portfolioSeries(*valuation, 2), range).absoluteGain, dec("4"));
    QCOMPARE(p2.total.reconciled(), dec("4"));

    const BreakdownReport p1 = breakdown(book, "2024-04-03", 1, "2024-04-01", "2024-04-03");
    QCOMPARE(p1.total.unrealizedTransferred, dec("-8"));
    QCOMPARE(computeReturns(portfolioSeries(*valuation, 1), range).absoluteGain, dec("26"));
    QCOMPARE(p1.total.reconciled(), dec("26"));

    const BreakdownReport all = breakdown(book, "2024-04-03", 0, "2024-04-01", "2024-04-03");
    QCOMPARE(all.total.unrealizedTransferred, dec("0"));
    QCOMPARE(computeReturns(valuation->total, range).absoluteGain, dec("30"));
    QCOMPARE(all.total.reconciled(), dec("30"));

    const ValueSeries inP2 = holdingSeries(book, "2024-04-03", 5, 2);
    QCOMPARE(inP2.first, day("2024-04-01"));
    QCOMPARE(inP2.marketValue, (std::vector<Decimal> { 0, 48, 52 }));
    QCOMPARE(inP2.externalFlow, (std::vector<Decimal> { 0, 48, 0 }));
    const ValueSeries inAll = holdingSeries(book, "2024-04-03", 5, 0);
    QCOMPARE(inAll.first, day("2024-03-31"));
    QCOMPARE(inAll.marketValue, (std::vector<Decimal> { 0, 100, 120, 130 }));
    QCOMPARE(inAll.externalFlow, (std::vector<Decimal> { 0, 100, 0, 0 }));
}

// 10 US @ 100 USD bought Fri 01-05 in a EUR portfolio; closes Fri 100, Mon 110, Tue 120;
// EUR→USD Fri 1.25 (carried over the weekend and Monday), Tue 1.20.
// Series from Thu 01-04: 0; Fri 1000 / 1.25 = 800 (flow +800); Sat, Sun 800;
// Mon 1100 / 1.25 = 880; Tue 1200 / 1.2 = 1000. Gain 200 EUR.
// Breakdown Fri..Tue: unrealized 0 USD → 200 USD (in EUR 0 → 200 / 1.2 = 166.666666666667);
// the rest of the EUR gain is the currency's move on the cost: 1000/1.2 − 1000/1.25 = 33.333...
void TestHoldingReturns::foreignHoldingInBaseCurrency()
{
    InputsBuilder book;
    book.portfolio(1, "Main");
    book.asset(10, "US", "USD");
    book.trade(1, TransactionType::Buy, "2024-01-05", 10, "10", "100", "USD");
    book.close(10, "2024-01-05", "100");
    book.close(10, "2024-01-08", "110");
    book.close(10, "2024-01-09", "120");
    book.rate("USD", "2024-01-05", "1.25");
    book.rate("USD", "2024-01-09", "1.20");
    const ValueSeries s = holdingSeries(book, "2024-01-09", 10, 1);
    QCOMPARE(s.first, day("2024-01-04"));
    QCOMPARE(s.marketValue, (std::vector<Decimal> { 0, 800, 800, 800, 880, 1000 }));
    QCOMPARE(s.externalFlow, (std::vector<Decimal> { 0, 800, 0, 0, 0, 0 }));
    QCOMPARE(computeReturns(s, Range { s.first, day("2024-01-09") }).absoluteGain, dec("200"));

    const BreakdownReport report = breakdown(book, "2024-01-09", 1, "2024-01-05", "2024-01-09");
    const HoldingBreakdown &us = holdingOf(report, 10);
    QCOMPARE(us.local.currency, QStringLiteral("USD"));
    QCOMPARE(us.local.unrealizedEnd, dec("200"));
    QCOMPARE(us.base.currency, QStringLiteral("EUR"));
    QCOMPARE(us.base.unrealizedEnd, dec("166.666666666667"));
}

// A JPY holding (bought Fri 01-05 @ 1500, Sat close 1600) in a EUR portfolio
// without any EUR→JPY rate: its value is left
// out (never zero by accident), the days are incomplete and the rate is named.
void TestHoldingReturns::missingRateIsReported()
{
    InputsBuilder book;
    book.portfolio(1, "Main");
    book.asset(11, "JP", "JPY");
    book.trade(1, TransactionType::Buy, "2024-01-05", 11, "100", "1500", "JPY");
    book.close(11, "2024-01-05", "1500");
    book.close(11, "2024-01-06", "1600");
    const ValueSeries s = holdingSeries(book, "2024-01-06", 11, 1);
    QCOMPARE(s.incomplete, (std::vector<bool> { false, true, true }));
    QVERIFY2(s.missing.contains(QStringLiteral("no EUR→JPY rate up to 2024-01-06")), qPrintable(s.missing.join(u'\n')));

    const BreakdownReport report = breakdown(book, "2024-01-06", 1, "2024-01-05", "2024-01-06");
    QVERIFY(report.total.incomplete);
    QVERIFY(!report.total.missing.isEmpty());
    // Known in JPY: 100 × 1600 − 150000; unknown in EUR, so named rather than zero.
    QCOMPARE(holdingOf(report, 11).local.unrealizedEnd, dec("10000"));
    QVERIFY(holdingOf(report, 11).base.incomplete);
    QVERIFY(report.total.missing.contains(QStringLiteral("no EUR→JPY rate up to 2024-01-06")));
}

void TestHoldingReturns::refusals()
{
    const InputsBuilder book = splitAndDividendBook();
    const auto unknownAsset = computeHoldingSeries(book.inputs, book.options("2024-02-06"), HoldingScope { 99, 1 });
    QVERIFY(!unknownAsset.ok());
    QVERIFY2(unknownAsset.error().contains(u"99"), qPrintable(unknownAsset.error()));
    const auto unknownPortfolio = computeHoldingSeries(book.inputs, book.options("2024-02-06"), HoldingScope { 20, 7 });
    QVERIFY(!unknownPortfolio.ok());
    const auto backwards = computeGainBreakdown(book.inputs, book.options("2024-02-06"), 1,
                                                Range { day("2024-02-06"), day("2024-02-01") });
    QVERIFY(!backwards.ok());
    // An asset never held: an empty series, not an error.
    InputsBuilder other = splitAndDividendBook();
    other.asset(21, "NONE", "EUR");
    const ValueSeries none = holdingSeries(other, "2024-02-06", 21, 1);
    QCOMPARE(none.size(), 0);
}

QTEST_GUILESS_MAIN(TestHoldingReturns)
#include "tst_holdingreturns.moc"
