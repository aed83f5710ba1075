// SyncEngine (C9): enabling, pushing the outbox, and the merge of pulled
// changes (last writer wins per record by stamp), against a scripted
// in-process server, with the client store on SQLite and on PostgreSQL.

#include "synctesting.h"

#include "ledger/ledgerservice.h"
#include "store/assetrepository.h"
#include "store/portfoliorepository.h"
#include "store/transactionrepository.h"
#include "sync/syncengine.h"
#include "sync/syncstate.h"
#include "sync/synctransport.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QUuid>

#include <map>
#include <set>

using namespace pt;
using namespace pt::test;
using namespace Qt::StringLiterals;

namespace {

const QString Account = u"https://sync.example.org alice@example.org"_s;

// A server log in memory, as portfolio-server keeps it: unique on the stamp,
// pulled after a cursor. Faults are scripted per call.
class ScriptedServer final : public sync::SyncTransport
{
public:
    enum class Fault { None, LoseReply, Refuse };

    Result<sync::PushReply> push(const sync::PushRequest &request) override
    {
        ++pushes;
        const Fault fault = nextPushFault;
        nextPushFault = Fault::None;
        if (fault == Fault::Refuse)
            return Error { refusal };
        sync::PushReply reply;
        for (sync::SyncChange change : request.changes) {
            if (!stamps.insert(change.stamp).second) {
                ++reply.duplicates;
                continue;
            }
            change.seq = std::int64_t(log.size()) + 1;
            log.push_back(change);
            ++reply.accepted;
        }
        reply.cursor = std::int64_t(log.size());
        if (fault == Fault::LoseReply)
            return Error { u"the connection was reset"_s };
        return reply;
    }

    Result<sync::PullPage> pull(std::int64_t after, int limit) override
    {
        sync::PullPage page;
        const int pageSize = std::min(limit, pageLimit);
        for (std::size_t i = std::size_t(std::max<std::int64_t>(after, 0)); i < log.size(); ++i) {
            if (int(page.changes.size()) == pageSize) {
                page.more = true;
                break;
            }
            page.changes.push_back(log[i]);
        }
        page.cursor = page.changes.empty() ? after : page.changes.back().seq;
        return page;
    }

    // A change made by another device, straight into the log.
    void inject(sync::SyncChange change)
    {
        stamps.insert(change.stamp);
        change.seq = std::int64_t(log.size()) + 1;
        log.push_back(std::move(change));
    }

    std::vector<sync::SyncChange> log;
    std::set<sync::HlcTimestamp> stamps;
    Fault nextPushFault = Fault::None;
    QString refusal;
    int pageLimit = sync::MaxChangesPerPull;
    int pushes = 0;
};

// What a store holds, by kind and UUID: tombstone and fields.
using Snapshot = std::map<std::pair<int, QString>, std::pair<bool, QJsonObject>>;

Snapshot snapshot(const store::Database &db)
{
    auto records = sync::readRecordStates(db);
    if (!records)
        qFatal("%s", qPrintable(records.error()));
    Snapshot result;
    for (const auto &record : *records)
        result[{ int(record.kind), record.uuid }] = { record.deleted, record.fields };
    return result;
}

QString newDevice()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

sync::SyncChange portfolioChange(const QString &uuid, const QString &name, sync::HlcTimestamp stamp,
                                 bool deleted = false)
{
    sync::SyncChange change;
    change.kind = sync::RecordKind::Portfolio;
    change.uuid = uuid;
    change.stamp = std::move(stamp);
    change.deleted = deleted;
    change.fields = QJsonObject { { u"name"_s, name },
                                  { u"baseCurrency"_s, u"EUR"_s },
                                  { u"costBasisMethod"_s, u"fifo"_s },
                                  { u"createdAt"_s, double(1700000000000) },
                                  { u"updatedAt"_s, double(1700000000000) } };
    return change;
}

sync::SyncChange depositChange(const QString &uuid, const QString &portfolioUuid, const QString &amount,
                               sync::HlcTimestamp stamp)
{
    sync::SyncChange change;
    change.kind = sync::RecordKind::Transaction;
    change.uuid = uuid;
    change.stamp = std::move(stamp);
    change.fields = QJsonObject { { u"portfolio"_s, portfolioUuid },
                                  { u"type"_s, u"deposit"_s },
                                  { u"tradeDate"_s, u"2024-05-06"_s },
                                  { u"asset"_s, QJsonValue::Null },
                                  { u"counterparty"_s, QJsonValue::Null },
                                  { u"quantity"_s, QJsonValue::Null },
                                  { u"price"_s, QJsonValue::Null },
                                  { u"amount"_s, amount },
                                  { u"fee"_s, QJsonValue::Null },
                                  { u"splitNumerator"_s, QJsonValue::Null },
                                  { u"splitDenominator"_s, QJsonValue::Null },
                                  { u"currency"_s, u"EUR"_s },
                                  { u"note"_s, u""_s },
                                  { u"createdAt"_s, double(1700000000000) },
                                  { u"updatedAt"_s, double(1700000000000) } };
    return change;
}

QString newUuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

// The stamp of the newest outbox row of a record.
sync::HlcTimestamp outboxStamp(const store::Database &db, const QString &uuid)
{
    auto state = sync::readSyncState(db);
    const auto rows = outboxRows(db);
    for (auto row = rows.rbegin(); row != rows.rend(); ++row) {
        if (row->uuid == uuid)
            return { row->wall, std::uint32_t(row->counter), state->deviceId };
    }
    qFatal("no outbox row for %s", qPrintable(uuid));
}

} // namespace

