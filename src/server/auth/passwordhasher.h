#pragma once

#include "result.h"

#include <QByteArray>
#include <QString>

namespace pt::server {

// Passwords: at least 12 characters (and at most 1024), hashed with argon2id
// through libsodium's crypto_pwhash_str at 19 MiB and 2 passes or more.
inline constexpr int MinimumPasswordLength = 12;

// Why a new password is not acceptable, or nothing.
Result<void> checkPasswordPolicy(const QString &password);

// The encoded hash (algorithm, parameters, salt and hash in one string).
// Fails only if libsodium cannot be initialised or memory runs out.
Result<QByteArray> hashPassword(const QString &password);

// Whether `password` matches `encodedHash`, in constant time.
bool verifyPassword(const QString &password, const QByteArray &encodedHash);

// A hash of a random password, compared against when the account does not
// exist, so a login for an unknown email costs as much as one for a known one.
const QByteArray &decoyPasswordHash();

} // namespace pt::server
