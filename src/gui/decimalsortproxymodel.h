#pragma once

#include <QSortFilterProxyModel>

namespace pt::gui {

// Sorts the GUI's table models by their RawValueRole, so numbers sort by value
// and not by their formatted text: two pt::Decimal values compare exactly
// (9.5 before 10.25), empty cells come first, and anything else (dates, text)
// sorts the way QSortFilterProxyModel sorts it, text locale-aware and ignoring case.
class DecimalSortProxyModel : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DecimalSortProxyModel)

public:
    explicit DecimalSortProxyModel(QObject *parent = nullptr);
    ~DecimalSortProxyModel() override;

protected:
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;
};

} // namespace pt::gui