class TestSyncEngine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void enableQueuesEveryRecordOnce();
    void enableAgainAndSignOut();
    void secondDeviceGetsEverything();
    void lastWriterWinsBothWays_data();
    void lastWriterWinsBothWays();
    void tombstoneBeatsOlderEdit();
    void newerEditBeatsOlderTombstone();
    void ownEchoIsANoOp();
    void retriedPushAfterLostReply();
    void refusalIsRecordedAndKeepsTheOutbox();
    void onlyARecordsNewestStateIsPushed();
    void clockReceiveRule();
    void badRemoteChangeIsRefusedWhole();
    void missingReferenceWaitsForItsRecord();
    void duplicateNamesFromTwoDevicesAreKept();
    void brokenBooksAreWarnedAbout();
    void largePullIsFast();
};

void TestSyncEngine::enableQueuesEveryRecordOnce()
{
    TemporaryStore store;
    const store::PortfolioRepository portfolios(store.db());
    auto kept = portfolios.add(portfolioNamed(u"Kept"_s));
    auto removed = portfolios.add(portfolioNamed(u"Removed"_s));
    PT_VERIFY_OK(kept);
    PT_VERIFY_OK(removed);
    PT_VERIFY_OK(ledger::LedgerService(store.db()).add(deposit(kept->id, "5")));
    PT_VERIFY_OK(ledger::LedgerService(store.db()).add(deposit(removed->id, "7")));
    PT_VERIFY_OK(portfolios.remove(removed->id)); // portfolio and entry share one updated_at

    sync::SyncEngine engine(store.db());
    auto before = engine.status();
    PT_VERIFY_OK(before);
    QVERIFY(!before->enabled);
    PT_VERIFY_OK(engine.enable(Account));
    auto status = engine.status();
    PT_VERIFY_OK(status);
    QVERIFY(status->enabled);
    QCOMPARE(status->account, Account);
    QVERIFY(sync::isCanonicalUuid(status->deviceId));
    QCOMPARE(status->pending, 4);
    QCOMPARE(status->cursor, 0);

    const auto rows = outboxRows(store.db());
    QCOMPARE(rows.size(), std::size_t(4));
    // Referenced kinds first, so a pulling device meets portfolios before entries.
    QCOMPARE(rows[0].kind, u"portfolio"_s);
    QCOMPARE(rows[1].kind, u"portfolio"_s);
    QCOMPARE(rows[3].kind, u"transaction"_s);
    std::set<std::pair<std::int64_t, std::int64_t>> stamps;
    for (const OutboxRow &row : rows) {
        // Stamped with the record's own last change, not with now…
        QCOMPARE(row.wall, row.fields.value(u"updatedAt"_s).toInteger());
        // …and never two alike, even where records changed in one millisecond.
        QVERIFY(stamps.insert(row.stamp()).second);
    }
    QVERIFY(rows[1].deleted);
    QVERIFY(rows[3].deleted);
    // The clock is past every stamp: the next change is newer than all of them.
    PT_VERIFY_OK(portfolios.add(portfolioNamed(u"Later"_s)));
    QVERIFY(outboxRows(store.db()).back().stamp() > *stamps.rbegin());
}

