#include "jobs/tracking.h"

#include "ledger/ledgerservice.h"
#include "store/assetrepository.h"
#include "store/database.h"
#include "store/jobrepository.h"
#include "store/sqlrows.h"

#include <QLoggingCategory>
#include <QSqlQuery>

#include <set>

Q_LOGGING_CATEGORY(lcTracking, "pt.jobs.tracking", QtInfoMsg)

namespace pt::jobs {

namespace {

// `tracked` is set here directly rather than through AssetRepository::update:
// it follows from the holdings, which every device derives for itself, so it
// is no edit of the asset and must not bump its updated_at (which sync reads).
Result<void> setTracked(const store::Database &database, RowId assetId, bool tracked)
{
    QSqlQuery query(database.connection());
    query.prepare(QStringLiteral("UPDATE asset SET tracked = ? WHERE id = ?"));
    query.addBindValue(int(tracked));
    query.addBindValue(qlonglong(assetId));
    return store::execute(
        query, QStringLiteral("Marking asset %1 as %2").arg(assetId).arg(tracked ? u"tracked" : u"untracked"));
}

Result<QDate> firstEntryDate(const store::Database &database, RowId assetId)
{
    QSqlQuery query(database.connection());
    query.prepare(QStringLiteral("SELECT MIN(trade_date) FROM ledger_transaction WHERE asset_id = ? AND deleted = 0"));
    query.addBindValue(qlonglong(assetId));
    if (auto done = store::execute(query, QStringLiteral("Reading the asset's first entry")); !done)
        return Error{done.error()};
    return query.next() ? store::dateFrom(query.value(0)) : QDate();
}

Result<QDate> firstPriceDate(const store::Database &database, RowId assetId)
{
    // One asset's bars are one key range (see store::priceKey).
    QSqlQuery query(database.connection());
    query.prepare(QStringLiteral("SELECT MIN(price_key) FROM daily_price WHERE price_key BETWEEN ? AND ?"));
    query.addBindValue(qlonglong(assetId << 22));
    query.addBindValue(qlonglong((assetId << 22) + (std::int64_t(1) << 22) - 1));
    if (auto done = store::execute(query, QStringLiteral("Reading the asset's first price")); !done)
        return Error{done.error()};
    if (!query.next() || query.value(0).isNull())
        return QDate();
    return store::priceKeyDay(query.value(0).toLongLong());
}

// Whether any portfolio holds units of the asset, replaying only the books
// that have entries of it (and those linked to them by transfers).
Result<bool> heldAnywhere(const store::Database &database, RowId assetId)
{
    QSqlQuery query(database.connection());
    query.prepare(QStringLiteral("SELECT portfolio_id FROM ledger_transaction WHERE asset_id = ? AND deleted = 0 "
                                 "UNION SELECT counterparty_portfolio_id FROM ledger_transaction "
                                 "WHERE asset_id = ? AND deleted = 0 AND counterparty_portfolio_id IS NOT NULL"));
    query.addBindValue(qlonglong(assetId));
    query.addBindValue(qlonglong(assetId));
    if (auto done = store::execute(query, QStringLiteral("Finding the portfolios of an asset")); !done)
        return Error{done.error()};
    std::set<RowId> portfolios;
    while (query.next())
        portfolios.insert(query.value(0).toLongLong());
    const ledger::LedgerService ledger(database);
    for (const RowId portfolioId : portfolios) {
        auto books = ledger.books(portfolioId);
        if (!books)
            return Error{books.error()};
        for (const ledger::PortfolioBook &book : *books) {
            const auto position = book.positions.find(assetId);
            if (position != book.positions.end() && position->second.quantity.isPositive())
                return true;
        }
    }
    return false;
}

Result<void> trackBuy(const store::Database &database, const Asset &asset, const Transaction &buy, QDate today)
{
    const store::JobRepository jobs(database);
    auto first = firstEntryDate(database, asset.id);
    if (!first)
        return Error{first.error()};
    const QDate firstDay = first->isValid() ? *first : buy.date;
    const QDate end = std::max(today, firstDay);
    if (!asset.tracked) {
        if (auto marked = setTracked(database, asset.id, true); !marked)
            return marked;
        qCDebug(lcTracking) << "tracking" << asset.symbol << "from" << firstDay.addYears(-1);
        auto queued = jobs.enqueueBackfill(asset.id, asset.dataSource, firstDay.addYears(-1), end);
        return queued ? Result<void>() : Error{queued.error()};
    }
    // Already tracked: only an entry that is now the asset's first can need
    // days that were never fetched (a later one is covered by the first's year).
    if (buy.date > firstDay)
        return {};
    const QDate wanted = buy.date.addYears(-1);
    auto fromPrices = firstPriceDate(database, asset.id);
    if (!fromPrices)
        return Error{fromPrices.error()};
    auto fromJobs = jobs.earliestBackfillFrom(asset.id);
    if (!fromJobs)
        return Error{fromJobs.error()};
    QDate covered = *fromPrices;
    if (fromJobs->isValid() && (!covered.isValid() || *fromJobs < covered))
        covered = *fromJobs;
    if (covered.isValid() && wanted >= covered)
        return {};
    const QDate last = covered.isValid() ? covered.addDays(-1) : end;
    auto queued = jobs.enqueueBackfill(asset.id, asset.dataSource, wanted, last);
    return queued ? Result<void>() : Error{queued.error()};
}

} // namespace

Result<void> updateTracking(const store::Database &database, const Transaction *before, const Transaction *after,
                            QDate today)
{
    std::set<RowId> assetIds;
    for (const Transaction *entry : {before, after}) {
        if (entry && entry->assetId != 0)
            assetIds.insert(entry->assetId);
    }
    const store::AssetRepository assets(database);
    for (const RowId assetId : assetIds) {
        auto asset = assets.find(assetId);
        if (!asset)
            return Error{asset.error()};
        if (asset->synthetic || asset->dataSource.isEmpty())
            continue; // nothing to fetch: generated, or priced by hand
        const Transaction *buy = after && after->assetId == assetId && after->type == TransactionType::Buy ? after
                                                                                                            : nullptr;
        // A new buy always leaves units held: no replay needed.
        if (buy && !before) {
            if (auto tracked = trackBuy(database, *asset, *buy, today); !tracked)
                return tracked;
            continue;
        }
        // Otherwise only a sell or an edited or deleted entry can change
        // whether anything is held; a transfer moves units between portfolios
        // and leaves the total as it was.
        const bool mayChange = buy || (before && before->assetId == assetId)
                               || (after && after->assetId == assetId && after->type == TransactionType::Sell);
        if (!mayChange)
            continue;
        auto held = heldAnywhere(database, assetId);
        if (!held)
            return Error{held.error()};
        if (*held && (buy || !asset->tracked)) {
            // Held again (say, a sell deleted) or a buy moved: as for a buy.
            Transaction entry = buy ? *buy : Transaction{};
            if (!buy) {
                auto first = firstEntryDate(database, assetId);
                if (!first)
                    return Error{first.error()};
                entry.date = first->isValid() ? *first : today;
            }
            if (auto tracked = trackBuy(database, *asset, entry, today); !tracked)
                return tracked;
        } else if (!*held && asset->tracked) {
            qCDebug(lcTracking) << "no longer held, untracking" << asset->symbol;
            if (auto untracked = setTracked(database, assetId, false); !untracked)
                return untracked;
        }
    }
    return {};
}

} // namespace pt::jobs
