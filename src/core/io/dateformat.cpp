#include "io/dateformat.h"

namespace pt::io {

namespace {

bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

// How many times `c` repeats from `i` on.
qsizetype runLength(const QString &text, qsizetype i)
{
    qsizetype n = 1;
    while (i + n < text.size() && text[i + n] == text[i])
        ++n;
    return n;
}

} // namespace

Result<DateFormat> DateFormat::compile(const QString &pattern)
{
    DateFormat format;
    format.m_pattern = pattern;
    int years = 0, months = 0, days = 0;
    for (qsizetype i = 0; i < pattern.size();) {
        const QChar c = pattern[i];
        const qsizetype run = runLength(pattern, i);
        if (c == u'y') {
            if (run != 2 && run != 4)
                return Error{QStringLiteral("date format '%1': a year is yyyy or yy").arg(pattern)};
            format.m_tokens.push_back({run == 4 ? Kind::Year4 : Kind::Year2, {}});
            ++years;
        } else if (c == u'M' || c == u'd') {
            if (run > 2)
                return Error{QStringLiteral("date format '%1': a month is MM or M and a day dd or d (names of "
                                            "months and weekdays are not supported)").arg(pattern)};
            format.m_tokens.push_back({c == u'M' ? Kind::Month : Kind::Day, {}});
            ++(c == u'M' ? months : days);
        } else {
            for (qsizetype k = 0; k < run; ++k)
                format.m_tokens.push_back({Kind::Literal, c});
        }
        i += run;
    }
    if (years != 1 || months != 1 || days != 1)
        return Error{QStringLiteral("date format '%1': needs one year (yyyy), one month (MM) and one day (dd), "
                                    "e.g. yyyy-MM-dd, dd.MM.yyyy or MM/dd/yyyy").arg(pattern)};
    return format;
}

QStringList DateFormat::commonPatterns()
{
    return {QStringLiteral("yyyy-MM-dd"), QStringLiteral("dd.MM.yyyy"), QStringLiteral("MM/dd/yyyy"),
            QStringLiteral("dd/MM/yyyy"), QStringLiteral("yyyy/MM/dd"), QStringLiteral("dd-MM-yyyy"),
            QStringLiteral("yyyyMMdd"),   QStringLiteral("dd.MM.yy"),   QStringLiteral("MM/dd/yy")};
}

QDate DateFormat::parse(QStringView text, bool *wellFormed) const
{
    if (wellFormed)
        *wellFormed = false;
    while (!text.isEmpty() && text.front() == u' ')
        text = text.sliced(1);
    int year = -1, month = -1, day = -1;
    qsizetype pos = 0;
    // Reads up to `most` digits, at least `least`; -1 if fewer.
    const auto number = [&](int least, int most) {
        int value = 0;
        int count = 0;
        while (count < most && pos < text.size() && isDigit(text[pos])) {
            value = value * 10 + (text[pos].unicode() - u'0');
            ++pos;
            ++count;
        }
        return count >= least ? value : -1;
    };
    for (std::size_t t = 0; t < m_tokens.size(); ++t) {
        const Token &token = m_tokens[t];
        // A one- or two-digit field directly followed by another field
        // ("yyyyMMdd") must take exactly two digits.
        const bool packed = t + 1 < m_tokens.size() && m_tokens[t + 1].kind != Kind::Literal;
        switch (token.kind) {
        case Kind::Literal:
            if (pos >= text.size() || text[pos] != token.literal)
                return {};
            ++pos;
            break;
        case Kind::Year4:
            year = number(4, 4);
            break;
        case Kind::Year2:
            year = number(2, 2);
            if (year >= 0)
                year += year < 70 ? 2000 : 1900;
            break;
        case Kind::Month:
            month = number(packed ? 2 : 1, 2);
            break;
        case Kind::Day:
            day = number(packed ? 2 : 1, 2);
            break;
        }
        if ((token.kind == Kind::Month && month < 0) || (token.kind == Kind::Day && day < 0)
            || ((token.kind == Kind::Year4 || token.kind == Kind::Year2) && year < 0))
            return {};
    }
    if (pos < text.size() && text[pos] != u' ' && text[pos] != u'T')
        return {};
    if (year <= 0)
        return {};
    if (wellFormed)
        *wellFormed = true;
    return QDate(year, month, day); // invalid for 30 February and the like
}

} // namespace pt::io
