// Yahoo Finance against the loopback server: history with a null bar, a split
// and a dividend; dates across DST changes; unknown symbols; the cookie and
// crumb session with a 401 refresh; search; broken answers.

#include "../common/testsupport.h"
#include "providertestsupport.h"

#include "marketdata/yahooprovider.h"

#include <algorithm>
#include <atomic>
#include <thread>

using namespace pt;
using namespace pt::marketdata;
using namespace pt::test;

namespace {

const QByteArray CookiePath = "/";
const QByteArray CrumbPath = "/v1/test/getcrumb";
const QByteArray QuotePath = "/v7/finance/quote";
const QString Crumb = QStringLiteral("hP3xQ7vLm2a");

void serveSession(FakeHttpServer &server)
{
    FakeReply cookie = FakeReply::text("", 404);
    cookie.headers.append(
        qMakePair(QByteArray("Set-Cookie"), QByteArray("A3=d=AQABBK7test&S=AQAAAtest; Path=/; HttpOnly")));
    server.on(CookiePath, [cookie](const RecordedRequest &) { return cookie; });
    server.on(CrumbPath, [](const RecordedRequest &) { return fixtureReply(QStringLiteral("yahoo/getcrumb.txt")); });
}

} // namespace

class TestYahooProvider : public QObject
{
    Q_OBJECT

    std::unique_ptr<ProviderRig> m_rig;
    std::unique_ptr<YahooProvider> m_yahoo;

    int cookieRequests() const
    {
        const auto all = m_rig->server.requests();
        return int(std::count_if(all.begin(), all.end(), [](const RecordedRequest &request) {
            return request.url.path() == QStringLiteral("/");
        }));
    }

private Q_SLOTS:
    void init()
    {
        m_rig = std::make_unique<ProviderRig>();
        m_yahoo = std::make_unique<YahooProvider>(*m_rig->http, m_rig->endpoints());
    }

    void cleanup()
    {
        m_yahoo.reset();
        m_rig.reset();
    }

    void historyWithNullBarSplitAndDividend()
    {
        m_rig->server.on("/v8/finance/chart/AAPL",
                         [](const RecordedRequest &) { return fixtureReply(QStringLiteral("yahoo/chart_aapl.json")); });
        const auto history = m_yahoo->history(makeAsset(QStringLiteral("AAPL"), QStringLiteral("USD")),
                                              QDate(2024, 3, 1), QDate(2024, 3, 31));
        PT_VERIFY_OK(history);
        QCOMPARE(history->bars.size(), size_t(8));
        QCOMPARE(history->bars.front().date, QDate(2024, 3, 5));
        QCOMPARE(history->bars[3].date, QDate(2024, 3, 11)); // 03-08 had no close
        QCOMPARE(history->bars[3].close, dec("172.75"));
        QCOMPARE(history->actions.size(), size_t(2));
        QCOMPARE(history->actions[0].kind, CorporateAction::Kind::Dividend);
        QCOMPARE(history->actions[0].date, QDate(2024, 3, 7));
        QCOMPARE(history->actions[1].kind, CorporateAction::Kind::Split);
        QCOMPARE(history->actions[1].date, QDate(2024, 3, 12));
        QVERIFY(history->notes.join(u' ').contains(QStringLiteral("2024-03-08")));

        const auto requests = m_rig->requestsTo("/v8/finance/chart/AAPL");
        QCOMPARE(requests.size(), 1);
        QCOMPARE(queryValue(requests[0], QStringLiteral("interval")), QStringLiteral("1d"));
        QCOMPARE(queryValue(requests[0], QStringLiteral("period1")), QStringLiteral("1709164800")); // 2024-02-29
        QCOMPARE(queryValue(requests[0], QStringLiteral("period2")), QStringLiteral("1712016000")); // 2024-04-02
        QCOMPARE(queryValue(requests[0], QStringLiteral("events")), QStringLiteral("div|split"));
        QCOMPARE(m_rig->server.requestCount(CrumbPath), 0); // the chart needs no crumb
    }

    void historyClippedToTheRange()
    {
        m_rig->server.on("/v8/finance/chart/",
                         [](const RecordedRequest &) { return fixtureReply(QStringLiteral("yahoo/chart_aapl.json")); });
        const auto history = m_yahoo->history(makeAsset(QStringLiteral("AAPL"), QStringLiteral("USD")),
                                              QDate(2024, 3, 7), QDate(2024, 3, 11));
        PT_VERIFY_OK(history);
        QCOMPARE(history->bars.size(), size_t(2));
        QCOMPARE(history->bars[0].date, QDate(2024, 3, 7));
        QCOMPARE(history->bars[1].date, QDate(2024, 3, 11));
        QCOMPARE(history->actions.size(), size_t(1)); // the split of 03-12 is outside
    }