void TestSyncEngine::enableAgainAndSignOut()
{
    TemporaryStore store;
    sync::SyncEngine engine(store.db());
    PT_VERIFY_OK(store::PortfolioRepository(store.db()).add(portfolioNamed(u"One"_s)));
    PT_VERIFY_OK(engine.enable(Account));
    const QString device = engine.status()->deviceId;
    ScriptedServer server;
    PT_VERIFY_OK(engine.syncOnce(server));
    QCOMPARE(engine.status()->cursor, 1);

    // Again for the same account: nothing changes.
    PT_VERIFY_OK(engine.enable(Account));
    QCOMPARE(engine.status()->deviceId, device);
    QCOMPARE(engine.status()->pending, 0);
    QCOMPARE(engine.status()->cursor, 1);

    // Signed out: nothing is recorded, and signing in again queues what
    // changed meanwhile, as changes made now.
    PT_VERIFY_OK(engine.disable());
    QVERIFY(!engine.status()->enabled);
    QVERIFY(!engine.syncOnce(server));
    QTest::qWait(3);
    auto offline = store::PortfolioRepository(store.db()).add(portfolioNamed(u"While signed out"_s));
    PT_VERIFY_OK(offline);
    QCOMPARE(engine.status()->pending, 0);
    PT_VERIFY_OK(engine.enable(Account));
    QCOMPARE(engine.status()->deviceId, device);
    QCOMPARE(engine.status()->pending, 1);
    QCOMPARE(outboxRows(store.db()).front().uuid, uuidOf(offline->stamp));

    // Another account: another device, from the start.
    PT_VERIFY_OK(engine.enable(u"https://other.example.org bob@example.org"_s));
    QVERIFY(engine.status()->deviceId != device);
    QCOMPARE(engine.status()->cursor, 0);
    QCOMPARE(engine.status()->pending, 2);
}

void TestSyncEngine::secondDeviceGetsEverything()
{
    TemporaryStore a(u"a.sqlite"_s);
    TemporaryStore b(u"b.sqlite"_s);
    ScriptedServer server;
    sync::SyncEngine engineA(a.db());
    sync::SyncEngine engineB(b.db());
    PT_VERIFY_OK(engineA.enable(Account));
    PT_VERIFY_OK(engineB.enable(Account));
    auto portfolio = store::PortfolioRepository(a.db()).add(portfolioNamed(u"Shared"_s));
    PT_VERIFY_OK(portfolio);
    auto asset = store::AssetRepository(a.db()).add(assetWithSymbol(u"IWDA"_s));
    PT_VERIFY_OK(asset);
    PT_VERIFY_OK(ledger::LedgerService(a.db()).add(deposit(portfolio->id, "1000.5")));
    PT_VERIFY_OK(ledger::LedgerService(a.db()).add(buy(portfolio->id, asset->id, "2.5", "80.125")));

    auto pushed = engineA.syncOnce(server);
    PT_VERIFY_OK(pushed);
    QCOMPARE(pushed->pushed, 4);
    QCOMPARE(pushed->pending, 0);
    auto pulled = engineB.syncOnce(server);
    PT_VERIFY_OK(pulled);
    QCOMPARE(pulled->pulled, 4);
    QCOMPARE(pulled->applied, 4);
    QVERIFY(pulled->warnings.isEmpty());
    QCOMPARE(snapshot(b.db()), snapshot(a.db()));
    // Pulled changes are not echoed back into B's outbox.
    QCOMPARE(engineB.status()->pending, 0);
    // B's books are A's.
    auto books = ledger::LedgerService(b.db()).books();
    PT_VERIFY_OK(books);
    QCOMPARE(books->size(), std::size_t(1));
    QCOMPARE(books->front().positions.size(), std::size_t(1));
    QCOMPARE(books->front().positions.begin()->second.quantity, dec("2.5"));
    QCOMPARE(engineB.status()->lastError, QString());
    QVERIFY(engineB.status()->lastSyncAt > 0);
}

void TestSyncEngine::lastWriterWinsBothWays_data()
{
    QTest::addColumn<bool>("laterSyncsFirst");
    QTest::newRow("older edit synced first") << false;
    QTest::newRow("newer edit synced first") << true;
}

