// AccountClient against a loopback server answering in portfolio-server's
// formats (docs/SYNC.md): what each route sends, its answers and refusals in
// words a person understands, the server URL rules (no plain http off
// loopback), and TLS: an untrusted certificate refused, a private CA trusted
// through a CA file, from the parameter or $PT_SYNC_CA_FILE.

#include "fakehttpserver.h"
#include "syncnettesting.h"

#include "syncnet/accountclient.h"
#include "syncnet/serverconnection.h"
#include "syncnet/synccredentials.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTest>

using namespace pt;
using namespace pt::test;
using namespace std::chrono_literals;

namespace {

// An HTTPS server on loopback, on the test's thread (the client's local event
// loop serves it), answering every request with one fixed JSON body.
class TinyTlsServer final : public QObject
{
public:
    bool listen(const QString &certificateFile, const QString &keyFile, QByteArray body)
    {
        m_body = std::move(body);
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setLocalCertificate(QSslCertificate::fromPath(certificateFile).value(0));
        QFile key(keyFile);
        if (!key.open(QIODevice::ReadOnly))
            return false;
        tls.setPrivateKey(QSslKey(key.readAll(), QSsl::Ec));
        m_server.setSslConfiguration(tls);
        connect(&m_server, &QSslServer::pendingConnectionAvailable, this, [this] {
            while (auto *socket = qobject_cast<QSslSocket *>(m_server.nextPendingConnection())) {
                connect(socket, &QSslSocket::readyRead, socket, [this, socket] {
                    m_buffer[socket] += socket->readAll();
                    if (!m_buffer[socket].contains("\r\n\r\n"))
                        return;
                    socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                                  + QByteArray::number(m_body.size()) + "\r\nConnection: close\r\n\r\n" + m_body);
                    socket->disconnectFromHost();
                });
                connect(socket, &QSslSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
        return m_server.listen(QHostAddress::LocalHost, 0);
    }
    QUrl url() const { return QUrl(QStringLiteral("https://127.0.0.1:%1").arg(m_server.serverPort())); }

private:
    QSslServer m_server;
    QByteArray m_body;
    QHash<QSslSocket *, QByteArray> m_buffer;
};

} // namespace

class TestAccountClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void serverUrls_data();
    void serverUrls();
    void plainHttpToAnotherHostNeverConnects();

    void registerSendsEmailAndPassword();
    void registerRefusals_data();
    void registerRefusals();
    void loginReturnsTokenPair();
    void loginRefusals_data();
    void loginRefusals();
    void tokenPairMustBeComplete_data();
    void tokenPairMustBeComplete();
    void refreshRefusedSaysSignInAgain();

    void logoutUsesAccessToken();
    void logoutEverywhereRefreshesFirstWithoutAccessToken();
    void changePasswordStoresNewRefreshToken();
    void changePasswordWithWrongCurrentPassword();
    void sessionsAreListed();
    void endSessionOfAnotherAccountIsNotFound();

    void connectionRefused();
    void timeout();
    void untrustedCertificateIsRefused();
    void caFileMakesPrivateCertificateTrusted();
    void unreadableCaFile();

private:
    bool makeCertificate();

    std::unique_ptr<FakeHttpServer> m_server;
    std::unique_ptr<syncnet::AccountClient> m_client;
    QTemporaryDir m_tlsFolder;
};

void TestAccountClient::init()
{
    m_server = std::make_unique<FakeHttpServer>();
    QVERIFY(m_server->listen());
    m_client = std::make_unique<syncnet::AccountClient>(m_server->baseUrl());
    m_client->setTimeout(10s);
}

void TestAccountClient::cleanup()
{
    m_client.reset();
    m_server.reset();
    qunsetenv("PT_SYNC_CA_FILE");
}

void TestAccountClient::serverUrls_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected"); // the URL, or the start of the error

