// Accounts, sessions and tokens on a real PostgreSQL database (a fresh one
// per test function on the test server): registration, login, refresh-token
// rotation and reuse, logouts, password change, and one account never
// reaching another's sessions.
#include "../../common/testsupport.h"

#include "auth/accountservice.h"
#include "auth/passwordhasher.h"
#include "store/database.h"

#include <QDateTime>
#include <QSqlQuery>
#include <QThread>

#include <memory>

using namespace pt;
using namespace pt::server;

namespace {

const QString Password = QStringLiteral("correct horse battery");
const QString OtherPassword = QStringLiteral("staple tuning paperclip");

TokenSettings tokenSettings()
{
    TokenSettings settings;
    settings.signingKey = QByteArray("test signing key of at least 32 bytes!!");
    return settings;
}

QString describe(const Refusal &refusal)
{
    return QStringLiteral("%1 %2: %3").arg(refusal.status).arg(refusal.code, refusal.message);
}

// Fails the test with the refusal if `outcome` (evaluated once) was refused.
#define PT_VERIFY_GRANTED(outcome)                                                                                     \
    do {                                                                                                               \
        const auto &granted_ = (outcome);                                                                              \
        QVERIFY2(granted_.ok(), qPrintable(granted_.ok() ? QString() : describe(granted_.refusal())));                 \
    } while (false)

#define PT_VERIFY_REFUSED(outcome, wantStatus, wantCode)                                                               \
    do {                                                                                                               \
        const auto &refused_ = (outcome);                                                                              \
        QVERIFY2(!refused_.ok(), "accepted");                                                                          \
        QCOMPARE(refused_.refusal().status, wantStatus);                                                               \
        QCOMPARE(refused_.refusal().code, QStringLiteral(wantCode));                                                   \
    } while (false)

} // namespace

class TestAccountService : public QObject
{
    Q_OBJECT

private:
    std::shared_ptr<store::Database> m_database;
    QString m_databaseName;
    std::unique_ptr<AccountService> m_service;

    AccountService &service() { return *m_service; }

    // One row's first column.
    QVariant scalar(const QString &sql, const QVariantList &values = {})
    {
        QSqlQuery query(m_database->connection());
        query.prepare(sql);
        for (const QVariant &value : values)
            query.addBindValue(value);
        if (!query.exec() || !query.next())
            return {};
        return query.value(0);
    }

    bool exec(const QString &sql, const QVariantList &values = {})
    {
        QSqlQuery query(m_database->connection());
        query.prepare(sql);
        for (const QVariant &value : values)
            query.addBindValue(value);
        return query.exec();
    }

    std::int64_t registered(const QString &email, const QString &password = Password)
    {
        const auto id = service().registerAccount(email, password);
        if (!id.ok())
            qFatal("registering %s failed: %s", qPrintable(email), qPrintable(describe(id.refusal())));
        return *id;
    }

    TokenPair loggedIn(const QString &email, const QString &device = QStringLiteral("laptop"),
                       const QString &password = Password)
    {
        const auto pair = service().login(email, password, device);
        if (!pair.ok())
            qFatal("login of %s failed: %s", qPrintable(email), qPrintable(describe(pair.refusal())));
        return *pair;
    }

    AccessClaims claimsOf(const TokenPair &pair)
    {
        const auto claims = service().authenticate(pair.accessToken);
        if (!claims.ok())
            qFatal("a fresh access token was refused: %s", qPrintable(describe(claims.refusal())));
        return *claims;
    }

    // Waits until early in a wall-clock second, so what follows (a few
    // argon2id hashes) most likely happens within that one second.
    static void waitForSecondStart()
    {
        while (QDateTime::currentMSecsSinceEpoch() % 1000 > 50)
            QThread::msleep(5);
    }

private Q_SLOTS:
    void init()
    {
        auto made = test::createPostgresTestDatabase();
        QVERIFY2(made, qPrintable(made.ok() ? QString() : made.error()));
        m_databaseName = made->database;
        auto opened = store::Database::openPostgres(*made, {}, store::Schema::SyncServer);
        QVERIFY2(opened, qPrintable(opened.ok() ? QString() : opened.error()));
        m_database = std::move(opened).value();
        m_service = std::make_unique<AccountService>(*m_database, tokenSettings());
    }

