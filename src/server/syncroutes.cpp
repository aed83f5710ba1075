// The sync routes of HttpApi (push, pull, a record's state) and the
// operational ones (/healthz, /metrics).

#include "apireplies.h"
#include "databasecheck.h"
#include "httpapi.h"
#include "metrics.h"

#include <QDateTime>
#include <QJsonDocument>

namespace pt::server {

namespace {

// A query parameter as a whole number from `minimum` on, `fallback` if absent.
Outcome<std::int64_t> integerParameter(const QUrlQuery &query, const QString &name, std::int64_t minimum,
                                       std::int64_t fallback)
{
    if (!query.hasQueryItem(name))
        return fallback;
    bool ok = false;
    const std::int64_t value = query.queryItemValue(name).toLongLong(&ok);
    if (!ok || value < minimum)
        return badRequest(QStringLiteral("%1: must be a whole number of at least %2").arg(name).arg(minimum));
    return value;
}

} // namespace

HttpReply HttpApi::push(const HttpRequest &request, const AccessClaims &claims) const
{
    auto decoded = sync::decodePushRequest(request.body);
    if (!decoded)
        return refusalReply(badRequest(decoded.error()));
    const auto reply = m_syncLog.push(claims.accountId, *decoded, QDateTime::currentMSecsSinceEpoch());
    if (!reply)
        return refusalReply(reply.refusal());
    m_metrics.recordPush(reply->accepted, reply->duplicates);
    return jsonReply(200, sync::encodePushReply(*reply));
}

HttpReply HttpApi::pull(const HttpRequest &request, const AccessClaims &claims) const
{
    const auto after = integerParameter(request.query, QStringLiteral("after"), 0, 0);
    if (!after)
        return refusalReply(after.refusal());
    const auto limit = integerParameter(request.query, QStringLiteral("limit"), 1, sync::MaxChangesPerPull);
    if (!limit)
        return refusalReply(limit.refusal());
    // More than a page holds is not an error: the client gets a full page and `more`.
    const int pageSize = int(std::min<std::int64_t>(*limit, sync::MaxChangesPerPull));
    auto page = m_syncLog.pullEncoded(claims.accountId, *after, pageSize);
    if (!page)
        return refusalReply(page.refusal());
    m_metrics.recordPull(page->changeCount);
    return jsonReply(200, std::move(page->json));
}

HttpReply HttpApi::record(const AccessClaims &claims, const QString &kind, const QString &uuid) const
{
    // A kind or UUID that cannot exist answers like one that does not.
    const auto recordKind = sync::parseRecordKind(kind);
    if (!recordKind || !sync::isCanonicalUuid(uuid))
        return refusalReply(notFound());
    const auto change = m_syncLog.record(claims.accountId, *recordKind, uuid);
    if (!change)
        return refusalReply(change.refusal());
    return jsonReply(200, sync::changeToJson(*change));
}

HttpReply HttpApi::health() const
{
    if (!databaseAnswers(*m_database))
        return refusalReply({503, QStringLiteral("unavailable"), QStringLiteral("the database does not answer")});
    return jsonReply(200, QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")}});
}

HttpReply HttpApi::metrics(const Exchange &exchange) const
{
    // For the monitoring on this host (or metrics_allow), not for the world:
    // anyone else gets the 404 of a route that does not exist.
    if (!addressInRanges(QHostAddress(exchange.clientIp), m_config.metricsAllow))
        return refusalReply({404, QStringLiteral("not_found"), QStringLiteral("no such route")});
    HttpReply reply;
    reply.contentType = Metrics::ContentType;
    reply.body = m_metrics.render();
    return reply;
}

} // namespace pt::server
