#include "../common/testsupport.h"

#include "store/assetrepository.h"
#include "store/portfoliorepository.h"
#include "store/pricerepository.h"
#include "store/transactionrepository.h"

#include <QSqlQuery>

#include <set>

using namespace pt;
using namespace pt::store;
using pt::test::dec;

namespace {

Asset makeAsset(const QString &symbol, const QString &currency = QStringLiteral("USD"))
{
    Asset asset;
    asset.symbol = symbol;
    asset.name = symbol + QStringLiteral(" Inc.");
    asset.currency = currency;
    return asset;
}

int rawCount(const Database &db, const QString &sql)
{
    QSqlQuery query(db.connection());
    if (!query.exec(sql) || !query.next())
        return -1;
    return query.value(0).toInt();
}

} // namespace

class TestRepositories : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void portfolioLifecycle()
    {
        test::TemporaryStore store;
        const PortfolioRepository repository(store.db());
        Portfolio portfolio;
        portfolio.name = QStringLiteral("  Retirement ");
        portfolio.baseCurrency = QStringLiteral("CHF");
        portfolio.costBasisMethod = CostBasisMethod::AverageCost;
        auto added = repository.add(portfolio);
        QVERIFY2(added, qPrintable(added.ok() ? QString() : added.error()));
        QCOMPARE(added->name, QStringLiteral("Retirement"));
        QVERIFY(!added->stamp.uuid.isNull());
        QVERIFY(added->stamp.createdAt > 0);
        QCOMPARE(added->stamp.updatedAt, added->stamp.createdAt);

        auto found = repository.findByReference(QStringLiteral("Retirement"));
        QVERIFY(found);
        QCOMPARE(found->stamp.uuid, added->stamp.uuid);
        QCOMPARE(found->costBasisMethod, CostBasisMethod::AverageCost);
        QCOMPARE(found->baseCurrency, QStringLiteral("CHF"));
        const QString uuidPrefix = added->stamp.uuid.toString(QUuid::WithoutBraces).left(8);
        QVERIFY(repository.findByReference(uuidPrefix));

        Portfolio renamed = *found;
        renamed.name = QStringLiteral("Pension");
        auto updated = repository.update(renamed);
        QVERIFY(updated);
        QVERIFY(updated->stamp.updatedAt > added->stamp.updatedAt);
        QCOMPARE(repository.find(added->id)->name, QStringLiteral("Pension"));

        QVERIFY(repository.remove(added->id));
        QCOMPARE(repository.list()->size(), size_t(0));
        // A tombstone, not a physical delete: the row is still there for sync.
        QCOMPARE(rawCount(store.db(), QStringLiteral("SELECT COUNT(*) FROM portfolio WHERE deleted = 1")), 1);
        QVERIFY(!repository.findByReference(QStringLiteral("Pension")));
    }

    void portfolioValidation_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("currency");
        QTest::addColumn<QString>("expected");
        QTest::newRow("no name") << QString() << QStringLiteral("EUR") << QStringLiteral("name:");
        QTest::newRow("blank name") << QStringLiteral("   ") << QStringLiteral("EUR") << QStringLiteral("name:");
        QTest::newRow("bad currency") << QStringLiteral("A") << QStringLiteral("euro") << QStringLiteral("'euro'");
        QTest::newRow("duplicate") << QStringLiteral("Existing") << QStringLiteral("EUR")
                                   << QStringLiteral("already exists");
    }
    void portfolioValidation()
    {
        QFETCH(QString, name);
        QFETCH(QString, currency);
        QFETCH(QString, expected);
        test::TemporaryStore store;
        const PortfolioRepository repository(store.db());
        Portfolio existing;
        existing.name = QStringLiteral("Existing");
        QVERIFY(repository.add(existing));
        Portfolio portfolio;
        portfolio.name = name;
        portfolio.baseCurrency = currency;
        auto refused = repository.add(portfolio);
        QVERIFY(!refused);
        QVERIFY2(refused.error().contains(expected), qPrintable(refused.error()));
        QCOMPARE(repository.list()->size(), size_t(1));
    }

    void assetCatalog()
    {
        test::TemporaryStore store;
        const AssetRepository repository(store.db());
        Asset btc = makeAsset(QStringLiteral("BTC-USD"));
        btc.assetClass = AssetClass::Crypto;
        btc.dataSource = QStringLiteral("coingecko");
        btc.sourceId = QStringLiteral("bitcoin");
        auto added = repository.add(btc);
        PT_VERIFY_OK(added);
        auto found = repository.findByReference(QStringLiteral("btc-usd"));
        QVERIFY(found);
        QCOMPARE(found->assetClass, AssetClass::Crypto);
        QCOMPARE(found->sourceId, QStringLiteral("bitcoin"));
        QVERIFY(!found->synthetic);

        auto duplicate = repository.add(makeAsset(QStringLiteral("BTC-USD")));
        QVERIFY(!duplicate);
        QVERIFY(duplicate.error().contains(u"already"));

        // The same symbol on another exchange is another asset, and a bare
        // symbol then no longer names one asset.
        Asset onXetra = makeAsset(QStringLiteral("BTC-USD"), QStringLiteral("EUR"));
        onXetra.exchange = QStringLiteral("XETRA");
        QVERIFY(repository.add(onXetra));
        auto ambiguous = repository.findByReference(QStringLiteral("BTC-USD"));
        QVERIFY(!ambiguous);
        QVERIFY(ambiguous.error().contains(u"several exchanges"));

        auto badCurrency = repository.add(makeAsset(QStringLiteral("X"), QStringLiteral("us dollar")));
        QVERIFY(!badCurrency);
        QVERIFY(badCurrency.error().startsWith(u"currency:"));
    }

    void manyAssetsInOneGo()
    {
        test::TemporaryStore store;
        const AssetRepository repository(store.db());
        std::vector<Asset> assets;
        for (int i = 0; i < 50; ++i)
            assets.push_back(makeAsset(QStringLiteral("S%1").arg(i)));
        assets.push_back(makeAsset(QStringLiteral("S7"))); // a duplicate at the end
        QVERIFY(!repository.addMany(assets));
        QCOMPARE(repository.list()->size(), size_t(0)); // all or nothing
        assets.pop_back();
        PT_VERIFY_OK(repository.addMany(assets));
        QCOMPARE(repository.list()->size(), size_t(50));
        QVERIFY(assets.back().id != 0);
    }

    void transactionsRoundTripExactly()
    {
        test::TemporaryStore store;
        Portfolio portfolio;
        portfolio.name = QStringLiteral("P");
        const auto p = PortfolioRepository(store.db()).add(portfolio);
        const auto a = AssetRepository(store.db()).add(makeAsset(QStringLiteral("BTC"), QStringLiteral("USD")));
        QVERIFY(p && a);
        const TransactionRepository repository(store.db());
        Transaction buy;
        buy.portfolioId = p->id;
        buy.assetId = a->id;
        buy.type = TransactionType::Buy;
        buy.date = QDate(2024, 2, 29);
        buy.quantity = dec("0.00000001");
        buy.price = dec("123456789012345.123456789012");
        buy.fee = dec("0.01");
        buy.currency = QStringLiteral("USD");
        buy.note = QStringLiteral("one satoshi");
        auto saved = repository.insert(buy);
        QVERIFY(saved);
        auto loaded = repository.findByReference(saved->stamp.uuid.toString(QUuid::WithoutBraces));
        QVERIFY(loaded);
        QCOMPARE(loaded->quantity.toString(), QStringLiteral("0.00000001"));
        QCOMPARE(loaded->price.toString(), QStringLiteral("123456789012345.123456789012"));
        QCOMPARE(loaded->fee.toString(), QStringLiteral("0.01"));
        QCOMPARE(loaded->amount.toString(), QStringLiteral("0"));
        QCOMPARE(loaded->date, QDate(2024, 2, 29));
        QCOMPARE(loaded->note, QStringLiteral("one satoshi"));
        QCOMPARE(loaded->type, TransactionType::Buy);

        QVERIFY(repository.markDeleted(saved->id));
        QCOMPARE(repository.list(p->id)->size(), size_t(0));
        QVERIFY(repository.find(saved->id)->stamp.deleted);
        QVERIFY(!repository.markDeleted(saved->id)); // already gone
    }

    void insertManyKeepsOrderAndIsAtomic()
    {
        test::TemporaryStore store;
        Portfolio portfolio;
        portfolio.name = QStringLiteral("P");
        const auto p = PortfolioRepository(store.db()).add(portfolio);
        const TransactionRepository repository(store.db());
        std::vector<Transaction> entries;
        for (int i = 0; i < 100; ++i) {
            Transaction deposit;
            deposit.portfolioId = p->id;
            deposit.type = TransactionType::Deposit;
            deposit.date = QDate(2024, 1, 1);
            deposit.amount = Decimal(i + 1);
            deposit.currency = QStringLiteral("EUR");
            entries.push_back(deposit);
        }
        PT_VERIFY_OK(repository.insertMany(entries));
        const auto listed = repository.list(p->id);
        QCOMPARE(listed->size(), size_t(100));
        for (int i = 0; i < 100; ++i) // same day: replayed in the order given
            QCOMPARE(listed->at(size_t(i)).amount, Decimal(i + 1));

        std::vector<Transaction> broken(3, entries.front());
        for (Transaction &t : broken)
            t.stamp = {};
        broken[2].portfolioId = 4242; // violates the foreign key
        QVERIFY(!repository.insertMany(broken));
        QCOMPARE(repository.list(p->id)->size(), size_t(100));
    }

    void pricesUpsertIsIdempotent()
    {
        test::TemporaryStore store;
        const auto a = AssetRepository(store.db()).add(makeAsset(QStringLiteral("AAPL")));
        const PriceRepository prices(store.db());
        std::vector<PriceRecord> rows;
        for (int day = 1; day <= 5; ++day) {
            PriceRecord row;
            row.assetId = a->id;
            row.bar.date = QDate(2024, 3, day);
            row.bar.open = dec("170.1");
            row.bar.close = Decimal(170 + day);
            row.bar.volume = Decimal(1000000);
            rows.push_back(row);
        }
        QVERIFY(prices.upsertMany(rows, u"csv"));
        QVERIFY(prices.upsertMany(rows, u"csv"));
        QCOMPARE(*prices.count(a->id), std::int64_t(5));

        rows[2].bar.close = dec("999.99");
        QVERIFY(prices.upsertMany(rows, u"csv"));
        const auto bars = prices.list(a->id, QDate(2024, 3, 2), QDate(2024, 3, 4));
        QVERIFY(bars);
        QCOMPARE(bars->size(), size_t(3));
        QCOMPARE(bars->at(1).close.toString(), QStringLiteral("999.99"));
        QCOMPARE(bars->at(0).open.toString(), QStringLiteral("170.1"));
        QCOMPARE(bars->at(0).high.toString(), QStringLiteral("0")); // absent stays absent
    }

    // Enough bars for several of the bulk path's statements, a day given twice
    // (the last bar of it wins, as a row-by-row upsert would leave it).
    void manyPricesInBatchesLastBarOfADayWins()
    {
        test::TemporaryStore store;
        const auto a = AssetRepository(store.db()).add(makeAsset(QStringLiteral("A")));
        const auto b = AssetRepository(store.db()).add(makeAsset(QStringLiteral("B")));
        const PriceRepository prices(store.db());
        std::vector<PriceRecord> rows;
        const QDate first(2010, 1, 1);
        for (const RowId asset : { a->id, b->id }) {
            for (int day = 0; day < 2600; ++day) {
                PriceRecord row;
                row.assetId = asset;
                row.bar.date = first.addDays(day);
                row.bar.close = Decimal(100 + day % 50) + dec("0.125");
                row.bar.volume = Decimal(day);
                rows.push_back(row);
            }
        }
        PriceRecord again = rows[3000];
        again.bar.close = dec("1.5");
        rows.push_back(again);
        PT_VERIFY_OK(prices.upsertMany(rows, u"csv"));
        QCOMPARE(*prices.count(), std::int64_t(5200));
        QCOMPARE(*prices.count(b->id), std::int64_t(2600));
        const auto bars = prices.list(b->id);
        QCOMPARE(bars->size(), size_t(2600));
        QCOMPARE(bars->at(400).close.toString(), QStringLiteral("1.5"));
        QCOMPARE(bars->at(401).close, Decimal(100 + 401 % 50) + dec("0.125"));
        QCOMPARE(bars->at(0).volume.toString(), QStringLiteral("0")); // zero is absent, reads as zero
        QCOMPARE(bars->back().date, first.addDays(2599));
        const auto closes = prices.closes({ a->id, b->id }, first.addDays(9));
        QCOMPARE(closes->at(a->id).size(), size_t(10));
        QCOMPARE(closes->at(b->id).back().close, Decimal(109) + dec("0.125"));
    }

    void manyEntriesGetTheirIds()
    {
        test::TemporaryStore store;
        Portfolio portfolio;
        portfolio.name = QStringLiteral("P");
        const auto p = PortfolioRepository(store.db()).add(portfolio);
        std::vector<Transaction> entries(1234);
        for (size_t i = 0; i < entries.size(); ++i) {
            entries[i].portfolioId = p->id;
            entries[i].type = TransactionType::Deposit;
            entries[i].date = QDate(2024, 1, 1).addDays(qint64(i % 7));
            entries[i].amount = Decimal(int(i) + 1);
            entries[i].currency = QStringLiteral("EUR");
            entries[i].note = i % 2 ? QStringLiteral("it's \\ \"quoted\" \u00e9") : QString();
        }
        const TransactionRepository repository(store.db());
        PT_VERIFY_OK(repository.insertMany(entries));
        std::set<RowId> ids;
        for (const Transaction &t : entries) {
            QVERIFY(t.id > 0);
            ids.insert(t.id);
            const auto found = repository.find(t.id);
            PT_VERIFY_OK(found);
            QCOMPARE(found->stamp.uuid, t.stamp.uuid);
            QCOMPARE(found->amount, t.amount);
            QCOMPARE(found->note, t.note);
        }
        QCOMPARE(ids.size(), entries.size());
    }

    void badPricesWriteNothing()
    {
        test::TemporaryStore store;
        const auto a = AssetRepository(store.db()).add(makeAsset(QStringLiteral("AAPL")));
        const PriceRepository prices(store.db());
        std::vector<PriceRecord> rows(3);
        for (int i = 0; i < 3; ++i) {
            rows[size_t(i)].assetId = a->id;
            rows[size_t(i)].bar.date = QDate(2024, 3, i + 1);
            rows[size_t(i)].bar.close = Decimal(10);
        }
        rows[2].bar.close = Decimal(-1);
        auto refused = prices.upsertMany(rows, u"csv");
        QVERIFY(!refused);
        QVERIFY2(refused.error().contains(u"2024-03-03"), qPrintable(refused.error()));
        QCOMPARE(*prices.count(a->id), std::int64_t(0));

        // The asset must exist (the check the table leaves to its writer).
        rows[2].bar.close = Decimal(10);
        rows[1].assetId = a->id + 100;
        refused = prices.upsertMany(rows, u"csv");
        QVERIFY(!refused);
        QVERIFY2(refused.error().contains(QString::number(a->id + 100)), qPrintable(refused.error()));
        QCOMPARE(*prices.count(), std::int64_t(0));
    }

    void pricesKeepExactValuesOfEveryShape_data()
    {
        QTest::addColumn<QString>("value");
        QTest::newRow("ordinary price") << QStringLiteral("172.35");
        QTest::newRow("eight decimals") << QStringLiteral("0.00000001");
        QTest::newRow("twelve decimals (stored as text)") << QStringLiteral("0.000000012345");
        QTest::newRow("large volume") << QStringLiteral("92233720368.54775807");
        QTest::newRow("beyond 64 bits (stored as text)") << QStringLiteral("92233720368.54775808");
        QTest::newRow("huge") << QStringLiteral("123456789012345678901234.5");
    }
    void pricesKeepExactValuesOfEveryShape()
    {
        QFETCH(QString, value);
        test::TemporaryStore store;
        const auto a = AssetRepository(store.db()).add(makeAsset(QStringLiteral("X")));
        PriceRecord row;
        row.assetId = a->id;
        row.bar.date = QDate(1999, 12, 31);
        row.bar.close = *Decimal::parse(value);
        row.bar.volume = *Decimal::parse(value);
        PT_VERIFY_OK(PriceRepository(store.db()).upsertMany({&row, 1}, u"test"));
        const auto bars = PriceRepository(store.db()).list(a->id);
        QCOMPARE(bars->size(), size_t(1));
        QCOMPARE(bars->front().date, QDate(1999, 12, 31));
        QCOMPARE(bars->front().close.toString(), value);
        QCOMPARE(bars->front().volume.toString(), value);
        // The day SQLite derives from the key agrees with the store's own reading.
        QSqlQuery query(store.db().connection());
        QVERIFY(query.exec(QStringLiteral("SELECT day FROM daily_price")) && query.next());
        QCOMPARE(query.value(0).toString(), QStringLiteral("1999-12-31"));
    }
};

QTEST_GUILESS_MAIN(TestRepositories)
#include "tst_repositories.moc"
