#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace pt::gui {

class AlertsModel;
class DecimalSortProxyModel;

// The alerts log as a table, newest first, with how many are unread above it
// and "Mark all read". Always available, whether or not the desktop has a
// system tray to notify through.
class AlertsView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AlertsView)

public:
    explicit AlertsView(AlertsModel *model, QWidget *parent = nullptr);
    ~AlertsView() override;

    QTableView *tableView() const { return m_view; }

private:
    void updateSummary(int unread);

    AlertsModel *m_model;
    DecimalSortProxyModel *m_proxy = nullptr;
    QTableView *m_view = nullptr;
    QLabel *m_summary = nullptr;
    QPushButton *m_markRead = nullptr;
};

} // namespace pt::gui
