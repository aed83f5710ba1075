#include "gui/charts/pricechart.h"

#include "gui/charts/chartstyle.h"
#include "gui/charts/lttb.h"
#include "gui/charts/timeserieschart.h"

#include <QCandlestickSeries>
#include <QCandlestickSet>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QEvent>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QMouseEvent>
#include <QScatterSeries>
#include <QValueAxis>

#include <algorithm>

namespace pt::gui::charts {

namespace {

constexpr qreal MarkerSize = 11;

bool inRange(QDate day, QDate from, QDate to)
{
    return (!from.isValid() || day >= from) && (!to.isValid() || day <= to);
}

QList<QPointF> pointsOf(const QScatterSeries *series)
{
    return series ? series->points() : QList<QPointF>();
}

} // namespace

PriceChart::PriceChart(QWidget *parent)
    : QChartView(parent)
    , m_dates(new QDateTimeAxis(this))
    , m_values(new QValueAxis(this))
{
    setObjectName(QStringLiteral("priceChart"));
    setRenderHint(QPainter::Antialiasing);
    setRubberBand(QChartView::NoRubberBand);
    setMouseTracking(true);
    QChart *plot = chart();
    plot->setMargins(QMargins(4, 4, 4, 4));
    plot->legend()->setAlignment(Qt::AlignBottom);
    plot->addAxis(m_dates, Qt::AlignBottom);
    plot->addAxis(m_values, Qt::AlignLeft);
    m_dates->setFormat(QLocale().dateFormat(QLocale::ShortFormat));
    m_dates->setTickCount(6);
    rebuild();
}

PriceChart::~PriceChart() = default;

void PriceChart::setData(std::vector<PriceBar> bars, QList<TradeMarker> trades, const QString &currency)
{
    m_bars = std::move(bars);
    m_trades = std::move(trades);
    m_currency = currency;
    rebuild();
}

void PriceChart::setRange(QDate from, QDate to)
{
    m_from = from;
    m_to = to;
    rebuild();
}

void PriceChart::rebuild()
{
    QChart *plot = chart();
    plot->removeAllSeries();
    m_line = nullptr;
    m_candles = nullptr;
    m_buys = nullptr;
    m_sells = nullptr;
    applyPalette(plot, palette());
    m_values->setTitleText(m_currency);

    m_visibleBegin = m_from.isValid()
        ? std::size_t(std::lower_bound(m_bars.cbegin(), m_bars.cend(), m_from,
                                       [](const PriceBar &bar, QDate day) { return bar.date < day; })
                      - m_bars.cbegin())
        : 0;
    m_visibleEnd = m_to.isValid()
        ? std::size_t(std::upper_bound(m_bars.cbegin(), m_bars.cend(), m_to,
                                       [](QDate day, const PriceBar &bar) { return day < bar.date; })
                      - m_bars.cbegin())
        : m_bars.size();
    m_visibleEnd = std::max(m_visibleEnd, m_visibleBegin);
    const auto first = m_bars.cbegin() + qsizetype(m_visibleBegin);
    const auto last = m_bars.cbegin() + qsizetype(m_visibleEnd);

    m_closes.clear();
    m_closes.reserve(m_visibleEnd - m_visibleBegin);
    double low = 0;
    double high = 0;
    bool any = false;
    auto extend = [&](double value) {
        low = any ? std::min(low, value) : value;
        high = any ? std::max(high, value) : value;
        any = true;
    };
    for (auto bar = first; bar != last; ++bar) {
        m_closes.emplace_back(TimeSeriesChart::xOf(bar->date), bar->close);
        extend(bar->close);
    }

    const bool candles = m_visibleEnd > m_visibleBegin && visibleBarCount() <= MaxCandles
                         && std::all_of(first, last, [](const PriceBar &bar) { return bar.hasRange(); });
    if (candles) {
        m_candles = new QCandlestickSeries(plot);
        m_candles->setName(tr("Price"));
        m_candles->setIncreasingColor(positiveColor(palette()));
        m_candles->setDecreasingColor(negativeColor(palette()));
        m_candles->setPen(QPen(palette().color(QPalette::Text), 1));
        m_candles->setBodyOutlineVisible(false);
        m_candles->setBodyWidth(0.7);
        for (auto bar = first; bar != last; ++bar) {
            m_candles->append(new QCandlestickSet(bar->open, bar->high, bar->low, bar->close,
                                                  TimeSeriesChart::xOf(bar->date), m_candles));
            extend(bar->low);
            extend(bar->high);
        }
        plot->addSeries(m_candles);
        m_candles->attachAxis(m_dates);
        m_candles->attachAxis(m_values);
    } else {
        m_line = new QLineSeries(plot);
        m_line->setName(tr("Close"));
        plot->addSeries(m_line);
        m_line->attachAxis(m_dates);
        m_line->attachAxis(m_values);
    }

    m_buys = new QScatterSeries(plot);
    m_buys->setName(tr("Buys"));
    m_buys->setMarkerShape(QScatterSeries::MarkerShapeTriangle);
    m_buys->setMarkerSize(MarkerSize);
    m_buys->setColor(buyColor(palette()));
    m_buys->setBorderColor(palette().color(QPalette::Text));
    m_sells = new QScatterSeries(plot);
    m_sells->setName(tr("Sells"));
    m_sells->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    m_sells->setMarkerSize(MarkerSize - 2);
    m_sells->setColor(sellColor(palette()));
    m_sells->setBorderColor(palette().color(QPalette::Text));
    const QDate shownFrom = m_visibleEnd > m_visibleBegin ? first->date : m_from;
    const QDate shownTo = m_visibleEnd > m_visibleBegin ? std::prev(last)->date : m_to;
    for (const TradeMarker &trade : std::as_const(m_trades)) {
        if (!inRange(trade.date, shownFrom, shownTo))
            continue;
        (trade.buy ? m_buys : m_sells)->append(TimeSeriesChart::xOf(trade.date), trade.price);
        extend(trade.price);
    }
    for (QScatterSeries *markers : {m_buys, m_sells}) {
        plot->addSeries(markers);
        markers->attachAxis(m_dates);
        markers->attachAxis(m_values);
    }
    // Only the markers need a legend entry: the price explains itself.
    const auto markers = plot->legend()->markers();
    for (QLegendMarker *marker : markers)
        marker->setVisible(marker->series() == m_buys ? !m_buys->points().isEmpty()
                                                      : marker->series() == m_sells && !m_sells->points().isEmpty());
    plot->legend()->setVisible(!m_buys->points().isEmpty() || !m_sells->points().isEmpty());

    if (any && shownFrom.isValid() && shownTo.isValid()) {
        // A day's margin either side so the first and last candle are whole.
        const int pad = candles ? 1 : 0;
        m_dates->setRange(shownFrom.addDays(-pad).startOfDay(), shownTo.addDays(pad).startOfDay());
        const double margin = std::max((high - low) * 0.05, high * 0.001);
        m_values->setRange(std::max(low - margin, 0.0), high + margin);
        m_values->applyNiceNumbers();
    }
    m_values->setLabelFormat(high - low < 10 ? QStringLiteral("%.2f") : QStringLiteral("%.0f"));
    m_sampledWidth = -1;
    resample();
}

int PriceChart::shownPointCount() const
{
    if (m_candles)
        return int(m_candles->count());
    return m_line ? int(m_line->count()) : 0;
}

QList<QPointF> PriceChart::buyPoints() const
{
    return pointsOf(m_buys);
}

QList<QPointF> PriceChart::sellPoints() const
{
    return pointsOf(m_sells);
}

void PriceChart::resample()
{
    if (!m_line)
        return;
    const qreal plotWidth = chart()->plotArea().width();
    const int width = std::max(plotWidth > 0 ? int(plotWidth) : this->width() - 80, 64);
    if (width == m_sampledWidth)
        return;
    m_sampledWidth = width;
    m_line->replace(largestTriangleThreeBuckets(m_closes, std::min(width, TimeSeriesChart::PointBudget)));
}

void PriceChart::resizeEvent(QResizeEvent *event)
{
    QChartView::resizeEvent(event);
    resample();
}

QString PriceChart::tipAt(const QPointF &position) const
{
    if (m_closes.empty() || !chart()->plotArea().contains(position))
        return {};
    const qreal x = chart()->mapToValue(position, m_buys).x();
    auto nearest = std::lower_bound(m_closes.cbegin(), m_closes.cend(), x,
                                    [](const QPointF &p, qreal value) { return p.x() < value; });
    if (nearest == m_closes.cend()
        || (nearest != m_closes.cbegin() && x - std::prev(nearest)->x() < nearest->x() - x))
        nearest = std::prev(nearest);
    const PriceBar &bar = m_bars[m_visibleBegin + std::size_t(nearest - m_closes.cbegin())];
    const QLocale locale;
    auto number = [&](double value) { return locale.toString(value, 'f', value < 10 ? 4 : 2); };
    QString text = locale.toString(bar.date, QLocale::LongFormat);
    if (bar.hasRange()) {
        text += tr("\nOpen %1  High %2\nLow %3  Close %4 %5", "price tooltip")
                    .arg(number(bar.open), number(bar.high), number(bar.low), number(bar.close), m_currency);
    } else {
        text += tr("\nClose %1 %2", "price tooltip").arg(number(bar.close), m_currency);
    }
    for (const TradeMarker &trade : m_trades) {
        if (trade.date == bar.date)
            text += u'\n' + trade.text;
    }
    return text;
}

void PriceChart::mouseMoveEvent(QMouseEvent *event)
{
    showTipAt(this, event, tipAt(event->position()));
    QChartView::mouseMoveEvent(event);
}

void PriceChart::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        rebuild();
}

} // namespace pt::gui::charts
