// MainWindow's part in sync: the controller, the status bar button, File ▸
// Sync Now, and reloading the views when other devices' changes arrive.

#include "gui/appsettings.h"
#include "gui/mainwindow.h"
#include "gui/synccontroller.h"
#include "gui/syncstatusbutton.h"
#include "gui/valuationservice.h"
#include "secrets/keychain.h"
#include "ui_mainwindow.h"

#include <QAction>
#include <QStatusBar>
#include <QUndoStack>

namespace pt::gui {

void MainWindow::setupSync(const secrets::Keychain &keychain)
{
    m_sync = new SyncController(m_database, keychain, this);
    m_syncButton = new SyncStatusButton(this);
    statusBar()->addPermanentWidget(m_syncButton);

    m_syncNow = new QAction(tr("S&ync Now"), this);
    m_syncNow->setObjectName(QStringLiteral("actionSyncNow"));
    m_syncNow->setToolTip(tr("Send this store's changes to the sync server and fetch your other devices' changes"));
    m_syncNow->setShortcut(QKeySequence(tr("Ctrl+Shift+Y", "File|Sync Now")));
    m_syncNow->setEnabled(false);
    m_ui->fileMenu->insertAction(m_ui->actionQuit, m_syncNow);
    m_ui->fileMenu->insertSeparator(m_ui->actionQuit);

    connect(m_syncNow, &QAction::triggered, m_sync, &SyncController::syncNow);
    connect(m_syncButton, &QToolButton::clicked, m_sync, &SyncController::syncNow);
    connect(m_sync, &SyncController::snapshotChanged, this, [this](const SyncSnapshot &snapshot) {
        m_syncButton->showSnapshot(snapshot);
        m_syncNow->setEnabled(snapshot.enabled && !snapshot.running);
    });
    connect(m_sync, &SyncController::syncFinished, this, [this](const SyncResult &result) {
        if (!result.error.isEmpty())
            statusBar()->showMessage(tr("Sync failed: %1").arg(result.error), 10000);
        else if (!result.warnings.isEmpty())
            statusBar()->showMessage(tr("Synced. %1").arg(result.warnings.join(u' ')), 15000);
    });
    connect(m_sync, &SyncController::remoteChangesApplied, this, [this] {
        reloadPortfolios();
        m_valuation->recompute();
    });
    // Local edits go out a few seconds later; other writers are caught by
    // the controller's check for waiting changes.
    connect(m_undoStack, &QUndoStack::indexChanged, m_sync, &SyncController::noteLocalEdit);
}

void MainWindow::setSettings(QSettings *settings)
{
    m_settings = settings;
    if (settings)
        applySyncSettings(AppSettings::load(*settings));
}

void MainWindow::applySyncSettings(const AppSettings &settings)
{
    m_sync->setCaFile(settings.syncCaFile);
    m_sync->setPlaintextFallback(settings.plaintextPasswordFallback);
    m_sync->setIntervalMinutes(settings.syncIntervalMinutes);
}

} // namespace pt::gui
