#include "jobs/pricecache.h"

namespace pt::jobs {

PriceCache::PriceCache(std::chrono::milliseconds ttl, Clock clock)
    : m_ttl(ttl), m_clock(std::move(clock))
{
}

std::int64_t PriceCache::now() const
{
    return m_clock ? m_clock() : QDateTime::currentMSecsSinceEpoch();
}

void PriceCache::put(RowId assetId, Decimal price, const QString &currency, const QDateTime &time)
{
    const std::int64_t storedAt = now();
    const std::lock_guard lock(m_mutex);
    m_entries[assetId] = Entry{price, currency, time, storedAt};
}

std::optional<PriceCache::Entry> PriceCache::get(RowId assetId) const
{
    const std::int64_t current = now();
    const std::lock_guard lock(m_mutex);
    const auto found = m_entries.find(assetId);
    if (found == m_entries.end())
        return std::nullopt;
    if (current - found->second.storedAt >= m_ttl.count()) {
        m_entries.erase(found); // stale: the next refresh puts it back
        return std::nullopt;
    }
    return found->second;
}

void PriceCache::remove(RowId assetId)
{
    const std::lock_guard lock(m_mutex);
    m_entries.erase(assetId);
}

void PriceCache::clear()
{
    const std::lock_guard lock(m_mutex);
    m_entries.clear();
}

std::size_t PriceCache::size() const
{
    const std::lock_guard lock(m_mutex);
    return m_entries.size();
}

} // namespace pt::jobs