    QTest::newRow("https") << "https://sync.example.org" << "https://sync.example.org";
    QTest::newRow("https with port and path") << "https://sync.example.org:8443/pt/" << "https://sync.example.org:8443/pt";
    QTest::newRow("trailing slashes") << " https://sync.example.org// " << "https://sync.example.org";
    QTest::newRow("upper-case scheme") << "HTTPS://sync.example.org" << "https://sync.example.org";
    QTest::newRow("http loopback v4") << "http://127.0.0.1:8080" << "http://127.0.0.1:8080";
    QTest::newRow("http loopback 127.x") << "http://127.0.0.2:8080" << "http://127.0.0.2:8080";
    QTest::newRow("http localhost") << "http://localhost:8080/" << "http://localhost:8080";
    QTest::newRow("http loopback v6") << "http://[::1]:8080" << "http://[::1]:8080";
    QTest::newRow("http to a host") << "http://sync.example.org"
                                    << "error: plain http is refused for sync.example.org";
    QTest::newRow("http to a LAN address") << "http://192.168.1.10:8080"
                                           << "error: plain http is refused for 192.168.1.10";
    QTest::newRow("ftp") << "ftp://sync.example.org" << "error: 'ftp://sync.example.org' is not an https:// URL";
    QTest::newRow("no scheme") << "sync.example.org" << "error: 'sync.example.org' is not an https:// URL";
    QTest::newRow("user info") << "https://alice:secret@sync.example.org" << "error: 'https://sync.example.org' carries";
    QTest::newRow("query") << "https://sync.example.org/?x=1" << "error: 'https://sync.example.org/?x=1' has a query";
    QTest::newRow("empty") << "" << "error: no server URL given";
}

void TestAccountClient::serverUrls()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const auto url = syncnet::parseServerUrl(text);
    if (expected.startsWith(QStringLiteral("error: "))) {
        QVERIFY(!url);
        QVERIFY2(url.error().startsWith(expected.mid(7)), qPrintable(url.error()));
        QVERIFY(!url.error().contains(QStringLiteral("secret")));
    } else {
        PT_VERIFY_OK(url);
        QCOMPARE(url->toString(), expected);
    }
}

void TestAccountClient::plainHttpToAnotherHostNeverConnects()
{
    // Whatever the caller passes, no password leaves in the clear: the check
    // runs again before every request. 192.0.2.1 (TEST-NET-1) would hang if tried.
    syncnet::AccountClient client(QUrl(QStringLiteral("http://192.0.2.1:%1").arg(m_server->baseUrl().port())));
    QElapsedTimer clock;
    clock.start();
    const auto pair = client.login(QStringLiteral("alice@example.org"), QStringLiteral("correct horse battery"),
                                   QStringLiteral("laptop"));
    QVERIFY(!pair);
    QVERIFY2(pair.error().startsWith(QStringLiteral("plain http is refused for 192.0.2.1")), qPrintable(pair.error()));
    QVERIFY(!pair.error().contains(QStringLiteral("correct horse")));
    QVERIFY(clock.elapsed() < 1000);
}

void TestAccountClient::registerSendsEmailAndPassword()
{
    m_server->on("/v1/accounts", [](const RecordedRequest &) {
        return FakeReply::json(R"({"accountId": "7"})", 201);
    });
    const auto id = m_client->registerAccount(QStringLiteral("alice@example.org"), QStringLiteral("correct horse battery"));
    PT_VERIFY_OK(id);
    QCOMPARE(*id, QStringLiteral("7"));
    const auto requests = requestsTo(*m_server, "/v1/accounts");
    QCOMPARE(requests.size(), 1);
    QCOMPARE(requests[0].method, QByteArray("POST"));
    QCOMPARE(bodyOf(requests[0]).value(QStringLiteral("email")).toString(), QStringLiteral("alice@example.org"));
    QCOMPARE(bodyOf(requests[0]).value(QStringLiteral("password")).toString(), QStringLiteral("correct horse battery"));
    QVERIFY(headerOf(requests[0], "authorization").isEmpty());
}

void TestAccountClient::registerRefusals_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("expected");

    QTest::newRow("weak password") << 400 << errorJson(QStringLiteral("weak_password"), QStringLiteral("at least 12 characters"))
                                   << QStringLiteral("the server refused the password: at least 12 characters");
    QTest::newRow("invalid email") << 400 << errorJson(QStringLiteral("invalid_email"), QStringLiteral("not an email address"))
                                   << QStringLiteral("the server refused the email address alice@example.org: not an email address");
    QTest::newRow("taken") << 409 << errorJson(QStringLiteral("email_taken"), QStringLiteral("taken"))
                           << QStringLiteral("already has an account for alice@example.org: sign in instead");
    QTest::newRow("rate limited") << 429 << errorJson(QStringLiteral("rate_limited"), QStringLiteral("slow down"))
                                  << QStringLiteral("the server is limiting requests (rate_limited: slow down): try again in 30 seconds");
    QTest::newRow("not a portfolio-server") << 404 << QByteArray("<html>nothing here</html>")
                                            << QStringLiteral("is the URL that of a portfolio-server?");
    QTest::newRow("malformed") << 201 << QByteArray("{\"accountId\"") << QStringLiteral("is not valid JSON");
}

