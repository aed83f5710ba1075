// Tracking follows the ledger (C4): a first buy of an asset with a data source
// tracks it and queues its backfill from a year before its first entry; an
// earlier entry asks for the missing days; selling out untracks it and keeps
// its history; generated assets and assets without a source are left alone.

#include "testsupport.h"

#include "ledger/ledgerservice.h"
#include "store/assetrepository.h"
#include "store/database.h"
#include "store/jobrepository.h"
#include "store/portfoliorepository.h"
#include "store/pricerepository.h"

#include <QSqlQuery>

using namespace pt;
using namespace pt::store;
using pt::ledger::LedgerService;
using pt::test::dec;

class TestTracking : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TemporaryStore> m_store;
    Portfolio m_main;
    Portfolio m_other;

    Asset addAsset(const QString &symbol, const QString &source, bool synthetic = false) const
    {
        Asset asset;
        asset.symbol = symbol;
        asset.name = symbol;
        asset.currency = QStringLiteral("USD");
        asset.dataSource = source;
        asset.synthetic = synthetic;
        return *AssetRepository(m_store->db()).add(asset);
    }

    Transaction trade(const Portfolio &portfolio, TransactionType type, const Asset &asset, QDate date,
                      const char *quantity) const
    {
        Transaction t;
        t.portfolioId = portfolio.id;
        t.type = type;
        t.date = date;
        t.assetId = asset.id;
        t.quantity = dec(quantity);
        t.price = dec("100");
        t.currency = asset.currency;
        return t;
    }

    bool tracked(const Asset &asset) const { return AssetRepository(m_store->db()).find(asset.id)->tracked; }
    std::vector<Job> jobs() const { return *JobRepository(m_store->db()).list(); }
    std::vector<Job> backfillsOf(const Asset &asset) const
    {
        std::vector<Job> found;
        for (const Job &job : jobs()) {
            if (job.kind == Job::Kind::Backfill && job.assetId == asset.id)
                found.push_back(job);
        }
        return found;
    }
    void finishJobs() const
    {
        const JobRepository repository(m_store->db());
        while (auto claimed = *repository.claimNext(QDateTime::currentMSecsSinceEpoch()))
            QVERIFY(repository.markDone(claimed->id, {}));
    }

