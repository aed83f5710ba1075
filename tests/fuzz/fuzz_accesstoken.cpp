// libFuzzer target: access-token verification (pt_serverauth) on arbitrary
// bytes. Two ways in, on every input:
//  - the bytes as a token, as a client would send it (parts, base64url,
//    header, signature);
//  - the bytes as "header JSON\npayload JSON", encoded and signed with the
//    fuzzer's key, so the claim checks behind the signature are reached too
//    (a fuzzer never guesses an HMAC).
// Neither may crash, and whatever is accepted must satisfy the promised checks.

#include "auth/accesstoken.h"

#include <QMessageAuthenticationCode>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

namespace {

// Fixed, so the seed tokens in tests/data/sync/tokens verify (or not) the same
// way every run; the seeds are signed with this key.
const std::int64_t Now = 1'700'000'000;

const pt::server::TokenSettings &settings()
{
    static const pt::server::TokenSettings fixed = [] {
        pt::server::TokenSettings s;
        s.signingKey = QByteArray("fuzz_accesstoken signing key, 32+ bytes");
        return s;
    }();
    return fixed;
}

QByteArray b64(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

void checkAccepted(const pt::Result<pt::server::AccessClaims> &claims)
{
    if (!claims)
        return;
    // Anything accepted has passed every check the header promises.
    if (claims->accountId <= 0 || claims->sessionId <= 0 || claims->expiresAt <= Now
        || claims->issuedAt >= claims->expiresAt || claims->issuedAt > Now + 60)
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    checkAccepted(pt::server::verifyAccessToken(settings(), input, Now));

    const qsizetype newline = input.indexOf('\n');
    if (newline >= 0) {
        const QByteArray signingInput = b64(input.left(newline)) + '.' + b64(input.mid(newline + 1));
        const QByteArray signature
            = QMessageAuthenticationCode::hash(signingInput, settings().signingKey, QCryptographicHash::Sha256);
        checkAccepted(pt::server::verifyAccessToken(settings(), signingInput + '.' + b64(signature), Now));
    }
    return 0;
}
