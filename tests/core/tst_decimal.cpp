// Tests of pt::Decimal: parsing and formatting (canonical and per locale), exact
// arithmetic with its rounding and overflow rules, and the double conversions.
// Random products, quotients and sums are checked against an independent exact
// reference that works on decimal digit strings.

#include "money/decimal.h"

#include <QLocale>
#include <QRandomGenerator>
#include <QTest>

#include <bit>
#include <cfloat>
#include <clocale>
#include <cmath>
#include <limits>
#include <string>

using namespace Qt::StringLiterals;
using pt::Decimal;

namespace pt {
// Lets QCOMPARE print a Decimal that differs.
char *toString(const Decimal &value)
{
    return qstrdup(value.toString().toUtf8().constData());
}
} // namespace pt

namespace {

// The largest magnitude: (2^127 - 1) * 10^-12.
constexpr char16_t MaxLiteral[] = u"170141183460469231731687303.715884105727";
constexpr char16_t MinLiteral[] = u"-170141183460469231731687303.715884105727";
const QString MaxText = QString::fromUtf16(MaxLiteral);
const QString MinText = QString::fromUtf16(MinLiteral);

Decimal dec(QStringView text)
{
    const auto parsed = Decimal::parse(text);
    return parsed ? *parsed : Decimal::invalid();
}

// ---- Tables shared by the data-driven tests and the locale independence test ----

struct TextCase
{
    const char *name;
    const char16_t *input;
    const char16_t *expected; // canonical text, or nullptr when the input is refused
};

constexpr TextCase ParseCases[] = {
    {"zero", u"0", u"0"},
    {"negative zero", u"-0", u"0"},
    {"negative zero with fraction", u"-0.000", u"0"},
    {"plus sign", u"+3", u"3"},
    {"minus sign", u"-3.25", u"-3.25"},
    {"trailing point", u"1.", u"1"},
    {"leading point", u".5", u"0.5"},
    {"negative leading point", u"-.5", u"-0.5"},
    {"leading zeros", u"007.50", u"7.5"},
    {"trailing zeros", u"12.500000000000", u"12.5"},
    {"spaces trimmed", u"  12.50  ", u"12.5"},
    {"tab and newline trimmed", u"\t7\n", u"7"},
    {"no-break spaces trimmed", u"\u00A042\u00A0", u"42"},
    {"12 fractional digits", u"0.000000000001", u"0.000000000001"},
    {"satoshi", u"0.00000001", u"0.00000001"},
    {"10^15 with 8 decimals", u"999999999999999.99999999", u"999999999999999.99999999"},
    {"10^15 with 12 decimals", u"-999999999999999.999999999999", u"-999999999999999.999999999999"},
    {"26 integer digits", u"99999999999999999999999999", u"99999999999999999999999999"},
    {"largest", u"170141183460469231731687303.715884105727", u"170141183460469231731687303.715884105727"},
    {"most negative", u"-170141183460469231731687303.715884105727",
     u"-170141183460469231731687303.715884105727"},
    {"empty", u"", nullptr},
    {"blank", u"   ", nullptr},
    {"minus alone", u"-", nullptr},
    {"plus alone", u"+", nullptr},
    {"point alone", u".", nullptr},
    {"minus point", u"-.", nullptr},
    {"two points", u"1.2.3", nullptr},
    {"exponent", u"1e5", nullptr},
    {"upper-case exponent", u"1E5", nullptr},
    {"hexadecimal", u"0x10", nullptr},
    {"comma", u"1,5", nullptr},
    {"grouping", u"1,000", nullptr},
    {"inner space", u"1 000", nullptr},
    {"space after sign", u"- 1", nullptr},
    {"two minus signs", u"--1", nullptr},
    {"plus minus", u"+-1", nullptr},
    {"trailing minus", u"1-", nullptr},
    {"letters", u"abc", nullptr},
    {"trailing letter", u"12a", nullptr},
    {"13 fractional digits", u"1.0000000000001", nullptr},
    {"13 fractional zeros", u"0.0000000000000", nullptr},
    {"Arabic-Indic digits", u"\u0661\u0662\u0663", nullptr},
    {"full-width digits", u"\uFF11\uFF12", nullptr},
    {"Unicode minus", u"\u22121", nullptr},
    {"infinity", u"inf", nullptr},
    {"not a number", u"nan", nullptr},
    {"the invalid marker", u"invalid", nullptr},
    {"just above the largest", u"170141183460469231731687303.715884105728", nullptr},
    {"just below the most negative", u"-170141183460469231731687303.715884105728", nullptr},
    {"27 nines", u"999999999999999999999999999", nullptr},
    {"huge", u"1000000000000000000000000000000000000000000000000", nullptr},
};

struct DoubleCase
{
    const char *name;
    double input;
    const char16_t *expected; // canonical text; u"invalid" when refused
};

const DoubleCase FromDoubleCases[] = {
    {"0.1", 0.1, u"0.1"},
    {"0.1 + 0.2", 0.1 + 0.2, u"0.3"}, // 0.30000000000000004 rounded to 12 digits
    {"123.456", 123.456, u"123.456"},
    {"-123.456", -123.456, u"-123.456"},
    {"1234567.891", 1234567.891, u"1234567.891"},
    {"1e15", 1e15, u"1000000000000000"},
    {"1e-13", 1e-13, u"0"},
    {"4.9e-13", 4.9e-13, u"0"},
    {"5e-13 half away up", 5e-13, u"0.000000000001"},
    {"-5e-13 half away down", -5e-13, u"-0.000000000001"},
    {"13th digit 5", 0.1234567890125, u"0.123456789013"},
    {"13th digit 4", 0.1234567890124, u"0.123456789012"},
    {"15 significant digits", 0.123456789012345, u"0.123456789012"},
    {"negative zero", -0.0, u"0"},
    {"smallest subnormal", std::numeric_limits<double>::denorm_min(), u"0"},
    {"1e-12", 1e-12, u"0.000000000001"},
    {"9.99e-14", 9.99e-14, u"0"},
    {"-1e-320", -1e-320, u"0"},
    {"2^53 + 1", 9007199254740993.0, u"9007199254740992"},
    {"1e23 is not 99999999999999991611392", 1e23, u"100000000000000000000000"},
    {"1e26 is not 100000000000000004764729344", 1e26, u"100000000000000000000000000"},
    {"1.7e26", 1.7e26, u"170000000000000000000000000"},
    {"1.71e26", 1.71e26, u"invalid"},
    {"1e27", 1e27, u"invalid"},
    {"1e30", 1e30, u"invalid"},
    {"largest double", DBL_MAX, u"invalid"},
    {"NaN", std::numeric_limits<double>::quiet_NaN(), u"invalid"},
    {"infinity", std::numeric_limits<double>::infinity(), u"invalid"},
    {"-infinity", -std::numeric_limits<double>::infinity(), u"invalid"},
};

struct ArithmeticCase
{
    const char *name;
    const char16_t *a;
    char op;
    const char16_t *b;
    const char16_t *expected; // u"invalid" for an invalid result
};

// Expected values computed with Python's fractions.Fraction and rounded half away from zero.
constexpr ArithmeticCase ArithmeticCases[] = {
    {"0.1 + 0.2", u"0.1", '+', u"0.2", u"0.3"},
    {"10^15 + satoshi", u"1000000000000000", '+', u"0.00000001", u"1000000000000000.00000001"},
    {"sum to zero", u"-5.5", '+', u"5.5", u"0"},
    {"largest + 1 unit", MaxLiteral, '+', u"0.000000000001", u"invalid"},
    {"most negative - 1 unit", MinLiteral, '+', u"-0.000000000001", u"invalid"},
    {"largest + most negative", MaxLiteral, '+', MinLiteral, u"0"},
    {"0.3 - 0.1", u"0.3", '-', u"0.1", u"0.2"},
    {"1 - 1 unit", u"1", '-', u"0.000000000001", u"0.999999999999"},
    {"most negative - unit", MinLiteral, '-', u"0.000000000001", u"invalid"},
    {"largest - -unit", MaxLiteral, '-', u"-0.000000000001", u"invalid"},
    {"10^15 * 10^-8", u"1000000000000000", '*', u"0.00000001", u"10000000"},
    {"satoshi * price", u"0.00000001", '*', u"65432.1", u"0.000654321"},
    {"BTC quantity * price", u"1.23456789", '*', u"43210.98765", u"53346.897847876559"},
    {"all bitcoin in satoshi", u"2100000000000000", '*', u"0.00000001", u"21000000"},
    {"IDR 10^15 * 15999.99", u"1000000000000000", '*', u"15999.99", u"15999990000000000000"},
    {"wide: 10^15 * 10^9", u"1000000000000000", '*', u"1000000000", u"1000000000000000000000000"},
    {"wide: long operands", u"123456789012345.678901234567", '*', u"98765.4321",
     u"12193263112482853211.248285233211"},
    {"wide: negative long operands", u"-123456789012345.678901234567", '*', u"98765.4321",
     u"-12193263112482853211.248285233211"},
    {"wide: 2^64 raw squared", u"18446744.073709551616", '*', u"18446744.073709551616",
     u"340282366920938.463463374607"},
    {"fast: (2^64 - 1) raw squared", u"18446744.073709551615", '*', u"18446744.073709551615",
     u"340282366920938.463426481119"},
    {"wide: mixed signs", u"18446744.073709551616", '*', u"-18446744.073709551615",
     u"-340282366920938.463444927863"},
    {"wide: 14 and 11 nines", u"99999999999999.999999999999", '*', u"99999999999.999999999999",
     u"9999999999999999999999899.9"},
    {"wide: largest * 1", MaxLiteral, '*', u"1", MaxLiteral},
    {"wide: largest * -1", MaxLiteral, '*', u"-1", MinLiteral},
    {"wide: largest * 0.5", MaxLiteral, '*', u"0.5", u"85070591730234615865843651.857942052864"},
    {"wide: largest * 1 unit", MaxLiteral, '*', u"0.000000000001", u"170141183460469.231731687304"},
    {"mul half away up", u"0.000001", '*', u"0.0000005", u"0.000000000001"},
    {"mul half away negative", u"-0.000001", '*', u"0.0000005", u"-0.000000000001"},
    {"mul below half", u"0.000001", '*', u"-0.0000004", u"0"},
    {"unit * 0.5", u"0.000000000001", '*', u"0.5", u"0.000000000001"},
    {"unit * just below 0.5", u"0.000000000001", '*', u"0.499999999999", u"0"},
    {"10^13 * 10^13", u"10000000000000", '*', u"10000000000000", u"100000000000000000000000000"},
    {"-10^13 * 10^13", u"-10000000000000", '*', u"10000000000000", u"-100000000000000000000000000"},
    {"overflow: 10^14 * 10^13", u"100000000000000", '*', u"10000000000000", u"invalid"},
    {"overflow: largest * 2", MaxLiteral, '*', u"2", u"invalid"},
    {"zero * largest", u"0", '*', MaxLiteral, u"0"},
    {"1 / 3", u"1", '/', u"3", u"0.333333333333"},
    {"2 / 3", u"2", '/', u"3", u"0.666666666667"},
    {"-2 / 3", u"-2", '/', u"3", u"-0.666666666667"},
    {"2 / -3", u"2", '/', u"-3", u"-0.666666666667"},
    {"-2 / -3", u"-2", '/', u"-3", u"0.666666666667"},
    {"10 / 4", u"10", '/', u"4", u"2.5"},
    {"div half away up", u"0.000000000001", '/', u"2", u"0.000000000001"},
    {"div half away negative", u"-0.000000000001", '/', u"2", u"-0.000000000001"},
    {"div below half", u"0.000000000001", '/', u"3", u"0"},
    {"zero / 5", u"0", '/', u"5", u"0"},
    {"1 / 0", u"1", '/', u"0", u"invalid"},
    {"0 / 0", u"0", '/', u"0", u"invalid"},
    {"10^14 / unit", u"100000000000000", '/', u"0.000000000001", u"100000000000000000000000000"},
    {"overflow: 10^15 / unit", u"1000000000000000", '/', u"0.000000000001", u"invalid"},
    {"10^15 / 3", u"1000000000000000", '/', u"3", u"333333333333333.333333333333"},
    {"wide: 2^88 raw / 7", u"309485009821345.068724781056", '/', u"7", u"44212144260192.152674968722"},
    {"fast: 2^88 - 1 raw / 7", u"309485009821345.068724781055", '/', u"7", u"44212144260192.152674968722"},
    {"wide: 2^88 raw / 0.001", u"309485009821345.068724781056", '/', u"0.001", u"309485009821345068.724781056"},
    {"wide: -2^88 raw / 0.5", u"-309485009821345.068724781056", '/', u"0.5",
     u"-618970019642690.137449562112"},
    {"wide: 123456789012345678.9 / 7", u"123456789012345678.9", '/', u"7", u"17636684144620811.271428571429"},
    {"wide: negative / 7", u"-123456789012345678.9", '/', u"7", u"-17636684144620811.271428571429"},
    {"wide: IDR / price", u"15000000000000000", '/', u"12345.678901234567", u"1215000010935.000187110002"},
    {"wide: largest / largest", MaxLiteral, '/', MaxLiteral, u"1"},
    {"wide: largest / -1", MaxLiteral, '/', u"-1", MinLiteral},
    {"wide: largest / 3", MaxLiteral, '/', u"3", u"56713727820156410577229101.238628035242"},
    {"wide: 10^20 / 10^-6", u"100000000000000000000", '/', u"0.000001", u"100000000000000000000000000"},
    {"overflow: largest / 0.5", MaxLiteral, '/', u"0.5", u"invalid"},
};

Decimal apply(Decimal a, char op, Decimal b)
{
    switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/': return a / b;
    }
    return Decimal::invalid();
}

