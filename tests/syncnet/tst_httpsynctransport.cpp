// HttpSyncTransport against a loopback HTTP server answering in
// portfolio-server's formats (docs/SYNC.md): the bearer token, the one refresh
// after a 401 with the rotated refresh token stored before the retry, the
// server's refusals in its own words, Retry-After, malformed answers, and
// network failures and timeouts that end as errors, never hangs.

#include "../common/secretservicetesting.h"
#include "fakehttpserver.h"
#include "syncnettesting.h"

#include "sync/syncmessage.h"
#include "syncnet/accountclient.h"
#include "syncnet/httpsynctransport.h"
#include "syncnet/synccredentials.h"

#include <QElapsedTimer>
#include <QTest>
#include <QUrlQuery>

using namespace pt;
using namespace pt::test;
using namespace std::chrono_literals;

namespace {

sync::SyncChange portfolioChange(const QString &uuid, const QString &name, std::int64_t seq = 0)
{
    sync::SyncChange change;
    change.kind = sync::RecordKind::Portfolio;
    change.uuid = uuid;
    change.stamp = {1'700'000'000'000, 3, QStringLiteral("0f0e0d0c-0b0a-4908-8706-050403020100")};
    change.fields = QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("currency"), QStringLiteral("EUR")}};
    change.seq = seq;
    return change;
}

const QString DeviceId = QStringLiteral("0f0e0d0c-0b0a-4908-8706-050403020100");

sync::PushRequest pushRequest()
{
    return {DeviceId,
            {portfolioChange(QStringLiteral("11111111-2222-4333-8444-555555555555"), QStringLiteral("Main")),
             portfolioChange(QStringLiteral("66666666-7777-4888-8999-aaaaaaaaaaaa"), QStringLiteral("Kids"))},
            {}};
}

QByteArray pushReplyJson(int accepted, int duplicates, std::int64_t cursor)
{
    return sync::encodePushReply({accepted, duplicates, cursor});
}

} // namespace

class TestHttpSyncTransport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void pushSendsBearerTokenAndReadsReply();
    void pullPassesCursorAndReadsPage();
    void signsInWithStoredRefreshTokenFirst();
    void unauthorizedRefreshesOnceAndStoresRotatedToken();
    void refreshRefusedSaysSignInAgain();
    void stillUnauthorizedAfterRefreshSaysSignInAgain();
    void notSignedInSaysSo();
    void clockAheadCarriesServerMessage();
    void rateLimitNamesRetryAfter();
    void serverFailureWithoutErrorBody();
    void malformedReplies_data();
    void malformedReplies();
    void connectionRefusedIsAnError();
    void stalledServerTimesOut();
    void droppedConnectionIsAnError();

private:
    std::unique_ptr<FakeHttpServer> m_server;
    std::unique_ptr<TestCredentials> m_credentials;
    std::unique_ptr<syncnet::AccountClient> m_client;
};

void TestHttpSyncTransport::init()
{
    m_server = std::make_unique<FakeHttpServer>();
    QVERIFY(m_server->listen());
    m_credentials = std::make_unique<TestCredentials>(m_server->baseUrl());
    m_client = std::make_unique<syncnet::AccountClient>(m_server->baseUrl());
    m_client->setTimeout(10s);
}

void TestHttpSyncTransport::cleanup()
{
    m_client.reset();
    m_credentials.reset();
    m_server.reset();
}

