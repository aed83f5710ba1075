#include "../common/testsupport.h"
#include "fixtures.h"

#include "marketdata/ecbparser.h"

#include <algorithm>

using namespace pt;
using namespace pt::marketdata;
using pt::test::dec;
using pt::test::fixture;

namespace {

std::vector<EuroRate> ratesOn(const std::vector<EuroRate> &rates, QDate date)
{
    std::vector<EuroRate> day;
    std::copy_if(rates.begin(), rates.end(), std::back_inserter(day),
                 [&](const EuroRate &rate) { return rate.date == date; });
    return day;
}

bool has(const std::vector<EuroRate> &rates, QDate date, const QString &currency)
{
    return std::any_of(rates.begin(), rates.end(),
                       [&](const EuroRate &rate) { return rate.date == date && rate.currency == currency; });
}

} // namespace

class TestEcbParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void daily()
    {
        const auto rates = ecb::parseRates(fixture(QStringLiteral("ecb/eurofxref-daily.xml")));
        PT_VERIFY_OK(rates);
        QCOMPARE(rates->size(), size_t(30));
        QCOMPARE(rates->front().date, QDate(2024, 4, 2));
        QCOMPARE(rates->front().currency, QStringLiteral("USD"));
        QCOMPARE(rates->front().rate, dec("1.0811"));
        QVERIFY(!has(*rates, QDate(2024, 4, 2), QStringLiteral("EUR")));
        const auto idr = std::find_if(rates->begin(), rates->end(),
                                      [](const EuroRate &rate) { return rate.currency == QStringLiteral("IDR"); });
        QVERIFY(idr != rates->end());
        QCOMPARE(idr->rate, dec("17236.67"));
    }

    void historyOldestFirstWithGaps()
    {
        const auto rates = ecb::parseRates(fixture(QStringLiteral("ecb/eurofxref-hist.xml")));
        PT_VERIFY_OK(rates);
        QCOMPARE(rates->front().date, QDate(2024, 3, 25));
        QCOMPARE(rates->back().date, QDate(2024, 4, 2));
        QCOMPARE(ratesOn(*rates, QDate(2024, 3, 25)).size(), size_t(4)); // RUB N/A skipped
        QVERIFY(!has(*rates, QDate(2024, 3, 26), QStringLiteral("USD")));
        QVERIFY(!has(*rates, QDate(2024, 3, 27), QStringLiteral("ZAR"))); // empty rate
        QVERIFY(!has(*rates, QDate(2024, 3, 28), QStringLiteral("GBP")));
        QVERIFY(ratesOn(*rates, QDate(2024, 3, 29)).empty()); // Good Friday: no cube
        QCOMPARE(rates->size(), size_t(5 + 4 + 4 + 3 + 4));
    }

    void withoutNamespaceAndDoubleQuotes()
    {
        const QByteArray body("<Envelope><Cube><Cube time=\"2024-01-05\"><Cube currency=\"USD\" rate=\"1.0921\"/>"
                              "</Cube></Cube></Envelope>");
        const auto rates = ecb::parseRates(body);
        PT_VERIFY_OK(rates);
        QCOMPARE(rates->size(), size_t(1));
        QCOMPARE(rates->at(0).rate, dec("1.0921"));
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("expected");
        QTest::newRow("truncated") << fixture(QStringLiteral("ecb/eurofxref-hist.xml")).left(600)
                                   << QStringLiteral("malformed XML at line");
        QTest::newRow("html") << QByteArray("<html><body>Service unavailable</body></html>")
                              << QStringLiteral("no <Cube> element");
        QTest::newRow("bad date") << QByteArray(
            "<Cube><Cube time='02/04/2024'><Cube currency='USD' rate='1'/></Cube></Cube>")
                                  << QStringLiteral("time '02/04/2024' at line 1 is not a date");
        QTest::newRow("rate without day") << QByteArray("<Cube><Cube currency='USD' rate='1'/></Cube>")
                                          << QStringLiteral("a rate outside a dated Cube");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("malformed XML");
    }

    void errors()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, expected);
        const auto rates = ecb::parseRates(body);
        QVERIFY(!rates.ok());
        QVERIFY2(rates.error().contains(expected), qPrintable(rates.error()));
    }

    void crossRates_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<QString>("expected");
        QTest::newRow("EUR->USD") << "EUR"
                                  << "USD"
                                  << "1.0811";
        QTest::newRow("USD->EUR") << "USD"
                                  << "EUR"
                                  << "0.924983812783"; // 1 / 1.0811
        QTest::newRow("USD->JPY") << "USD"
                                  << "JPY"
                                  << "151.336601609472"; // 163.61 / 1.0811
        QTest::newRow("GBP->CHF") << "GBP"
                                  << "CHF"
                                  << "1.140606767795"; // 0.9775 / 0.857
        QTest::newRow("same") << "CHF"
                              << "CHF"
                              << "1";
        QTest::newRow("EUR->EUR") << "EUR"
                                  << "EUR"
                                  << "1";
    }

    void crossRates()
    {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(QString, expected);
        const auto rates = ecb::parseRates(fixture(QStringLiteral("ecb/eurofxref-daily.xml")));
        PT_VERIFY_OK(rates);
        const auto cross = ecb::crossRate(*rates, from, to);
        PT_VERIFY_OK(cross);
        QCOMPARE(cross->toString(), expected);
    }

    void crossRateNamesTheMissingCurrency()
    {
        const auto rates = ecb::parseRates(fixture(QStringLiteral("ecb/eurofxref-hist.xml")));
        PT_VERIFY_OK(rates);
        const auto cross
            = ecb::crossRate(ratesOn(*rates, QDate(2024, 3, 26)), QStringLiteral("USD"), QStringLiteral("GBP"));
        QVERIFY(!cross.ok());
        QCOMPARE(cross.error(), QStringLiteral("no ECB reference rate for USD on 2024-03-26"));
    }
};

QTEST_GUILESS_MAIN(TestEcbParser)
#include "tst_ecbparser.moc"
