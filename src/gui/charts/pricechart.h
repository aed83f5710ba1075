#pragma once

#include <QChartView>
#include <QDate>
#include <QList>
#include <QPointF>
#include <QString>

#include <vector>

QT_BEGIN_NAMESPACE
class QCandlestickSeries;
class QDateTimeAxis;
class QLineSeries;
class QScatterSeries;
class QValueAxis;
QT_END_NAMESPACE

namespace pt::gui::charts {

// One day's bar of an asset (doubles: only drawn). open, high and low are 0
// when the source gave only a close.
struct PriceBar
{
    QDate date;
    double open = 0;
    double high = 0;
    double low = 0;
    double close = 0;
    bool hasRange() const { return open > 0 && high > 0 && low > 0; }
};

// One of the user's own trades, marked on the chart at its date and price.
struct TradeMarker
{
    QDate date;
    double price = 0;
    bool buy = true; // false: a sell
    QString text;    // for the tooltip, e.g. "Buy 10 @ 101.50 EUR"
};

// An asset's price over a range of days: candlesticks when every bar of the
// range has open, high and low and there are at most MaxCandles of them,
// otherwise a line of closes downsampled to the plot's width (as
// TimeSeriesChart does). The user's buys (triangles) and sells (squares) are
// marked in colours of their own. Hovering shows the nearest day's price and
// any trade on it.
class PriceChart final : public QChartView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PriceChart)

public:
    static constexpr int MaxCandles = 250;

    explicit PriceChart(QWidget *parent = nullptr);
    ~PriceChart() override;

    // `bars` ordered by date; `currency` titles the value axis.
    void setData(std::vector<PriceBar> bars, QList<TradeMarker> trades, const QString &currency);
    // The days shown, inclusive; null dates: from the first or to the last bar.
    void setRange(QDate from, QDate to);

    bool showsCandles() const { return m_candles != nullptr; }
    // Days in the range, and the points (or candles) actually drawn.
    int visibleBarCount() const { return int(m_visibleEnd - m_visibleBegin); }
    int shownPointCount() const;
    // The marker points drawn (x as TimeSeriesChart::xOf, y the trade's price).
    QList<QPointF> buyPoints() const;
    QList<QPointF> sellPoints() const;

    // Downsamples the line to the plot's current width; called on resize.
    void resample();
    // What hovering at `position` (in the view) shows; empty outside the plot.
    QString tipAt(const QPointF &position) const;

protected:
    void resizeEvent(QResizeEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void rebuild();

    std::vector<PriceBar> m_bars;
    QList<TradeMarker> m_trades;
    QString m_currency;
    QDate m_from;
    QDate m_to;
    std::size_t m_visibleBegin = 0;
    std::size_t m_visibleEnd = 0;
    std::vector<QPointF> m_closes; // of the visible bars
    QLineSeries *m_line = nullptr;
    QCandlestickSeries *m_candles = nullptr;
    QScatterSeries *m_buys = nullptr;
    QScatterSeries *m_sells = nullptr;
    QDateTimeAxis *m_dates = nullptr;
    QValueAxis *m_values = nullptr;
    int m_sampledWidth = -1;
};

} // namespace pt::gui::charts
