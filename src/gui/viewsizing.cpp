#include "gui/viewsizing.h"

#include <QHeaderView>
#include <QStyle>
#include <QTableView>

#include <algorithm>

namespace pt::gui {

void setColumnWidths(QTableView *view, const QList<QStringList> &samples)
{
    QHeaderView *header = view->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(true);
    header->setHighlightSections(false);
    const QFontMetrics cellMetrics = view->fontMetrics();
    const QFontMetrics headerMetrics = header->fontMetrics();
    const int headerExtra = 2 * view->style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, header)
                            + view->style()->pixelMetric(QStyle::PM_HeaderMarkSize, nullptr, header);
    const int cellExtra = 2 * cellMetrics.averageCharWidth();
    for (int column = 0; column < samples.size(); ++column) {
        const QString title = view->model()->headerData(column, Qt::Horizontal).toString();
        int width = headerMetrics.horizontalAdvance(title) + headerExtra;
        for (const QString &sample : samples.at(column))
            width = std::max(width, cellMetrics.horizontalAdvance(sample) + cellExtra);
        header->resizeSection(column, width);
    }
    view->verticalHeader()->setDefaultSectionSize(cellMetrics.height() + 8);
}

void makeReadOnlyTable(QTableView *view)
{
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setAlternatingRowColors(true);
    view->setShowGrid(false);
    view->setWordWrap(false);
    view->verticalHeader()->setVisible(false);
}

} // namespace pt::gui