void TestSyncEngine::lastWriterWinsBothWays()
{
    QFETCH(bool, laterSyncsFirst);
    TemporaryStore a(u"a.sqlite"_s);
    TemporaryStore b(u"b.sqlite"_s);
    ScriptedServer server;
    sync::SyncEngine engineA(a.db());
    sync::SyncEngine engineB(b.db());
    PT_VERIFY_OK(engineA.enable(Account));
    PT_VERIFY_OK(engineB.enable(Account));
    auto portfolio = store::PortfolioRepository(a.db()).add(portfolioNamed(u"Draft"_s));
    PT_VERIFY_OK(portfolio);
    PT_VERIFY_OK(engineA.syncOnce(server));
    PT_VERIFY_OK(engineB.syncOnce(server));
    auto onB = store::PortfolioRepository(b.db()).findByReference(uuidOf(portfolio->stamp));
    PT_VERIFY_OK(onB);

    // Both edit offline: A first, B a little later.
    Portfolio editA = *portfolio;
    editA.name = u"Named on A"_s;
    PT_VERIFY_OK(store::PortfolioRepository(a.db()).update(editA));
    QTest::qWait(3);
    Portfolio editB = *onB;
    editB.name = u"Named on B"_s;
    PT_VERIFY_OK(store::PortfolioRepository(b.db()).update(editB));
    QVERIFY(outboxStamp(b.db(), uuidOf(portfolio->stamp)) > outboxStamp(a.db(), uuidOf(portfolio->stamp)));

    sync::SyncEngine &first = laterSyncsFirst ? engineB : engineA;
    sync::SyncEngine &second = laterSyncsFirst ? engineA : engineB;
    PT_VERIFY_OK(first.syncOnce(server));
    PT_VERIFY_OK(second.syncOnce(server));
    PT_VERIFY_OK(first.syncOnce(server));
    for (const store::Database *db : { &a.db(), &b.db() })
        QCOMPARE(store::PortfolioRepository(*db).findByReference(uuidOf(portfolio->stamp))->name, u"Named on B"_s);
    QCOMPARE(snapshot(a.db()), snapshot(b.db()));
}

void TestSyncEngine::tombstoneBeatsOlderEdit()
{
    TemporaryStore a(u"a.sqlite"_s);
    TemporaryStore b(u"b.sqlite"_s);
    ScriptedServer server;
    sync::SyncEngine engineA(a.db());
    sync::SyncEngine engineB(b.db());
    PT_VERIFY_OK(engineA.enable(Account));
    PT_VERIFY_OK(engineB.enable(Account));
    auto portfolio = store::PortfolioRepository(a.db()).add(portfolioNamed(u"P"_s));
    PT_VERIFY_OK(portfolio);
    auto entry = ledger::LedgerService(a.db()).add(deposit(portfolio->id, "100"));
    PT_VERIFY_OK(entry);
    PT_VERIFY_OK(engineA.syncOnce(server));
    PT_VERIFY_OK(engineB.syncOnce(server));

    // A edits the entry, then B deletes it: the delete is newer and wins,
    // whichever arrives first.
    Transaction edited = *entry;
    edited.amount = dec("150");
    PT_VERIFY_OK(ledger::LedgerService(a.db()).edit(edited));
    QTest::qWait(3);
    auto onB = entryByUuid(b.db(), uuidOf(entry->stamp));
    PT_VERIFY_OK(onB);
    PT_VERIFY_OK(ledger::LedgerService(b.db()).remove(onB->id));
    PT_VERIFY_OK(engineB.syncOnce(server));
    PT_VERIFY_OK(engineA.syncOnce(server));
    PT_VERIFY_OK(engineB.syncOnce(server));
    for (const store::Database *db : { &a.db(), &b.db() }) {
        auto stored = entryByUuid(*db, uuidOf(entry->stamp));
        PT_VERIFY_OK(stored);
        QVERIFY(stored->stamp.deleted);
        QCOMPARE(stored->amount, dec("100")); // the tombstone carries B's fields whole
    }
    QCOMPARE(snapshot(a.db()), snapshot(b.db()));
}

