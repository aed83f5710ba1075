#include "auth/ratelimiter.h"

#include <QMutexLocker>

#include <algorithm>

namespace pt::server {

namespace {

// Times still inside the window that ends at `nowMs`: those after nowMs - window.
QList<std::int64_t>::const_iterator firstInWindow(const QList<std::int64_t> &times, std::int64_t nowMs,
                                                  std::int64_t windowMs)
{
    return std::upper_bound(times.cbegin(), times.cend(), nowMs - windowMs);
}

// Whole seconds until the oldest time in the window leaves it (at least 1,
// as Retry-After counts seconds and 0 would invite an immediate retry).
int secondsUntilFree(std::int64_t oldestMs, std::int64_t nowMs, std::int64_t windowMs)
{
    const std::int64_t waitMs = std::max<std::int64_t>(oldestMs + windowMs - nowMs, 1);
    return int(std::max<std::int64_t>((waitMs + 999) / 1000, 1));
}

RateLimiter::Decision refusal(const QList<std::int64_t> &inWindow, std::int64_t nowMs, std::int64_t windowMs)
{
    // No budget at all (limit 0): wait a whole window.
    const std::int64_t oldest = inWindow.isEmpty() ? nowMs : inWindow.first();
    return { false, secondsUntilFree(oldest, nowMs, windowMs) };
}

} // namespace

RateLimiter::Decision RateLimiter::take(const QString &key, std::int64_t nowMs)
{
    const QMutexLocker lock(&m_mutex);
    if (nowMs - m_lastSweepMs >= m_windowMs) {
        m_lastSweepMs = nowMs;
        m_times.removeIf(
            [&](const auto &entry) { return entry.value().isEmpty() || entry.value().last() <= nowMs - m_windowMs; });
    }

    QList<std::int64_t> &times = m_times[key];
    times.erase(times.cbegin(), firstInWindow(times, nowMs, m_windowMs));
    if (times.size() >= m_limit) {
        const Decision decision = refusal(times, nowMs, m_windowMs);
        if (times.isEmpty())
            m_times.remove(key);
        return decision;
    }
    // Callers on several threads may pass times slightly out of order: keep
    // the list sorted so the oldest is always first.
    times.insert(std::upper_bound(times.cbegin(), times.cend(), nowMs), nowMs);
    return {};
}

RateLimiter::Decision RateLimiter::check(const QString &key, std::int64_t nowMs) const
{
    const QMutexLocker lock(&m_mutex);
    const auto found = m_times.constFind(key);
    if (found == m_times.cend())
        return m_limit > 0 ? Decision {} : refusal({}, nowMs, m_windowMs);
    const QList<std::int64_t> &times = found.value();
    const auto first = firstInWindow(times, nowMs, m_windowMs);
    if (times.cend() - first < m_limit)
        return {};
    return { false, secondsUntilFree(first == times.cend() ? nowMs : *first, nowMs, m_windowMs) };
}

void RateLimiter::forget(const QString &key)
{
    const QMutexLocker lock(&m_mutex);
    m_times.remove(key);
}

} // namespace pt::server
