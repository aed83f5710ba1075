// portfolio-server end to end over HTTP: the real executable on loopback, a
// fresh database on the test PostgreSQL server, a config file and key file
// in a temporary folder. Accounts and tokens, forged and stolen tokens,
// another account's ids, rate limits, sync pushes and pulls, health and
// metrics, and finally the server's whole log, which must hold no secret.

#include "postgresstore.h"
#include "serverprocess.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <memory>

using namespace pt;

namespace {

const QString Password = QStringLiteral("correct horse battery staple");

QByteArray base64Url(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QJsonObject tokenPayload(const QByteArray &token)
{
    const QList<QByteArray> parts = token.split('.');
    if (parts.size() != 3)
        return {};
    return QJsonDocument::fromJson(QByteArray::fromBase64(parts[1], QByteArray::Base64UrlEncoding)).object();
}

QString newUuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

struct Response
{
    int status = 0;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;

    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QString error() const { return json().value(QStringLiteral("error")).toString(); }
    QByteArray header(const QByteArray &name) const
    {
        for (const auto &[key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
};

} // namespace

class TestServerApi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void badConfigurationIsRefused();
    void healthAndRoutes();
    void accountLifecycle();
    void refreshTokenReuseRevokesTheFamily();
    void logoutEverywhereAndPasswordChange();
    void forgedTokensAreRefused();
    void anotherAccountsIdsAnswerLikeMissingOnes();
    void pushPullAndRecords();
    void clockAheadIsRefusedAndStoresNothing();
    void bodyLimit();
    void metricsCountAndStayLocal();
    void rateLimitsAndLoginThrottle();
    void logsHoldNoSecrets(); // last: stops the servers and reads their logs

private:
    struct Login
    {
        QByteArray accessToken;
        QByteArray refreshToken;
        std::int64_t accountId = 0;
        std::int64_t sessionId = 0;
    };

    Response request(const QString &base, const QByteArray &method, const QString &path, const QByteArray &body = {},
                     const QByteArray &token = {}, const QList<QPair<QByteArray, QByteArray>> &headers = {});
    Response call(const QByteArray &method, const QString &path, const QByteArray &body = {},
                  const QByteArray &token = {})
    {
        return request(m_server->baseUrl(), method, path, body, token);
    }
    QString registerAccount(const QString &base = {});
    Login login(const QString &email, const QString &password = Password, const QString &base = {});
    QByteArray forge(const QJsonObject &header, const QJsonObject &payload, const QByteArray &key) const;
    QJsonObject validPayload(const Login &who) const;
    QByteArray pushBody(const QString &device, const QList<QPair<QString, std::int64_t>> &records) const;

    QString m_databaseName;
    store::PostgresLocation m_database;
    std::unique_ptr<test::ServerProcess> m_server;
    std::unique_ptr<test::ServerProcess> m_limitedServer;
    QNetworkAccessManager m_network;
    QSet<QByteArray> m_secrets; // every password and token used: none may reach the logs
    int m_emails = 0;
};

void TestServerApi::initTestCase()
{
    auto location = test::createPostgresTestDatabase();
    QVERIFY2(location, qPrintable(location ? QString() : location.error()));
    m_database = *location;
    m_databaseName = location->database;
    m_secrets.insert(Password.toUtf8());
    m_server = std::make_unique<test::ServerProcess>(QStringLiteral(PT_SERVER_BINARY), m_database,
                                                     QStringLiteral("rate_limit_per_minute = 0"));
    QVERIFY(m_server->waitUntilListening());
}

void TestServerApi::cleanupTestCase()
{
    m_server.reset();
    m_limitedServer.reset();
    if (!m_databaseName.isEmpty())
        QVERIFY(test::dropPostgresTestDatabase(m_databaseName));
}

Response TestServerApi::request(const QString &base, const QByteArray &method, const QString &path,
                                const QByteArray &body, const QByteArray &token,
                                const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QNetworkRequest request(QUrl(base + path));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply *reply = m_network.sendCustomRequest(request, method, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished() && !finished.wait(60'000))
        qFatal("no answer to %s %s", method.constData(), qPrintable(path));
    Response response;
    response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    response.body = reply->readAll();
    response.headers = reply->rawHeaderPairs();
    reply->deleteLater();
    return response;
}

QString TestServerApi::registerAccount(const QString &base)
{
    const QString email = QStringLiteral("user%1@example.org").arg(++m_emails);
    const QByteArray body
        = QJsonDocument(QJsonObject { { QStringLiteral("email"), email }, { QStringLiteral("password"), Password } })
              .toJson(QJsonDocument::Compact);
    const Response response
        = request(base.isEmpty() ? m_server->baseUrl() : base, "POST", QStringLiteral("/v1/accounts"), body);
    if (response.status != 201)
        qFatal("register failed: %d %s", response.status, response.body.constData());
    return email;
}

TestServerApi::Login TestServerApi::login(const QString &email, const QString &password, const QString &base)
{
    const QByteArray body
        = QJsonDocument(QJsonObject { { QStringLiteral("email"), email },
                                      { QStringLiteral("password"), password },
                                      { QStringLiteral("deviceName"), QStringLiteral("test device") } })
              .toJson(QJsonDocument::Compact);
    const Response response
        = request(base.isEmpty() ? m_server->baseUrl() : base, "POST", QStringLiteral("/v1/auth/login"), body);
    Login result;
    if (response.status != 200)
        return result;
    result.accessToken = response.json().value(QStringLiteral("accessToken")).toString().toLatin1();
    result.refreshToken = response.json().value(QStringLiteral("refreshToken")).toString().toLatin1();
    const QJsonObject payload = tokenPayload(result.accessToken);
    result.accountId = payload.value(QStringLiteral("sub")).toString().toLongLong();
    result.sessionId = payload.value(QStringLiteral("sid")).toInteger();
    m_secrets.insert(result.accessToken);
    m_secrets.insert(result.refreshToken);
    return result;
}

QByteArray TestServerApi::forge(const QJsonObject &header, const QJsonObject &payload, const QByteArray &key) const
{
    const QByteArray input = base64Url(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.'
        + base64Url(QJsonDocument(payload).toJson(QJsonDocument::Compact));
    return input + '.' + base64Url(QMessageAuthenticationCode::hash(input, key, QCryptographicHash::Sha256));
}

QJsonObject TestServerApi::validPayload(const Login &who) const
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    return { { QStringLiteral("typ"), QStringLiteral("access") },
             { QStringLiteral("iss"), QStringLiteral("portfolio-server") },
             { QStringLiteral("aud"), QStringLiteral("portfolio-tracker") },
             { QStringLiteral("sub"), QString::number(who.accountId) },
             { QStringLiteral("sid"), qint64(who.sessionId) },
             { QStringLiteral("iat"), now },
             { QStringLiteral("exp"), now + 600 },
             { QStringLiteral("jti"), newUuid() } };
}

QByteArray TestServerApi::pushBody(const QString &device, const QList<QPair<QString, std::int64_t>> &records) const
{
    QJsonArray changes;
    std::uint32_t counter = 0;
    for (const auto &[uuid, wall] : records) {
        changes.append(QJsonObject { { QStringLiteral("kind"), QStringLiteral("portfolio") },
                                     { QStringLiteral("uuid"), uuid },
                                     { QStringLiteral("hlc"),
                                       QJsonObject { { QStringLiteral("wall"), qint64(wall) },
                                                     { QStringLiteral("counter"), qint64(counter++) },
                                                     { QStringLiteral("device"), device } } },
                                     { QStringLiteral("deleted"), false },
                                     { QStringLiteral("fields"),
                                       QJsonObject { { QStringLiteral("name"), QStringLiteral("Pension") },
                                                     { QStringLiteral("cash"), QStringLiteral("1234.56") } } } });
    }
    return QJsonDocument(QJsonObject { { QStringLiteral("device"), device }, { QStringLiteral("changes"), changes } })
        .toJson(QJsonDocument::Compact);
}

void TestServerApi::badConfigurationIsRefused()
{
    QTemporaryDir folder;
    const QString key = folder.filePath(QStringLiteral("key"));
    QFile keyFile(key);
    QVERIFY(keyFile.open(QIODevice::WriteOnly));
    keyFile.write(QByteArray(32, 'k'));
    keyFile.close();
    auto run = [&](const QByteArray &config, QStringList extra = {}) {
        const QString path = folder.filePath(QStringLiteral("bad.conf"));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            qFatal("cannot write");
        file.write(config);
        file.close();
        QProcess process;
        process.start(QStringLiteral(PT_SERVER_BINARY), QStringList { QStringLiteral("--config"), path } + extra);
        process.waitForFinished(60'000);
        return std::pair { process.exitCode(), QString::fromUtf8(process.readAllStandardError()) };
    };

    // A key file others may read: refused, naming the file and the fix.
    keyFile.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther);
    auto [code, text] = run("token_key_file = " + key.toUtf8() + "\n", { QStringLiteral("--check-config") });
    QCOMPARE(code, 2);
    QVERIFY2(text.contains(QStringLiteral("token_key_file")) && text.contains(QStringLiteral("chmod 600")),
             qPrintable(text));

    keyFile.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    std::tie(code, text) = run("token_key_file = " + key.toUtf8() + "\nlisten_prot = 1\n");
    QCOMPARE(code, 2);
    QVERIFY2(text.contains(QStringLiteral("listen_prot")) && text.contains(QStringLiteral("bad.conf")),
             qPrintable(text));

    std::tie(code, text) = run("token_key_file = " + key.toUtf8() + "\nlisten_port = 99999\n");
    QCOMPARE(code, 2);
    QVERIFY2(text.contains(QStringLiteral("listen_port")), qPrintable(text));

    // A good one is checked against the database.
    std::tie(code, text) = run(QStringLiteral("token_key_file = %1\ndatabase_host = %2\ndatabase_port = %3\n"
                                              "database_name = %4\ndatabase_user = %5\ndatabase_sslmode = %6\n")
                                   .arg(key, m_database.host)
                                   .arg(m_database.port)
                                   .arg(m_database.database, m_database.user, m_database.sslMode)
                                   .toUtf8(),
                               { QStringLiteral("--check-config") });
    QVERIFY2(code == 0, qPrintable(text));
}

void TestServerApi::healthAndRoutes()
{
    const Response health = call("GET", QStringLiteral("/healthz"));
    QCOMPARE(health.status, 200);
    QCOMPARE(health.json().value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
    QCOMPARE(health.header("X-Request-Id").size(), 32);

    // The proxy's request id is kept when it is sane, replaced when not.
    const Response tagged = request(m_server->baseUrl(), "GET", QStringLiteral("/healthz"), {}, {},
                                    { { "X-Request-Id", "nginx-0123456789abcdef" } });
    QCOMPARE(tagged.header("X-Request-Id"), QByteArray("nginx-0123456789abcdef"));
    const Response odd = request(m_server->baseUrl(), "GET", QStringLiteral("/healthz"), {}, {},
                                 { { "X-Request-Id", "bad id\"with quotes" } });
    QCOMPARE(odd.header("X-Request-Id").size(), 32);

    const Response missing = call("GET", QStringLiteral("/v2/nothing"));
    QCOMPARE(missing.status, 404);
    QCOMPARE(missing.error(), QStringLiteral("not_found"));
    const Response wrongMethod = call("DELETE", QStringLiteral("/v1/sync/push"));
    QCOMPARE(wrongMethod.status, 405);
    QCOMPARE(wrongMethod.header("Allow"), QByteArray("POST"));
}

void TestServerApi::accountLifecycle()
{
    const QString email = registerAccount();
    auto body = [](const QString &email, const QString &password) {
        return QJsonDocument(
                   QJsonObject { { QStringLiteral("email"), email }, { QStringLiteral("password"), password } })
            .toJson(QJsonDocument::Compact);
    };
    QCOMPARE(call("POST", QStringLiteral("/v1/accounts"), body(email.toUpper(), Password)).error(),
             QStringLiteral("email_taken"));
    const Response weak = call("POST", QStringLiteral("/v1/accounts"),
                               body(QStringLiteral("weak@example.org"), QStringLiteral("short")));
    QCOMPARE(weak.status, 400);
    QCOMPARE(weak.error(), QStringLiteral("weak_password"));
    QCOMPARE(call("POST", QStringLiteral("/v1/accounts"), body(QStringLiteral("no-at-sign"), Password)).error(),
             QStringLiteral("invalid_email"));
    QCOMPARE(call("POST", QStringLiteral("/v1/accounts"), "{not json").status, 400);

    // Login: a token pair; a wrong password and an unknown email alike are 401.
    const Login first = login(email);
    QVERIFY(!first.accessToken.isEmpty());
    QVERIFY(first.accountId > 0 && first.sessionId > 0);
    const Response wrong
        = call("POST", QStringLiteral("/v1/auth/login"), body(email, QStringLiteral("not the password at all")));
    const Response unknown
        = call("POST", QStringLiteral("/v1/auth/login"), body(QStringLiteral("nobody@example.org"), Password));
    QCOMPARE(wrong.status, 401);
    QCOMPARE(wrong.error(), QStringLiteral("invalid_credentials"));
    QCOMPARE(unknown.body, wrong.body);

    const Response sessions = call("GET", QStringLiteral("/v1/sessions"), {}, first.accessToken);
    QCOMPARE(sessions.status, 200);
    const QJsonArray list = sessions.json().value(QStringLiteral("sessions")).toArray();
    QCOMPARE(list.size(), 1);
    QCOMPARE(list[0].toObject().value(QStringLiteral("id")).toInteger(), first.sessionId);
    QVERIFY(list[0].toObject().value(QStringLiteral("current")).toBool());
    QCOMPARE(list[0].toObject().value(QStringLiteral("deviceName")).toString(), QStringLiteral("test device"));

    // Refresh: a new pair, and the old refresh token is spent.
    const QByteArray refreshBody
        = QJsonDocument(QJsonObject { { QStringLiteral("refreshToken"), QString::fromLatin1(first.refreshToken) } })
              .toJson(QJsonDocument::Compact);
    const Response refreshed = call("POST", QStringLiteral("/v1/auth/refresh"), refreshBody);
    QCOMPARE(refreshed.status, 200);
    const QByteArray newAccess = refreshed.json().value(QStringLiteral("accessToken")).toString().toLatin1();
    const QByteArray newRefresh = refreshed.json().value(QStringLiteral("refreshToken")).toString().toLatin1();
    m_secrets.insert(newAccess);
    m_secrets.insert(newRefresh);
    QVERIFY(newRefresh != first.refreshToken);
    QCOMPARE(refreshed.json().value(QStringLiteral("expiresIn")).toInteger(), 3600);
    QCOMPARE(call("GET", QStringLiteral("/v1/sessions"), {}, newAccess).status, 200);

    // Logout ends this session: its tokens stop working.
    QCOMPARE(call("POST", QStringLiteral("/v1/auth/logout"), {}, newAccess).status, 204);
    QCOMPARE(call("GET", QStringLiteral("/v1/sessions"), {}, newAccess).status, 401);
    const QByteArray afterLogout
        = QJsonDocument(QJsonObject { { QStringLiteral("refreshToken"), QString::fromLatin1(newRefresh) } })
              .toJson(QJsonDocument::Compact);
    QCOMPARE(call("POST", QStringLiteral("/v1/auth/refresh"), afterLogout).status, 401);
}

void TestServerApi::refreshTokenReuseRevokesTheFamily()
{
    const Login session = login(registerAccount());
    auto refreshWith = [this](const QByteArray &token) {
        return call("POST", QStringLiteral("/v1/auth/refresh"),
                    QJsonDocument(QJsonObject { { QStringLiteral("refreshToken"), QString::fromLatin1(token) } })
                        .toJson(QJsonDocument::Compact));
    };
    const Response rotated = refreshWith(session.refreshToken);
    QCOMPARE(rotated.status, 200);
    const QByteArray current = rotated.json().value(QStringLiteral("refreshToken")).toString().toLatin1();
    const QByteArray currentAccess = rotated.json().value(QStringLiteral("accessToken")).toString().toLatin1();
    m_secrets.insert(current);
    m_secrets.insert(currentAccess);

    // Someone presents the spent token (a thief, or the victim after the thief):
    // the whole login ends, the legitimate newest tokens included.
    const Response reused = refreshWith(session.refreshToken);
    QCOMPARE(reused.status, 401);
    QCOMPARE(refreshWith(current).status, 401);
    QCOMPARE(call("GET", QStringLiteral("/v1/sessions"), {}, currentAccess).status, 401);
    // The 401 says nothing about why.
    QCOMPARE(reused.body, refreshWith("never-issued-token").body);
}

void TestServerApi::logoutEverywhereAndPasswordChange()
{
    const QString email = registerAccount();
    const Login laptop = login(email);
    const Login phone = login(email);
    QCOMPARE(call("POST", QStringLiteral("/v1/auth/logout-all"), {}, phone.accessToken).status, 204);
    QCOMPARE(call("GET", QStringLiteral("/v1/sessions"), {}, laptop.accessToken).status, 401);
    QCOMPARE(call("GET", QStringLiteral("/v1/sessions"), {}, phone.accessToken).status, 401);
    QTest::qWait(1100); // tokens are stamped in whole seconds: the next login is after the cut-off

    const Login desktop = login(email);
    const Login tablet = login(email);
    QVERIFY(!desktop.accessToken.isEmpty() && !tablet.accessToken.isEmpty());
    const QString newPassword = QStringLiteral("an entirely new passphrase");
    m_secrets.insert(newPassword.toUtf8());
    auto change = [&](const QString &current) {
        return call("POST", QStringLiteral("/v1/account/password"),
                    QJsonDocument(QJsonObject { { QStringLiteral("currentPassword"), current },
                                                { QStringLiteral("newPassword"), newPassword } })
                        .toJson(QJsonDocument::Compact),
                    desktop.accessToken);
    };
    QCOMPARE(change(QStringLiteral("not my password, sorry")).status, 401);
    const Response changed = change(Password);
    QCOMPARE(changed.status, 200);
    const QByteArray access = changed.json().value(QStringLiteral("accessToken")).toString().toLatin1();
    m_secrets.insert(access);
    m_secrets.insert(changed.json().value(QStringLiteral("refreshToken")).toString().toLatin1());
    // The other session ended; the caller's new pair works; only the new password logs in.
    QCOMPARE(call("GET", QStringLiteral("/v1/sessions"), {}, tablet.accessToken).status, 401);
    QCOMPARE(call("GET", QStringLiteral("/v1/sessions"), {}, access).status, 200);
    QVERIFY(login(email, Password).accessToken.isEmpty());
    QVERIFY(!login(email, newPassword).accessToken.isEmpty());
}

void TestServerApi::forgedTokensAreRefused()
{
    const Login who = login(registerAccount());
    const QByteArray key = m_server->key();
    const QJsonObject header { { QStringLiteral("alg"), QStringLiteral("HS256") },
                               { QStringLiteral("typ"), QStringLiteral("JWT") } };
    const QJsonObject valid = validPayload(who);

    // The control: a token forged right with the key is accepted, so every
    // refusal below is about the one thing that is wrong with it.
    QCOMPARE(call("GET", QStringLiteral("/v1/sessions"), {}, forge(header, valid, key)).status, 200);

    const QByteArray plain401 = call("GET", QStringLiteral("/v1/sessions")).body;
    QCOMPARE(call("GET", QStringLiteral("/v1/sessions")).status, 401);

    auto with = [&](const char *name, const QJsonValue &value) {
        QJsonObject payload = valid;
        if (value.isUndefined())
            payload.remove(QLatin1StringView(name));
        else
            payload.insert(QLatin1StringView(name), value);
        return payload;
    };
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    QByteArray tampered = who.accessToken;
    {
        QJsonObject payload = tokenPayload(who.accessToken);
        payload.insert(QStringLiteral("sub"), QString::number(who.accountId + 1));
        const QList<QByteArray> parts = who.accessToken.split('.');
        tampered = parts[0] + '.' + base64Url(QJsonDocument(payload).toJson(QJsonDocument::Compact)) + '.' + parts[2];
    }
    const QJsonObject noneHeader { { QStringLiteral("alg"), QStringLiteral("none") },
                                   { QStringLiteral("typ"), QStringLiteral("JWT") } };
    const QByteArray noneUnsigned = base64Url(QJsonDocument(noneHeader).toJson(QJsonDocument::Compact)) + '.'
        + base64Url(QJsonDocument(valid).toJson(QJsonDocument::Compact)) + '.';

    const QList<QPair<const char *, QByteArray>> forgeries {
        { "expired", forge(header, with("exp", now - 10), key) },
        { "tampered payload", tampered },
        { "alg none, unsigned", noneUnsigned },
        { "alg none, signed", forge(noneHeader, valid, key) },
        { "wrong audience", forge(header, with("aud", QStringLiteral("someone-else")), key) },
        { "wrong issuer", forge(header, with("iss", QStringLiteral("evil-server")), key) },
        { "missing exp", forge(header, with("exp", QJsonValue::Undefined), key) },
        { "refresh-typed", forge(header, with("typ", QStringLiteral("refresh")), key) },
        { "refresh token as bearer", who.refreshToken },
        { "another key", forge(header, valid, QByteArray(32, 'x')) },
        { "garbage", "not.a.token" },
    };
    for (const auto &[name, token] : forgeries) {
        const Response response = call("GET", QStringLiteral("/v1/sessions"), {}, token);
        QVERIFY2(response.status == 401, name);
        QVERIFY2(response.body == plain401, name); // the same body whatever the reason
    }
    const Response basic = request(m_server->baseUrl(), "GET", QStringLiteral("/v1/sessions"), {}, {},
                                   { { "Authorization", "Basic " + who.accessToken } });
    QCOMPARE(basic.status, 401);
    // The reasons are in the server's log.
    QTRY_VERIFY(m_server->log().contains("the header's alg is not HS256"));
    QVERIFY(m_server->log().contains("expired"));
}

void TestServerApi::anotherAccountsIdsAnswerLikeMissingOnes()
{
    const Login alice = login(registerAccount());
    const Login mallory = login(registerAccount());
    const QString device = newUuid();
    const QString record = newUuid();
    QCOMPARE(call("POST", QStringLiteral("/v1/sync/push"),
                  pushBody(device, { { record, QDateTime::currentMSecsSinceEpoch() } }), alice.accessToken)
                 .status,
             200);
    QCOMPARE(call("GET", QStringLiteral("/v1/records/portfolio/") + record, {}, alice.accessToken).status, 200);

    const Response stolenRecord
        = call("GET", QStringLiteral("/v1/records/portfolio/") + record, {}, mallory.accessToken);
    const Response missingRecord
        = call("GET", QStringLiteral("/v1/records/portfolio/") + newUuid(), {}, mallory.accessToken);
    const Response malformed = call("GET", QStringLiteral("/v1/records/portfolio/zzz"), {}, mallory.accessToken);
    const Response badKind = call("GET", QStringLiteral("/v1/records/secret/") + record, {}, mallory.accessToken);
    QCOMPARE(stolenRecord.status, 404);
    QCOMPARE(stolenRecord.body, missingRecord.body);
    QCOMPARE(malformed.body, missingRecord.body);
    QCOMPARE(badKind.body, missingRecord.body);

    const QString aliceSession = QStringLiteral("/v1/sessions/%1").arg(alice.sessionId);
    const Response stolenSession = call("DELETE", aliceSession, {}, mallory.accessToken);
    const Response missingSession = call("DELETE", QStringLiteral("/v1/sessions/987654321"), {}, mallory.accessToken);
    const Response junkSession = call("DELETE", QStringLiteral("/v1/sessions/abc"), {}, mallory.accessToken);
    QCOMPARE(stolenSession.status, 404);
    QCOMPARE(stolenSession.body, missingSession.body);
    QCOMPARE(junkSession.body, missingSession.body);
    // Alice's session survived the attempt; she can end it herself.
    QCOMPARE(call("GET", QStringLiteral("/v1/sessions"), {}, alice.accessToken).status, 200);

    // Mallory's pull sees nothing of Alice's.
    const Response pulled = call("GET", QStringLiteral("/v1/sync/pull?after=0"), {}, mallory.accessToken);
    QCOMPARE(pulled.status, 200);
    QVERIFY(pulled.json().value(QStringLiteral("changes")).toArray().isEmpty());

    const Login aliceLaptop = login(QStringLiteral("user%1@example.org").arg(m_emails - 1));
    QCOMPARE(call("DELETE", QStringLiteral("/v1/sessions/%1").arg(aliceLaptop.sessionId), {}, alice.accessToken).status,
             204);
    QCOMPARE(call("GET", QStringLiteral("/v1/sessions"), {}, aliceLaptop.accessToken).status, 401);
}

void TestServerApi::pushPullAndRecords()
{
    const Login who = login(registerAccount());
    const QString device = newUuid();
    const std::int64_t now = QDateTime::currentMSecsSinceEpoch();
    const QList<QPair<QString, std::int64_t>> records { { newUuid(), now - 3000 },
                                                        { newUuid(), now - 2000 },
                                                        { newUuid(), now - 1000 } };
    const QByteArray body = pushBody(device, records);

    const Response first = call("POST", QStringLiteral("/v1/sync/push"), body, who.accessToken);
    QCOMPARE(first.status, 200);
    QCOMPARE(first.json().value(QStringLiteral("accepted")).toInt(), 3);
    QCOMPARE(first.json().value(QStringLiteral("duplicates")).toInt(), 0);
    // The reply got lost; the client pushes the same batch again.
    const Response again = call("POST", QStringLiteral("/v1/sync/push"), body, who.accessToken);
    QCOMPARE(again.status, 200);
    QCOMPARE(again.json().value(QStringLiteral("accepted")).toInt(), 0);
    QCOMPARE(again.json().value(QStringLiteral("duplicates")).toInt(), 3);
    QCOMPARE(again.json().value(QStringLiteral("cursor")), first.json().value(QStringLiteral("cursor")));

    // Pull in pages of two.
    const Response page1 = call("GET", QStringLiteral("/v1/sync/pull?after=0&limit=2"), {}, who.accessToken);
    QCOMPARE(page1.status, 200);
    QCOMPARE(page1.json().value(QStringLiteral("changes")).toArray().size(), 2);
    QVERIFY(page1.json().value(QStringLiteral("more")).toBool());
    const qint64 cursor = page1.json().value(QStringLiteral("cursor")).toInteger();
    const Response page2
        = call("GET", QStringLiteral("/v1/sync/pull?after=%1&limit=2").arg(cursor), {}, who.accessToken);
    const QJsonArray rest = page2.json().value(QStringLiteral("changes")).toArray();
    QCOMPARE(rest.size(), 1);
    QVERIFY(!page2.json().value(QStringLiteral("more")).toBool());
    QCOMPARE(rest[0].toObject().value(QStringLiteral("uuid")).toString(), records[2].first);
    QCOMPARE(rest[0].toObject().value(QStringLiteral("fields")).toObject().value(QStringLiteral("cash")).toString(),
             QStringLiteral("1234.56"));

    const Response state
        = call("GET", QStringLiteral("/v1/records/portfolio/") + records[1].first, {}, who.accessToken);
    QCOMPARE(state.status, 200);
    QCOMPARE(state.json().value(QStringLiteral("hlc")).toObject().value(QStringLiteral("wall")).toInteger(),
             records[1].second);

    QCOMPARE(call("GET", QStringLiteral("/v1/sync/pull?after=-1"), {}, who.accessToken).status, 400);
    QCOMPARE(call("GET", QStringLiteral("/v1/sync/pull?limit=x"), {}, who.accessToken).status, 400);
    const Response broken
        = call("POST", QStringLiteral("/v1/sync/push"), R"({"device":"nope","changes":[]})", who.accessToken);
    QCOMPARE(broken.status, 400);
    QVERIFY2(broken.json().value(QStringLiteral("message")).toString().contains(QStringLiteral("device")),
             broken.body.constData());
}

void TestServerApi::clockAheadIsRefusedAndStoresNothing()
{
    const Login who = login(registerAccount());
    const QString device = newUuid();
    const std::int64_t now = QDateTime::currentMSecsSinceEpoch();
    const QString fine = newUuid();
    const QString ahead = newUuid();
    const Response refused
        = call("POST", QStringLiteral("/v1/sync/push"),
               pushBody(device, { { fine, now }, { ahead, now + 10 * 60 * 1000 } }), who.accessToken);
    QCOMPARE(refused.status, 422);
    QCOMPARE(refused.error(), QStringLiteral("clock_ahead"));
    QVERIFY2(refused.json().value(QStringLiteral("message")).toString().contains(QStringLiteral("change 1")),
             refused.body.constData());
    const Response pulled = call("GET", QStringLiteral("/v1/sync/pull"), {}, who.accessToken);
    QVERIFY(pulled.json().value(QStringLiteral("changes")).toArray().isEmpty());
    QCOMPARE(call("GET", QStringLiteral("/v1/records/portfolio/") + fine, {}, who.accessToken).status, 404);
}

void TestServerApi::bodyLimit()
{
    const Login who = login(registerAccount());
    // Just over the limit: read, then refused.
    const QByteArray large(8 * 1024 * 1024 + 1024, ' ');
    const Response tooLarge = call("POST", QStringLiteral("/v1/sync/push"), large, who.accessToken);
    QCOMPARE(tooLarge.status, 413);
    QCOMPARE(tooLarge.error(), QStringLiteral("payload_too_large"));
    // The server is still there.
    QCOMPARE(call("GET", QStringLiteral("/healthz")).status, 200);
}

void TestServerApi::metricsCountAndStayLocal()
{
    const Response metrics = call("GET", QStringLiteral("/metrics"));
    QCOMPARE(metrics.status, 200);
    QVERIFY(metrics.header("Content-Type").startsWith("text/plain; version=0.0.4"));
    const QByteArray text = metrics.body;
    for (const char *expected :
         { "pt_http_requests_total{route=\"/v1/sync/push\",method=\"POST\",status=\"200\"}",
           "pt_http_request_duration_seconds_bucket{route=\"/v1/sync/pull\",le=\"+Inf\"}",
           "pt_sync_push_batches_total ", "pt_sync_changes_total{result=\"duplicate\"} 3", "pt_sync_pulls_total ",
           "pt_auth_login_failures_total ", "pt_http_errors_total{code=\"clock_ahead\"} 1",
           "pt_http_errors_total{code=\"unauthorized\"}" }) {
        QVERIFY2(text.contains(expected), expected);
    }
    // Through the proxy for someone outside: as if there were no such route.
    const Response outside = request(m_server->baseUrl(), "GET", QStringLiteral("/metrics"), {}, {},
                                     { { "X-Forwarded-For", "203.0.113.7" } });
    QCOMPARE(outside.status, 404);
}

void TestServerApi::rateLimitsAndLoginThrottle()
{
    m_limitedServer = std::make_unique<test::ServerProcess>(
        QStringLiteral(PT_SERVER_BINARY), m_database,
        QStringLiteral("rate_limit_per_minute = 10\nlogin_failures_per_email = 3\nlogin_failures_per_ip = 4"));
    QVERIFY(m_limitedServer->waitUntilListening());
    const QString base = m_limitedServer->baseUrl();
    auto from = [](const char *ip) {
        return QList<QPair<QByteArray, QByteArray>> { { "X-Forwarded-For", ip } };
    };

    // Per client IP (as the trusted proxy on loopback reports it).
    for (int i = 0; i < 10; ++i)
        QCOMPARE(request(base, "GET", QStringLiteral("/v1/sessions"), {}, {}, from("198.51.100.1")).status, 401);
    const Response limited = request(base, "GET", QStringLiteral("/v1/sessions"), {}, {}, from("198.51.100.1"));
    QCOMPARE(limited.status, 429);
    QCOMPARE(limited.error(), QStringLiteral("rate_limited"));
    QVERIFY(limited.header("Retry-After").toInt() >= 1);
    QVERIFY(limited.header("Retry-After").toInt() <= 60);
    // Another address is not affected; health checks are never limited.
    QCOMPARE(request(base, "GET", QStringLiteral("/v1/sessions"), {}, {}, from("198.51.100.2")).status, 401);
    for (int i = 0; i < 12; ++i)
        QCOMPARE(request(base, "GET", QStringLiteral("/healthz"), {}, {}, from("198.51.100.1")).status, 200);

    // Per account, whatever the address.
    const QString email = registerAccount(base);
    const Login who = login(email, Password, base);
    QVERIFY(!who.accessToken.isEmpty());
    int answered = 0;
    Response last;
    for (int i = 0; i < 11; ++i) {
        const QByteArray ip = "192.0.2." + QByteArray::number(10 + i);
        last = request(base, "GET", QStringLiteral("/v1/sessions"), {}, who.accessToken, { { "X-Forwarded-For", ip } });
        if (last.status == 200)
            ++answered;
    }
    QCOMPARE(answered, 10);
    QCOMPARE(last.status, 429);
    QVERIFY(!last.header("Retry-After").isEmpty());

    // Failed logins per email: after 3 failures even the right password waits.
    auto loginBody = [](const QString &email, const QString &password) {
        return QJsonDocument(
                   QJsonObject { { QStringLiteral("email"), email }, { QStringLiteral("password"), password } })
            .toJson(QJsonDocument::Compact);
    };
    for (int i = 0; i < 3; ++i) {
        const QByteArray ip = "192.0.2." + QByteArray::number(100 + i);
        QCOMPARE(request(base, "POST", QStringLiteral("/v1/auth/login"),
                         loginBody(email, QStringLiteral("wrong password %1").arg(i)), {},
                         { { "X-Forwarded-For", ip } })
                     .status,
                 401);
    }
    const Response throttled = request(base, "POST", QStringLiteral("/v1/auth/login"), loginBody(email, Password), {},
                                       { { "X-Forwarded-For", "192.0.2.200" } });
    QCOMPARE(throttled.status, 429);
    QCOMPARE(throttled.error(), QStringLiteral("throttled"));
    QVERIFY(throttled.header("Retry-After").toInt() > 60);

    // Failed logins per address: 4 different emails from one address.
    for (int i = 0; i < 4; ++i) {
        QCOMPARE(request(base, "POST", QStringLiteral("/v1/auth/login"),
                         loginBody(QStringLiteral("guess%1@example.org").arg(i), QStringLiteral("guessing password")),
                         {}, from("203.0.113.50"))
                     .status,
                 401);
    }
    QCOMPARE(request(base, "POST", QStringLiteral("/v1/auth/login"),
                     loginBody(QStringLiteral("guess9@example.org"), Password), {}, from("203.0.113.50"))
                 .error(),
             QStringLiteral("throttled"));
}

void TestServerApi::logsHoldNoSecrets()
{
    QVERIFY(m_server->stop());
    QVERIFY(!m_limitedServer || m_limitedServer->stop());
    for (const test::ServerProcess *server : { m_server.get(), m_limitedServer.get() }) {
        if (!server)
            continue;
        const QByteArray &log = server->log();
        QVERIFY(!log.isEmpty());
        for (const QByteArray &secret : std::as_const(m_secrets)) {
            QVERIFY2(!log.contains(secret), secret.left(12).constData());
        }
        QVERIFY(!log.contains(server->key().toBase64()));
        QVERIFY(!log.contains("Bearer"));
        int requests = 0;
        bool listening = false;
        bool stopped = false;
        for (const QByteArray &line : log.split('\n')) {
            if (line.isEmpty())
                continue;
            QJsonParseError error;
            const QJsonDocument document = QJsonDocument::fromJson(line, &error);
            QVERIFY2(error.error == QJsonParseError::NoError && document.isObject(), line.constData());
            const QJsonObject object = document.object();
            QVERIFY2(object.contains(QStringLiteral("ts")) && object.contains(QStringLiteral("level")),
                     line.constData());
            const QString message = object.value(QStringLiteral("msg")).toString();
            listening = listening || message == u"listening";
            stopped = stopped || message == u"stopped";
            if (message != u"request")
                continue;
            ++requests;
            QVERIFY2(!object.value(QStringLiteral("requestId")).toString().isEmpty(), line.constData());
            for (const char *field : { "method", "route", "status", "durationMs" })
                QVERIFY2(object.contains(QLatin1StringView(field)), line.constData());
            if (object.value(QStringLiteral("status")).toInt() == 401
                && object.value(QStringLiteral("route")).toString() == u"/v1/sessions")
                QVERIFY2(!object.value(QStringLiteral("reason")).toString().isEmpty(), line.constData());
        }
        QVERIFY(requests > 10);
        QVERIFY(listening && stopped);
    }
}

QTEST_GUILESS_MAIN(TestServerApi)
#include "tst_serverapi.moc"
