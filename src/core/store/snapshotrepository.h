#pragma once

#include "domain/types.h"
#include "result.h"

#include <QDate>
#include <QString>

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace pt::store {

class Database;

// 'hourly': taken while the app or the daemon runs, at most one per clock hour.
// 'close': the day's closing valuation, at most one per day (docs/VALUATION.md).
enum class SnapshotKind { Hourly, Close };

QString toKey(SnapshotKind kind); // "hourly", "close"
std::optional<SnapshotKind> snapshotKindFromKey(QStringView key);

// One portfolio's figures in a snapshot, or all portfolios' together.
struct SnapshotTotal
{
    RowId portfolioId = 0; // 0: all portfolios together
    QString currency; // the portfolio's base currency (the total's: the valuation's)
    Decimal marketValue; // holdings + cash, as the daily value series has it
    Decimal invested; // cumulative external flows
    Decimal holdingsValue; // the holdings alone, at their latest closes
    Decimal costBasis; // of the holdings, converted at the day's rates
    Decimal cash; // every currency's cash, converted
    bool stale = false;
    bool incomplete = false; // a price or rate was missing: values leave something out
};

// The keyframe: one held position as it was valued.
struct SnapshotPosition
{
    RowId portfolioId = 0;
    RowId assetId = 0;
    QString currency; // the asset's; close, value and cost basis are in it
    Decimal quantity;
    Decimal close; // the close used (zero when there was none)
    QDate closeDay; // its date (null when there was none)
    Decimal value; // quantity × close
    Decimal costBasis;
};

// A valuation stored as it was at one moment (derived, local data: not synced).
struct Snapshot
{
    RowId id = 0;
    SnapshotKind kind = SnapshotKind::Hourly;
    std::int64_t takenAt = 0; // ms since the epoch, UTC
    QDate day; // the local day valued
    std::vector<SnapshotTotal> totals; // all portfolios (0) first, then each portfolio
    std::vector<SnapshotPosition> positions; // filled by add() and find(); list() leaves it empty
};

// One day of a stored value series (table value_series_day).
struct SeriesDay
{
    QDate day;
    QString currency;
    Decimal marketValue;
    Decimal externalFlow;
    Decimal invested;
    bool stale = false;
    bool incomplete = false;

    friend bool operator==(const SeriesDay &, const SeriesDay &) = default;
};

// Valuation snapshots with their keyframes, and the stored daily value series
// (tables valuation_snapshot, snapshot_total, snapshot_position and
// value_series_day, migration 003). Writes are all or nothing and join the
// caller's transaction when one is open.
class SnapshotRepository
{
public:
    explicit SnapshotRepository(const Database &database)
        : m_database(database)
    { }

    // The start of the UTC clock hour of `takenAt` (ms): the hourly slot.
    static std::int64_t hourSlot(std::int64_t takenAt);

    // Stores a snapshot with its totals and positions and returns its id; or 0,
    // storing nothing, when its slot is taken (an hourly snapshot in a clock hour
    // that has one, a close of a day that has one), also against a concurrent writer.
    Result<RowId> add(const Snapshot &snapshot) const;
    Result<bool> hasHourly(std::int64_t takenAt) const; // in the clock hour of takenAt
    Result<bool> hasClose(QDate day) const;

    // Snapshots with their totals, newest first, optionally of one kind and
    // days in [from, to] (null dates: unbounded).
    Result<std::vector<Snapshot>> list(std::optional<SnapshotKind> kind = std::nullopt, QDate from = {}, QDate to = {},
                                       int limit = 1000) const;
    // One snapshot with its totals and positions.
    Result<Snapshot> find(RowId id) const;
    Result<std::int64_t> count(std::optional<SnapshotKind> kind = std::nullopt) const;

    // Stores the daily value series of a portfolio (0: all together), `days`
    // consecutive and oldest first: rows from the first day that differs from
    // what is stored are rewritten, rows outside the series removed, the rest
    // left alone. Returns the number of days written.
    Result<int> writeSeries(RowId portfolioId, std::span<const SeriesDay> days) const;
    // Removes the stored series of every portfolio not in `portfolioIds` (and not
    // 0, all together): deleted portfolios. Returns the number of rows removed.
    Result<int> removeOtherSeries(std::span<const RowId> portfolioIds) const;
    // A stored series, oldest first, days in [from, to] (null dates: unbounded).
    Result<std::vector<SeriesDay>> series(RowId portfolioId, QDate from = {}, QDate to = {}) const;

private:
    const Database &m_database;
};

} // namespace pt::store
