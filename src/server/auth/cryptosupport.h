#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

// Small cryptographic helpers the token and password code share (libsodium
// underneath). Internal to pt_serverauth.
namespace pt::server::crypto {

// libsodium initialised, once per process (thread-safe). False only if
// libsodium cannot find a source of randomness.
bool sodiumReady();

// `size` bytes from the operating system's cryptographic random source.
QByteArray randomBytes(qsizetype size);

// base64url without padding (RFC 7515 §2), as JWTs and refresh tokens use it.
QByteArray toBase64Url(const QByteArray &bytes);
// The bytes of strict base64url without padding: only [A-Za-z0-9_-], no '=',
// no length that cannot occur, no unused bits set (so every byte string has
// exactly one accepted text); nothing for anything else.
std::optional<QByteArray> fromBase64Url(QByteArrayView text);

// Whether two byte strings are equal, in time that depends only on their
// length (sodium_memcmp), for comparing secrets.
bool constantTimeEquals(const QByteArray &a, const QByteArray &b);

} // namespace pt::server::crypto