    void cleanup()
    {
        m_service.reset();
        m_database.reset();
        if (!m_databaseName.isEmpty()) {
            if (auto dropped = test::dropPostgresTestDatabase(m_databaseName); !dropped)
                qWarning("%s", qPrintable(dropped.error()));
        }
        m_databaseName.clear();
    }

    void registerRefusesInvalidEmails_data()
    {
        QTest::addColumn<QString>("email");
        QTest::newRow("empty") << QString();
        QTest::newRow("spaces") << QStringLiteral("   ");
        QTest::newRow("no at") << QStringLiteral("alice.example.org");
        QTest::newRow("no local part") << QStringLiteral("@example.org");
        QTest::newRow("no domain") << QStringLiteral("alice@");
        QTest::newRow("two ats") << QStringLiteral("alice@bob@example.org");
        QTest::newRow("space inside") << QStringLiteral("alice smith@example.org");
        QTest::newRow("domain dot") << QStringLiteral("alice@.example.org");
        QTest::newRow("too long") << QString(250, u'a') + QStringLiteral("@example.org");
    }

    void registerRefusesInvalidEmails()
    {
        QFETCH(QString, email);
        PT_VERIFY_REFUSED(service().registerAccount(email, Password), 400, "invalid_email");
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM server_account")).toInt(), 0);
    }

    void registerRefusesWeakPasswords()
    {
        PT_VERIFY_REFUSED(service().registerAccount(QStringLiteral("alice@example.org"), QStringLiteral("short pass!")),
                          400, "weak_password");
        PT_VERIFY_REFUSED(service().registerAccount(QStringLiteral("alice@example.org"), QString(12, u' ')), 400,
                          "weak_password");
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM server_account")).toInt(), 0);
    }

    void registerStoresAHashAndRefusesTheSameEmailInAnyCase()
    {
        const auto id = service().registerAccount(QStringLiteral("  Alice@Example.org "), Password);
        PT_VERIFY_GRANTED(id);
        QVERIFY(*id > 0);
        QCOMPARE(scalar(QStringLiteral("SELECT email FROM server_account WHERE id = ?"), { qlonglong(*id) }).toString(),
                 QStringLiteral("Alice@Example.org"));
        QCOMPARE(
            scalar(QStringLiteral("SELECT email_key FROM server_account WHERE id = ?"), { qlonglong(*id) }).toString(),
            QStringLiteral("alice@example.org"));
        const QString hash
            = scalar(QStringLiteral("SELECT password_hash FROM server_account WHERE id = ?"), { qlonglong(*id) })
                  .toString();
        QVERIFY2(hash.startsWith(u"$argon2id$"), qPrintable(hash));
        QVERIFY(!hash.contains(Password));

        PT_VERIFY_REFUSED(service().registerAccount(QStringLiteral("ALICE@example.ORG"), OtherPassword), 409,
                          "email_taken");
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM server_account")).toInt(), 1);
        // Login works whatever the case it is typed in.
        PT_VERIFY_GRANTED(service().login(QStringLiteral("alice@EXAMPLE.org"), Password, QStringLiteral("phone")));
    }

