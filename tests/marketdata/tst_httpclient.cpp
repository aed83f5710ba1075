// Tests of the market-data HTTP client against the loopback fake server:
// pass-through, retries on 429/5xx/transport failures with Retry-After and
// backoff, no retries on other 4xx, timeouts, online status, the circuit
// breaker, the token bucket, the User-Agent, cookies and redirects.
// Policies use short timeouts and backoffs so the whole suite stays quick.

#include "fakehttpserver.h"
#include "marketdata/httpclient.h"
#include "marketdata/sourcepolicies.h"
#include "testsupport.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <memory>

using namespace std::chrono_literals;
using namespace Qt::StringLiterals;
using namespace pt::marketdata;
using pt::Result;
using pt::test::FakeHttpServer;
using pt::test::FakeReply;
using pt::test::RecordedRequest;

namespace {

using Answer = Result<HttpResponse>;

// Waits for the future with the test's event loop running (so queued signals
// arrive), at most `timeoutMs`.
Answer await(const QFuture<Answer> &future, int timeoutMs = 20000)
{
    if (!QTest::qWaitFor([&] { return future.isFinished(); }, timeoutMs))
        return pt::Error { u"no answer within %1 ms"_s.arg(timeoutMs) };
    return future.result();
}

SourcePolicy fastPolicy()
{
    SourcePolicy policy;
    policy.requestsPerSecond = 1000;
    policy.burst = 100;
    policy.maxAttempts = 3;
    policy.timeout = 400ms;
    policy.baseBackoff = 20ms;
    policy.maxBackoff = 2000ms;
    policy.breakerThreshold = 100;
    policy.breakerCooldown = 500ms;
    return policy;
}

FakeReply withHeader(FakeReply reply, const QByteArray &name, const QByteArray &value)
{
    reply.headers.append(qMakePair(name, value));
    return reply;
}

FakeReply behaving(FakeReply::Behaviour behaviour, const QByteArray &body = {})
{
    FakeReply reply = FakeReply::json(body);
    reply.behaviour = behaviour;
    return reply;
}

QByteArray headerOf(const RecordedRequest &request, const QByteArray &name)
{
    for (const auto &[key, value] : request.headers) {
        if (key == name)
            return value;
    }
    return {};
}

} // namespace

class TestHttpClient final : public QObject
{
    Q_OBJECT

    std::unique_ptr<FakeHttpServer> m_server;
    std::unique_ptr<HttpClient> m_client;

