#include "gui/charts/chartstyle.h"

#include <QAbstractAxis>
#include <QChart>
#include <QChartView>
#include <QLegend>
#include <QMouseEvent>
#include <QPalette>
#include <QToolTip>

namespace pt::gui::charts {

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < palette.color(QPalette::WindowText).lightness();
}

void applyPalette(QChart *chart, const QPalette &palette)
{
    chart->setTheme(isDark(palette) ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    chart->setBackgroundBrush(palette.base());
    chart->setBackgroundPen(Qt::NoPen);
    chart->setPlotAreaBackgroundVisible(false);
    chart->setTitleBrush(palette.text());
    chart->legend()->setLabelColor(palette.color(QPalette::Text));
    chart->legend()->setBrush(Qt::NoBrush);
    chart->legend()->setPen(Qt::NoPen);
    const QColor text = palette.color(QPalette::Text);
    QColor grid = palette.color(QPalette::Mid);
    grid.setAlpha(120);
    const auto axes = chart->axes();
    for (QAbstractAxis *axis : axes) {
        axis->setLabelsColor(text);
        axis->setTitleBrush(palette.text());
        axis->setGridLineColor(grid);
        axis->setLinePenColor(palette.color(QPalette::Mid));
    }
}

void applyPalette(QChartView *view)
{
    applyPalette(view->chart(), view->palette());
}

QColor categoryColor(const QPalette &palette, int index)
{
    // Tableau 10, and lighter versions of it for a dark base.
    static constexpr QRgb light[] = {0x4e79a7, 0xf28e2b, 0x59a14f, 0xe15759, 0x76b7b2,
                                     0xedc948, 0xb07aa1, 0xff9da7, 0x9c755f, 0xbab0ac};
    static constexpr QRgb dark[] = {0x7aa6d6, 0xffae5c, 0x86c77c, 0xf08a8b, 0x9fd4cf,
                                    0xf5d86e, 0xd0a2c4, 0xffc2c9, 0xc29d86, 0xd6cfcb};
    const int at = ((index % 10) + 10) % 10;
    return QColor::fromRgb(isDark(palette) ? dark[at] : light[at]);
}

// Green and red that keep their contrast: darker on a light base, lighter on a dark one.
QColor positiveColor(const QPalette &palette)
{
    return isDark(palette) ? QColor(0x66, 0xbb, 0x6a) : QColor(0x2e, 0x7d, 0x32);
}

QColor negativeColor(const QPalette &palette)
{
    return isDark(palette) ? QColor(0xef, 0x53, 0x50) : QColor(0xc6, 0x28, 0x28);
}

QColor buyColor(const QPalette &palette)
{
    return isDark(palette) ? QColor(0xce, 0x93, 0xd8) : QColor(0x7b, 0x1f, 0xa2);
}

QColor sellColor(const QPalette &palette)
{
    return isDark(palette) ? QColor(0xff, 0xb7, 0x4d) : QColor(0xe6, 0x51, 0x00);
}

void showTipAt(QWidget *view, const QMouseEvent *event, const QString &text)
{
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), text, view);
}

} // namespace pt::gui::charts