// ---- An independent exact reference on decimal digit strings ----
//
// Non-negative integers as strings of '0'..'9' without leading zeros, with
// schoolbook addition, subtraction, multiplication and long division. It shares
// nothing with the 128-bit code, so a wrong carry or rounding there shows here.

using Digits = std::string;

Digits normalized(Digits d)
{
    const auto first = d.find_first_not_of('0');
    return first == Digits::npos ? Digits("0") : d.substr(first);
}

int compareDigits(const Digits &a, const Digits &b)
{
    if (a.size() != b.size())
        return a.size() < b.size() ? -1 : 1;
    return a.compare(b) < 0 ? -1 : (a == b ? 0 : 1);
}

Digits addDigits(const Digits &a, const Digits &b)
{
    Digits sum; // least significant digit first, reversed at the end
    int carry = 0;
    for (size_t i = 0; i < std::max(a.size(), b.size()) || carry; ++i) {
        const int x = i < a.size() ? a[a.size() - 1 - i] - '0' : 0;
        const int y = i < b.size() ? b[b.size() - 1 - i] - '0' : 0;
        sum += char('0' + (x + y + carry) % 10);
        carry = (x + y + carry) / 10;
    }
    return normalized(Digits(sum.rbegin(), sum.rend()));
}

Digits subtractDigits(const Digits &a, const Digits &b) // a >= b
{
    Digits difference; // least significant digit first, reversed at the end
    int borrow = 0;
    for (size_t i = 0; i < a.size(); ++i) {
        int x = a[a.size() - 1 - i] - '0' - borrow;
        const int y = i < b.size() ? b[b.size() - 1 - i] - '0' : 0;
        borrow = x < y ? 1 : 0;
        x += borrow * 10;
        difference += char('0' + x - y);
    }
    return normalized(Digits(difference.rbegin(), difference.rend()));
}

