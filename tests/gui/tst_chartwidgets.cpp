// The dashboard's chart widgets on the offscreen platform: the allocation donut
// draws every positive part with weights that add up to 100 %, the gain bars
// take their colour from their sign, and the price chart chooses candlesticks
// or a line by how many bars the range holds, marks the user's buys and sells
// on their days and downsamples long lines to the plot's width.

#include "gui/charts/allocationchart.h"
#include "gui/charts/chartstyle.h"
#include "gui/charts/gainbarchart.h"
#include "gui/charts/pricechart.h"
#include "gui/charts/timeserieschart.h"

#include <QBarSet>
#include <QCandlestickSeries>
#include <QLegend>
#include <QLegendMarker>
#include <QPieSeries>
#include <QPieSlice>
#include <QTest>

#include <cmath>
#include <numeric>

using namespace pt::gui::charts;

namespace {

// `days` daily bars from `first`, with or without open, high and low.
std::vector<PriceBar> bars(QDate first, int days, bool withRange)
{
    std::vector<PriceBar> result;
    for (int i = 0; i < days; ++i) {
        const double close = 100 + 10 * std::sin(i / 15.0) + (i % 7 == 0 ? 3 : 0);
        PriceBar bar;
        bar.date = first.addDays(i);
        bar.close = close;
        if (withRange) {
            bar.open = close - 1;
            bar.high = close + 2;
            bar.low = close - 2;
        }
        result.push_back(bar);
    }
    return result;
}

} // namespace

