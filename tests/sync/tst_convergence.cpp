// The convergence property (C9, issue item 6): three clients, each with its
// own SQLite store, make random changes (create, edit, delete portfolios,
// assets and ledger entries), go offline for stretches and sync at random
// moments through a transport that loses requests, loses replies after the
// server acted and delivers requests twice, against portfolio-server's real
// SyncLog on PostgreSQL. After a final sync all three stores and the server
// hold identical data: no record twice, and every acknowledged write either
// is the record's final state or lost to a newer one.
//
// PT_CONVERGENCE_SEEDS (default 50) seeds from PT_CONVERGENCE_FIRST_SEED
// (default 1); PT_CONVERGENCE_SEED=n replays one seed.

#include "faultytransport.h"
#include "synctesting.h"

#include "ledger/ledgerservice.h"
#include "store/assetrepository.h"
#include "store/portfoliorepository.h"
#include "store/transactionrepository.h"
#include "sync/syncengine.h"
#include "synclog.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <map>
#include <memory>
#include <set>

using namespace pt;
using namespace pt::test;
using namespace Qt::StringLiterals;

namespace {

constexpr int Clients = 3;
constexpr int OperationsPerClient = 100;

struct Client
{
    std::shared_ptr<store::Database> database;
    std::unique_ptr<sync::SyncEngine> engine;
    std::unique_ptr<FaultyTransport> transport;
    bool online = true;
    int operations = 0;
};

// One run's tallies, printed so a reader sees the property was exercised.
struct Tally
{
    int done = 0;
    int refused = 0;
    int syncs = 0;
    int failedSyncs = 0;
    int warnings = 0;
};

QString decimalText(QRandomGenerator &random, int maxWhole)
{
    return u"%1.%2"_s.arg(random.bounded(1, maxWhole + 1)).arg(random.bounded(100));
}

Decimal decimalValue(QRandomGenerator &random, int maxWhole)
{
    return *Decimal::parse(decimalText(random, maxWhole));
}

template<typename T> const T *pick(QRandomGenerator &random, const std::vector<T> &items)
{
    return items.empty() ? nullptr : &items[random.bounded(quint32(items.size()))];
}

// A refusal of the rules (a duplicate name, a sell of units not held) is an
// outcome of a random operation; a failed statement is a bug.
Result<bool> outcome(const QString &error)
{
    if (error.contains(u" failed: "_s))
        return Error { error };
    return false;
}

template<typename T> Result<bool> outcome(const Result<T> &result)
{
    return result ? Result<bool>(true) : outcome(result.error());
}

Result<bool> addEntry(const store::Database &db, QRandomGenerator &random)
{
    auto portfolios = store::PortfolioRepository(db).list();
    auto assets = store::AssetRepository(db).list();
    if (!portfolios || !assets)
        return Error { u"listing records failed: "_s + (portfolios ? assets.error() : portfolios.error()) };
    const Portfolio *portfolio = pick(random, *portfolios);
    if (!portfolio)
        return false;
    Transaction t;
    t.portfolioId = portfolio->id;
    t.date = QDate(2024, 1, 1).addDays(random.bounded(365));
    t.currency = portfolio->baseCurrency;
    t.note = random.bounded(4) == 0 ? u"note %1"_s.arg(random.bounded(1000)) : QString();
    const int kind = int(random.bounded(100));
    const Asset *asset = pick(random, *assets);
    if (kind < 30 || !asset) {
        t.type = random.bounded(4) == 0 ? TransactionType::Withdrawal : TransactionType::Deposit;
        t.amount = decimalValue(random, 2000);
    } else if (kind < 85) {
        t.type = kind < 60 ? TransactionType::Buy : kind < 75 ? TransactionType::Sell : TransactionType::Dividend;
        t.assetId = asset->id;
        t.currency = asset->currency;
        if (t.type == TransactionType::Dividend) {
            t.amount = decimalValue(random, 50);
        } else {
            t.quantity = Decimal(int(random.bounded(1, 10)));
            t.price = decimalValue(random, 200);
            if (random.bounded(3) == 0)
                t.fee = decimalValue(random, 5);
        }
    } else {
        const Portfolio *other = pick(random, *portfolios);
        if (other == portfolio)
            return false;
        t.type = TransactionType::Transfer;
        t.counterpartyPortfolioId = other->id;
        t.amount = decimalValue(random, 300);
    }
    return outcome(ledger::LedgerService(db).add(t));
}

Result<bool> editEntry(const store::Database &db, QRandomGenerator &random)
{
    auto entries = store::TransactionRepository(db).list();
    if (!entries)
        return Error { entries.error() };
    const Transaction *entry = pick(random, *entries);
    if (!entry)
        return false;
    Transaction edited = *entry;
    switch (random.bounded(4)) {
    case 0:
        edited.date = edited.date.addDays(random.bounded(-30, 31));
        break;
    case 1:
        if (!edited.quantity.isZero())
            edited.quantity = Decimal(int(random.bounded(1, 10)));
        else
            edited.amount = decimalValue(random, 2000);
        break;
    case 2:
        if (!edited.price.isZero())
            edited.price = decimalValue(random, 200);
        else
            edited.amount = decimalValue(random, 2000);
        break;
    default:
        edited.note = u"edited %1"_s.arg(random.bounded(1000));
        break;
    }
    return outcome(ledger::LedgerService(db).edit(edited));
}

Result<bool> removeOrRestoreEntry(const store::Database &db, QRandomGenerator &random, bool restore)
{
    if (!restore) {
        auto entries = store::TransactionRepository(db).list();
        if (!entries)
            return Error { entries.error() };
        const Transaction *entry = pick(random, *entries);
        return entry ? outcome(ledger::LedgerService(db).remove(entry->id)) : Result<bool>(false);
    }
    QSqlQuery query(db.connection());
    if (!query.exec(u"SELECT id FROM ledger_transaction WHERE deleted = 1"_s))
        return Error { u"reading deleted entries failed: "_s + query.lastError().text() };
    std::vector<RowId> deleted;
    while (query.next())
        deleted.push_back(query.value(0).toLongLong());
    const RowId *id = pick(random, deleted);
    return id ? outcome(ledger::LedgerService(db).restore(*id)) : Result<bool>(false);
}

Result<bool> portfolioOperation(const store::Database &db, QRandomGenerator &random, int which)
{
    const store::PortfolioRepository repository(db);
    static const QString Currencies[] = { u"EUR"_s, u"USD"_s, u"CHF"_s };
    if (which == 0) {
        Portfolio portfolio = portfolioNamed(u"P%1"_s.arg(random.bounded(8)), Currencies[random.bounded(3)]);
        return outcome(repository.add(portfolio));
    }
    auto portfolios = repository.list();
    if (!portfolios)
        return Error { portfolios.error() };
    const Portfolio *chosen = pick(random, *portfolios);
    if (!chosen)
        return false;
    if (which == 1) {
        Portfolio edited = *chosen;
        if (random.bounded(2) == 0)
            edited.name = u"P%1"_s.arg(random.bounded(8));
        else
            edited.costBasisMethod = edited.costBasisMethod == CostBasisMethod::Fifo ? CostBasisMethod::AverageCost
                                                                                     : CostBasisMethod::Fifo;
        return outcome(repository.update(edited));
    }
    return outcome(repository.remove(chosen->id));
}

Result<bool> assetOperation(const store::Database &db, QRandomGenerator &random, int which)
{
    const store::AssetRepository repository(db);
    if (which == 0) {
        Asset asset = assetWithSymbol(u"S%1"_s.arg(random.bounded(10)), random.bounded(3) == 0 ? u"USD"_s : u"EUR"_s);
        return outcome(repository.add(asset));
    }
    auto assets = repository.list();
    if (!assets)
        return Error { assets.error() };
    const Asset *chosen = pick(random, *assets);
    if (!chosen)
        return false;
    if (which == 1) {
        Asset edited = *chosen;
        if (random.bounded(2) == 0)
            edited.name = u"Asset %1"_s.arg(random.bounded(1000));
        else
            edited.exchange = edited.exchange.isEmpty() ? u"XETRA"_s : QString();
        return outcome(repository.update(edited));
    }
    return outcome(repository.remove(chosen->id));
}

Result<bool> randomOperation(const store::Database &db, QRandomGenerator &random)
{
    const int roll = int(random.bounded(100));
    if (roll < 8)
        return portfolioOperation(db, random, 0);
    if (roll < 14)
        return portfolioOperation(db, random, 1);
    if (roll < 16)
        return portfolioOperation(db, random, 2);
    if (roll < 23)
        return assetOperation(db, random, 0);
    if (roll < 27)
        return assetOperation(db, random, 1);
    if (roll < 29)
        return assetOperation(db, random, 2);
    if (roll < 65)
        return addEntry(db, random);
    if (roll < 82)
        return editEntry(db, random);
    if (roll < 94)
        return removeOrRestoreEntry(db, random, false);
    return removeOrRestoreEntry(db, random, true);
}

QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QString describe(const sync::SyncChange &change)
{
    return u"%1 %2 @%3.%4.%5%6 %7"_s.arg(sync::recordKindName(change.kind), change.uuid)
        .arg(change.stamp.wallMs)
        .arg(change.stamp.counter)
        .arg(change.stamp.device, change.deleted ? u" deleted"_s : QString(), compact(change.fields));
}

using RecordKey = std::pair<int, QString>;

// A store's records with the stamps it holds for them, as changes.
Result<std::map<RecordKey, sync::SyncChange>> storeRecords(const store::Database &db)
{
    auto states = sync::readRecordStates(db);
    if (!states)
        return Error { states.error() };
    QSqlQuery query(db.connection());
    if (!query.exec(u"SELECT kind, record_uuid, hlc_wall, hlc_counter, device_id FROM sync_record_clock"_s))
        return Error { query.lastError().text() };
    std::map<RecordKey, sync::HlcTimestamp> stamps;
    while (query.next())
        stamps[{ int(*sync::parseRecordKind(query.value(0).toString())), query.value(1).toString() }]
            = { query.value(2).toLongLong(), std::uint32_t(query.value(3).toLongLong()), query.value(4).toString() };
    std::map<RecordKey, sync::SyncChange> records;
    std::set<QString> uuids;
    for (const sync::RecordState &state : *states) {
        if (!uuids.insert(state.uuid).second)
            return Error { u"UUID %1 is held twice"_s.arg(state.uuid) };
        const RecordKey key { int(state.kind), state.uuid };
        sync::SyncChange change { state.kind, state.uuid, stamps[key], state.deleted, state.fields, 0 };
        records[key] = change;
    }
    return records;
}

Result<void> compareRecords(const QString &what, const std::map<RecordKey, sync::SyncChange> &actual,
                            const std::map<RecordKey, sync::SyncChange> &expected)
{
    for (const auto &[key, change] : expected) {
        const auto found = actual.find(key);
        if (found == actual.end())
            return Error { u"%1 lacks %2"_s.arg(what, describe(change)) };
        sync::SyncChange a = found->second;
        sync::SyncChange e = change;
        a.seq = e.seq = 0;
        if (a != e)
            return Error { u"%1 holds %2, expected %3"_s.arg(what, describe(a), describe(e)) };
    }
    if (actual.size() != expected.size()) {
        for (const auto &[key, change] : actual) {
            if (!expected.count(key))
                return Error { u"%1 holds a record nobody else has: %2"_s.arg(what, describe(change)) };
        }
    }
    return {};
}

} // namespace