    void loginRightWrongAndUnknown()
    {
        const std::int64_t alice = registered(QStringLiteral("alice@example.org"));
        const auto pair = service().login(QStringLiteral("alice@example.org"), Password, QStringLiteral("laptop"));
        PT_VERIFY_GRANTED(pair);
        QCOMPARE(pair->accessExpiresIn >= 3599 && pair->accessExpiresIn <= 3601, true);
        QCOMPARE(pair->refreshExpiresIn, 30 * 24 * 3600);
        QCOMPARE(QByteArray::fromBase64(pair->refreshToken, QByteArray::Base64UrlEncoding).size(), 32);
        const auto claims = service().authenticate(pair->accessToken);
        PT_VERIFY_GRANTED(claims);
        QCOMPARE(claims->accountId, alice);
        QCOMPARE(scalar(QStringLiteral("SELECT account_id FROM server_session WHERE id = ?"),
                        { qlonglong(claims->sessionId) })
                     .toLongLong(),
                 alice);
        // The refresh token is stored only as its SHA-256.
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM server_refresh_token WHERE token_hash = ?"),
                        { QString::fromLatin1(pair->refreshToken) })
                     .toInt(),
                 0);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM server_refresh_token WHERE token_hash = ?"),
                        { QString::fromLatin1(
                            QCryptographicHash::hash(pair->refreshToken, QCryptographicHash::Sha256).toHex()) })
                     .toInt(),
                 1);

        const auto wrong = service().login(QStringLiteral("alice@example.org"), OtherPassword, QStringLiteral("x"));
        const auto unknown = service().login(QStringLiteral("bob@example.org"), Password, QStringLiteral("x"));
        const auto invalid = service().login(QStringLiteral("not an email"), Password, QStringLiteral("x"));
        PT_VERIFY_REFUSED(wrong, 401, "invalid_credentials");
        PT_VERIFY_REFUSED(unknown, 401, "invalid_credentials");
        PT_VERIFY_REFUSED(invalid, 401, "invalid_credentials");
        // Nothing tells an unknown address from a wrong password.
        QCOMPARE(unknown.refusal().message, wrong.refusal().message);
        QCOMPARE(invalid.refusal().message, wrong.refusal().message);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM server_session")).toInt(), 1);
    }

    void refreshRotatesAndReuseEndsTheSession()
    {
        registered(QStringLiteral("alice@example.org"));
        const TokenPair first = loggedIn(QStringLiteral("alice@example.org"), QStringLiteral("laptop"));
        const TokenPair elsewhere = loggedIn(QStringLiteral("alice@example.org"), QStringLiteral("phone"));
        const AccessClaims session = claimsOf(first);
        const std::int64_t usedBefore = scalar(QStringLiteral("SELECT last_used_at FROM server_session WHERE id = ?"),
                                               { qlonglong(session.sessionId) })
                                            .toLongLong();
        QThread::msleep(5);

        const auto second = service().refresh(first.refreshToken);
        PT_VERIFY_GRANTED(second);
        QVERIFY(second->refreshToken != first.refreshToken);
        QVERIFY(second->accessToken != first.accessToken);
        const auto secondClaims = service().authenticate(second->accessToken);
        PT_VERIFY_GRANTED(secondClaims);
        QCOMPARE(secondClaims->sessionId, session.sessionId); // same login, same family
        QVERIFY(scalar(QStringLiteral("SELECT last_used_at FROM server_session WHERE id = ?"),
                       { qlonglong(session.sessionId) })
                    .toLongLong()
                > usedBefore);

        // The spent token again: the whole family ends.
        PT_VERIFY_REFUSED(service().refresh(first.refreshToken), 401, "refresh_reused");
        QCOMPARE(scalar(QStringLiteral("SELECT revoked_reason FROM server_session WHERE id = ?"),
                        { qlonglong(session.sessionId) })
                     .toString(),
                 QStringLiteral("refresh_reused"));
        PT_VERIFY_REFUSED(service().refresh(second->refreshToken), 401, "unauthorized");
        PT_VERIFY_REFUSED(service().authenticate(second->accessToken), 401, "unauthorized");
        PT_VERIFY_REFUSED(service().authenticate(first.accessToken), 401, "unauthorized");
        // And it stays ended: presenting it once more is a plain 401.
        PT_VERIFY_REFUSED(service().refresh(first.refreshToken), 401, "unauthorized");

        // Another login of the same account is not touched.
        PT_VERIFY_GRANTED(service().authenticate(elsewhere.accessToken));
        PT_VERIFY_GRANTED(service().refresh(elsewhere.refreshToken));
    }

    void refreshRefusesExpiredUnknownAndMalformedTokens()
    {
        registered(QStringLiteral("alice@example.org"));
        const TokenPair pair = loggedIn(QStringLiteral("alice@example.org"));
        QVERIFY(exec(QStringLiteral("UPDATE server_refresh_token SET expires_at = ?"),
                     { qlonglong(QDateTime::currentMSecsSinceEpoch() - 1) }));
        PT_VERIFY_REFUSED(service().refresh(pair.refreshToken), 401, "unauthorized");
        QVERIFY(service().refresh(pair.refreshToken).refusal().message.contains(u"expired"));

        QByteArray unknown = pair.refreshToken;
        unknown[0] = unknown[0] == 'A' ? 'B' : 'A';
        PT_VERIFY_REFUSED(service().refresh(unknown), 401, "unauthorized");
        PT_VERIFY_REFUSED(service().refresh(QByteArray()), 401, "unauthorized");
        PT_VERIFY_REFUSED(service().refresh("not-a-token"), 401, "unauthorized");
        // An access token is not a refresh token.
        PT_VERIFY_REFUSED(service().refresh(pair.accessToken), 401, "unauthorized");
        // None of this counted as a reuse.
        QVERIFY(scalar(QStringLiteral("SELECT revoked_at FROM server_session")).isNull());
    }

    void purgeDeletesOnlyWhatCanNeverBeUsedAgain()
    {
        registered(QStringLiteral("alice@example.org"));
        const TokenPair laptop = loggedIn(QStringLiteral("alice@example.org"), QStringLiteral("laptop"));
        const TokenPair phone = loggedIn(QStringLiteral("alice@example.org"), QStringLiteral("phone"));
        const TokenPair tablet = loggedIn(QStringLiteral("alice@example.org"), QStringLiteral("tablet"));
        const auto rotated = service().refresh(laptop.refreshToken); // the laptop's first token is now spent
        PT_VERIFY_GRANTED(rotated);
        const AccessClaims phoneClaims = claimsOf(phone);
        PT_VERIFY_GRANTED(service().logout(phoneClaims));
        const std::int64_t now = QDateTime::currentMSecsSinceEpoch();

        // Nothing has expired yet: a spent token stays (its reuse must still
        // end the family), so does an ended session's token.
        const auto early = service().purgeExpired(now);
        PT_VERIFY_GRANTED(early);
        QCOMPARE(early->refreshTokens, 0);
        QCOMPARE(early->sessions, 0);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM server_refresh_token")).toInt(), 4);

        // The tablet's token lapses unused; the phone's ended session's token too.
        const qlonglong past = now - 1;
        QVERIFY(exec(QStringLiteral("UPDATE server_refresh_token SET expires_at = ? WHERE session_id IN (?, ?)"),
                     { past, qlonglong(claimsOf(tablet).sessionId), qlonglong(phoneClaims.sessionId) }));
        const auto purged = service().purgeExpired(now);
        PT_VERIFY_GRANTED(purged);
        QCOMPARE(purged->refreshTokens, 2);
        QCOMPARE(purged->sessions, 2);
        PT_VERIFY_REFUSED(service().authenticate(tablet.accessToken), 401, "unauthorized");
        PT_VERIFY_REFUSED(service().refresh(tablet.refreshToken), 401, "unauthorized");
        // The laptop's login is untouched, its spent token included.
        PT_VERIFY_GRANTED(service().authenticate(rotated->accessToken));
        PT_VERIFY_REFUSED(service().refresh(laptop.refreshToken), 401, "refresh_reused");

        // A month on, every token has expired: nothing is left.
        const auto later = service().purgeExpired(now + tokenSettings().refreshLifetimeSeconds * 1000 + 60'000);
        PT_VERIFY_GRANTED(later);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM server_refresh_token")).toInt(), 0);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM server_session")).toInt(), 0);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM server_account")).toInt(), 1);
    }

    void logoutEndsOnlyThisSession()
    {
        registered(QStringLiteral("alice@example.org"));
        const TokenPair laptop = loggedIn(QStringLiteral("alice@example.org"), QStringLiteral("laptop"));
        const TokenPair phone = loggedIn(QStringLiteral("alice@example.org"), QStringLiteral("phone"));
        PT_VERIFY_GRANTED(service().logout(claimsOf(laptop)));
        PT_VERIFY_REFUSED(service().authenticate(laptop.accessToken), 401, "unauthorized");
        PT_VERIFY_REFUSED(service().refresh(laptop.refreshToken), 401, "unauthorized");
        PT_VERIFY_GRANTED(service().authenticate(phone.accessToken));
        PT_VERIFY_GRANTED(service().refresh(phone.refreshToken));
    }

    void logoutEverywhereRefusesEveryTokenIssuedUntilNow()
    {
        const std::int64_t alice = registered(QStringLiteral("alice@example.org"));
        registered(QStringLiteral("bob@example.org"));
        const TokenPair bob = loggedIn(QStringLiteral("bob@example.org"));
        waitForSecondStart();
        const TokenPair laptop = loggedIn(QStringLiteral("alice@example.org"), QStringLiteral("laptop"));
        const TokenPair phone = loggedIn(QStringLiteral("alice@example.org"), QStringLiteral("phone"));
        const AccessClaims claims = claimsOf(laptop);
        const std::int64_t before = QDateTime::currentMSecsSinceEpoch();
        PT_VERIFY_GRANTED(service().logoutEverywhere(claims));

        for (const TokenPair *pair : { &laptop, &phone }) {
            PT_VERIFY_REFUSED(service().authenticate(pair->accessToken), 401, "unauthorized");
            PT_VERIFY_REFUSED(service().refresh(pair->refreshToken), 401, "unauthorized");
        }
        // Even a token issued in the same second as the logout is refused by
        // the account's tokens_valid_after alone: a whole second after the logout.
        const std::int64_t validAfter
            = scalar(QStringLiteral("SELECT tokens_valid_after FROM server_account WHERE id = ?"), { qlonglong(alice) })
                  .toLongLong();
        QVERIFY(validAfter > before);
        QCOMPARE(validAfter % 1000, 0);
        QVERIFY(claims.issuedAt * 1000 < validAfter);

        // Signing in again right away (most likely the same second) works.
        const TokenPair again = loggedIn(QStringLiteral("alice@example.org"), QStringLiteral("laptop"));
        PT_VERIFY_GRANTED(service().authenticate(again.accessToken));
        PT_VERIFY_GRANTED(service().refresh(again.refreshToken));
        // Another account is not touched.
        PT_VERIFY_GRANTED(service().authenticate(bob.accessToken));
    }

    void sameSecondTokenRefusedAfterPasswordChange()
    {
        // The caller's session survives a password change, so only
        // tokens_valid_after refuses its old access token; this checks it does
        // so when the token was issued in the same second as the change.
        registered(QStringLiteral("alice@example.org"));
        QString password = Password;
        bool sameSecond = false;
        for (int attempt = 0; attempt < 5 && !sameSecond; ++attempt) {
            waitForSecondStart();
            const TokenPair old = loggedIn(QStringLiteral("alice@example.org"), QStringLiteral("laptop"), password);
            const AccessClaims claims = claimsOf(old);
            const QString next = QStringLiteral("new password number %1").arg(attempt);
            const auto fresh = service().changePassword(claims, password, next);
            const std::int64_t after = QDateTime::currentMSecsSinceEpoch();
            PT_VERIFY_GRANTED(fresh);
            password = next;
            sameSecond = after / 1000 == claims.issuedAt;
            const auto refused = service().authenticate(old.accessToken);
            PT_VERIFY_REFUSED(refused, 401, "unauthorized");
            QVERIFY2(refused.refusal().message.contains(u"issued before"), qPrintable(refused.refusal().message));
            PT_VERIFY_GRANTED(service().authenticate(fresh->accessToken));
        }
        QVERIFY2(sameSecond, "never managed to change the password in the second of the login");
    }

    void changePassword()
    {
        const std::int64_t alice = registered(QStringLiteral("alice@example.org"));
        const TokenPair laptop = loggedIn(QStringLiteral("alice@example.org"), QStringLiteral("laptop"));
        const TokenPair phone = loggedIn(QStringLiteral("alice@example.org"), QStringLiteral("phone"));
        const AccessClaims claims = claimsOf(laptop);
        const QString oldHash
            = scalar(QStringLiteral("SELECT password_hash FROM server_account WHERE id = ?"), { qlonglong(alice) })
                  .toString();

        PT_VERIFY_REFUSED(service().changePassword(claims, QStringLiteral("not my password!"), OtherPassword), 401,
                          "invalid_credentials");
        PT_VERIFY_REFUSED(service().changePassword(claims, Password, QStringLiteral("too short")), 400,
                          "weak_password");
        // Refused changes change nothing.
        QCOMPARE(scalar(QStringLiteral("SELECT password_hash FROM server_account WHERE id = ?"), { qlonglong(alice) })
                     .toString(),
                 oldHash);
        PT_VERIFY_GRANTED(service().authenticate(phone.accessToken));

        const auto fresh = service().changePassword(claims, Password, OtherPassword);
        PT_VERIFY_GRANTED(fresh);

        // The old password no longer signs in; the new one does.
        PT_VERIFY_REFUSED(service().login(QStringLiteral("alice@example.org"), Password, QStringLiteral("x")), 401,
                          "invalid_credentials");
        PT_VERIFY_GRANTED(
            service().login(QStringLiteral("alice@example.org"), OtherPassword, QStringLiteral("tablet")));

        // Every other session ended.
        PT_VERIFY_REFUSED(service().authenticate(phone.accessToken), 401, "unauthorized");
        PT_VERIFY_REFUSED(service().refresh(phone.refreshToken), 401, "unauthorized");
        QCOMPARE(
            scalar(QStringLiteral("SELECT revoked_reason FROM server_session WHERE device_name = 'phone'")).toString(),
            QStringLiteral("password_changed"));

        // The caller goes on in the same session with the fresh pair; its old
        // tokens are done.
        const auto freshClaims = service().authenticate(fresh->accessToken);
        PT_VERIFY_GRANTED(freshClaims);
        QCOMPARE(freshClaims->sessionId, claims.sessionId);
        PT_VERIFY_REFUSED(service().authenticate(laptop.accessToken), 401, "unauthorized");
        PT_VERIFY_REFUSED(service().refresh(laptop.refreshToken), 401, "unauthorized");
        const auto rotated = service().refresh(fresh->refreshToken);
        PT_VERIFY_GRANTED(rotated);
        PT_VERIFY_GRANTED(service().authenticate(rotated->accessToken));
    }

    void changePasswordOfAnEndedSessionIsRefused()
    {
        registered(QStringLiteral("alice@example.org"));
        const TokenPair laptop = loggedIn(QStringLiteral("alice@example.org"));
        const AccessClaims claims = claimsOf(laptop);
        PT_VERIFY_GRANTED(service().logout(claims));
        PT_VERIFY_REFUSED(service().changePassword(claims, Password, OtherPassword), 401, "unauthorized");
        PT_VERIFY_GRANTED(service().login(QStringLiteral("alice@example.org"), Password, QStringLiteral("x")));
    }

    void sessionsAreListedAndRevokedPerAccount()
    {
        registered(QStringLiteral("alice@example.org"));
        registered(QStringLiteral("bob@example.org"));
        const TokenPair laptop = loggedIn(QStringLiteral("alice@example.org"), QStringLiteral("laptop"));
        const TokenPair phone = loggedIn(QStringLiteral("alice@example.org"), QStringLiteral(" phone "));
        const TokenPair bob = loggedIn(QStringLiteral("bob@example.org"), QStringLiteral("bob's"));
        const AccessClaims aliceClaims = claimsOf(laptop);
        const AccessClaims phoneClaims = claimsOf(phone);
        const AccessClaims bobClaims = claimsOf(bob);

        const auto listed = service().sessions(aliceClaims);
        PT_VERIFY_GRANTED(listed);
        QCOMPARE(listed->size(), size_t(2));
        QStringList devices;
        for (const SessionInfo &session : *listed) {
            devices << session.deviceName;
            QCOMPARE(session.current, session.id == aliceClaims.sessionId);
            QVERIFY(session.createdAt > 0 && session.lastUsedAt >= session.createdAt);
            QVERIFY(session.id != bobClaims.sessionId);
        }
        devices.sort();
        QCOMPARE(devices, (QStringList { QStringLiteral("laptop"), QStringLiteral("phone") }));

        // Bob's session from Alice's token: exactly like a session that does not exist.
        const auto foreign = service().revokeSession(aliceClaims, bobClaims.sessionId);
        const auto missing = service().revokeSession(aliceClaims, bobClaims.sessionId + 1000);
        PT_VERIFY_REFUSED(foreign, 404, "not_found");
        PT_VERIFY_REFUSED(missing, 404, "not_found");
        QCOMPARE(foreign.refusal().message, missing.refusal().message);
        PT_VERIFY_GRANTED(service().authenticate(bob.accessToken));
        QVERIFY(scalar(QStringLiteral("SELECT revoked_at FROM server_session WHERE id = ?"),
                       { qlonglong(bobClaims.sessionId) })
                    .isNull());

        // Her own other session: ended.
        PT_VERIFY_GRANTED(service().revokeSession(aliceClaims, phoneClaims.sessionId));
        PT_VERIFY_REFUSED(service().authenticate(phone.accessToken), 401, "unauthorized");
        PT_VERIFY_REFUSED(service().refresh(phone.refreshToken), 401, "unauthorized");
        const auto after = service().sessions(aliceClaims);
        PT_VERIFY_GRANTED(after);
        QCOMPARE(after->size(), size_t(1));
        QCOMPARE(after->front().id, aliceClaims.sessionId);
        // Ended already: 404 too.
        PT_VERIFY_REFUSED(service().revokeSession(aliceClaims, phoneClaims.sessionId), 404, "not_found");
    }

    void tokenForAnotherAccountsSessionIsRefused()
    {
        // A token that names Alice's account but Bob's session (made with the
        // server's own key, the worst case) does not get in.
        const std::int64_t alice = registered(QStringLiteral("alice@example.org"));
        registered(QStringLiteral("bob@example.org"));
        const AccessClaims bob = claimsOf(loggedIn(QStringLiteral("bob@example.org")));
        const QByteArray forged
            = issueAccessToken(tokenSettings(), alice, bob.sessionId, QDateTime::currentSecsSinceEpoch());
        PT_VERIFY_REFUSED(service().authenticate(forged), 401, "unauthorized");
        const QByteArray noSession
            = issueAccessToken(tokenSettings(), alice, 999'999, QDateTime::currentSecsSinceEpoch());
        PT_VERIFY_REFUSED(service().authenticate(noSession), 401, "unauthorized");
    }

    void authenticateRefusesBadTokensWithTheReason()
    {
        registered(QStringLiteral("alice@example.org"));
        const TokenPair pair = loggedIn(QStringLiteral("alice@example.org"));
        TokenSettings otherKey = tokenSettings();
        otherKey.signingKey = QByteArray("a different key, also 32 bytes long");
        const AccessClaims claims = claimsOf(pair);
        const auto refused = service().authenticate(
            issueAccessToken(otherKey, claims.accountId, claims.sessionId, QDateTime::currentSecsSinceEpoch()));
        PT_VERIFY_REFUSED(refused, 401, "unauthorized");
        QVERIFY2(refused.refusal().message.contains(u"signature"), qPrintable(refused.refusal().message));
        PT_VERIFY_REFUSED(service().authenticate(QByteArray()), 401, "unauthorized");
    }
};

QTEST_GUILESS_MAIN(TestAccountService)
#include "tst_accountservice.moc"
