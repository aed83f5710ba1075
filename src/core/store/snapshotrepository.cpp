#include "store/snapshotrepository.h"

#include "store/atomically.h"
#include "store/database.h"
#include "store/sqlrows.h"

#include <QSqlQuery>

#include <algorithm>
#include <functional>
#include <map>

namespace pt::store {

namespace {

constexpr std::int64_t MsPerHour = 3'600'000;

QString dateRangeSql(QDate from, QDate to, QVariantList &values)
{
    QString sql;
    if (from.isValid()) {
        sql += QStringLiteral(" AND day >= ?");
        values << sqlValue(from);
    }
    if (to.isValid()) {
        sql += QStringLiteral(" AND day <= ?");
        values << sqlValue(to);
    }
    return sql;
}

// Inserts `rows` (one value per column of `head`, "INSERT INTO table (columns) "):
// through one prepared statement on SQLite, in multi-row statements on
// PostgreSQL, where a round trip per row would dominate. `what(i)` says what
// row i is, for SQLite's error.
Result<void> insertAll(const Database &database, const QString &head, const std::vector<QVariantList> &rows,
                       const QString &batch, const std::function<QString(std::size_t)> &what)
{
    if (rows.empty())
        return {};
    if (database.backend() == Backend::PostgreSql)
        return insertRowsInBatches(database, head, rows, batch);
    QStringList marks(rows.front().size(), QStringLiteral("?"));
    QSqlQuery query(database.connection());
    query.prepare(head + QStringLiteral("VALUES (%1)").arg(marks.join(u", ")));
    for (std::size_t i = 0; i < rows.size(); ++i) {
        for (const QVariant &value : rows[i])
            query.addBindValue(value);
        if (auto done = execute(query, what(i)); !done)
            return done;
    }
    return {};
}

Result<void> insertTotals(const Database &database, RowId snapshotId, const std::vector<SnapshotTotal> &totals)
{
    const Backend backend = database.backend();
    std::vector<QVariantList> rows;
    rows.reserve(totals.size());
    for (const SnapshotTotal &total : totals) {
        rows.push_back({ qlonglong(snapshotId), qlonglong(total.portfolioId), sqlText(total.currency),
                         sqlScaledValue(total.marketValue, backend), sqlScaledValue(total.invested, backend),
                         sqlScaledValue(total.holdingsValue, backend), sqlScaledValue(total.costBasis, backend),
                         sqlScaledValue(total.cash, backend), total.stale ? 1 : 0, total.incomplete ? 1 : 0 });
    }
    return insertAll(database,
                     QStringLiteral("INSERT INTO snapshot_total (snapshot_id, portfolio_id, currency, market_value, "
                                    "invested, holdings_value, cost_basis, cash, stale, incomplete) "),
                     rows, QStringLiteral("Storing the totals of snapshot %1").arg(snapshotId), [&](std::size_t i) {
                         return QStringLiteral("Storing the totals of portfolio %1 in snapshot %2")
                             .arg(totals[i].portfolioId)
                             .arg(snapshotId);
                     });
}

Result<void> insertPositions(const Database &database, RowId snapshotId, const std::vector<SnapshotPosition> &positions)
{
    const Backend backend = database.backend();
    std::vector<QVariantList> rows;
    rows.reserve(positions.size());
    for (const SnapshotPosition &position : positions) {
        rows.push_back(
            { qlonglong(snapshotId), qlonglong(position.portfolioId), qlonglong(position.assetId),
              sqlText(position.currency), sqlScaledValue(position.quantity, backend),
              sqlScaledValue(position.close, backend),
              position.closeDay.isValid() ? sqlValue(position.closeDay) : QVariant(QMetaType::fromType<QString>()),
              sqlScaledValue(position.value, backend), sqlScaledValue(position.costBasis, backend) });
    }
    return insertAll(database,
                     QStringLiteral("INSERT INTO snapshot_position (snapshot_id, portfolio_id, asset_id, currency, "
                                    "quantity, close, close_day, value, cost_basis) "),
                     rows, QStringLiteral("Storing the positions of snapshot %1").arg(snapshotId), [&](std::size_t i) {
                         return QStringLiteral("Storing the position of asset %1 in portfolio %2 in snapshot %3")
                             .arg(positions[i].assetId)
                             .arg(positions[i].portfolioId)
                             .arg(snapshotId);
                     });
}

SnapshotTotal readTotal(const QSqlQuery &query, int first)
{
    SnapshotTotal total;
    total.portfolioId = query.value(first).toLongLong();
    total.currency = query.value(first + 1).toString();
    total.marketValue = scaledDecimalFrom(query.value(first + 2));
    total.invested = scaledDecimalFrom(query.value(first + 3));
    total.holdingsValue = scaledDecimalFrom(query.value(first + 4));
    total.costBasis = scaledDecimalFrom(query.value(first + 5));
    total.cash = scaledDecimalFrom(query.value(first + 6));
    total.stale = query.value(first + 7).toBool();
    total.incomplete = query.value(first + 8).toBool();
    return total;
}

const QString TotalColumns = QStringLiteral(
    "snapshot_id, portfolio_id, currency, market_value, invested, holdings_value, cost_basis, cash, stale, incomplete");

} // namespace

QString toKey(SnapshotKind kind)
{
    return kind == SnapshotKind::Close ? QStringLiteral("close") : QStringLiteral("hourly");
}

std::optional<SnapshotKind> snapshotKindFromKey(QStringView key)
{
    if (key == u"hourly")
        return SnapshotKind::Hourly;
    if (key == u"close")
        return SnapshotKind::Close;
    return std::nullopt;
}

std::int64_t SnapshotRepository::hourSlot(std::int64_t takenAt)
{
    std::int64_t slot = takenAt - takenAt % MsPerHour;
    if (takenAt % MsPerHour < 0)
        slot -= MsPerHour;
    return slot;
}

Result<RowId> SnapshotRepository::add(const Snapshot &snapshot) const
{
    if (!snapshot.day.isValid())
        return Error { QStringLiteral("snapshot: the day valued is missing") };
    RowId id = 0;
    auto done = atomically(m_database, [&]() -> Result<void> {
        QSqlQuery query(m_database.connection());
        // A taken slot (also by another process) is not an error: nothing is stored.
        query.prepare(QStringLiteral("INSERT INTO valuation_snapshot (kind, taken_at, hour_slot, day) "
                                     "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
                      + returningId(m_database));
        query.addBindValue(toKey(snapshot.kind));
        query.addBindValue(qlonglong(snapshot.takenAt));
        query.addBindValue(qlonglong(hourSlot(snapshot.takenAt)));
        query.addBindValue(sqlValue(snapshot.day));
        if (auto inserted = execute(query,
                                    QStringLiteral("Storing the %1 snapshot of %2")
                                        .arg(toKey(snapshot.kind), snapshot.day.toString(Qt::ISODate)));
            !inserted)
            return inserted;
        if (query.numRowsAffected() != 1)
            return {};
        id = insertedId(query);
        if (auto totals = insertTotals(m_database, id, snapshot.totals); !totals)
            return totals;
        return insertPositions(m_database, id, snapshot.positions);
    });
    if (!done)
        return Error { done.error() };
    return id;
}

Result<bool> SnapshotRepository::hasHourly(std::int64_t takenAt) const
{
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("SELECT 1 FROM valuation_snapshot WHERE kind = 'hourly' AND hour_slot = ?"));
    query.addBindValue(qlonglong(hourSlot(takenAt)));
    if (auto done = execute(query, QStringLiteral("Looking for this hour's snapshot")); !done)
        return Error { done.error() };
    return query.next();
}

Result<bool> SnapshotRepository::hasClose(QDate day) const
{
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("SELECT 1 FROM valuation_snapshot WHERE kind = 'close' AND day = ?"));
    query.addBindValue(sqlValue(day));
    if (auto done = execute(query, QStringLiteral("Looking for the close of %1").arg(day.toString(Qt::ISODate))); !done)
        return Error { done.error() };
    return query.next();
}

