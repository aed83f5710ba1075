#include "io/numberformat.h"

namespace pt::io {

namespace {

bool isSpace(QChar c)
{
    // U+00A0 and U+202F: the (narrow) no-break spaces French and Swiss exports group with.
    return c == u' ' || c == u'\t' || c == QChar(0x00A0) || c == QChar(0x202F);
}

bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

bool isCurrencySign(QChar c)
{
    return c.category() == QChar::Symbol_Currency;
}

QStringView trimmedSpaces(QStringView text)
{
    qsizetype begin = 0;
    qsizetype end = text.size();
    while (begin < end && isSpace(text[begin]))
        ++begin;
    while (end > begin && isSpace(text[end - 1]))
        --end;
    return text.sliced(begin, end - begin);
}

// Whether `c` is the format's thousands separator; a space separator also
// takes the no-break spaces.
bool isThousands(QChar c, QChar thousands)
{
    if (thousands.isNull())
        return false;
    if (thousands == u' ')
        return isSpace(c);
    return c == thousands;
}

} // namespace

QString NumberFormat::example() const
{
    QString text = QStringLiteral("1");
    if (!thousands.isNull())
        text += thousands;
    return text + QStringLiteral("234") + decimal + QStringLiteral("56");
}

QString NumberFormat::problem() const
{
    if (decimal.isNull())
        return QStringLiteral("no decimal separator is set");
    if (decimal == thousands)
        return QStringLiteral("the decimal and thousands separators are both '%1'").arg(decimal);
    if (isDigit(decimal) || isDigit(thousands) || decimal == u'-' || thousands == u'-')
        return QStringLiteral("a separator cannot be a digit or '-'");
    return {};
}

bool isBlank(QStringView text)
{
    for (const QChar c : text) {
        if (!isSpace(c))
            return false;
    }
    return true;
}

std::optional<Decimal> parseNumber(QStringView text, const NumberFormat &format)
{
    text = trimmedSpaces(text);
    bool negative = false;
    if (text.size() >= 2 && text.front() == u'(' && text.back() == u')') {
        negative = true;
        text = trimmedSpaces(text.sliced(1, text.size() - 2));
    }
    // Signs and currency signs around the digits, in any order: "-$1.5", "$-1.5", "1,5 €-".
    int signs = negative ? 1 : 0;
    const auto takeSignsAndSymbols = [&](bool front) {
        while (!text.isEmpty()) {
            const QChar c = front ? text.front() : text.back();
            if (c == u'-' || c == u'+' || c == QChar(0x2212)) { // U+2212: the minus sign
                negative = negative || c != u'+';
                ++signs;
            } else if (!isCurrencySign(c) && !isSpace(c)) {
                break;
            }
            text = front ? text.sliced(1) : text.chopped(1);
        }
    };
    takeSignsAndSymbols(true);
    takeSignsAndSymbols(false);
    if (signs > 1 || text.isEmpty())
        return std::nullopt;

    // Digits straight into the raw 10^-12 count: no allocation per number.
    constexpr int MaxIntegerDigits = 26; // below 1.7 * 10^26, the Decimal range
    Decimal::Raw integer = 0;
    Decimal::Raw fraction = 0;
    int integerDigits = 0;
    int fractionDigits = 0;
    int groupDigits = 0;   // digits since the last thousands separator
    bool grouped = false;  // a thousands separator was seen
    bool inFraction = false;
    bool significant = false; // leading zeros do not count towards the limit
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (isDigit(c)) {
            const int digit = c.unicode() - u'0';
            if (inFraction) {
                if (++fractionDigits > Decimal::Scale)
                    return std::nullopt;
                fraction = fraction * 10 + digit;
            } else {
                significant = significant || digit != 0;
                if (significant && ++integerDigits > MaxIntegerDigits)
                    return std::nullopt;
                integer = integer * 10 + digit;
                ++groupDigits;
            }
        } else if (!inFraction && c == format.decimal) {
            if (grouped && groupDigits != 3)
                return std::nullopt;
            if (i == 0 && text.size() == 1)
                return std::nullopt;
            inFraction = true;
        } else if (!inFraction && isThousands(c, format.thousands)) {
            // Groups of three after a first group of one to three digits.
            if (groupDigits == 0 || (grouped ? groupDigits != 3 : groupDigits > 3))
                return std::nullopt;
            grouped = true;
            groupDigits = 0;
        } else {
            return std::nullopt;
        }
    }
    if (!inFraction && grouped && groupDigits != 3)
        return std::nullopt;
    if (inFraction && fractionDigits == 0 && integerDigits == 0 && groupDigits == 0)
        return std::nullopt;
    for (int i = fractionDigits; i < Decimal::Scale; ++i)
        fraction *= 10;
    const Decimal::Raw raw = integer * Decimal::ScaleFactor + fraction;
    return Decimal::fromRaw(negative ? -raw : raw);
}

} // namespace pt::io
