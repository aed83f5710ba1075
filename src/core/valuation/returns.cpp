#include "valuation/returns.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

// Conventions shared by every function here:
//
// - A range [from, to] is clamped to the series. Its start value is the close
//   of `from`, which already contains that day's flows; so the flows "inside"
//   the range are those of the days after `from` up to and including `to`.
// - Day t's return links the flow at the start of the day:
//   r_t = V_t / (V_{t−1} + F_t) − 1. A day whose V_{t−1} + F_t is not positive
//   (nothing invested yet) has no return and counts as 0.
// - Statistics are doubles; gains and flows stay exact Decimals.

namespace pt::valuation {

namespace {

constexpr double DaysPerYear = 365.0;
constexpr double TradingDaysPerYear = 252.0;
constexpr double Tolerance = 1e-10;
constexpr int MaxNewtonSteps = 100;
constexpr int MaxBisectionSteps = 200;

// Decimal::toDouble(), the correctly rounded double of the exact value, without
// its text round trip for values beyond 2^53 raw units (every value above 9,007
// takes it, so every day of a large portfolio did): the 64-bit raw value and
// 10^12 are exact in x87 extended precision, so their quotient there is
// correctly rounded to 64 bits, and rounding that to a double is correct too,
// except when it lies exactly halfway between two doubles (double rounding);
// then, and beyond 2^64, Decimal::toDouble() decides.
double toDouble(Decimal value)
{
    const Decimal::Raw raw = value.raw();
    if (!value.isValid())
        return value.toDouble();
    const auto magnitude = raw < 0 ? -static_cast<unsigned __int128>(raw) : static_cast<unsigned __int128>(raw);
    if (magnitude >> 64 != 0)
        return value.toDouble();
    const long double quotient = static_cast<long double>(static_cast<std::uint64_t>(magnitude))
        / static_cast<long double>(Decimal::ScaleFactor);
    if (quotient != 0) {
        int exponent = 0;
        const long double fraction = std::frexp(quotient, &exponent); // [0.5, 1)
        const auto bits = static_cast<std::uint64_t>(std::ldexp(fraction, 64));
        if ((bits & 0x7FF) == 0x400) // the 11 bits a double drops: exactly half
            return value.toDouble();
    }
    const double result = static_cast<double>(quotient);
    return raw < 0 ? -result : result;
}

// The range's first and last index inside the series (begin > end when they do not meet).
struct Span
{
    int begin = 0;
    int end = -1;
    bool isEmpty() const { return end < begin; }
};

Span clampToSeries(const ValueSeries &series, const Range &range)
{
    if (series.size() == 0 || !series.first.isValid() || !range.from.isValid() || !range.to.isValid())
        return {};
    const qint64 last = series.size() - 1;
    const qint64 from = std::max<qint64>(series.first.daysTo(range.from), 0);
    const qint64 to = std::min<qint64>(series.first.daysTo(range.to), last);
    if (from > to)
        return {};
    return {int(from), int(to)};
}

// r_t as described above; index must be > 0.
double dailyReturn(const ValueSeries &series, int index)
{
    const Decimal before = series.marketValue[size_t(index - 1)] + series.externalFlow[size_t(index)];
    const double base = toDouble(before);
    if (!before.isValid() || !(base > 0))
        return 0;
    return toDouble(series.marketValue[size_t(index)]) / base - 1;
}

// Strictly more than a year (1Y from 2023-03-01 is 366 days and still one year).
bool exceedsOneYear(QDate from, QDate to)
{
    return from.addYears(1) < to;
}

double annualise(double growth, qint64 days)
{
    return days > 0 ? std::pow(1 + growth, DaysPerYear / double(days)) - 1 : growth;
}

// Net present value of the flows at rate r and its derivative, times in years
// of 365 days from the earliest flow (the day count of a spreadsheet's XIRR).
struct Npv
{
    double value = 0;
    double derivative = 0;
};

Npv npv(const std::vector<CashFlow> &flows, QDate origin, double rate)
{
    Npv result;
    for (const CashFlow &flow : flows) {
        const double years = double(origin.daysTo(flow.date)) / DaysPerYear;
        const double discount = std::pow(1 + rate, -years);
        result.value += flow.amount * discount;
        result.derivative += -years * flow.amount * discount / (1 + rate);
    }
    return result;
}

QDate earliest(const std::vector<CashFlow> &flows)
{
    return std::min_element(flows.begin(), flows.end(),
                            [](const CashFlow &a, const CashFlow &b) { return a.date < b.date; })
        ->date;
}

// A root needs money both ways.
bool hasBothSigns(const std::vector<CashFlow> &flows)
{
    const bool in = std::any_of(flows.begin(), flows.end(), [](const CashFlow &f) { return f.amount < 0; });
    const bool out = std::any_of(flows.begin(), flows.end(), [](const CashFlow &f) { return f.amount > 0; });
    return in && out;
}

int sign(double value)
{
    return (value > 0) - (value < 0);
}

} // namespace

Range Range::preset(Preset preset, QDate to, QDate firstDay)
{
    QDate from;
    switch (preset) {
    case Preset::OneMonth:
        from = to.addMonths(-1);
        break;
    case Preset::ThreeMonths:
        from = to.addMonths(-3);
        break;
    case Preset::YearToDate:
        // From the close of the previous year's last day, so 1 January's move counts.
        from = QDate(to.year() - 1, 12, 31);
        break;
    case Preset::OneYear:
        from = to.addYears(-1);
        break;
    case Preset::FiveYears:
        from = to.addYears(-5);
        break;
    case Preset::All:
        from = firstDay;
        break;
    }
    if (firstDay.isValid() && (!from.isValid() || from < firstDay))
        from = firstDay;
    if (to.isValid() && from > to)
        from = to;
    return {from, to};
}

Returns computeReturns(const ValueSeries &series, const Range &range)
{
    Returns result;
    const Span span = clampToSeries(series, range);
    if (span.isEmpty())
        return result;

    result.startValue = series.marketValue[size_t(span.begin)];
    result.endValue = series.marketValue[size_t(span.end)];
    Decimal positiveFlows;
    double growth = 1;
    for (int i = span.begin + 1; i <= span.end; ++i) {
        const Decimal flow = series.externalFlow[size_t(i)];
        result.netFlows += flow;
        if (flow.isPositive())
            positiveFlows += flow;
        growth *= 1 + dailyReturn(series, i);
    }
    result.absoluteGain = result.endValue - result.startValue - result.netFlows;

    const Decimal invested = result.startValue + positiveFlows;
    result.simpleReturn = invested.isPositive() ? toDouble(result.absoluteGain) / toDouble(invested) : 0;

    const QDate from = series.day(span.begin);
    const QDate to = series.day(span.end);
    result.timeWeighted = growth - 1;
    if (exceedsOneYear(from, to)) {
        result.timeWeighted = annualise(result.timeWeighted, from.daysTo(to));
        result.annualised = true;
    }

    // The investor's view: money put in is negative, money out and the end value positive.
    std::vector<CashFlow> flows;
    if (!result.startValue.isZero())
        flows.push_back({from, -toDouble(result.startValue)});
    for (int i = span.begin + 1; i <= span.end; ++i) {
        const Decimal flow = series.externalFlow[size_t(i)];
        if (!flow.isZero())
            flows.push_back({series.day(i), -toDouble(flow)});
    }
    if (!result.endValue.isZero())
        flows.push_back({to, toDouble(result.endValue)});
    result.moneyWeighted = xirr(flows);
    return result;
}

namespace detail {

std::optional<double> xirrNewton(const std::vector<CashFlow> &flows, double guess)
{
    if (flows.empty())
        return std::nullopt;
    const QDate origin = earliest(flows);
    double rate = guess;
    for (int step = 0; step < MaxNewtonSteps; ++step) {
        const Npv at = npv(flows, origin, rate);
        if (!std::isfinite(at.value) || !std::isfinite(at.derivative) || at.derivative == 0)
            return std::nullopt;
        const double next = rate - at.value / at.derivative;
        if (!std::isfinite(next) || next <= -1)
            return std::nullopt; // left the domain: 1 + r must stay positive
        if (std::abs(next - rate) < Tolerance)
            return next;
        rate = next;
    }
    return std::nullopt;
}

std::optional<double> xirrBisection(const std::vector<CashFlow> &flows)
{
    if (flows.empty())
        return std::nullopt;
    const QDate origin = earliest(flows);
    const auto value = [&](double rate) { return npv(flows, origin, rate).value; };

    // Grow [−0.9999, 10] towards −1 (down to −1 + 1e−12) and upwards (to 1e9)
    // until the NPV changes sign. A NaN (∞ − ∞ near −1) ends the search.
    double low = -0.9999;
    double high = 10;
    double lowValue = value(low);
    double highValue = value(high);
    for (int grow = 0; grow < 8 && sign(lowValue) * sign(highValue) > 0; ++grow) {
        low = -1 + (low + 1) / 10;
        high *= 10;
        lowValue = value(low);
        highValue = value(high);
    }
    if (std::isnan(lowValue) || std::isnan(highValue))
        return std::nullopt;
    const int lowSign = sign(lowValue);
    if (lowSign == 0)
        return low;
    if (sign(highValue) == 0)
        return high;
    if (lowSign == sign(highValue))
        return std::nullopt; // no sign change: no root bracketed, so no answer

    for (int step = 0; step < MaxBisectionSteps && high - low > Tolerance; ++step) {
        const double middle = low + (high - low) / 2;
        const double middleValue = value(middle);
        if (std::isnan(middleValue))
            return std::nullopt;
        const int middleSign = sign(middleValue);
        if (middleSign == 0)
            return middle;
        if (middleSign == lowSign)
            low = middle;
        else
            high = middle;
    }
    return low + (high - low) / 2;
}

} // namespace detail

std::optional<double> xirr(const std::vector<CashFlow> &flows)
{
    if (!hasBothSigns(flows))
        return std::nullopt;
    if (const auto rate = detail::xirrNewton(flows, 0.1))
        return rate;
    return detail::xirrBisection(flows);
}

Risk computeRisk(const ValueSeries &series, const Range &range, double riskFreeRate)
{
    Risk risk;
    const Span span = clampToSeries(series, range);
    if (span.isEmpty())
        return risk;

    // Drawdown on the TWR index (1 at the range start), so deposits and
    // withdrawals move neither peaks nor troughs. Peak and trough stay null
    // dates when the index never falls.
    double index = 1;
    double peak = 1;
    int peakIndex = span.begin;

    // Volatility: the series has every calendar day, weekends carrying Friday's
    // prices forward, so counting weekends as zero-return days would understate
    // it. One sample per weekday instead, with the returns of the days since the
    // previous sample (a weekend's crypto moves, say) linked into it; the range's
    // last day closes a sample too. Sample standard deviation, annualised by
    // √252 trading days. Weekday holidays stay in as zero-return days.
    std::vector<double> samples;
    double period = 1;

    for (int i = span.begin + 1; i <= span.end; ++i) {
        const double r = dailyReturn(series, i);
        index *= 1 + r;
        period *= 1 + r;
        if (index > peak) {
            peak = index;
            peakIndex = i;
        } else if (peak > 0) {
            const double drawdown = 1 - index / peak;
            if (drawdown > risk.maxDrawdown) {
                risk.maxDrawdown = drawdown;
                risk.peak = series.day(peakIndex);
                risk.trough = series.day(i);
            }
        }
        if (series.day(i).dayOfWeek() <= 5 || i == span.end) {
            samples.push_back(period - 1);
            period = 1;
        }
    }

    if (samples.size() >= 2) {
        double mean = 0;
        for (double s : samples)
            mean += s;
        mean /= double(samples.size());
        double squares = 0;
        for (double s : samples)
            squares += (s - mean) * (s - mean);
        risk.volatility = std::sqrt(squares / double(samples.size() - 1)) * std::sqrt(TradingDaysPerYear);
    }

    // Sharpe on the range's TWR annualised whatever its length (geometric, 365 days).
    const qint64 days = series.day(span.begin).daysTo(series.day(span.end));
    const double annualReturn = annualise(index - 1, days);
    risk.sharpe = risk.volatility > 0 ? (annualReturn - riskFreeRate) / risk.volatility : 0;
    return risk;
}

} // namespace pt::valuation