Digits multiplyDigits(const Digits &a, const Digits &b)
{
    std::vector<int> product(a.size() + b.size(), 0);
    for (size_t i = 0; i < a.size(); ++i) {
        for (size_t j = 0; j < b.size(); ++j)
            product[i + j + 1] += (a[i] - '0') * (b[j] - '0');
    }
    for (size_t k = product.size() - 1; k > 0; --k) {
        product[k - 1] += product[k] / 10;
        product[k] %= 10;
    }
    Digits text;
    for (const int digit : product)
        text += char('0' + digit);
    return normalized(text);
}

// round(a / b) half away from zero (b > 0), by long division.
Digits divideRoundedDigits(const Digits &a, const Digits &b)
{
    Digits quotient;
    Digits remainder = "0";
    for (const char digit : a) {
        remainder = normalized(remainder + digit);
        int count = 0;
        while (compareDigits(remainder, b) >= 0) {
            remainder = subtractDigits(remainder, b);
            ++count;
        }
        quotient += char('0' + count);
    }
    quotient = normalized(quotient);
    if (compareDigits(addDigits(remainder, remainder), b) >= 0)
        quotient = addDigits(quotient, "1");
    return quotient;
}

const Digits ScaleDigits = "1000000000000";
const Digits MaxRawDigits = "170141183460469231731687303715884105727"; // 2^127 - 1

struct Exact
{
    bool negative = false;
    Digits raw = "0"; // units of 10^-12
};

Exact exactFromText(const QString &text)
{
    Exact value;
    QString body = text;
    if (body.startsWith(u'-')) {
        value.negative = true;
        body.remove(0, 1);
    }
    const qsizetype point = body.indexOf(u'.');
    const QString integer = point < 0 ? body : body.left(point);
    const QString fraction = point < 0 ? QString() : body.mid(point + 1);
    value.raw = normalized(QString(integer + fraction.leftJustified(12, u'0')).toStdString());
    value.negative = value.negative && value.raw != "0";
    return value;
}

QString exactToText(const Exact &value)
{
    if (compareDigits(value.raw, MaxRawDigits) > 0)
        return u"invalid"_s;
    const QString raw = QString::fromStdString(value.raw).rightJustified(13, u'0');
    QString fraction = raw.right(12);
    while (fraction.endsWith(u'0'))
        fraction.chop(1);
    QString text = value.negative && value.raw != "0" ? u"-"_s : QString();
    text += raw.left(raw.size() - 12);
    if (!fraction.isEmpty())
        text += u'.' + fraction;
    return text;
}

QString exactResult(const QString &aText, char op, const QString &bText)
{
    const Exact a = exactFromText(aText);
    Exact b = exactFromText(bText);
    Exact result;
    switch (op) {
    case '-':
        b.negative = !b.negative && b.raw != "0";
        [[fallthrough]];
    case '+':
        if (a.negative == b.negative) {
            result = {a.negative, addDigits(a.raw, b.raw)};
        } else if (compareDigits(a.raw, b.raw) >= 0) {
            result = {a.negative, subtractDigits(a.raw, b.raw)};
        } else {
            result = {b.negative, subtractDigits(b.raw, a.raw)};
        }
        break;
    case '*':
        result = {a.negative != b.negative, divideRoundedDigits(multiplyDigits(a.raw, b.raw), ScaleDigits)};
        break;
    case '/':
        if (b.raw == "0")
            return u"invalid"_s;
        result = {a.negative != b.negative, divideRoundedDigits(a.raw + "000000000000", b.raw)};
        break;
    }
    return exactToText(result);
}

// A random decimal text with up to `maxIntegerDigits` integer and 12 fractional digits.
QString randomText(QRandomGenerator &random, int maxIntegerDigits)
{
    QString text = random.bounded(2) ? u"-"_s : QString();
    const int integerDigits = random.bounded(maxIntegerDigits + 1);
    const int fractionDigits = random.bounded(13);
    for (int i = 0; i < integerDigits; ++i)
        text += QChar(char16_t(u'0' + random.bounded(10)));
    if (integerDigits == 0)
        text += u'0';
    if (fractionDigits > 0) {
        text += u'.';
        for (int i = 0; i < fractionDigits; ++i)
            text += QChar(char16_t(u'0' + random.bounded(10)));
    }
    return text;
}

