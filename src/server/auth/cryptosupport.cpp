#include "auth/cryptosupport.h"

#include <sodium.h>

namespace pt::server::crypto {

namespace {

bool isBase64UrlCharacter(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

} // namespace

bool sodiumReady()
{
    // A function-local static is initialised exactly once, even when several
    // threads get here first together; sodium_init itself is idempotent.
    static const bool ready = sodium_init() >= 0;
    return ready;
}

QByteArray randomBytes(qsizetype size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    // randombytes_buf never fails; sodium_init only makes it pick its source
    // up front instead of on first use.
    (void)sodiumReady();
    randombytes_buf(bytes.data(), size_t(bytes.size()));
    return bytes;
}

QByteArray toBase64Url(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

std::optional<QByteArray> fromBase64Url(QByteArrayView text)
{
    // One leftover character carries 6 bits, not a byte: never valid.
    if (text.size() % 4 == 1)
        return std::nullopt;
    for (const char c : text) {
        if (!isBase64UrlCharacter(c))
            return std::nullopt;
    }
    const auto decoded = QByteArray::fromBase64Encoding(
        text.toByteArray(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    // Refuse texts whose unused trailing bits are set: they would decode to
    // the same bytes as the canonical text, giving a token two spellings.
    if (toBase64Url(decoded.decoded) != text)
        return std::nullopt;
    return decoded.decoded;
}

bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    if (a.isEmpty())
        return true;
    return sodium_memcmp(a.constData(), b.constData(), size_t(a.size())) == 0;
}

} // namespace pt::server::crypto
