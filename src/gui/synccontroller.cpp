#include "gui/synccontroller.h"

#include <QSysInfo>

namespace pt::gui {

SyncController::SyncController(std::shared_ptr<const store::Database> database, secrets::Keychain keychain,
                               QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<SyncSnapshot>();
    qRegisterMetaType<SyncResult>();
    m_thread.setObjectName(QStringLiteral("sync"));
    m_worker = new SyncWorker(std::move(database), std::move(keychain));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &SyncWorker::snapshotRead, this, &SyncController::takeSnapshot);
    connect(m_worker, &SyncWorker::finished, this, &SyncController::roundFinished);
    connect(m_worker, &SyncWorker::accountChanged, this, [this](const QString &error) {
        m_busy = false;
        Q_EMIT accountChanged(error);
        if (error.isEmpty() && m_snapshot.enabled)
            startRound(); // the first round right after signing in
    });
    m_thread.start();

    m_afterEditTimer.setSingleShot(true);
    m_afterEditTimer.setInterval(AfterEditDelayMs);
    connect(&m_afterEditTimer, &QTimer::timeout, this, &SyncController::startRound);
    connect(&m_intervalTimer, &QTimer::timeout, this, &SyncController::startRound);
    // Also while signed out: a sign-in from portfolio-cli on this store shows
    // up here within the interval. One small read of sync_state each time.
    m_pendingCheckTimer.setInterval(PendingCheckMs);
    connect(&m_pendingCheckTimer, &QTimer::timeout, this, &SyncController::refresh);
    m_pendingCheckTimer.start();
    setIntervalMinutes(15);
    refresh();
}

SyncController::~SyncController()
{
    // A round under way finishes its current request (at most the client's
    // timeout); the store stays consistent either way, since each step
    // commits on its own.
    m_thread.quit();
    m_thread.wait();
}

void SyncController::setIntervalMinutes(int minutes)
{
    m_intervalMinutes = minutes;
    m_intervalTimer.stop();
    if (minutes > 0) {
        m_intervalTimer.setInterval(minutes * 60 * 1000);
        if (m_snapshot.enabled)
            m_intervalTimer.start();
    }
}

void SyncController::setCaFile(const QString &caFile)
{
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, caFile] { worker->setCaFile(caFile); });
}

void SyncController::setPlaintextFallback(bool allowed)
{
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, allowed] { worker->setPlaintextFallback(allowed); });
}

void SyncController::refresh()
{
    QMetaObject::invokeMethod(m_worker, &SyncWorker::readSnapshot);
}

void SyncController::syncNow()
{
    m_afterEditTimer.stop();
    startRound();
}

void SyncController::noteLocalEdit()
{
    if (m_snapshot.enabled)
        m_afterEditTimer.start();
}

void SyncController::signIn(const QString &server, const QString &email, const QString &password,
                            bool createAccount)
{
    m_busy = true;
    m_snapshot.running = true;
    Q_EMIT snapshotChanged(m_snapshot);
    const QString device = QSysInfo::machineHostName();
    QMetaObject::invokeMethod(m_worker, [=, worker = m_worker] {
        worker->signIn(server, email, password, device, createAccount);
    });
}

void SyncController::signOut()
{
    m_busy = true;
    m_intervalTimer.stop();
    m_afterEditTimer.stop();
    QMetaObject::invokeMethod(m_worker, &SyncWorker::signOut);
}

void SyncController::startRound()
{
    if (!m_snapshot.enabled)
        return;
    if (m_busy) {
        m_roundAgain = true;
        return;
    }
    m_busy = true;
    m_roundAgain = false;
    m_snapshot.running = true;
    Q_EMIT snapshotChanged(m_snapshot);
    QMetaObject::invokeMethod(m_worker, &SyncWorker::synchronize);
}

void SyncController::roundFinished(const SyncResult &result)
{
    m_busy = false;
    Q_EMIT syncFinished(result);
    if (result.applied > 0)
        Q_EMIT remoteChangesApplied();
    if (m_roundAgain)
        startRound();
}

void SyncController::takeSnapshot(const SyncSnapshot &snapshot)
{
    const bool wasEnabled = m_snapshot.enabled;
    m_snapshot = snapshot;
    m_snapshot.running = m_busy;
    if (m_snapshot.enabled && !wasEnabled && m_intervalMinutes > 0)
        m_intervalTimer.start();
    // Changes wait and the last round went well: send them soon. After a
    // failure the interval (or the user) decides when to try again.
    if (m_snapshot.enabled && m_snapshot.pending > 0 && m_snapshot.lastError.isEmpty() && !m_busy
        && !m_afterEditTimer.isActive())
        m_afterEditTimer.start();
    Q_EMIT snapshotChanged(m_snapshot);
}

} // namespace pt::gui
