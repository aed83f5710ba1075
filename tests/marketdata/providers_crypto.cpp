// CoinGecko and Binance against the loopback server: history and its date
// convention, the 365-day limit, Binance paging over 2,500 klines, the open
// kline, unknown symbols, batched prices and search.

#include "../common/testsupport.h"
#include "providertestsupport.h"

#include "marketdata/binanceprovider.h"
#include "marketdata/coingeckoprovider.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace pt;
using namespace pt::marketdata;
using namespace pt::test;

namespace {

constexpr qint64 MsPerDay = 86'400'000;

qint64 msOf(QDate day)
{
    return QDateTime(day, QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
}

// A Binance klines endpoint over daily candles from `first` to `last` (UTC
// days), honouring startTime, endTime and limit as Binance does. Closes are
// 100 + the day's index, so contiguity is checkable.
FakeReply klinesFor(const RecordedRequest &request, QDate first, QDate last)
{
    const QUrlQuery query(request.url);
    const qint64 start = query.queryItemValue(QStringLiteral("startTime")).toLongLong();
    const qint64 end = query.queryItemValue(QStringLiteral("endTime")).toLongLong();
    const int limit = std::min(1000, query.queryItemValue(QStringLiteral("limit")).toInt());
    QJsonArray rows;
    for (QDate day = first; day <= last && rows.size() < limit; day = day.addDays(1)) {
        const qint64 open = msOf(day);
        if (open < start || open > end)
            continue;
        const QString close = QString::number(100 + first.daysTo(day)) + QStringLiteral(".50000000");
        rows.append(QJsonArray { open, close, close, close, close, QStringLiteral("10.00000000"), open + MsPerDay - 1,
                                 QStringLiteral("1000.00000000"), 42, QStringLiteral("5.00000000"),
                                 QStringLiteral("500.00000000"), QStringLiteral("0") });
    }
    return FakeReply::json(QJsonDocument(rows).toJson(QJsonDocument::Compact));
}

// A CoinGecko daily series: midnight points from `first` to `last`.
QByteArray dailyChart(QDate first, QDate last)
{
    QJsonArray prices;
    QJsonArray volumes;
    for (QDate day = first; day <= last; day = day.addDays(1)) {
        prices.append(QJsonArray { msOf(day), 1000.0 + first.daysTo(day) });
        volumes.append(QJsonArray { msOf(day), 5.0e9 });
    }
    const QJsonObject chart { { QStringLiteral("prices"), prices },
                              { QStringLiteral("market_caps"), QJsonArray() },
                              { QStringLiteral("total_volumes"), volumes } };
    return QJsonDocument(chart).toJson(QJsonDocument::Compact);
}

} // namespace

class TestCryptoProviders : public QObject
{
    Q_OBJECT

    std::unique_ptr<ProviderRig> m_rig;
    std::unique_ptr<CoinGeckoProvider> m_coinGecko;
    std::unique_ptr<BinanceProvider> m_binance;

private Q_SLOTS:
    void init()
    {
        m_rig = std::make_unique<ProviderRig>();
        m_coinGecko = std::make_unique<CoinGeckoProvider>(*m_rig->http, m_rig->endpoints());
        m_binance = std::make_unique<BinanceProvider>(*m_rig->http, m_rig->endpoints());
    }

    void cleanup()
    {
        m_coinGecko.reset();
        m_binance.reset();
        m_rig.reset();
    }

    void coinGeckoHistory()
    {
        m_rig->server.on("/api/v3/coins/ethereum/market_chart/range", [](const RecordedRequest &) {
            return fixtureReply(QStringLiteral("coingecko/market_chart_range_ethereum.json"));
        });
        const Asset ether
            = makeAsset(QStringLiteral("ETH"), QStringLiteral("EUR"), QStringLiteral("ethereum"), AssetClass::Crypto);
        const auto history = m_coinGecko->history(ether, QDate(2024, 2, 1), QDate(2024, 2, 6));
        PT_VERIFY_OK(history);
        QList<QDate> dates;
        for (const DailyPrice &bar : history->bars)
            dates << bar.date;
        QCOMPARE(dates,
                 (QList<QDate> { QDate(2024, 2, 1), QDate(2024, 2, 3), QDate(2024, 2, 4), QDate(2024, 2, 5),
                                 QDate(2024, 2, 6) }));
        QCOMPARE(history->currency, QStringLiteral("EUR"));
        QCOMPARE(history->bars.back().close, dec("2371.9876543"));

        const auto requests = m_rig->requestsTo("/api/v3/coins/ethereum/market_chart/range");
        QCOMPARE(requests.size(), 1);
        QCOMPARE(queryValue(requests[0], QStringLiteral("vs_currency")), QStringLiteral("eur"));
        const qint64 to = msOf(QDate(2024, 2, 7)) / 1000;
        QCOMPARE(queryValue(requests[0], QStringLiteral("to")).toLongLong(), to);
        // A short window is widened to 91 days so the answer comes daily, not hourly.
        QCOMPARE(queryValue(requests[0], QStringLiteral("from")).toLongLong(), to - 91 * 86400);
    }

