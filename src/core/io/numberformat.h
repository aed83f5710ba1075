#pragma once

#include "money/decimal.h"

#include <QChar>
#include <QString>

#include <optional>

namespace pt::io {

// How a file writes its numbers: the decimal separator and the thousands
// separator (none when null), "1,234.56" or "1.234,56". Read by parseNumber
// straight into an exact Decimal, never through a double.
struct NumberFormat
{
    QChar decimal = u'.';
    QChar thousands; // null: no grouping

    // "1,234.56" in this format, for messages.
    QString example() const;
    // Why the two separators cannot work together, or empty.
    QString problem() const;

    friend bool operator==(const NumberFormat &, const NumberFormat &) = default;
};

// Parses a number as a bank or broker export writes it: surrounding spaces,
// a currency sign before or after ("$1,234.56", "12,50 €"), a sign in front,
// behind ("1.234,56-") or parentheses ("(1,234.56)") for negatives, digits
// grouped by the thousands separator in threes (only before the decimal
// separator), at most Decimal::Scale fractional digits. Nothing else: an
// exponent, a stray letter or a misplaced separator is not a number, so a
// file read with the wrong format is caught rather than misread.
// Empty text is nullopt; so is text that is not a number (see isBlank).
std::optional<Decimal> parseNumber(QStringView text, const NumberFormat &format);

// True for text holding nothing but spaces.
bool isBlank(QStringView text);

} // namespace pt::io
