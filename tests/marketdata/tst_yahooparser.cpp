#include "../common/testsupport.h"
#include "fixtures.h"

#include "marketdata/yahooparser.h"

using namespace pt;
using namespace pt::marketdata;
using pt::test::dec;
using pt::test::fixture;

class TestYahooParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void chartAcrossUsDstChange()
    {
        const auto history = yahoo::parseChart(fixture(QStringLiteral("yahoo/chart_aapl.json")));
        PT_VERIFY_OK(history);
        QCOMPARE(history->currency, QStringLiteral("USD"));
        QCOMPARE(history->timeZone, QStringLiteral("America/New_York"));

        // 10 stamps: one null bar dropped, the live row of 03-15 replaces the open-aligned one.
        QCOMPARE(history->bars.size(), size_t(8));
        const QList<QDate> expected
            = { QDate(2024, 3, 5),  QDate(2024, 3, 6),  QDate(2024, 3, 7),  QDate(2024, 3, 11),
                QDate(2024, 3, 12), QDate(2024, 3, 13), QDate(2024, 3, 14), QDate(2024, 3, 15) };
        for (size_t i = 0; i < history->bars.size(); ++i)
            QCOMPARE(history->bars[i].date, expected[qsizetype(i)]);

        // float32 noise gone: 173.22999572753906 -> 173.23
        const DailyPrice &split = history->bars[4];
        QCOMPARE(split.close, dec("173.23"));
        QCOMPARE(split.open, dec("173.15"));
        QCOMPARE(split.high, dec("174.03"));
        QCOMPARE(split.low, dec("171.01"));
        QCOMPARE(split.volume, dec("59825372"));
        QCOMPARE(history->bars.back().close, dec("172.64"));
        QCOMPARE(history->bars.back().volume, dec("3121299999")); // beyond 2^31
        QCOMPARE(history->bars.front().adjustedClose, dec("169.2694"));

        QVERIFY(history->notes.join(u'\n').contains(QStringLiteral("2024-03-08")));
        QVERIFY(history->notes.join(u'\n').contains(QStringLiteral("two bars for 2024-03-15")));
    }

    void chartEvents()
    {
        const auto history = yahoo::parseChart(fixture(QStringLiteral("yahoo/chart_aapl.json")));
        PT_VERIFY_OK(history);
        QCOMPARE(history->actions.size(), size_t(2));
        const CorporateAction &dividend = history->actions[0];
        QCOMPARE(dividend.kind, CorporateAction::Kind::Dividend);
        QCOMPARE(dividend.date, QDate(2024, 3, 7));
        QCOMPARE(dividend.amount, dec("0.24"));
        QVERIFY(dividend.currency.isEmpty());
        const CorporateAction &split = history->actions[1];
        QCOMPARE(split.kind, CorporateAction::Kind::Split);
        QCOMPARE(split.date, QDate(2024, 3, 12));
        QCOMPARE(split.numerator, dec("2"));
        QCOMPARE(split.denominator, dec("1"));
    }

    void chartDatesInExchangeZoneAcrossSydneyDstEnd()
    {
        // 10:00 in Sydney is 23:00 UTC of the day before while daylight time
        // lasts (to 2024-04-07), then 00:00 UTC: UTC dates would be wrong.
        const auto history = yahoo::parseChart(fixture(QStringLiteral("yahoo/chart_bhp_ax.json")));
        PT_VERIFY_OK(history);
        QCOMPARE(history->bars.size(), size_t(5));
        QCOMPARE(history->bars[0].date, QDate(2024, 4, 3));
        QCOMPARE(history->bars[2].date, QDate(2024, 4, 5));
        QCOMPARE(history->bars[3].date, QDate(2024, 4, 8));
        QCOMPARE(history->bars[4].date, QDate(2024, 4, 9));
        QCOMPARE(history->bars[4].close, dec("45.37"));
        QVERIFY(history->bars[4].adjustedClose.isZero()); // no adjclose block: not given
        QVERIFY(history->actions.empty());
    }

    void chartWithoutBarsIsEmptySuccess()
    {
        const auto history = yahoo::parseChart(fixture(QStringLiteral("yahoo/chart_empty.json")));
        PT_VERIFY_OK(history);
        QVERIFY(history->bars.empty());
        QCOMPARE(history->currency, QStringLiteral("EUR"));
    }

    void chartErrors_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown symbol") << fixture(QStringLiteral("yahoo/chart_unknown_symbol.json"))
                                        << QStringLiteral(
                                               "unknown symbol (Yahoo: \"No data found, symbol may be delisted\")");
        QTest::newRow("bad request") << fixture(QStringLiteral("yahoo/chart_bad_request.json"))
                                     << QStringLiteral("Yahoo answered Bad Request \"Data doesn't exist");
        QTest::newRow("rate limit text") << fixture(QStringLiteral("yahoo/too_many_requests.txt"))
                                         << QStringLiteral("rate limited: \"Edge: Too Many Requests\"");
        QTest::newRow("outage page") << fixture(QStringLiteral("yahoo/outage.html"))
                                     << QStringLiteral("the service is down");
        QTest::newRow("truncated") << fixture(QStringLiteral("yahoo/chart_aapl.json")).left(700)
                                   << QStringLiteral("not valid JSON");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("the answer is empty");
        QTest::newRow("array") << QByteArray("[1,2]") << QStringLiteral("expected a JSON object");
        QTest::newRow("no chart") << QByteArray("{\"foo\":{}}") << QStringLiteral("no \"chart\" object");
        QTest::newRow("null result") << QByteArray("{\"chart\":{\"result\":null,\"error\":null}}")
                                     << QStringLiteral("chart.result is empty");
        QTest::newRow("misaligned") << QByteArray(
            "{\"chart\":{\"result\":[{\"meta\":{\"exchangeTimezoneName\":\"UTC\"},\"timestamp\":[1,2],"
            "\"indicators\":{\"quote\":[{\"close\":[1.5]}]}}],\"error\":null}}")
                                    << QStringLiteral("indicators.quote[0].close has 1 values for 2 timestamps");
    }

    void chartErrors()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, expected);
        const auto history = yahoo::parseChart(body);
        QVERIFY(!history.ok());
        QVERIFY2(history.error().contains(expected), qPrintable(history.error()));
    }

    void chartUnknownZoneFallsBackToUtcWithNote()
    {
        const QByteArray body(
            "{\"chart\":{\"result\":[{\"meta\":{\"currency\":\"USD\",\"exchangeTimezoneName\":\"Mars/Olympus\"},"
            "\"timestamp\":[1710460800],\"indicators\":{\"quote\":[{\"close\":[2.5]}]}}],\"error\":null}}");
        const auto history = yahoo::parseChart(body);
        PT_VERIFY_OK(history);
        QCOMPARE(history->bars.size(), size_t(1));
        QCOMPARE(history->bars[0].date, QDate(2024, 3, 15));
        QVERIFY(history->notes.join(u' ').contains(QStringLiteral("Mars/Olympus")));
    }

    void smallPricesKeepTheirDigits()
    {
        const QByteArray body(
            "{\"chart\":{\"result\":[{\"meta\":{\"currency\":\"USD\",\"exchangeTimezoneName\":\"UTC\",\"priceHint\":2},"
            "\"timestamp\":[1710460800],\"indicators\":{\"quote\":[{\"close\":[1.2340000212192535e-05]}]}}],\"error\":"
            "null}}");
        const auto history = yahoo::parseChart(body);
        PT_VERIFY_OK(history);
        QCOMPARE(history->bars.at(0).close, dec("0.00001234"));
    }

    void quotes()
    {
        const auto quotes = yahoo::parseQuotes(fixture(QStringLiteral("yahoo/quote.json")));
        PT_VERIFY_OK(quotes);
        QCOMPARE(quotes->size(), size_t(3)); // the delisted NONE is left out
        QCOMPARE(quotes->at(0).symbol, QStringLiteral("AAPL"));
        QCOMPARE(quotes->at(0).price, dec("172.62"));
        QCOMPARE(quotes->at(0).currency, QStringLiteral("USD"));
        QCOMPARE(quotes->at(0).time, QDateTime(QDate(2024, 3, 15), QTime(20, 0, 1), Qt::UTC));
        QCOMPARE(quotes->at(1).symbol, QStringLiteral("BTC-USD"));
        QCOMPARE(quotes->at(1).price, dec("67843.36"));
        QCOMPARE(quotes->at(2).symbol, QStringLiteral("EURUSD=X"));
        QCOMPARE(quotes->at(2).price, dec("1.088932")); // priceHint 4, 7 significant digits
    }

    void quoteInvalidCrumb()
    {
        const QByteArray body = fixture(QStringLiteral("yahoo/invalid_crumb.json"));
        QVERIFY(yahoo::isInvalidCrumb(401, body));
        QVERIFY(!yahoo::isInvalidCrumb(200, body));
        const auto quotes = yahoo::parseQuotes(body);
        QVERIFY(!quotes.ok());
        QVERIFY2(quotes.error().contains(QStringLiteral("Unauthorized \"Invalid Crumb\"")), qPrintable(quotes.error()));
    }

    void search()
    {
        const auto hits = yahoo::parseSearch(fixture(QStringLiteral("yahoo/search.json")));
        PT_VERIFY_OK(hits);
        QStringList symbols;
        for (const SearchHit &hit : *hits)
            symbols << hit.symbol;
        QCOMPARE(symbols,
                 (QStringList { QStringLiteral("AAPL"), QStringLiteral("APC.DE"), QStringLiteral("AAPW"),
                                QStringLiteral("APPLE-USD"), QStringLiteral("^GSPC") }));
        QCOMPARE(hits->at(0).name, QStringLiteral("Apple Inc."));
        QCOMPARE(hits->at(0).exchange, QStringLiteral("NASDAQ"));
        QCOMPARE(hits->at(0).assetClass, AssetClass::Stock);
        QCOMPARE(hits->at(0).dataSource, QStringLiteral("yahoo"));
        QCOMPARE(hits->at(0).sourceId, QStringLiteral("AAPL"));
        QCOMPARE(hits->at(2).assetClass, AssetClass::Etf);
        QCOMPARE(hits->at(3).assetClass, AssetClass::Crypto);
        QCOMPARE(hits->at(3).name, QStringLiteral("Apple Coin USD")); // no longname: the short one

        const auto none = yahoo::parseSearch(fixture(QStringLiteral("yahoo/search_none.json")));
        PT_VERIFY_OK(none);
        QVERIFY(none->empty());
    }
};

QTEST_GUILESS_MAIN(TestYahooParser)
#include "tst_yahooparser.moc"
