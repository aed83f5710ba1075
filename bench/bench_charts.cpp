// Redrawing a long chart (C6): twenty lines of ten years of daily values
// (3,653 points each, 73,060 in all) in the time-series chart, 1,200 × 700
// pixels, on the offscreen platform (software rendering, as on a machine
// without a GPU). BM_ResizeAndRedraw changes the width, which downsamples
// every line again (LTTB, within TimeSeriesChart::PointBudget), lets QtCharts
// lay the chart out and paints it into an image: target 16 ms, one frame at
// 60 Hz. BM_RedrawOnly paints without a resize (hover, expose).
// BM_Downsample is LTTB alone on one line.
// Measured (2 cores, Release, date axis and grid drawn): resize + redraw
// 15.2-15.5 ms (13.4 ms CPU), redraw 1.6 ms, downsample 14 µs, with a budget of
// 2,500 points; 4,000 points took 20-21 ms, and one point per pixel (no
// budget) 72 ms.
#include "gui/charts/lttb.h"
#include "gui/charts/timeserieschart.h"

#include <QApplication>
#include <QImage>
#include <QPainter>

#include <benchmark/benchmark.h>

#include <cmath>

using namespace pt::gui::charts;

namespace {

constexpr int Lines = 20;
constexpr int Days = 3653;

QList<TimeLine> tenYearLines()
{
    QList<TimeLine> lines;
    const QDate first(2015, 1, 1);
    for (int line = 0; line < Lines; ++line) {
        TimeLine timeLine{QStringLiteral("Series %1").arg(line + 1), {}, line == 1};
        double value = 1000 + 50 * line;
        for (int day = 0; day < Days; ++day) {
            // A deterministic random walk with some seasonality.
            value *= 1 + 0.01 * std::sin(day * (0.7 + line * 0.13)) + 0.0002;
            timeLine.points.emplace_back(TimeSeriesChart::xOf(first.addDays(day)), value);
        }
        lines << timeLine;
    }
    return lines;
}

// Shown, so the chart lays out its plot area as on screen.
void showAt(TimeSeriesChart &chart, int width)
{
    chart.resize(width, 700);
    chart.show();
    for (int i = 0; i < 5; ++i)
        QCoreApplication::processEvents();
}

void paint(TimeSeriesChart &chart, QImage &image)
{
    image.fill(Qt::white);
    QPainter painter(&image);
    chart.render(&painter);
}

void BM_ResizeAndRedraw(benchmark::State &state)
{
    TimeSeriesChart chart;
    showAt(chart, 1200);
    chart.setLines(tenYearLines(), QStringLiteral("EUR"));
    QImage image(1200, 700, QImage::Format_ARGB32_Premultiplied);
    paint(chart, image);
    int width = 1200;
    for (auto _ : state) {
        width = width == 1200 ? 1190 : 1200;
        chart.resize(width, 700);
        QCoreApplication::processEvents(); // the resize event, the chart's layout
        chart.resample();
        paint(chart, image);
    }
    state.counters["points shown"] = double(chart.shownPointCount(0)) * Lines;
}
BENCHMARK(BM_ResizeAndRedraw)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_RedrawOnly(benchmark::State &state)
{
    TimeSeriesChart chart;
    showAt(chart, 1200);
    chart.setLines(tenYearLines(), QStringLiteral("EUR"));
    QImage image(1200, 700, QImage::Format_ARGB32_Premultiplied);
    for (auto _ : state)
        paint(chart, image);
    state.counters["points shown"] = double(chart.shownPointCount(0)) * Lines;
}
BENCHMARK(BM_RedrawOnly)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_Downsample(benchmark::State &state)
{
    const QList<TimeLine> lines = tenYearLines();
    for (auto _ : state)
        benchmark::DoNotOptimize(largestTriangleThreeBuckets(lines.front().points, 1100));
}
BENCHMARK(BM_Downsample)->Unit(benchmark::kMicrosecond)->UseRealTime();

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
