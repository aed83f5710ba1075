// Change capture (C9): every writer of portfolios, assets and ledger entries
// leaves exactly the right outbox rows, in the write's own transaction, with
// increasing stamps, on SQLite and PostgreSQL alike.

#include "synctesting.h"

#include "exchange/bookdocument.h"
#include "exchange/bookjson.h"
#include "io/importcommit.h"
#include "ledger/ledgerservice.h"
#include "store/assetrepository.h"
#include "store/portfoliorepository.h"
#include "store/storecopy.h"
#include "store/transactionrepository.h"
#include "domain/transactionrules.h"
#include "sync/syncengine.h"
#include "sync/syncmessage.h"
#include "sync/syncstate.h"

#include <QJsonDocument>
#include <QSaveFile>

using namespace pt;
using namespace pt::test;
using namespace Qt::StringLiterals;

namespace {

const QString Account = u"https://sync.example.org alice@example.org"_s;

void verifyIncreasingStamps(const std::vector<OutboxRow> &rows)
{
    for (std::size_t i = 1; i < rows.size(); ++i)
        QVERIFY2(rows[i].stamp() > rows[i - 1].stamp(),
                 qPrintable(u"row %1 is not stamped after row %2"_s.arg(rows[i].seq).arg(rows[i - 1].seq)));
}

std::pair<std::int64_t, std::int64_t> clockOf(const store::Database &db)
{
    auto state = sync::readSyncState(db);
    if (!state)
        qFatal("%s", qPrintable(state.error()));
    return { state->clock.wallMs, state->clock.counter };
}

} // namespace

class TestChangeCapture : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_store = std::make_unique<TemporaryStore>();
        PT_VERIFY_OK(sync::SyncEngine(db()).enable(Account));
        QCOMPARE(outboxRows(db()).size(), std::size_t(0));
    }
    void cleanup() { m_store.reset(); }

    void repositoriesAndLedgerServiceAreRecorded();
    void removingAPortfolioTombstonesItsEntries();
    void localOnlyColumnsAreNotChanges();
    void bulkInsertsAreRecorded();
    void rolledBackWriteLeavesNothing();
    void captureOffRecordsNothing();
    void fieldsAreTheSameOnBothBackends();
    void jsonImportIsRecordedAndCarriesNoSyncState();
    void csvImportCommitIsRecorded();
    void copyStoreCarriesNoSyncState();
    void longestAllowedRecordsFitOneSyncChange();

private:
    const store::Database &db() const { return m_store->db(); }

    std::unique_ptr<TemporaryStore> m_store;
};

