#include "gui/syncworker.h"

#include "store/database.h"
#include "sync/syncengine.h"
#include "syncnet/accountclient.h"
#include "syncnet/httpsynctransport.h"
#include "syncnet/synccredentials.h"


namespace pt::gui {

SyncWorker::SyncWorker(std::shared_ptr<const store::Database> database, secrets::Keychain keychain)
    : m_database(std::move(database)), m_keychain(std::move(keychain))
{
}

SyncWorker::~SyncWorker() = default;

void SyncWorker::setCaFile(const QString &caFile)
{
    if (caFile == m_caFile)
        return;
    m_caFile = caFile;
    m_account.clear(); // the next round builds its client with the new file
}

void SyncWorker::setPlaintextFallback(bool allowed)
{
    if (allowed == m_plaintextAllowed)
        return;
    m_plaintextAllowed = allowed;
    m_account.clear();
}

SyncSnapshot SyncWorker::snapshot() const
{
    SyncSnapshot snapshot;
    const auto status = sync::SyncEngine(*m_database).status();
    if (!status) {
        snapshot.lastError = status.error();
        return snapshot;
    }
    snapshot.enabled = status->enabled;
    snapshot.pending = status->pending;
    snapshot.lastError = status->lastError;
    if (status->lastSyncAt > 0)
        snapshot.lastSync = QDateTime::fromMSecsSinceEpoch(status->lastSyncAt);
    if (const auto account = syncnet::SyncAccount::parse(status->account)) {
        snapshot.server = account->server.toString();
        snapshot.email = account->email;
    }
    return snapshot;
}

void SyncWorker::readSnapshot()
{
    Q_EMIT snapshotRead(snapshot());
}

// The client and credentials for `accountText`, made once per account; why not, or nothing.
std::optional<QString> SyncWorker::prepareAccount(const QString &accountText)
{
    if (m_client && m_account == accountText)
        return std::nullopt;
    auto account = syncnet::SyncAccount::parse(accountText);
    if (!account)
        return account.error();
    m_client = std::make_unique<syncnet::AccountClient>(account->server, m_caFile);
    m_credentials = std::make_unique<syncnet::SyncCredentials>(*account, m_keychain,
                                                               m_plaintextAllowed ? &m_plaintextFile : nullptr);
    m_account = accountText;
    return std::nullopt;
}

void SyncWorker::synchronize()
{
    SyncResult result;
    sync::SyncEngine engine(*m_database);
    const auto status = engine.status();
    if (!status) {
        result.error = status.error();
    } else if (!status->enabled) {
        result.error = tr("Not signed in to a sync server.");
    } else if (const auto problem = prepareAccount(status->account)) {
        result.error = *problem;
    } else {
        syncnet::HttpSyncTransport transport(*m_client, *m_credentials);
        const auto report = engine.syncOnce(transport);
        if (!report) {
            result.error = report.error();
        } else {
            result.pushed = report->pushed;
            result.pulled = report->pulled;
            result.applied = report->applied;
            result.warnings = report->warnings;
        }
    }
    Q_EMIT finished(result);
    Q_EMIT snapshotRead(snapshot());
}

void SyncWorker::signIn(const QString &server, const QString &email, const QString &password,
                        const QString &deviceName, bool createAccount)
{
    const auto url = syncnet::parseServerUrl(server);
    if (!url) {
        Q_EMIT accountChanged(url.error());
        return;
    }
    const syncnet::SyncAccount account{*url, email.trimmed()};
    if (auto problem = prepareAccount(account.toString())) {
        Q_EMIT accountChanged(*problem);
        return;
    }
    if (createAccount) {
        if (auto created = m_client->registerAccount(account.email, password); !created) {
            Q_EMIT accountChanged(created.error());
            return;
        }
    }
    const auto tokens = m_client->login(account.email, password, deviceName);
    if (!tokens) {
        Q_EMIT accountChanged(tokens.error());
        return;
    }
    m_credentials->setAccessToken(tokens->accessToken, std::chrono::seconds(tokens->expiresIn));
    if (auto stored = m_credentials->storeRefreshToken(tokens->refreshToken); !stored) {
        // Without a place for the refresh token the device could not stay
        // signed in: end the session just opened rather than leave it behind.
        (void)m_client->logout(*m_credentials);
        m_credentials->clearAccessToken();
        Q_EMIT accountChanged(tr("The sign-in cannot be kept: %1").arg(stored.error()));
        return;
    }
    if (auto enabled = sync::SyncEngine(*m_database).enable(account.toString()); !enabled) {
        Q_EMIT accountChanged(enabled.error());
        return;
    }
    // The new state first: whoever hears accountChanged sees it already.
    Q_EMIT snapshotRead(snapshot());
    Q_EMIT accountChanged(QString());
}

void SyncWorker::signOut()
{
    sync::SyncEngine engine(*m_database);
    QString error;
    if (const auto status = engine.status(); status && status->enabled && !prepareAccount(status->account)) {
        // Best effort: an unreachable server still lets the device sign out;
        // its refresh token then expires unused.
        (void)m_client->logout(*m_credentials);
        if (auto forgotten = m_credentials->forget(); !forgotten)
            error = forgotten.error();
    }
    if (auto disabled = engine.disable(); !disabled)
        error = disabled.error();
    m_client.reset();
    m_credentials.reset();
    m_account.clear();
    Q_EMIT snapshotRead(snapshot());
    Q_EMIT accountChanged(error);
}

} // namespace pt::gui
