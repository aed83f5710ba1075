// Access tokens (JWT, HS256 pinned): what verifyAccessToken accepts and, for
// each way a token can be wrong, that it is refused for that reason.
#include "auth/accesstoken.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QTest>

using namespace pt;
using namespace pt::server;

namespace {

const std::int64_t Now = 1'700'000'000;

TokenSettings settings()
{
    TokenSettings s;
    s.signingKey = QByteArray("0123456789abcdef0123456789abcdef-test-key");
    return s;
}

QByteArray b64(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray hs256(const QByteArray &input, const QByteArray &key)
{
    return QMessageAuthenticationCode::hash(input, key, QCryptographicHash::Sha256);
}

// A token made by hand from raw header and payload bytes, signed with HS256
// under `key` (the server's unless told otherwise).
QByteArray token(const QByteArray &header, const QByteArray &payload, const QByteArray &key = settings().signingKey)
{
    const QByteArray input = b64(header) + '.' + b64(payload);
    return input + '.' + b64(hs256(input, key));
}

QByteArray headerJson(const QString &alg = QStringLiteral("HS256"))
{
    return json({ { QStringLiteral("alg"), alg }, { QStringLiteral("typ"), QStringLiteral("JWT") } });
}

// The claims a good token of account 7, session 3 carries at Now.
QJsonObject goodClaims()
{
    return { { QStringLiteral("typ"), QStringLiteral("access") },
             { QStringLiteral("iss"), QStringLiteral("portfolio-server") },
             { QStringLiteral("aud"), QStringLiteral("portfolio-tracker") },
             { QStringLiteral("sub"), QStringLiteral("7") },
             { QStringLiteral("sid"), 3 },
             { QStringLiteral("iat"), qint64(Now - 10) },
             { QStringLiteral("exp"), qint64(Now + 3590) },
             { QStringLiteral("jti"), QStringLiteral("abc") } };
}

QJsonObject without(QJsonObject claims, const QString &name)
{
    claims.remove(name);
    return claims;
}

QJsonObject with(QJsonObject claims, const QString &name, const QJsonValue &value)
{
    claims.insert(name, value);
    return claims;
}

QByteArray signedClaims(const QJsonObject &claims)
{
    return token(headerJson(), json(claims));
}

} // namespace

class TestAccessToken : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip()
    {
        const QByteArray issued = issueAccessToken(settings(), 42, 9, Now);
        const auto claims = verifyAccessToken(settings(), issued, Now + 1);
        QVERIFY2(claims, qPrintable(claims.ok() ? QString() : claims.error()));
        QCOMPARE(claims->accountId, 42);
        QCOMPARE(claims->sessionId, 9);
        QCOMPARE(claims->issuedAt, Now);
        QCOMPARE(claims->expiresAt, Now + 3600);

        // What is inside: the pinned header and every required claim.
        const QList<QByteArray> parts = issued.split('.');
        QCOMPARE(parts.size(), 3);
        const QJsonObject header
            = QJsonDocument::fromJson(QByteArray::fromBase64(parts[0], QByteArray::Base64UrlEncoding)).object();
        QCOMPARE(header.value(u"alg").toString(), QStringLiteral("HS256"));
        QCOMPARE(header.value(u"typ").toString(), QStringLiteral("JWT"));
        const QJsonObject payload
            = QJsonDocument::fromJson(QByteArray::fromBase64(parts[1], QByteArray::Base64UrlEncoding)).object();
        QCOMPARE(payload.value(u"typ").toString(), QStringLiteral("access"));
        QCOMPARE(payload.value(u"iss").toString(), QStringLiteral("portfolio-server"));
        QCOMPARE(payload.value(u"aud").toString(), QStringLiteral("portfolio-tracker"));
        QCOMPARE(payload.value(u"sub").toString(), QStringLiteral("42"));
        QCOMPARE(payload.value(u"sid").toInteger(), 9);
        // 128 random bits, base64url: 22 characters, different in every token.
        QCOMPARE(payload.value(u"jti").toString().size(), 22);
        const QByteArray again = issueAccessToken(settings(), 42, 9, Now);
        QVERIFY(again != issued);
        QVERIFY(!issued.contains('='));
    }

    void acceptsAudienceList()
    {
        const QJsonArray audiences { QStringLiteral("other"), QStringLiteral("portfolio-tracker") };
        const auto claims
            = verifyAccessToken(settings(), signedClaims(with(goodClaims(), QStringLiteral("aud"), audiences)), Now);
        QVERIFY2(claims, qPrintable(claims.ok() ? QString() : claims.error()));
        QCOMPARE(claims->accountId, 7);
        QCOMPARE(claims->sessionId, 3);
    }

