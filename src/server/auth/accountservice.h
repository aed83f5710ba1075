#pragma once

#include "auth/accesstoken.h"
#include "outcome.h"

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <vector>

namespace pt::store {
class Database;
}

namespace pt::server {

struct TokenPair
{
    QByteArray accessToken;
    QByteArray refreshToken; // 256 random bits, base64url; stored only as its SHA-256
    std::int64_t accessExpiresIn = 0;  // seconds
    std::int64_t refreshExpiresIn = 0; // seconds
};

struct SessionInfo
{
    std::int64_t id = 0;
    QString deviceName;
    std::int64_t createdAt = 0;  // ms
    std::int64_t lastUsedAt = 0; // ms
    bool current = false;        // the session of the token that asked
};

// What AccountService::purgeExpired deleted.
struct PurgeCounts
{
    int refreshTokens = 0;
    int sessions = 0;
};

// Accounts, logins (sessions: one refresh-token family each) and tokens, on the
// server's PostgreSQL database (tables server_account, server_session,
// server_refresh_token). Safe to call from several threads at once (each uses
// its thread's connection). Every method that takes an accountId filters on it.
class AccountService
{
public:
    AccountService(const store::Database &database, TokenSettings settings);

    const TokenSettings &tokenSettings() const { return m_settings; }

    // 201-style success: the new account's id. 400 for an invalid email or a
    // password against the policy; 409 "email_taken".
    Outcome<std::int64_t> registerAccount(const QString &email, const QString &password) const;

    // A new session and its first token pair. 401 "invalid_credentials" for an
    // unknown email and a wrong password alike (same message, same cost).
    Outcome<TokenPair> login(const QString &email, const QString &password, const QString &deviceName) const;

    // Exchanges a refresh token for a new pair (rotation). A token that was
    // already used revokes its whole session and answers 401 "refresh_reused";
    // unknown, expired or revoked: 401.
    Outcome<TokenPair> refresh(const QByteArray &refreshToken) const;

    // Checks a bearer access token (signature and claims, then that its
    // session is not revoked and the account's tokens_valid_after is before
    // its iat). 401 with the reason for the log.
    Outcome<AccessClaims> authenticate(const QByteArray &accessToken) const;

    // Ends the session of `claims` (its refresh tokens stop working).
    Outcome<Done> logout(const AccessClaims &claims) const;
    // Ends every session of the account, and refuses its access tokens issued until now.
    Outcome<Done> logoutEverywhere(const AccessClaims &claims) const;
    // 401 "invalid_credentials" if `currentPassword` is wrong, 400 if the new
    // one breaks the policy. Ends every other session; returns a fresh pair for
    // the caller's device.
    Outcome<TokenPair> changePassword(const AccessClaims &claims, const QString &currentPassword,
                                      const QString &newPassword) const;

    Outcome<std::vector<SessionInfo>> sessions(const AccessClaims &claims) const;
    // 404 for a session of another account, exactly as for one that does not exist.
    Outcome<Done> revokeSession(const AccessClaims &claims, std::int64_t sessionId) const;

    // Deletes what can never be used again, so the tables do not grow with
    // every hourly refresh: refresh tokens past their expiry at `nowMs`, used
    // or not (reuse detection matters only while a token could still be
    // used), then the sessions left without any refresh token — ended, or
    // unused for the whole refresh lifetime. Their access tokens then meet
    // "no such session", as they would "session ended". portfolio-server runs
    // it at start and every hour.
    Outcome<PurgeCounts> purgeExpired(std::int64_t nowMs) const;

private:
    const store::Database &m_database;
    TokenSettings m_settings;
};

} // namespace pt::server
