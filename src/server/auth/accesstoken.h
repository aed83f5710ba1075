#pragma once

#include "result.h"

#include <QByteArray>
#include <QString>

#include <cstdint>

namespace pt::server {

// How access tokens are made and checked. The algorithm is pinned to HS256
// with this key: a token's header `alg` is never consulted to choose one, and a
// token whose header says "none" (or anything but HS256) is refused.
struct TokenSettings
{
    QByteArray signingKey; // at least 32 random bytes, from the key file
    QString issuer = QStringLiteral("portfolio-server");
    QString audience = QStringLiteral("portfolio-tracker");
    std::int64_t accessLifetimeSeconds = 3600;
    std::int64_t refreshLifetimeSeconds = 30 * 24 * 3600;
};

// What a valid access token says.
struct AccessClaims
{
    std::int64_t accountId = 0; // "sub"
    std::int64_t sessionId = 0; // "sid": the login it belongs to
    std::int64_t issuedAt = 0;  // "iat", seconds
    std::int64_t expiresAt = 0; // "exp", seconds
};

// A JWT (RFC 7519) with typ "access", iss, aud, sub, sid, iat, exp and a random jti.
// Empty (a token nothing accepts) if the signing key is shorter than 32 bytes.
QByteArray issueAccessToken(const TokenSettings &settings, std::int64_t accountId, std::int64_t sessionId,
                            std::int64_t nowSeconds);

// Checks signature (constant time), header, and that exp, iat, iss, aud, typ
// ("access"), sub and sid are all present and right. The error says which check
// failed, for the server's log; clients only ever see a plain 401.
Result<AccessClaims> verifyAccessToken(const TokenSettings &settings, const QByteArray &token,
                                       std::int64_t nowSeconds);

} // namespace pt::server