Result<std::vector<Snapshot>> SnapshotRepository::list(std::optional<SnapshotKind> kind, QDate from, QDate to,
                                                       int limit) const
{
    QVariantList values;
    QString where = QStringLiteral("WHERE 1 = 1");
    if (kind) {
        where += QStringLiteral(" AND kind = ?");
        values << toKey(*kind);
    }
    where += dateRangeSql(from, to, values);
    values << std::max(0, limit);

    QSqlQuery query(m_database.connection());
    setReadMode(query);
    query.prepare(QStringLiteral("SELECT id, kind, taken_at, day FROM valuation_snapshot ") + where
                  + QStringLiteral(" ORDER BY taken_at DESC, id DESC LIMIT ?"));
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (auto done = execute(query, QStringLiteral("Reading snapshots")); !done)
        return Error { done.error() };
    std::vector<Snapshot> snapshots;
    std::map<RowId, std::size_t> index;
    while (query.next()) {
        Snapshot snapshot;
        snapshot.id = query.value(0).toLongLong();
        snapshot.kind = snapshotKindFromKey(query.value(1).toString()).value_or(SnapshotKind::Hourly);
        snapshot.takenAt = query.value(2).toLongLong();
        snapshot.day = dateFrom(query.value(3));
        index.emplace(snapshot.id, snapshots.size());
        snapshots.push_back(std::move(snapshot));
    }
    if (snapshots.empty())
        return snapshots;

    QSqlQuery totals(m_database.connection());
    setReadMode(totals);
    totals.prepare(QStringLiteral("SELECT ") + TotalColumns
                   + QStringLiteral(" FROM snapshot_total WHERE snapshot_id BETWEEN ? AND ? "
                                    "ORDER BY snapshot_id, portfolio_id"));
    totals.addBindValue(qlonglong(index.begin()->first));
    totals.addBindValue(qlonglong(index.rbegin()->first));
    if (auto done = execute(totals, QStringLiteral("Reading snapshot totals")); !done)
        return Error { done.error() };
    while (totals.next()) {
        const auto found = index.find(totals.value(0).toLongLong());
        if (found != index.end())
            snapshots[found->second].totals.push_back(readTotal(totals, 1));
    }
    return snapshots;
}