QString describeDouble(double value)
{
    return QString::number(value, 'g', 17);
}

} // namespace

class TestDecimal final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();

    void parse_data();
    void parse();
    void parseErrorMessages_data();
    void parseErrorMessages();
    void canonicalRoundTrip();

    void constructors();
    void arithmetic_data();
    void arithmetic();
    void arithmeticMatchesExactReference_data();
    void arithmeticMatchesExactReference();
    void compoundAssignment();
    void invalidIsSticky_data();
    void invalidIsSticky();
    void comparisons_data();
    void comparisons();
    void negationAndAbs_data();
    void negationAndAbs();

    void rounded_data();
    void rounded();
    void toStringDecimals_data();
    void toStringDecimals();
    void fromDouble_data();
    void fromDouble();
    void fromDoubleKeepsShortDecimals();
    void toDouble_data();
    void toDouble();
    void toDoubleIsCorrectlyRounded();

    void parseLocale_data();
    void parseLocale();
    void formatLocale_data();
    void formatLocale();
    void localeRoundTrip_data();
    void localeRoundTrip();

    void canonicalIgnoresDefaultLocale_data();
    void canonicalIgnoresDefaultLocale();

private:
    QLocale m_defaultLocale;
    QByteArray m_cLocale;
};

void TestDecimal::initTestCase()
{
    m_defaultLocale = QLocale();
    m_cLocale = std::setlocale(LC_ALL, nullptr);
}

void TestDecimal::cleanup()
{
    QLocale::setDefault(m_defaultLocale);
    std::setlocale(LC_ALL, m_cLocale.constData());
}

// ---- Canonical text ----

void TestDecimal::parse_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("expected");
    for (const TextCase &c : ParseCases) {
        QTest::newRow(c.name) << QString::fromUtf16(c.input) << (c.expected != nullptr)
                              << (c.expected ? QString::fromUtf16(c.expected) : QString());
    }
}

void TestDecimal::parse()
{
    QFETCH(QString, input);
    QFETCH(bool, valid);
    QFETCH(QString, expected);

    const auto parsed = Decimal::parse(input);
    QCOMPARE(parsed.ok(), valid);
    if (valid) {
        QVERIFY(parsed->isValid());
        QCOMPARE(parsed->toString(), expected);
        // The canonical text reads back as the same value.
        const auto again = Decimal::parse(parsed->toString());
        QVERIFY(again);
        QCOMPARE(*again, *parsed);
    } else {
        QVERIFY2(!parsed.error().isEmpty(), "a refusal explains itself");
    }
}

void TestDecimal::parseErrorMessages_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("fragment");
    QTest::newRow("empty") << QString() << u"is not a number"_s;
    QTest::newRow("minus") << u"-"_s << u"is not a number"_s;
    QTest::newRow("point") << u"."_s << u"is not a number"_s;
    QTest::newRow("letters") << u"12a"_s << u"'12a' is not a decimal number"_s;
    QTest::newRow("13 decimals") << u"1.0000000000001"_s << u"more than 12 decimal places"_s;
    QTest::newRow("huge integer") << u"1000000000000000000000000000000"_s << u"is too large"_s;
    QTest::newRow("just above the largest") << u"170141183460469231731687303.715884105728"_s
                                            << u"is too large"_s;
}

void TestDecimal::parseErrorMessages()
{
    QFETCH(QString, input);
    QFETCH(QString, fragment);
    const auto parsed = Decimal::parse(input);
    QVERIFY(!parsed);
    QVERIFY2(parsed.error().contains(fragment), qPrintable(parsed.error()));
}

void TestDecimal::canonicalRoundTrip()
{
    // Every raw value prints as text that parses back to it, at every magnitude.
    QRandomGenerator random(20240611);
    for (int i = 0; i < 5000; ++i) {
        const int bits = random.bounded(1, 128);
        Decimal::Raw raw = 0;
        for (int b = 0; b < bits; ++b)
            raw = (raw << 1) | Decimal::Raw(random.bounded(2));
        if (random.bounded(2))
            raw = -raw;
        const Decimal value = Decimal::fromRaw(raw);
        const QString text = value.toString();
        const auto parsed = Decimal::parse(text);
        QVERIFY2(parsed, qPrintable(text));
        QCOMPARE(*parsed, value);
        QVERIFY2(!text.endsWith(u'0') || !text.contains(u'.'), qPrintable(text));
    }
}

// ---- Arithmetic ----

void TestDecimal::constructors()
{
    QCOMPARE(Decimal().toString(), u"0"_s);
    QCOMPARE(Decimal(42).toString(), u"42"_s);
    QCOMPARE(Decimal(-7).toString(), u"-7"_s);
    QCOMPARE(Decimal(std::numeric_limits<int>::min()).toString(), u"-2147483648"_s);
    QCOMPARE(Decimal::fromInteger(std::numeric_limits<std::int64_t>::max()).toString(),
             u"9223372036854775807"_s);
    QCOMPARE(Decimal::fromInteger(std::numeric_limits<std::int64_t>::min()).toString(),
             u"-9223372036854775808"_s);
    QCOMPARE(Decimal::fromRaw(1).toString(), u"0.000000000001"_s);
    QCOMPARE(Decimal::fromRaw(-1).toString(), u"-0.000000000001"_s);
    QVERIFY(!Decimal::invalid().isValid());
    QCOMPARE(Decimal::invalid().toString(), u"invalid"_s);
    QVERIFY(Decimal(0).isZero());
    QVERIFY(Decimal(1).isPositive() && !Decimal(1).isNegative());
    QVERIFY(Decimal(-1).isNegative() && !Decimal(-1).isPositive());
    QVERIFY(!Decimal::invalid().isNegative() && !Decimal::invalid().isPositive());
    QVERIFY(!Decimal::invalid().isZero());
}

void TestDecimal::arithmetic_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QChar>("op");
    QTest::addColumn<QString>("b");
    QTest::addColumn<QString>("expected");
    for (const ArithmeticCase &c : ArithmeticCases) {
        QTest::newRow(c.name) << QString::fromUtf16(c.a) << QChar(char16_t(c.op)) << QString::fromUtf16(c.b)
                              << QString::fromUtf16(c.expected);
    }
}

void TestDecimal::arithmetic()
{
    QFETCH(QString, a);
    QFETCH(QChar, op);
    QFETCH(QString, b);
    QFETCH(QString, expected);

    const Decimal x = dec(a), y = dec(b);
    QVERIFY(x.isValid() && y.isValid());
    const char symbol = char(op.unicode());
    QCOMPARE(apply(x, symbol, y).toString(), expected);
    // The table itself agrees with the digit-string reference.
    QCOMPARE(exactResult(a, symbol, b), expected);
    // Addition and multiplication commute, exactly.
    if (symbol == '+' || symbol == '*')
        QCOMPARE(apply(y, symbol, x), apply(x, symbol, y));
}