class TestConvergence : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void threeClientsConverge();

private:
    Result<void> runSeed(quint32 seed, Tally &tally);
    std::int64_t makeAccount(quint32 seed);

    std::shared_ptr<store::Database> m_server;
    std::unique_ptr<server::SyncLog> m_log;
    QString m_databaseName;
};

void TestConvergence::initTestCase()
{
    auto location = createPostgresTestDatabase();
    PT_VERIFY_OK(location);
    m_databaseName = location->database;
    auto opened = store::Database::openPostgres(*location, {}, store::Schema::SyncServer);
    PT_VERIFY_OK(opened);
    m_server = *opened;
    m_log = std::make_unique<server::SyncLog>(*m_server);
}

void TestConvergence::cleanupTestCase()
{
    m_log.reset();
    m_server.reset();
    if (!m_databaseName.isEmpty())
        PT_VERIFY_OK(dropPostgresTestDatabase(m_databaseName));
}

std::int64_t TestConvergence::makeAccount(quint32 seed)
{
    const QString email = u"seed%1-%2@example.org"_s.arg(seed).arg(QRandomGenerator::global()->generate());
    QSqlQuery query(m_server->connection());
    query.prepare(u"INSERT INTO server_account (email, email_key, password_hash, created_at) "
                  "VALUES (?, ?, 'not a hash', 0) RETURNING id"_s);
    query.addBindValue(email);
    query.addBindValue(email);
    if (!query.exec() || !query.next())
        qFatal("cannot make an account: %s", qPrintable(query.lastError().text()));
    return query.value(0).toLongLong();
}

