#include "gui/transactionfilterproxymodel.h"

#include "gui/transactionsmodel.h"

namespace pt::gui {

TransactionFilterProxyModel::TransactionFilterProxyModel(QObject *parent)
    : DecimalSortProxyModel(parent)
{ }

TransactionFilterProxyModel::~TransactionFilterProxyModel() = default;

void TransactionFilterProxyModel::setTypeFilter(std::optional<TransactionType> type)
{
    if (type == m_type)
        return;
    m_type = type;
    invalidateRowsFilter();
}

void TransactionFilterProxyModel::setAssetFilter(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_asset)
        return;
    m_asset = trimmed;
    invalidateRowsFilter();
}

void TransactionFilterProxyModel::setDateRange(QDate from, QDate to)
{
    if (from == m_from && to == m_to)
        return;
    m_from = from;
    m_to = to;
    invalidateRowsFilter();
}

void TransactionFilterProxyModel::clearFilters()
{
    m_type.reset();
    m_asset.clear();
    m_from = m_to = QDate();
    invalidateRowsFilter();
}

bool TransactionFilterProxyModel::isFiltering() const
{
    return m_type || !m_asset.isEmpty() || m_from.isValid() || m_to.isValid();
}

bool TransactionFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const auto *model = qobject_cast<const TransactionsModel *>(sourceModel());
    const Transaction *transaction = model ? model->transactionAt(sourceRow) : nullptr;
    if (!transaction)
        return true;
    if (m_type && transaction->type != *m_type)
        return false;
    if (m_from.isValid() && transaction->date < m_from)
        return false;
    if (m_to.isValid() && transaction->date > m_to)
        return false;
    if (!m_asset.isEmpty()) {
        const QString asset = model->index(sourceRow, TransactionsModel::AssetColumn, sourceParent).data().toString();
        if (!asset.contains(m_asset, Qt::CaseInsensitive))
            return false;
    }
    return true;
}

} // namespace pt::gui
