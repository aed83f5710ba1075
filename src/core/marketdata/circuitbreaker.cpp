#include "marketdata/circuitbreaker.h"

#include <algorithm>

namespace pt::marketdata {

using std::chrono::milliseconds;

CircuitBreaker::CircuitBreaker(int threshold, milliseconds cooldown, Clock clock)
    : m_threshold(std::max(1, threshold))
    , m_cooldown(cooldown)
    , m_clock(std::move(clock))
{ }

bool CircuitBreaker::allowRequest()
{
    switch (state()) {
    case State::Closed:
        return true;
    case State::Open:
        return false;
    case State::HalfOpen:
        if (m_probeInFlight)
            return false;
        m_state = State::HalfOpen;
        m_probeInFlight = true;
        return true;
    }
    return false;
}

void CircuitBreaker::recordSuccess()
{
    m_state = State::Closed;
    m_failures = 0;
    m_probeInFlight = false;
}

void CircuitBreaker::recordFailure()
{
    ++m_failures;
    const bool probeFailed = m_state == State::HalfOpen;
    if (probeFailed || m_failures >= m_threshold) {
        m_state = State::Open;
        m_openedAt = m_clock();
        m_probeInFlight = false;
    }
}

CircuitBreaker::State CircuitBreaker::state() const
{
    if (m_state == State::Open && m_clock() - m_openedAt >= m_cooldown)
        return State::HalfOpen;
    return m_state;
}

milliseconds CircuitBreaker::retryIn() const
{
    if (m_state != State::Open)
        return milliseconds(0);
    return std::max(milliseconds(0), m_openedAt + m_cooldown - m_clock());
}

} // namespace pt::marketdata