Result<void> TestConvergence::runSeed(quint32 seed, Tally &tally)
{
    QRandomGenerator random(seed);
    const std::int64_t account = makeAccount(seed);
    const QString parent = qEnvironmentVariable("PT_TEST_TMP", QDir::tempPath());
    QDir().mkpath(parent);
    QTemporaryDir folder(parent + u"/convergence-XXXXXX"_s);
    if (!folder.isValid())
        return Error { u"cannot make a folder in %1"_s.arg(parent) };
    std::vector<Client> clients(Clients);
    for (int i = 0; i < Clients; ++i) {
        auto opened = store::Database::openSqlite(folder.filePath(u"client%1.sqlite"_s.arg(i)));
        if (!opened)
            return Error { opened.error() };
        clients[i].database = *opened;
        clients[i].engine = std::make_unique<sync::SyncEngine>(*clients[i].database);
        clients[i].transport = std::make_unique<FaultyTransport>(*m_log, account, random);
        clients[i].transport->setFaults({ 10, 10, 10 });
        if (auto enabled = clients[i].engine->enable(u"convergence seed %1"_s.arg(seed)); !enabled)
            return enabled;
    }
    const auto sync = [&](Client &client, bool mayFail) -> Result<void> {
        ++tally.syncs;
        auto report = client.engine->syncOnce(*client.transport);
        if (!report) {
            // Only the transport's faults may make a round fail.
            const bool injected
                = report.error().startsWith(u"push: the"_s) || report.error().startsWith(u"pull: the"_s);
            if (!mayFail || !injected)
                return Error { u"sync failed: "_s + report.error() };
            ++tally.failedSyncs;
            return {};
        }
        tally.warnings += int(report->warnings.size());
        return {};
    };

    // The random phase: operations, offline stretches and syncs interleaved.
    while (true) {
        std::vector<int> busy;
        for (int i = 0; i < Clients; ++i) {
            if (clients[i].operations < OperationsPerClient)
                busy.push_back(i);
        }
        if (busy.empty())
            break;
        Client &client = clients[*pick(random, busy)];
        const int roll = int(random.bounded(100));
        if (roll < 5) {
            client.online = !client.online;
        } else if (roll < 25) {
            if (client.online) {
                if (auto synced = sync(client, true); !synced)
                    return synced;
            }
        } else {
            ++client.operations;
            auto done = randomOperation(*client.database, random);
            if (!done)
                return Error { u"operation failed: "_s + done.error() };
            (*done ? tally.done : tally.refused) += 1;
        }
    }

    // Everyone online, no more faults: every client syncs twice after all others.
    for (Client &client : clients)
        client.transport->setFaults({});
    for (int round = 0; round < 3; ++round) {
        for (Client &client : clients) {
            if (auto synced = sync(client, false); !synced)
                return synced;
        }
    }

    // The server: each record's state is the newest change any client delivered.
    std::map<RecordKey, sync::SyncChange> newest;
    for (const Client &client : clients) {
        for (const sync::SyncChange &change : client.transport->delivered()) {
            const RecordKey key { int(change.kind), change.uuid };
            auto found = newest.find(key);
            if (found == newest.end() || change.stamp > found->second.stamp)
                newest[key] = change;
        }
    }
    auto serverRecords = m_log->records(account);
    if (!serverRecords)
        return Error { serverRecords.refusal().message };
    std::map<RecordKey, sync::SyncChange> server;
    for (const sync::SyncChange &change : *serverRecords) {
        if (!server.emplace(RecordKey { int(change.kind), change.uuid }, change).second)
            return Error { u"the server holds %1 twice"_s.arg(change.uuid) };
    }
    if (auto same = compareRecords(u"the server"_s, server, newest); !same)
        return same;
    // No acknowledged write lost: each is its record's state or older than it.
    for (const Client &client : clients) {
        for (const sync::SyncChange &change : client.transport->delivered()) {
            if (server.at({ int(change.kind), change.uuid }).stamp < change.stamp)
                return Error { u"the server lost %1"_s.arg(describe(change)) };
        }
    }

    // Every client: the server's records, with its stamps, and nothing pending.
    for (int i = 0; i < Clients; ++i) {
        const store::Database &db = *clients[i].database;
        auto records = storeRecords(db);
        if (!records)
            return Error { u"client %1: %2"_s.arg(i).arg(records.error()) };
        if (auto same = compareRecords(u"client %1"_s.arg(i), *records, server); !same)
            return same;
        for (const QString &table : { u"sync_outbox"_s, u"sync_inbox"_s }) {
            if (const auto left = countRows(db, u"SELECT COUNT(*) FROM "_s + table); left != 0)
                return Error { u"client %1 has %2 rows left in %3"_s.arg(i).arg(left).arg(table) };
        }
    }
    if (server.empty())
        return Error { u"no record was ever synced"_s };
    return {};
}

