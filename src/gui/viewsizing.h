#pragma once

#include <QList>
#include <QStringList>

class QTableView;

namespace pt::gui {

// Makes the columns of `view` interactive and wide enough for their header and
// for the widest of their typical values (`samples`, for each column but the
// last, which stretches), and the rows as high as the font needs. Never sized
// to contents row by row, which would read every row of a long table.
void setColumnWidths(QTableView *view, const QList<QStringList> &samples);

// How the app's read-only lists look: whole rows selected one at a time,
// alternating rows, no grid, no wrapping, no row numbers.
void makeReadOnlyTable(QTableView *view);

} // namespace pt::gui
