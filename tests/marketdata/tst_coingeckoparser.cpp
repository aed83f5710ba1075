#include "../common/testsupport.h"
#include "fixtures.h"

#include "marketdata/coingeckoparser.h"

using namespace pt;
using namespace pt::marketdata;
using pt::test::dec;
using pt::test::fixture;

class TestCoinGeckoParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void marketChartDropsTheLivePoint()
    {
        const auto history = coingecko::parseMarketChart(fixture(QStringLiteral("coingecko/market_chart_bitcoin.json")),
                                                         QStringLiteral("usd"));
        PT_VERIFY_OK(history);
        QCOMPARE(history->currency, QStringLiteral("USD"));
        QCOMPARE(history->timeZone, QStringLiteral("UTC"));
        // Midnight points of 03-10..03-14 close 03-09..03-13; 15:42 on 03-14 is "now".
        QCOMPARE(history->bars.size(), size_t(5));
        QCOMPARE(history->bars.front().date, QDate(2024, 3, 9));
        QCOMPARE(history->bars.back().date, QDate(2024, 3, 13));
        QCOMPARE(history->bars.front().close, dec("68955.8834523891"));
        QCOMPARE(history->bars.front().volume, dec("35712345678.12"));
        QVERIFY(history->bars.front().open.isZero()); // closes only
        QVERIFY(history->bars.front().high.isZero());
        QVERIFY(history->notes.join(u' ').contains(QStringLiteral("live price of 2024-03-14T15:42:07")));
    }

    void rangeWithNullAndSeveralPointsPerDay()
    {
        const auto history = coingecko::parseMarketChart(
            fixture(QStringLiteral("coingecko/market_chart_range_ethereum.json")), QStringLiteral("eur"));
        PT_VERIFY_OK(history);
        QCOMPARE(history->currency, QStringLiteral("EUR"));
        QList<QDate> dates;
        for (const DailyPrice &bar : history->bars)
            dates << bar.date;
        QCOMPARE(dates,
                 (QList<QDate> { QDate(2024, 1, 31), QDate(2024, 2, 1), QDate(2024, 2, 3), QDate(2024, 2, 4),
                                 QDate(2024, 2, 5), QDate(2024, 2, 6) }));
        // 02-05 02:00 and 02-06 00:00 both close 02-05: the later wins.
        QCOMPARE(history->bars[4].close, dec("2320.0012341"));
        QVERIFY(history->notes.join(u' ').contains(QStringLiteral("without a price: 2024-02-02")));
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("expected");
        QTest::newRow("rate limit") << fixture(QStringLiteral("coingecko/error_rate_limit.json"))
                                    << QStringLiteral("rate limited (CoinGecko error 429");
        QTest::newRow("10012") << fixture(QStringLiteral("coingecko/error_range_limit.json"))
                               << QStringLiteral("past the 365 days");
        QTest::newRow("not found") << fixture(QStringLiteral("coingecko/error_coin_not_found.json"))
                                   << QStringLiteral("unknown coin id (CoinGecko: \"coin not found\")");
        QTest::newRow("cloudflare") << QByteArray("<html><body>Error 1015 rate limited</body></html>")
                                    << QStringLiteral("an HTML page instead of JSON");
        QTest::newRow("truncated") << fixture(QStringLiteral("coingecko/market_chart_bitcoin.json")).left(100)
                                   << QStringLiteral("not valid JSON");
        QTest::newRow("no prices") << QByteArray("{\"market_caps\":[]}") << QStringLiteral("no \"prices\"");
        QTest::newRow("bad pair") << QByteArray("{\"prices\":[[1,2],[\"x\",3]]}")
                                  << QStringLiteral("prices[1] is not a [milliseconds, value] pair");
    }

    void errors()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, expected);
        const auto history = coingecko::parseMarketChart(body, QStringLiteral("usd"));
        QVERIFY(!history.ok());
        QVERIFY2(history.error().contains(expected), qPrintable(history.error()));
    }

    void errorInRecognisesEnvelopesOnly()
    {
        QVERIFY(!coingecko::errorIn(fixture(QStringLiteral("coingecko/error_rate_limit.json"))).isEmpty());
        QVERIFY(!coingecko::errorIn(fixture(QStringLiteral("coingecko/error_range_limit.json"))).isEmpty());
        QVERIFY(!coingecko::errorIn(fixture(QStringLiteral("coingecko/error_coin_not_found.json"))).isEmpty());
        QVERIFY(coingecko::errorIn(fixture(QStringLiteral("coingecko/simple_price.json"))).isEmpty());
        QVERIFY(coingecko::errorIn("not json").isEmpty());
    }

    void simplePrice()
    {
        const auto quotes = coingecko::parseSimplePrice(fixture(QStringLiteral("coingecko/simple_price.json")));
        PT_VERIFY_OK(quotes);
        QCOMPARE(quotes->size(), size_t(4));
        const auto find = [&](const QString &id, const QString &currency) -> const Quote * {
            for (const Quote &quote : *quotes) {
                if (quote.symbol == id && quote.currency == currency)
                    return &quote;
            }
            return nullptr;
        };
        const Quote *btc = find(QStringLiteral("bitcoin"), QStringLiteral("USD"));
        QVERIFY(btc);
        QCOMPARE(btc->price, dec("67843.12"));
        QCOMPARE(btc->time, QDateTime::fromSecsSinceEpoch(1710547260, Qt::UTC)); // seconds, not ms
        const Quote *eth = find(QStringLiteral("ethereum"), QStringLiteral("EUR"));
        QVERIFY(eth);
        QCOMPARE(eth->price, dec("3232.9"));

        const auto empty = coingecko::parseSimplePrice("{}"); // only unknown ids
        PT_VERIFY_OK(empty);
        QVERIFY(empty->empty());
    }

    void search()
    {
        const auto hits = coingecko::parseSearch(fixture(QStringLiteral("coingecko/search.json")));
        PT_VERIFY_OK(hits);
        QCOMPARE(hits->size(), size_t(3));
        QCOMPARE(hits->at(0).symbol, QStringLiteral("BTC"));
        QCOMPARE(hits->at(0).sourceId, QStringLiteral("bitcoin"));
        QCOMPARE(hits->at(0).name, QStringLiteral("Bitcoin"));
        QCOMPARE(hits->at(0).assetClass, AssetClass::Crypto);
        QCOMPARE(hits->at(0).dataSource, QStringLiteral("coingecko"));
        QCOMPARE(hits->at(2).sourceId, QStringLiteral("bitcoin-cash")); // null market_cap_rank is fine

        const auto broken = coingecko::parseSearch("{\"exchanges\":[]}");
        QVERIFY(!broken.ok());
    }
};

QTEST_GUILESS_MAIN(TestCoinGeckoParser)
#include "tst_coingeckoparser.moc"
