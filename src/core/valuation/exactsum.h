#pragma once

#include "money/decimal.h"

#include <cstdint>

namespace pt::valuation::detail {

// Σ quantity × price, kept exact: raw products (10^-24 units) add up in `lo`,
// which spills into `hi` (a Decimal, 10^-12 units) before it could overflow.
// Read out rounded half away from zero to 12 digits, once, so no rounding
// accumulates over thousands of days. The valuation kernel keeps one per
// account and day as a change, and one per account as the running total.
struct ExactSum
{
    static constexpr Decimal::Raw Scale = Decimal::ScaleFactor;

    Decimal::Raw lo = 0;
    Decimal hi;

    bool isZero() const { return lo == 0 && hi.isZero(); }

    void spill()
    {
        hi += Decimal::fromRaw(lo / Scale);
        lo %= Scale;
    }

    void addRaw(Decimal::Raw product)
    {
        Decimal::Raw sum = 0;
        if (!__builtin_add_overflow(lo, product, &sum)) {
            lo = sum;
            return;
        }
        spill();
        hi += Decimal::fromRaw(product / Scale);
        lo += product % Scale;
    }

    void addProduct(Decimal a, Decimal b)
    {
        const auto small = [](Decimal::Raw raw) { return raw == Decimal::Raw(std::int64_t(raw)); };
        Decimal::Raw product = 0;
        if (small(a.raw()) && small(b.raw())) {
            // Both below 9.2 × 10^6 (nearly every quantity and price): one
            // 64 × 64 → 128-bit multiply that cannot overflow.
            product = Decimal::Raw(std::int64_t(a.raw())) * std::int64_t(b.raw());
        } else if (!a.isValid() || !b.isValid() || __builtin_mul_overflow(a.raw(), b.raw(), &product)) {
            hi += a * b; // beyond the exact range: rounded to 12 digits, or invalid
            return;
        }
        addRaw(product);
    }

    void add(const ExactSum &other)
    {
        if (other.lo != 0)
            addRaw(other.lo);
        if (!other.hi.isZero())
            hi += other.hi;
    }

    // hi + lo, rounded half away from zero to 12 digits. When nothing spilled
    // (hi zero) this is round(lo); otherwise the remainder is first given the
    // sign of the whole, so the rounding is that of the exact sum.
    Decimal value() const
    {
        Decimal::Raw rest = lo % Scale;
        const Decimal whole = hi + Decimal::fromRaw(lo / Scale);
        if (!whole.isValid())
            return whole;
        Decimal::Raw units = whole.raw();
        if (units > 0 && rest < 0) {
            units -= 1;
            rest += Scale;
        } else if (units < 0 && rest > 0) {
            units += 1;
            rest -= Scale;
        }
        if (2 * (rest < 0 ? -rest : rest) >= Scale)
            units += rest < 0 ? -1 : 1;
        return Decimal::fromRaw(units);
    }
};

} // namespace pt::valuation::detail