void TestChangeCapture::repositoriesAndLedgerServiceAreRecorded()
{
    const store::PortfolioRepository portfolios(db());
    const store::AssetRepository assets(db());
    const ledger::LedgerService ledger(db());

    auto portfolio = portfolios.add(portfolioNamed(u"Main"_s));
    PT_VERIFY_OK(portfolio);
    auto asset = assets.add(assetWithSymbol(u"VWCE"_s));
    PT_VERIFY_OK(asset);
    auto cash = ledger.add(deposit(portfolio->id, "1000"));
    PT_VERIFY_OK(cash);
    auto bought = ledger.add(buy(portfolio->id, asset->id, "3", "101.25"));
    PT_VERIFY_OK(bought);
    Portfolio renamed = *portfolio;
    renamed.name = u"Retirement"_s;
    PT_VERIFY_OK(portfolios.update(renamed));
    Asset edited = *asset;
    edited.name = u"Vanguard FTSE All-World"_s;
    PT_VERIFY_OK(assets.update(edited));
    Transaction more = *bought;
    more.quantity = dec("4");
    PT_VERIFY_OK(ledger.edit(more));
    PT_VERIFY_OK(ledger.remove(bought->id));
    PT_VERIFY_OK(ledger.restore(bought->id));

    const auto rows = outboxRows(db());
    QCOMPARE(rows.size(), std::size_t(9));
    verifyIncreasingStamps(rows);
    const QStringList kinds { u"portfolio"_s, u"asset"_s,       u"transaction"_s, u"transaction"_s, u"portfolio"_s,
                              u"asset"_s,     u"transaction"_s, u"transaction"_s, u"transaction"_s };
    for (std::size_t i = 0; i < rows.size(); ++i)
        QCOMPARE(rows[i].kind, kinds[qsizetype(i)]);

    QCOMPARE(rows[0].uuid, uuidOf(portfolio->stamp));
    QCOMPARE(rows[0].fields.value(u"name"_s).toString(), u"Main"_s);
    QCOMPARE(rows[0].fields.value(u"baseCurrency"_s).toString(), u"EUR"_s);
    QCOMPARE(rows[0].fields.value(u"costBasisMethod"_s).toString(), u"fifo"_s);
    QCOMPARE(rows[0].fields.value(u"createdAt"_s).toInteger(), portfolio->stamp.createdAt);
    QVERIFY(!rows[0].fields.contains(u"id"_s));
    QCOMPARE(rows[1].fields.value(u"symbol"_s).toString(), u"VWCE"_s);
    QVERIFY(!rows[1].fields.contains(u"tracked"_s)); // this device's own
    QCOMPARE(rows[1].fields.value(u"synthetic"_s), QJsonValue(false));
    // Entries name their portfolio and asset by UUID; absent amounts are null.
    QCOMPARE(rows[3].uuid, uuidOf(bought->stamp));
    QCOMPARE(rows[3].fields.value(u"portfolio"_s).toString(), uuidOf(portfolio->stamp));
    QCOMPARE(rows[3].fields.value(u"asset"_s).toString(), uuidOf(asset->stamp));
    QCOMPARE(rows[3].fields.value(u"counterparty"_s), QJsonValue(QJsonValue::Null));
    QCOMPARE(rows[3].fields.value(u"quantity"_s).toString(), u"3"_s);
    QCOMPARE(rows[3].fields.value(u"price"_s).toString(), u"101.25"_s);
    QCOMPARE(rows[3].fields.value(u"fee"_s), QJsonValue(QJsonValue::Null));
    QCOMPARE(rows[3].fields.value(u"type"_s).toString(), u"buy"_s);
    QCOMPARE(rows[3].fields.value(u"tradeDate"_s).toString(), u"2024-01-03"_s);
    QCOMPARE(rows[2].fields.value(u"amount"_s).toString(), u"1000"_s);
    QCOMPARE(rows[4].fields.value(u"name"_s).toString(), u"Retirement"_s);
    QCOMPARE(rows[6].fields.value(u"quantity"_s).toString(), u"4"_s);
    QVERIFY(!rows[6].deleted);
    QVERIFY(rows[7].deleted); // the delete: a tombstone with the record's fields
    QCOMPARE(rows[7].fields.value(u"quantity"_s).toString(), u"4"_s);
    QVERIFY(!rows[8].deleted); // the undo of the delete: the same record, live again
    QCOMPARE(rows[8].uuid, rows[7].uuid);

    // Each record's newest stamp is kept for the merge.
    QCOMPARE(countRows(db(), u"SELECT COUNT(*) FROM sync_record_clock"_s), 4);
    QCOMPARE(countRows(db(), u"SELECT hlc_wall FROM sync_record_clock WHERE record_uuid = '%1'"_s.arg(rows[8].uuid)),
             rows[8].wall);
    QCOMPARE(clockOf(db()), rows.back().stamp());
}

void TestChangeCapture::removingAPortfolioTombstonesItsEntries()
{
    const store::PortfolioRepository portfolios(db());
    const ledger::LedgerService ledger(db());
    auto portfolio = portfolios.add(portfolioNamed(u"Old"_s));
    PT_VERIFY_OK(portfolio);
    PT_VERIFY_OK(ledger.add(deposit(portfolio->id, "10")));
    PT_VERIFY_OK(ledger.add(deposit(portfolio->id, "20", QDate(2024, 2, 1))));
    const std::size_t before = outboxRows(db()).size();
    PT_VERIFY_OK(portfolios.remove(portfolio->id));
    const auto rows = outboxRows(db());
    QCOMPARE(rows.size(), before + 3);
    verifyIncreasingStamps(rows);
    for (std::size_t i = before; i < rows.size(); ++i)
        QVERIFY(rows[i].deleted);
    QCOMPARE(rows[before].kind, u"transaction"_s);
    QCOMPARE(rows[before + 1].kind, u"transaction"_s);
    QCOMPARE(rows.back().kind, u"portfolio"_s);
    QCOMPARE(rows.back().uuid, uuidOf(portfolio->stamp));
}

