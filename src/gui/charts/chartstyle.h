#pragma once

#include <QColor>
#include <QList>

QT_BEGIN_NAMESPACE
class QMouseEvent;
class QString;
class QWidget;
class QChart;
class QChartView;
class QPalette;
QT_END_NAMESPACE

namespace pt::gui::charts {

// How every chart of the app follows the system palette (light or dark): the
// QtCharts theme that matches its lightness, the window's base colour behind
// the plot, its text colour for titles, labels and the legend, and a quiet grid.
// Call before adding series (a theme resets their colours) and again on
// QEvent::PaletteChange.
void applyPalette(QChart *chart, const QPalette &palette);
// The same for a view's chart, in the view's own palette.
void applyPalette(QChartView *view);

// True when the palette's window is darker than its text.
bool isDark(const QPalette &palette);

// Gains and losses, readable on the palette's base colour.
QColor positiveColor(const QPalette &palette);
QColor negativeColor(const QPalette &palette);

// Colours that tell categories apart (allocation slices), ten of them, each
// readable on the palette's base colour; index modulo 10.
QColor categoryColor(const QPalette &palette, int index);

// Shows `text` as the tooltip at the mouse (hides it when empty): the charts
// compute their own tooltips from the mouse position rather than through
// QtCharts' per-series hover, which restrokes every line on each resize.
void showTipAt(QWidget *view, const QMouseEvent *event, const QString &text);

// Buys and sells marked on a price chart.
QColor buyColor(const QPalette &palette);
QColor sellColor(const QPalette &palette);

} // namespace pt::gui::charts