    void historyDatesAcrossDstChanges_data()
    {
        QTest::addColumn<QString>("symbol");
        QTest::addColumn<QString>("file");
        QTest::addColumn<QList<QDate>>("dates");
        QTest::newRow("New York, March") << "AAPL"
                                         << "yahoo/chart_aapl.json"
                                         << QList<QDate> { QDate(2024, 3, 5),  QDate(2024, 3, 6),  QDate(2024, 3, 7),
                                                           QDate(2024, 3, 11), QDate(2024, 3, 12), QDate(2024, 3, 13),
                                                           QDate(2024, 3, 14), QDate(2024, 3, 15) };
        QTest::newRow("Sydney, April") << "BHP.AX"
                                       << "yahoo/chart_bhp_ax.json"
                                       << QList<QDate> { QDate(2024, 4, 3), QDate(2024, 4, 4), QDate(2024, 4, 5),
                                                         QDate(2024, 4, 8), QDate(2024, 4, 9) };
    }

    void historyDatesAcrossDstChanges()
    {
        QFETCH(QString, symbol);
        QFETCH(QString, file);
        QFETCH(QList<QDate>, dates);
        m_rig->server.on("/v8/finance/chart/" + symbol.toLatin1(),
                         [file](const RecordedRequest &) { return fixtureReply(file); });
        const auto history = m_yahoo->history(makeAsset(symbol, QString()), QDate(2024, 3, 1), QDate(2024, 4, 30));
        PT_VERIFY_OK(history);
        QList<QDate> actual;
        for (const DailyPrice &bar : history->bars)
            actual << bar.date;
        QCOMPARE(actual, dates);
    }

    void unknownSymbol_data()
    {
        QTest::addColumn<int>("status");
        QTest::newRow("404") << 404;
        QTest::newRow("200 with chart.error") << 200;
    }

    void unknownSymbol()
    {
        QFETCH(int, status);
        m_rig->server.on("/v8/finance/chart/", [status](const RecordedRequest &) {
            return fixtureReply(QStringLiteral("yahoo/chart_unknown_symbol.json"), status);
        });
        const auto history = m_yahoo->history(makeAsset(QStringLiteral("NOPE.XX"), QStringLiteral("USD")),
                                              QDate(2024, 1, 1), QDate(2024, 1, 31));
        QVERIFY(!history.ok());
        QCOMPARE(history.error(),
                 QStringLiteral("Yahoo Finance history of NOPE.XX: unknown symbol "
                                "(Yahoo: \"No data found, symbol may be delisted\")"));
    }

    void symbolIsEncodedInThePath()
    {
        m_rig->server.on("/v8/finance/chart/", [](const RecordedRequest &) {
            return fixtureReply(QStringLiteral("yahoo/chart_empty.json"));
        });
        const auto history
            = m_yahoo->history(makeAsset(QStringLiteral("S&P 500"), QStringLiteral("USD"), QStringLiteral("^GSPC")),
                               QDate(2024, 1, 1), QDate(2024, 1, 31));
        PT_VERIFY_OK(history);
        QVERIFY(history->bars.empty());
        QCOMPARE(m_rig->requestsTo("/v8/finance/chart/%5EGSPC").size(), 1);
    }

    void serverErrorIsNamed()
    {
        m_rig->server.on("/v8/finance/chart/", [](const RecordedRequest &) {
            return fixtureReply(QStringLiteral("yahoo/outage.html"), 503);
        });
        const auto history = m_yahoo->history(makeAsset(QStringLiteral("AAPL"), QStringLiteral("USD")),
                                              QDate(2024, 1, 1), QDate(2024, 1, 31));
        QVERIFY(!history.ok());
        QVERIFY2(
            history.error().startsWith(QStringLiteral("Yahoo Finance history of AAPL: HTTP 503, the service is down")),
            qPrintable(history.error()));
    }

    void crumbFlowWithRefreshAfter401()
    {
        serveSession(m_rig->server);
        m_rig->server.onSequence(QuotePath,
                                 { fixtureReply(QStringLiteral("yahoo/invalid_crumb.json"), 401),
                                   fixtureReply(QStringLiteral("yahoo/quote.json")) });
        const std::vector<Asset> assets
            = { makeAsset(QStringLiteral("AAPL"), QStringLiteral("USD")),
                makeAsset(QStringLiteral("Bitcoin"), QStringLiteral("USD"), QStringLiteral("BTC-USD")),
                makeAsset(QStringLiteral("EURUSD=X"), QStringLiteral("USD")),
                makeAsset(QStringLiteral("DELISTED1"), QStringLiteral("USD")) };
        const auto quotes = m_yahoo->latest(assets);
        PT_VERIFY_OK(quotes);
        QCOMPARE(quotes->size(), size_t(3));
        QCOMPARE(quotes->at(0).symbol, QStringLiteral("AAPL"));
        QCOMPARE(quotes->at(0).price, dec("172.62"));

        // cookie, crumb, quote (401), cookie, crumb, quote
        QCOMPARE(m_rig->server.requestCount(CrumbPath), 2);
        QCOMPARE(cookieRequests(), 2);
        const auto quoteRequests = m_rig->requestsTo(QuotePath);
        QCOMPARE(quoteRequests.size(), 2);
        for (const RecordedRequest &request : quoteRequests) {
            QCOMPARE(queryValue(request, QStringLiteral("crumb")), Crumb);
            QCOMPARE(queryValue(request, QStringLiteral("symbols")), QStringLiteral("AAPL,BTC-USD,EURUSD=X,DELISTED1"));
            QVERIFY2(headerValue(request, "cookie").contains("A3=d=AQABBK7test"),
                     headerValue(request, "cookie").constData());
        }

        // The crumb is kept: the next batch asks for none.
        const auto again = m_yahoo->latest(assets);
        PT_VERIFY_OK(again);
        QCOMPARE(m_rig->server.requestCount(CrumbPath), 2);
        QCOMPARE(m_rig->requestsTo(QuotePath).size(), 3);
    }