class TestChartWidgets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void donutWeightsSumToOneHundredPercent()
    {
        AllocationChart chart;
        chart.resize(600, 400);
        chart.setParts({{QStringLiteral("Stocks"), 625, QStringLiteral("625.00 EUR"), 0.625},
                        {QStringLiteral("Crypto"), 250, QStringLiteral("250.00 EUR"), 0.25},
                        {QStringLiteral("Cash"), 125, QStringLiteral("125.00 EUR"), 0.125}});
        QCOMPARE(chart.sliceCount(), 3);
        auto *series = qobject_cast<QPieSeries *>(chart.chart()->series().value(0));
        QVERIFY(series);
        QCOMPARE(series->holeSize(), AllocationChart::HoleSize);
        double percentages = 0;
        for (int i = 0; i < chart.sliceCount(); ++i)
            percentages += chart.slice(i)->percentage();
        QVERIFY(std::abs(percentages - 1.0) < 1e-9);
        double weights = 0;
        for (const AllocationPart &part : chart.parts())
            weights += part.weight;
        QVERIFY(std::abs(weights - 1.0) < 1e-9);
        // The legend names each slice with its percentage.
        QCOMPARE(chart.slice(0)->label(), chart.legendText(0));
        QVERIFY2(chart.legendText(0).contains(AllocationChart::percentText(0.625)), qPrintable(chart.legendText(0)));
        QCOMPARE(chart.slice(1)->percentage(), 0.25);
    }

    void donutLeavesOutWhatCannotBeDrawn()
    {
        AllocationChart chart;
        chart.setParts({{QStringLiteral("Stocks"), 1100, QStringLiteral("1,100.00 EUR"), 1.1},
                        {QStringLiteral("Cash"), -100, QStringLiteral("-100.00 EUR"), -0.1},
                        {QStringLiteral("Bonds"), 0, QStringLiteral("0.00 EUR"), 0}});
        QCOMPARE(chart.sliceCount(), 1);
        QVERIFY(chart.legendText(0).startsWith(QStringLiteral("Stocks")));
        chart.setParts({});
        QCOMPARE(chart.sliceCount(), 0);
    }

    void hoverHighlightsASlice()
    {
        AllocationChart chart;
        chart.setParts({{QStringLiteral("EUR"), 3, QStringLiteral("3.00 EUR"), 0.75},
                        {QStringLiteral("USD"), 1, QStringLiteral("1.00 EUR"), 0.25}});
        chart.highlight(1);
        QCOMPARE(chart.highlighted(), 1);
        QVERIFY(chart.slice(1)->isExploded());
        QVERIFY(!chart.slice(0)->isExploded());
        const QString tip = chart.tipText(1);
        QVERIFY2(tip.contains(QStringLiteral("USD")) && tip.contains(QStringLiteral("1.00 EUR"))
                     && tip.contains(AllocationChart::percentText(0.25)),
                 qPrintable(tip));
        chart.highlight(-1);
        QVERIFY(!chart.slice(1)->isExploded());
    }

    void gainBarsTakeTheirColourFromTheirSign()
    {
        GainBarChart chart;
        chart.resize(500, 300);
        chart.setBars({{QStringLiteral("AAPL"), 120.5, QStringLiteral("+120.50 EUR"), {}},
                       {QStringLiteral("SAP"), -40, QStringLiteral("-40.00 EUR"), QStringLiteral("Realized: 0")},
                       {QStringLiteral("BTC"), 0, QStringLiteral("0.00 EUR"), {}}},
                      QStringLiteral("EUR"));
        const QColor positive = positiveColor(chart.palette());
        const QColor negative = negativeColor(chart.palette());
        QVERIFY(positive != negative);
        QCOMPARE(chart.barColor(0), positive);
        QCOMPARE(chart.barColor(1), negative);
        QCOMPARE(chart.gains()->color(), positive);
        QCOMPARE(chart.losses()->color(), negative);
        // Categories run bottom-up: the first bar is the last category.
        QCOMPARE(chart.gains()->count(), 3);
        QCOMPARE(chart.gains()->at(2), 120.5);
        QCOMPARE(chart.losses()->at(2), 0.0);
        QCOMPARE(chart.gains()->at(1), 0.0);
        QCOMPARE(chart.losses()->at(1), -40.0);
        QCOMPARE(chart.tipText(1), QStringLiteral("SAP: -40.00 EUR\nRealized: 0"));
    }

    void priceChartPicksCandlesOrALine_data()
    {
        QTest::addColumn<int>("days");
        QTest::addColumn<bool>("withRange");
        QTest::addColumn<bool>("candles");
        QTest::newRow("a month of bars") << 30 << true << true;
        QTest::newRow("at the limit") << PriceChart::MaxCandles << true << true;
        QTest::newRow("one bar too many") << PriceChart::MaxCandles + 1 << true << false;
        QTest::newRow("closes only") << 30 << false << false;
    }

    void priceChartPicksCandlesOrALine()
    {
        QFETCH(int, days);
        QFETCH(bool, withRange);
        QFETCH(bool, candles);
        PriceChart chart;
        chart.resize(800, 400);
        chart.setData(bars(QDate(2024, 1, 1), days, withRange), {}, QStringLiteral("EUR"));
        QCOMPARE(chart.showsCandles(), candles);
        QCOMPARE(chart.visibleBarCount(), days);
        if (candles)
            QCOMPARE(chart.shownPointCount(), days);
    }

    void narrowingTheRangeBringsCandlesBack()
    {
        PriceChart chart;
        chart.resize(800, 400);
        chart.setData(bars(QDate(2020, 1, 1), 2000, true), {}, QStringLiteral("USD"));
        QVERIFY(!chart.showsCandles());
        chart.setRange(QDate(2024, 1, 1), QDate(2024, 3, 31));
        QCOMPARE(chart.visibleBarCount(), 91);
        QVERIFY(chart.showsCandles());
        QCOMPARE(chart.shownPointCount(), 91);
    }

    void tradesAreMarkedOnTheirDays()
    {
        PriceChart chart;
        chart.resize(800, 400);
        const QDate buyDay(2024, 1, 10);
        const QDate sellDay(2024, 2, 5);
        const QDate outside(2023, 6, 1);
        chart.setData(bars(QDate(2024, 1, 1), 60, true),
                      {{buyDay, 101.5, true, QStringLiteral("Buy 10 at 101.50 EUR")},
                       {sellDay, 104, false, QStringLiteral("Sell 4 at 104.00 EUR")},
                       {outside, 90, true, QStringLiteral("Buy 1 at 90.00 EUR")}},
                      QStringLiteral("EUR"));
        QCOMPARE(chart.buyPoints(), (QList<QPointF>{{TimeSeriesChart::xOf(buyDay), 101.5}}));
        QCOMPARE(chart.sellPoints(), (QList<QPointF>{{TimeSeriesChart::xOf(sellDay), 104}}));

        // The tooltip of the sell's day names the sell.
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        const QPointF at = chart.chart()->mapToPosition(QPointF(TimeSeriesChart::xOf(sellDay), 104));
        const QString tip = chart.tipAt(at);
        QVERIFY2(tip.contains(QLocale().toString(sellDay, QLocale::LongFormat)), qPrintable(tip));
        QVERIFY2(tip.contains(QStringLiteral("Sell 4 at 104.00 EUR")), qPrintable(tip));
    }

    void longLinesAreDownsampled()
    {
        PriceChart chart;
        chart.resize(700, 400);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        chart.setData(bars(QDate(2014, 1, 1), 3653, false), {}, QStringLiteral("EUR"));
        QVERIFY(!chart.showsCandles());
        QCOMPARE(chart.visibleBarCount(), 3653);
        QVERIFY2(chart.shownPointCount() <= 700 && chart.shownPointCount() > 100,
                 qPrintable(QString::number(chart.shownPointCount())));
        chart.resize(300, 400);
        QTRY_VERIFY(chart.shownPointCount() <= 300);
    }

    void followsADarkPalette()
    {
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x20));
        dark.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
        dark.setColor(QPalette::Base, QColor(0x18, 0x18, 0x18));
        dark.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
        QVERIFY(isDark(dark));
        GainBarChart chart;
        chart.setBars({{QStringLiteral("A"), 1, QStringLiteral("1"), {}}}, QStringLiteral("EUR"));
        chart.setPalette(dark);
        QCOMPARE(chart.chart()->backgroundBrush().color(), dark.color(QPalette::Base));
        QCOMPARE(chart.barColor(0), positiveColor(dark));
        QVERIFY(positiveColor(dark) != positiveColor(QPalette(Qt::white)));
    }
};

QTEST_MAIN(TestChartWidgets)
#include "tst_chartwidgets.moc"