void TestChangeCapture::localOnlyColumnsAreNotChanges()
{
    auto asset = store::AssetRepository(db()).add(assetWithSymbol(u"AAPL"_s, u"USD"_s));
    PT_VERIFY_OK(asset);
    QSqlQuery query(db().connection());
    QVERIFY(query.exec(u"UPDATE asset SET tracked = 1"_s));
    QCOMPARE(outboxRows(db()).size(), std::size_t(1));
    // An update that changes nothing is no change either.
    QVERIFY(query.exec(u"UPDATE asset SET name = name"_s));
    QCOMPARE(outboxRows(db()).size(), std::size_t(1));
    // But any synced column is, whoever writes it.
    QVERIFY(query.exec(u"UPDATE asset SET exchange = 'NASDAQ'"_s));
    const auto rows = outboxRows(db());
    QCOMPARE(rows.size(), std::size_t(2));
    QCOMPARE(rows[1].fields.value(u"exchange"_s).toString(), u"NASDAQ"_s);
}

void TestChangeCapture::bulkInsertsAreRecorded()
{
    auto portfolio = store::PortfolioRepository(db()).add(portfolioNamed(u"Bulk"_s));
    PT_VERIFY_OK(portfolio);
    std::vector<Transaction> entries;
    for (int i = 0; i < 750; ++i)
        entries.push_back(deposit(portfolio->id, qPrintable(QString::number(i + 1)), QDate(2020, 1, 1).addDays(i)));
    // SQLite's raw fast path (sqlitetransactionwriter) and PostgreSQL's
    // multi-row INSERTs alike.
    PT_VERIFY_OK(store::TransactionRepository(db()).insertMany(entries));
    const auto rows = outboxRows(db());
    QCOMPARE(rows.size(), std::size_t(751));
    verifyIncreasingStamps(rows);
    QSet<QString> uuids;
    for (std::size_t i = 1; i < rows.size(); ++i) {
        QCOMPARE(rows[i].kind, u"transaction"_s);
        QCOMPARE(rows[i].fields.value(u"portfolio"_s).toString(), uuidOf(portfolio->stamp));
        uuids.insert(rows[i].uuid);
    }
    for (const Transaction &entry : entries)
        QVERIFY(uuids.contains(uuidOf(entry.stamp)));
    QCOMPARE(rows[1].fields.value(u"amount"_s).toString(), u"1"_s);
}

void TestChangeCapture::rolledBackWriteLeavesNothing()
{
    PT_VERIFY_OK(store::PortfolioRepository(db()).add(portfolioNamed(u"Kept"_s)));
    const auto clock = clockOf(db());
    const std::size_t before = outboxRows(db()).size();
    const auto failed = db().inTransaction([&]() -> Result<void> {
        auto added = store::PortfolioRepository(db()).add(portfolioNamed(u"Gone"_s));
        if (!added)
            return Error { added.error() };
        if (outboxRows(db()).size() != before + 1) // recorded inside the transaction…
            return Error { u"the change was not recorded in its transaction"_s };
        return Error { u"changed my mind"_s };
    });
    QCOMPARE(failed.error(), u"changed my mind"_s);
    // …and gone with it: no outbox row, no clock step.
    QCOMPARE(outboxRows(db()).size(), before);
    QCOMPARE(clockOf(db()), clock);
    QCOMPARE(countRows(db(), u"SELECT COUNT(*) FROM sync_record_clock"_s), 1);
    // A write the store itself refuses leaves nothing either.
    QVERIFY(!store::PortfolioRepository(db()).add(portfolioNamed(u"Kept"_s)));
    QCOMPARE(outboxRows(db()).size(), before);
    QCOMPARE(clockOf(db()), clock);
}

