#include "money/decimal.h"

#include <QLocale>
#include <QStringList>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <string_view>

namespace pt {

namespace {

using U128 = unsigned __int128;
using I128 = __int128;

// The raw value of 1. Not named Scale: inside Decimal's members that name means
// Decimal::Scale (12), the digit count, and the two must never be confused.
constexpr U128 RawOne = U128(Decimal::ScaleFactor);
constexpr U128 MaxMagnitude = (U128(1) << 127) - 1; // keeps clear of the invalid marker
// toString(decimals) pads with zeros past Scale; a sane bound keeps a bad argument cheap.
constexpr int MaxDecimals = 3 * Decimal::Scale;

constexpr U128 powerOfTen(int exponent)
{
    U128 result = 1;
    for (int i = 0; i < exponent; ++i)
        result *= 10;
    return result;
}

U128 magnitude(I128 value)
{
    return value < 0 ? U128(0) - U128(value) : U128(value);
}

Decimal fromSignedMagnitude(bool negative, U128 value)
{
    if (value > MaxMagnitude)
        return Decimal::invalid();
    const I128 raw = I128(value);
    return Decimal::fromRaw(negative ? -raw : raw);
}

// Quotient of value / divisor, rounded half away from zero (value is a magnitude).
U128 divideRounded(U128 value, U128 divisor)
{
    const U128 quotient = value / divisor;
    const U128 remainder = value % divisor;
    return remainder >= divisor - remainder ? quotient + 1 : quotient;
}

// round(a * b / c) for magnitudes, through a 256-bit intermediate product, for
// operands whose product does not fit 128 bits: a factor above 2^64 raw (about
// 1.8 * 10^7) in a product, a dividend above 2^88 raw (about 3.1 * 10^14) in a
// quotient. Returns false on overflow.
bool wideMulDivRounded(U128 a, U128 b, U128 c, U128 &out)
{
    using U64 = std::uint64_t;
    const U128 a0 = U64(a), a1 = a >> 64, b0 = U64(b), b1 = b >> 64;
    const U128 p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
    const U128 mid = (p00 >> 64) + U64(p01) + U64(p10);
    const U128 low = (mid << 64) | U64(p00);
    const U128 high = (p01 >> 64) + (p10 >> 64) + (mid >> 64) + p11;

    if (high >= c) // the quotient would need more than 128 bits
        return false;

    U128 remainder = high;
    U128 quotient = 0;
    if ((c >> 64) == 0) {
        // A divisor below 2^64 (10^12 for every product): two 128-by-64-bit
        // steps, since each partial remainder stays below c.
        const U128 upper = (remainder << 64) | (low >> 64);
        const U128 lower = ((upper % c) << 64) | U64(low);
        quotient = ((upper / c) << 64) | (lower / c);
        remainder = lower % c;
    } else {
        // Schoolbook binary long division of (high:low) by c.
        for (int bit = 127; bit >= 0; --bit) {
            const bool carry = (remainder >> 127) != 0;
            remainder = (remainder << 1) | ((low >> bit) & 1);
            if (carry || remainder >= c) {
                remainder -= c;
                quotient |= U128(1) << bit;
            }
        }
    }
    if (remainder >= c - remainder) {
        if (quotient == ~U128(0))
            return false;
        ++quotient;
    }
    out = quotient;
    return true;
}

// Writes the decimal digits of value backwards, ending before buffer[position];
// returns the position of the first digit.
int writeDigits(char *buffer, int position, U128 value)
{
    for (; value > std::numeric_limits<std::uint64_t>::max(); value /= 10)
        buffer[--position] = char('0' + int(value % 10));
    auto small = std::uint64_t(value); // 64-bit division is several times cheaper
    do {
        buffer[--position] = char('0' + int(small % 10));
        small /= 10;
    } while (small != 0);
    return position;
}

// [-]integer[.fraction] in ASCII for a magnitude in raw units: the first
// `decimals` (0..Scale) fractional digits, without trailing zeros if `trim`.
// One buffer and one allocation: this is the text every stored amount becomes.
// Writes the digits right-aligned into `buffer` and returns where they start.
int plainChars(bool negative, U128 value, int decimals, bool trim, char (&buffer)[Decimal::MaxCanonicalLength])
{
    int position = Decimal::MaxCanonicalLength;
    auto fraction = std::uint64_t(value % RawOne) / std::uint64_t(powerOfTen(Decimal::Scale - decimals));
    int digits = decimals;
    while (trim && digits > 0 && fraction % 10 == 0) {
        fraction /= 10;
        --digits;
    }
    for (int i = 0; i < digits; ++i, fraction /= 10)
        buffer[--position] = char('0' + int(fraction % 10));
    if (digits > 0)
        buffer[--position] = '.';
    position = writeDigits(buffer, position, value / RawOne);
    if (negative)
        buffer[--position] = '-';
    return position;
}

QString plainText(bool negative, U128 value, int decimals, bool trim)
{
    char buffer[Decimal::MaxCanonicalLength];
    const int position = plainChars(negative, value, decimals, trim, buffer);
    return QString::fromLatin1(buffer + position, Decimal::MaxCanonicalLength - position);
}

struct ParsedNumber
{
    bool negative = false;
    U128 magnitude = 0; // in units of 10^-Scale
};

enum class ExcessDigits { Refuse, Round };

// The one parser behind every text form: [+-]digits[.digits], no grouping.
Result<ParsedNumber> parseCanonical(QStringView original, QStringView text, ExcessDigits excess)
{
    const auto refuse = [&](const QString &why) {
        return Error{QStringLiteral("'%1' %2").arg(original.toString(), why)};
    };
    ParsedNumber number;
    qsizetype i = 0;
    if (i < text.size() && (text[i] == u'-' || text[i] == u'+')) {
        number.negative = text[i] == u'-';
        ++i;
    }
    U128 integer = 0;
    int integerDigits = 0;
    for (; i < text.size() && text[i].isDigit() && text[i].unicode() < 128; ++i, ++integerDigits) {
        integer = integer * 10 + U128(text[i].unicode() - u'0');
        if (integer > MaxMagnitude / RawOne)
            return refuse(QStringLiteral("is too large (the limit is 1.7 \u00D7 10^26)"));
    }
    U128 fraction = 0;
    int fractionCount = 0;
    bool roundUp = false;
    if (i < text.size() && text[i] == u'.') {
        for (++i; i < text.size() && text[i].isDigit() && text[i].unicode() < 128; ++i) {
            const int digit = text[i].unicode() - u'0';
            if (fractionCount < Decimal::Scale) {
                fraction = fraction * 10 + U128(digit);
                ++fractionCount;
            } else if (excess == ExcessDigits::Refuse) {
                return refuse(QStringLiteral("has more than %1 decimal places").arg(Decimal::Scale));
            } else if (fractionCount++ == Decimal::Scale) {
                roundUp = digit >= 5; // half away from zero: only the first dropped digit decides
            }
        }
        if (fractionCount == 0 && integerDigits == 0)
            return refuse(QStringLiteral("is not a number"));
    }
    if (integerDigits == 0 && fractionCount == 0)
        return refuse(QStringLiteral("is not a number"));
    if (i != text.size())
        return refuse(QStringLiteral("is not a decimal number"));
    const int kept = std::min(fractionCount, Decimal::Scale);
    number.magnitude = integer * RawOne + fraction * powerOfTen(Decimal::Scale - kept) + (roundUp ? 1 : 0);
    if (number.magnitude > MaxMagnitude)
        return refuse(QStringLiteral("is too large (the limit is 1.7 \u00D7 10^26)"));
    return number;
}

// What people type for a locale's space or apostrophe group separator: fr_FR
// formats with U+202F, most keyboards give U+0020 or U+00A0; de_CH formats with
// U+2019, keyboards give the ASCII apostrophe.
bool isSpaceLike(QChar c)
{
    return c == u' ' || c == QChar(0x00A0) || c == QChar(0x202F) || c == QChar(0x2009);
}

bool isApostropheLike(QChar c)
{
    return c == u'\'' || c == QChar(0x2019);
}

// Invisible direction marks that some locales put in their signs (ar: U+061C,
// he and fa: U+200E); they survive copy and paste but carry no meaning.
bool isBidiMark(QChar c)
{
    return c == QChar(0x200E) || c == QChar(0x200F) || c == QChar(0x061C);
}

QString withoutBidiMarks(QStringView text)
{
    QString result;
    result.reserve(text.size());
    for (const QChar c : text) {
        if (!isBidiMark(c))
            result += c;
    }
    return result;
}

int codePointCount(QStringView text)
{
    return int(std::count_if(text.begin(), text.end(), [](QChar c) { return !c.isLowSurrogate(); }));
}

// How a locale writes numbers, read once from QLocale's own output so that
// formatting and parsing agree with each other and with the rest of the UI.
struct LocaleForm
{
    QString decimalPoint;
    QString group;
    QString minus;      // as displayed, with any direction marks
    QString plainMinus; // as typed: without direction marks
    QString plainPlus;
    char32_t zero = U'0';
    int leastGroup = 3;      // digits in the rightmost group
    int higherGroup = 3;     // digits in every other group (2 in India: 12,34,567)
    int minimumGrouping = 1; // es, pl: no separator before 5 integer digits (1234, 12.345)
    bool grouping = true;    // false when the locale omits group separators (QLocale::c())
};

LocaleForm makeLocaleForm(const QLocale &locale)
{
    LocaleForm form;
    form.decimalPoint = locale.decimalPoint();
    form.group = locale.groupSeparator();
    form.minus = locale.negativeSign();
    form.plainMinus = withoutBidiMarks(form.minus);
    form.plainPlus = withoutBidiMarks(locale.positiveSign());
    const QList<uint> zero = locale.zeroDigit().toUcs4();
    if (zero.size() == 1)
        form.zero = zero.first();

    // The group sizes, from a number long enough to show every kind of group.
    QLocale grouped = locale;
    grouped.setNumberOptions(QLocale::DefaultNumberOptions);
    const QStringList groups =
        form.group.isEmpty()
            ? QStringList()
            : withoutBidiMarks(grouped.toString(qulonglong(1'234'567'890'123'456'789))).split(form.group);
    if (groups.size() < 2) {
        form.grouping = false; // parsing still accepts groups of three
        return form;
    }
    form.leastGroup = codePointCount(groups.last());
    form.higherGroup = codePointCount(groups.at(groups.size() - 2));
    form.grouping = !locale.numberOptions().testFlag(QLocale::OmitGroupSeparator);
    while (form.minimumGrouping < 4
           && !grouped.toString(qulonglong(powerOfTen(form.leastGroup + form.minimumGrouping - 1)))
                   .contains(form.group)) {
        ++form.minimumGrouping;
    }
    return form;
}

// QLocale offers no cheap key, but comparing two QLocales is cheap: keep the
// last locale's form per thread, since a view formats thousands of cells in one.
const LocaleForm &localeForm(const QLocale &locale)
{
    thread_local QLocale cachedLocale = QLocale::c();
    thread_local LocaleForm cachedForm = makeLocaleForm(cachedLocale);
    if (locale != cachedLocale) {
        cachedLocale = locale;
        cachedForm = makeLocaleForm(locale);
    }
    return cachedForm;
}

void appendDigit(QString &text, char32_t zero, int digit)
{
    const char32_t c = zero + char32_t(digit);
    if (QChar::requiresSurrogates(c)) {
        text += QChar(QChar::highSurrogate(c));
        text += QChar(QChar::lowSurrogate(c));
    } else {
        text += QChar(char16_t(c));
    }
}

// ASCII digits in the locale's digits, with its group separators if `group`.
QString localDigits(QStringView ascii, const LocaleForm &form, bool group)
{
    const qsizetype count = ascii.size();
    const bool separate = group && form.grouping && count >= form.leastGroup + form.minimumGrouping;
    QString text;
    text.reserve(count * 2);
    for (qsizetype i = 0; i < count; ++i) {
        appendDigit(text, form.zero, ascii[i].unicode() - u'0');
        const qsizetype remaining = count - 1 - i;
        if (separate && remaining >= form.leastGroup
            && (remaining - form.leastGroup) % form.higherGroup == 0) {
            text += form.group;
        }
    }
    return text;
}

// The digit 0-9 at the start of text, in ASCII or in the locale's digits, or -1.
int digitAt(QStringView text, char32_t zero, qsizetype &length)
{
    const QChar first = text.front();
    length = 1;
    if (first >= u'0' && first <= u'9')
        return first.unicode() - u'0';
    char32_t c = first.unicode();
    if (first.isHighSurrogate() && text.size() > 1 && text[1].isLowSurrogate()) {
        c = QChar::surrogateToUcs4(first, text[1]);
        length = 2;
    }
    return c >= zero && c < zero + 10 ? int(c - zero) : -1;
}

// Length of the group separator at the start of text, 0 if there is none.
qsizetype groupSeparatorLength(QStringView text, const QString &group)
{
    if (group.isEmpty())
        return 0;
    if (text.startsWith(group))
        return group.size();
    const QChar c = text.front();
    if ((isSpaceLike(group[0]) && isSpaceLike(c)) || (isApostropheLike(group[0]) && isApostropheLike(c)))
        return 1;
    return 0;
}

// Groups left to right: the leftmost holds 1..higherGroup digits, the rightmost
// exactly leastGroup and every one between exactly higherGroup.
bool groupsFit(const QList<int> &groups, const LocaleForm &form)
{
    if (groups.front() < 1 || groups.front() > std::max(form.higherGroup, 1) || groups.back() != form.leastGroup)
        return false;
    return std::all_of(groups.begin() + 1, groups.end() - 1,
                       [&](int digits) { return digits == form.higherGroup; });
}

} // namespace

Decimal Decimal::fromInteger(std::int64_t value)
{
    return fromRaw(Raw(value) * ScaleFactor);
}

Result<Decimal> Decimal::parse(QStringView text)
{
    const QStringView trimmed = text.trimmed();
    auto parsed = parseCanonical(text, trimmed, ExcessDigits::Refuse);
    if (!parsed)
        return Error{parsed.error()};
    return fromSignedMagnitude(parsed->negative, parsed->magnitude);
}

Result<Decimal> Decimal::parse(QStringView text, const QLocale &locale)
{
    const LocaleForm &form = localeForm(locale);
    const QString cleaned = withoutBidiMarks(text.trimmed());
    QStringView rest = cleaned;

    // Rewrite the locale's symbols into the canonical form, checking that group
    // separators only stand between the locale's groups of integer digits.
    QString canonical;
    canonical.reserve(cleaned.size());
    const auto takeSign = [&rest](QStringView sign) {
        if (sign.isEmpty() || !rest.startsWith(sign))
            return false;
        rest = rest.sliced(sign.size());
        return true;
    };
    // One sign at most: the locale's own or the ones every keyboard has.
    if (takeSign(form.plainMinus) || takeSign(u"-") || takeSign(u"\u2212"))
        canonical += u'-';
    else if (!takeSign(form.plainPlus))
        takeSign(u"+");

    QList<int> groups; // integer digits between group separators, left to right
    int digitsInGroup = 0;
    bool inFraction = false;
    while (!rest.isEmpty()) {
        qsizetype length = 0;
        if (const int digit = digitAt(rest, form.zero, length); digit >= 0) {
            canonical += QChar(char16_t(u'0' + digit));
            ++digitsInGroup;
        } else if (!inFraction && !form.decimalPoint.isEmpty() && rest.startsWith(form.decimalPoint)) {
            canonical += u'.';
            inFraction = true;
            length = form.decimalPoint.size();
            if (!groups.isEmpty())
                groups.append(digitsInGroup);
        } else if (!inFraction && (length = groupSeparatorLength(rest, form.group)) > 0) {
            groups.append(digitsInGroup);
            digitsInGroup = 0;
        } else {
            const QString example = Decimal::fromRaw(-1'234'560'000'000'000).toString(locale, 2);
            return Error{QStringLiteral("'%1' is not a number written like %2").arg(text.toString(), example)};
        }
        rest = rest.sliced(length);
    }
    if (!inFraction && !groups.isEmpty())
        groups.append(digitsInGroup);
    if (!groups.isEmpty() && !groupsFit(groups, form))
        return Error{QStringLiteral("'%1' has a misplaced group separator").arg(text.toString())};

    auto parsed = parseCanonical(text, canonical, ExcessDigits::Refuse);
    if (!parsed)
        return Error{parsed.error()};
    return fromSignedMagnitude(parsed->negative, parsed->magnitude);
}

Decimal Decimal::fromDouble(double value)
{
    if (!std::isfinite(value))
        return invalid();
    // The shortest digits that read back as the same double ("1e+26", not the
    // binary value 100000000000000004764729344 that the fixed form would print).
    char buffer[40];
    const auto [end, status] = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
    if (status != std::errc())
        return invalid();
    const std::string_view scientific(buffer, size_t(end - buffer));
    const size_t e = scientific.find('e');
    int exponent = 0;
    std::from_chars(scientific.data() + e + (scientific[e + 1] == '+' ? 2 : 1), end, exponent);
    if (exponent < -Decimal::Scale - 1) // below 10^-13: rounds to zero
        return Decimal();
    if (exponent > 27) // at least 10^28: far out of range
        return invalid();

    // Shift the decimal point of the mantissa by the exponent, into plain text
    // of at most 1 + 2 + 12 + 17 characters.
    char16_t text[48];
    qsizetype size = 0;
    if (value < 0)
        text[size++] = u'-';
    const int integerDigits = 1 + exponent;
    if (integerDigits <= 0) {
        text[size++] = u'0';
        text[size++] = u'.';
        for (int i = integerDigits; i < 0; ++i)
            text[size++] = u'0';
    }
    int written = 0;
    for (const char c : scientific.substr(0, e)) {
        if (c < '0' || c > '9')
            continue;
        if (written == integerDigits && integerDigits > 0)
            text[size++] = u'.';
        text[size++] = char16_t(c);
        ++written;
    }
    for (; written < integerDigits; ++written)
        text[size++] = u'0';
    const QStringView plain(text, size);
    auto parsed = parseCanonical(plain, plain, ExcessDigits::Round);
    if (!parsed)
        return invalid();
    return fromSignedMagnitude(parsed->negative, parsed->magnitude);
}

QString Decimal::toString() const
{
    if (!isValid())
        return QStringLiteral("invalid");
    return plainText(m_raw < 0, magnitude(m_raw), Decimal::Scale, true);
}

std::string_view Decimal::toCanonicalChars(char (&buffer)[MaxCanonicalLength]) const
{
    if (!isValid())
        return "invalid";
    const int position = plainChars(m_raw < 0, magnitude(m_raw), Scale, true, buffer);
    return std::string_view(buffer + position, std::size_t(MaxCanonicalLength - position));
}

QString Decimal::toString(int decimals) const
{
    if (!isValid())
        return QStringLiteral("invalid");
    decimals = std::clamp(decimals, 0, MaxDecimals);
    const int kept = std::min(decimals, int(Decimal::Scale));
    const Decimal roundedValue = rounded(kept);
    if (!roundedValue.isValid())
        return QStringLiteral("invalid");
    QString text = plainText(roundedValue.m_raw < 0, magnitude(roundedValue.m_raw), kept, false);
    if (decimals > kept)
        text += QString(decimals - kept, u'0');
    return text;
}

QString Decimal::toString(const QLocale &locale, int decimals) const
{
    if (!isValid())
        return QStringLiteral("invalid");
    decimals = std::clamp(decimals, 0, MaxDecimals);
    const int kept = std::min(decimals, int(Decimal::Scale));
    const Decimal roundedValue = rounded(kept);
    if (!roundedValue.isValid())
        return QStringLiteral("invalid");
    const LocaleForm &form = localeForm(locale);
    const QString ascii = plainText(false, magnitude(roundedValue.m_raw), kept, false);
    const qsizetype point = kept > 0 ? ascii.size() - kept - 1 : ascii.size();
    QString text = roundedValue.m_raw < 0 ? form.minus : QString();
    text += localDigits(QStringView(ascii).first(point), form, true);
    if (decimals > 0) {
        text += form.decimalPoint;
        text += localDigits(QStringView(ascii).sliced(std::min(point + 1, ascii.size())), form, false);
        text += localDigits(QString(decimals - kept, u'0'), form, false);
    }
    return text;
}

double Decimal::toDouble() const
{
    if (!isValid())
        return std::nan("");
    // One correctly rounded division while the raw value is exact as a double;
    // beyond that the shortest text, read by a correctly rounding parser.
    constexpr U128 ExactInDouble = U128(1) << 53;
    const U128 value = magnitude(m_raw);
    if (value <= ExactInDouble) {
        const double result = double(value) / double(RawOne);
        return m_raw < 0 ? -result : result;
    }
    const QByteArray text = toString().toLatin1();
    double result = 0;
    std::from_chars(text.constData(), text.constData() + text.size(), result);
    return result;
}

Decimal Decimal::operator-() const
{
    return isValid() ? fromRaw(-m_raw) : invalid();
}

Decimal Decimal::abs() const
{
    return isValid() && m_raw < 0 ? fromRaw(-m_raw) : *this;
}

Decimal Decimal::rounded(int places) const
{
    if (!isValid() || places >= Decimal::Scale)
        return *this;
    places = std::max(places, 0);
    const U128 factor = powerOfTen(Decimal::Scale - places);
    return fromSignedMagnitude(m_raw < 0, divideRounded(magnitude(m_raw), factor) * factor);
}

Decimal operator+(Decimal a, Decimal b)
{
    Decimal::Raw sum;
    if (!a.isValid() || !b.isValid() || __builtin_add_overflow(a.m_raw, b.m_raw, &sum))
        return Decimal::invalid();
    return Decimal::fromRaw(sum); // the invalid marker doubles as the overflow result
}

Decimal operator-(Decimal a, Decimal b)
{
    Decimal::Raw difference;
    if (!a.isValid() || !b.isValid() || __builtin_sub_overflow(a.m_raw, b.m_raw, &difference))
        return Decimal::invalid();
    return Decimal::fromRaw(difference);
}

Decimal operator*(Decimal a, Decimal b)
{
    if (!a.isValid() || !b.isValid())
        return Decimal::invalid();
    const bool negative = (a.m_raw < 0) != (b.m_raw < 0);
    const U128 x = magnitude(a.m_raw), y = magnitude(b.m_raw);
    constexpr U128 Limit64 = U128(1) << 64;
    if (x < Limit64 && y < Limit64) // the common case: the product fits 128 bits
        return fromSignedMagnitude(negative, divideRounded(x * y, RawOne));
    U128 product;
    if (!wideMulDivRounded(x, y, RawOne, product))
        return Decimal::invalid();
    return fromSignedMagnitude(negative, product);
}

Decimal operator/(Decimal a, Decimal b)
{
    if (!a.isValid() || !b.isValid() || b.m_raw == 0)
        return Decimal::invalid();
    const bool negative = (a.m_raw < 0) != (b.m_raw < 0);
    const U128 x = magnitude(a.m_raw), y = magnitude(b.m_raw);
    constexpr U128 Limit88 = U128(1) << 88; // x * 10^12 < 2^128 below this
    if (x < Limit88)
        return fromSignedMagnitude(negative, divideRounded(x * RawOne, y));
    U128 quotient;
    if (!wideMulDivRounded(x, RawOne, y, quotient))
        return Decimal::invalid();
    return fromSignedMagnitude(negative, quotient);
}

} // namespace pt
