#include "marketdata/ratelimiter.h"

#include <algorithm>
#include <cmath>

namespace pt::marketdata {

using std::chrono::milliseconds;

RateLimiter::RateLimiter(double requestsPerSecond, int burst, Clock clock)
    : m_rate(requestsPerSecond > 0 ? requestsPerSecond : 1.0)
    , m_burst(std::max(1, burst))
    , m_clock(std::move(clock))
    , m_tokens(m_burst)
    , m_last(m_clock())
{ }

void RateLimiter::refill()
{
    const milliseconds now = m_clock();
    if (now > m_last) {
        m_tokens = std::min<double>(m_burst, m_tokens + double((now - m_last).count()) * m_rate / 1000.0);
        m_last = now;
    }
}

milliseconds RateLimiter::reserve()
{
    const milliseconds wait = timeUntilAvailable();
    refill();
    m_tokens -= 1.0;
    return wait;
}

bool RateLimiter::tryAcquire()
{
    if (timeUntilAvailable() > milliseconds(0))
        return false;
    refill();
    m_tokens -= 1.0;
    return true;
}

milliseconds RateLimiter::timeUntilAvailable() const
{
    const milliseconds now = m_clock();
    double tokens = m_tokens;
    if (now > m_last)
        tokens = std::min<double>(m_burst, tokens + double((now - m_last).count()) * m_rate / 1000.0);
    // While held, m_last is in the future and nothing accrues before it.
    milliseconds wait = std::max(milliseconds(0), m_last - now);
    if (tokens < 1.0)
        wait += milliseconds(static_cast<milliseconds::rep>(std::ceil((1.0 - tokens) * 1000.0 / m_rate - 1e-9)));
    return wait;
}

void RateLimiter::hold(milliseconds duration)
{
    refill();
    if (timeUntilAvailable() >= duration)
        return; // the next token is later than that anyway
    // Nothing accrues during the hold, and at its end one request goes, not a burst.
    // Tokens already promised keep their times: their callers are waiting on them.
    m_last = m_clock() + duration;
    m_tokens = 1.0;
}

} // namespace pt::marketdata
