#include "gui/syncstatusbutton.h"

#include "gui/syncworker.h"

#include <QLocale>
#include <QStyle>

namespace pt::gui {

SyncStatusButton::SyncStatusButton(QWidget *parent) : QToolButton(parent)
{
    setObjectName(QStringLiteral("syncStatusButton"));
    setAutoRaise(true);
    setToolButtonStyle(Qt::ToolButtonTextOnly);
    setVisible(false);
}

QString SyncStatusButton::summary(const SyncSnapshot &snapshot)
{
    if (!snapshot.enabled)
        return tr("Sync: not signed in");
    if (snapshot.running)
        return tr("Syncing…");
    if (!snapshot.lastError.isEmpty())
        return tr("Sync failed");
    if (snapshot.pending > 0)
        return tr("%n change(s) to sync", "", int(snapshot.pending));
    if (!snapshot.lastSync.isValid())
        return tr("Not synced yet");
    const QDateTime when = snapshot.lastSync.toLocalTime();
    const QLocale locale;
    return when.date() == QDate::currentDate()
               ? tr("Synced %1").arg(locale.toString(when.time(), QLocale::ShortFormat))
               : tr("Synced %1").arg(locale.toString(when, QLocale::ShortFormat));
}

QString SyncStatusButton::details(const SyncSnapshot &snapshot)
{
    if (!snapshot.enabled)
        return tr("Sign in to a sync server in Settings ▸ Sync to keep this store in step with your other devices.");
    QStringList lines;
    lines << tr("Signed in to %1 as %2").arg(snapshot.server, snapshot.email);
    lines << (snapshot.lastSync.isValid()
                  ? tr("Last synced: %1").arg(QLocale().toString(snapshot.lastSync.toLocalTime(), QLocale::LongFormat))
                  : tr("Not synced yet"));
    lines << tr("Changes waiting to be sent: %1").arg(snapshot.pending);
    if (!snapshot.lastError.isEmpty())
        lines << tr("Last attempt failed: %1").arg(snapshot.lastError);
    lines << tr("Click to sync now.");
    return lines.join(u'\n');
}

void SyncStatusButton::showSnapshot(const SyncSnapshot &snapshot)
{
    setVisible(snapshot.enabled);
    setText(summary(snapshot));
    setToolTip(details(snapshot));
    setEnabled(!snapshot.running);
    // A failure stands out; the reason is one hover away.
    setIcon(!snapshot.lastError.isEmpty() && !snapshot.running
                ? style()->standardIcon(QStyle::SP_MessageBoxWarning)
                : QIcon());
    setToolButtonStyle(icon().isNull() ? Qt::ToolButtonTextOnly : Qt::ToolButtonTextBesideIcon);
}

} // namespace pt::gui
