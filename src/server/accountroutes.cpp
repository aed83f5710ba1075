// The account routes of HttpApi: register, login, refresh, logout, password,
// sessions. AccountService does the work; this is their HTTP.

#include "apireplies.h"
#include "httpapi.h"
#include "metrics.h"

#include <QDateTime>
#include <QJsonArray>

namespace pt::server {

namespace {

QJsonObject tokenPairJson(const TokenPair &pair)
{
    return {{QStringLiteral("accessToken"), QString::fromLatin1(pair.accessToken)},
            {QStringLiteral("refreshToken"), QString::fromLatin1(pair.refreshToken)},
            {QStringLiteral("expiresIn"), qint64(pair.accessExpiresIn)},
            {QStringLiteral("refreshExpiresIn"), qint64(pair.refreshExpiresIn)}};
}

HttpReply tokenPairReply(const Outcome<TokenPair> &pair)
{
    return pair ? jsonReply(200, tokenPairJson(*pair)) : refusalReply(pair.refusal());
}

// The throttle's key for an email: as the accounts table keys it.
QString emailKey(const QString &email)
{
    return QStringLiteral("email:") + email.trimmed().toLower();
}

Refusal throttled(int retryAfterSeconds)
{
    Refusal refusal{429, QStringLiteral("throttled"),
                    QStringLiteral("too many failed sign-ins; try again in %1 minutes").arg((retryAfterSeconds + 59) / 60)};
    refusal.retryAfterSeconds = retryAfterSeconds;
    return refusal;
}

} // namespace

HttpReply HttpApi::registerAccount(const HttpRequest &request) const
{
    auto body = jsonBody(request.body);
    if (!body)
        return refusalReply(body.refusal());
    auto email = stringMember(*body, "email");
    if (!email)
        return refusalReply(email.refusal());
    auto password = stringMember(*body, "password");
    if (!password)
        return refusalReply(password.refusal());
    const auto account = m_accounts.registerAccount(*email, *password);
    if (!account)
        return refusalReply(account.refusal());
    return jsonReply(201, QJsonObject{{QStringLiteral("accountId"), qint64(*account)}});
}

HttpReply HttpApi::login(const HttpRequest &request, Exchange &exchange) const
{
    auto body = jsonBody(request.body);
    if (!body)
        return refusalReply(body.refusal());
    auto email = stringMember(*body, "email");
    if (!email)
        return refusalReply(email.refusal());
    auto password = stringMember(*body, "password");
    if (!password)
        return refusalReply(password.refusal());
    const QJsonValue device = body->value(QStringLiteral("deviceName"));
    if (!device.isUndefined() && !device.isString())
        return refusalReply(badRequest(QStringLiteral("deviceName: not a string")));

    // Checked before hashing, counted only when a login fails: guessing is
    // slowed per account and per address, signing in is not.
    const QString byEmail = emailKey(*email);
    const QString byIp = QStringLiteral("ip:") + exchange.clientIp;
    const std::int64_t now = QDateTime::currentMSecsSinceEpoch();
    for (RateLimiter *limiter : {m_loginFailuresPerEmail.get(), m_loginFailuresPerIp.get()}) {
        const auto decision = limiter->check(limiter == m_loginFailuresPerEmail.get() ? byEmail : byIp, now);
        if (!decision.allowed) {
            exchange.reason = QStringLiteral("login throttled");
            return refusalReply(throttled(decision.retryAfterSeconds));
        }
    }

    const auto pair = m_accounts.login(*email, *password, device.toString().left(200));
    if (!pair && pair.refusal().status == 401) {
        m_loginFailuresPerEmail->take(byEmail, now);
        m_loginFailuresPerIp->take(byIp, now);
        m_metrics.recordLoginFailure();
    } else if (pair) {
        m_loginFailuresPerEmail->forget(byEmail);
    }
    return tokenPairReply(pair);
}

HttpReply HttpApi::refresh(const HttpRequest &request, Exchange &exchange) const
{
    auto body = jsonBody(request.body);
    if (!body)
        return refusalReply(body.refusal());
    auto token = stringMember(*body, "refreshToken");
    if (!token)
        return refusalReply(token.refusal());
    const auto pair = m_accounts.refresh(token->toLatin1());
    if (!pair && pair.refusal().status == 401) {
        // Which way it was wrong (unknown, expired, reused) is for the log.
        exchange.reason = pair.refusal().message;
        return refusalReply(unauthorized());
    }
    return tokenPairReply(pair);
}

HttpReply HttpApi::logout(const AccessClaims &claims, bool everywhere) const
{
    const auto done = everywhere ? m_accounts.logoutEverywhere(claims) : m_accounts.logout(claims);
    return done ? noContent() : refusalReply(done.refusal());
}

HttpReply HttpApi::changePassword(const HttpRequest &request, const AccessClaims &claims) const
{
    auto body = jsonBody(request.body);
    if (!body)
        return refusalReply(body.refusal());
    auto current = stringMember(*body, "currentPassword");
    if (!current)
        return refusalReply(current.refusal());
    auto next = stringMember(*body, "newPassword");
    if (!next)
        return refusalReply(next.refusal());
    return tokenPairReply(m_accounts.changePassword(claims, *current, *next));
}

HttpReply HttpApi::sessions(const AccessClaims &claims) const
{
    const auto list = m_accounts.sessions(claims);
    if (!list)
        return refusalReply(list.refusal());
    QJsonArray sessions;
    for (const SessionInfo &session : *list) {
        sessions.append(QJsonObject{{QStringLiteral("id"), qint64(session.id)},
                                    {QStringLiteral("deviceName"), session.deviceName},
                                    {QStringLiteral("createdAt"), qint64(session.createdAt)},
                                    {QStringLiteral("lastUsedAt"), qint64(session.lastUsedAt)},
                                    {QStringLiteral("current"), session.current}});
    }
    return jsonReply(200, QJsonObject{{QStringLiteral("sessions"), sessions}});
}

HttpReply HttpApi::revokeSession(const AccessClaims &claims, const QString &id) const
{
    // An id that is not a number names no session: the same 404 as any other.
    bool ok = false;
    const qint64 sessionId = id.toLongLong(&ok);
    if (!ok || sessionId <= 0)
        return refusalReply(notFound());
    const auto done = m_accounts.revokeSession(claims, sessionId);
    if (!done && done.refusal().status == 404)
        return refusalReply(notFound()); // word for word the answer for a malformed id
    return done ? noContent() : refusalReply(done.refusal());
}

} // namespace pt::server
