#include "syncnet/accountclient.h"

#include "sync/syncmessage.h"
#include "syncnet/answerreading.h"
#include "syncnet/synccredentials.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <utility>

namespace pt::syncnet {

using detail::describeRefusal;
using detail::jsonObject;
using detail::signInAgain;
using detail::tryAgain;

namespace {

QByteArray jsonBody(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QString errorCode(const HttpAnswer &answer)
{
    const auto error = sync::decodeErrorReply(answer.body);
    return error ? error->code : QString();
}

QString errorMessage(const HttpAnswer &answer)
{
    const auto error = sync::decodeErrorReply(answer.body);
    return error && !error->message.isEmpty() ? error->message : answer.serverError();
}

Result<QString> stringField(const QJsonObject &object, const char *name, const QString &what)
{
    const QJsonValue value = object.value(QLatin1StringView(name));
    if (!value.isString() || value.toString().isEmpty())
        return Error{QStringLiteral("the server's answer to %1 lacks \"%2\"").arg(what, QLatin1StringView(name))};
    return value.toString();
}

Result<std::int64_t> secondsField(const QJsonObject &object, const char *name, const QString &what)
{
    const QJsonValue value = object.value(QLatin1StringView(name));
    const double number = value.toDouble(-1);
    if (!value.isDouble() || number <= 0 || number > 1e9 || number != double(std::int64_t(number)))
        return Error{QStringLiteral("the server's answer to %1 lacks a number of seconds in \"%2\"")
                         .arg(what, QLatin1StringView(name))};
    return std::int64_t(number);
}

Result<TokenPair> tokenPair(const HttpAnswer &answer, const QString &what)
{
    const auto object = jsonObject(answer, what);
    if (!object)
        return Error{object.error()};
    auto access = stringField(*object, "accessToken", what);
    if (!access)
        return Error{access.error()};
    auto refresh = stringField(*object, "refreshToken", what);
    if (!refresh)
        return Error{refresh.error()};
    const auto expires = secondsField(*object, "expiresIn", what);
    if (!expires)
        return Error{expires.error()};
    const auto refreshExpires = secondsField(*object, "refreshExpiresIn", what);
    if (!refreshExpires)
        return Error{refreshExpires.error()};
    return TokenPair{std::move(access).value(), std::move(refresh).value(), *expires, *refreshExpires};
}

// A 401 about the token; a wrong current password (a password change) is
// also a 401, but "invalid_credentials", and says nothing about the token.
bool isTokenRefusal(const HttpAnswer &answer)
{
    return answer.status == 401 && errorCode(answer) != u"invalid_credentials";
}

} // namespace

AccountClient::AccountClient(QUrl server, QString caFile) : m_connection(std::move(server), std::move(caFile)) {}

AccountClient::~AccountClient() = default;

Result<QString> AccountClient::registerAccount(const QString &email, const QString &password)
{
    const QString what = QStringLiteral("the registration");
    auto answer = m_connection.send("POST", QStringLiteral("/v1/accounts"),
                                    jsonBody({{QStringLiteral("email"), email}, {QStringLiteral("password"), password}}));
    if (!answer)
        return Error{answer.error()};
    const QString code = errorCode(*answer);
    if (answer->status == 400 && code == u"weak_password")
        return Error{QStringLiteral("the server refused the password: %1").arg(errorMessage(*answer))};
    if (answer->status == 400 && code == u"invalid_email")
        return Error{QStringLiteral("the server refused the email address %1: %2").arg(email, errorMessage(*answer))};
    if (answer->status == 409)
        return Error{QStringLiteral("%1 already has an account for %2: sign in instead").arg(server().toString(), email)};
    if (answer->status != 201 && answer->status != 200)
        return Error{describeRefusal(*answer, what)};
    const auto object = jsonObject(*answer, what);
    if (!object)
        return Error{object.error()};
    const QJsonValue id = object->value(QLatin1StringView("accountId"));
    if (id.isString() && !id.toString().isEmpty())
        return id.toString();
    if (id.isDouble())
        return QString::number(qint64(id.toDouble()));
    return Error{QStringLiteral("the server's answer to %1 lacks \"accountId\"").arg(what)};
}

Result<TokenPair> AccountClient::login(const QString &email, const QString &password, const QString &deviceName)
{
    const QString what = QStringLiteral("the sign-in");
    auto answer = m_connection.send("POST", QStringLiteral("/v1/auth/login"),
                                    jsonBody({{QStringLiteral("email"), email},
                                              {QStringLiteral("password"), password},
                                              {QStringLiteral("deviceName"), deviceName}}));
    if (!answer)
        return Error{answer.error()};
    if (answer->status == 401)
        return Error{QStringLiteral("%1 refused the sign-in: wrong email or password").arg(server().toString())};
    if (answer->status == 429)
        return Error{QStringLiteral("%1 refused the sign-in: too many attempts, %2")
                         .arg(server().toString(), tryAgain(*answer))};
    if (answer->status != 200)
        return Error{describeRefusal(*answer, what)};
    return tokenPair(*answer, what);
}

Result<TokenPair> AccountClient::refresh(const QString &refreshToken)
{
    const QString what = QStringLiteral("the token refresh");
    auto answer = m_connection.send("POST", QStringLiteral("/v1/auth/refresh"),
                                    jsonBody({{QStringLiteral("refreshToken"), refreshToken}}));
    if (!answer)
        return Error{answer.error()};
    if (answer->status == 401)
        return Error{signInAgain(server().toString())};
    if (answer->status != 200)
        return Error{describeRefusal(*answer, what)};
    return tokenPair(*answer, what);
}

Result<QString> AccountClient::renewAccessToken(SyncCredentials &credentials)
{
    credentials.clearAccessToken();
    const auto stored = credentials.refreshToken();
    if (!stored)
        return Error{stored.error()};
    if (!stored->has_value())
        return Error{QStringLiteral("not signed in to %1 on this device: sign in again").arg(credentials.account().toString())};
    auto pair = refresh(**stored);
    if (!pair)
        return Error{pair.error()};
    // The old token is spent now: the new one goes to the keychain before
    // anything else can fail.
    if (auto kept = credentials.storeRefreshToken(pair->refreshToken); !kept)
        return Error{QStringLiteral("%1; the server's renewed sign-in is lost with it: sign in again").arg(kept.error())};
    credentials.setAccessToken(pair->accessToken, std::chrono::seconds(pair->expiresIn));
    return pair->accessToken;
}

Result<HttpAnswer> AccountClient::sendAuthorized(SyncCredentials &credentials, const QByteArray &method,
                                                 const QString &pathAndQuery, const QByteArray &body)
{
    QString token = credentials.accessToken();
    bool renewed = false;
    if (token.isEmpty()) {
        auto fresh = renewAccessToken(credentials);
        if (!fresh)
            return Error{fresh.error()};
        token = std::move(fresh).value();
        renewed = true;
    }
    auto answer = m_connection.send(method, pathAndQuery, body, token);
    if (answer && isTokenRefusal(*answer) && !renewed) {
        // Expired early, or revoked: one refresh, one retry.
        auto fresh = renewAccessToken(credentials);
        if (!fresh)
            return Error{fresh.error()};
        answer = m_connection.send(method, pathAndQuery, body, *fresh);
    }
    if (answer && isTokenRefusal(*answer)) {
        credentials.clearAccessToken();
        return Error{signInAgain(server().toString())};
    }
    return answer;
}

Result<void> AccountClient::logout(SyncCredentials &credentials)
{
    auto answer = sendAuthorized(credentials, "POST", QStringLiteral("/v1/auth/logout"));
    if (!answer)
        return Error{answer.error()};
    if (answer->status / 100 != 2)
        return Error{describeRefusal(*answer, QStringLiteral("the sign-out"))};
    credentials.clearAccessToken();
    return {};
}

Result<void> AccountClient::logoutEverywhere(SyncCredentials &credentials)
{
    auto answer = sendAuthorized(credentials, "POST", QStringLiteral("/v1/auth/logout-all"));
    if (!answer)
        return Error{answer.error()};
    if (answer->status / 100 != 2)
        return Error{describeRefusal(*answer, QStringLiteral("the sign-out everywhere"))};
    credentials.clearAccessToken();
    return {};
}

Result<void> AccountClient::changePassword(SyncCredentials &credentials, const QString &currentPassword,
                                           const QString &newPassword)
{
    const QString what = QStringLiteral("the password change");
    auto answer = sendAuthorized(credentials, "POST", QStringLiteral("/v1/account/password"),
                                 jsonBody({{QStringLiteral("currentPassword"), currentPassword},
                                           {QStringLiteral("newPassword"), newPassword}}));
    if (!answer)
        return Error{answer.error()};
    const QString code = errorCode(*answer);
    if (answer->status == 400 && code == u"weak_password")
        return Error{QStringLiteral("the server refused the new password: %1").arg(errorMessage(*answer))};
    if (code == u"invalid_credentials")
        return Error{QStringLiteral("the server refused the change: the current password is wrong")};
    if (answer->status != 200)
        return Error{describeRefusal(*answer, what)};
    auto pair = tokenPair(*answer, what);
    if (!pair)
        return Error{pair.error()};
    if (auto kept = credentials.storeRefreshToken(pair->refreshToken); !kept)
        return Error{QStringLiteral("the password was changed, but %1: sign in again with the new password")
                         .arg(kept.error())};
    credentials.setAccessToken(pair->accessToken, std::chrono::seconds(pair->expiresIn));
    return {};
}

Result<std::vector<SessionInfo>> AccountClient::sessions(SyncCredentials &credentials)
{
    const QString what = QStringLiteral("the list of sessions");
    auto answer = sendAuthorized(credentials, "GET", QStringLiteral("/v1/sessions"));
    if (!answer)
        return Error{answer.error()};
    if (answer->status != 200)
        return Error{describeRefusal(*answer, what)};
    const auto object = jsonObject(*answer, what);
    if (!object)
        return Error{object.error()};
    const QJsonValue list = object->value(QLatin1StringView("sessions"));
    if (!list.isArray())
        return Error{QStringLiteral("the server's answer to %1 lacks \"sessions\"").arg(what)};
    std::vector<SessionInfo> sessions;
    for (const QJsonValue &entry : list.toArray()) {
        const QJsonObject session = entry.toObject();
        const QJsonValue id = session.value(QLatin1StringView("id"));
        if (!entry.isObject() || (!id.isString() && !id.isDouble()))
            return Error{QStringLiteral("the server's answer to %1 has a session without an id").arg(what)};
        sessions.push_back({id.isString() ? id.toString() : QString::number(qint64(id.toDouble())),
                            session.value(QLatin1StringView("deviceName")).toString(),
                            session.value(QLatin1StringView("createdAt")).toVariant().toString(),
                            session.value(QLatin1StringView("lastUsedAt")).toVariant().toString(),
                            session.value(QLatin1StringView("current")).toBool()});
    }
    return sessions;
}

Result<void> AccountClient::endSession(SyncCredentials &credentials, const QString &sessionId)
{
    auto answer = sendAuthorized(credentials, "DELETE",
                                 QStringLiteral("/v1/sessions/") + QString::fromLatin1(QUrl::toPercentEncoding(sessionId)));
    if (!answer)
        return Error{answer.error()};
    if (answer->status == 404)
        return Error{QStringLiteral("this account has no session %1").arg(sessionId)};
    if (answer->status / 100 != 2)
        return Error{describeRefusal(*answer, QStringLiteral("ending the session"))};
    return {};
}

} // namespace pt::syncnet
