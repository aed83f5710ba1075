// The ECB provider against the loopback server, then what every provider
// shares: answers that are malformed or cut short, the endpoints from the
// environment, and the registry.

#include "../common/testsupport.h"
#include "providertestsupport.h"

#include "marketdata/binanceprovider.h"
#include "marketdata/coingeckoprovider.h"
#include "marketdata/ecbprovider.h"
#include "marketdata/providerregistry.h"
#include "marketdata/yahooprovider.h"

#include <QDateTime>

using namespace pt;
using namespace pt::marketdata;
using namespace pt::test;

namespace {

const QByteArray HistPath = "/stats/eurofxref/eurofxref-hist.xml";
const QByteArray DailyPath = "/stats/eurofxref/eurofxref-daily.xml";

Asset currency(const QString &code, const QString &pricedIn)
{
    return makeAsset(code, pricedIn, QString(), AssetClass::Currency);
}

} // namespace

class TestEcbAndCommon : public QObject
{
    Q_OBJECT

    std::unique_ptr<ProviderRig> m_rig;

private Q_SLOTS:
    void init() { m_rig = std::make_unique<ProviderRig>(); }
    void cleanup() { m_rig.reset(); }

    void ecbHistoryWithMissingValues()
    {
        m_rig->server.on(
            HistPath, [](const RecordedRequest &) { return fixtureReply(QStringLiteral("ecb/eurofxref-hist.xml")); });
        EcbProvider ecb(*m_rig->http, m_rig->endpoints());
        const auto history = ecb.history(currency(QStringLiteral("USD"), QStringLiteral("EUR")), QDate(2024, 3, 25),
                                         QDate(2024, 4, 2));
        PT_VERIFY_OK(history);
        QCOMPARE(history->currency, QStringLiteral("EUR"));
        QList<QDate> dates;
        for (const DailyPrice &bar : history->bars)
            dates << bar.date;
        // 03-26 has no USD; 03-29 and 04-01 are TARGET holidays without a file entry.
        QCOMPARE(dates,
                 (QList<QDate> { QDate(2024, 3, 25), QDate(2024, 3, 27), QDate(2024, 3, 28), QDate(2024, 4, 2) }));
        QCOMPARE(history->bars.back().close, dec("0.924983812783")); // EUR per USD = 1 / 1.0811
        QCOMPARE(history->notes.join(u' '), QStringLiteral("no ECB rate for USD/EUR on 2024-03-26"));
    }

    void ecbCrossHistory()
    {
        m_rig->server.on(
            HistPath, [](const RecordedRequest &) { return fixtureReply(QStringLiteral("ecb/eurofxref-hist.xml")); });
        EcbProvider ecb(*m_rig->http, m_rig->endpoints());
        const auto history = ecb.history(currency(QStringLiteral("GBP"), QStringLiteral("CHF")), QDate(2024, 3, 26),
                                         QDate(2024, 3, 28));
        PT_VERIFY_OK(history);
        QCOMPARE(history->bars.size(), size_t(2)); // no GBP on 03-28
        QCOMPARE(history->bars[0].close, dec("1.143640606768")); // 0.9801 / 0.857
        QVERIFY(history->notes.join(u' ').contains(QStringLiteral("2024-03-28")));
    }

    void ecbLatest()
    {
        m_rig->server.on(
            DailyPath, [](const RecordedRequest &) { return fixtureReply(QStringLiteral("ecb/eurofxref-daily.xml")); });
        EcbProvider ecb(*m_rig->http, m_rig->endpoints());
        const std::vector<Asset> assets = { currency(QStringLiteral("USD"), QStringLiteral("EUR")),
                                            currency(QStringLiteral("JPY"), QStringLiteral("USD")),
                                            currency(QStringLiteral("XYZ"), QStringLiteral("EUR")) };
        const auto quotes = ecb.latest(assets);
        PT_VERIFY_OK(quotes);
        QCOMPARE(quotes->size(), size_t(2)); // XYZ is not published
        QCOMPARE(quotes->at(0).symbol, QStringLiteral("USD"));
        QCOMPARE(quotes->at(0).price, dec("0.924983812783"));
        QCOMPARE(quotes->at(0).currency, QStringLiteral("EUR"));
        QCOMPARE(quotes->at(0).time, QDateTime(QDate(2024, 4, 2), QTime(14, 0), Qt::UTC)); // 16:00 CEST
        QCOMPARE(quotes->at(1).price, dec("0.006607786810")); // USD per JPY = 1.0811 / 163.61
        QCOMPARE(m_rig->server.requestCount(DailyPath), 1);
    }