private Q_SLOTS:
    void init()
    {
        m_store = std::make_unique<test::TemporaryStore>();
        Portfolio main;
        main.name = QStringLiteral("Main");
        m_main = *PortfolioRepository(m_store->db()).add(main);
        Portfolio other;
        other.name = QStringLiteral("Other");
        m_other = *PortfolioRepository(m_store->db()).add(other);
    }

    void firstBuyTracksAndQueuesABackfillFromAYearBefore()
    {
        const Asset acme = addAsset(QStringLiteral("ACME"), QStringLiteral("yahoo"));
        QVERIFY(!tracked(acme));
        const LedgerService ledger(m_store->db());
        PT_VERIFY_OK(ledger.add(trade(m_main, TransactionType::Buy, acme, QDate(2024, 3, 10), "10")));
        QVERIFY(tracked(acme));
        auto backfills = backfillsOf(acme);
        QCOMPARE(backfills.size(), size_t(1));
        QCOMPARE(backfills[0].source, QStringLiteral("yahoo"));
        QCOMPARE(backfills[0].rangeFrom, QDate(2023, 3, 10));
        QCOMPARE(backfills[0].rangeTo, QDate::currentDate());
        QCOMPARE(backfills[0].state, Job::State::Pending);

        // A later buy needs nothing new.
        PT_VERIFY_OK(ledger.add(trade(m_main, TransactionType::Buy, acme, QDate(2024, 5, 2), "1")));
        QCOMPARE(jobs().size(), size_t(1));

        // An earlier one while the backfill still waits: the same job, widened.
        PT_VERIFY_OK(ledger.add(trade(m_other, TransactionType::Buy, acme, QDate(2024, 1, 5), "1")));
        backfills = backfillsOf(acme);
        QCOMPARE(backfills.size(), size_t(1));
        QCOMPARE(backfills[0].rangeFrom, QDate(2023, 1, 5));
        QCOMPARE(backfills[0].rangeTo, QDate::currentDate());

        // Once it ran, an even earlier entry asks for only the missing days.
        finishJobs();
        PT_VERIFY_OK(ledger.add(trade(m_main, TransactionType::Buy, acme, QDate(2023, 6, 1), "1")));
        backfills = backfillsOf(acme);
        QCOMPARE(backfills.size(), size_t(2));
        QCOMPARE(backfills[0].state, Job::State::Pending); // newest first
        QCOMPARE(backfills[0].rangeFrom, QDate(2022, 6, 1));
        QCOMPARE(backfills[0].rangeTo, QDate(2023, 1, 4));
    }

    void generatedAndUnsourcedAssetsAreNotTracked()
    {
        const Asset generated = addAsset(QStringLiteral("SYN1"), QStringLiteral("yahoo"), true);
        const Asset manual = addAsset(QStringLiteral("HOUSE"), QString());
        const LedgerService ledger(m_store->db());
        PT_VERIFY_OK(ledger.add(trade(m_main, TransactionType::Buy, generated, QDate(2024, 3, 10), "1")));
        PT_VERIFY_OK(ledger.add(trade(m_main, TransactionType::Buy, manual, QDate(2024, 3, 10), "1")));
        QVERIFY(!tracked(generated));
        QVERIFY(!tracked(manual));
        QCOMPARE(jobs().size(), size_t(0));
    }

    void sellingEverythingUntracksAndKeepsTheHistory()
    {
        const Asset acme = addAsset(QStringLiteral("ACME"), QStringLiteral("yahoo"));
        const LedgerService ledger(m_store->db());
        PT_VERIFY_OK(ledger.add(trade(m_main, TransactionType::Buy, acme, QDate(2024, 3, 10), "10")));
        PT_VERIFY_OK(ledger.add(trade(m_other, TransactionType::Buy, acme, QDate(2024, 3, 11), "5")));
        DailyPrice bar;
        bar.date = QDate(2024, 3, 11);
        bar.close = dec("101");
        const PriceRecord row{acme.id, bar};
        PT_VERIFY_OK(PriceRepository(m_store->db()).upsertMany({&row, 1}, u"yahoo"));

        // Sold out of one portfolio, still held in the other: still tracked.
        PT_VERIFY_OK(ledger.add(trade(m_main, TransactionType::Sell, acme, QDate(2024, 4, 1), "10")));
        QVERIFY(tracked(acme));
        // Sold out everywhere: untracked, history kept.
        auto lastSell = ledger.add(trade(m_other, TransactionType::Sell, acme, QDate(2024, 4, 2), "5"));
        PT_VERIFY_OK(lastSell);
        QVERIFY(!tracked(acme));
        QCOMPARE(*PriceRepository(m_store->db()).count(acme.id), std::int64_t(1));

        // Deleting that sell holds it again: tracked again, without a second
        // backfill while the first still waits.
        PT_VERIFY_OK(ledger.remove(lastSell->id));
        QVERIFY(tracked(acme));
        QCOMPARE(backfillsOf(acme).size(), size_t(1));
    }

    void deletingTheOnlyBuyUntracks()
    {
        const Asset acme = addAsset(QStringLiteral("ACME"), QStringLiteral("yahoo"));
        const LedgerService ledger(m_store->db());
        auto buy = ledger.add(trade(m_main, TransactionType::Buy, acme, QDate(2024, 3, 10), "10"));
        PT_VERIFY_OK(buy);
        QVERIFY(tracked(acme));
        PT_VERIFY_OK(ledger.remove(buy->id));
        QVERIFY(!tracked(acme));
    }

    void editingABuyEarlierAsksForTheMissingDays()
    {
        const Asset acme = addAsset(QStringLiteral("ACME"), QStringLiteral("yahoo"));
        const LedgerService ledger(m_store->db());
        auto buy = ledger.add(trade(m_main, TransactionType::Buy, acme, QDate(2024, 3, 10), "10"));
        PT_VERIFY_OK(buy);
        finishJobs();
        Transaction earlier = *buy;
        earlier.date = QDate(2023, 9, 1);
        PT_VERIFY_OK(ledger.edit(earlier));
        const auto backfills = backfillsOf(acme);
        QCOMPARE(backfills.size(), size_t(2));
        QCOMPARE(backfills[0].rangeFrom, QDate(2022, 9, 1));
        QCOMPARE(backfills[0].rangeTo, QDate(2023, 3, 9));
    }

    void aRefusedEntryTracksNothing()
    {
        const Asset acme = addAsset(QStringLiteral("ACME"), QStringLiteral("yahoo"));
        const LedgerService ledger(m_store->db());
        // Selling what was never bought is refused: no flag, no job.
        QVERIFY(!ledger.add(trade(m_main, TransactionType::Sell, acme, QDate(2024, 3, 10), "1")));
        QVERIFY(!tracked(acme));
        QCOMPARE(jobs().size(), size_t(0));
    }
};

QTEST_GUILESS_MAIN(TestTracking)
#include "tst_tracking.moc"