void TestDecimal::arithmeticMatchesExactReference_data()
{
    QTest::addColumn<int>("maxIntegerDigits");
    QTest::addColumn<quint32>("seed");
    // Integer digits decide the path: up to 6 stays in the 128-bit product, 7..15
    // mixes both, 20+ takes the 256-bit product and quotient and often overflows.
    QTest::newRow("small") << 6 << 1u;
    QTest::newRow("ledger sized") << 15 << 2u;
    QTest::newRow("wide") << 20 << 3u;
    QTest::newRow("whole range") << 27 << 4u;
}

void TestDecimal::arithmeticMatchesExactReference()
{
    QFETCH(int, maxIntegerDigits);
    QFETCH(quint32, seed);
    QRandomGenerator random(seed);
    int compared = 0;
    while (compared < 1000) {
        const QString a = randomText(random, maxIntegerDigits);
        const QString b = randomText(random, random.bounded(maxIntegerDigits + 1));
        const Decimal x = dec(a), y = dec(b);
        if (!x.isValid() || !y.isValid())
            continue; // beyond the range; parse() refuses these (tested above)
        for (const char op : {'+', '-', '*', '/'}) {
            const QString expected = exactResult(a, op, b);
            const QString actual = apply(x, op, y).toString();
            if (actual != expected) {
                QFAIL(qPrintable(u"%1 %2 %3 gave %4, expected %5"_s.arg(a, QString(QChar(char16_t(op))), b,
                                                                         actual, expected)));
            }
        }
        ++compared;
    }
}

void TestDecimal::compoundAssignment()
{
    Decimal total;
    for (int i = 0; i < 10; ++i)
        total += dec(u"0.1");
    QCOMPARE(total, Decimal(1));
    total -= dec(u"0.25");
    QCOMPARE(total.toString(), u"0.75"_s);
    total *= Decimal(4);
    QCOMPARE(total, Decimal(3));
    total /= Decimal(6);
    QCOMPARE(total.toString(), u"0.5"_s);
    total /= Decimal(0);
    QVERIFY(!total.isValid());
    total += Decimal(1);
    QVERIFY(!total.isValid());
}

void TestDecimal::invalidIsSticky_data()
{
    QTest::addColumn<Decimal>("invalid");
    QTest::newRow("marker") << Decimal::invalid();
    QTest::newRow("division by zero") << Decimal(1) / Decimal(0);
    QTest::newRow("overflowed sum") << dec(MaxText) + Decimal::fromRaw(1);
    QTest::newRow("overflowed difference") << dec(MinText) - Decimal::fromRaw(1);
    QTest::newRow("overflowed product") << dec(MaxText) * Decimal(2);
    QTest::newRow("overflowed quotient") << dec(MaxText) / dec(u"0.5");
    QTest::newRow("overflowed rounding") << dec(MaxText).rounded(0);
    QTest::newRow("double out of range") << Decimal::fromDouble(1e300);
}

void TestDecimal::invalidIsSticky()
{
    QFETCH(Decimal, invalid);
    QVERIFY(!invalid.isValid());
    const Decimal one(1);
    const Decimal zero;
    for (const Decimal &result : {invalid + one, one + invalid, invalid - one, one - invalid, invalid * zero,
                                  zero * invalid, invalid / one, one / invalid, zero / invalid, -invalid,
                                  invalid.abs(), invalid.rounded(2), invalid.rounded(12), invalid - invalid,
                                  (invalid * zero + one) / one}) {
        QVERIFY(!result.isValid());
    }
    QCOMPARE(invalid.toString(), u"invalid"_s);
    QCOMPARE(invalid.toString(2), u"invalid"_s);
    QCOMPARE(invalid.toString(QLocale(QLocale::German), 2), u"invalid"_s);
    QVERIFY(std::isnan(invalid.toDouble()));
    QVERIFY(!invalid.isNegative() && !invalid.isPositive() && !invalid.isZero());
}

void TestDecimal::comparisons_data()
{
    QTest::addColumn<Decimal>("a");
    QTest::addColumn<Decimal>("b");
    QTest::addColumn<int>("order"); // -1: a < b, 0: equal, 1: a > b
    QTest::newRow("equal values, different text") << dec(u"1.50") << dec(u"1.5") << 0;
    QTest::newRow("negative below positive") << dec(u"-0.000000000001") << dec(u"0.000000000001") << -1;
    QTest::newRow("fraction decides") << dec(u"2.000000000002") << dec(u"2.000000000001") << 1;
    QTest::newRow("negatives") << dec(u"-10") << dec(u"-9.999999999999") << -1;
    QTest::newRow("largest values") << dec(MaxText) << dec(MinText) << 1;
    QTest::newRow("invalid equals invalid") << Decimal::invalid() << Decimal(1) / Decimal(0) << 0;
    QTest::newRow("invalid below most negative") << Decimal::invalid() << dec(MinText) << -1;
    QTest::newRow("zero and negative zero") << dec(u"0") << dec(u"-0") << 0;
}

void TestDecimal::comparisons()
{
    QFETCH(Decimal, a);
    QFETCH(Decimal, b);
    QFETCH(int, order);
    QCOMPARE(a == b, order == 0);
    QCOMPARE(a != b, order != 0);
    QCOMPARE(a < b, order < 0);
    QCOMPARE(a > b, order > 0);
    QCOMPARE(a <= b, order <= 0);
    QCOMPARE(a >= b, order >= 0);
    QCOMPARE(b < a, order > 0);
}

void TestDecimal::negationAndAbs_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("negated");
    QTest::addColumn<QString>("absolute");
    QTest::newRow("zero") << u"0"_s << u"0"_s << u"0"_s;
    QTest::newRow("positive") << u"1.5"_s << u"-1.5"_s << u"1.5"_s;
    QTest::newRow("negative") << u"-0.000000000001"_s << u"0.000000000001"_s << u"0.000000000001"_s;
    QTest::newRow("largest") << MaxText << MinText << MaxText;
    QTest::newRow("most negative") << MinText << MaxText << MaxText;
}

void TestDecimal::negationAndAbs()
{
    QFETCH(QString, value);
    QFETCH(QString, negated);
    QFETCH(QString, absolute);
    const Decimal x = dec(value);
    QCOMPARE((-x).toString(), negated);
    QCOMPARE(x.abs().toString(), absolute);
    QCOMPARE(-(-x), x);
}

// ---- Rounding and text with a fixed number of decimals ----

