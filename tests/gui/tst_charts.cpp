// The charts' own logic on the offscreen platform: largest-triangle-three-
// buckets keeps the ends and the extremes while cutting a ten-year series to
// the plot's width, and the time-series chart draws at most one point per
// pixel, resampling when resized.

#include "gui/charts/lttb.h"
#include "gui/charts/timeserieschart.h"

#include <QDateTimeAxis>
#include <QLineSeries>
#include <QTest>

#include <cmath>

using namespace pt::gui::charts;

namespace {

// Ten years of days: a slow wave with one sharp spike and one sharp dip.
std::vector<QPointF> tenYears(QDate first, int spikeAt = 1234, int dipAt = 2345)
{
    std::vector<QPointF> points;
    for (int day = 0; day < 3653; ++day) {
        double y = 1000 + 100 * std::sin(day / 200.0);
        if (day == spikeAt)
            y += 900;
        if (day == dipAt)
            y -= 900;
        points.emplace_back(TimeSeriesChart::xOf(first.addDays(day)), y);
    }
    return points;
}

} // namespace

class TestCharts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void downsamplingKeepsEndsAndExtremes()
    {
        const auto points = tenYears(QDate(2015, 1, 1));
        const QList<QPointF> sampled = largestTriangleThreeBuckets(points, 500);
        QCOMPARE(sampled.size(), 500);
        QCOMPARE(sampled.front(), points.front());
        QCOMPARE(sampled.back(), points.back());
        QVERIFY(std::is_sorted(sampled.begin(), sampled.end(),
                               [](const QPointF &a, const QPointF &b) { return a.x() < b.x(); }));
        // The one-day spike and dip are what a reader must still see.
        QVERIFY(sampled.contains(points[1234]));
        QVERIFY(sampled.contains(points[2345]));
        // Every picked point is one of the originals.
        for (const QPointF &point : sampled)
            QVERIFY(std::find(points.begin(), points.end(), point) != points.end());
    }

    void downsamplingLeavesShortSeriesAlone()
    {
        const std::vector<QPointF> points{{0, 1}, {1, 5}, {2, 3}};
        QCOMPARE(largestTriangleThreeBuckets(points, 500).size(), 3);
        QCOMPARE(largestTriangleThreeBuckets(points, 2).size(), 3); // below 3: nothing to pick from
        QCOMPARE(largestTriangleThreeBuckets({}, 100).size(), 0);
    }

    void chartShowsAtMostOnePointPerPixel()
    {
        TimeSeriesChart chart;
        chart.resize(900, 500);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        QList<TimeLine> lines{{QStringLiteral("Value"), tenYears(QDate(2015, 1, 1)), false},
                              {QStringLiteral("Invested"), tenYears(QDate(2015, 1, 1), -1, -1), true}};
        chart.setLines(lines, QStringLiteral("EUR"));
        const int wide = chart.shownPointCount(0);
        QVERIFY2(wide > 100 && wide <= 900, qPrintable(QString::number(wide)));
        QCOMPARE(chart.lines().size(), 2);
        QCOMPARE(chart.lines().front().points.size(), std::size_t(3653)); // all kept for later resizes

        chart.resize(400, 500);
        QTRY_VERIFY(chart.shownPointCount(0) <= 400);
        QVERIFY(chart.shownPointCount(0) < wide);
        QCOMPARE(chart.shownPointCount(1), chart.shownPointCount(0));
    }

    void shortRangeKeepsItsDateAxis()
    {
        // On screen before it has lines, as the dashboard's chart is while
        // the first valuation runs: QtCharts 6.4 never lays out an axis that
        // was shown without a series, so the chart makes new ones per set of lines.
        TimeSeriesChart chart;
        chart.resize(900, 400);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        std::vector<QPointF> month;
        for (int day = 0; day < 26; ++day)
            month.emplace_back(TimeSeriesChart::xOf(QDate(2024, 6, 3).addDays(day)), day == 0 ? 1000 : 500);
        chart.setLines({{QStringLiteral("Value"), month, false}, {QStringLiteral("Invested"), month, true}},
                       QStringLiteral("EUR"));
        const auto axes = chart.chart()->axes(Qt::Horizontal);
        QCOMPARE(axes.size(), 1);
        QVERIFY(axes.front()->isVisible());
        QVERIFY(axes.front()->labelsVisible());
        QTest::qWait(50); // the chart lays itself out from the event loop
        auto *dates = qobject_cast<QDateTimeAxis *>(axes.front());
        QVERIFY(dates);
        QCOMPARE(dates->min().date(), QDate(2024, 6, 3));
        QCOMPARE(dates->max().date(), QDate(2024, 6, 28));
        if (qEnvironmentVariableIsSet("PT_GRAB_DIR"))
            chart.grab().save(qEnvironmentVariable("PT_GRAB_DIR") + QStringLiteral("/chart-month.png"));
    }

    void daysRoundTrip()
    {
        const QDate day(2024, 3, 31); // a daylight-saving change in Europe
        QCOMPARE(TimeSeriesChart::dayOf(TimeSeriesChart::xOf(day)), day);
    }
};

QTEST_MAIN(TestCharts)
#include "tst_charts.moc"