    void lifetimeBoundaries()
    {
        const QByteArray issued = issueAccessToken(settings(), 1, 1, Now);
        QVERIFY(verifyAccessToken(settings(), issued, Now + 3599));
        QVERIFY(!verifyAccessToken(settings(), issued, Now + 3600)); // exp is exclusive
        // A token dated a little ahead (clock skew) passes; far ahead does not.
        QVERIFY(verifyAccessToken(settings(), issued, Now - 60));
        QVERIFY(!verifyAccessToken(settings(), issued, Now - 61));
    }

    void refused_data()
    {
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<QString>("reason");

        const QJsonObject good = goodClaims();
        const QByteArray goodToken = signedClaims(good);
        const QList<QByteArray> goodParts = goodToken.split('.');

        QTest::newRow("expired") << signedClaims(
            with(with(good, QStringLiteral("exp"), qint64(Now - 1)), QStringLiteral("iat"), qint64(Now - 3601)))
                                 << QStringLiteral("expired");
        QTest::newRow("exp missing") << signedClaims(without(good, QStringLiteral("exp")))
                                     << QStringLiteral("exp missing");
        QTest::newRow("exp as text") << signedClaims(with(good, QStringLiteral("exp"), QString::number(Now + 100)))
                                     << QStringLiteral("exp missing");
        QTest::newRow("exp fractional") << signedClaims(with(good, QStringLiteral("exp"), double(Now) + 100.5))
                                        << QStringLiteral("exp missing");
        QTest::newRow("iat missing") << signedClaims(without(good, QStringLiteral("iat")))
                                     << QStringLiteral("iat missing");
        QTest::newRow("iat in the future")
            << signedClaims(with(good, QStringLiteral("iat"), qint64(Now + 120))) << QStringLiteral("in the future");
        QTest::newRow("iat after exp") << signedClaims(
            with(with(good, QStringLiteral("iat"), qint64(Now + 30)), QStringLiteral("exp"), qint64(Now + 20)))
                                       << QStringLiteral("iat is not before exp");
        QTest::newRow("iss wrong") << signedClaims(with(good, QStringLiteral("iss"), QStringLiteral("evil-server")))
                                   << QStringLiteral("iss");
        QTest::newRow("iss missing") << signedClaims(without(good, QStringLiteral("iss"))) << QStringLiteral("iss");
        QTest::newRow("aud wrong") << signedClaims(with(good, QStringLiteral("aud"), QStringLiteral("other-app")))
                                   << QStringLiteral("aud");
        QTest::newRow("aud list without ours")
            << signedClaims(with(good, QStringLiteral("aud"), QJsonArray { QStringLiteral("other-app") }))
            << QStringLiteral("aud");
        QTest::newRow("aud missing") << signedClaims(without(good, QStringLiteral("aud"))) << QStringLiteral("aud");
        QTest::newRow("typ refresh") << signedClaims(with(good, QStringLiteral("typ"), QStringLiteral("refresh")))
                                     << QStringLiteral("typ is not \"access\"");
        QTest::newRow("typ missing") << signedClaims(without(good, QStringLiteral("typ")))
                                     << QStringLiteral("typ is not \"access\"");
        QTest::newRow("sub missing") << signedClaims(without(good, QStringLiteral("sub"))) << QStringLiteral("sub");
        QTest::newRow("sub not numeric") << signedClaims(with(good, QStringLiteral("sub"), QStringLiteral("admin")))
                                         << QStringLiteral("sub");
        QTest::newRow("sub negative") << signedClaims(with(good, QStringLiteral("sub"), QStringLiteral("-7")))
                                      << QStringLiteral("sub");
        QTest::newRow("sub zero") << signedClaims(with(good, QStringLiteral("sub"), QStringLiteral("0")))
                                  << QStringLiteral("sub");
        QTest::newRow("sub with space") << signedClaims(with(good, QStringLiteral("sub"), QStringLiteral(" 7")))
                                        << QStringLiteral("sub");
        QTest::newRow("sub as number") << signedClaims(with(good, QStringLiteral("sub"), 7)) << QStringLiteral("sub");
        QTest::newRow("sid missing") << signedClaims(without(good, QStringLiteral("sid"))) << QStringLiteral("sid");
        QTest::newRow("sid zero") << signedClaims(with(good, QStringLiteral("sid"), 0)) << QStringLiteral("sid");

        // The claims changed after signing, the old signature kept.
        const QByteArray otherAccount = b64(json(with(good, QStringLiteral("sub"), QStringLiteral("8"))));
        QTest::newRow("tampered payload")
            << goodParts[0] + '.' + otherAccount + '.' + goodParts[2] << QStringLiteral("signature does not match");
        QByteArray flipped = goodParts[2];
        flipped[0] = flipped[0] == 'A' ? 'B' : 'A';
        QTest::newRow("tampered signature")
            << goodParts[0] + '.' + goodParts[1] + '.' + flipped << QStringLiteral("signature does not match");
        QTest::newRow("signed with another key")
            << token(headerJson(), json(good), QByteArray("another key, another key, another key!"))
            << QStringLiteral("signature does not match");
        QTest::newRow("signature truncated") << goodParts[0] + '.' + goodParts[1] + '.' + goodParts[2].left(20)
                                             << QStringLiteral("signature is not 32 bytes");

        // The algorithm is pinned: whatever the header claims, even with a
        // signature that HS256 under our key would accept.
        QTest::newRow("alg none, empty signature")
            << b64(headerJson(QStringLiteral("none"))) + '.' + goodParts[1] + '.' << QStringLiteral("empty part");
        QTest::newRow("alg none, valid signature")
            << token(headerJson(QStringLiteral("none")), json(good)) << QStringLiteral("alg is not HS256");
        QTest::newRow("alg None") << token(headerJson(QStringLiteral("None")), json(good))
                                  << QStringLiteral("alg is not HS256");
        QTest::newRow("alg HS512") << token(headerJson(QStringLiteral("HS512")), json(good))
                                   << QStringLiteral("alg is not HS256");
        QTest::newRow("alg RS256") << token(headerJson(QStringLiteral("RS256")), json(good))
                                   << QStringLiteral("alg is not HS256");
        QTest::newRow("alg missing") << token(json({ { QStringLiteral("typ"), QStringLiteral("JWT") } }), json(good))
                                     << QStringLiteral("alg is not HS256");
        QTest::newRow("typ not JWT") << token(json({ { QStringLiteral("alg"), QStringLiteral("HS256") },
                                                     { QStringLiteral("typ"), QStringLiteral("JWE") } }),
                                              json(good))
                                     << QStringLiteral("typ is not JWT");
        QTest::newRow("header not JSON") << token("alg=HS256", json(good)) << QStringLiteral("header");
        QTest::newRow("header a JSON array") << token("[\"HS256\"]", json(good)) << QStringLiteral("header");
        QTest::newRow("payload not JSON") << token(headerJson(), "sub=7") << QStringLiteral("payload");

        QTest::newRow("2 parts") << goodParts[0] + '.' + goodParts[1] << QStringLiteral("2 parts");
        QTest::newRow("4 parts") << goodToken + '.' + goodParts[2] << QStringLiteral("4 parts");
        QTest::newRow("1 part") << QByteArray("eyJhbGciOiJIUzI1NiJ9") << QStringLiteral("1 parts");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("no token");

        // Signed correctly over text that is not base64url.
        {
            const QByteArray input = b64(headerJson()) + '.' + "eyJzdWIiOiI3In0+/==";
            QTest::newRow("payload bad base64")
                << input + '.' + b64(hs256(input, settings().signingKey)) << QStringLiteral("payload is not base64url");
        }
        QTest::newRow("header bad base64")
            << QByteArray("eyJhbGc*") + '.' + goodParts[1] + '.' + goodParts[2] << QStringLiteral("header");
        QTest::newRow("signature with padding") << goodToken + '=' << QStringLiteral("signature is not 32 bytes");
        // Base64 whose unused bits are set decodes to the same bytes: refused,
        // so a token has one spelling.
        {
            QByteArray sloppy = goodParts[2];
            const char last = sloppy.back(); // 32 bytes: 43 characters, the last carries 2 unused bits
            const QByteArray alphabet("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
            sloppy.back() = alphabet.at(alphabet.indexOf(last) | 1);
            QTest::newRow("signature non-canonical base64")
                << goodParts[0] + '.' + goodParts[1] + '.' + sloppy << QStringLiteral("signature is not 32 bytes");
        }
        QTest::newRow("oversize") << signedClaims(with(good, QStringLiteral("pad"), QString(5000, u'x')))
                                  << QStringLiteral("longer than 4096 bytes");
    }

    void refused()
    {
        QFETCH(QByteArray, token);
        QFETCH(QString, reason);
        const auto claims = verifyAccessToken(settings(), token, Now);
        QVERIFY2(!claims, "the token was accepted");
        QVERIFY2(claims.error().contains(reason), qPrintable(claims.error()));
        // The reason is for the log: it never repeats the token.
        if (token.size() > 8)
            QVERIFY(!claims.error().contains(QString::fromLatin1(token)));
    }

    void goodHandMadeTokenAccepted()
    {
        // The control for refused(): the same construction, unaltered, passes.
        const auto claims = verifyAccessToken(settings(), signedClaims(goodClaims()), Now);
        QVERIFY2(claims, qPrintable(claims.ok() ? QString() : claims.error()));
    }

    void shortKeyRefused()
    {
        TokenSettings weak = settings();
        weak.signingKey = "short";
        QVERIFY(issueAccessToken(weak, 1, 1, Now).isEmpty());
        const auto claims = verifyAccessToken(weak, token(headerJson(), json(goodClaims()), "short"), Now);
        QVERIFY(!claims);
        QVERIFY2(claims.error().contains(u"signing key"), qPrintable(claims.error()));
    }

    // The fuzzer's seed tokens (tests/data/sync/tokens, signed with its key at
    // its fixed "now") are what their names say, so the fuzzer starts from
    // both sides of every check.
    void fuzzSeedsAreWhatTheySay_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("reason"); // empty: accepted
        QTest::newRow("good") << QStringLiteral("good.jwt") << QString();
        QTest::newRow("audience list") << QStringLiteral("audience-list.jwt") << QString();
        QTest::newRow("alg none, empty") << QStringLiteral("alg-none-empty-signature.jwt")
                                         << QStringLiteral("empty part");
        QTest::newRow("alg none, signed")
            << QStringLiteral("alg-none-signed.jwt") << QStringLiteral("alg is not HS256");
        QTest::newRow("HS512") << QStringLiteral("alg-hs512.jwt") << QStringLiteral("alg is not HS256");
        QTest::newRow("expired") << QStringLiteral("expired.jwt") << QStringLiteral("expired");
        QTest::newRow("refresh typed") << QStringLiteral("refresh-typed.jwt") << QStringLiteral("typ is not");
        QTest::newRow("other key") << QStringLiteral("other-key.jwt") << QStringLiteral("signature does not match");
        QTest::newRow("truncated") << QStringLiteral("truncated.jwt") << QStringLiteral("signature");
        QTest::newRow("two parts") << QStringLiteral("two-parts.jwt") << QStringLiteral("2 parts");
        QTest::newRow("four parts") << QStringLiteral("four-parts.jwt") << QStringLiteral("4 parts");
    }