void TestAccountClient::registerRefusals()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QString, expected);
    m_server->on("/v1/accounts", [status, body](const RecordedRequest &) {
        FakeReply reply = FakeReply::json(body, status);
        if (status == 429)
            reply.headers.append(qMakePair(QByteArray("Retry-After"), QByteArray("30")));
        return reply;
    });
    const auto id = m_client->registerAccount(QStringLiteral("alice@example.org"), QStringLiteral("short"));
    QVERIFY(!id);
    QVERIFY2(id.error().contains(expected), qPrintable(id.error()));
    QVERIFY(!id.error().contains(QStringLiteral("short")));
}

void TestAccountClient::loginReturnsTokenPair()
{
    m_server->on("/v1/auth/login", [](const RecordedRequest &) {
        return FakeReply::json(tokenPairJson(QStringLiteral("access-1"), QStringLiteral("refresh-1"), 3600));
    });
    const auto pair = m_client->login(QStringLiteral("alice@example.org"), QStringLiteral("correct horse battery"),
                                      QStringLiteral("Alice's laptop"));
    PT_VERIFY_OK(pair);
    QCOMPARE(pair->accessToken, QStringLiteral("access-1"));
    QCOMPARE(pair->refreshToken, QStringLiteral("refresh-1"));
    QCOMPARE(pair->expiresIn, 3600);
    QCOMPARE(pair->refreshExpiresIn, 30 * 24 * 3600);
    const QJsonObject sent = bodyOf(requestsTo(*m_server, "/v1/auth/login").value(0));
    QCOMPARE(sent.value(QStringLiteral("email")).toString(), QStringLiteral("alice@example.org"));
    QCOMPARE(sent.value(QStringLiteral("password")).toString(), QStringLiteral("correct horse battery"));
    QCOMPARE(sent.value(QStringLiteral("deviceName")).toString(), QStringLiteral("Alice's laptop"));
}

void TestAccountClient::loginRefusals_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("expected");

    QTest::newRow("wrong password") << 401
                                    << errorJson(QStringLiteral("invalid_credentials"), QStringLiteral("wrong email or password"))
                                    << QStringLiteral("refused the sign-in: wrong email or password");
    QTest::newRow("throttled") << 429 << errorJson(QStringLiteral("throttled"), QStringLiteral("too many failed sign-ins"))
                               << QStringLiteral("refused the sign-in: too many attempts, try again in 30 seconds");
    QTest::newRow("server failure") << 500 << errorJson(QStringLiteral("internal"), QStringLiteral("the server failed; see its log"))
                                    << QStringLiteral("the server failed on the sign-in: internal: the server failed; see its log");
    QTest::newRow("database down") << 503 << QByteArray() << QStringLiteral("the server failed on the sign-in: HTTP 503");
}

void TestAccountClient::loginRefusals()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QString, expected);
    m_server->on("/v1/auth/login", [status, body](const RecordedRequest &) {
        FakeReply reply = FakeReply::json(body, status);
        if (status == 429)
            reply.headers.append(qMakePair(QByteArray("Retry-After"), QByteArray("30")));
        return reply;
    });
    const auto pair = m_client->login(QStringLiteral("alice@example.org"), QStringLiteral("wrong horse battery"),
                                      QStringLiteral("laptop"));
    QVERIFY(!pair);
    QVERIFY2(pair.error().contains(expected), qPrintable(pair.error()));
    QVERIFY(!pair.error().contains(QStringLiteral("wrong horse")));
}

void TestAccountClient::tokenPairMustBeComplete_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("expected");
    QTest::newRow("no refresh token") << QByteArray(R"({"accessToken": "a", "expiresIn": 3600, "refreshExpiresIn": 9})")
                                      << QStringLiteral("the server's answer to the sign-in lacks \"refreshToken\"");
    QTest::newRow("expiry not a number") << QByteArray(R"({"accessToken": "a", "refreshToken": "r", "expiresIn": "1h", "refreshExpiresIn": 9})")
                                         << QStringLiteral("lacks a number of seconds in \"expiresIn\"");
    QTest::newRow("array") << QByteArray("[]") << QStringLiteral("the server's answer to the sign-in is not a JSON object");
    QTest::newRow("truncated") << QByteArray(R"({"accessToken": "a")")
                               << QStringLiteral("the server's answer to the sign-in is not valid JSON");
}

