#include "gui/alertnotifier.h"

#include "gui/alertsmodel.h"

#include <QCoreApplication>
#include <QIcon>
#include <QSystemTrayIcon>

#include <algorithm>

namespace pt::gui {

AlertNotifier::AlertNotifier(AlertsModel *model, QObject *parent)
    : QObject(parent)
    , m_model(model)
{
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(QIcon(QStringLiteral(":/icons/portfolio-tracker.svg")), this);
        m_tray->setToolTip(QCoreApplication::applicationName());
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, &AlertNotifier::showAlertsRequested);
        connect(m_tray, &QSystemTrayIcon::activated, this, &AlertNotifier::showAlertsRequested);
        m_tray->show();
    }
    connect(m_model, &AlertsModel::loaded, this, &AlertNotifier::showPending);
}

AlertNotifier::~AlertNotifier() = default;

void AlertNotifier::notify(const std::vector<store::AlertEvent> &events)
{
    if (events.empty())
        return;
    for (const store::AlertEvent &event : events)
        m_pending.push_back(event.id);
    // The log is read again so the names and the new rows are current; the
    // notification follows once it is.
    m_model->reload();
}

void AlertNotifier::showPending()
{
    if (m_pending.empty())
        return;
    QStringList lines;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const store::AlertEvent *event = m_model->eventAt(row);
        if (std::find(m_pending.begin(), m_pending.end(), event->id) != m_pending.end())
            lines << m_model->describe(*event);
    }
    const int count = int(m_pending.size());
    m_pending.clear();
    if (lines.isEmpty())
        return;
    const QString title = count == 1 ? tr("Portfolio alert") : tr("%1 portfolio alerts").arg(count);
    if (m_tray)
        m_tray->showMessage(title, lines.join(u'\n'), QSystemTrayIcon::Warning);
    Q_EMIT message(count == 1 ? lines.front() : tr("%1: %2 and more; see View ▸ Alerts").arg(title, lines.front()));
}

} // namespace pt::gui