void TestHttpSyncTransport::pushSendsBearerTokenAndReadsReply()
{
    (*m_credentials)->setAccessToken(QStringLiteral("access-1"), 3600s);
    m_server->on("/v1/sync/push", [](const RecordedRequest &) { return FakeReply::json(pushReplyJson(2, 0, 17)); });

    syncnet::HttpSyncTransport transport(*m_client, **m_credentials);
    const sync::PushRequest request = pushRequest();
    const auto reply = transport.push(request);
    PT_VERIFY_OK(reply);
    QCOMPARE(reply->accepted, 2);
    QCOMPARE(reply->duplicates, 0);
    QCOMPARE(reply->cursor, 17);

    const auto pushes = requestsTo(*m_server, "/v1/sync/push");
    QCOMPARE(pushes.size(), 1);
    QCOMPARE(pushes[0].method, QByteArray("POST"));
    QCOMPARE(headerOf(pushes[0], "authorization"), QByteArray("Bearer access-1"));
    QVERIFY(headerOf(pushes[0], "content-type").startsWith("application/json"));
    const auto sent = sync::decodePushRequest(pushes[0].body);
    PT_VERIFY_OK(sent);
    QCOMPARE(sent->deviceId, DeviceId);
    QCOMPARE(sent->changes.size(), request.changes.size());
    QCOMPARE(sent->changes[1], request.changes[1]);
    QCOMPARE(m_server->requestCount("/v1/auth/refresh"), 0); // a valid access token needs no refresh
}

void TestHttpSyncTransport::pullPassesCursorAndReadsPage()
{
    (*m_credentials)->setAccessToken(QStringLiteral("access-1"), 3600s);
    sync::PullPage page;
    page.changes.push_back(portfolioChange(QStringLiteral("11111111-2222-4333-8444-555555555555"), QStringLiteral("Main"), 41));
    page.changes.push_back(portfolioChange(QStringLiteral("66666666-7777-4888-8999-aaaaaaaaaaaa"), QStringLiteral("Kids"), 42));
    page.cursor = 42;
    page.more = true;
    m_server->on("/v1/sync/pull", [page](const RecordedRequest &) { return FakeReply::json(sync::encodePullPage(page)); });

    syncnet::HttpSyncTransport transport(*m_client, **m_credentials);
    const auto pulled = transport.pull(40, 500);
    PT_VERIFY_OK(pulled);
    QCOMPARE(pulled->cursor, 42);
    QVERIFY(pulled->more);
    QCOMPARE(pulled->changes.size(), size_t(2));
    QCOMPARE(pulled->changes[0], page.changes[0]);
    QCOMPARE(pulled->changes[1].seq, 42);

    const auto pulls = requestsTo(*m_server, "/v1/sync/pull");
    QCOMPARE(pulls.size(), 1);
    QCOMPARE(pulls[0].method, QByteArray("GET"));
    const QUrlQuery query(pulls[0].url);
    QCOMPARE(query.queryItemValue(QStringLiteral("after")), QStringLiteral("40"));
    QCOMPARE(query.queryItemValue(QStringLiteral("limit")), QStringLiteral("500"));
    QCOMPARE(headerOf(pulls[0], "authorization"), QByteArray("Bearer access-1"));
}

void TestHttpSyncTransport::signsInWithStoredRefreshTokenFirst()
{
    // No access token in memory (a fresh start): the stored refresh token gets one.
    const auto stored = (*m_credentials)->storeRefreshToken(QStringLiteral("refresh-1"));
    PT_VERIFY_OK(stored);
    m_server->on("/v1/auth/refresh", [](const RecordedRequest &) {
        return FakeReply::json(tokenPairJson(QStringLiteral("access-2"), QStringLiteral("refresh-2")));
    });
    m_server->on("/v1/sync/push", [](const RecordedRequest &) { return FakeReply::json(pushReplyJson(2, 0, 2)); });

    syncnet::HttpSyncTransport transport(*m_client, **m_credentials);
    const auto reply = transport.push(pushRequest());
    PT_VERIFY_OK(reply);

    const auto refreshes = requestsTo(*m_server, "/v1/auth/refresh");
    QCOMPARE(refreshes.size(), 1);
    QCOMPARE(bodyOf(refreshes[0]).value(QStringLiteral("refreshToken")).toString(), QStringLiteral("refresh-1"));
    QCOMPARE(headerOf(requestsTo(*m_server, "/v1/sync/push").value(0), "authorization"), QByteArray("Bearer access-2"));
    const auto now = (*m_credentials)->refreshToken();
    PT_VERIFY_OK(now);
    QCOMPARE(now->value_or(QString()), QStringLiteral("refresh-2"));
    QCOMPARE((*m_credentials)->accessToken(), QStringLiteral("access-2"));

    // The access token is reused for the next request.
    QVERIFY(transport.push(pushRequest()));
    QCOMPARE(m_server->requestCount("/v1/auth/refresh"), 1);
}

