#pragma once

#include "secrets/keychain.h"
#include "secrets/plaintextsecretfile.h"

#include <QDateTime>
#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace pt::store {
class Database;
}
namespace pt::syncnet {
class AccountClient;
class SyncCredentials;
}

namespace pt::gui {

// What the status bar and the settings show of sync, read from the store.
struct SyncSnapshot
{
    bool enabled = false;
    QString server;       // of the signed-in account
    QString email;
    qint64 pending = 0;   // changes not yet acknowledged by the server
    QDateTime lastSync;   // invalid: never
    QString lastError;    // of the last round, empty if it succeeded
    bool running = false; // a round or an account operation is under way
};

// The outcome of one sync round or account operation.
struct SyncResult
{
    QString error;       // empty: it worked
    int pushed = 0;
    int pulled = 0;
    int applied = 0;     // remote changes written into the store
    QStringList warnings;
};

// Does the network and store work of sync on its own thread (SyncController
// moves it there), so the app never waits for the server: HTTP through
// AccountClient / HttpSyncTransport is blocking, and SyncEngine writes the
// store on this thread's connection. Keeps one AccountClient and
// SyncCredentials per account, so the hour-long access token is reused.
class SyncWorker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncWorker)

public:
    SyncWorker(std::shared_ptr<const store::Database> database, secrets::Keychain keychain);
    ~SyncWorker() override;

public Q_SLOTS:
    void setCaFile(const QString &caFile);
    void setPlaintextFallback(bool allowed);
    // Reads the store's sync state and answers with snapshotRead().
    void readSnapshot();
    // One round: push, pull, merge. Answers with finished().
    void synchronize();
    // Creates the account first when `createAccount`; then signs in, keeps
    // the refresh token in the keychain and turns sync on for the store.
    void signIn(const QString &server, const QString &email, const QString &password, const QString &deviceName,
                bool createAccount);
    // Ends the session on the server (as far as it can be reached), forgets
    // the tokens and turns capture off.
    void signOut();

Q_SIGNALS:
    void snapshotRead(const pt::gui::SyncSnapshot &snapshot);
    void finished(const pt::gui::SyncResult &result);
    void accountChanged(const QString &error);

private:
    std::optional<QString> prepareAccount(const QString &accountText);
    SyncSnapshot snapshot() const;

    std::shared_ptr<const store::Database> m_database;
    secrets::Keychain m_keychain;
    secrets::PlaintextSecretFile m_plaintextFile;
    bool m_plaintextAllowed = false;
    QString m_caFile;
    QString m_account; // what the client and credentials below are for
    std::unique_ptr<syncnet::AccountClient> m_client;
    std::unique_ptr<syncnet::SyncCredentials> m_credentials;
};

} // namespace pt::gui

Q_DECLARE_METATYPE(pt::gui::SyncSnapshot)
Q_DECLARE_METATYPE(pt::gui::SyncResult)
