#include "auth/accesstoken.h"

#include "auth/cryptosupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QMessageAuthenticationCode>

#include <algorithm>

namespace pt::server {

namespace {

// Longer than any token this server issues (about 330 bytes) by far; a bound
// so a hostile header costs nothing to refuse.
constexpr qsizetype MaxTokenLength = 4096;
// Below this a key is guessable offline from any token.
constexpr qsizetype MinimumKeyLength = 32;
// Clocks of the machines involved may disagree a little; a token "issued"
// further ahead than this was not issued by us.
constexpr std::int64_t AllowedIssuedAtSkewSeconds = 60;
constexpr qsizetype HmacSha256Length = 32;

Error refused(const QString &why)
{
    return Error { QStringLiteral("access token refused: ") + why };
}

QByteArray sign(const TokenSettings &settings, const QByteArray &signingInput)
{
    return QMessageAuthenticationCode::hash(signingInput, settings.signingKey, QCryptographicHash::Sha256);
}

// A JSON object from one base64url part of the token.
std::optional<QJsonObject> decodeObject(const QByteArray &part)
{
    const auto bytes = crypto::fromBase64Url(part);
    if (!bytes)
        return std::nullopt;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(*bytes, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

// A claim that must be a whole number of at least `minimum` (JSON numbers
// are doubles: 1.5, 1e300 and "1" are all refused).
std::optional<std::int64_t> wholeNumber(const QJsonObject &payload, QLatin1StringView name, std::int64_t minimum)
{
    const QJsonValue value = payload.value(name);
    if (!value.isDouble())
        return std::nullopt;
    const qint64 number = value.toInteger(minimum - 1);
    if (number < minimum || double(number) != value.toDouble())
        return std::nullopt;
    return number;
}

// "sub": the account id as decimal digits, nothing else.
std::optional<std::int64_t> accountIdFrom(const QJsonObject &payload)
{
    const QJsonValue value = payload.value(QLatin1StringView("sub"));
    if (!value.isString())
        return std::nullopt;
    const QString text = value.toString();
    if (text.isEmpty() || text.size() > 18)
        return std::nullopt;
    for (const QChar c : text) {
        if (c < u'0' || c > u'9')
            return std::nullopt;
    }
    bool ok = false;
    const qlonglong id = text.toLongLong(&ok);
    if (!ok || id <= 0)
        return std::nullopt;
    return id;
}

// "aud": our audience, or a list of audiences that includes ours (RFC 7519 §4.1.3).
bool audienceMatches(const QJsonValue &audience, const QString &ours)
{
    if (audience.isString())
        return audience.toString() == ours;
    if (!audience.isArray())
        return false;
    const QJsonArray list = audience.toArray();
    return std::any_of(list.begin(), list.end(),
                       [&](const QJsonValue &entry) { return entry.isString() && entry.toString() == ours; });
}

} // namespace

QByteArray issueAccessToken(const TokenSettings &settings, std::int64_t accountId, std::int64_t sessionId,
                            std::int64_t nowSeconds)
{
    if (settings.signingKey.size() < MinimumKeyLength)
        return {}; // verifyAccessToken refuses an empty token; the server checks its key at start-up
    const QJsonObject header { { QStringLiteral("alg"), QStringLiteral("HS256") },
                               { QStringLiteral("typ"), QStringLiteral("JWT") } };
    const QJsonObject payload {
        { QStringLiteral("typ"), QStringLiteral("access") },
        { QStringLiteral("iss"), settings.issuer },
        { QStringLiteral("aud"), settings.audience },
        { QStringLiteral("sub"), QString::number(accountId) },
        { QStringLiteral("sid"), qint64(sessionId) },
        { QStringLiteral("iat"), qint64(nowSeconds) },
        { QStringLiteral("exp"), qint64(nowSeconds + settings.accessLifetimeSeconds) },
        { QStringLiteral("jti"), QString::fromLatin1(crypto::toBase64Url(crypto::randomBytes(16))) },
    };
    const QByteArray signingInput = crypto::toBase64Url(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.'
        + crypto::toBase64Url(QJsonDocument(payload).toJson(QJsonDocument::Compact));
    return signingInput + '.' + crypto::toBase64Url(sign(settings, signingInput));
}

Result<AccessClaims> verifyAccessToken(const TokenSettings &settings, const QByteArray &token, std::int64_t nowSeconds)
{
    if (settings.signingKey.size() < MinimumKeyLength)
        return refused(QStringLiteral("the server's signing key is shorter than %1 bytes").arg(MinimumKeyLength));
    if (token.isEmpty())
        return refused(QStringLiteral("no token"));
    if (token.size() > MaxTokenLength)
        return refused(QStringLiteral("longer than %1 bytes").arg(MaxTokenLength));

    const QList<QByteArray> parts = token.split('.');
    if (parts.size() != 3)
        return refused(QStringLiteral("%1 parts instead of 3").arg(parts.size()));
    if (parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty())
        return refused(QStringLiteral("an empty part (an unsigned token?)"));

    // The header is read only to refuse what we would not have written: the
    // algorithm and key are ours, whatever the header asks for.
    const auto header = decodeObject(parts[0]);
    if (!header)
        return refused(QStringLiteral("the header is not base64url JSON object"));
    if (header->value(QLatin1StringView("alg")) != QJsonValue(QStringLiteral("HS256")))
        return refused(QStringLiteral("the header's alg is not HS256"));
    if (const QJsonValue typ = header->value(QLatin1StringView("typ"));
        !typ.isUndefined() && typ != QJsonValue(QStringLiteral("JWT")))
        return refused(QStringLiteral("the header's typ is not JWT"));

    const auto signature = crypto::fromBase64Url(parts[2]);
    if (!signature || signature->size() != HmacSha256Length)
        return refused(QStringLiteral("the signature is not 32 bytes of base64url"));
    const QByteArray signingInput = token.left(parts[0].size() + 1 + parts[1].size());
    if (!crypto::constantTimeEquals(sign(settings, signingInput), *signature))
        return refused(QStringLiteral("the signature does not match"));

    const auto payload = decodeObject(parts[1]);
    if (!payload)
        return refused(QStringLiteral("the payload is not base64url JSON object"));

    AccessClaims claims;
    const auto expiresAt = wholeNumber(*payload, QLatin1StringView("exp"), 1);
    if (!expiresAt)
        return refused(QStringLiteral("exp missing or not a whole number"));
    const auto issuedAt = wholeNumber(*payload, QLatin1StringView("iat"), 0);
    if (!issuedAt)
        return refused(QStringLiteral("iat missing or not a whole number"));
    if (payload->value(QLatin1StringView("typ")) != QJsonValue(QStringLiteral("access")))
        return refused(QStringLiteral("typ is not \"access\""));
    if (payload->value(QLatin1StringView("iss")) != QJsonValue(settings.issuer))
        return refused(QStringLiteral("iss missing or not this server"));
    if (!audienceMatches(payload->value(QLatin1StringView("aud")), settings.audience))
        return refused(QStringLiteral("aud missing or not this audience"));
    const auto accountId = accountIdFrom(*payload);
    if (!accountId)
        return refused(QStringLiteral("sub missing or not an account id"));
    const auto sessionId = wholeNumber(*payload, QLatin1StringView("sid"), 1);
    if (!sessionId)
        return refused(QStringLiteral("sid missing or not a session id"));

    if (*expiresAt <= nowSeconds)
        return refused(QStringLiteral("expired %1 s ago").arg(nowSeconds - *expiresAt));
    if (*issuedAt > nowSeconds + AllowedIssuedAtSkewSeconds)
        return refused(QStringLiteral("iat is %1 s in the future").arg(*issuedAt - nowSeconds));
    if (*issuedAt >= *expiresAt)
        return refused(QStringLiteral("iat is not before exp"));

    claims.accountId = *accountId;
    claims.sessionId = *sessionId;
    claims.issuedAt = *issuedAt;
    claims.expiresAt = *expiresAt;
    return claims;
}

} // namespace pt::server
