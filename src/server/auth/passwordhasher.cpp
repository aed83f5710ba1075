#include "auth/passwordhasher.h"

#include "auth/cryptosupport.h"

#include <sodium.h>

#include <algorithm>

namespace pt::server {

namespace {

constexpr int MaximumPasswordLength = 1024;
// OWASP's floor for argon2id: 19 MiB of memory and 2 passes (libsodium's
// "interactive" opslimit is 2; we never go below it).
constexpr unsigned long long OpsLimit = std::max<unsigned long long>(2, crypto_pwhash_OPSLIMIT_INTERACTIVE);
constexpr size_t MemLimit = std::max<size_t>(19 * 1024 * 1024, crypto_pwhash_MEMLIMIT_MIN);
// Longer input than any password the policy lets in (1024 code points of up
// to 4 UTF-8 bytes): refused before hashing, so a login cannot make us hash
// megabytes.
constexpr qsizetype MaximumPasswordBytes = 4 * MaximumPasswordLength;

// The same text typed on two keyboards may arrive composed ("é") or
// decomposed ("e" + combining accent): hashed as NFC, both match.
QByteArray passwordBytes(const QString &password)
{
    return password.normalized(QString::NormalizationForm_C).toUtf8();
}

void wipe(QByteArray &bytes)
{
    if (!bytes.isEmpty())
        sodium_memzero(bytes.data(), size_t(bytes.size()));
}

} // namespace

Result<void> checkPasswordPolicy(const QString &password)
{
    if (!password.isValidUtf16())
        return Error { QStringLiteral("The password holds text that is not valid Unicode.") };
    // What a person counts as characters: code points of the NFC form, so a
    // surrogate pair (an emoji) or a composed accent is one.
    const QString normalized = password.normalized(QString::NormalizationForm_C);
    const qsizetype characters
        = std::count_if(normalized.cbegin(), normalized.cend(), [](QChar c) { return !c.isLowSurrogate(); });
    if (characters < MinimumPasswordLength)
        return Error { QStringLiteral("The password must be at least %1 characters long.").arg(MinimumPasswordLength) };
    if (characters > MaximumPasswordLength)
        return Error { QStringLiteral("The password must be at most %1 characters long.").arg(MaximumPasswordLength) };
    if (normalized.trimmed().isEmpty())
        return Error { QStringLiteral("The password cannot be only spaces.") };
    return {};
}

Result<QByteArray> hashPassword(const QString &password)
{
    if (!crypto::sodiumReady())
        return Error { QStringLiteral("libsodium could not be initialised") };
    QByteArray bytes = passwordBytes(password);
    if (bytes.size() > MaximumPasswordBytes) {
        wipe(bytes);
        return Error { QStringLiteral("The password is too long to hash.") };
    }
    char encoded[crypto_pwhash_STRBYTES] = {};
    const int failed = crypto_pwhash_str_alg(encoded, bytes.constData(), static_cast<unsigned long long>(bytes.size()),
                                             OpsLimit, MemLimit, crypto_pwhash_ALG_ARGON2ID13);
    wipe(bytes);
    if (failed != 0)
        return Error { QStringLiteral("Hashing the password failed: out of memory") };
    return QByteArray(encoded);
}

bool verifyPassword(const QString &password, const QByteArray &encodedHash)
{
    if (!crypto::sodiumReady() || encodedHash.isEmpty() || encodedHash.size() >= crypto_pwhash_STRBYTES)
        return false;
    QByteArray bytes = passwordBytes(password);
    if (bytes.size() > MaximumPasswordBytes) {
        wipe(bytes);
        return false;
    }
    // constData() is NUL-terminated, as crypto_pwhash_str_verify wants.
    const bool matches = crypto_pwhash_str_verify(encodedHash.constData(), bytes.constData(),
                                                  static_cast<unsigned long long>(bytes.size()))
        == 0;
    wipe(bytes);
    return matches;
}

const QByteArray &decoyPasswordHash()
{
    // Made on first use (a function-local static: once, thread-safe), of a
    // random password nobody knows, with the same parameters as real hashes.
    static const QByteArray decoy = [] {
        const auto hashed = hashPassword(QString::fromLatin1(crypto::toBase64Url(crypto::randomBytes(32))));
        return hashed ? *hashed : QByteArray();
    }();
    return decoy;
}

} // namespace pt::server
