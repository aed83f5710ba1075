#pragma once

#include "valuation/valueseries.h"

#include <optional>
#include <vector>

namespace pt::valuation {

// Which days a return covers: [from, to] inside the series.
struct Range
{
    QDate from;
    QDate to;
    // The named ranges of the app (1M, 3M, YTD, 1Y, 5Y, All), ending at `to`.
    enum class Preset { OneMonth, ThreeMonths, YearToDate, OneYear, FiveYears, All };
    static Range preset(Preset preset, QDate to, QDate firstDay);
};

struct Returns
{
    Decimal startValue;
    Decimal endValue;
    Decimal netFlows;        // external flows inside the range
    Decimal absoluteGain;    // end − start − net flows (exact)
    double simpleReturn = 0; // absoluteGain / (start + positive flows)
    double timeWeighted = 0; // daily linked, flows at the start of their day
    std::optional<double> moneyWeighted; // XIRR (annual); nothing when no solution exists
    bool annualised = false; // TWR annualised because the range exceeds a year
};

// Time-weighted, simple and money-weighted returns of a series over a range.
Returns computeReturns(const ValueSeries &series, const Range &range);

// XIRR as a spreadsheet computes it (actual/365 day count): Newton steps from
// a guess, falling back to bisection over a bracket; nothing when the flows have
// no root (e.g. all of one sign).
std::optional<double> xirr(const std::vector<CashFlow> &flows);

struct Risk
{
    double maxDrawdown = 0; // as a positive fraction of the peak
    QDate peak;
    QDate trough;
    double volatility = 0; // annualised standard deviation of daily returns (√252)
    double sharpe = 0;     // (annualised return − risk-free rate) / volatility
};

Risk computeRisk(const ValueSeries &series, const Range &range, double riskFreeRate);

// Addition to the agreed interface: the two halves of xirr() on their own, so
// tests can show which one found a root. xirr() is newton, then bisection.
namespace detail {
// Newton steps from `guess`; nothing when a step diverges, leaves r > −1 or
// does not settle within the iteration limit.
std::optional<double> xirrNewton(const std::vector<CashFlow> &flows, double guess);
// Bisection over a bracket grown from [−0.9999, 10]; nothing when no sign change is found.
std::optional<double> xirrBisection(const std::vector<CashFlow> &flows);
} // namespace detail

} // namespace pt::valuation
