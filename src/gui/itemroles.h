#pragma once

#include <Qt>

namespace pt::gui {

// Roles the GUI's models answer beyond Qt's own.
enum ItemRole {
    // The value behind the displayed text, for sorting and for code: pt::Decimal
    // for amounts and quantities (never a double), QDate for dates, QString for
    // text and keys. Invalid QVariant for an empty cell.
    RawValueRole = Qt::UserRole + 1,
    // The RowId (qint64) of the record the row shows.
    IdRole,
};

} // namespace pt::gui