void TestChangeCapture::captureOffRecordsNothing()
{
    PT_VERIFY_OK(sync::SyncEngine(db()).disable());
    PT_VERIFY_OK(store::PortfolioRepository(db()).add(portfolioNamed(u"Offline"_s)));
    QCOMPARE(outboxRows(db()).size(), std::size_t(0));
    QCOMPARE(countRows(db(), u"SELECT COUNT(*) FROM sync_record_clock"_s), 0);

    // A store that never turned sync on records nothing at all.
    TemporaryStore never(u"never.sqlite"_s);
    PT_VERIFY_OK(store::PortfolioRepository(never.db()).add(portfolioNamed(u"Plain"_s)));
    QCOMPARE(countRows(never.db(), u"SELECT COUNT(*) FROM sync_outbox"_s), 0);
}

void TestChangeCapture::fieldsAreTheSameOnBothBackends()
{
    // Written by plain SQL, as any writer might: the same JSON on SQLite and
    // PostgreSQL (decimals without PostgreSQL's trailing zeros).
    QSqlQuery query(db().connection());
    QVERIFY2(query.exec(u"INSERT INTO portfolio (uuid, name, base_currency, cost_basis_method, created_at, "
                        "updated_at, deleted) VALUES ('11111111-1111-4111-8111-111111111111', 'Zürich \"Ä\"', 'CHF', "
                        "'average', 1700000000000, 1700000000001, 0)"_s),
             qPrintable(query.lastError().text()));
    QVERIFY2(query.exec(u"INSERT INTO asset (uuid, symbol, name, asset_class, currency, exchange, data_source, "
                        "source_id, synthetic, tracked, created_at, updated_at, deleted) VALUES "
                        "('22222222-2222-4222-8222-222222222222', 'BTC', 'Bitcoin', 'crypto', 'USD', '', 'coingecko', "
                        "'bitcoin', 1, 1, 1700000000002, 1700000000003, 0)"_s),
             qPrintable(query.lastError().text()));
    QVERIFY2(query.exec(u"INSERT INTO ledger_transaction (uuid, portfolio_id, type, trade_date, asset_id, "
                        "counterparty_portfolio_id, quantity, price, amount, fee, split_numerator, split_denominator, "
                        "currency, note, created_at, updated_at, deleted) SELECT "
                        "'33333333-3333-4333-8333-333333333333', p.id, 'buy', '2024-02-29', a.id, NULL, "
                        "'0.000000000001', '-98765432109876.123456789012', '1200', '0.5', NULL, NULL, 'USD', "
                        "'line\nbreak', 1700000000004, 1700000000005, 0 FROM portfolio p, asset a"_s),
             qPrintable(query.lastError().text()));
    const auto rows = outboxRows(db());
    QCOMPARE(rows.size(), std::size_t(3));
    const auto compact = [](const QJsonObject &object) {
        return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
    };
    QCOMPARE(compact(rows[0].fields),
             u"{\"baseCurrency\":\"CHF\",\"costBasisMethod\":\"average\",\"createdAt\":1700000000000,"
             "\"name\":\"Zürich \\\"Ä\\\"\",\"updatedAt\":1700000000001}"_s);
    QCOMPARE(compact(rows[1].fields),
             u"{\"assetClass\":\"crypto\",\"createdAt\":1700000000002,\"currency\":\"USD\",\"dataSource\":"
             "\"coingecko\",\"exchange\":\"\",\"name\":\"Bitcoin\",\"sourceId\":\"bitcoin\",\"symbol\":\"BTC\","
             "\"synthetic\":true,\"updatedAt\":1700000000003}"_s);
    QCOMPARE(compact(rows[2].fields),
             u"{\"amount\":\"1200\",\"asset\":\"22222222-2222-4222-8222-222222222222\",\"counterparty\":null,"
             "\"createdAt\":1700000000004,\"currency\":\"USD\",\"fee\":\"0.5\",\"note\":\"line\\nbreak\","
             "\"portfolio\":\"11111111-1111-4111-8111-111111111111\",\"price\":\"-98765432109876.123456789012\","
             "\"quantity\":\"0.000000000001\",\"splitDenominator\":null,\"splitNumerator\":null,"
             "\"tradeDate\":\"2024-02-29\",\"type\":\"buy\",\"updatedAt\":1700000000005}"_s);
    // The record states read for the first fill of an outbox are the same JSON.
    auto states = sync::readRecordStates(db());
    PT_VERIFY_OK(states);
    QCOMPARE(states->size(), std::size_t(3));
    for (std::size_t i = 0; i < 3; ++i)
        QCOMPARE(compact((*states)[i].fields), compact(rows[i].fields));
}

