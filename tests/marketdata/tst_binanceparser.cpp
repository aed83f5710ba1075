#include "../common/testsupport.h"
#include "fixtures.h"

#include "marketdata/binanceparser.h"

#include <QDateTime>

using namespace pt;
using namespace pt::marketdata;
using pt::test::dec;
using pt::test::fixture;

namespace {

std::int64_t msOf(QDate date, QTime time = QTime(0, 0))
{
    return QDateTime(date, time, Qt::UTC).toMSecsSinceEpoch();
}

} // namespace

class TestBinanceParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void klinesOfClosedDays()
    {
        // "now" after the last kline closed: all five are complete.
        const auto page = binance::parseKlines(fixture(QStringLiteral("binance/klines_btcusdt.json")),
                                               msOf(QDate(2024, 3, 16), QTime(1, 0)));
        PT_VERIFY_OK(page);
        QCOMPARE(page->rowCount, 5);
        QCOMPARE(page->bars.size(), size_t(5));
        QCOMPARE(page->lastOpenTimeMs, msOf(QDate(2024, 3, 15)));
        const DailyPrice &first = page->bars.front();
        QCOMPARE(first.date, QDate(2024, 3, 11));
        QCOMPARE(first.open, dec("68955.88"));
        QCOMPARE(first.high, dec("72850"));
        QCOMPARE(first.low, dec("68400.12"));
        QCOMPARE(first.close, dec("72078.13"));
        QCOMPARE(first.volume, dec("41234.56789"));
        QCOMPARE(first.adjustedClose, first.close);
        QVERIFY(page->notes.isEmpty());
    }

    void openKlineIsDropped()
    {
        const auto page = binance::parseKlines(fixture(QStringLiteral("binance/klines_btcusdt.json")),
                                               msOf(QDate(2024, 3, 15), QTime(14, 0)));
        PT_VERIFY_OK(page);
        QCOMPARE(page->rowCount, 5); // still counted for paging
        QCOMPARE(page->bars.size(), size_t(4));
        QCOMPARE(page->bars.back().date, QDate(2024, 3, 14));
        QVERIFY(page->notes.join(u' ').contains(QStringLiteral("2024-03-15: still open")));
    }

    void emptyWindow()
    {
        const auto page = binance::parseKlines("[]", 0);
        PT_VERIFY_OK(page);
        QCOMPARE(page->rowCount, 0);
        QCOMPARE(page->lastOpenTimeMs, std::int64_t(-1));
    }

    void klineErrors_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("expected");
        QTest::newRow("invalid symbol") << fixture(QStringLiteral("binance/error_invalid_symbol.json"))
                                        << QStringLiteral("unknown symbol (Binance -1121: \"Invalid symbol.\")");
        QTest::newRow("weight") << fixture(QStringLiteral("binance/error_rate_limit.json"))
                                << QStringLiteral("rate limited (Binance -1003");
        QTest::newRow("restricted") << fixture(QStringLiteral("binance/error_restricted.json"))
                                    << QStringLiteral(
                                           "Binance error 0: \"Service unavailable from a restricted location");
        QTest::newRow("short row") << QByteArray("[[1710115200000,\"1\",\"1\",\"1\",\"1\"]]")
                                   << QStringLiteral("kline 0 has 5 fields, expected 12");
        QTest::newRow("number price") << QByteArray(
            "[[1710115200000,1.5,\"1\",\"1\",\"1\",\"1\",1710201599999,\"1\",1,\"1\",\"1\",\"0\"]]")
                                      << QStringLiteral("kline 0, field 1: \"1.5\" is not a decimal string");
        QTest::newRow("time as text") << QByteArray(
            "[[\"x\",\"1\",\"1\",\"1\",\"1\",\"1\",1710201599999,\"1\",1,\"1\",\"1\",\"0\"]]")
                                      << QStringLiteral("kline 0: open or close time");
        QTest::newRow("not increasing") << QByteArray(
            "[[1710115200000,\"1\",\"1\",\"1\",\"1\",\"1\",1710201599999,\"1\",1,\"1\",\"1\",\"0\"],"
            "[1710115200000,\"1\",\"1\",\"1\",\"1\",\"1\",1710201599999,\"1\",1,\"1\",\"1\",\"0\"]]")
                                        << QStringLiteral("kline 1: open times do not increase");
        QTest::newRow("object") << QByteArray("{\"a\":1}") << QStringLiteral("expected an array of klines");
        QTest::newRow("truncated") << fixture(QStringLiteral("binance/klines_btcusdt.json")).left(300)
                                   << QStringLiteral("not valid JSON");
    }

    void klineErrors()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, expected);
        const auto page = binance::parseKlines(body, msOf(QDate(2030, 1, 1)));
        QVERIFY(!page.ok());
        QVERIFY2(page.error().contains(expected), qPrintable(page.error()));
    }

    void tickerPrices()
    {
        const QDateTime now(QDate(2024, 3, 15), QTime(12, 0), Qt::UTC);
        const auto one = binance::parseTickerPrices(fixture(QStringLiteral("binance/ticker_price.json")), now);
        PT_VERIFY_OK(one);
        QCOMPARE(one->size(), size_t(1));
        QCOMPARE(one->at(0).symbol, QStringLiteral("BTCUSDT"));
        QCOMPARE(one->at(0).price, dec("71843.22"));
        QCOMPARE(one->at(0).time, now);

        const auto many = binance::parseTickerPrices(fixture(QStringLiteral("binance/ticker_prices.json")), now);
        PT_VERIFY_OK(many);
        QCOMPARE(many->size(), size_t(3));
        QCOMPARE(many->at(1).price, dec("0.04897"));

        const auto error
            = binance::parseTickerPrices(fixture(QStringLiteral("binance/error_invalid_symbol.json")), now);
        QVERIFY(!error.ok());
        QVERIFY(error.error().startsWith(QStringLiteral("unknown symbol")));
    }
};

QTEST_GUILESS_MAIN(TestBinanceParser)
#include "tst_binanceparser.moc"