void TestSyncEngine::newerEditBeatsOlderTombstone()
{
    TemporaryStore a(u"a.sqlite"_s);
    TemporaryStore b(u"b.sqlite"_s);
    ScriptedServer server;
    sync::SyncEngine engineA(a.db());
    sync::SyncEngine engineB(b.db());
    PT_VERIFY_OK(engineA.enable(Account));
    PT_VERIFY_OK(engineB.enable(Account));
    auto portfolio = store::PortfolioRepository(a.db()).add(portfolioNamed(u"P"_s));
    PT_VERIFY_OK(portfolio);
    auto entry = ledger::LedgerService(a.db()).add(deposit(portfolio->id, "100"));
    PT_VERIFY_OK(entry);
    PT_VERIFY_OK(engineA.syncOnce(server));
    PT_VERIFY_OK(engineB.syncOnce(server));

    // A deletes and B, later, edits: the edit is newer and brings it back.
    PT_VERIFY_OK(ledger::LedgerService(a.db()).remove(entry->id));
    QTest::qWait(3);
    auto onB = entryByUuid(b.db(), uuidOf(entry->stamp));
    PT_VERIFY_OK(onB);
    Transaction edited = *onB;
    edited.amount = dec("250");
    PT_VERIFY_OK(ledger::LedgerService(b.db()).edit(edited));
    PT_VERIFY_OK(engineB.syncOnce(server));
    PT_VERIFY_OK(engineA.syncOnce(server));
    PT_VERIFY_OK(engineB.syncOnce(server));
    for (const store::Database *db : { &a.db(), &b.db() }) {
        auto stored = entryByUuid(*db, uuidOf(entry->stamp));
        PT_VERIFY_OK(stored);
        QVERIFY(!stored->stamp.deleted);
        QCOMPARE(stored->amount, dec("250"));
    }

    // An undo of a delete is a later change too: deleted on A, restored on A,
    // B follows.
    auto onA = entryByUuid(a.db(), uuidOf(entry->stamp));
    PT_VERIFY_OK(ledger::LedgerService(a.db()).remove(onA->id));
    PT_VERIFY_OK(engineA.syncOnce(server));
    PT_VERIFY_OK(engineB.syncOnce(server));
    QVERIFY(entryByUuid(b.db(), uuidOf(entry->stamp))->stamp.deleted);
    PT_VERIFY_OK(ledger::LedgerService(a.db()).restore(onA->id));
    PT_VERIFY_OK(engineA.syncOnce(server));
    PT_VERIFY_OK(engineB.syncOnce(server));
    QVERIFY(!entryByUuid(b.db(), uuidOf(entry->stamp))->stamp.deleted);
    QCOMPARE(snapshot(a.db()), snapshot(b.db()));
}

void TestSyncEngine::ownEchoIsANoOp()
{
    TemporaryStore a;
    ScriptedServer server;
    sync::SyncEngine engine(a.db());
    PT_VERIFY_OK(engine.enable(Account));
    auto portfolio = store::PortfolioRepository(a.db()).add(portfolioNamed(u"Mine"_s));
    PT_VERIFY_OK(portfolio);
    const Snapshot before = snapshot(a.db());
    auto report = engine.syncOnce(server);
    PT_VERIFY_OK(report);
    QCOMPARE(report->pushed, 1);
    QCOMPARE(report->pulled, 1); // its own change comes back…
    QCOMPARE(report->applied, 0); // …and changes nothing
    QCOMPARE(report->pending, 0);
    QCOMPARE(snapshot(a.db()), before);
    QCOMPARE(engine.status()->cursor, 1);
    auto again = engine.syncOnce(server);
    PT_VERIFY_OK(again);
    QCOMPARE(again->pushed, 0);
    QCOMPARE(again->pulled, 0);
}

void TestSyncEngine::retriedPushAfterLostReply()
{
    TemporaryStore a;
    ScriptedServer server;
    sync::SyncEngine engine(a.db());
    PT_VERIFY_OK(engine.enable(Account));
    auto portfolio = store::PortfolioRepository(a.db()).add(portfolioNamed(u"Once"_s));
    PT_VERIFY_OK(portfolio);
    PT_VERIFY_OK(ledger::LedgerService(a.db()).add(deposit(portfolio->id, "3")));

    server.nextPushFault = ScriptedServer::Fault::LoseReply;
    auto lost = engine.syncOnce(server);
    QVERIFY(!lost);
    QCOMPARE(lost.error(), u"the connection was reset"_s);
    QCOMPARE(engine.status()->lastError, u"the connection was reset"_s);
    QCOMPARE(engine.status()->pending, 2); // not acknowledged: kept
    QCOMPARE(server.log.size(), std::size_t(2)); // though the server has them

    auto retried = engine.syncOnce(server);
    PT_VERIFY_OK(retried);
    QCOMPARE(retried->pushed, 2);
    QCOMPARE(server.log.size(), std::size_t(2)); // the retry added nothing
    QCOMPARE(retried->applied, 0);
    QCOMPARE(engine.status()->pending, 0);
    QCOMPARE(engine.status()->lastError, QString());
}

