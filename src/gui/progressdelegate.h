#pragma once

#include <QStyledItemDelegate>

namespace pt::gui {

// Draws a cell as a progress bar when its model answers a percentage (0..100)
// for `role`, and as ordinary text when it answers -1 or nothing.
class ProgressDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProgressDelegate)

public:
    explicit ProgressDelegate(int role, QObject *parent = nullptr);
    ~ProgressDelegate() override;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    int m_role;
};

} // namespace pt::gui