    void coinGeckoUnknownCoin()
    {
        m_rig->server.on("/api/v3/coins/", [](const RecordedRequest &) {
            return fixtureReply(QStringLiteral("coingecko/error_coin_not_found.json"), 404);
        });
        const auto history = m_coinGecko->history(makeAsset(QStringLiteral("NOCOIN"), QStringLiteral("USD")),
                                                  QDate(2024, 1, 1), QDate(2024, 1, 31));
        QVERIFY(!history.ok());
        QCOMPARE(history.error(),
                 QStringLiteral("CoinGecko history of nocoin: unknown coin id (CoinGecko: \"coin not found\")"));
    }

    void coinGeckoFallsBackToTheFreeYear()
    {
        const QDate today = QDate::currentDate();
        const QDate earliest = today.addDays(-CoinGeckoProvider::FreeHistoryDays);
        m_rig->server.onSequence("/api/v3/coins/bitcoin/market_chart/range",
                                 { fixtureReply(QStringLiteral("coingecko/error_range_limit.json"), 401),
                                   FakeReply::json(dailyChart(earliest, today)) });
        const Asset bitcoin = makeAsset(QStringLiteral("BTC"), QStringLiteral("USD"), QStringLiteral("bitcoin"));
        const auto history = m_coinGecko->history(bitcoin, today.addDays(-500), today.addDays(-1));
        PT_VERIFY_OK(history);
        // The midnight point of `earliest` closes the day before it.
        QCOMPARE(history->bars.front().date, earliest.addDays(-1));
        QCOMPARE(history->bars.back().date, today.addDays(-1));
        QVERIFY2(history->notes.value(0).contains(QStringLiteral("only the past 365 days")),
                 qPrintable(history->notes.value(0)));
        const auto requests = m_rig->requestsTo("/api/v3/coins/bitcoin/market_chart/range");
        QCOMPARE(requests.size(), 2);
        QCOMPARE(queryValue(requests[1], QStringLiteral("from")).toLongLong(), msOf(earliest) / 1000);
    }

    void coinGeckoLatest()
    {
        m_rig->server.on("/api/v3/simple/price", [](const RecordedRequest &) {
            return fixtureReply(QStringLiteral("coingecko/simple_price.json"));
        });
        const std::vector<Asset> assets
            = { makeAsset(QStringLiteral("BTC"), QStringLiteral("USD"), QStringLiteral("bitcoin")),
                makeAsset(QStringLiteral("ETH"), QStringLiteral("EUR"), QStringLiteral("ethereum")),
                makeAsset(QStringLiteral("XXX"), QStringLiteral("USD"), QStringLiteral("nocoin")) };
        const auto quotes = m_coinGecko->latest(assets);
        PT_VERIFY_OK(quotes);
        QCOMPARE(quotes->size(), size_t(2)); // bitcoin in USD, ethereum in EUR; nocoin is absent
        const auto requests = m_rig->requestsTo("/api/v3/simple/price");
        QCOMPARE(requests.size(), 1);
        QCOMPARE(queryValue(requests[0], QStringLiteral("ids")), QStringLiteral("bitcoin,ethereum,nocoin"));
        QCOMPARE(queryValue(requests[0], QStringLiteral("vs_currencies")), QStringLiteral("usd,eur"));
    }

