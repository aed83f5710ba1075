#include "httpapi.h"

#include "apireplies.h"
#include "clientaddress.h"
#include "databasecheck.h"
#include "jsonlog.h"
#include "metrics.h"
#include "requestid.h"
#include "sync/syncmessage.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QThreadPool>
#include <QtConcurrent>

namespace pt::server {

namespace {

constexpr std::int64_t MinuteMs = 60 * 1000;

// A route's method and path template; "{…}" segments are parameters.
struct RouteSpec
{
    const char *method;
    const char *path;
    int route; // HttpApi::Route
    bool authenticated;
    bool rateLimited;
};

std::int64_t nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// Log lines show paths, never more than this of one (a path is the client's text).
QString shortened(const QString &text)
{
    return text.size() > 200 ? text.left(200) + QStringLiteral("…") : text;
}

} // namespace

HttpApi::HttpApi(const ServerConfig &config, std::shared_ptr<store::Database> database, QThreadPool &pool,
                 Metrics &metrics)
    : m_config(config)
    , m_database(std::move(database))
    , m_pool(pool)
    , m_metrics(metrics)
    , m_accounts(*m_database, config.tokens)
    , m_syncLog(*m_database)
    , m_loginFailuresPerEmail(std::make_unique<RateLimiter>(config.loginFailuresPerEmail,
                                                            ServerConfig::LoginWindowMinutes * MinuteMs))
    , m_loginFailuresPerIp(std::make_unique<RateLimiter>(config.loginFailuresPerIp,
                                                         ServerConfig::LoginWindowMinutes * MinuteMs))
{
    if (config.rateLimitPerMinute > 0) {
        m_perIp = std::make_unique<RateLimiter>(config.rateLimitPerMinute, MinuteMs);
        m_perAccount = std::make_unique<RateLimiter>(config.rateLimitPerMinute, MinuteMs);
    }
}

HttpApi::~HttpApi() = default;

QFuture<HttpReply> HttpApi::handle(HttpRequest request)
{
    QElapsedTimer timer;
    timer.start();
    return QtConcurrent::run(&m_pool, [this, request = std::move(request), timer]() {
        Exchange exchange;
        exchange.requestId = requestIdFor(request.header("x-request-id"));
        exchange.clientIp = clientAddress(request.peer, request.header("x-forwarded-for"), request.header("x-real-ip"),
                                          m_config.trustedProxies)
                                .toString();
        HttpReply reply = answer(request, exchange);
        finish(request, exchange, reply, timer.nsecsElapsed());
        return reply;
    });
}

HttpReply HttpApi::answer(const HttpRequest &request, Exchange &exchange) const
{
    static const RouteSpec routes[] = {
        {"POST", "/v1/accounts", int(Route::Register), false, true},
        {"POST", "/v1/auth/login", int(Route::Login), false, true},
        {"POST", "/v1/auth/refresh", int(Route::Refresh), false, true},
        {"POST", "/v1/auth/logout", int(Route::Logout), true, true},
        {"POST", "/v1/auth/logout-all", int(Route::LogoutAll), true, true},
        {"POST", "/v1/account/password", int(Route::ChangePassword), true, true},
        {"GET", "/v1/sessions", int(Route::Sessions), true, true},
        {"DELETE", "/v1/sessions/{id}", int(Route::RevokeSession), true, true},
        {"POST", "/v1/sync/push", int(Route::Push), true, true},
        {"GET", "/v1/sync/pull", int(Route::Pull), true, true},
        {"GET", "/v1/records/{kind}/{uuid}", int(Route::Record), true, true},
        {"GET", "/healthz", int(Route::Health), false, false},
        {"GET", "/metrics", int(Route::Metrics), false, false},
    };

    const QStringList segments = request.path.split(u'/');
    const RouteSpec *matched = nullptr;
    QStringList parameters;
    QByteArrayList allowed;
    for (const RouteSpec &spec : routes) {
        const QStringList pattern = QString::fromLatin1(spec.path).split(u'/');
        if (pattern.size() != segments.size())
            continue;
        QStringList values;
        bool same = true;
        for (qsizetype i = 0; i < pattern.size() && same; ++i) {
            if (pattern[i].startsWith(u'{'))
                values.append(segments[i]);
            else
                same = pattern[i] == segments[i];
        }
        if (!same)
            continue;
        exchange.route = QString::fromLatin1(spec.path);
        if (request.method == QLatin1StringView(spec.method)) {
            matched = &spec;
            parameters = values;
            break;
        }
        allowed.append(spec.method);
    }
    if (!matched && !allowed.isEmpty()) {
        HttpReply reply = refusalReply({405, QStringLiteral("method_not_allowed"),
                                        QStringLiteral("%1 does not take %2").arg(exchange.route, request.method)});
        reply.headers.append(QPair<QByteArray, QByteArray>{"Allow", allowed.join(", ")});
        return reply;
    }
    if (!matched)
        return refusalReply({404, QStringLiteral("not_found"), QStringLiteral("no such route")});

    if (request.body.size() > sync::MaxMessageBytes)
        return refusalReply({413, QStringLiteral("payload_too_large"),
                             QStringLiteral("the body is larger than %1 bytes").arg(sync::MaxMessageBytes)});
    if (matched->rateLimited) {
        if (auto refused = overLimit(m_perIp.get(), QStringLiteral("ip:") + exchange.clientIp))
            return refusalReply(*refused);
    }
    return dispatch(Route(matched->route), parameters, request, exchange);
}

HttpReply HttpApi::dispatch(Route route, const QStringList &parameters, const HttpRequest &request,
                            Exchange &exchange) const
{
    switch (route) {
    case Route::Register:
        return registerAccount(request);
    case Route::Login:
        return login(request, exchange);
    case Route::Refresh:
        return refresh(request, exchange);
    case Route::Health:
        return health();
    case Route::Metrics:
        return metrics(exchange);
    default:
        break;
    }

    // Every other route acts for the account of a valid access token, and
    // only for it.
    auto claims = authenticate(request, exchange);
    if (!claims)
        return refusalReply(claims.refusal());
    exchange.accountId = claims->accountId;
    if (auto refused = overLimit(m_perAccount.get(), QStringLiteral("account:%1").arg(claims->accountId)))
        return refusalReply(*refused);

    switch (route) {
    case Route::Logout:
        return logout(*claims, false);
    case Route::LogoutAll:
        return logout(*claims, true);
    case Route::ChangePassword:
        return changePassword(request, *claims);
    case Route::Sessions:
        return sessions(*claims);
    case Route::RevokeSession:
        return revokeSession(*claims, parameters.value(0));
    case Route::Push:
        return push(request, *claims);
    case Route::Pull:
        return pull(request, *claims);
    case Route::Record:
        return record(*claims, parameters.value(0), parameters.value(1));
    default:
        return refusalReply(internalError());
    }
}

Outcome<AccessClaims> HttpApi::authenticate(const HttpRequest &request, Exchange &exchange) const
{
    const QByteArray authorization = request.header("authorization").trimmed();
    const QByteArray scheme = "bearer ";
    if (authorization.size() <= scheme.size()
        || authorization.left(scheme.size()).compare(scheme, Qt::CaseInsensitive) != 0) {
        exchange.reason = authorization.isEmpty() ? QStringLiteral("no Authorization header")
                                                  : QStringLiteral("the Authorization header is not a bearer token");
        return unauthorized();
    }
    auto claims = m_accounts.authenticate(authorization.mid(scheme.size()).trimmed());
    if (!claims) {
        // The reason goes to the log; every client sees the same 401.
        exchange.reason = claims.refusal().message;
        if (claims.refusal().status != 401)
            return claims.refusal(); // the database failed: a 500, not a sign-out
        return unauthorized();
    }
    return claims;
}

std::optional<Refusal> HttpApi::overLimit(RateLimiter *limiter, const QString &key) const
{
    if (!limiter)
        return std::nullopt;
    const RateLimiter::Decision decision = limiter->take(key, nowMs());
    if (decision.allowed)
        return std::nullopt;
    Refusal refusal{429, QStringLiteral("rate_limited"),
                    QStringLiteral("too many requests; try again in %1 seconds").arg(decision.retryAfterSeconds)};
    refusal.retryAfterSeconds = decision.retryAfterSeconds;
    return refusal;
}

void HttpApi::finish(const HttpRequest &request, const Exchange &exchange, HttpReply &reply, qint64 elapsedNs) const
{
    reply.headers.append(QPair<QByteArray, QByteArray>{"X-Request-Id", exchange.requestId.toLatin1()});
    // A failure may have been the connection breaking: mend it for the next request.
    if (reply.status == 500)
        (void)databaseAnswers(*m_database);
    QString errorCode = exchange.errorCode;
    if (reply.status >= 400 && errorCode.isEmpty()) {
        if (const auto error = sync::decodeErrorReply(reply.body))
            errorCode = error->code;
    }
    const double seconds = double(elapsedNs) / 1e9;
    m_metrics.recordRequest(exchange.route, request.method, reply.status, seconds);
    if (!errorCode.isEmpty())
        m_metrics.recordError(errorCode);

    QJsonObject fields{{QStringLiteral("requestId"), exchange.requestId},
                       {QStringLiteral("method"), request.method},
                       {QStringLiteral("route"), shortened(request.path)},
                       {QStringLiteral("status"), reply.status},
                       {QStringLiteral("durationMs"), double(elapsedNs / 1000) / 1000.0},
                       {QStringLiteral("clientIp"), exchange.clientIp}};
    if (exchange.accountId != 0)
        fields.insert(QStringLiteral("accountId"), qint64(exchange.accountId));
    if (!errorCode.isEmpty())
        fields.insert(QStringLiteral("error"), errorCode);
    if (!exchange.reason.isEmpty())
        fields.insert(QStringLiteral("reason"), exchange.reason);
    const QString level = reply.status >= 500 ? QStringLiteral("error") : QStringLiteral("info");
    jsonlog::writeLine(level, QStringLiteral("request"), fields);
}

} // namespace pt::server