void TestDecimal::rounded_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<int>("places");
    QTest::addColumn<QString>("expected");
    QTest::newRow("1.005 to 2") << u"1.005"_s << 2 << u"1.01"_s;
    QTest::newRow("-1.005 to 2") << u"-1.005"_s << 2 << u"-1.01"_s;
    QTest::newRow("1.0049999 to 2") << u"1.0049999"_s << 2 << u"1"_s;
    QTest::newRow("2.5 to 0") << u"2.5"_s << 0 << u"3"_s;
    QTest::newRow("-2.5 to 0") << u"-2.5"_s << 0 << u"-3"_s;
    QTest::newRow("4.5 to 0") << u"4.5"_s << 0 << u"5"_s; // not to even (4)
    QTest::newRow("0.499999999999 to 0") << u"0.499999999999"_s << 0 << u"0"_s;
    QTest::newRow("-0.4 to 0") << u"-0.4"_s << 0 << u"0"_s;
    QTest::newRow("1.2345 to 3") << u"1.2345"_s << 3 << u"1.235"_s;
    QTest::newRow("satoshi half") << u"0.000000015"_s << 8 << u"0.00000002"_s;
    QTest::newRow("11 places") << u"0.000000000005"_s << 11 << u"0.00000000001"_s;
    QTest::newRow("12 places unchanged") << u"1.123456789012"_s << 12 << u"1.123456789012"_s;
    QTest::newRow("more than 12 places") << u"1.123456789012"_s << 20 << u"1.123456789012"_s;
    QTest::newRow("negative places as 0") << u"12.5"_s << -1 << u"13"_s;
    QTest::newRow("largest to 12") << MaxText << 12 << MaxText;
    QTest::newRow("largest to 0 overflows") << MaxText << 0 << u"invalid"_s;
    QTest::newRow("largest to 11 overflows") << MaxText << 11 << u"invalid"_s;
    QTest::newRow("largest to 10") << MaxText << 10 << u"170141183460469231731687303.7158841057"_s;
    QTest::newRow("most negative to 0 overflows") << MinText << 0 << u"invalid"_s;
}

void TestDecimal::rounded()
{
    QFETCH(QString, value);
    QFETCH(int, places);
    QFETCH(QString, expected);
    QCOMPARE(dec(value).rounded(places).toString(), expected);
}

void TestDecimal::toStringDecimals_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<int>("decimals");
    QTest::addColumn<QString>("expected");
    QTest::newRow("pads zeros") << u"1"_s << 2 << u"1.00"_s;
    QTest::newRow("rounds half away") << u"1.005"_s << 2 << u"1.01"_s;
    QTest::newRow("negative half away") << u"-0.005"_s << 2 << u"-0.01"_s;
    QTest::newRow("negative to zero has no sign") << u"-0.004"_s << 2 << u"0.00"_s;
    QTest::newRow("no decimals") << u"123.456"_s << 0 << u"123"_s;
    QTest::newRow("half to 1") << u"0.5"_s << 0 << u"1"_s;
    QTest::newRow("negative decimals as 0") << u"-3"_s << -1 << u"-3"_s;
    QTest::newRow("12 decimals") << u"0.1"_s << 12 << u"0.100000000000"_s;
    QTest::newRow("beyond 12 pads zeros") << u"1.5"_s << 14 << u"1.50000000000000"_s;
    QTest::newRow("leading fraction zeros") << u"7.000000000123"_s << 12 << u"7.000000000123"_s;
    QTest::newRow("large") << u"123456789012345678901234.5"_s << 1 << u"123456789012345678901234.5"_s;
    QTest::newRow("largest overflows at 0") << MaxText << 0 << u"invalid"_s;
}

void TestDecimal::toStringDecimals()
{
    QFETCH(QString, value);
    QFETCH(int, decimals);
    QFETCH(QString, expected);
    QCOMPARE(dec(value).toString(decimals), expected);
}

// ---- Doubles ----

void TestDecimal::fromDouble_data()
{
    QTest::addColumn<double>("input");
    QTest::addColumn<QString>("expected");
    for (const DoubleCase &c : FromDoubleCases)
        QTest::newRow(c.name) << c.input << QString::fromUtf16(c.expected);
}

void TestDecimal::fromDouble()
{
    QFETCH(double, input);
    QFETCH(QString, expected);
    QCOMPARE(Decimal::fromDouble(input).toString(), expected);
}

void TestDecimal::fromDoubleKeepsShortDecimals()
{
    // A decimal of at most 15 significant digits is the shortest text of the
    // double nearest to it, so provider data like 0.1 or 65432.1 arrives intact.
    QRandomGenerator random(15);
    for (int i = 0; i < 5000; ++i) {
        const int integerDigits = random.bounded(16);
        const int fractionDigits = random.bounded(std::min(12, 15 - integerDigits) + 1);
        QString text = random.bounded(2) ? u"-"_s : QString();
        for (int d = 0; d < integerDigits; ++d)
            text += QChar(char16_t(u'0' + (d == 0 ? random.bounded(1, 10) : random.bounded(10))));
        if (integerDigits == 0)
            text += u'0';
        if (fractionDigits > 0)
            text += u'.';
        for (int d = 0; d < fractionDigits; ++d)
            text += QChar(char16_t(u'0' + random.bounded(10)));
        const Decimal converted = Decimal::fromDouble(text.toDouble());
        QVERIFY2(converted == dec(text), qPrintable(text + u" became "_s + converted.toString()));
    }
}

void TestDecimal::toDouble_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<double>("expected");
    QTest::newRow("0.1") << u"0.1"_s << 0.1;
    QTest::newRow("123.456") << u"123.456"_s << 123.456;
    QTest::newRow("-2.5") << u"-2.5"_s << -2.5;
    QTest::newRow("unit") << u"0.000000000001"_s << 1e-12;
    QTest::newRow("10^15 + 0.1") << u"1000000000000000.1"_s << 1000000000000000.1;
    QTest::newRow("many digits") << u"9007.199254740993"_s << 9007.199254740993;
    QTest::newRow("largest") << MaxText << 170141183460469231731687303.715884105727;
    QTest::newRow("most negative") << MinText << -170141183460469231731687303.715884105727;
}

void TestDecimal::toDouble()
{
    QFETCH(QString, value);
    QFETCH(double, expected);
    const double actual = dec(value).toDouble();
    QVERIFY2(std::bit_cast<quint64>(actual) == std::bit_cast<quint64>(expected),
             qPrintable(describeDouble(actual) + u" != "_s + describeDouble(expected)));
}