void TestHttpSyncTransport::unauthorizedRefreshesOnceAndStoresRotatedToken()
{
    (*m_credentials)->setAccessToken(QStringLiteral("access-expired"), 3600s);
    QVERIFY((*m_credentials)->storeRefreshToken(QStringLiteral("refresh-1")));
    m_server->on("/v1/auth/refresh", [](const RecordedRequest &) {
        return FakeReply::json(tokenPairJson(QStringLiteral("access-2"), QStringLiteral("refresh-2")));
    });
    m_server->on("/v1/sync/push", [](const RecordedRequest &request) {
        if (headerOf(request, "authorization") != "Bearer access-2")
            return FakeReply::json(errorJson(QStringLiteral("unauthorized"), QStringLiteral("sign in again")), 401);
        return FakeReply::json(pushReplyJson(1, 1, 9));
    });

    syncnet::HttpSyncTransport transport(*m_client, **m_credentials);
    const auto reply = transport.push(pushRequest());
    PT_VERIFY_OK(reply);
    QCOMPARE(reply->duplicates, 1);

    const auto pushes = requestsTo(*m_server, "/v1/sync/push");
    QCOMPARE(pushes.size(), 2);
    QCOMPARE(headerOf(pushes[0], "authorization"), QByteArray("Bearer access-expired"));
    QCOMPARE(headerOf(pushes[1], "authorization"), QByteArray("Bearer access-2"));
    QCOMPARE(pushes[1].body, pushes[0].body); // the same batch, retried
    const auto refreshes = requestsTo(*m_server, "/v1/auth/refresh");
    QCOMPARE(refreshes.size(), 1);
    QCOMPARE(bodyOf(refreshes[0]).value(QStringLiteral("refreshToken")).toString(), QStringLiteral("refresh-1"));
    const auto now = (*m_credentials)->refreshToken();
    PT_VERIFY_OK(now);
    QCOMPARE(now->value_or(QString()), QStringLiteral("refresh-2"));
}

void TestHttpSyncTransport::refreshRefusedSaysSignInAgain()
{
    (*m_credentials)->setAccessToken(QStringLiteral("access-expired"), 3600s);
    QVERIFY((*m_credentials)->storeRefreshToken(QStringLiteral("refresh-revoked")));
    m_server->on("/v1/auth/refresh", [](const RecordedRequest &) {
        return FakeReply::json(errorJson(QStringLiteral("unauthorized"), QStringLiteral("sign in again")), 401);
    });
    m_server->on("/v1/sync/pull", [](const RecordedRequest &) {
        return FakeReply::json(errorJson(QStringLiteral("unauthorized"), QStringLiteral("sign in again")), 401);
    });

    syncnet::HttpSyncTransport transport(*m_client, **m_credentials);
    const auto pulled = transport.pull(0, 1000);
    QVERIFY(!pulled);
    QVERIFY2(pulled.error().contains(QStringLiteral("sign in again")), qPrintable(pulled.error()));
    QVERIFY2(pulled.error().contains(m_server->baseUrl().toString()), qPrintable(pulled.error()));
    QVERIFY2(!pulled.error().contains(QStringLiteral("refresh-revoked")), qPrintable(pulled.error()));
    QCOMPARE(m_server->requestCount("/v1/sync/pull"), 1); // no retry without a new token
    QCOMPARE(m_server->requestCount("/v1/auth/refresh"), 1);
}