    void coinGeckoRateLimited()
    {
        m_rig->server.on("/api/v3/simple/price", [](const RecordedRequest &) {
            return fixtureReply(QStringLiteral("coingecko/error_rate_limit.json"), 429);
        });
        const std::vector<Asset> assets
            = { makeAsset(QStringLiteral("BTC"), QStringLiteral("USD"), QStringLiteral("bitcoin")) };
        const auto quotes = m_coinGecko->latest(assets);
        QVERIFY(!quotes.ok());
        QVERIFY2(quotes.error().startsWith(QStringLiteral("CoinGecko prices of bitcoin: rate limited")),
                 qPrintable(quotes.error()));
    }

    void coinGeckoSearch()
    {
        m_rig->server.on("/api/v3/search",
                         [](const RecordedRequest &) { return fixtureReply(QStringLiteral("coingecko/search.json")); });
        const auto hits = m_coinGecko->search(QStringLiteral("bitcoin"));
        PT_VERIFY_OK(hits);
        QCOMPARE(hits->size(), size_t(3));
        QCOMPARE(hits->front().sourceId, QStringLiteral("bitcoin"));
        QCOMPARE(queryValue(m_rig->requestsTo("/api/v3/search").value(0), QStringLiteral("query")),
                 QStringLiteral("bitcoin"));
    }

    void binancePagesOver2500Klines()
    {
        const QDate first(2017, 8, 17);
        const QDate last = first.addDays(2499);
        m_rig->server.on("/api/v3/klines",
                         [=](const RecordedRequest &request) { return klinesFor(request, first, last); });
        const Asset pair = makeAsset(QStringLiteral("BTCUSDT"), QString(), QString(), AssetClass::Crypto);
        const auto history = m_binance->history(pair, first, last);
        PT_VERIFY_OK(history);
        QCOMPARE(history->bars.size(), size_t(2500));
        QCOMPARE(history->currency, QStringLiteral("USDT"));
        for (size_t i = 0; i < history->bars.size(); ++i) {
            if (history->bars[i].date != first.addDays(qint64(i)))
                QFAIL(qPrintable(
                    QStringLiteral("bar %1 is dated %2").arg(i).arg(history->bars[i].date.toString(Qt::ISODate))));
        }
        QCOMPARE(history->bars[1234].close, dec("1334.5"));

        const auto requests = m_rig->requestsTo("/api/v3/klines");
        QCOMPARE(requests.size(), 3); // 1000 + 1000 + 500
        QCOMPARE(queryValue(requests[0], QStringLiteral("startTime")).toLongLong(), msOf(first));
        QCOMPARE(queryValue(requests[1], QStringLiteral("startTime")).toLongLong(), msOf(first.addDays(1000)));
        QCOMPARE(queryValue(requests[2], QStringLiteral("startTime")).toLongLong(), msOf(first.addDays(2000)));
        for (const RecordedRequest &request : requests) {
            QCOMPARE(queryValue(request, QStringLiteral("symbol")), QStringLiteral("BTCUSDT"));
            QCOMPARE(queryValue(request, QStringLiteral("interval")), QStringLiteral("1d"));
            QCOMPARE(queryValue(request, QStringLiteral("limit")), QStringLiteral("1000"));
            QCOMPARE(queryValue(request, QStringLiteral("endTime")).toLongLong(), msOf(last.addDays(1)) - 1);
        }
    }

    void binanceExactlyOnePage()
    {
        const QDate first(2020, 1, 1);
        const QDate last = first.addDays(999);
        m_rig->server.on("/api/v3/klines",
                         [=](const RecordedRequest &request) { return klinesFor(request, first, last); });
        const auto history = m_binance->history(makeAsset(QStringLiteral("ETHBTC"), QString()), first, last);
        PT_VERIFY_OK(history);
        QCOMPARE(history->bars.size(), size_t(1000));
        QCOMPARE(history->currency, QStringLiteral("BTC"));
        QCOMPARE(m_rig->server.requestCount("/api/v3/klines"), 1); // the next start is past the end
    }

    void binanceDropsTheOpenKline()
    {
        const QDate today = QDateTime::currentDateTimeUtc().date();
        m_rig->server.on("/api/v3/klines",
                         [=](const RecordedRequest &request) { return klinesFor(request, today.addDays(-5), today); });
        const auto history = m_binance->history(makeAsset(QStringLiteral("BTCUSDT"), QStringLiteral("USDT")),
                                                today.addDays(-5), today);
        PT_VERIFY_OK(history);
        QCOMPARE(history->bars.size(), size_t(5));
        QCOMPARE(history->bars.back().date, today.addDays(-1));
        QVERIFY(history->notes.join(u' ').contains(QStringLiteral("still open")));
    }

