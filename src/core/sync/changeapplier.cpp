#include "sync/changeapplier.h"

#include "store/database.h"
#include "store/sqlrows.h"
#include "sync/changecapture.h"
#include "sync/remotechange.h"
#include "sync/syncfields.h"
#include "sync/syncstate.h"

#include <QHash>
#include <QJsonDocument>
#include <QSqlQuery>

#include <map>
#include <memory>

namespace pt::sync {

namespace {

enum class Outcome { Applied, Older, Pending };

// The statements of one kind, prepared once per page.
struct KindStatements
{
    std::unique_ptr<QSqlQuery> findId;
    std::unique_ptr<QSqlQuery> insert;
    std::unique_ptr<QSqlQuery> update;
};

// Writes the changes of one page inside its transaction.
class Merger
{
public:
    explicit Merger(const store::Database &database)
        : m_database(database)
    { }

    Result<void> prepare();
    Result<Outcome> apply(const RemoteChange &remote, AppliedPage &page);
    Result<void> retryInbox(AppliedPage &page);

private:
    QSqlQuery &query(std::unique_ptr<QSqlQuery> &slot, const QString &sql);
    Result<std::optional<HlcTimestamp>> storedStamp(const SyncChange &change);
    Result<RowId> localId(RecordKind kind, const QString &uuid);
    Result<void> notePortfoliosOf(RowId transactionId, AppliedPage &page);
    Result<void> keepPending(const SyncChange &change);

