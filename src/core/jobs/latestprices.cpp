#include "jobs/latestprices.h"

#include "store/pricerepository.h"

#include <QTimeZone>

namespace pt::jobs {

Result<std::optional<PriceCache::Entry>> LatestPrices::get(const Asset &asset) const
{
    if (auto cached = m_cache.get(asset.id))
        return cached;
    auto stored = store::PriceRepository(m_database).latest(asset.id);
    if (!stored)
        return Error{stored.error()};
    if (!stored->has_value())
        return std::optional<PriceCache::Entry>();
    const store::DatedClose &close = **stored;
    m_cache.put(asset.id, close.close, asset.currency, QDateTime(close.date, QTime(0, 0), QTimeZone::utc()));
    return m_cache.get(asset.id);
}

} // namespace pt::jobs
