#pragma once

#include <QHash>
#include <QMutex>
#include <QString>

#include <cstdint>

namespace pt::server {

// Fixed budget per key over a sliding minute-long (or any) window, in memory:
// portfolio-server is one process, and losing the counts on a restart only
// forgives a minute. Thread-safe.
class RateLimiter
{
public:
    struct Decision
    {
        bool allowed = true;
        int retryAfterSeconds = 0; // when refused: until a slot frees
    };

    RateLimiter(int limit, std::int64_t windowMs) : m_limit(limit), m_windowMs(windowMs) {}

    // Counts one request for `key` at `nowMs` if the budget allows it.
    Decision take(const QString &key, std::int64_t nowMs);
    // Whether `key` is over budget now, without counting (a login throttle
    // checks before it hashes and counts only failures with take()).
    Decision check(const QString &key, std::int64_t nowMs) const;
    // Forgets `key` (a successful login clears its failures).
    void forget(const QString &key);

    int limit() const { return m_limit; }

private:
    // Request times per key, oldest first, at most m_limit of them.
    mutable QMutex m_mutex;
    QHash<QString, QList<std::int64_t>> m_times;
    int m_limit;
    std::int64_t m_windowMs;
    // When keys whose times all left the window were last dropped (once a
    // window at most), so one-off keys (IPs, emails) do not pile up.
    std::int64_t m_lastSweepMs = 0;
};

} // namespace pt::server