void TestDecimal::toDoubleIsCorrectlyRounded()
{
    // The nearest double to the exact value, as QString::toDouble() (a correctly
    // rounding parser) finds it from the same text.
    QRandomGenerator random(7);
    for (int i = 0; i < 5000; ++i) {
        const QString text = randomText(random, random.bounded(1, 20));
        const double expected = text.toDouble();
        const double actual = dec(text).toDouble();
        QVERIFY2(actual == expected, qPrintable(text + u": "_s + describeDouble(actual) + u" != "_s
                                                + describeDouble(expected)));
    }
}

// ---- Locales ----

void TestDecimal::parseLocale_data()
{
    QTest::addColumn<QString>("locale");
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected"); // empty: refused

    const auto row = [](const char *name, const QString &locale, const QString &input, const QString &expected) {
        QTest::addRow("%s %s", qPrintable(locale), name) << locale << input << expected;
    };
    row("grouped", u"en_US"_s, u"1,234.56"_s, u"1234.56"_s);
    row("ungrouped", u"en_US"_s, u"1234.56"_s, u"1234.56"_s);
    row("negative", u"en_US"_s, u"-1,234.56"_s, u"-1234.56"_s);
    row("plus", u"en_US"_s, u"+1,234.56"_s, u"1234.56"_s);
    row("Unicode minus", u"en_US"_s, u"\u22121,234.56"_s, u"-1234.56"_s);
    row("many groups", u"en_US"_s, u"1,234,567,890.123456789012"_s, u"1234567890.123456789012"_s);
    row("trimmed", u"en_US"_s, u"  1,234  "_s, u"1234"_s);
    row("leading point", u"en_US"_s, u".5"_s, u"0.5"_s);
    row("short group", u"en_US"_s, u"1,23.4"_s, QString());
    row("short last group", u"en_US"_s, u"12,34"_s, QString());
    row("long group", u"en_US"_s, u"1,2345"_s, QString());
    row("leading separator", u"en_US"_s, u",123"_s, QString());
    row("separator after sign", u"en_US"_s, u"-,123"_s, QString());
    row("double separator", u"en_US"_s, u"1,,234"_s, QString());
    row("trailing separator", u"en_US"_s, u"1,234,"_s, QString());
    row("separator in fraction", u"en_US"_s, u"1,234.567,8"_s, QString());
    row("German form", u"en_US"_s, u"1.234,5"_s, QString());
    row("plus minus", u"en_US"_s, u"+-5"_s, QString());
    row("two pluses", u"en_US"_s, u"++5"_s, QString());
    row("two minus signs", u"en_US"_s, u"--5"_s, QString());
    row("exponent", u"en_US"_s, u"1e5"_s, QString());
    row("sign alone", u"en_US"_s, u"-"_s, QString());
    row("empty", u"en_US"_s, QString(), QString());
    row("13 decimals", u"en_US"_s, u"0.1234567890123"_s, QString());

    row("grouped", u"de_DE"_s, u"1.234,56"_s, u"1234.56"_s);
    row("ungrouped", u"de_DE"_s, u"1234,56"_s, u"1234.56"_s);
    row("negative", u"de_DE"_s, u"-1.234.567,891"_s, u"-1234567.891"_s);
    row("decimal comma", u"de_DE"_s, u"1,5"_s, u"1.5"_s);
    row("point is not a decimal point", u"de_DE"_s, u"1.5"_s, QString());
    row("canonical text is refused", u"de_DE"_s, u"1234.56"_s, QString());
    row("English form", u"de_DE"_s, u"1,234.5"_s, QString());
    row("13 decimals", u"de_DE"_s, u"1,0000000000001"_s, QString());

    row("narrow no-break space", u"fr_FR"_s, u"1\u202F234,56"_s, u"1234.56"_s);
    row("no-break space", u"fr_FR"_s, u"1\u00A0234,56"_s, u"1234.56"_s);
    row("plain space", u"fr_FR"_s, u"-1 234 567,5"_s, u"-1234567.5"_s);
    row("short group", u"fr_FR"_s, u"1 23,5"_s, QString());
    row("point is refused", u"fr_FR"_s, u"1.5"_s, QString());

    row("typographic apostrophe", u"de_CH"_s, u"1\u2019234.56"_s, u"1234.56"_s);
    row("ASCII apostrophe", u"de_CH"_s, u"-1'234'567.5"_s, u"-1234567.5"_s);
    row("short group", u"de_CH"_s, u"1'23.5"_s, QString());

    row("lakh and crore", u"en_IN"_s, u"1,23,45,678.9"_s, u"12345678.9"_s);
    row("thousands", u"en_IN"_s, u"12,345"_s, u"12345"_s);
    row("Western grouping refused", u"en_IN"_s, u"1,234,567"_s, QString());
    row("three-digit leading group refused", u"en_IN"_s, u"123,456"_s, QString());

    row("four digits ungrouped", u"es_ES"_s, u"1234,5"_s, u"1234.5"_s);
    row("four digits grouped", u"es_ES"_s, u"1.234,5"_s, u"1234.5"_s);
    row("millions", u"es_ES"_s, u"1.234.567,5"_s, u"1234567.5"_s);

    row("locale minus", u"sv_SE"_s, u"\u22121\u00A0234,5"_s, u"-1234.5"_s);
    row("ASCII minus", u"sv_SE"_s, u"-1 234,5"_s, u"-1234.5"_s);

    row("Arabic-Indic digits", u"ar_EG"_s, u"\u061C-\u0661\u066C\u0662\u0663\u0664\u066B\u0665"_s, u"-1234.5"_s);
    row("Arabic-Indic without marks", u"ar_EG"_s, u"\u0661\u0662\u0663\u066B\u0664\u0665"_s, u"123.45"_s);
    row("ASCII digits", u"ar_EG"_s, u"123\u066B45"_s, u"123.45"_s);
    row("Persian digits refused", u"ar_EG"_s, u"\u06F1\u06F2"_s, QString());

    row("left-to-right mark", u"he_IL"_s, u"\u200E-1,234.5"_s, u"-1234.5"_s);
    row("plain minus", u"he_IL"_s, u"-1,234.5"_s, u"-1234.5"_s);
    row("pasted direction marks", u"en_US"_s, u"\u200F\u200E-1,234.56\u200E"_s, u"-1234.56"_s);
    row("Arabic letter mark elsewhere", u"ar_EG"_s, u"\u0661\u061C\u0662\u066B\u0665"_s, u"12.5"_s);
    row("grouped", u"C"_s, u"1,234.5"_s, u"1234.5"_s);
    row("plain", u"C"_s, u"-1234.5"_s, u"-1234.5"_s);
}

void TestDecimal::parseLocale()
{
    QFETCH(QString, locale);
    QFETCH(QString, input);
    QFETCH(QString, expected);

    const auto parsed = Decimal::parse(input, QLocale(locale));
    if (expected.isEmpty()) {
        QVERIFY2(!parsed, qPrintable(parsed ? parsed->toString() : QString()));
        QVERIFY(!parsed.error().isEmpty());
        QVERIFY2(parsed.error().contains(input), qPrintable(parsed.error()));
    } else {
        QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error()));
        QCOMPARE(parsed->toString(), expected);
    }
}

