#include "sync/syncengine.h"

#include "jobs/tracking.h"
#include "ledger/ledger.h"
#include "store/assetrepository.h"
#include "store/bookloader.h"
#include "store/database.h"
#include "store/sqlrows.h"
#include "store/transactionrepository.h"
#include "sync/changeapplier.h"
#include "sync/changecapture.h"
#include "sync/outbox.h"
#include "sync/syncstate.h"
#include "sync/synctransport.h"

#include <QDateTime>
#include <QHash>
#include <QLoggingCategory>
#include <QSqlQuery>
#include <QUuid>

#include <algorithm>

Q_LOGGING_CATEGORY(lcSync, "pt.sync", QtInfoMsg)

namespace pt::sync {

namespace {

// Changes per push: well inside the server's limit (MaxChangesPerPush) and
// its body limit even with long notes.
constexpr int PushBatch = std::min(500, MaxChangesPerPush);

Result<void> runStatement(const store::Database &database, const QString &sql, const QString &what)
{
    QSqlQuery query(database.connection());
    if (!query.exec(sql))
        return Error { store::describeSqlError(what, query.lastError()) };
    return {};
}

// Notes the outcome of a round in the store; the round's own error wins
// over a failure to note it.
void recordOutcome(const store::Database &database, const QString &error)
{
    const auto noted = database.inTransaction([&]() -> Result<void> {
        QSqlQuery query(database.connection());
        if (error.isEmpty()) {
            query.prepare(QStringLiteral("UPDATE sync_state SET last_error = '', last_sync_at = ? WHERE id = 1"));
            query.addBindValue(qlonglong(QDateTime::currentMSecsSinceEpoch()));
        } else {
            query.prepare(QStringLiteral("UPDATE sync_state SET last_error = ? WHERE id = 1"));
            query.addBindValue(error);
        }
        return store::execute(query, QStringLiteral("Saving the sync outcome"));
    });
    if (!noted)
        qCWarning(lcSync) << noted.error();
}

// The live portfolios among `touched` whose books no longer replay, each with
// the ledger's reason. A portfolio is replayed with every portfolio linked to
// it by transfers, as LedgerService does.
Result<QStringList> replayWarnings(const store::Database &database, const std::set<RowId> &touched)
{
    if (touched.empty())
        return QStringList();
    auto book = store::loadWholeBook(database);
    if (!book)
        return Error { book.error() };
    QHash<RowId, const Portfolio *> live;
    for (const Portfolio &portfolio : book->portfolios)
        live.insert(portfolio.id, &portfolio);
    // Linked groups: union-find over the transfers between live portfolios.
    QHash<RowId, RowId> parent;
    const auto root = [&parent](RowId id) {
        while (parent.value(id, id) != id)
            id = parent.value(id, id);
        return id;
    };
    for (const Transaction &t : book->transactions) {
        if (t.type == TransactionType::Transfer && t.counterpartyPortfolioId != 0)
            parent[root(t.portfolioId)] = root(t.counterpartyPortfolioId);
    }
    QStringList warnings;
    std::set<RowId> replayedGroups;
    for (const RowId id : touched) {
        const Portfolio *portfolio = live.value(id);
        if (!portfolio || !replayedGroups.insert(root(id)).second)
            continue;
        std::vector<Portfolio> group;
        for (const Portfolio &candidate : book->portfolios) {
            if (root(candidate.id) == root(id))
                group.push_back(candidate);
        }
        const auto replayed = ledger::Ledger::replay(group, book->assets, book->transactions);
        if (!replayed)
            warnings << QStringLiteral("portfolio '%1': %2").arg(portfolio->name, replayed.error());
    }
    return warnings;
}

// Tracking (C4) of the assets that pulled entries buy: `tracked` is this
// device's own (it is not synced), so an asset bought on another device gets
// its market data here as if the buy had been entered here, from a year before
// its earliest buy. Stopping tracking is left to local edits. A failure is a
// warning: the merged data is in, only its prices would lag.
QStringList trackPulledAssets(const store::Database &database, const std::set<RowId> &assetIds)
{
    QStringList warnings;
    const store::AssetRepository assets(database);
    for (const RowId assetId : assetIds) {
        auto asset = assets.find(assetId);
        if (!asset || asset->tracked || asset->synthetic || asset->dataSource.isEmpty() || asset->stamp.deleted)
            continue;
        QSqlQuery query(database.connection());
        query.prepare(QStringLiteral("SELECT id FROM ledger_transaction WHERE asset_id = ? AND type = 'buy' "
                                     "AND deleted = 0 ORDER BY trade_date, created_at LIMIT 1"));
        query.addBindValue(qlonglong(assetId));
        if (!query.exec() || !query.next())
            continue;
        const RowId buyId = query.value(0).toLongLong();
        query.finish();
        auto buy = store::TransactionRepository(database).find(buyId);
        if (!buy)
            continue;
        auto tracked = database.inTransaction([&] { return jobs::updateTracking(database, nullptr, &*buy); });
        if (!tracked)
            warnings << QStringLiteral("%1: its market data is not fetched (%2)").arg(asset->symbol, tracked.error());
    }
    return warnings;
}

} // namespace

Result<void> SyncEngine::enable(const QString &account)
{
    return m_database.inTransaction([&]() -> Result<void> {
        auto state = readSyncState(m_database);
        if (!state)
            return Error { state.error() };
        auto now = databaseNowMs(m_database);
        if (!now)
            return Error { now.error() };
        if (auto installed = installCapture(m_database); !installed)
            return installed;

        if (state->exists && state->account == account) {
            if (state->enabled && state->capture)
                return {}; // again for the same account: nothing changes
            // Signed out and in again: what changed while capture was off
            // is queued as changes made now.
            auto changed = readRecordStates(m_database, state->disabledAt);
            if (!changed)
                return Error { changed.error() };
            auto clock = queueRecords(m_database, *changed, state->deviceId, state->clock, QueueStamps::Now, *now);
            if (!clock)
                return Error { clock.error() };
            state->clock = *clock;
            state->enabled = true;
            state->capture = true;
            return writeSyncState(m_database, *state);
        }

        // First time, or another account: a new device with nothing pulled,
        // and every record queued once, stamped with its last change.
        for (const char *table : { "sync_outbox", "sync_record_clock", "sync_inbox" }) {
            if (auto emptied = runStatement(m_database, QStringLiteral("DELETE FROM ") + QLatin1String(table),
                                            QStringLiteral("Resetting sync"));
                !emptied)
                return emptied;
        }
        SyncState fresh;
        fresh.exists = true;
        fresh.deviceId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        fresh.account = account;
        fresh.enabled = true;
        fresh.clock = state->clock; // never backwards
        auto records = readRecordStates(m_database);
        if (!records)
            return Error { records.error() };
        auto clock = queueRecords(m_database, *records, fresh.deviceId, fresh.clock, QueueStamps::LastChange, *now);
        if (!clock)
            return Error { clock.error() };
        fresh.clock = *clock;
        fresh.capture = true;
        return writeSyncState(m_database, fresh);
    });
}

Result<void> SyncEngine::disable()
{
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("UPDATE sync_state SET enabled = 0, capture = 0, disabled_at = ? WHERE id = 1"));
    auto now = databaseNowMs(m_database);
    if (!now)
        return Error { now.error() };
    query.addBindValue(qlonglong(*now));
    return store::execute(query, QStringLiteral("Turning sync off"));
}