void TestAccountClient::tokenPairMustBeComplete()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, expected);
    m_server->on("/v1/auth/login", [body](const RecordedRequest &) { return FakeReply::json(body); });
    const auto pair = m_client->login(QStringLiteral("alice@example.org"), QStringLiteral("correct horse battery"),
                                      QStringLiteral("laptop"));
    QVERIFY(!pair);
    QVERIFY2(pair.error().contains(expected), qPrintable(pair.error()));
}

void TestAccountClient::refreshRefusedSaysSignInAgain()
{
    m_server->on("/v1/auth/refresh", [](const RecordedRequest &) {
        return FakeReply::json(errorJson(QStringLiteral("unauthorized"), QStringLiteral("sign in again")), 401);
    });
    const auto pair = m_client->refresh(QStringLiteral("refresh-spent"));
    QVERIFY(!pair);
    QVERIFY2(pair.error().endsWith(QStringLiteral("sign in again")), qPrintable(pair.error()));
    QVERIFY(!pair.error().contains(QStringLiteral("refresh-spent")));
}

void TestAccountClient::logoutUsesAccessToken()
{
    TestCredentials credentials(m_server->baseUrl());
    credentials->setAccessToken(QStringLiteral("access-1"), 3600s);
    m_server->on("/v1/auth/logout", [](const RecordedRequest &) { return FakeReply::text({}, 204); });
    const auto done = m_client->logout(*credentials);
    PT_VERIFY_OK(done);
    const auto requests = requestsTo(*m_server, "/v1/auth/logout");
    QCOMPARE(requests.size(), 1);
    QCOMPARE(requests[0].method, QByteArray("POST"));
    QCOMPARE(headerOf(requests[0], "authorization"), QByteArray("Bearer access-1"));
    QVERIFY(credentials->accessToken().isEmpty());
}

void TestAccountClient::logoutEverywhereRefreshesFirstWithoutAccessToken()
{
    TestCredentials credentials(m_server->baseUrl());
    QVERIFY(credentials->storeRefreshToken(QStringLiteral("refresh-1")));
    m_server->on("/v1/auth/refresh", [](const RecordedRequest &) {
        return FakeReply::json(tokenPairJson(QStringLiteral("access-2"), QStringLiteral("refresh-2")));
    });
    m_server->on("/v1/auth/logout-all", [](const RecordedRequest &) { return FakeReply::text({}, 204); });
    const auto done = m_client->logoutEverywhere(*credentials);
    PT_VERIFY_OK(done);
    QCOMPARE(headerOf(requestsTo(*m_server, "/v1/auth/logout-all").value(0), "authorization"),
             QByteArray("Bearer access-2"));
}

void TestAccountClient::changePasswordStoresNewRefreshToken()
{
    TestCredentials credentials(m_server->baseUrl());
    credentials->setAccessToken(QStringLiteral("access-1"), 3600s);
    QVERIFY(credentials->storeRefreshToken(QStringLiteral("refresh-1")));
    m_server->on("/v1/account/password", [](const RecordedRequest &) {
        return FakeReply::json(tokenPairJson(QStringLiteral("access-9"), QStringLiteral("refresh-9")));
    });
    const auto done = m_client->changePassword(*credentials, QStringLiteral("correct horse battery"),
                                               QStringLiteral("staple battery horse"));
    PT_VERIFY_OK(done);
    const QJsonObject sent = bodyOf(requestsTo(*m_server, "/v1/account/password").value(0));
    QCOMPARE(sent.value(QStringLiteral("currentPassword")).toString(), QStringLiteral("correct horse battery"));
    QCOMPARE(sent.value(QStringLiteral("newPassword")).toString(), QStringLiteral("staple battery horse"));
    QCOMPARE(credentials->refreshToken()->value_or(QString()), QStringLiteral("refresh-9"));
    QCOMPARE(credentials->accessToken(), QStringLiteral("access-9"));
}

