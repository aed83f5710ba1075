#include "apireplies.h"

#include "sync/syncmessage.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace pt::server {

HttpReply jsonReply(int status, const QJsonObject &object)
{
    return jsonReply(status, QJsonDocument(object).toJson(QJsonDocument::Compact));
}

HttpReply jsonReply(int status, QByteArray body)
{
    HttpReply reply;
    reply.status = status;
    reply.body = std::move(body);
    return reply;
}

HttpReply noContent()
{
    HttpReply reply;
    reply.status = 204;
    return reply;
}

HttpReply refusalReply(const Refusal &refusal)
{
    HttpReply reply = jsonReply(refusal.status, sync::encodeErrorReply({refusal.code, refusal.message}));
    if (refusal.status == 429)
        reply.headers.append(QPair<QByteArray, QByteArray>{"Retry-After", QByteArray::number(std::max(1, refusal.retryAfterSeconds))});
    if (refusal.status == 401)
        reply.headers.append(QPair<QByteArray, QByteArray>{"WWW-Authenticate", "Bearer"});
    return reply;
}

Outcome<QJsonObject> jsonBody(const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        return badRequest(QStringLiteral("the body is not valid JSON (at byte %1: %2)").arg(error.offset).arg(error.errorString()));
    if (!document.isObject())
        return badRequest(QStringLiteral("the body is not a JSON object"));
    return document.object();
}

Outcome<QString> stringMember(const QJsonObject &object, const char *name)
{
    const QJsonValue value = object.value(QLatin1StringView(name));
    if (value.isUndefined())
        return badRequest(QStringLiteral("%1: missing").arg(QLatin1StringView(name)));
    if (!value.isString())
        return badRequest(QStringLiteral("%1: not a string").arg(QLatin1StringView(name)));
    return value.toString();
}

} // namespace pt::server
