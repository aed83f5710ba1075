#pragma once

#include "result.h"
#include "syncnet/serverconnection.h"

#include <QString>
#include <QUrl>

#include <chrono>
#include <cstdint>
#include <vector>

namespace pt::syncnet {

class SyncCredentials;

// What login, refresh and a password change answer (docs/SYNC.md).
struct TokenPair
{
    QString accessToken;
    QString refreshToken;
    std::int64_t expiresIn = 0;        // seconds
    std::int64_t refreshExpiresIn = 0; // seconds
};

// One signed-in device of the account (GET /v1/sessions).
struct SessionInfo
{
    QString id;
    QString deviceName;
    QString createdAt;  // as the server writes it (ISO 8601)
    QString lastUsedAt;
    bool current = false; // the session of the token that asked
};

// The account routes of a portfolio-server (docs/SYNC.md), blocking (see
// ServerConnection: a local event loop on the calling thread, never the GUI's).
// Refusals come back in words a person understands: "the server refused the
// password: at least 12 characters", "wrong email or password", "too many
// attempts: try again in 60 seconds".
//
// The routes that need a signed-in account take its SyncCredentials: they use
// the access token in memory, or refresh first, and on a 401 refresh once and
// retry. A refresh rotates the refresh token: the new one is stored in the
// keychain before anything else is done with the answer, since the old one is
// spent. Only one refresh per account may be under way at a time (the server
// takes a reused refresh token for a stolen one and ends the session).
class AccountClient final
{
public:
    // `server` as parseServerUrl() returns it; `caFile` see ServerConnection.
    explicit AccountClient(QUrl server, QString caFile = {});
    ~AccountClient();
    Q_DISABLE_COPY_MOVE(AccountClient)

    QUrl server() const { return m_connection.server(); }
    void setTimeout(std::chrono::milliseconds timeout) { m_connection.setTimeout(timeout); }

    // POST /v1/accounts: the new account's id.
    Result<QString> registerAccount(const QString &email, const QString &password);
    // POST /v1/auth/login. Store the pair with SyncCredentials yourself.
    Result<TokenPair> login(const QString &email, const QString &password, const QString &deviceName);
    // POST /v1/auth/refresh: a new pair; `refreshToken` is spent.
    Result<TokenPair> refresh(const QString &refreshToken);

    // A fresh access token: refreshes with the stored refresh token, stores
    // the rotated one, keeps the new access token in `credentials`. Without a
    // stored token, or when the server refuses it: "… sign in again".
    Result<QString> renewAccessToken(SyncCredentials &credentials);

    // POST /v1/auth/logout, /v1/auth/logout-all. The stored tokens are left
    // for the caller to forget.
    Result<void> logout(SyncCredentials &credentials);
    Result<void> logoutEverywhere(SyncCredentials &credentials);
    // POST /v1/account/password: every other session ends; the new pair is
    // stored in `credentials`.
    Result<void> changePassword(SyncCredentials &credentials, const QString &currentPassword,
                                const QString &newPassword);
    // GET /v1/sessions, DELETE /v1/sessions/{id}.
    Result<std::vector<SessionInfo>> sessions(SyncCredentials &credentials);
    Result<void> endSession(SyncCredentials &credentials, const QString &sessionId);

    // Sends an authenticated request as above (access token, one refresh and
    // retry on 401) and returns the server's answer, whatever its status but
    // 401 (then the error says to sign in again). For HttpSyncTransport.
    Result<HttpAnswer> sendAuthorized(SyncCredentials &credentials, const QByteArray &method,
                                      const QString &pathAndQuery, const QByteArray &body = {});

private:
    ServerConnection m_connection;
};

} // namespace pt::syncnet
