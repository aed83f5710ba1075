#pragma once

#include "marketdata/clock.h"

#include <chrono>

namespace pt::marketdata {

// Stops calling a source that keeps failing. Closed: requests pass. After
// `threshold` consecutive failures it opens: requests fail fast, without
// touching the network. After `cooldown` it is half-open: one probe passes
// (others still fail fast); the probe's success closes it, its failure opens it
// again for another cooldown. Any success resets the failure count.
//
// Pure logic over an injectable clock, not thread-safe (the HTTP client uses it
// from its own thread only).
class CircuitBreaker
{
public:
    enum class State { Closed, Open, HalfOpen };

    explicit CircuitBreaker(int threshold = 5, std::chrono::milliseconds cooldown = std::chrono::seconds(60),
                            Clock clock = steadyClock());

    // May a request go now? In Open state past the cooldown this moves to
    // HalfOpen and lets this one request through as the probe.
    bool allowRequest();
    void recordSuccess();
    void recordFailure();

    State state() const; // HalfOpen once the cooldown has passed, even before a probe
    int consecutiveFailures() const { return m_failures; }
    // While open: time left until a probe may pass; otherwise zero.
    std::chrono::milliseconds retryIn() const;

private:
    int m_threshold;
    std::chrono::milliseconds m_cooldown;
    Clock m_clock;
    State m_state = State::Closed;
    int m_failures = 0;
    std::chrono::milliseconds m_openedAt { 0 };
    bool m_probeInFlight = false;
};

} // namespace pt::marketdata