Result<Snapshot> SnapshotRepository::find(RowId id) const
{
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("SELECT id, kind, taken_at, day FROM valuation_snapshot WHERE id = ?"));
    query.addBindValue(qlonglong(id));
    if (auto done = execute(query, QStringLiteral("Reading snapshot %1").arg(id)); !done)
        return Error { done.error() };
    if (!query.next())
        return Error { QStringLiteral("snapshot: no snapshot with id %1").arg(id) };
    Snapshot snapshot;
    snapshot.id = id;
    snapshot.kind = snapshotKindFromKey(query.value(1).toString()).value_or(SnapshotKind::Hourly);
    snapshot.takenAt = query.value(2).toLongLong();
    snapshot.day = dateFrom(query.value(3));

    query.prepare(QStringLiteral("SELECT ") + TotalColumns
                  + QStringLiteral(" FROM snapshot_total WHERE snapshot_id = ? ORDER BY portfolio_id"));
    query.addBindValue(qlonglong(id));
    if (auto done = execute(query, QStringLiteral("Reading the totals of snapshot %1").arg(id)); !done)
        return Error { done.error() };
    while (query.next())
        snapshot.totals.push_back(readTotal(query, 1));

    query.prepare(QStringLiteral("SELECT portfolio_id, asset_id, currency, quantity, close, close_day, value, "
                                 "cost_basis FROM snapshot_position WHERE snapshot_id = ? "
                                 "ORDER BY portfolio_id, asset_id"));
    query.addBindValue(qlonglong(id));
    if (auto done = execute(query, QStringLiteral("Reading the positions of snapshot %1").arg(id)); !done)
        return Error { done.error() };
    while (query.next()) {
        SnapshotPosition position;
        position.portfolioId = query.value(0).toLongLong();
        position.assetId = query.value(1).toLongLong();
        position.currency = query.value(2).toString();
        position.quantity = scaledDecimalFrom(query.value(3));
        position.close = scaledDecimalFrom(query.value(4));
        position.closeDay = query.value(5).isNull() ? QDate() : dateFrom(query.value(5));
        position.value = scaledDecimalFrom(query.value(6));
        position.costBasis = scaledDecimalFrom(query.value(7));
        snapshot.positions.push_back(std::move(position));
    }
    return snapshot;
}

Result<std::int64_t> SnapshotRepository::count(std::optional<SnapshotKind> kind) const
{
    QSqlQuery query(m_database.connection());
    if (kind) {
        query.prepare(QStringLiteral("SELECT COUNT(*) FROM valuation_snapshot WHERE kind = ?"));
        query.addBindValue(toKey(*kind));
    } else {
        query.prepare(QStringLiteral("SELECT COUNT(*) FROM valuation_snapshot"));
    }
    if (auto done = execute(query, QStringLiteral("Counting snapshots")); !done)
        return Error { done.error() };
    return query.next() ? std::int64_t(query.value(0).toLongLong()) : std::int64_t(0);
}

