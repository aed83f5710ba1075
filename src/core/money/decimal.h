#pragma once

#include "result.h"

#include <QMetaType>
#include <QString>

#include <compare>
#include <cstdint>
#include <string_view>

class QLocale;

namespace pt {

// An exact decimal number for amounts, prices and quantities.
//
// Stored as a signed 128-bit integer counting units of 10^-12, so every value
// with up to 12 fractional digits and a magnitude below 1.7 * 10^26 is exact:
// satoshi quantities, 10^15 IDR balances and their products alike. Results of
// multiplication and division that need more than 12 fractional digits are
// rounded half away from zero (the rule of a spreadsheet's ROUND()).
//
// Arithmetic never wraps. An operation that overflows, divides by zero or
// starts from an invalid operand gives an invalid Decimal, which stays invalid
// through every later operation (like a NaN) so a whole calculation can be
// checked once at its end. docs/DECIMAL.md explains the choice of
// representation.
class Decimal
{
public:
    using Raw = __int128;
    static constexpr int Scale = 12;
    static constexpr std::int64_t ScaleFactor = 1'000'000'000'000;

    constexpr Decimal() = default;
    constexpr Decimal(int value) : m_raw(Raw(value) * ScaleFactor) {}
    // No silent conversions: Decimal(0.5) would be a binary fraction, and wider
    // integers would be narrowed to int. Use parse(), fromDouble() or fromInteger().
    Decimal(double) = delete;
    Decimal(float) = delete;
    Decimal(long) = delete;
    Decimal(long long) = delete;
    Decimal(unsigned long) = delete;
    Decimal(unsigned long long) = delete;
    static Decimal fromInteger(std::int64_t value);
    static constexpr Decimal fromRaw(Raw raw) { return Decimal(raw, RawTag{}); }
    static constexpr Decimal invalid() { return Decimal(InvalidRaw, RawTag{}); }

    // Parses "-1234.5678" with '.' as the decimal point, independent of any locale.
    // No grouping, no exponent, at most Scale fractional digits.
    static Result<Decimal> parse(QStringView text);
    // Parses text as the user typed it in that locale: its decimal point, its
    // group separator (optional) and its signs.
    static Result<Decimal> parse(QStringView text, const QLocale &locale);
    // For provider data that arrives as JSON numbers: the shortest decimal that
    // reads back as the same double, rounded to Scale digits. Not for ledger input.
    static Decimal fromDouble(double value);

    constexpr bool isValid() const { return m_raw != InvalidRaw; }
    constexpr bool isZero() const { return m_raw == 0; }
    constexpr bool isNegative() const { return isValid() && m_raw < 0; }
    constexpr bool isPositive() const { return isValid() && m_raw > 0; }
    constexpr Raw raw() const { return m_raw; }

    // Canonical text: '.' decimal point, no trailing fractional zeros, "invalid"
    // for an invalid value. Round-trips through parse(QStringView).
    QString toString() const;
    // The canonical text written into `buffer` without allocating, for bulk
    // writers; the result views `buffer` (or a literal for an invalid value).
    static constexpr int MaxCanonicalLength = 48;
    std::string_view toCanonicalChars(char (&buffer)[MaxCanonicalLength]) const;
    // Exactly `decimals` fractional digits after rounding half away from zero.
    QString toString(int decimals) const;
    // For display: the locale's decimal point and grouping, `decimals` digits.
    QString toString(const QLocale &locale, int decimals) const;
    // For statistics only; never feed the result back into the ledger.
    double toDouble() const;

    Decimal operator-() const;
    Decimal abs() const;
    // Rounded to `places` fractional digits (0..Scale), half away from zero.
    Decimal rounded(int places) const;

    friend Decimal operator+(Decimal a, Decimal b);
    friend Decimal operator-(Decimal a, Decimal b);
    friend Decimal operator*(Decimal a, Decimal b);
    friend Decimal operator/(Decimal a, Decimal b);
    Decimal &operator+=(Decimal other) { return *this = *this + other; }
    Decimal &operator-=(Decimal other) { return *this = *this - other; }
    Decimal &operator*=(Decimal other) { return *this = *this * other; }
    Decimal &operator/=(Decimal other) { return *this = *this / other; }

    // Invalid values compare equal to each other and below every valid value,
    // so containers stay well ordered; check isValid() before trusting a comparison.
    friend constexpr bool operator==(Decimal a, Decimal b) = default;
    friend constexpr std::strong_ordering operator<=>(Decimal a, Decimal b)
    {
        return a.m_raw <=> b.m_raw;
    }

private:
    struct RawTag {};
    constexpr Decimal(Raw raw, RawTag) : m_raw(raw) {}

    static constexpr Raw InvalidRaw = Raw(1) << 127; // the most negative 128-bit value

    Raw m_raw = 0;
};

} // namespace pt

Q_DECLARE_METATYPE(pt::Decimal)