    void ecbSearch()
    {
        m_rig->server.on(
            DailyPath, [](const RecordedRequest &) { return fixtureReply(QStringLiteral("ecb/eurofxref-daily.xml")); });
        EcbProvider ecb(*m_rig->http, m_rig->endpoints());
        const auto hits = ecb.search(QStringLiteral("dollar"));
        PT_VERIFY_OK(hits);
        QStringList codes;
        for (const SearchHit &hit : *hits)
            codes << hit.symbol;
        QCOMPARE(codes,
                 (QStringList { QStringLiteral("USD"), QStringLiteral("AUD"), QStringLiteral("CAD"),
                                QStringLiteral("HKD"), QStringLiteral("NZD"), QStringLiteral("SGD") }));
        QCOMPARE(hits->front().assetClass, AssetClass::Currency);
        QCOMPARE(hits->front().currency, QStringLiteral("EUR"));
        QCOMPARE(hits->front().dataSource, QStringLiteral("ecb"));
        const auto chf = ecb.search(QStringLiteral("chf"));
        PT_VERIFY_OK(chf);
        QCOMPARE(chf->size(), size_t(1));
        QCOMPARE(chf->front().name, QStringLiteral("Swiss franc"));
    }

    // Every provider, answered with something broken: a clear error that names
    // the provider and the asset, and no crash.
    void brokenAnswers_data()
    {
        QTest::addColumn<QString>("provider");
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("expected");

        const QByteArray chart = fixture(QStringLiteral("yahoo/chart_aapl.json"));
        QTest::newRow("yahoo truncated") << "yahoo" << QByteArray("/v8/finance/chart/") << chart.left(chart.size() / 2)
                                         << "Yahoo Finance history of AAPL: not valid JSON";
        QTest::newRow("yahoo malformed") << "yahoo" << QByteArray("/v8/finance/chart/")
                                         << QByteArray("{\"chart\":{\"result\":[{\"meta\":{},\"timestamp\":\"x\"}]}}")
                                         << "Yahoo Finance history of AAPL: \"timestamp\" is not an array";
        QTest::newRow("yahoo empty") << "yahoo" << QByteArray("/v8/finance/chart/") << QByteArray()
                                     << "Yahoo Finance history of AAPL: the answer is empty";
        const QByteArray range = fixture(QStringLiteral("coingecko/market_chart_range_ethereum.json"));
        QTest::newRow("coingecko truncated") << "coingecko" << QByteArray("/api/v3/coins/") << range.left(150)
                                             << "CoinGecko history of aapl: not valid JSON";
        QTest::newRow("coingecko malformed")
            << "coingecko" << QByteArray("/api/v3/coins/") << QByteArray("{\"prices\":{\"a\":1}}")
            << "CoinGecko history of aapl: \"prices\" is not an array";
        QTest::newRow("binance truncated") << "binance" << QByteArray("/api/v3/klines")
                                           << fixture(QStringLiteral("binance/klines_btcusdt.json")).left(200)
                                           << "Binance history of AAPL: not valid JSON";
        QTest::newRow("binance malformed") << "binance" << QByteArray("/api/v3/klines") << QByteArray("[[1,2,3]]")
                                           << "Binance history of AAPL: kline 0 has 3 fields";
        QTest::newRow("ecb truncated") << "ecb" << HistPath
                                       << fixture(QStringLiteral("ecb/eurofxref-hist.xml")).left(500)
                                       << "ECB history of AAPL in EUR: ECB rates: malformed XML at line";
        QTest::newRow("ecb json") << "ecb" << HistPath << QByteArray("{\"rates\":{}}")
                                  << "ECB history of AAPL in EUR: ECB rates: malformed XML";
    }

