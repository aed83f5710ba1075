#pragma once

#include "store/alertrepository.h"

#include <QObject>

#include <vector>

class QSystemTrayIcon;

namespace pt::gui {

class AlertsModel;

// Tells the user about alerts that just fired: a desktop notification through
// the system tray where the desktop has one, and always a refreshed alerts
// log (the alerts view) and a status message. Clicking the notification or
// the tray icon asks for the alerts view.
class AlertNotifier final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AlertNotifier)

public:
    explicit AlertNotifier(AlertsModel *model, QObject *parent = nullptr);
    ~AlertNotifier() override;

    bool hasTray() const { return m_tray != nullptr; }

    void notify(const std::vector<store::AlertEvent> &events);

Q_SIGNALS:
    void showAlertsRequested();
    // One line for the status bar, sent once the log shows the new alerts.
    void message(const QString &text);

private:
    void showPending();

    AlertsModel *m_model;
    QSystemTrayIcon *m_tray = nullptr;
    std::vector<RowId> m_pending; // events waiting for the model's reload
};

} // namespace pt::gui
