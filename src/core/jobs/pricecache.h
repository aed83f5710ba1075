#pragma once

#include "domain/types.h"

#include <QDateTime>
#include <QString>

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <unordered_map>

namespace pt::jobs {

// The latest price of each asset as the last refresh brought it, so views can
// show a live price without a query; an entry older than the TTL (a minute by
// default) reads as missing, and the caller falls back to the store.
// Thread-safe: refresh jobs write from the pool, the GUI reads.
class PriceCache final
{
public:
    struct Entry
    {
        Decimal price;
        QString currency;
        QDateTime time;          // of the price, as the provider gave it
        std::int64_t storedAt = 0; // ms since epoch, by the cache's clock
    };
    // Milliseconds since the epoch; injectable so tests control time.
    using Clock = std::function<std::int64_t()>;

    explicit PriceCache(std::chrono::milliseconds ttl = std::chrono::minutes(1), Clock clock = {});
    Q_DISABLE_COPY_MOVE(PriceCache)

    void put(RowId assetId, Decimal price, const QString &currency, const QDateTime &time = {});
    // The entry while it is fresh; nothing when missing or expired.
    std::optional<Entry> get(RowId assetId) const;
    void remove(RowId assetId);
    void clear();
    // Entries held, fresh or not (expired ones are dropped as they are read).
    std::size_t size() const;

private:
    std::int64_t now() const;

    const std::chrono::milliseconds m_ttl;
    const Clock m_clock;
    mutable std::mutex m_mutex;
    mutable std::unordered_map<RowId, Entry> m_entries;
};

} // namespace pt::jobs
