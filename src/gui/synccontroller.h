#pragma once

#include "gui/syncworker.h"

#include <QObject>
#include <QThread>
#include <QTimer>

#include <memory>

namespace pt::store {
class Database;
}

namespace pt::gui {

// The app's side of sync (C9), on the GUI thread: starts rounds on the sync
// worker's thread — on request (Sync Now), every few minutes, and a few
// seconds after local edits — and relays what they did. Local use never waits
// for it: the store takes edits while a round runs, and a change made during
// a round goes with the next one.
class SyncController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncController)

public:
    // Edits are gathered this long before a round sends them.
    static constexpr int AfterEditDelayMs = 5000;
    // How often the store is asked whether changes wait, which catches every
    // writer the app does not announce (imports, the CLI on the same store).
    static constexpr int PendingCheckMs = 30000;

    SyncController(std::shared_ptr<const store::Database> database, secrets::Keychain keychain,
                   QObject *parent = nullptr);
    ~SyncController() override;

    const SyncSnapshot &snapshot() const { return m_snapshot; }
    bool isBusy() const { return m_busy; }

    // 0: no automatic rounds on a timer (still after edits and on request).
    void setIntervalMinutes(int minutes);
    void setCaFile(const QString &caFile);
    void setPlaintextFallback(bool allowed);

    // Reads the store's sync state again (snapshotChanged follows).
    void refresh();
    void syncNow();
    // A local change was made: sync soon, if signed in.
    void noteLocalEdit();
    void signIn(const QString &server, const QString &email, const QString &password, bool createAccount);
    void signOut();

Q_SIGNALS:
    void snapshotChanged(const pt::gui::SyncSnapshot &snapshot);
    void syncFinished(const pt::gui::SyncResult &result);
    // A round wrote other devices' changes into the store: views reload.
    void remoteChangesApplied();
    // Sign in, registration or sign out is done; `error` is empty if it worked.
    void accountChanged(const QString &error);

private:
    void startRound();
    void roundFinished(const SyncResult &result);
    void takeSnapshot(const SyncSnapshot &snapshot);

    QThread m_thread;
    SyncWorker *m_worker = nullptr; // lives on m_thread, deleted when it ends
    QTimer m_intervalTimer;
    QTimer m_afterEditTimer;
    QTimer m_pendingCheckTimer;
    int m_intervalMinutes = 15;
    SyncSnapshot m_snapshot;
    bool m_busy = false;       // a round or account operation is under way
    bool m_roundAgain = false; // asked for while busy
};

} // namespace pt::gui
