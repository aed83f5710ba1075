#include "gui/decimalsortproxymodel.h"

#include "gui/itemroles.h"
#include "money/decimal.h"

namespace pt::gui {

DecimalSortProxyModel::DecimalSortProxyModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(RawValueRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setSortLocaleAware(true);
}

DecimalSortProxyModel::~DecimalSortProxyModel() = default;

bool DecimalSortProxyModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const QVariant a = left.data(sortRole());
    const QVariant b = right.data(sortRole());
    if (!a.isValid() || !b.isValid())
        return !a.isValid() && b.isValid();

    const QMetaType decimalType = QMetaType::fromType<Decimal>();
    if (a.metaType() == decimalType && b.metaType() == decimalType)
        return a.value<Decimal>() < b.value<Decimal>();

    return QSortFilterProxyModel::lessThan(left, right);
}

} // namespace pt::gui