Result<int> SnapshotRepository::writeSeries(RowId portfolioId, std::span<const SeriesDay> days) const
{
    for (std::size_t i = 1; i < days.size(); ++i) {
        if (days[i].day != days[i - 1].day.addDays(1))
            return Error { QStringLiteral("value series of portfolio %1: %2 does not follow %3")
                               .arg(portfolioId)
                               .arg(days[i].day.toString(Qt::ISODate), days[i - 1].day.toString(Qt::ISODate)) };
    }
    int written = 0;
    auto done = atomically(m_database, [&]() -> Result<void> {
        auto stored = series(portfolioId);
        if (!stored)
            return Error { stored.error() };
        // The first day whose row is missing or differs; everything from there is rewritten.
        std::size_t changed = 0;
        if (!stored->empty() && !days.empty() && stored->front().day == days.front().day) {
            const std::size_t common = std::min(stored->size(), days.size());
            while (changed < common && (*stored)[changed] == days[changed])
                ++changed;
        }
        if (changed == days.size() && stored->size() == days.size())
            return {}; // nothing changed
        if (!stored->empty()) {
            QSqlQuery remove(m_database.connection());
            if (days.empty()) {
                remove.prepare(QStringLiteral("DELETE FROM value_series_day WHERE portfolio_id = ?"));
                remove.addBindValue(qlonglong(portfolioId));
            } else {
                const QDate from = changed < days.size() ? days[changed].day : days.back().day.addDays(1);
                remove.prepare(
                    QStringLiteral("DELETE FROM value_series_day WHERE portfolio_id = ? AND (day < ? OR day >= ?)"));
                remove.addBindValue(qlonglong(portfolioId));
                remove.addBindValue(sqlValue(days.front().day));
                remove.addBindValue(sqlValue(from));
            }
            if (auto removed = execute(remove,
                                       QStringLiteral("Clearing the stored series of portfolio %1 from "
                                                      "the first changed day")
                                           .arg(portfolioId));
                !removed)
                return removed;
        }
        const Backend backend = m_database.backend();
        std::vector<QVariantList> rows;
        rows.reserve(days.size() - changed);
        for (std::size_t i = changed; i < days.size(); ++i) {
            const SeriesDay &day = days[i];
            rows.push_back({ qlonglong(portfolioId), sqlValue(day.day), sqlText(day.currency),
                             sqlScaledValue(day.marketValue, backend), sqlScaledValue(day.externalFlow, backend),
                             sqlScaledValue(day.invested, backend), day.stale ? 1 : 0, day.incomplete ? 1 : 0 });
        }
        if (auto inserted
            = insertAll(m_database,
                        QStringLiteral("INSERT INTO value_series_day (portfolio_id, day, currency, market_value, "
                                       "external_flow, invested, stale, incomplete) "),
                        rows, QStringLiteral("Storing the value series of portfolio %1").arg(portfolioId),
                        [&](std::size_t i) {
                            return QStringLiteral("Storing the value of portfolio %1 on %2")
                                .arg(portfolioId)
                                .arg(days[changed + i].day.toString(Qt::ISODate));
                        });
            !inserted)
            return inserted;
        written = int(rows.size());
        return {};
    });
    if (!done)
        return Error { done.error() };
    return written;
}

Result<int> SnapshotRepository::removeOtherSeries(std::span<const RowId> portfolioIds) const
{
    QStringList kept { QStringLiteral("0") };
    for (const RowId id : portfolioIds)
        kept << QString::number(id);
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("DELETE FROM value_series_day WHERE portfolio_id NOT IN (%1)").arg(kept.join(u',')));
    if (auto done = execute(query, QStringLiteral("Removing the stored series of deleted portfolios")); !done)
        return Error { done.error() };
    return query.numRowsAffected();
}

Result<std::vector<SeriesDay>> SnapshotRepository::series(RowId portfolioId, QDate from, QDate to) const
{
    QVariantList values { qlonglong(portfolioId) };
    const QString range = dateRangeSql(from, to, values);
    QSqlQuery query(m_database.connection());
    setReadMode(query);
    query.prepare(QStringLiteral("SELECT day, currency, market_value, external_flow, invested, stale, incomplete "
                                 "FROM value_series_day WHERE portfolio_id = ?")
                  + range + QStringLiteral(" ORDER BY day"));
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (auto done = execute(query, QStringLiteral("Reading the stored value series of portfolio %1").arg(portfolioId));
        !done)
        return Error { done.error() };
    std::vector<SeriesDay> days;
    while (query.next()) {
        SeriesDay day;
        day.day = dateFrom(query.value(0));
        day.currency = query.value(1).toString();
        day.marketValue = scaledDecimalFrom(query.value(2));
        day.externalFlow = scaledDecimalFrom(query.value(3));
        day.invested = scaledDecimalFrom(query.value(4));
        day.stale = query.value(5).toBool();
        day.incomplete = query.value(6).toBool();
        days.push_back(std::move(day));
    }
    return days;
}

} // namespace pt::store
