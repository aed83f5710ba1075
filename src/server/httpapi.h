#pragma once

#include "auth/accountservice.h"
#include "auth/ratelimiter.h"
#include "httpfrontend.h"
#include "serverconfig.h"
#include "synclog.h"

#include <QFuture>

#include <memory>

class QThreadPool;

namespace pt::store {
class Database;
}

namespace pt::server {

class Metrics;

// What one request did, for its log line and the metrics: filled in as the
// request is worked on.
struct Exchange
{
    QString requestId;
    QString clientIp;
    QString route = QStringLiteral("unmatched"); // the route's template
    std::int64_t accountId = 0;
    QString reason;    // why a token was refused (log only)
    QString errorCode; // of an error answer
};

// The routes of docs/SYNC.md. Each request is worked on in the thread pool
// (database work and argon2 hashing never block the event loop); the account
// comes only from the verified access token and every query filters on it.
class HttpApi final
{
public:
    HttpApi(const ServerConfig &config, std::shared_ptr<store::Database> database, QThreadPool &pool,
            Metrics &metrics);
    ~HttpApi();
    Q_DISABLE_COPY_MOVE(HttpApi)

    // Called on the event loop's thread; the future finishes on a pool thread.
    QFuture<HttpReply> handle(HttpRequest request);

private:
    enum class Route {
        Register, Login, Refresh, Logout, LogoutAll, ChangePassword, Sessions, RevokeSession,
        Push, Pull, Record, Health, Metrics
    };

    HttpReply answer(const HttpRequest &request, Exchange &exchange) const;
    HttpReply dispatch(Route route, const QStringList &parameters, const HttpRequest &request,
                       Exchange &exchange) const;
    // The bearer token's claims, or the 401 to answer (its reason in `exchange`).
    Outcome<AccessClaims> authenticate(const HttpRequest &request, Exchange &exchange) const;
    // A 429 if `limiter` refuses `key` now; nothing if it allows (or is off).
    std::optional<Refusal> overLimit(RateLimiter *limiter, const QString &key) const;
    void finish(const HttpRequest &request, const Exchange &exchange, HttpReply &reply, qint64 elapsedNs) const;

    // accountroutes.cpp
    HttpReply registerAccount(const HttpRequest &request) const;
    HttpReply login(const HttpRequest &request, Exchange &exchange) const;
    HttpReply refresh(const HttpRequest &request, Exchange &exchange) const;
    HttpReply logout(const AccessClaims &claims, bool everywhere) const;
    HttpReply changePassword(const HttpRequest &request, const AccessClaims &claims) const;
    HttpReply sessions(const AccessClaims &claims) const;
    HttpReply revokeSession(const AccessClaims &claims, const QString &id) const;

    // syncroutes.cpp
    HttpReply push(const HttpRequest &request, const AccessClaims &claims) const;
    HttpReply pull(const HttpRequest &request, const AccessClaims &claims) const;
    HttpReply record(const AccessClaims &claims, const QString &kind, const QString &uuid) const;
    HttpReply health() const;
    HttpReply metrics(const Exchange &exchange) const;

    ServerConfig m_config;
    std::shared_ptr<store::Database> m_database;
    QThreadPool &m_pool;
    Metrics &m_metrics;
    AccountService m_accounts;
    SyncLog m_syncLog;
    std::unique_ptr<RateLimiter> m_perIp;      // null when rate limits are off
    std::unique_ptr<RateLimiter> m_perAccount; // null when rate limits are off
    std::unique_ptr<RateLimiter> m_loginFailuresPerEmail;
    std::unique_ptr<RateLimiter> m_loginFailuresPerIp;
};

} // namespace pt::server