void TestChangeCapture::jsonImportIsRecordedAndCarriesNoSyncState()
{
    // A book with sync on, exported…
    const ledger::LedgerService ledger(db());
    auto portfolio = store::PortfolioRepository(db()).add(portfolioNamed(u"Exported"_s));
    PT_VERIFY_OK(portfolio);
    auto asset = store::AssetRepository(db()).add(assetWithSymbol(u"EXS1"_s));
    PT_VERIFY_OK(asset);
    PT_VERIFY_OK(ledger.add(deposit(portfolio->id, "500")));
    PT_VERIFY_OK(ledger.add(buy(portfolio->id, asset->id, "2", "100")));
    const QString path = m_store->path(u"book.json"_s);
    {
        QSaveFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        PT_VERIFY_OK(exchange::exportBook(db(), file));
        QVERIFY(file.commit());
    }
    auto document = exchange::BookDocument::read(path);
    PT_VERIFY_OK(document);

    // …into a store that never synced: the records, and no sync state.
    TemporaryStore plain(u"plain.sqlite"_s);
    PT_VERIFY_OK(exchange::importBook(plain.db(), *document, exchange::ImportMode::Add));
    QCOMPARE(countRows(plain.db(), u"SELECT COUNT(*) FROM sync_state"_s), 0);
    QCOMPARE(countRows(plain.db(), u"SELECT COUNT(*) FROM sync_outbox"_s), 0);
    QCOMPARE(countRows(plain.db(), u"SELECT COUNT(*) FROM sync_record_clock"_s), 0);

    // …into a store with sync on: one change per imported record.
    TemporaryStore synced(u"synced.sqlite"_s);
    PT_VERIFY_OK(sync::SyncEngine(synced.db()).enable(Account));
    PT_VERIFY_OK(exchange::importBook(synced.db(), *document, exchange::ImportMode::Add));
    auto rows = outboxRows(synced.db());
    QCOMPARE(rows.size(), std::size_t(4));
    verifyIncreasingStamps(rows);
    QCOMPARE(rows[0].uuid, uuidOf(portfolio->stamp));
    const auto original = outboxRows(db());
    for (const OutboxRow &row : rows) {
        const auto same
            = std::find_if(original.rbegin(), original.rend(), [&](const OutboxRow &o) { return o.uuid == row.uuid; });
        QVERIFY(same != original.rend());
        QCOMPARE(row.fields, same->fields); // the very same record, field for field
    }

    // Replacing the store (a restore) records what went and what came.
    PT_VERIFY_OK(store::PortfolioRepository(synced.db()).add(portfolioNamed(u"Not in the backup"_s)));
    const std::size_t before = outboxRows(synced.db()).size();
    PT_VERIFY_OK(exchange::importBook(synced.db(), *document, exchange::ImportMode::Replace));
    rows = outboxRows(synced.db());
    verifyIncreasingStamps(rows);
    int tombstones = 0;
    int live = 0;
    for (std::size_t i = before; i < rows.size(); ++i)
        (rows[i].deleted ? tombstones : live) += 1;
    QCOMPARE(tombstones, 5); // the five records the store held, removed…
    QCOMPARE(live, 4); // …and the backup's four, written again
}