void TestSyncEngine::refusalIsRecordedAndKeepsTheOutbox()
{
    TemporaryStore a;
    ScriptedServer server;
    sync::SyncEngine engine(a.db());
    PT_VERIFY_OK(engine.enable(Account));
    PT_VERIFY_OK(store::PortfolioRepository(a.db()).add(portfolioNamed(u"Early"_s)));
    server.nextPushFault = ScriptedServer::Fault::Refuse;
    server.refusal = u"clock_ahead: changes[0] is stamped 9 minutes after the server's clock"_s;
    auto refused = engine.syncOnce(server);
    QVERIFY(!refused);
    QCOMPARE(refused.error(), server.refusal);
    QCOMPARE(engine.status()->lastError, server.refusal);
    QCOMPARE(engine.status()->pending, 1);
    QCOMPARE(engine.status()->lastSyncAt, 0);
    QVERIFY(server.log.empty());
}

void TestSyncEngine::onlyARecordsNewestStateIsPushed()
{
    TemporaryStore a;
    ScriptedServer server;
    sync::SyncEngine engine(a.db());
    PT_VERIFY_OK(engine.enable(Account));
    const store::PortfolioRepository portfolios(a.db());
    auto draft = portfolios.add(portfolioNamed(u"Draft"_s));
    PT_VERIFY_OK(draft);
    Portfolio edited = *draft;
    edited.name = u"Second"_s;
    PT_VERIFY_OK(portfolios.update(edited));
    PT_VERIFY_OK(portfolios.add(portfolioNamed(u"Other"_s)));
    QCOMPARE(engine.status()->pending, 3);

    // The server refuses the round (as it would a record too large): the
    // overtaken "Draft" is gone from the outbox all the same.
    server.nextPushFault = ScriptedServer::Fault::Refuse;
    server.refusal = u"bad_request: changes[0].fields: larger than 16384 bytes"_s;
    QVERIFY(!engine.syncOnce(server));
    QCOMPARE(engine.status()->pending, 2);

    // Edited once more, the record goes out in its newest state only.
    edited.name = u"Final"_s;
    PT_VERIFY_OK(portfolios.update(edited));
    const auto report = engine.syncOnce(server);
    PT_VERIFY_OK(report);
    QCOMPARE(report->pushed, 2);
    QCOMPARE(engine.status()->pending, 0);
    QCOMPARE(server.log.size(), std::size_t(2));
    QStringList names;
    for (const sync::SyncChange &change : server.log)
        names << change.fields.value(u"name"_s).toString();
    QCOMPARE(names, (QStringList { u"Other"_s, u"Final"_s }));
}

void TestSyncEngine::clockReceiveRule()
{
    TemporaryStore a;
    ScriptedServer server;
    sync::SyncEngine engine(a.db());
    PT_VERIFY_OK(engine.enable(Account));
    // Another device, its clock a minute ahead of ours.
    const std::int64_t future = QDateTime::currentMSecsSinceEpoch() + 60'000;
    const QString uuid = newUuid();
    server.inject(portfolioChange(uuid, u"From the future"_s, { future, 7, newDevice() }));
    auto report = engine.syncOnce(server);
    PT_VERIFY_OK(report);
    QCOMPARE(report->applied, 1);

    // A local edit made right after is stamped after what was seen.
    auto pulled = store::PortfolioRepository(a.db()).findByReference(uuid);
    PT_VERIFY_OK(pulled);
    Portfolio edited = *pulled;
    edited.name = u"Edited here"_s;
    PT_VERIFY_OK(store::PortfolioRepository(a.db()).update(edited));
    const auto rows = outboxRows(a.db());
    QCOMPARE(rows.size(), std::size_t(1));
    QVERIFY(rows[0].wall >= future);
    QVERIFY(rows[0].stamp() > std::make_pair(future, std::int64_t(7)));
    // So it wins against the change it was made after.
    PT_VERIFY_OK(engine.syncOnce(server));
    QCOMPARE(store::PortfolioRepository(a.db()).findByReference(uuid)->name, u"Edited here"_s);
}