void TestAccountClient::changePasswordWithWrongCurrentPassword()
{
    TestCredentials credentials(m_server->baseUrl());
    credentials->setAccessToken(QStringLiteral("access-1"), 3600s);
    QVERIFY(credentials->storeRefreshToken(QStringLiteral("refresh-1")));
    m_server->on("/v1/account/password", [](const RecordedRequest &) {
        return FakeReply::json(errorJson(QStringLiteral("invalid_credentials"), QStringLiteral("wrong password")), 401);
    });
    const auto done = m_client->changePassword(*credentials, QStringLiteral("not the password"),
                                               QStringLiteral("staple battery horse"));
    QVERIFY(!done);
    QVERIFY2(done.error().contains(QStringLiteral("the current password is wrong")), qPrintable(done.error()));
    // A wrong password is not a wrong token: no refresh, the sign-in stays.
    QCOMPARE(m_server->requestCount("/v1/auth/refresh"), 0);
    QCOMPARE(credentials->refreshToken()->value_or(QString()), QStringLiteral("refresh-1"));
}

void TestAccountClient::sessionsAreListed()
{
    TestCredentials credentials(m_server->baseUrl());
    credentials->setAccessToken(QStringLiteral("access-1"), 3600s);
    m_server->on("/v1/sessions", [](const RecordedRequest &) {
        return FakeReply::json(R"({"sessions": [
            {"id": "s1", "deviceName": "laptop", "createdAt": "2024-05-01T10:00:00Z", "lastUsedAt": "2024-05-02T09:00:00Z", "current": true},
            {"id": "s2", "deviceName": "desktop", "createdAt": "2024-04-01T10:00:00Z", "lastUsedAt": "2024-04-03T09:00:00Z", "current": false}]})");
    });
    const auto sessions = m_client->sessions(*credentials);
    PT_VERIFY_OK(sessions);
    QCOMPARE(sessions->size(), size_t(2));
    QCOMPARE(sessions->at(0).id, QStringLiteral("s1"));
    QCOMPARE(sessions->at(0).deviceName, QStringLiteral("laptop"));
    QVERIFY(sessions->at(0).current);
    QCOMPARE(sessions->at(1).lastUsedAt, QStringLiteral("2024-04-03T09:00:00Z"));
    QVERIFY(!sessions->at(1).current);
}

void TestAccountClient::endSessionOfAnotherAccountIsNotFound()
{
    TestCredentials credentials(m_server->baseUrl());
    credentials->setAccessToken(QStringLiteral("access-1"), 3600s);
    m_server->on("/v1/sessions/", [](const RecordedRequest &) {
        return FakeReply::json(errorJson(QStringLiteral("not_found"), QStringLiteral("no such record")), 404);
    });
    const auto done = m_client->endSession(*credentials, QStringLiteral("s 9"));
    QVERIFY(!done);
    QCOMPARE(done.error(), QStringLiteral("this account has no session s 9"));
    const auto requests = requestsTo(*m_server, "/v1/sessions/");
    QCOMPARE(requests.size(), 1);
    QCOMPARE(requests[0].method, QByteArray("DELETE"));
    QCOMPARE(requests[0].url.path(QUrl::FullyEncoded), QStringLiteral("/v1/sessions/s%209"));
}

void TestAccountClient::connectionRefused()
{
    const QUrl nowhere = closedPortUrl();
    syncnet::AccountClient client(nowhere);
    const auto id = client.registerAccount(QStringLiteral("alice@example.org"), QStringLiteral("correct horse battery"));
    QVERIFY(!id);
    QCOMPARE(id.error(), QStringLiteral("cannot reach %1: connection refused").arg(nowhere.toString()));
}

void TestAccountClient::timeout()
{
    m_server->on("/v1/auth/login", [](const RecordedRequest &) {
        FakeReply reply;
        reply.behaviour = FakeReply::Behaviour::Stall;
        return reply;
    });
    m_client->setTimeout(250ms);
    QElapsedTimer clock;
    clock.start();
    const auto pair = m_client->login(QStringLiteral("alice@example.org"), QStringLiteral("correct horse battery"),
                                      QStringLiteral("laptop"));
    QVERIFY(!pair);
    QCOMPARE(pair.error(), QStringLiteral("%1 did not answer within 0.25 seconds").arg(m_server->baseUrl().toString()));
    QVERIFY(clock.elapsed() < 3000);
}

