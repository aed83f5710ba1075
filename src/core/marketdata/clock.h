#pragma once

#include <chrono>
#include <functional>

namespace pt::marketdata {

// A monotonic clock in milliseconds. The rate limiter and the circuit breaker
// take one so tests can drive time by hand instead of sleeping.
using Clock = std::function<std::chrono::milliseconds()>;

inline Clock steadyClock()
{
    return [] {
        return std::chrono::duration_cast<std::chrono::milliseconds>(
            std::chrono::steady_clock::now().time_since_epoch());
    };
}

} // namespace pt::marketdata
