// Tests of pt::currency: ISO 4217 minor units, code validation and the ledger's
// one rounding rule (half away from zero to the currency's minor unit).

#include "money/currency.h"

#include <QTest>

using namespace Qt::StringLiterals;
using pt::Decimal;

namespace {

Decimal dec(QStringView text)
{
    const auto parsed = Decimal::parse(text);
    return parsed ? *parsed : Decimal::invalid();
}

} // namespace

class TestCurrency final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void minorUnits_data();
    void minorUnits();
    void isValidCode_data();
    void isValidCode();
    void roundToMinorUnit_data();
    void roundToMinorUnit();
};

void TestCurrency::minorUnits_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<int>("digits");

    // The common case and unknown codes.
    QTest::newRow("USD") << u"USD"_s << 2;
    QTest::newRow("EUR") << u"EUR"_s << 2;
    QTest::newRow("GBP") << u"GBP"_s << 2;
    QTest::newRow("CHF") << u"CHF"_s << 2;
    QTest::newRow("IDR") << u"IDR"_s << 2; // ISO 4217 says 2, though cash has none
    QTest::newRow("unknown") << u"XYZ"_s << 2;
    QTest::newRow("empty") << QString() << 2;
    QTest::newRow("lower case is not a known code") << u"jpy"_s << 2;

    // Every exception in the table, so a broken sort order (binary search) shows.
    const std::pair<const char16_t *, int> exceptions[] = {
        {u"ADA", 6},  {u"BHD", 3},  {u"BIF", 0}, {u"BTC", 8}, {u"CLF", 4}, {u"CLP", 0},  {u"DJF", 0},
        {u"DOGE", 8}, {u"DOT", 10}, {u"ETH", 12}, {u"GNF", 0}, {u"IQD", 3}, {u"ISK", 0},  {u"JOD", 3},
        {u"JPY", 0},  {u"KMF", 0},  {u"KRW", 0}, {u"KWD", 3}, {u"LTC", 8}, {u"LYD", 3},  {u"OMR", 3},
        {u"PYG", 0},  {u"RWF", 0},  {u"SOL", 9}, {u"TND", 3}, {u"UGX", 0}, {u"USDT", 6}, {u"UYI", 0},
        {u"UYW", 4},  {u"VND", 0},  {u"VUV", 0}, {u"XAF", 0}, {u"XAG", 4}, {u"XAU", 4},  {u"XBT", 8},
        {u"XOF", 0},  {u"XPF", 0},  {u"XRP", 6},
    };
    for (const auto &[code, digits] : exceptions) {
        const QString text = QString::fromUtf16(code);
        QTest::addRow("%s", qPrintable(text)) << text << digits;
    }
    // Neighbours of table entries that are not in it.
    QTest::newRow("prefix of USDT") << u"USD"_s << 2;
    QTest::newRow("DOG") << u"DOG"_s << 2;
    QTest::newRow("before the first") << u"AAA"_s << 2;
    QTest::newRow("after the last") << u"ZZZ"_s << 2;
}

void TestCurrency::minorUnits()
{
    QFETCH(QString, code);
    QFETCH(int, digits);
    QCOMPARE(pt::currency::minorUnits(code), digits);
}

void TestCurrency::isValidCode_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<bool>("valid");
    QTest::newRow("ISO code") << u"EUR"_s << true;
    QTest::newRow("four-letter ticker") << u"USDT"_s << true;
    QTest::newRow("five characters") << u"ABCDE"_s << true;
    QTest::newRow("with digit") << u"XBT1"_s << true;
    QTest::newRow("digits only") << u"123"_s << true;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("two letters") << u"US"_s << false;
    QTest::newRow("six letters") << u"ABCDEF"_s << false;
    QTest::newRow("lower case") << u"usd"_s << false;
    QTest::newRow("mixed case") << u"Usd"_s << false;
    QTest::newRow("inner space") << u"US D"_s << false;
    QTest::newRow("trailing space") << u"EUR "_s << false;
    QTest::newRow("symbol") << u"U$D"_s << false;
    QTest::newRow("hyphen") << u"BTC-"_s << false;
    QTest::newRow("non-ASCII letter") << u"\u00C4UD"_s << false;
    QTest::newRow("full-width letters") << u"\uFF35\uFF33\uFF24"_s << false;
    QTest::newRow("Arabic-Indic digits") << u"\u0661\u0662\u0663"_s << false;
}

