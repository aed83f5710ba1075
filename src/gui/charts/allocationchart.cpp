#include "gui/charts/allocationchart.h"

#include "gui/charts/chartstyle.h"

#include <QCursor>
#include <QEvent>
#include <QLegend>
#include <QLocale>
#include <QPieSeries>
#include <QPieSlice>
#include <QToolTip>

namespace pt::gui::charts {

AllocationChart::AllocationChart(QWidget *parent)
    : QChartView(parent)
{
    setObjectName(QStringLiteral("allocationChart"));
    setRenderHint(QPainter::Antialiasing);
    setMouseTracking(true);
    QChart *plot = chart();
    plot->setMargins(QMargins(2, 2, 2, 2));
    plot->legend()->setAlignment(Qt::AlignRight);
    plot->legend()->setShowToolTips(true);
    applyPalette(plot, palette());
    rebuild();
}

AllocationChart::~AllocationChart() = default;

QString AllocationChart::percentText(double weight)
{
    return tr("%1 %", "a percentage").arg(QLocale().toString(weight * 100, 'f', 1));
}

void AllocationChart::setParts(QList<AllocationPart> parts)
{
    m_parts = std::move(parts);
    rebuild();
}

void AllocationChart::rebuild()
{
    QChart *plot = chart();
    if (m_series) {
        plot->removeSeries(m_series);
        delete m_series;
    }
    m_highlighted = -1;
    m_partOfSlice.clear();
    applyPalette(plot, palette()); // before the series: a theme recolours them
    m_series = new QPieSeries(plot);
    m_series->setHoleSize(HoleSize);
    m_series->setPieSize(0.9);
    for (qsizetype i = 0; i < m_parts.size(); ++i) {
        const AllocationPart &part = m_parts[i];
        if (!(part.value > 0))
            continue;
        auto *slice = m_series->append(QString(), part.value);
        m_partOfSlice << int(i);
        slice->setLabel(legendText(int(m_partOfSlice.size() - 1)));
        slice->setLabelVisible(false);
        slice->setExplodeDistanceFactor(0.06);
        slice->setColor(categoryColor(palette(), int(m_partOfSlice.size() - 1)));
        slice->setBorderColor(palette().color(QPalette::Base));
    }
    plot->addSeries(m_series);
    connect(m_series, &QPieSeries::hovered, this, [this](QPieSlice *slice, bool state) {
        highlight(state ? int(m_series->slices().indexOf(slice)) : -1);
    });
}

int AllocationChart::sliceCount() const
{
    return int(m_partOfSlice.size());
}

QPieSlice *AllocationChart::slice(int index) const
{
    return index >= 0 && index < sliceCount() ? m_series->slices().at(index) : nullptr;
}

QString AllocationChart::legendText(int index) const
{
    if (index < 0 || index >= sliceCount())
        return {};
    const AllocationPart &part = m_parts[m_partOfSlice[index]];
    return tr("%1  %2", "allocation legend: name, percentage").arg(part.name, percentText(part.weight));
}

QString AllocationChart::tipText(int index) const
{
    if (index < 0 || index >= sliceCount())
        return {};
    const AllocationPart &part = m_parts[m_partOfSlice[index]];
    return tr("%1\n%2\n%3 of the total", "allocation tooltip: name, value, percentage")
        .arg(part.name, part.valueText, percentText(part.weight));
}

void AllocationChart::highlight(int index)
{
    if (m_highlighted == index)
        return;
    if (QPieSlice *previous = slice(m_highlighted))
        previous->setExploded(false);
    m_highlighted = index;
    QPieSlice *current = slice(index);
    if (!current) {
        QToolTip::hideText();
        return;
    }
    current->setExploded(true);
    QToolTip::showText(QCursor::pos(), tipText(index), this);
}

void AllocationChart::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        rebuild();
}

} // namespace pt::gui::charts
