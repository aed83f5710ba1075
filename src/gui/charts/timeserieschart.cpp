#include "gui/charts/timeserieschart.h"

#include "gui/charts/chartstyle.h"
#include "gui/charts/lttb.h"

#include <QDateTime>
#include <QEvent>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QLocale>
#include <QMouseEvent>
#include <QPen>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace pt::gui::charts {

TimeSeriesChart::TimeSeriesChart(QWidget *parent)
    : QChartView(parent)
{
    setObjectName(QStringLiteral("timeSeriesChart"));
    setRenderHint(QPainter::Antialiasing);
    setRubberBand(QChartView::NoRubberBand);
    setMouseTracking(true);
    QChart *plot = chart();
    plot->legend()->setAlignment(Qt::AlignBottom);
    plot->setMargins(QMargins(4, 4, 4, 4));
    makeAxes(); // and the palette: light or dark, as the system is
}

void TimeSeriesChart::makeAxes()
{
    // New axes with every set of lines: an axis that was on screen before it
    // had a series is never laid out again by QtCharts 6.4 (no dates at all).
    QChart *plot = chart();
    for (QAbstractAxis *axis : plot->axes()) {
        plot->removeAxis(axis);
        delete axis;
    }
    m_dates = new QDateTimeAxis(plot);
    m_values = new QValueAxis(plot);
    m_dates->setFormat(QLocale().dateFormat(QLocale::ShortFormat));
    m_dates->setTickCount(6);
    m_values->setLabelFormat(QStringLiteral("%.0f"));
    m_values->setTitleText(m_currency);
    plot->addAxis(m_dates, Qt::AlignBottom);
    plot->addAxis(m_values, Qt::AlignLeft);
    applyPalette(this); // the axes' colours; no series yet, whose pens a theme would reset
}

void TimeSeriesChart::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applyPalette(this);
        styleLines(); // a theme resets the series' pens
    }
}

void TimeSeriesChart::styleLines()
{
    // Lines get the theme's colours; dashed ones (invested capital beneath
    // the value) a quiet text colour that reads on a light or dark plot.
    QColor quiet = palette().color(QPalette::Text);
    quiet.setAlphaF(0.65f);
    for (qsizetype i = 0; i < m_series.size() && i < m_lines.size(); ++i) {
        if (!m_lines[i].dashed)
            continue;
        QPen pen = m_series[i]->pen();
        pen.setStyle(Qt::DashLine);
        pen.setColor(quiet);
        m_series[i]->setPen(pen);
    }
}

TimeSeriesChart::~TimeSeriesChart() = default;

qreal TimeSeriesChart::xOf(QDate day)
{
    return qreal(day.startOfDay().toMSecsSinceEpoch());
}

QDate TimeSeriesChart::dayOf(qreal x)
{
    return QDateTime::fromMSecsSinceEpoch(qint64(std::llround(x))).date();
}

void TimeSeriesChart::setLines(QList<TimeLine> lines, const QString &currency)
{
    QChart *plot = chart();
    for (QLineSeries *series : std::as_const(m_series)) {
        plot->removeSeries(series);
        delete series;
    }
    m_series.clear();
    m_lines = std::move(lines);
    m_currency = currency;
    makeAxes();

    qreal minX = 0, maxX = 0, minY = 0, maxY = 0;
    bool first = true;
    for (qsizetype i = 0; i < m_lines.size(); ++i) {
        const TimeLine &line = m_lines[i];
        auto *series = new QLineSeries(plot);
        series->setName(line.name);
        plot->addSeries(series);
        series->attachAxis(m_dates);
        series->attachAxis(m_values);
        m_series << series;
        for (const QPointF &point : line.points) {
            if (!std::isfinite(point.y()))
                continue;
            minX = first ? point.x() : std::min(minX, point.x());
            maxX = first ? point.x() : std::max(maxX, point.x());
            minY = first ? point.y() : std::min(minY, point.y());
            maxY = first ? point.y() : std::max(maxY, point.y());
            first = false;
        }
    }
    if (!first) {
        m_dates->setRange(QDateTime::fromMSecsSinceEpoch(qint64(minX)), QDateTime::fromMSecsSinceEpoch(qint64(maxX)));
        const qreal margin = std::max((maxY - minY) * 0.05, 1.0);
        m_values->setRange(minY - margin, maxY + margin);
        m_values->applyNiceNumbers();
    }
    styleLines();
    m_sampledWidth = -1;
    resample();
}

int TimeSeriesChart::shownPointCount(int line) const
{
    return line >= 0 && line < m_series.size() ? int(m_series[line]->count()) : 0;
}

void TimeSeriesChart::resample()
{
    // The plot's width in pixels; before the first layout, the view's less the axis labels.
    const qreal plotWidth = chart()->plotArea().width();
    const int width = std::max(plotWidth > 0 ? int(plotWidth) : this->width() - 80, 64);
    if (width == m_sampledWidth)
        return;
    m_sampledWidth = width;
    // One point per pixel, but no more than PointBudget for all lines together:
    // QtCharts lays out about 3 µs per point on every resize (it strokes each
    // line's shape anew), so twenty ten-year lines at full width would take
    // 70 ms to resize; within the budget it stays inside a 60 Hz frame
    // (bench_charts). One or two lines still get a point per pixel.
    const qsizetype lines = std::max<qsizetype>(m_lines.size(), 1);
    const int perLine = int(std::clamp<qsizetype>(PointBudget / lines, 64, width));
    for (qsizetype i = 0; i < m_lines.size(); ++i)
        m_series[i]->replace(largestTriangleThreeBuckets(m_lines[i].points, perLine));
}

void TimeSeriesChart::resizeEvent(QResizeEvent *event)
{
    QChartView::resizeEvent(event);
    resample();
}

QString TimeSeriesChart::tipAt(const QPointF &position) const
{
    const QRectF plot = chart()->plotArea();
    if (m_lines.isEmpty() || !plot.contains(position))
        return {};
    const qreal x = chart()->mapToValue(position).x();
    // The nearest real day of each line, not the interpolated spot under the mouse.
    QString text;
    QDate shownDay;
    for (const TimeLine &line : m_lines) {
        if (line.points.empty())
            continue;
        auto nearest = std::lower_bound(line.points.begin(), line.points.end(), x,
                                        [](const QPointF &p, qreal value) { return p.x() < value; });
        if (nearest == line.points.end()
            || (nearest != line.points.begin() && x - std::prev(nearest)->x() < nearest->x() - x))
            nearest = std::prev(nearest);
        if (!shownDay.isValid()) {
            shownDay = dayOf(nearest->x());
            text = QLocale().toString(shownDay, QLocale::LongFormat);
        }
        text += tr("\n%1: %2 %3").arg(line.name, QLocale().toString(nearest->y(), 'f', 2), m_currency);
    }
    return text;
}

void TimeSeriesChart::mouseMoveEvent(QMouseEvent *event)
{
    // One tooltip for the day under the mouse, computed here rather than by
    // each line's own hover, which makes QtCharts stroke every line's shape
    // again on each resize (tens of milliseconds for long lines).
    showTipAt(this, event, tipAt(event->position()));
    QChartView::mouseMoveEvent(event);
}

} // namespace pt::gui::charts