void TestSyncEngine::badRemoteChangeIsRefusedWhole()
{
    TemporaryStore a;
    ScriptedServer server;
    sync::SyncEngine engine(a.db());
    PT_VERIFY_OK(engine.enable(Account));
    const QString device = newDevice();
    const std::int64_t now = QDateTime::currentMSecsSinceEpoch();
    const QString portfolio = newUuid();
    const QString entry = newUuid();
    server.inject(portfolioChange(portfolio, u"Fine"_s, { now, 0, device }));
    auto bad = depositChange(entry, portfolio, u"12,50"_s, { now, 1, device });
    server.inject(bad);

    const Snapshot before = snapshot(a.db());
    auto refused = engine.syncOnce(server);
    QVERIFY(!refused);
    QVERIFY2(refused.error().contains(u"transaction %1"_s.arg(entry)), qPrintable(refused.error()));
    QVERIFY2(refused.error().contains(u"amount"_s), qPrintable(refused.error()));
    // Nothing of the page was written, not even the good change before it.
    QCOMPARE(snapshot(a.db()), before);
    QCOMPARE(engine.status()->cursor, 0);
    QCOMPARE(engine.status()->lastError, refused.error());
    QCOMPARE(engine.status()->pending, 0);

    // Other ways a change can be wrong, each named.
    const struct
    {
        const char16_t *field;
        QJsonValue value;
    } wrongs[] = { { u"type", u"gift"_s }, { u"tradeDate", u"2024-02-30"_s }, { u"portfolio", u"Main"_s },
                   { u"createdAt", 1.5 },  { u"currency", QJsonValue::Null }, { u"fee", 3 } };
    for (const auto &wrong : wrongs) {
        server.log.clear();
        server.stamps.clear();
        auto change = depositChange(entry, portfolio, u"12.5"_s, { now, 2, device });
        change.fields.insert(QString::fromUtf16(wrong.field), wrong.value);
        server.inject(change);
        auto failed = engine.syncOnce(server);
        QVERIFY(!failed);
        QVERIFY2(failed.error().contains(QString::fromUtf16(wrong.field)), qPrintable(failed.error()));
        QCOMPARE(snapshot(a.db()), before);
    }
}

void TestSyncEngine::missingReferenceWaitsForItsRecord()
{
    TemporaryStore a;
    ScriptedServer server;
    server.pageLimit = 1; // one change per page
    sync::SyncEngine engine(a.db());
    PT_VERIFY_OK(engine.enable(Account));
    const QString device = newDevice();
    const std::int64_t now = QDateTime::currentMSecsSinceEpoch();
    const QString portfolio = newUuid();
    const QString entry = newUuid();
    // Out of causal order: the entry before its portfolio.
    server.inject(depositChange(entry, portfolio, u"42"_s, { now, 1, device }));
    server.inject(portfolioChange(portfolio, u"Late parent"_s, { now, 0, device }));
    auto report = engine.syncOnce(server);
    PT_VERIFY_OK(report);
    QCOMPARE(report->pulled, 2);
    QCOMPARE(report->applied, 2);
    QCOMPARE(countRows(a.db(), u"SELECT COUNT(*) FROM sync_inbox"_s), 0);
    auto stored = store::TransactionRepository(a.db()).findByReference(entry);
    PT_VERIFY_OK(stored);
    QCOMPARE(stored->amount, dec("42"));
    QCOMPARE(stored->portfolioId, store::PortfolioRepository(a.db()).findByReference(portfolio)->id);
}

void TestSyncEngine::duplicateNamesFromTwoDevicesAreKept()
{
    TemporaryStore a(u"a.sqlite"_s);
    TemporaryStore b(u"b.sqlite"_s);
    ScriptedServer server;
    sync::SyncEngine engineA(a.db());
    sync::SyncEngine engineB(b.db());
    PT_VERIFY_OK(engineA.enable(Account));
    PT_VERIFY_OK(engineB.enable(Account));
    // Both make "Main" and "AAPL" offline: after syncing each store has two of each.
    for (const store::Database *db : { &a.db(), &b.db() }) {
        PT_VERIFY_OK(store::PortfolioRepository(*db).add(portfolioNamed(u"Main"_s)));
        PT_VERIFY_OK(store::AssetRepository(*db).add(assetWithSymbol(u"AAPL"_s, u"USD"_s)));
    }
    PT_VERIFY_OK(engineA.syncOnce(server));
    PT_VERIFY_OK(engineB.syncOnce(server));
    PT_VERIFY_OK(engineA.syncOnce(server));
    for (const store::Database *db : { &a.db(), &b.db() }) {
        QCOMPARE(store::PortfolioRepository(*db).list()->size(), std::size_t(2));
        QCOMPARE(store::AssetRepository(*db).list()->size(), std::size_t(2));
        // This device still refuses to make a third.
        QVERIFY(!store::PortfolioRepository(*db).add(portfolioNamed(u"Main"_s)));
        QVERIFY(!store::AssetRepository(*db).add(assetWithSymbol(u"aapl"_s, u"USD"_s)));
    }
    QCOMPARE(snapshot(a.db()), snapshot(b.db()));
}