void TestConvergence::threeClientsConverge()
{
    quint32 first = 1;
    int seeds = 50;
    if (qEnvironmentVariableIsSet("PT_CONVERGENCE_SEED")) {
        first = quint32(qEnvironmentVariableIntValue("PT_CONVERGENCE_SEED"));
        seeds = 1;
    } else {
        if (qEnvironmentVariableIsSet("PT_CONVERGENCE_FIRST_SEED"))
            first = quint32(qEnvironmentVariableIntValue("PT_CONVERGENCE_FIRST_SEED"));
        if (qEnvironmentVariableIsSet("PT_CONVERGENCE_SEEDS"))
            seeds = qEnvironmentVariableIntValue("PT_CONVERGENCE_SEEDS");
    }
    QElapsedTimer timer;
    timer.start();
    Tally tally;
    for (quint32 seed = first; seed < first + quint32(seeds); ++seed) {
        auto converged = runSeed(seed, tally);
        if (!converged) {
            const QString message
                = u"convergence failed for seed %1; replay with PT_CONVERGENCE_SEED=%1: %2"_s.arg(seed).arg(
                    converged.error());
            QFAIL(qPrintable(message));
        }
    }
    qInfo("%d seeds from %u in %lld ms: %d operations done, %d refused by the rules, %d syncs (%d failed by "
          "injected faults), %d book warnings",
          seeds, first, timer.elapsed(), tally.done, tally.refused, tally.syncs, tally.failedSyncs, tally.warnings);
    QVERIFY(tally.done > tally.refused);
    QVERIFY(tally.failedSyncs > 0 || seeds < 5);
}

QTEST_GUILESS_MAIN(TestConvergence)
#include "tst_convergence.moc"
