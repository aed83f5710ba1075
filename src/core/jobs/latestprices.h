#pragma once

#include "jobs/pricecache.h"
#include "result.h"

#include <optional>

namespace pt::store {
class Database;
}

namespace pt::jobs {

// The latest known price of an asset, for views: the price cache while its
// entry is fresh (refresh jobs put what they fetch there), else the last close
// in the store, which is then cached for the TTL so that repeated reads — every
// portfolio switch, every repaint of a holdings table — do not query the store.
class LatestPrices
{
public:
    LatestPrices(const store::Database &database, PriceCache &cache) : m_database(database), m_cache(cache) {}

    // Nothing when the asset has no price at all yet.
    Result<std::optional<PriceCache::Entry>> get(const Asset &asset) const;

private:
    const store::Database &m_database;
    PriceCache &m_cache;
};

} // namespace pt::jobs
