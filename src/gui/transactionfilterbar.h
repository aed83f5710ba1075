#pragma once

#include <QWidget>

class QComboBox;
class QDateEdit;
class QLineEdit;
class QToolButton;

namespace pt::gui {

class TransactionFilterProxyModel;

// The row of filters above the transactions table: type, asset, and a date
// range whose ends read "Any" until set. Every change applies at once.
class TransactionFilterBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransactionFilterBar)

public:
    TransactionFilterBar(TransactionFilterProxyModel *proxy, QWidget *parent = nullptr);
    ~TransactionFilterBar() override;

    void clear();

private:
    void apply();

    TransactionFilterProxyModel *m_proxy;
    QComboBox *m_type = nullptr;
    QLineEdit *m_asset = nullptr;
    QDateEdit *m_from = nullptr;
    QDateEdit *m_to = nullptr;
    QToolButton *m_clear = nullptr;
};

} // namespace pt::gui