    const store::Database &m_database;
    std::map<RecordKind, KindStatements> m_kinds;
    std::unique_ptr<QSqlQuery> m_readStamp;
    std::unique_ptr<QSqlQuery> m_writeStamp;
    std::unique_ptr<QSqlQuery> m_keepPending;
    std::unique_ptr<QSqlQuery> m_transactionPortfolios;
    QHash<QString, RowId> m_ids[3]; // by kind: UUID -> local id, as seen in this page
};

QSqlQuery &Merger::query(std::unique_ptr<QSqlQuery> &slot, const QString &sql)
{
    slot = std::make_unique<QSqlQuery>(m_database.connection());
    slot->prepare(sql);
    return *slot;
}

Result<void> Merger::prepare()
{
    for (const RecordKind kind : SyncedKinds) {
        const KindSpec &spec = kindSpec(kind);
        QStringList columns;
        QStringList assignments;
        for (const FieldSpec &field : spec.fields) {
            columns << field.column;
            assignments << field.column + QStringLiteral(" = ?");
        }
        KindStatements &statements = m_kinds[kind];
        query(statements.findId, QStringLiteral("SELECT id FROM %1 WHERE uuid = ?").arg(spec.table));
        query(
            statements.insert,
            QStringLiteral("INSERT INTO %1 (uuid, %2, deleted) VALUES (?%3, ?)")
                    .arg(spec.table, columns.join(QStringLiteral(", ")), QStringLiteral(", ?").repeated(columns.size()))
                + store::returningId(m_database));
        query(statements.update,
              QStringLiteral("UPDATE %1 SET %2, deleted = ? WHERE id = ?")
                  .arg(spec.table, assignments.join(QStringLiteral(", "))));
    }
    query(m_readStamp,
          QStringLiteral("SELECT hlc_wall, hlc_counter, device_id FROM sync_record_clock "
                         "WHERE kind = ? AND record_uuid = ?"));
    query(m_writeStamp,
          QStringLiteral("INSERT INTO sync_record_clock (kind, record_uuid, hlc_wall, hlc_counter, "
                         "device_id) VALUES (?, ?, ?, ?, ?) ON CONFLICT (kind, record_uuid) DO UPDATE "
                         "SET hlc_wall = excluded.hlc_wall, hlc_counter = excluded.hlc_counter, "
                         "device_id = excluded.device_id"));
    // The newest waiting change per record wins its place in the inbox.
    query(
        m_keepPending,
        QStringLiteral("INSERT INTO sync_inbox (kind, record_uuid, hlc_wall, hlc_counter, device_id, deleted, fields) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (kind, record_uuid) DO UPDATE SET "
                       "hlc_wall = excluded.hlc_wall, hlc_counter = excluded.hlc_counter, "
                       "device_id = excluded.device_id, deleted = excluded.deleted, fields = excluded.fields "
                       "WHERE (excluded.hlc_wall, excluded.hlc_counter, excluded.device_id) > "
                       "(sync_inbox.hlc_wall, sync_inbox.hlc_counter, sync_inbox.device_id)"));
    query(m_transactionPortfolios,
          QStringLiteral("SELECT portfolio_id, counterparty_portfolio_id "
                         "FROM ledger_transaction WHERE id = ?"));
    return {};
}

Result<std::optional<HlcTimestamp>> Merger::storedStamp(const SyncChange &change)
{
    QSqlQuery &q = *m_readStamp;
    q.bindValue(0, recordKindName(change.kind));
    q.bindValue(1, change.uuid);
    if (auto done = store::execute(q, QStringLiteral("Reading a record's sync stamp")); !done)
        return Error { done.error() };
    std::optional<HlcTimestamp> stamp;
    if (q.next())
        stamp = HlcTimestamp { q.value(0).toLongLong(), std::uint32_t(q.value(1).toLongLong()), q.value(2).toString() };
    q.finish();
    return stamp;
}

// 0 when the store has no such record.
Result<RowId> Merger::localId(RecordKind kind, const QString &uuid)
{
    QHash<QString, RowId> &ids = m_ids[int(kind)];
    if (const auto found = ids.constFind(uuid); found != ids.cend())
        return *found;
    QSqlQuery &q = *m_kinds[kind].findId;
    q.bindValue(0, uuid);
    if (auto done = store::execute(q, QStringLiteral("Finding a %1 by UUID").arg(recordKindName(kind))); !done)
        return Error { done.error() };
    const RowId id = q.next() ? q.value(0).toLongLong() : 0;
    q.finish();
    if (id != 0)
        ids.insert(uuid, id);
    return id;
}

Result<void> Merger::notePortfoliosOf(RowId transactionId, AppliedPage &page)
{
    QSqlQuery &q = *m_transactionPortfolios;
    q.bindValue(0, qlonglong(transactionId));
    if (auto done = store::execute(q, QStringLiteral("Reading a ledger entry's portfolios")); !done)
        return done;
    if (q.next()) {
        for (const int column : { 0, 1 }) {
            if (const RowId id = q.value(column).toLongLong(); id != 0)
                page.touchedPortfolios.insert(id);
        }
    }
    q.finish();
    return {};
}

Result<void> Merger::keepPending(const SyncChange &change)
{
    QSqlQuery &q = *m_keepPending;
    q.bindValue(0, recordKindName(change.kind));
    q.bindValue(1, change.uuid);
    q.bindValue(2, qlonglong(change.stamp.wallMs));
    q.bindValue(3, qlonglong(change.stamp.counter));
    q.bindValue(4, change.stamp.device);
    q.bindValue(5, int(change.deleted));
    q.bindValue(6, QString::fromUtf8(QJsonDocument(change.fields).toJson(QJsonDocument::Compact)));
    return store::execute(q, QStringLiteral("Keeping a pulled change for later"));
}

Result<Outcome> Merger::apply(const RemoteChange &remote, AppliedPage &page)
{
    const SyncChange &change = remote.change;
    auto stored = storedStamp(change);
    if (!stored)
        return Error { stored.error() };
    if (*stored && !(change.stamp > **stored))
        return Outcome::Older; // what the store holds is as new or newer (or is this very change)

    const KindSpec &spec = kindSpec(change.kind);
    QVariantList values = remote.values;
    for (std::size_t i = 0; i < spec.fields.size(); ++i) {
        const FieldSpec &field = spec.fields[i];
        if (field.type != FieldType::Reference || values[qsizetype(i)].isNull())
            continue;
        auto id = localId(field.references, values[qsizetype(i)].toString());
        if (!id)
            return Error { id.error() };
        if (*id == 0) {
            if (auto kept = keepPending(change); !kept)
                return Error { kept.error() };
            return Outcome::Pending;
        }
        values[qsizetype(i)] = qlonglong(*id);
        if (field.references == RecordKind::Portfolio)
            page.touchedPortfolios.insert(*id);
        else if (field.references == RecordKind::Asset && change.kind == RecordKind::Transaction)
            page.touchedAssets.insert(*id);
    }

    auto existing = localId(change.kind, change.uuid);
    if (!existing)
        return Error { existing.error() };
    KindStatements &statements = m_kinds[change.kind];
    const QString what = QStringLiteral("Applying %1 %2").arg(recordKindName(change.kind), change.uuid);
    RowId id = *existing;
    if (id != 0) {
        if (change.kind == RecordKind::Transaction) {
            if (auto noted = notePortfoliosOf(id, page); !noted)
                return Error { noted.error() };
        }
        QSqlQuery &q = *statements.update;
        int index = 0;
        for (const QVariant &value : values)
            q.bindValue(index++, value);
        q.bindValue(index++, int(change.deleted));
        q.bindValue(index, qlonglong(id));
        if (auto done = store::execute(q, what); !done)
            return Error { done.error() };
    } else {
        QSqlQuery &q = *statements.insert;
        int index = 0;
        q.bindValue(index++, change.uuid);
        for (const QVariant &value : values)
            q.bindValue(index++, value);
        q.bindValue(index, int(change.deleted));
        if (auto done = store::execute(q, what); !done)
            return Error { done.error() };
        id = store::insertedId(q);
        q.finish();
        m_ids[int(change.kind)].insert(change.uuid, id);
    }
    if (change.kind == RecordKind::Portfolio)
        page.touchedPortfolios.insert(id);

    QSqlQuery &q = *m_writeStamp;
    q.bindValue(0, recordKindName(change.kind));
    q.bindValue(1, change.uuid);
    q.bindValue(2, qlonglong(change.stamp.wallMs));
    q.bindValue(3, qlonglong(change.stamp.counter));
    q.bindValue(4, change.stamp.device);
    if (auto done = store::execute(q, QStringLiteral("Stamping %1 %2").arg(recordKindName(change.kind), change.uuid));
        !done)
        return Error { done.error() };
    return Outcome::Applied;
}

// Applies what waits in the inbox once the records it references are here,
// and drops what a newer change has overtaken, until nothing moves.
Result<void> Merger::retryInbox(AppliedPage &page)
{
    bool progress = true;
    while (progress) {
        progress = false;
        std::vector<SyncChange> waiting;
        {
            QSqlQuery q(m_database.connection());
            store::setReadMode(q);
            q.prepare(QStringLiteral("SELECT kind, record_uuid, hlc_wall, hlc_counter, device_id, deleted, fields "
                                     "FROM sync_inbox ORDER BY hlc_wall, hlc_counter, device_id"));
            if (auto done = store::execute(q, QStringLiteral("Reading the sync inbox")); !done)
                return done;
            while (q.next()) {
                SyncChange change;
                change.kind = parseRecordKind(q.value(0).toString()).value_or(RecordKind::Portfolio);
                change.uuid = q.value(1).toString();
                change.stamp
                    = { q.value(2).toLongLong(), std::uint32_t(q.value(3).toLongLong()), q.value(4).toString() };
                change.deleted = q.value(5).toInt() != 0;
                auto fields = parseFields(q.value(6).toString());
                if (!fields)
                    return Error { QStringLiteral("sync inbox: %1").arg(fields.error()) };
                change.fields = std::move(*fields);
                waiting.push_back(std::move(change));
            }
        }
        if (waiting.empty())
            return {};
        QSqlQuery remove(m_database.connection());
        remove.prepare(QStringLiteral("DELETE FROM sync_inbox WHERE kind = ? AND record_uuid = ?"));
        for (const SyncChange &change : waiting) {
            auto checked = checkRemoteChange(change);
            if (!checked)
                return Error { checked.error() };
            auto outcome = apply(*checked, page);
            if (!outcome)
                return Error { outcome.error() };
            if (*outcome == Outcome::Pending)
                continue;
            if (*outcome == Outcome::Applied) {
                ++page.applied;
                progress = true;
            }
            remove.bindValue(0, recordKindName(change.kind));
            remove.bindValue(1, change.uuid);
            if (auto done = store::execute(remove, QStringLiteral("Clearing the sync inbox")); !done)
                return done;
        }
    }
    return {};
}

} // namespace

Result<AppliedPage> ChangeApplier::applyPage(const PullPage &page) const
{
    // Checked whole before anything is written: a bad change fails the page.
    std::vector<RemoteChange> checked;
    checked.reserve(page.changes.size());
    HlcClock newestSeen;
    for (const SyncChange &change : page.changes) {
        auto remote = checkRemoteChange(change);
        if (!remote)
            return Error { remote.error() };
        newestSeen = std::max(newestSeen, HlcClock { change.stamp.wallMs, change.stamp.counter });
        checked.push_back(std::move(*remote));
    }

    AppliedPage applied;
    if (checked.empty() && !page.more) {
        // Nothing new: no transaction. The cursor still moves if the server says so.
        auto current = readSyncState(m_database);
        if (!current)
            return Error { current.error() };
        if (page.cursor <= current->cursor)
            return applied;
    }
    auto written = m_database.inTransaction([&]() -> Result<void> {
        QSqlQuery state(m_database.connection());
        if (!state.exec(QStringLiteral("UPDATE sync_state SET applying = 1 WHERE id = 1")))
            return Error { store::describeSqlError(QStringLiteral("Starting to apply pulled changes"),
                                                   state.lastError()) };
        Merger merger(m_database);
        if (auto prepared = merger.prepare(); !prepared)
            return prepared;
        for (const RemoteChange &remote : checked) {
            auto outcome = merger.apply(remote, applied);
            if (!outcome)
                return Error { outcome.error() };
            if (*outcome == Outcome::Applied)
                ++applied.applied;
            else if (*outcome == Outcome::Pending)
                ++applied.pending;
        }
        if (auto retried = merger.retryInbox(applied); !retried)
            return retried;

        auto current = readSyncState(m_database);
        if (!current)
            return Error { current.error() };
        auto now = databaseNowMs(m_database);
        if (!now)
            return Error { now.error() };
        const HlcClock clock = checked.empty() ? current->clock : hlcReceive(current->clock, newestSeen, *now);
        state.prepare(QStringLiteral("UPDATE sync_state SET applying = 0, hlc_wall = ?, hlc_counter = ?, "
                                     "pull_cursor = ? WHERE id = 1"));
        state.addBindValue(qlonglong(clock.wallMs));
        state.addBindValue(qlonglong(clock.counter));
        state.addBindValue(qlonglong(std::max(page.cursor, current->cursor)));
        return store::execute(state, QStringLiteral("Saving the sync cursor"));
    });
    if (!written)
        return Error { written.error() };
    return applied;
}

} // namespace pt::sync
