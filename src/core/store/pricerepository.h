#pragma once

#include "domain/types.h"
#include "result.h"

#include <functional>
#include <optional>
#include <set>
#include <unordered_map>
#include <span>
#include <vector>

namespace pt::store {

class Database;

struct DatedClose
{
    QDate date;
    Decimal close;
};

struct PriceRecord
{
    RowId assetId = 0;
    DailyPrice bar;
};

// Daily bars. Writes are upserts on (asset, date): storing the same bars twice
// changes nothing. The bulk path binds straight to SQLite's prepared statement
// so millions of rows go in within seconds, in one transaction; on PostgreSQL it
// sends one upsert per 2,000 bars, their values as array literals.
class PriceRepository
{
public:
    explicit PriceRepository(const Database &database) : m_database(database) {}

    // All rows or none. `source` names where the bars came from ("csv", "yahoo", ...).
    // Joins the caller's transaction when one is open (as a savepoint).
    Result<void> upsertMany(std::span<const PriceRecord> rows, QStringView source) const;
    // Latest prices as their day's close, source "quote": a full bar already
    // stored for that day keeps its open, high, low and volume. All or none.
    Result<void> upsertCloses(std::span<const PriceRecord> closes) const;
    // Bars of one asset in [from, to] (null dates: unbounded), oldest first.
    Result<std::vector<DailyPrice>> list(RowId assetId, QDate from = {}, QDate to = {}) const;
    Result<std::int64_t> count(RowId assetId = 0) const;
    // The last stored close of an asset on or before `day`; nothing when none is.
    Result<std::optional<DatedClose>> latest(RowId assetId, QDate day = QDate::currentDate()) const;
    // Every close of the given assets up to `lastDay`, oldest first, in one pass
    // over the table reading only the key and the close (valuation reads millions).
    Result<std::unordered_map<RowId, std::vector<DatedClose>>> closes(const std::set<RowId> &assetIds,
                                                                      QDate lastDay) const;
    // The same closes handed one by one to `visit` (asset id, Julian day, close),
    // by asset id and then day, for a reader that keeps them in a form of its own.
    using CloseVisitor = std::function<void(RowId assetId, qint64 julianDay, Decimal close)>;
    Result<void> closes(const std::set<RowId> &assetIds, QDate lastDay, const CloseVisitor &visit) const;

private:
    const Database &m_database;
};

} // namespace pt::store
