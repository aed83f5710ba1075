#include "gui/charts/gainbarchart.h"

#include "gui/charts/chartstyle.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QCursor>
#include <QEvent>
#include <QHorizontalStackedBarSeries>
#include <QLegend>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace pt::gui::charts {

GainBarChart::GainBarChart(QWidget *parent)
    : QChartView(parent)
{
    setObjectName(QStringLiteral("gainBarChart"));
    setRenderHint(QPainter::Antialiasing);
    setMouseTracking(true);
    chart()->setMargins(QMargins(2, 2, 2, 2));
    chart()->legend()->hide();
    rebuild();
}

GainBarChart::~GainBarChart() = default;

void GainBarChart::setBars(QList<GainBar> bars, const QString &currency)
{
    m_bars = std::move(bars);
    m_currency = currency;
    rebuild();
}

void GainBarChart::rebuild()
{
    QChart *plot = chart();
    plot->removeAllSeries(); // deletes the series and its sets
    for (QAbstractAxis *axis : plot->axes()) {
        plot->removeAxis(axis);
        delete axis;
    }
    applyPalette(plot, palette());

    m_series = new QHorizontalStackedBarSeries(plot);
    m_gains = new QBarSet(tr("Gain"), m_series);
    m_losses = new QBarSet(tr("Loss"), m_series);
    m_gains->setColor(positiveColor(palette()));
    m_gains->setBorderColor(positiveColor(palette()));
    m_losses->setColor(negativeColor(palette()));
    m_losses->setBorderColor(negativeColor(palette()));
    QStringList labels;
    double low = 0;
    double high = 0;
    // Categories run bottom-up; the first bar belongs at the top.
    for (auto bar = m_bars.crbegin(); bar != m_bars.crend(); ++bar) {
        const bool gain = bar->value >= 0;
        *m_gains << (gain ? bar->value : 0.0);
        *m_losses << (gain ? 0.0 : bar->value);
        low = std::min(low, bar->value);
        high = std::max(high, bar->value);
        // Category labels must be unique; a symbol repeats only across portfolios.
        QString label = bar->label;
        while (labels.contains(label))
            label += QChar(0x200B); // zero-width space
        labels << label;
    }
    m_series->append(m_gains);
    m_series->append(m_losses);
    m_series->setBarWidth(0.7);
    plot->addSeries(m_series);

    m_labels = new QBarCategoryAxis(plot);
    m_labels->append(labels);
    m_values = new QValueAxis(plot);
    m_values->setTitleText(m_currency);
    // Whole units unless the bars are that small (then labels would repeat).
    m_values->setLabelFormat(high - low < 10 ? QStringLiteral("%.2f") : QStringLiteral("%.0f"));
    // Zero always shows, so bars start where the reader expects; no bars: 0..1.
    const double margin = std::max((high - low) * 0.05, 1.0);
    m_values->setRange(low < 0 ? low - margin : 0, high > 0 || low >= 0 ? high + margin : 0);
    m_values->applyNiceNumbers();
    plot->addAxis(m_labels, Qt::AlignLeft);
    plot->addAxis(m_values, Qt::AlignBottom);
    m_series->attachAxis(m_labels);
    m_series->attachAxis(m_values);
    applyPalette(plot, palette()); // the axes, now that they exist
    m_labels->setGridLineVisible(false);
    // Symbols are short enough to show whole; truncated they all read "...".
    m_labels->setTruncateLabels(false);

    connect(m_series, &QAbstractBarSeries::hovered, this, [this](bool status, int category, QBarSet *) {
        const int index = int(m_bars.size()) - 1 - category;
        if (status)
            QToolTip::showText(QCursor::pos(), tipText(index), this);
        else
            QToolTip::hideText();
    });
    connect(m_series, &QAbstractBarSeries::clicked, this, [this](int category, QBarSet *) {
        Q_EMIT barClicked(int(m_bars.size()) - 1 - category);
    });
}

QColor GainBarChart::barColor(int index) const
{
    if (index < 0 || index >= m_bars.size())
        return {};
    return m_bars[index].value >= 0 ? m_gains->color() : m_losses->color();
}

QString GainBarChart::tipText(int index) const
{
    if (index < 0 || index >= m_bars.size())
        return {};
    const GainBar &bar = m_bars[index];
    QString text = tr("%1: %2", "gain bar tooltip: holding, gain").arg(bar.label, bar.valueText);
    if (!bar.detail.isEmpty())
        text += u'\n' + bar.detail;
    return text;
}

void GainBarChart::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        rebuild();
}

} // namespace pt::gui::charts