void TestHttpSyncTransport::stillUnauthorizedAfterRefreshSaysSignInAgain()
{
    QVERIFY((*m_credentials)->storeRefreshToken(QStringLiteral("refresh-1")));
    m_server->on("/v1/auth/refresh", [](const RecordedRequest &) {
        return FakeReply::json(tokenPairJson(QStringLiteral("access-2"), QStringLiteral("refresh-2")));
    });
    m_server->on("/v1/sync/push", [](const RecordedRequest &) {
        return FakeReply::json(errorJson(QStringLiteral("unauthorized"), QStringLiteral("sign in again")), 401);
    });

    syncnet::HttpSyncTransport transport(*m_client, **m_credentials);
    const auto reply = transport.push(pushRequest());
    QVERIFY(!reply);
    QVERIFY2(reply.error().contains(QStringLiteral("sign in again")), qPrintable(reply.error()));
    // Refreshed once (no token in memory), pushed once: a second refresh would loop.
    QCOMPARE(m_server->requestCount("/v1/auth/refresh"), 1);
    QCOMPARE(m_server->requestCount("/v1/sync/push"), 1);
    QCOMPARE((*m_credentials)->refreshToken()->value_or(QString()), QStringLiteral("refresh-2"));
    QVERIFY((*m_credentials)->accessToken().isEmpty());
}

void TestHttpSyncTransport::notSignedInSaysSo()
{
    syncnet::HttpSyncTransport transport(*m_client, **m_credentials);
    const auto reply = transport.push(pushRequest());
    QVERIFY(!reply);
    // Without a keychain (and no unencrypted file) it cannot even tell: it says why.
    const QString expected = withSecretService() ? QStringLiteral("not signed in to %1 alice@example.org on this device: sign in again")
                                                 : QStringLiteral("cannot read the sync sign-in of %1 alice@example.org from the keychain: no keychain available");
    QVERIFY2(reply.error().startsWith(expected.arg(m_server->baseUrl().toString())), qPrintable(reply.error()));
    QCOMPARE(m_server->requests().size(), 0);
}

void TestHttpSyncTransport::clockAheadCarriesServerMessage()
{
    (*m_credentials)->setAccessToken(QStringLiteral("access-1"), 3600s);
    const QString message = QStringLiteral("changes[0] is stamped 7 minutes ahead of the server's clock; "
                                           "check this computer's clock");
    m_server->on("/v1/sync/push", [message](const RecordedRequest &) {
        return FakeReply::json(errorJson(QStringLiteral("clock_ahead"), message), 422);
    });

    syncnet::HttpSyncTransport transport(*m_client, **m_credentials);
    const auto reply = transport.push(pushRequest());
    QVERIFY(!reply);
    QCOMPARE(reply.error(), QStringLiteral("clock_ahead: ") + message);
    QCOMPARE(m_server->requestCount("/v1/sync/push"), 1);
}

void TestHttpSyncTransport::rateLimitNamesRetryAfter()
{
    (*m_credentials)->setAccessToken(QStringLiteral("access-1"), 3600s);
    m_server->on("/v1/sync/pull", [](const RecordedRequest &) {
        FakeReply reply = FakeReply::json(errorJson(QStringLiteral("rate_limited"), QStringLiteral("too many requests")), 429);
        reply.headers.append(qMakePair(QByteArray("Retry-After"), QByteArray("42")));
        return reply;
    });

    syncnet::HttpSyncTransport transport(*m_client, **m_credentials);
    const auto pulled = transport.pull(0, 1000);
    QVERIFY(!pulled);
    QVERIFY2(pulled.error().contains(QStringLiteral("try again in 42 seconds")), qPrintable(pulled.error()));
    QVERIFY2(pulled.error().contains(QStringLiteral("rate_limited")), qPrintable(pulled.error()));
    QCOMPARE(m_server->requestCount("/v1/sync/pull"), 1); // not retried here: the engine's caller decides
}

void TestHttpSyncTransport::serverFailureWithoutErrorBody()
{
    (*m_credentials)->setAccessToken(QStringLiteral("access-1"), 3600s);
    m_server->on("/v1/sync/pull", [](const RecordedRequest &) {
        FakeReply reply = FakeReply::text("<html>502 Bad Gateway</html>", 502);
        return reply;
    });
    syncnet::HttpSyncTransport transport(*m_client, **m_credentials);
    const auto pulled = transport.pull(0, 1000);
    QVERIFY(!pulled);
    QVERIFY2(pulled.error().contains(QStringLiteral("the server failed on the pull: HTTP 502")), qPrintable(pulled.error()));
}