void TestCurrency::isValidCode()
{
    QFETCH(QString, code);
    QFETCH(bool, valid);
    QCOMPARE(pt::currency::isValidCode(code), valid);
}

void TestCurrency::roundToMinorUnit_data()
{
    QTest::addColumn<QString>("amount");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("expected");
    QTest::newRow("USD half up") << u"0.125"_s << u"USD"_s << u"0.13"_s;
    QTest::newRow("USD negative half away") << u"-0.125"_s << u"USD"_s << u"-0.13"_s;
    QTest::newRow("USD just below half") << u"0.124999999999"_s << u"USD"_s << u"0.12"_s;
    QTest::newRow("USD negative below half") << u"-0.124999999999"_s << u"USD"_s << u"-0.12"_s;
    QTest::newRow("USD negative to zero") << u"-0.004"_s << u"USD"_s << u"0"_s;
    QTest::newRow("EUR 1.005") << u"1.005"_s << u"EUR"_s << u"1.01"_s;
    QTest::newRow("EUR 2.675") << u"2.675"_s << u"EUR"_s << u"2.68"_s; // 2.67 in binary floating point
    QTest::newRow("JPY 2.5") << u"2.5"_s << u"JPY"_s << u"3"_s;
    QTest::newRow("JPY -2.5") << u"-2.5"_s << u"JPY"_s << u"-3"_s;
    QTest::newRow("JPY 4.5 not to even") << u"4.5"_s << u"JPY"_s << u"5"_s;
    QTest::newRow("JPY 0.4999") << u"0.4999"_s << u"JPY"_s << u"0"_s;
    QTest::newRow("BHD 1.0005") << u"1.0005"_s << u"BHD"_s << u"1.001"_s;
    QTest::newRow("KWD -1.0005") << u"-1.0005"_s << u"KWD"_s << u"-1.001"_s;
    QTest::newRow("BTC half a satoshi") << u"0.000000015"_s << u"BTC"_s << u"0.00000002"_s;
    QTest::newRow("BTC below half a satoshi") << u"0.0000000149"_s << u"BTC"_s << u"0.00000001"_s;
    QTest::newRow("USDT 6 digits") << u"0.0000005"_s << u"USDT"_s << u"0.000001"_s;
    QTest::newRow("ETH keeps 12 digits") << u"0.000000000001"_s << u"ETH"_s << u"0.000000000001"_s;
    QTest::newRow("unknown code rounds to 2") << u"9.995"_s << u"XYZ"_s << u"10"_s;
    QTest::newRow("IDR 10^15") << u"999999999999999.995"_s << u"IDR"_s << u"1000000000000000"_s;
    QTest::newRow("JPY 10^15") << u"-999999999999999.5"_s << u"JPY"_s << u"-1000000000000000"_s;
    QTest::newRow("already rounded") << u"12.34"_s << u"USD"_s << u"12.34"_s;
    QTest::newRow("overflow") << u"170141183460469231731687303.715884105727"_s << u"USD"_s << u"invalid"_s;
    QTest::newRow("invalid stays invalid") << u"invalid"_s << u"USD"_s << u"invalid"_s;
}

void TestCurrency::roundToMinorUnit()
{
    QFETCH(QString, amount);
    QFETCH(QString, code);
    QFETCH(QString, expected);
    const Decimal rounded = pt::currency::roundToMinorUnit(dec(amount), code);
    QCOMPARE(rounded.toString(), expected);
    if (rounded.isValid()) {
        // Rounding to the minor unit is idempotent and agrees with the formatted text.
        QCOMPARE(pt::currency::roundToMinorUnit(rounded, code), rounded);
        const int digits = pt::currency::minorUnits(code);
        QCOMPARE(dec(amount).toString(digits), rounded.toString(digits));
    }
}

QTEST_GUILESS_MAIN(TestCurrency)
#include "tst_currency.moc"
