#pragma once

#include <QByteArray>
#include <QDateTime>

#include <chrono>
#include <optional>

namespace pt::marketdata {

// When to try again: exponential backoff with full jitter, and the server's own
// word in Retry-After.
namespace backoff {

// The delay before retry number `attempt` (1 = after the first failure): a
// uniformly random duration in [0, min(cap, base * 2^(attempt-1))] ("full
// jitter", so clients that failed together do not retry together).
// `unitRandom` in [0, 1) picks the point; the overload without it draws one.
std::chrono::milliseconds delay(int attempt, std::chrono::milliseconds base, std::chrono::milliseconds cap,
                                double unitRandom);
std::chrono::milliseconds delay(int attempt, std::chrono::milliseconds base, std::chrono::milliseconds cap);

// The upper bound of delay() for `attempt`: min(cap, base * 2^(attempt-1)).
std::chrono::milliseconds ceiling(int attempt, std::chrono::milliseconds base, std::chrono::milliseconds cap);

// A Retry-After header value (RFC 7231 §7.1.3): delta-seconds ("120") or an
// HTTP-date in IMF-fixdate form ("Wed, 21 Oct 2015 07:28:00 GMT", also the
// obsolete RFC 850 and asctime forms). A date in the past gives zero. Anything
// else gives no value.
std::optional<std::chrono::milliseconds> parseRetryAfter(const QByteArray &value, const QDateTime &now);
std::optional<std::chrono::milliseconds> parseRetryAfter(const QByteArray &value);

} // namespace backoff

} // namespace pt::marketdata