    void crumbRefusedTwice()
    {
        serveSession(m_rig->server);
        m_rig->server.on(QuotePath, [](const RecordedRequest &) {
            return fixtureReply(QStringLiteral("yahoo/invalid_crumb.json"), 401);
        });
        const std::vector<Asset> assets = { makeAsset(QStringLiteral("AAPL"), QStringLiteral("USD")) };
        const auto quotes = m_yahoo->latest(assets);
        QVERIFY(!quotes.ok());
        QCOMPARE(quotes.error(),
                 QStringLiteral("Yahoo Finance quotes of AAPL: Yahoo refused a fresh crumb too (401 Invalid Crumb)"));
        QCOMPARE(m_rig->requestsTo(QuotePath).size(), 2); // one retry, no loop
    }

    void crumbRateLimited()
    {
        m_rig->server.on(CookiePath, [](const RecordedRequest &) { return FakeReply::text("", 404); });
        m_rig->server.on(CrumbPath, [](const RecordedRequest &) {
            return fixtureReply(QStringLiteral("yahoo/too_many_requests.txt"), 429);
        });
        const std::vector<Asset> assets = { makeAsset(QStringLiteral("AAPL"), QStringLiteral("USD")) };
        const auto quotes = m_yahoo->latest(assets);
        QVERIFY(!quotes.ok());
        QVERIFY2(quotes.error().contains(QStringLiteral("rate limited while getting a Yahoo crumb")),
                 qPrintable(quotes.error()));
        QCOMPARE(m_rig->server.requestCount(QuotePath), 0);
    }

    void oneCrumbForConcurrentThreads()
    {
        serveSession(m_rig->server);
        m_rig->server.on(QuotePath,
                         [](const RecordedRequest &) { return fixtureReply(QStringLiteral("yahoo/quote.json")); });
        const std::vector<Asset> assets = { makeAsset(QStringLiteral("AAPL"), QStringLiteral("USD")) };
        std::atomic<int> succeeded = 0;
        std::vector<std::thread> threads;
        for (int i = 0; i < 4; ++i) {
            threads.emplace_back([&] {
                if (m_yahoo->latest(assets).ok())
                    ++succeeded;
            });
        }
        for (std::thread &thread : threads)
            thread.join();
        QCOMPARE(succeeded.load(), 4);
        QCOMPARE(m_rig->server.requestCount(CrumbPath), 1);
        QCOMPARE(m_rig->server.requestCount(QuotePath), 4);
    }

    void quotesBatched()
    {
        serveSession(m_rig->server);
        m_rig->server.on(QuotePath, [](const RecordedRequest &) {
            return FakeReply::json("{\"quoteResponse\":{\"result\":[],\"error\":null}}");
        });
        std::vector<Asset> assets;
        for (int i = 0; i < YahooProvider::QuoteBatchSize + 5; ++i)
            assets.push_back(makeAsset(QStringLiteral("S%1").arg(i), QStringLiteral("USD")));
        const auto quotes = m_yahoo->latest(assets);
        PT_VERIFY_OK(quotes);
        QVERIFY(quotes->empty()); // unknown symbols are no error
        QCOMPARE(m_rig->server.requestCount(QuotePath), 2);
    }

    void search()
    {
        m_rig->server.on("/v1/finance/search",
                         [](const RecordedRequest &) { return fixtureReply(QStringLiteral("yahoo/search.json")); });
        const auto hits = m_yahoo->search(QStringLiteral(" apple inc "));
        PT_VERIFY_OK(hits);
        QCOMPARE(hits->size(), size_t(5));
        QCOMPARE(hits->front().symbol, QStringLiteral("AAPL"));
        const auto requests = m_rig->requestsTo("/v1/finance/search");
        QCOMPARE(requests.size(), 1);
        QCOMPARE(queryValue(requests[0], QStringLiteral("q")), QStringLiteral("apple inc"));
    }
};

int runYahooProviderTests(int argc, char **argv)
{
    TestYahooProvider test;
    return QTest::qExec(&test, argc, argv);
}

#include "providers_yahoo.moc"
