#pragma once

#include <QChartView>
#include <QDate>
#include <QList>
#include <QPointF>
#include <QString>

#include <vector>

QT_BEGIN_NAMESPACE
class QLineSeries;
class QDateTimeAxis;
class QValueAxis;
QT_END_NAMESPACE

namespace pt::gui::charts {

// One line of a time-series chart: x is the day (ms since the epoch, local
// midnight), y the value. Doubles are fine here: they are only drawn.
struct TimeLine
{
    QString name;
    std::vector<QPointF> points; // ordered by x
    bool dashed = false;         // e.g. invested capital beneath the value
};

// Lines over a date axis (the portfolio's value, invested capital, a
// benchmark). Each line keeps all its points and shows at most as many as the
// plot is wide in pixels (and all lines together at most PointBudget), picked
// by largestTriangleThreeBuckets() whenever the size or the data changes, so a
// ten-year chart of twenty lines redraws as fast as a month's. Hovering shows the nearest day and each line's value.
class TimeSeriesChart final : public QChartView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimeSeriesChart)

public:
    // The most points all lines together draw (see resample()).
    static constexpr int PointBudget = 2500;

    explicit TimeSeriesChart(QWidget *parent = nullptr);
    ~TimeSeriesChart() override;

    // Replaces the lines; `currency` labels the value axis and the tooltips.
    void setLines(QList<TimeLine> lines, const QString &currency);
    const QList<TimeLine> &lines() const { return m_lines; }
    // Points each line currently draws (after downsampling).
    int shownPointCount(int line) const;

    // Downsamples every line to the plot's current width; called on resize.
    void resample();

    static qreal xOf(QDate day);
    static QDate dayOf(qreal x);

    // What hovering at `position` (in the view) shows: the nearest day and
    // every line's value on it; empty outside the plot.
    QString tipAt(const QPointF &position) const;

protected:
    void resizeEvent(QResizeEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void makeAxes();
    void styleLines();

    QList<TimeLine> m_lines;
    QList<QLineSeries *> m_series;
    QDateTimeAxis *m_dates = nullptr;
    QValueAxis *m_values = nullptr;
    QString m_currency;
    int m_sampledWidth = -1;
};

} // namespace pt::gui::charts
