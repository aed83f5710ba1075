#pragma once

#include "domain/types.h"
#include "gui/decimalsortproxymodel.h"

#include <QDate>

#include <optional>

namespace pt::gui {

// The transactions table's filters, over a TransactionsModel: by type, by
// asset (the asset column's text contains what was typed, ignoring case) and
// by date (from and to, each inclusive, a null date leaving that side open);
// sorted by value like every table (DecimalSortProxyModel).
class TransactionFilterProxyModel final : public DecimalSortProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransactionFilterProxyModel)

public:
    explicit TransactionFilterProxyModel(QObject *parent = nullptr);
    ~TransactionFilterProxyModel() override;

    void setTypeFilter(std::optional<TransactionType> type);
    void setAssetFilter(const QString &text);
    void setDateRange(QDate from, QDate to);
    void clearFilters();
    bool isFiltering() const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    std::optional<TransactionType> m_type;
    QString m_asset;
    QDate m_from;
    QDate m_to;
};

} // namespace pt::gui
