#include "syncnet/answerreading.h"

#include "sync/syncmessage.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace pt::syncnet::detail {

Result<QJsonObject> jsonObject(const HttpAnswer &answer, const QString &what)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(answer.body, &error);
    if (error.error != QJsonParseError::NoError)
        return Error{QStringLiteral("the server's answer to %1 is not valid JSON (at byte %2: %3)")
                         .arg(what)
                         .arg(error.offset)
                         .arg(error.errorString())};
    if (!document.isObject())
        return Error{QStringLiteral("the server's answer to %1 is not a JSON object").arg(what)};
    return document.object();
}

QString tryAgain(const HttpAnswer &answer)
{
    const int seconds = answer.retryAfterSeconds();
    if (seconds < 0)
        return QStringLiteral("try again later");
    return seconds == 1 ? QStringLiteral("try again in 1 second") : QStringLiteral("try again in %1 seconds").arg(seconds);
}

QString describeRefusal(const HttpAnswer &answer, const QString &what)
{
    if (answer.status == 429)
        return QStringLiteral("the server is limiting requests (%1): %2").arg(answer.serverError(), tryAgain(answer));
    if (answer.status >= 500)
        return QStringLiteral("the server failed on %1: %2").arg(what, answer.serverError());
    if (answer.status >= 300 && answer.status < 400) {
        const QByteArray location = answer.header("location");
        return QStringLiteral("the server answered %1 with a redirect (HTTP %2%3); give the address it redirects to")
            .arg(what)
            .arg(answer.status)
            .arg(location.isEmpty() ? QString() : QStringLiteral(" to ") + QString::fromUtf8(location));
    }
    if (answer.status == 404 && !sync::decodeErrorReply(answer.body))
        return QStringLiteral("the server does not know %1 (HTTP 404): is the URL that of a portfolio-server?").arg(what);
    return QStringLiteral("the server refused %1: %2").arg(what, answer.serverError());
}

QString signInAgain(const QString &server)
{
    return QStringLiteral("%1 no longer accepts this device's sign-in (it was signed out, expired or replaced): "
                          "sign in again")
        .arg(server);
}

} // namespace pt::syncnet::detail