Result<SyncStatus> SyncEngine::status() const
{
    auto state = readSyncState(m_database);
    if (!state)
        return Error { state.error() };
    auto pending = outboxSize(m_database);
    if (!pending)
        return Error { pending.error() };
    SyncStatus status;
    status.enabled = state->enabled;
    status.account = state->account;
    status.deviceId = state->deviceId;
    status.pending = *pending;
    status.cursor = state->cursor;
    status.lastSyncAt = state->lastSyncAt;
    status.lastError = state->lastError;
    return status;
}

Result<SyncReport> SyncEngine::syncOnce(SyncTransport &transport)
{
    auto state = readSyncState(m_database);
    if (!state)
        return Error { state.error() };
    if (!state->enabled)
        return Error { QStringLiteral("sync is not turned on for this store; sign in first") };
    const auto fail = [this](const QString &error) -> Result<SyncReport> {
        recordOutcome(m_database, error);
        return Error { error };
    };

    SyncReport report;
    if (auto dropped = dropOvertakenChanges(m_database); !dropped)
        return fail(dropped.error());
    // Push what is pending now; changes made meanwhile wait for the next round.
    auto last = lastOutboxSeq(m_database);
    if (!last)
        return fail(last.error());
    while (true) {
        auto batch = readOutbox(m_database, state->deviceId, PushBatch, *last);
        if (!batch)
            return fail(batch.error());
        if (batch->changes.empty())
            break;
        PushRequest request { state->deviceId, std::move(batch->changes), {} };
        auto reply = transport.push(request);
        if (!reply)
            return fail(reply.error());
        if (auto removed = removeFromOutbox(m_database, batch->seqs); !removed)
            return fail(removed.error());
        report.pushed += int(batch->seqs.size());
    }

    std::set<RowId> touched;
    std::set<RowId> touchedAssets;
    const ChangeApplier applier(m_database);
    std::int64_t cursor = state->cursor;
    while (true) {
        auto page = transport.pull(cursor, MaxChangesPerPull);
        if (!page)
            return fail(page.error());
        auto applied = applier.applyPage(*page);
        if (!applied)
            return fail(applied.error());
        report.pulled += int(page->changes.size());
        report.applied += applied->applied;
        touched.insert(applied->touchedPortfolios.begin(), applied->touchedPortfolios.end());
        touchedAssets.insert(applied->touchedAssets.begin(), applied->touchedAssets.end());
        const bool moved = page->cursor > cursor;
        cursor = std::max(cursor, page->cursor);
        if (!page->more || !moved)
            break;
    }

    auto warnings = replayWarnings(m_database, touched);
    if (!warnings)
        return fail(warnings.error());
    report.warnings = *warnings;
    report.warnings << trackPulledAssets(m_database, touchedAssets);
    auto pending = outboxSize(m_database);
    if (!pending)
        return fail(pending.error());
    report.pending = *pending;
    recordOutcome(m_database, {});
    return report;
}

} // namespace pt::sync
