#pragma once

#include "result.h"

#include <QDate>
#include <QString>
#include <QStringList>

#include <vector>

namespace pt::io {

// A date pattern of a CSV file, such as "yyyy-MM-dd", "dd.MM.yyyy" or
// "MM/dd/yyyy", compiled once and then applied to every row without
// QDate::fromString (whose general parser is slow on a million rows).
//
// Tokens: yyyy (four-digit year), yy (two digits: 00-69 are 2000-2069,
// 70-99 are 1970-1999), MM or M and dd or d (month and day, each read as one
// or two digits either way, since exports drop leading zeros inconsistently);
// anything else must appear as written. Text after the date that starts with
// a space or a 'T' (a time of day) is ignored.
class DateFormat
{
public:
    // Refuses a pattern without exactly one year, month and day.
    static Result<DateFormat> compile(const QString &pattern);

    const QString &pattern() const { return m_pattern; }

    // An invalid date when the text does not match or names no real day
    // (2023-02-30); `wellFormed` tells the two apart (true: it matched the
    // pattern, so the day is what is wrong).
    QDate parse(QStringView text, bool *wellFormed = nullptr) const;

    // The usual patterns, for menus and --help.
    static QStringList commonPatterns();

private:
    enum class Kind { Literal, Year4, Year2, Month, Day };
    struct Token
    {
        Kind kind;
        QChar literal;
    };

    QString m_pattern;
    std::vector<Token> m_tokens;
};

} // namespace pt::io