void TestHttpSyncTransport::malformedReplies_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("expected");

    QTest::newRow("push: not JSON") << QByteArray("/v1/sync/push") << QByteArray("{\"accepted\": 1,")
                                    << QStringLiteral("the server's answer to the push is not a push reply: ");
    QTest::newRow("push: wrong type") << QByteArray("/v1/sync/push")
                                      << QByteArray(R"({"accepted": "two", "duplicates": 0, "cursor": 3})")
                                      << QStringLiteral("accepted");
    QTest::newRow("pull: not JSON") << QByteArray("/v1/sync/pull") << QByteArray("<html>hello</html>")
                                    << QStringLiteral("not valid JSON");
    QTest::newRow("pull: bad change") << QByteArray("/v1/sync/pull")
                                      << QByteArray(R"({"changes": [{"kind": "car"}], "cursor": 1, "more": false})")
                                      << QStringLiteral("changes[0]");
}

void TestHttpSyncTransport::malformedReplies()
{
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, body);
    QFETCH(QString, expected);
    (*m_credentials)->setAccessToken(QStringLiteral("access-1"), 3600s);
    m_server->on(path, [body](const RecordedRequest &) { return FakeReply::json(body); });

    syncnet::HttpSyncTransport transport(*m_client, **m_credentials);
    const QString error = path.endsWith("push") ? transport.push(pushRequest()).error() : transport.pull(0, 10).error();
    QVERIFY2(error.contains(expected), qPrintable(error));
}

void TestHttpSyncTransport::connectionRefusedIsAnError()
{
    const QUrl nowhere = closedPortUrl();
    syncnet::AccountClient client(nowhere);
    TestCredentials credentials(nowhere);
    credentials->setAccessToken(QStringLiteral("access-1"), 3600s);
    syncnet::HttpSyncTransport transport(client, *credentials);
    QElapsedTimer clock;
    clock.start();
    const auto pulled = transport.pull(0, 1000);
    QVERIFY(!pulled);
    QCOMPARE(pulled.error(), QStringLiteral("cannot reach %1: connection refused").arg(nowhere.toString()));
    QVERIFY(clock.elapsed() < 5000);
}

void TestHttpSyncTransport::stalledServerTimesOut()
{
    (*m_credentials)->setAccessToken(QStringLiteral("access-1"), 3600s);
    m_server->on("/v1/sync/push", [](const RecordedRequest &) {
        FakeReply reply;
        reply.behaviour = FakeReply::Behaviour::Stall;
        return reply;
    });
    m_client->setTimeout(300ms);
    syncnet::HttpSyncTransport transport(*m_client, **m_credentials);
    QElapsedTimer clock;
    clock.start();
    const auto reply = transport.push(pushRequest());
    QVERIFY(!reply);
    QCOMPARE(reply.error(), QStringLiteral("%1 did not answer within 0.3 seconds").arg(m_server->baseUrl().toString()));
    QVERIFY2(clock.elapsed() < 3000, qPrintable(QString::number(clock.elapsed())));
}

void TestHttpSyncTransport::droppedConnectionIsAnError()
{
    (*m_credentials)->setAccessToken(QStringLiteral("access-1"), 3600s);
    m_server->on("/v1/sync/pull", [](const RecordedRequest &) {
        FakeReply reply = FakeReply::json(R"({"changes": [], "cursor": 0, "more": false})");
        reply.behaviour = FakeReply::Behaviour::DropMidBody;
        return reply;
    });
    syncnet::HttpSyncTransport transport(*m_client, **m_credentials);
    const auto pulled = transport.pull(0, 1000);
    QVERIFY(!pulled);
    QVERIFY2(pulled.error().startsWith(QStringLiteral("cannot reach %1: ").arg(m_server->baseUrl().toString())),
             qPrintable(pulled.error()));
}

QTEST_GUILESS_MAIN(TestHttpSyncTransport)
#include "tst_httpsynctransport.moc"