    void binanceUnknownSymbol()
    {
        m_rig->server.on("/api/v3/klines", [](const RecordedRequest &) {
            return fixtureReply(QStringLiteral("binance/error_invalid_symbol.json"), 400);
        });
        const auto history = m_binance->history(makeAsset(QStringLiteral("nopeusdt"), QString()), QDate(2024, 1, 1),
                                                QDate(2024, 1, 31));
        QVERIFY(!history.ok());
        QCOMPARE(history.error(),
                 QStringLiteral("Binance history of NOPEUSDT: unknown symbol (Binance -1121: \"Invalid symbol.\")"));
    }

    void binanceLatestSkipsUnknownSymbols()
    {
        m_rig->server.on("/api/v3/ticker/price", [](const RecordedRequest &request) {
            if (queryValue(request, QStringLiteral("symbol")) == QStringLiteral("BTCUSDT"))
                return fixtureReply(QStringLiteral("binance/ticker_price.json"));
            return fixtureReply(QStringLiteral("binance/error_invalid_symbol.json"),
                                400); // "symbols" with NOPE, or NOPE
        });
        const std::vector<Asset> assets = { makeAsset(QStringLiteral("BTCUSDT"), QStringLiteral("USDT")),
                                            makeAsset(QStringLiteral("NOPEUSDT"), QStringLiteral("USDT")) };
        const auto quotes = m_binance->latest(assets);
        PT_VERIFY_OK(quotes);
        QCOMPARE(quotes->size(), size_t(1));
        QCOMPARE(quotes->at(0).symbol, QStringLiteral("BTCUSDT"));
        QCOMPARE(quotes->at(0).price, dec("71843.22"));
        QCOMPARE(quotes->at(0).currency, QStringLiteral("USDT"));
        const auto requests = m_rig->requestsTo("/api/v3/ticker/price");
        QCOMPARE(requests.size(), 3);
        QCOMPARE(queryValue(requests[0], QStringLiteral("symbols")), QStringLiteral("[\"BTCUSDT\",\"NOPEUSDT\"]"));
    }

    void binanceLatestInOneRequest()
    {
        m_rig->server.on("/api/v3/ticker/price", [](const RecordedRequest &) {
            return fixtureReply(QStringLiteral("binance/ticker_prices.json"));
        });
        const std::vector<Asset> assets = { makeAsset(QStringLiteral("BTCUSDT"), QStringLiteral("USDT")),
                                            makeAsset(QStringLiteral("ETHBTC"), QStringLiteral("BTC")),
                                            makeAsset(QStringLiteral("BNBEUR"), QStringLiteral("EUR")) };
        const auto quotes = m_binance->latest(assets);
        PT_VERIFY_OK(quotes);
        QCOMPARE(quotes->size(), size_t(3));
        QCOMPARE(quotes->at(2).currency, QStringLiteral("EUR"));
        QCOMPARE(m_rig->server.requestCount("/api/v3/ticker/price"), 1);
    }

    void binanceSearch()
    {
        m_rig->server.on("/api/v3/ticker/price", [](const RecordedRequest &request) {
            if (queryValue(request, QStringLiteral("symbol")) == QStringLiteral("BTCUSDT"))
                return fixtureReply(QStringLiteral("binance/ticker_price.json"));
            return fixtureReply(QStringLiteral("binance/error_invalid_symbol.json"), 400);
        });
        const auto hits = m_binance->search(QStringLiteral("btc"));
        PT_VERIFY_OK(hits);
        QCOMPARE(hits->size(), size_t(1));
        QCOMPARE(hits->at(0).sourceId, QStringLiteral("BTCUSDT"));
        QCOMPARE(hits->at(0).assetClass, AssetClass::Crypto);
        QCOMPARE(hits->at(0).currency, QStringLiteral("USDT"));
    }
};

int runCryptoProviderTests(int argc, char **argv)
{
    TestCryptoProviders test;
    return QTest::qExec(&test, argc, argv);
}

#include "providers_crypto.moc"