    HttpRequest get(const QString &target, const QString &source = u"test"_s) const
    {
        HttpRequest request;
        request.source = source;
        request.url = m_server->baseUrl().resolved(QUrl(target));
        return request;
    }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<FakeHttpServer>();
        QVERIFY(m_server->listen());
        m_client = std::make_unique<HttpClient>();
        m_client->setPolicy(u"test"_s, fastPolicy());
    }
    void cleanup()
    {
        m_client.reset();
        m_server.reset();
    }

    void okPassesThrough()
    {
        m_server->on("/v8/finance/chart/", [](const RecordedRequest &) {
            return withHeader(FakeReply::json("{\"chart\":{}}"), "X-Mbx-Used-Weight-1m", "2");
        });
        HttpRequest request = get(u"/v8/finance/chart/AAPL?range=1y"_s);
        request.headers.append(qMakePair(QByteArray("Accept"), QByteArray("application/json")));
        const Answer answer = await(m_client->send(request));
        PT_VERIFY_OK(answer);
        QCOMPARE(answer->status, 200);
        QCOMPARE(answer->body, QByteArray("{\"chart\":{}}"));
        QCOMPARE(answer->attempts, 1);
        QCOMPARE(answer->header("x-mbx-used-weight-1m"), QByteArray("2"));
        QCOMPARE(answer->header("content-type"), QByteArray("application/json"));
        QCOMPARE(m_server->requestCount(), 1);
        const RecordedRequest received = m_server->requests().constFirst();
        QCOMPARE(received.url.query(), u"range=1y"_s);
        QCOMPARE(headerOf(received, "accept"), QByteArray("application/json"));
        QVERIFY(m_client->isOnline());
    }

    void userAgentSent()
    {
        m_server->on("/", [](const RecordedRequest &) { return FakeReply::json("{}"); });
        PT_VERIFY_OK(await(m_client->send(get(u"/a"_s))));
        QVERIFY2(headerOf(m_server->requests().constLast(), "user-agent").contains("PortfolioTracker"),
                 headerOf(m_server->requests().constLast(), "user-agent").constData());
        m_client->setUserAgent("Mozilla/5.0 (123456)");
        PT_VERIFY_OK(await(m_client->send(get(u"/b"_s))));
        QCOMPARE(headerOf(m_server->requests().constLast(), "user-agent"), QByteArray("Mozilla/5.0 (123456)"));
    }

    void retryAfterSecondsIsHonoured()
    {
        m_server->onSequence(
            "/q", { withHeader(FakeReply::json("{}", 429), "Retry-After", "1"), FakeReply::json("{\"ok\":true}") });
        const Answer answer = await(m_client->send(get(u"/q"_s)));
        PT_VERIFY_OK(answer);
        QCOMPARE(answer->status, 200);
        QCOMPARE(answer->attempts, 2);
        const auto requests = m_server->requests();
        QCOMPARE(requests.size(), 2);
        const qint64 gap = requests[1].receivedAtMs - requests[0].receivedAtMs;
        QVERIFY2(gap >= 995, qPrintable(u"retried after %1 ms"_s.arg(gap)));
    }

    void tooManyRequestsWithoutRetryAfterBacksOff()
    {
        m_server->onSequence("/q", { FakeReply::json("{}", 429), FakeReply::json("{}", 429), FakeReply::json("[1]") });
        const Answer answer = await(m_client->send(get(u"/q"_s)));
        PT_VERIFY_OK(answer);
        QCOMPARE(answer->body, QByteArray("[1]"));
        QCOMPARE(answer->attempts, 3);
    }

    void plainTextTooManyRequestsIsReturnedAfterTheLastAttempt()
    {
        m_server->on("/v7/", [](const RecordedRequest &) { return FakeReply::text("Edge: Too Many Requests", 429); });
        const Answer answer = await(m_client->send(get(u"/v7/finance/quote?symbols=AAPL"_s)));
        PT_VERIFY_OK(answer); // an HTTP answer, for the provider to word
        QCOMPARE(answer->status, 429);
        QCOMPARE(answer->body, QByteArray("Edge: Too Many Requests"));
        QCOMPARE(answer->attempts, 3);
        QCOMPARE(m_server->requestCount(), 3);
    }

    void rateLimitBodyWith200IsA429()
    {
        SourcePolicy policy = fastPolicy();
        policy.isRateLimited = yahooRateLimited;
        m_client->setPolicy(u"yahoo"_s, policy);
        m_server->onSequence("/chart",
                             { FakeReply::text("Edge: Too Many Requests"), FakeReply::json("{\"chart\":1}") });
        const Answer retried = await(m_client->send(get(u"/chart"_s, u"yahoo"_s)));
        PT_VERIFY_OK(retried);
        QCOMPARE(retried->status, 200);
        QCOMPARE(retried->body, QByteArray("{\"chart\":1}"));
        QCOMPARE(retried->attempts, 2);

        m_server->on("/limited", [](const RecordedRequest &) { return FakeReply::text("Too Many Requests"); });
        const Answer limited = await(m_client->send(get(u"/limited"_s, u"yahoo"_s)));
        PT_VERIFY_OK(limited);
        QCOMPARE(limited->status, 429); // reported as what it is
        QCOMPARE(limited->attempts, 3);
    }

    void longRetryAfterIsReturnedAtOnce()
    {
        m_server->on(
            "/q", [](const RecordedRequest &) { return withHeader(FakeReply::json("{}", 429), "Retry-After", "119"); });
        QElapsedTimer timer;
        timer.start();
        const Answer answer = await(m_client->send(get(u"/q"_s)));
        PT_VERIFY_OK(answer);
        QCOMPARE(answer->status, 429);
        QCOMPARE(answer->attempts, 1);
        QCOMPARE(answer->header("retry-after"), QByteArray("119"));
        QVERIFY(timer.elapsed() < 2000);
    }

    void serverErrorsAreRetried()
    {
        m_server->onSequence("/q",
                             { FakeReply::text("busy", 503), FakeReply::text("oops", 500), FakeReply::json("{}") });
        const Answer answer = await(m_client->send(get(u"/q"_s)));
        PT_VERIFY_OK(answer);
        QCOMPARE(answer->status, 200);
        QCOMPARE(answer->attempts, 3);
    }

    void clientErrorsAreNotRetried_data()
    {
        QTest::addColumn<int>("status");
        QTest::newRow("404") << 404;
        QTest::newRow("400") << 400;
        QTest::newRow("401") << 401;
        QTest::newRow("422") << 422;
    }
    void clientErrorsAreNotRetried()
    {
        QFETCH(int, status);
        m_server->on("/q", [status](const RecordedRequest &) {
            return FakeReply::json("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}", status);
        });
        const Answer answer = await(m_client->send(get(u"/q"_s)));
        PT_VERIFY_OK(answer);
        QCOMPARE(answer->status, status);
        QCOMPARE(answer->body, QByteArray("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}"));
        QCOMPARE(answer->attempts, 1);
        QCOMPARE(m_server->requestCount(), 1);
    }

    void stallTimesOut()
    {
        m_server->on("/v8/finance/chart/",
                     [](const RecordedRequest &) { return behaving(FakeReply::Behaviour::Stall); });
        const HttpRequest request = get(u"/v8/finance/chart/AAPL"_s);
        QElapsedTimer timer;
        timer.start();
        const Answer answer = await(m_client->send(request));
        QVERIFY(!answer.ok());
        QVERIFY2(answer.error().contains(request.url.toDisplayString()), qPrintable(answer.error()));
        QVERIFY2(answer.error().contains(u"timed out"_s), qPrintable(answer.error()));
        QVERIFY2(answer.error().startsWith(u"test: GET "_s), qPrintable(answer.error()));
        QVERIFY2(answer.error().contains(u"3 attempts"_s), qPrintable(answer.error()));
        QCOMPARE(m_server->requestCount(), 3);
        QVERIFY(timer.elapsed() >= 3 * 400 - 50);
        QVERIFY2(m_client->isOnline(), "a silent server is not a lost network");
    }

    void dropMidBodyIsRetriedThenAnError()
    {
        m_server->onSequence(
            "/q",
            { behaving(FakeReply::Behaviour::DropMidBody, QByteArray(2000, 'x')), FakeReply::json("{\"ok\":1}") });
        const Answer recovered = await(m_client->send(get(u"/q"_s)));
        PT_VERIFY_OK(recovered);
        QCOMPARE(recovered->body, QByteArray("{\"ok\":1}"));
        QCOMPARE(recovered->attempts, 2);

        m_server->on("/d", [](const RecordedRequest &) {
            return behaving(FakeReply::Behaviour::DropMidBody, QByteArray(2000, 'x'));
        });
        const Answer answer = await(m_client->send(get(u"/d"_s)));
        QVERIFY(!answer.ok());
        QVERIFY2(answer.error().contains(u"connection closed"_s), qPrintable(answer.error()));
        QVERIFY2(answer.error().contains(u"/d"_s), qPrintable(answer.error()));
        QCOMPARE(m_server->requestCount("/d"), 3);
    }

    void closeImmediatelyIsAnError()
    {
        m_server->on("/c", [](const RecordedRequest &) { return behaving(FakeReply::Behaviour::CloseImmediately); });
        const Answer answer = await(m_client->send(get(u"/c"_s)));
        QVERIFY(!answer.ok());
        QVERIFY2(answer.error().contains(u"connection closed"_s), qPrintable(answer.error()));
        // Qt may itself resend once on a connection closed before any byte.
        QVERIFY(m_server->requestCount("/c") >= 3);
    }

    void refusedMeansOffline()
    {
        // A port nobody listens on: bound, then released.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 port = probe.serverPort();
        probe.close();
        QSignalSpy changed(m_client.get(), &HttpClient::onlineChanged);

        HttpRequest request;
        request.source = u"test"_s;
        request.url = QUrl(u"http://127.0.0.1:%1/v8/finance/chart/AAPL"_s.arg(port));
        const Answer answer = await(m_client->send(request));
        QVERIFY(!answer.ok());
        QVERIFY2(answer.error().contains(u"connection refused"_s), qPrintable(answer.error()));
        QVERIFY2(answer.error().contains(request.url.toDisplayString()), qPrintable(answer.error()));
        QVERIFY(!m_client->isOnline());
        QTRY_COMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).toBool(), false);

        m_server->on("/", [](const RecordedRequest &) { return FakeReply::json("{}", 404); });
        PT_VERIFY_OK(await(m_client->send(get(u"/back"_s))));
        QVERIFY(m_client->isOnline());
        QTRY_COMPARE(changed.count(), 2);
        QCOMPARE(changed.at(1).at(0).toBool(), true);
    }

    void circuitBreakerOpensAndHalfOpens()
    {
        SourcePolicy policy = fastPolicy();
        policy.maxAttempts = 1;
        policy.breakerThreshold = 3;
        policy.breakerCooldown = 600ms;
        m_client->setPolicy(u"flaky"_s, policy);
        m_server->on("/q", [](const RecordedRequest &) { return FakeReply::text("down", 503); });

        for (int i = 0; i < 3; ++i) {
            const Answer answer = await(m_client->send(get(u"/q"_s, u"flaky"_s)));
            PT_VERIFY_OK(answer);
            QCOMPARE(answer->status, 503);
        }
        QCOMPARE(m_server->requestCount(), 3);

        QElapsedTimer timer;
        timer.start();
        const Answer fast = await(m_client->send(get(u"/q"_s, u"flaky"_s)));
        QVERIFY(!fast.ok());
        QVERIFY2(fast.error().contains(u"not sent"_s) && fast.error().contains(u"flaky"_s), qPrintable(fast.error()));
        QVERIFY(timer.elapsed() < 300);
        QCOMPARE(m_server->requestCount(), 3); // the server was not touched

        // Another source is not affected.
        m_server->on("/other", [](const RecordedRequest &) { return FakeReply::json("{}"); });
        PT_VERIFY_OK(await(m_client->send(get(u"/other"_s))));

        // After the cooldown one probe goes through; its success closes the circuit.
        QTest::qWait(650);
        m_server->on("/q", [](const RecordedRequest &) { return FakeReply::json("{}"); });
        const Answer probe = await(m_client->send(get(u"/q"_s, u"flaky"_s)));
        PT_VERIFY_OK(probe);
        QCOMPARE(probe->status, 200);
        PT_VERIFY_OK(await(m_client->send(get(u"/q"_s, u"flaky"_s))));
        QCOMPARE(m_server->requestCount("/q"), 5);
    }

    void failedProbeOpensAgain()
    {
        SourcePolicy policy = fastPolicy();
        policy.maxAttempts = 1;
        policy.breakerThreshold = 1;
        policy.breakerCooldown = 300ms;
        m_client->setPolicy(u"flaky"_s, policy);
        m_server->on("/q", [](const RecordedRequest &) { return FakeReply::text("down", 502); });
        QCOMPARE(await(m_client->send(get(u"/q"_s, u"flaky"_s)))->status, 502);
        QVERIFY(!await(m_client->send(get(u"/q"_s, u"flaky"_s))).ok());
        QTest::qWait(350);
        QCOMPARE(await(m_client->send(get(u"/q"_s, u"flaky"_s)))->status, 502); // the probe
        QVERIFY(!await(m_client->send(get(u"/q"_s, u"flaky"_s))).ok());
        QCOMPARE(m_server->requestCount(), 2);
    }

    void tokenBucketIsRespected()
    {
        SourcePolicy policy = fastPolicy();
        policy.requestsPerSecond = 5;
        policy.burst = 1;
        m_client->setPolicy(u"slow"_s, policy);
        m_server->on("/r", [](const RecordedRequest &) { return FakeReply::json("{}"); });

        QElapsedTimer timer;
        timer.start();
        QList<QFuture<Answer>> futures;
        for (int i = 0; i < 20; ++i)
            futures.append(m_client->send(get(u"/r/%1"_s.arg(i), u"slow"_s)));
        for (const auto &future : futures)
            PT_VERIFY_OK(await(future));
        const qint64 elapsed = timer.elapsed();
        QVERIFY2(elapsed >= 3750, qPrintable(u"20 requests in %1 ms"_s.arg(elapsed)));
        QCOMPARE(m_server->requestCount("/r"), 20);
        const int perSecond = m_server->maxRequestsInWindow("/r", 1000);
        QVERIFY2(perSecond <= 6, qPrintable(u"%1 requests within a second"_s.arg(perSecond)));
    }

    void cookiesAreSentBack()
    {
        m_server->on("/consent", [](const RecordedRequest &) {
            return withHeader(FakeReply::text(""), "Set-Cookie", "A3=d=AQABBB; Path=/; HttpOnly");
        });
        m_server->on("/v1/test/getcrumb", [](const RecordedRequest &) { return FakeReply::text("haT3oykhHqZ"); });
        PT_VERIFY_OK(await(m_client->send(get(u"/consent"_s))));
        const Answer crumb = await(m_client->send(get(u"/v1/test/getcrumb"_s)));
        PT_VERIFY_OK(crumb);
        QCOMPARE(crumb->body, QByteArray("haT3oykhHqZ"));
        QCOMPARE(headerOf(m_server->requests().constLast(), "cookie"), QByteArray("A3=d=AQABBB"));
        QVERIFY(headerOf(m_server->requests().constFirst(), "cookie").isEmpty());
    }

    void redirectsAreFollowed()
    {
        m_server->on("/old", [this](const RecordedRequest &) {
            return withHeader(FakeReply::text("", 302), "Location",
                              m_server->baseUrl().resolved(QUrl(u"/new"_s)).toEncoded());
        });
        m_server->on("/new", [](const RecordedRequest &) { return FakeReply::json("{\"new\":1}"); });
        const Answer answer = await(m_client->send(get(u"/old"_s)));
        PT_VERIFY_OK(answer);
        QCOMPARE(answer->status, 200);
        QCOMPARE(answer->body, QByteArray("{\"new\":1}"));
    }

    void blockingCallerOnAnotherThread()
    {
        m_server->on("/", [](const RecordedRequest &) { return FakeReply::json("{}"); });
        Answer answer = pt::Error { u"not run"_s };
        HttpClient *client = m_client.get();
        const HttpRequest request = get(u"/pool"_s);
        std::unique_ptr<QThread> worker(QThread::create([&] {
            answer = client->send(request).result(); // what a job on the pool does
        }));
        worker->start();
        QVERIFY(worker->wait(10000));
        PT_VERIFY_OK(answer);
    }

    void destroyingTheClientEndsPendingRequests()
    {
        m_server->on("/", [](const RecordedRequest &) { return behaving(FakeReply::Behaviour::Stall); });
        SourcePolicy policy = fastPolicy();
        policy.timeout = 10s;
        m_client->setPolicy(u"test"_s, policy);
        QFuture<Answer> future = m_client->send(get(u"/hang"_s));
        QTRY_COMPARE(m_server->requestCount(), 1);
        m_client.reset();
        QVERIFY(future.isFinished());
        const Answer answer = future.result();
        QVERIFY(!answer.ok());
        QVERIFY2(answer.error().contains(u"cancelled"_s), qPrintable(answer.error()));
    }
};

QTEST_GUILESS_MAIN(TestHttpClient)
#include "tst_httpclient.moc"