    void brokenAnswers()
    {
        QFETCH(QString, provider);
        QFETCH(QByteArray, path);
        QFETCH(QByteArray, body);
        QFETCH(QString, expected);
        m_rig->server.on(path, [body](const RecordedRequest &) { return FakeReply::json(body); });
        std::unique_ptr<Provider> subject;
        if (provider == QStringLiteral("yahoo"))
            subject = std::make_unique<YahooProvider>(*m_rig->http, m_rig->endpoints());
        else if (provider == QStringLiteral("coingecko"))
            subject = std::make_unique<CoinGeckoProvider>(*m_rig->http, m_rig->endpoints());
        else if (provider == QStringLiteral("binance"))
            subject = std::make_unique<BinanceProvider>(*m_rig->http, m_rig->endpoints());
        else
            subject = std::make_unique<EcbProvider>(*m_rig->http, m_rig->endpoints());
        const auto history = subject->history(makeAsset(QStringLiteral("AAPL"), QStringLiteral("EUR")),
                                              QDate(2024, 3, 1), QDate(2024, 3, 31));
        QVERIFY(!history.ok());
        QVERIFY2(history.error().startsWith(expected), qPrintable(history.error()));
    }

    void connectionRefusedNamesTheProvider()
    {
        ProviderEndpoints endpoints = m_rig->endpoints();
        endpoints.binance = QUrl(QStringLiteral("http://127.0.0.1:1")); // nothing listens there
        BinanceProvider binance(*m_rig->http, endpoints);
        const auto history
            = binance.history(makeAsset(QStringLiteral("BTCUSDT"), QString()), QDate(2024, 1, 1), QDate(2024, 1, 2));
        QVERIFY(!history.ok());
        QVERIFY2(history.error().startsWith(QStringLiteral("Binance history of BTCUSDT: ")),
                 qPrintable(history.error()));
    }

    void endpointsFromEnvironment()
    {
        qputenv("PT_YAHOO_URL", "http://127.0.0.1:9/yahoo/");
        qputenv("PT_YAHOO_QUERY_URL", "http://127.0.0.1:9/query");
        qputenv("PT_COINGECKO_URL", "http://127.0.0.1:9/cg/api/v3");
        qputenv("PT_BINANCE_URL", "not a url");
        qputenv("PT_ECB_URL", "ftp://127.0.0.1/ecb");
        const ProviderEndpoints endpoints = ProviderEndpoints::fromEnvironment();
        for (const char *name :
             { "PT_YAHOO_URL", "PT_YAHOO_QUERY_URL", "PT_COINGECKO_URL", "PT_BINANCE_URL", "PT_ECB_URL" })
            qunsetenv(name);
        const ProviderEndpoints defaults;
        QCOMPARE(endpoints.yahooChart, QUrl(QStringLiteral("http://127.0.0.1:9/yahoo")));
        QCOMPARE(endpoints.yahooCookie, QUrl(QStringLiteral("http://127.0.0.1:9/yahoo")));
        QCOMPARE(endpoints.yahooQuery, QUrl(QStringLiteral("http://127.0.0.1:9/query")));
        QCOMPARE(endpoints.coinGecko, QUrl(QStringLiteral("http://127.0.0.1:9/cg/api/v3")));
        QCOMPARE(endpoints.binance, defaults.binance); // ignored, with a warning
        QCOMPARE(endpoints.ecb, defaults.ecb);
        QCOMPARE(ProviderEndpoints::fromEnvironment().yahooChart, defaults.yahooChart);
    }

    void registry()
    {
        ProviderRegistry registry(m_rig->endpoints());
        QCOMPARE(registry.keys(),
                 (QStringList { QStringLiteral("binance"), QStringLiteral("coingecko"), QStringLiteral("ecb"),
                                QStringLiteral("yahoo") }));
        for (const QString &key : registry.keys()) {
            QVERIFY(registry.provider(key));
            QCOMPARE(registry.provider(key)->key(), key);
        }
        QCOMPARE(registry.provider(QStringLiteral("nope")), nullptr);
        QCOMPARE(registry.provider(QString()), nullptr);

        // Wired to its endpoints and its own client.
        m_rig->server.on(
            DailyPath, [](const RecordedRequest &) { return fixtureReply(QStringLiteral("ecb/eurofxref-daily.xml")); });
        const std::vector<Asset> assets = { currency(QStringLiteral("USD"), QStringLiteral("EUR")) };
        const auto quotes = registry.provider(QStringLiteral("ecb"))->latest(assets);
        PT_VERIFY_OK(quotes);
        QCOMPARE(quotes->size(), size_t(1));
    }
};

int runEcbAndCommonTests(int argc, char **argv)
{
    TestEcbAndCommon test;
    return QTest::qExec(&test, argc, argv);
}

#include "providers_ecb.moc"