    void fuzzSeedsAreWhatTheySay()
    {
        QFETCH(QString, file);
        QFETCH(QString, reason);
        QFile seed(qEnvironmentVariable("PT_SOURCE_DIR") + QStringLiteral("/tests/data/sync/tokens/") + file);
        QVERIFY2(seed.open(QIODevice::ReadOnly), qPrintable(seed.fileName()));
        TokenSettings fuzzing;
        fuzzing.signingKey = QByteArray("fuzz_accesstoken signing key, 32+ bytes"); // as in fuzz_accesstoken.cpp
        const auto claims = verifyAccessToken(fuzzing, seed.readAll(), Now);
        if (reason.isEmpty()) {
            QVERIFY2(claims, qPrintable(claims.ok() ? QString() : claims.error()));
        } else {
            QVERIFY(!claims);
            QVERIFY2(claims.error().contains(reason), qPrintable(claims.error()));
        }
    }

    void otherIssuerAndAudienceSettings()
    {
        TokenSettings mine = settings();
        mine.issuer = QStringLiteral("https://sync.example.org");
        mine.audience = QStringLiteral("my-tracker");
        const QByteArray issued = issueAccessToken(mine, 5, 6, Now);
        QVERIFY(verifyAccessToken(mine, issued, Now));
        // Same key, but a server with the default issuer/audience refuses it.
        const auto elsewhere = verifyAccessToken(settings(), issued, Now);
        QVERIFY(!elsewhere);
        QVERIFY2(elsewhere.error().contains(u"iss"), qPrintable(elsewhere.error()));
    }
};

QTEST_GUILESS_MAIN(TestAccessToken)
#include "tst_accesstoken.moc"
