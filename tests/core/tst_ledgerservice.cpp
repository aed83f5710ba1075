#include "../common/testsupport.h"

#include "ledger/ledgerservice.h"
#include "store/assetrepository.h"
#include "store/portfoliorepository.h"
#include "store/transactionrepository.h"

using namespace pt;
using namespace pt::store;
using pt::ledger::LedgerService;
using pt::test::dec;

// The ledger as the app and the CLI change it: every change is checked by
// replaying the books with it applied, and a refused change writes nothing.
class TestLedgerService : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TemporaryStore> m_store;
    Portfolio m_main;
    Portfolio m_other;
    Asset m_stock;

    Transaction trade(TransactionType type, QDate date, const char *quantity, const char *price) const
    {
        Transaction t;
        t.portfolioId = m_main.id;
        t.type = type;
        t.date = date;
        t.assetId = m_stock.id;
        t.quantity = dec(quantity);
        t.price = dec(price);
        t.currency = m_stock.currency;
        return t;
    }

    std::vector<Transaction> stored() const { return *TransactionRepository(m_store->db()).list(); }

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
        Asset stock;
        stock.symbol = QStringLiteral("ACME");
        stock.name = QStringLiteral("Acme Corp");
        stock.currency = QStringLiteral("EUR");
        m_stock = *AssetRepository(m_store->db()).add(stock);
    }

    void addEditRemove()
    {
        const LedgerService service(m_store->db());
        auto buy = service.add(trade(TransactionType::Buy, QDate(2024, 1, 10), "10", "50"));
        PT_VERIFY_OK(buy);
        QVERIFY(!buy->stamp.uuid.isNull());
        auto books = service.books(m_main.id);
        PT_VERIFY_OK(books);
        QCOMPARE(books->size(), size_t(1));
        QCOMPARE(books->front().positions.at(m_stock.id).quantity.toString(), QStringLiteral("10"));
        // 10 x 50 = 500 paid out of a portfolio with no deposits: cash -500.
        QCOMPARE(books->front().cash.at(QStringLiteral("EUR")).toString(), QStringLiteral("-500"));

        Transaction edited = *buy;
        edited.quantity = dec("12");
        PT_VERIFY_OK(service.edit(edited));
        QCOMPARE(service.books(m_main.id)->front().positions.at(m_stock.id).quantity.toString(),
                 QStringLiteral("12"));

        PT_VERIFY_OK(service.remove(buy->id));
        QCOMPARE(stored().size(), size_t(0));
    }

    void restoreBringsADeletedEntryBackWithItsUuid()
    {
        const LedgerService service(m_store->db());
        auto buy = service.add(trade(TransactionType::Buy, QDate(2024, 1, 10), "10", "50"));
        PT_VERIFY_OK(service.remove(buy->id));
        auto restored = service.restore(buy->id);
        PT_VERIFY_OK(restored);
        QCOMPARE(restored->stamp.uuid, buy->stamp.uuid);
        QVERIFY(restored->stamp.updatedAt > buy->stamp.updatedAt);
        QCOMPARE(stored().size(), size_t(1));
        QCOMPARE(service.books(m_main.id)->front().positions.at(m_stock.id).quantity.toString(), QStringLiteral("10"));
        // Only a deleted entry can be restored.
        QVERIFY(!service.restore(buy->id));
    }

    void restoringASellThatNoLongerFitsIsRefused()
    {
        const LedgerService service(m_store->db());
        auto buy = service.add(trade(TransactionType::Buy, QDate(2024, 1, 10), "10", "50"));
        auto sell = service.add(trade(TransactionType::Sell, QDate(2024, 2, 1), "8", "60"));
        PT_VERIFY_OK(service.remove(sell->id));
        Transaction smaller = *buy;
        smaller.quantity = dec("5");
        PT_VERIFY_OK(service.edit(smaller));
        // Selling 8 of 5 held: the deleted sell cannot come back.
        auto refused = service.restore(sell->id);
        QVERIFY(!refused);
        QVERIFY2(refused.error().startsWith(u"cannot bring this entry back"), qPrintable(refused.error()));
        QCOMPARE(stored().size(), size_t(1));
    }

    void sellingMoreThanHeldIsRefusedAndWritesNothing()
    {
        const LedgerService service(m_store->db());
        PT_VERIFY_OK(service.add(trade(TransactionType::Buy, QDate(2024, 1, 10), "10", "50")));
        auto refused = service.add(trade(TransactionType::Sell, QDate(2024, 2, 1), "15", "60"));
        QVERIFY(!refused);
        QVERIFY2(refused.error().contains(u"ACME") && refused.error().contains(u"15")
                     && refused.error().contains(u"10"),
                 qPrintable(refused.error()));
        QCOMPARE(stored().size(), size_t(1));
    }

    void sellBeforeTheBuyIsRefused()
    {
        const LedgerService service(m_store->db());
        PT_VERIFY_OK(service.add(trade(TransactionType::Buy, QDate(2024, 3, 1), "10", "50")));
        // Backdated: on 2024-02-01 nothing was held yet.
        QVERIFY(!service.add(trade(TransactionType::Sell, QDate(2024, 2, 1), "5", "60")));
        QCOMPARE(stored().size(), size_t(1));
    }

    void editThatBreaksALaterSellIsRefused()
    {
        const LedgerService service(m_store->db());
        auto buy = service.add(trade(TransactionType::Buy, QDate(2024, 1, 10), "10", "50"));
        PT_VERIFY_OK(service.add(trade(TransactionType::Sell, QDate(2024, 2, 1), "8", "60")));
        Transaction smaller = *buy;
        smaller.quantity = dec("5");
        auto refused = service.edit(smaller);
        QVERIFY(!refused);
        QCOMPARE(TransactionRepository(m_store->db()).find(buy->id)->quantity.toString(), QStringLiteral("10"));
    }

    void deletingABuyThatASellNeedsIsRefused()
    {
        const LedgerService service(m_store->db());
        auto buy = service.add(trade(TransactionType::Buy, QDate(2024, 1, 10), "10", "50"));
        PT_VERIFY_OK(service.add(trade(TransactionType::Sell, QDate(2024, 2, 1), "8", "60")));
        auto refused = service.remove(buy->id);
        QVERIFY(!refused);
        QVERIFY2(refused.error().startsWith(u"cannot delete"), qPrintable(refused.error()));
        QCOMPARE(stored().size(), size_t(2));
    }

    void transfersLinkBooks()
    {
        const LedgerService service(m_store->db());
        PT_VERIFY_OK(service.add(trade(TransactionType::Buy, QDate(2024, 1, 10), "10", "50")));
        Transaction transfer = trade(TransactionType::Transfer, QDate(2024, 2, 1), "4", "0");
        transfer.price = Decimal();
        transfer.counterpartyPortfolioId = m_other.id;
        PT_VERIFY_OK(service.add(transfer));
        // The receiving portfolio sells what it received: allowed only because the
        // service replays the linked book too.
        Transaction sell = trade(TransactionType::Sell, QDate(2024, 3, 1), "4", "70");
        sell.portfolioId = m_other.id;
        PT_VERIFY_OK(service.add(sell));
        Transaction tooMuch = sell;
        tooMuch.quantity = dec("1");
        QVERIFY(!service.add(tooMuch));

        const auto other = service.books(m_other.id);
        PT_VERIFY_OK(other);
        QCOMPARE(other->size(), size_t(1));
        const auto &position = other->front().positions.at(m_stock.id);
        QCOMPARE(position.quantity.toString(), QStringLiteral("0"));
        // 4 units carried at 50 each = 200; sold for 4 x 70 = 280: gain 80.
        QCOMPARE(position.realizedGain.toString(), QStringLiteral("80"));
    }

    void invalidEntriesNameTheField()
    {
        const LedgerService service(m_store->db());
        Transaction bad = trade(TransactionType::Buy, QDate(2024, 1, 10), "-1", "50");
        auto refused = service.add(bad);
        QVERIFY(!refused);
        QVERIFY2(refused.error().contains(u"quantity"), qPrintable(refused.error()));
        bad = trade(TransactionType::Buy, QDate(2024, 1, 10), "1", "50");
        bad.assetId = 777;
        QVERIFY(!service.add(bad));
        QCOMPARE(stored().size(), size_t(0));
    }
};

QTEST_GUILESS_MAIN(TestLedgerService)
#include "tst_ledgerservice.moc"