void TestChangeCapture::csvImportCommitIsRecorded()
{
    auto portfolio = store::PortfolioRepository(db()).add(portfolioNamed(u"Broker"_s));
    PT_VERIFY_OK(portfolio);
    std::vector<Transaction> entries { deposit(portfolio->id, "100"),
                                       deposit(portfolio->id, "200", QDate(2024, 3, 1)) };
    auto outcome = io::commitImport(db(), portfolio->id, entries, { 1, 2 });
    PT_VERIFY_OK(outcome);
    QCOMPARE(outcome->added, 2);
    const auto rows = outboxRows(db());
    QCOMPARE(rows.size(), std::size_t(3));
    QCOMPARE(rows[1].fields.value(u"amount"_s).toString(), u"100"_s);
    QCOMPARE(rows[2].fields.value(u"amount"_s).toString(), u"200"_s);
}

void TestChangeCapture::copyStoreCarriesNoSyncState()
{
    auto portfolio = store::PortfolioRepository(db()).add(portfolioNamed(u"Moving"_s));
    PT_VERIFY_OK(portfolio);
    PT_VERIFY_OK(ledger::LedgerService(db()).add(deposit(portfolio->id, "1")));
    TemporaryStore target(u"target.sqlite"_s);
    auto copied = store::copyStore(db(), target.db());
    PT_VERIFY_OK(copied);
    QCOMPARE(countRows(target.db(), u"SELECT COUNT(*) FROM portfolio"_s), 1);
    // The copy is another store: no device id, clock, cursor or outbox of
    // this one; it starts its own sync when it signs in.
    for (const QString &table : { u"sync_state"_s, u"sync_outbox"_s, u"sync_record_clock"_s, u"sync_inbox"_s })
        QCOMPARE(countRows(target.db(), u"SELECT COUNT(*) FROM "_s + table), 0);
    // Nor its triggers: writing into the copy records nothing.
    PT_VERIFY_OK(store::PortfolioRepository(target.db()).add(portfolioNamed(u"Second"_s)));
    QCOMPARE(countRows(target.db(), u"SELECT COUNT(*) FROM sync_outbox"_s), 0);
}


void TestChangeCapture::longestAllowedRecordsFitOneSyncChange()
{
    // Names and notes are bounded so that every record fits in one sync
    // change (sync::MaxFieldsBytes, refused by the server beyond that): here
    // the worst text, control characters at six bytes each in JSON, at the
    // longest length each field allows.
    const auto worst = [](qsizetype length) { return QString(length, QChar(0x01)); };
    const store::PortfolioRepository portfolios(db());
    const store::AssetRepository assets(db());
    const ledger::LedgerService ledger(db());
    auto portfolio = portfolios.add(portfolioNamed(worst(200)));
    PT_VERIFY_OK(portfolio);
    Asset longAsset = assetWithSymbol(u"LONG"_s);
    longAsset.name = worst(200);
    longAsset.exchange = worst(40);
    longAsset.dataSource = worst(40);
    longAsset.sourceId = worst(200);
    PT_VERIFY_OK(assets.add(longAsset));
    Transaction entry = deposit(portfolio->id, "100");
    entry.note = worst(MaxNoteLength);
    PT_VERIFY_OK(ledger.add(entry));

    // One character more is refused, saying why.
    entry.note = worst(MaxNoteLength + 1);
    const auto refused = ledger.add(entry);
    QVERIFY(!refused);
    QVERIFY2(refused.error().startsWith(u"note: 2001 characters long"_s), qPrintable(refused.error()));
    Asset tooLong = assetWithSymbol(u"LONGER"_s);
    tooLong.name = worst(201);
    QVERIFY(!assets.add(tooLong));

    const auto rows = outboxRows(db());
    QCOMPARE(rows.size(), std::size_t(3));
    for (const OutboxRow &row : rows) {
        const qsizetype size = QJsonDocument(row.fields).toJson(QJsonDocument::Compact).size();
        QVERIFY2(size <= sync::MaxFieldsBytes, qPrintable(u"%1: %2 bytes"_s.arg(row.kind).arg(size)));
    }
}

QTEST_GUILESS_MAIN(TestChangeCapture)
#include "tst_changecapture.moc"
