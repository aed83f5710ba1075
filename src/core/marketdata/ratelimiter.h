#pragma once

#include "marketdata/clock.h"

#include <chrono>

namespace pt::marketdata {

// A token bucket: `burst` tokens at most, refilled at `requestsPerSecond`.
// Pure logic over an injectable clock, not thread-safe (the HTTP client uses
// it from its own thread only).
//
// reserve() hands out tokens in order even when none is left: the bucket goes
// into debt and the caller is told how long to wait before sending, so callers
// queue fairly without polling. hold() stops all tokens for a while, e.g. after
// a 429 with Retry-After, so requests queued behind it wait too.
class RateLimiter
{
public:
    explicit RateLimiter(double requestsPerSecond = 1.0, int burst = 1, Clock clock = steadyClock());

    // Takes a token; returns how long the caller must wait before using it (0 = now).
    std::chrono::milliseconds reserve();
    // Takes a token only if one is available now.
    bool tryAcquire();
    // How long until a token would be available without waiting.
    std::chrono::milliseconds timeUntilAvailable() const;
    // No new token before now + duration (extends, never shortens, a wait already due).
    void hold(std::chrono::milliseconds duration);

    double requestsPerSecond() const { return m_rate; }
    int burst() const { return m_burst; }

private:
    void refill();

    double m_rate;
    int m_burst;
    Clock m_clock;
    double m_tokens; // at m_last; negative: tokens already promised
    std::chrono::milliseconds m_last; // when m_tokens was counted; in the future while held
};

} // namespace pt::marketdata