void TestDecimal::formatLocale_data()
{
    QTest::addColumn<QString>("locale");
    QTest::addColumn<QString>("value");
    QTest::addColumn<int>("decimals");
    QTest::addColumn<QString>("expected");

    const auto row = [](const char *name, const QString &locale, const QString &value, int decimals,
                        const QString &expected) {
        QTest::addRow("%s %s", qPrintable(locale), name) << locale << value << decimals << expected;
    };
    row("grouped", u"en_US"_s, u"1234567.891"_s, 2, u"1,234,567.89"_s);
    row("negative", u"en_US"_s, u"-1234.5"_s, 2, u"-1,234.50"_s);
    row("rounds half away", u"en_US"_s, u"-0.125"_s, 2, u"-0.13"_s);
    row("negative to zero has no sign", u"en_US"_s, u"-0.001"_s, 2, u"0.00"_s);
    row("no decimals", u"en_US"_s, u"1234.5"_s, 0, u"1,235"_s);
    row("three digits", u"en_US"_s, u"999"_s, 0, u"999"_s);
    row("beyond 64 bits", u"en_US"_s, u"123456789012345678901234.5"_s, 2,
        u"123,456,789,012,345,678,901,234.50"_s);
    row("12 decimals", u"en_US"_s, u"0.000000000001"_s, 12, u"0.000000000001"_s);
    row("largest overflows at 0", u"en_US"_s, MaxText, 0, u"invalid"_s);
    row("grouped", u"de_DE"_s, u"1234567.891"_s, 2, u"1.234.567,89"_s);
    row("grouped", u"fr_FR"_s, u"-1234567.891"_s, 2, u"-1\u202F234\u202F567,89"_s);
    row("grouped", u"de_CH"_s, u"1234567.891"_s, 2, u"1\u2019234\u2019567.89"_s);
    row("lakh and crore", u"en_IN"_s, u"12345678.9"_s, 2, u"1,23,45,678.90"_s);
    row("four digits", u"es_ES"_s, u"1234.5"_s, 2, u"1234,50"_s);
    row("five digits", u"es_ES"_s, u"12345.5"_s, 2, u"12.345,50"_s);
    row("seven digits", u"es_ES"_s, u"1234567"_s, 2, u"1.234.567,00"_s); // Qt 6.4 itself writes 1234.567
    row("locale digits", u"ar_EG"_s, u"-1234.5"_s, 2,
        u"\u061C-\u0661\u066C\u0662\u0663\u0664\u066B\u0665\u0660"_s);
    row("Unicode minus", u"sv_SE"_s, u"-1234.5"_s, 1, u"\u22121\u00A0234,5"_s);
    row("no grouping", u"C"_s, u"1234567.5"_s, 2, u"1234567.50"_s);
}

void TestDecimal::formatLocale()
{
    QFETCH(QString, locale);
    QFETCH(QString, value);
    QFETCH(int, decimals);
    QFETCH(QString, expected);
    QCOMPARE(dec(value).toString(QLocale(locale), decimals), expected);
}

void TestDecimal::localeRoundTrip_data()
{
    QTest::addColumn<QString>("locale");
    for (const char *name : {"en_US", "de_DE", "fr_FR", "de_CH", "en_IN", "es_ES", "pl_PL", "sv_SE", "ar_EG",
                             "fa_IR", "he_IL", "bn_BD", "ja_JP", "C"}) {
        QTest::newRow(name) << QString::fromLatin1(name);
    }
}

void TestDecimal::localeRoundTrip()
{
    // What toString(locale) shows, parse(locale) reads back, at every magnitude.
    QFETCH(QString, locale);
    const QLocale l(locale);
    QRandomGenerator random(99);
    for (int i = 0; i < 1000; ++i) {
        const Decimal value = dec(randomText(random, random.bounded(27)));
        const QString shown = value.toString(l, Decimal::Scale);
        const auto parsed = Decimal::parse(shown, l);
        QVERIFY2(parsed, qPrintable(value.toString() + u" shown as "_s + shown + u": "_s
                                    + (parsed ? QString() : parsed.error())));
        QCOMPARE(*parsed, value);
    }
}

// ---- The canonical forms ignore the default QLocale and the C library's locale ----

void TestDecimal::canonicalIgnoresDefaultLocale_data()
{
    QTest::addColumn<QString>("qtLocale");
    QTest::addColumn<QByteArray>("cLocale");
    QTest::newRow("C") << u"C"_s << QByteArray("C");
    QTest::newRow("German") << u"de_DE"_s << QByteArray("de_DE.UTF-8");
    QTest::newRow("French") << u"fr_FR"_s << QByteArray("fr_FR.UTF-8");
    QTest::newRow("Arabic digits") << u"ar_EG"_s << QByteArray("ar_EG.UTF-8");
}

void TestDecimal::canonicalIgnoresDefaultLocale()
{
    QFETCH(QString, qtLocale);
    QFETCH(QByteArray, cLocale);

    QLocale::setDefault(QLocale(qtLocale));
    if (!std::setlocale(LC_ALL, cLocale.constData()))
        qInfo("C library locale %s is not installed; only the default QLocale changes", cLocale.constData());

    for (const TextCase &c : ParseCases) {
        const auto parsed = Decimal::parse(QStringView(c.input));
        QVERIFY2(parsed.ok() == (c.expected != nullptr), c.name);
        if (c.expected)
            QCOMPARE(parsed->toString(), QString::fromUtf16(c.expected));
    }
    for (const DoubleCase &c : FromDoubleCases)
        QCOMPARE(Decimal::fromDouble(c.input).toString(), QString::fromUtf16(c.expected));
    for (const ArithmeticCase &c : ArithmeticCases)
        QCOMPARE(apply(dec(c.a), c.op, dec(c.b)).toString(), QString::fromUtf16(c.expected));
    QCOMPARE(dec(u"-1234567.891").toString(2), u"-1234567.89"_s);
    QCOMPARE(dec(u"1234.5").toDouble(), 1234.5);
    // The locale forms follow the locale they are given, never the default.
    QCOMPARE(dec(u"1234.5").toString(QLocale::c(), 2), u"1234.50"_s);
    QCOMPARE(Decimal::parse(u"1,234.5", QLocale(QLocale::English, QLocale::UnitedStates))->toString(),
             u"1234.5"_s);
}

QTEST_GUILESS_MAIN(TestDecimal)
#include "tst_decimal.moc"