bool TestAccountClient::makeCertificate()
{
    // A self-signed certificate for 127.0.0.1, as a self-hosted server might use.
    if (QFile::exists(m_tlsFolder.filePath(QStringLiteral("cert.pem"))))
        return true;
    QProcess openssl;
    openssl.setWorkingDirectory(m_tlsFolder.path());
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("ec"),
                   QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                   QStringLiteral("-keyout"), QStringLiteral("key.pem"), QStringLiteral("-out"),
                   QStringLiteral("cert.pem"), QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                   QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"),
                   QStringLiteral("subjectAltName=IP:127.0.0.1")});
    return openssl.waitForFinished(30000) && openssl.exitCode() == 0;
}

void TestAccountClient::untrustedCertificateIsRefused()
{
    if (!QSslSocket::supportsSsl())
        QSKIP("no TLS backend");
    if (!makeCertificate())
        QSKIP("openssl cannot make a test certificate");
    TinyTlsServer server;
    QVERIFY(server.listen(m_tlsFolder.filePath(QStringLiteral("cert.pem")), m_tlsFolder.filePath(QStringLiteral("key.pem")),
                          tokenPairJson(QStringLiteral("a"), QStringLiteral("r"))));
    syncnet::AccountClient client(server.url());
    client.setTimeout(10s);
    const auto pair = client.login(QStringLiteral("alice@example.org"), QStringLiteral("correct horse battery"),
                                   QStringLiteral("laptop"));
    QVERIFY(!pair);
    QVERIFY2(pair.error().startsWith(QStringLiteral("the server's certificate is not trusted: ")), qPrintable(pair.error()));
    QVERIFY2(pair.error().contains(QStringLiteral("self signed"), Qt::CaseInsensitive)
                 || pair.error().contains(QStringLiteral("self-signed"), Qt::CaseInsensitive),
             qPrintable(pair.error()));
}

void TestAccountClient::caFileMakesPrivateCertificateTrusted()
{
    if (!QSslSocket::supportsSsl())
        QSKIP("no TLS backend");
    if (!makeCertificate())
        QSKIP("openssl cannot make a test certificate");
    TinyTlsServer server;
    const QString certificate = m_tlsFolder.filePath(QStringLiteral("cert.pem"));
    QVERIFY(server.listen(certificate, m_tlsFolder.filePath(QStringLiteral("key.pem")),
                          tokenPairJson(QStringLiteral("access-tls"), QStringLiteral("refresh-tls"))));
    {
        syncnet::AccountClient client(server.url(), certificate);
        client.setTimeout(10s);
        const auto pair = client.login(QStringLiteral("alice@example.org"), QStringLiteral("correct horse battery"),
                                       QStringLiteral("laptop"));
        PT_VERIFY_OK(pair);
        QCOMPARE(pair->accessToken, QStringLiteral("access-tls"));
    }
    {
        // No parameter: the environment's file.
        qputenv("PT_SYNC_CA_FILE", certificate.toLocal8Bit());
        syncnet::AccountClient client(server.url());
        client.setTimeout(10s);
        const auto pair = client.login(QStringLiteral("alice@example.org"), QStringLiteral("correct horse battery"),
                                       QStringLiteral("laptop"));
        PT_VERIFY_OK(pair);
    }
}

void TestAccountClient::unreadableCaFile()
{
    const QString missing = m_tlsFolder.filePath(QStringLiteral("no-such-ca.pem"));
    syncnet::AccountClient client(QUrl(QStringLiteral("https://127.0.0.1:1")), missing);
    const auto pair = client.refresh(QStringLiteral("refresh-1"));
    QVERIFY(!pair);
    QCOMPARE(pair.error(), QStringLiteral("cannot read the CA certificate file %1").arg(missing));

    const QString notPem = m_tlsFolder.filePath(QStringLiteral("not-a-certificate.pem"));
    QFile file(notPem);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("hello\n");
    file.close();
    syncnet::AccountClient other(QUrl(QStringLiteral("https://127.0.0.1:1")), notPem);
    const auto again = other.refresh(QStringLiteral("refresh-1"));
    QVERIFY(!again);
    QCOMPARE(again.error(), QStringLiteral("the CA certificate file %1 holds no PEM certificate").arg(notPem));
}

QTEST_GUILESS_MAIN(TestAccountClient)
#include "tst_accountclient.moc"
