// Tests of the loopback fake HTTP server itself, with a plain
// QNetworkAccessManager: routing, sequences, the failure behaviours, the log.

#include "fakehttpserver.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using pt::test::FakeHttpServer;
using pt::test::FakeReply;
using pt::test::RecordedRequest;

namespace {

struct Answer
{
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    int status = 0;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;
};

// Performs one GET and returns once it has finished (the test's event loop runs meanwhile).
Answer get(QNetworkAccessManager &manager, const QUrl &url, int timeoutMs = 5000)
{
    QNetworkRequest request(url);
    request.setTransferTimeout(timeoutMs);
    request.setRawHeader("X-Test", "yes");
    std::unique_ptr<QNetworkReply> reply(manager.get(request));
    if (!reply->isFinished()) {
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        if (!finished.wait(timeoutMs + 5000))
            qWarning("no answer from %s", qPrintable(url.toString()));
    }
    Answer answer;
    answer.error = reply->error();
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    answer.body = reply->readAll();
    answer.headers = reply->rawHeaderPairs();
    return answer;
}

QUrl urlOf(const FakeHttpServer &server, const QString &target)
{
    return server.baseUrl().resolved(QUrl(target));
}

} // namespace

class TestFakeHttpServer final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void respondsAndRecords()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        QCOMPARE(server.baseUrl().host(), u"127.0.0.1"_s);
        QVERIFY(server.baseUrl().port() > 0);
        server.on("/v8/finance/chart/", [](const RecordedRequest &request) {
            auto reply = FakeReply::json("{\"symbol\":\"" + request.url.path().section(u'/', -1).toUtf8() + "\"}");
            reply.headers.append(qMakePair(QByteArray("X-Custom"), QByteArray("1")));
            return reply;
        });
        QNetworkAccessManager manager;
        const Answer answer = get(manager, urlOf(server, u"/v8/finance/chart/AAPL?range=1y&interval=1d"_s));
        QCOMPARE(answer.error, QNetworkReply::NoError);
        QCOMPARE(answer.status, 200);
        QCOMPARE(answer.body, QByteArray("{\"symbol\":\"AAPL\"}"));
        bool custom = false;
        for (const auto &[name, value] : answer.headers)
            custom = custom || (name.toLower() == "x-custom" && value == "1");
        QVERIFY(custom);

        const auto requests = server.requests();
        QCOMPARE(requests.size(), 1);
        QCOMPARE(requests[0].method, QByteArray("GET"));
        QCOMPARE(requests[0].url.path(), u"/v8/finance/chart/AAPL"_s);
        QCOMPARE(requests[0].url.query(), u"range=1y&interval=1d"_s);
        QCOMPARE(requests[0].url.port(), server.baseUrl().port());
        bool sawHeader = false;
        for (const auto &[name, value] : requests[0].headers)
            sawHeader = sawHeader || (name == "x-test" && value == "yes");
        QVERIFY(sawHeader);
        QCOMPARE(server.requestCount(), 1);
        QCOMPARE(server.requestCount("/v8/"), 1);
        QCOMPARE(server.requestCount("/v7/"), 0);
    }

    void unmatchedIs404AndLongestPrefixWins()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        server.on("/api/", [](const RecordedRequest &) { return FakeReply::text("short"); });
        server.on("/api/v3/klines", [](const RecordedRequest &) { return FakeReply::text("long"); });
        QNetworkAccessManager manager;
        QCOMPARE(get(manager, urlOf(server, u"/api/v3/klines?symbol=BTCUSDT"_s)).body, QByteArray("long"));
        QCOMPARE(get(manager, urlOf(server, u"/api/v3/ticker/price"_s)).body, QByteArray("short"));
        const Answer missing = get(manager, urlOf(server, u"/nothing"_s));
        QCOMPARE(missing.status, 404);
        QCOMPARE(missing.body, QByteArray("{}"));
    }

    void sequenceRepeatsItsLast()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        server.onSequence("/s", { FakeReply::text("Edge: Too Many Requests", 429), FakeReply::json("[1]") });
        QNetworkAccessManager manager;
        QCOMPARE(get(manager, urlOf(server, u"/s"_s)).status, 429);
        QCOMPARE(get(manager, urlOf(server, u"/s"_s)).body, QByteArray("[1]"));
        QCOMPARE(get(manager, urlOf(server, u"/s"_s)).body, QByteArray("[1]"));
    }

    void fileFixture()
    {
        QTemporaryDir folder;
        const QString path = folder.filePath(u"rates.csv"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("Date,USD\n2024-01-02,1.0956\n");
        file.close();
        FakeHttpServer server;
        QVERIFY(server.listen());
        server.on("/rates", [path](const RecordedRequest &) { return FakeReply::file(path); });
        QNetworkAccessManager manager;
        const Answer answer = get(manager, urlOf(server, u"/rates"_s));
        QCOMPARE(answer.body, QByteArray("Date,USD\n2024-01-02,1.0956\n"));
    }

    void delayedAnswer()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        server.on("/slow", [](const RecordedRequest &) {
            auto reply = FakeReply::json("{}");
            reply.delayMs = 300;
            return reply;
        });
        QNetworkAccessManager manager;
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(get(manager, urlOf(server, u"/slow"_s)).status, 200);
        QVERIFY2(timer.elapsed() >= 290, qPrintable(QString::number(timer.elapsed())));
    }

    void failureBehaviours()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        FakeReply drop = FakeReply::json(QByteArray(4000, 'x'));
        drop.behaviour = FakeReply::Behaviour::DropMidBody;
        server.on("/drop", [drop](const RecordedRequest &) { return drop; });
        FakeReply close;
        close.behaviour = FakeReply::Behaviour::CloseImmediately;
        server.on("/close", [close](const RecordedRequest &) { return close; });
        FakeReply stall;
        stall.behaviour = FakeReply::Behaviour::Stall;
        server.on("/stall", [stall](const RecordedRequest &) { return stall; });

        QNetworkAccessManager manager;
        const Answer dropped = get(manager, urlOf(server, u"/drop"_s));
        QVERIFY2(dropped.error != QNetworkReply::NoError, "a body cut short is an error");
        const Answer closed = get(manager, urlOf(server, u"/close"_s));
        QVERIFY(closed.error != QNetworkReply::NoError);
        QCOMPARE(closed.status, 0);
        QElapsedTimer timer;
        timer.start();
        const Answer stalled = get(manager, urlOf(server, u"/stall"_s), 300);
        QVERIFY(stalled.error != QNetworkReply::NoError);
        QVERIFY(timer.elapsed() >= 250);
    }

    void windowCount()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        server.on("/w", [](const RecordedRequest &) { return FakeReply::json("{}"); });
        QNetworkAccessManager manager;
        for (int i = 0; i < 3; ++i)
            QCOMPARE(get(manager, urlOf(server, u"/w"_s)).status, 200);
        QTest::qWait(250);
        QCOMPARE(get(manager, urlOf(server, u"/w"_s)).status, 200);
        QCOMPARE(server.maxRequestsInWindow("/w", 200), 3);
        QCOMPARE(server.maxRequestsInWindow("/w", 10000), 4);
        QCOMPARE(server.maxRequestsInWindow("/other", 1000), 0);
    }

    void destroyedWithOpenConnections()
    {
        QNetworkAccessManager manager;
        std::unique_ptr<QNetworkReply> reply;
        {
            FakeHttpServer server;
            QVERIFY(server.listen());
            FakeReply stall;
            stall.behaviour = FakeReply::Behaviour::Stall;
            server.on("/", [stall](const RecordedRequest &) { return stall; });
            reply.reset(manager.get(QNetworkRequest(urlOf(server, u"/x"_s))));
            QTRY_COMPARE(server.requestCount(), 1);
        }
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        QVERIFY(reply->isFinished() || finished.wait(5000));
        QVERIFY(reply->error() != QNetworkReply::NoError);
    }
};

QTEST_GUILESS_MAIN(TestFakeHttpServer)
#include "tst_fakehttpserver.moc"