void TestSyncEngine::brokenBooksAreWarnedAbout()
{
    TemporaryStore a(u"a.sqlite"_s);
    TemporaryStore b(u"b.sqlite"_s);
    ScriptedServer server;
    sync::SyncEngine engineA(a.db());
    sync::SyncEngine engineB(b.db());
    PT_VERIFY_OK(engineA.enable(Account));
    PT_VERIFY_OK(engineB.enable(Account));
    auto portfolio = store::PortfolioRepository(a.db()).add(portfolioNamed(u"Trading"_s));
    PT_VERIFY_OK(portfolio);
    auto asset = store::AssetRepository(a.db()).add(assetWithSymbol(u"SAP"_s));
    PT_VERIFY_OK(asset);
    const ledger::LedgerService ledgerA(a.db());
    PT_VERIFY_OK(ledgerA.add(deposit(portfolio->id, "1000")));
    auto bought = ledgerA.add(buy(portfolio->id, asset->id, "5", "100"));
    PT_VERIFY_OK(bought);
    PT_VERIFY_OK(engineA.syncOnce(server));
    PT_VERIFY_OK(engineB.syncOnce(server));

    // A sells the five units while B deletes the buy: each is fine alone.
    Transaction sell = buy(portfolio->id, asset->id, "5", "120", QDate(2024, 2, 1));
    sell.type = TransactionType::Sell;
    PT_VERIFY_OK(ledgerA.add(sell));
    auto onB = store::TransactionRepository(b.db()).findByReference(uuidOf(bought->stamp));
    PT_VERIFY_OK(ledger::LedgerService(b.db()).remove(onB->id));
    PT_VERIFY_OK(engineA.syncOnce(server));
    auto merged = engineB.syncOnce(server);
    PT_VERIFY_OK(merged);
    QCOMPARE(merged->warnings.size(), 1);
    QVERIFY2(merged->warnings.front().contains(u"'Trading'"_s), qPrintable(merged->warnings.front()));
    // The data is kept, and A ends the same.
    auto report = engineA.syncOnce(server);
    PT_VERIFY_OK(report);
    QCOMPARE(report->warnings.size(), 1);
    QCOMPARE(snapshot(a.db()), snapshot(b.db()));
}

void TestSyncEngine::largePullIsFast()
{
    const int count = qEnvironmentVariableIntValue("PT_SYNC_LARGE_PULL") > 0
        ? qEnvironmentVariableIntValue("PT_SYNC_LARGE_PULL")
        : 20'000;
    TemporaryStore a;
    ScriptedServer server;
    sync::SyncEngine engine(a.db());
    PT_VERIFY_OK(engine.enable(Account));
    const QString device = newDevice();
    const std::int64_t now = QDateTime::currentMSecsSinceEpoch();
    const QString portfolio = newUuid();
    server.inject(portfolioChange(portfolio, u"Big"_s, { now, 0, device }));
    for (int i = 1; i < count; ++i)
        server.inject(depositChange(newUuid(), portfolio, QString::number(i), { now, std::uint32_t(i), device }));
    QElapsedTimer timer;
    timer.start();
    auto report = engine.syncOnce(server);
    PT_VERIFY_OK(report);
    const qint64 elapsed = timer.elapsed();
    qInfo("pulled and applied %d changes in %lld ms", count, elapsed);
    QCOMPARE(report->applied, count);
    QCOMPARE(countRows(a.db(), u"SELECT COUNT(*) FROM ledger_transaction"_s), count - 1);
    QCOMPARE(engine.status()->pending, 0);
    // Generous for a sanitizer build on a busy machine; a release build does
    // 100,000 in a few seconds.
    QVERIFY2(elapsed < 60'000, qPrintable(u"took %1 ms"_s.arg(elapsed)));
}

QTEST_GUILESS_MAIN(TestSyncEngine)
#include "tst_syncengine.moc"
