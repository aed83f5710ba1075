#include "../common/testsupport.h"

#include "generator/samplebook.h"
#include "ledger/ledgerservice.h"
#include "store/assetrepository.h"
#include "store/corporateactionrepository.h"
#include "store/portfoliorepository.h"
#include "store/pricerepository.h"
#include "store/transactionrepository.h"
#include "valuation/valuator.h"

#include <QSqlQuery>
#include <QSqlRecord>

#include <set>

using namespace pt;
using namespace pt::store;
using pt::ledger::LedgerService;
using namespace Qt::StringLiterals;

// The first run's sample portfolio (C6): made-up assets and prices that value
// completely offline, written and removed all or nothing.
class TestSampleBook : public QObject
{
    Q_OBJECT

private:
    static int count(const Database &db, const QString &sql)
    {
        QSqlQuery query(db.connection());
        if (!query.exec(sql) || !query.next())
            qFatal("query failed: %s", qPrintable(sql));
        return query.value(0).toInt();
    }

    // Row counts of every table the sample writes, live or not.
    static QList<int> rowCounts(const Database &db)
    {
        QList<int> counts;
        for (const char *table :
             { "portfolio", "asset", "ledger_transaction", "daily_price", "corporate_action", "fx_rate", "job" })
            counts << count(db, u"SELECT COUNT(*) FROM "_s + QLatin1StringView(table));
        return counts;
    }

    // Everything the sample wrote that should not differ between two stores:
    // no local ids, UUIDs or stamps.
    static QStringList dump(const Database &db)
    {
        QStringList rows;
        QSqlQuery query(db.connection());
        const QStringList statements {
            u"SELECT name, base_currency, cost_basis_method, deleted FROM portfolio ORDER BY name"_s,
            u"SELECT symbol, name, asset_class, currency, exchange, data_source, source_id, synthetic, tracked, "
            "deleted FROM asset ORDER BY symbol"_s,
            u"SELECT t.type, t.trade_date, a.symbol, t.quantity, t.price, t.amount, t.fee, t.split_numerator, "
            "t.split_denominator, t.currency, t.note FROM ledger_transaction t LEFT JOIN asset a ON a.id = t.asset_id "
            "ORDER BY t.id"_s,
            u"SELECT a.symbol, p.day, p.open, p.high, p.low, p.close, p.adjusted_close, p.volume, p.source "
            "FROM daily_price p JOIN asset a ON a.id = p.asset_id ORDER BY a.symbol, p.price_key"_s,
            u"SELECT a.symbol, c.day, c.kind, c.split_numerator, c.split_denominator, c.source "
            "FROM corporate_action c JOIN asset a ON a.id = c.asset_id ORDER BY a.symbol, c.day"_s,
        };
        for (const QString &sql : statements) {
            if (!query.exec(sql))
                qFatal("query failed: %s", qPrintable(sql));
            while (query.next()) {
                QStringList fields;
                for (int i = 0; i < query.record().count(); ++i)
                    fields << query.value(i).toString();
                rows << fields.join(u'|');
            }
        }
        return rows;
    }

private Q_SLOTS:
    void createsOnEmptyStore_data()
    {
        QTest::addColumn<QDate>("today");
        QTest::newRow("wednesday") << QDate(2025, 6, 11);
        QTest::newRow("monday") << QDate(2025, 6, 9);
        QTest::newRow("sunday") << QDate(2025, 6, 15);
        QTest::newRow("leap day") << QDate(2024, 2, 29);
        QTest::newRow("new year") << QDate(2026, 1, 1);
    }

    void createsOnEmptyStore()
    {
        QFETCH(QDate, today);
        test::TemporaryStore store;
        const Database &db = store.db();
        auto book = createSampleBook(db, today);
        PT_VERIFY_OK(book);
        QCOMPARE(book->lastDay, today);
        QVERIFY(book->firstDay < today.addYears(-2).addMonths(-11));

        auto portfolios = PortfolioRepository(db).list();
        PT_VERIFY_OK(portfolios);
        QCOMPARE(portfolios->size(), 1u);
        const Portfolio &portfolio = portfolios->front();
        QCOMPARE(portfolio.name, samplePortfolioName());
        QCOMPARE(portfolio.baseCurrency, u"EUR"_s);
        QCOMPARE(portfolio.costBasisMethod, CostBasisMethod::Fifo);
        QVERIFY(isSamplePortfolio(portfolio));
        QCOMPARE(portfolio.stamp.uuid, book->portfolio.stamp.uuid);
        auto found = findSamplePortfolio(db);
        PT_VERIFY_OK(found);
        QVERIFY(found->has_value());
        QCOMPARE((*found)->id, portfolio.id);

        auto assets = AssetRepository(db).list();
        PT_VERIFY_OK(assets);
        QCOMPARE(assets->size(), 5u);
        std::set<AssetClass> classes;
        for (const Asset &asset : *assets) {
            QVERIFY2(asset.symbol.startsWith(u"SAMPLE-"), qPrintable(asset.symbol));
            QVERIFY2(asset.name.startsWith(u"Sample "), qPrintable(asset.name));
            QVERIFY(asset.synthetic);
            QVERIFY(!asset.tracked);
            QVERIFY(asset.dataSource.isEmpty());
            QCOMPARE(asset.currency, u"EUR"_s);
            QVERIFY(isSampleAsset(asset));
            classes.insert(asset.assetClass);
        }
        QCOMPARE(classes.size(), 5u);
        // Nothing that real portfolios would pick up: no rates, no fetch jobs.
        QCOMPARE(count(db, u"SELECT COUNT(*) FROM fx_rate"_s), 0);
        QCOMPARE(count(db, u"SELECT COUNT(*) FROM job"_s), 0);

        // Every kind of entry the brief asks for, and a book that replays.
        auto entries = TransactionRepository(db).list(portfolio.id);
        PT_VERIFY_OK(entries);
        QCOMPARE(std::int64_t(entries->size()), book->transactions);
        std::set<TransactionType> types;
        for (const Transaction &entry : *entries) {
            types.insert(entry.type);
            QVERIFY(entry.date >= book->firstDay && entry.date <= today);
            QVERIFY(isSampleUuid(entry.stamp.uuid));
        }
        for (const TransactionType type :
             { TransactionType::Deposit, TransactionType::Buy, TransactionType::Sell, TransactionType::Dividend,
               TransactionType::Interest, TransactionType::Fee, TransactionType::Split })
            QVERIFY2(types.count(type) == 1, qPrintable(toKey(type)));
        auto books = LedgerService(db).books(portfolio.id);
        PT_VERIFY_OK(books);
        QCOMPARE(books->size(), 1u);
        QCOMPARE(books->front().positions.size(), 5u);

        // Bars up to today without a gap: weekdays for all but the coin, every day for it.
        const PriceRepository prices(db);
        for (const Asset &asset : *assets) {
            auto bars = prices.list(asset.id);
            PT_VERIFY_OK(bars);
            QVERIFY(!bars->empty());
            const bool everyDay = asset.assetClass == AssetClass::Crypto;
            QDate expected = book->firstDay;
            for (const DailyPrice &bar : *bars) {
                while (!everyDay && expected.dayOfWeek() > 5)
                    expected = expected.addDays(1);
                QCOMPARE(bar.date, expected);
                QVERIFY(bar.close.isPositive());
                QVERIFY(bar.low <= bar.open && bar.low <= bar.close);
                QVERIFY(bar.high >= bar.open && bar.high >= bar.close);
                expected = expected.addDays(1);
            }
            QDate last = today;
            while (!everyDay && last.dayOfWeek() > 5)
                last = last.addDays(-1);
            QCOMPARE(bars->back().date, last);
        }
        const Asset tech = *AssetRepository(db).findByReference(u"SAMPLE-TECH");
        auto actions = CorporateActionRepository(db).list(tech.id);
        PT_VERIFY_OK(actions);
        QCOMPARE(actions->size(), 1u);
        QCOMPARE(actions->front().numerator, Decimal(2));

        // Every view works offline: the valuation up to today misses nothing and is fresh.
        valuation::ValuationOptions options;
        options.lastDay = today;
        auto valued = valuation::valueFromStore(db, options);
        PT_VERIFY_OK(valued);
        QCOMPARE(valued->portfolios.size(), 1u);
        for (const valuation::ValueSeries *series : { &valued->portfolios.front().series, &valued->total }) {
            QVERIFY2(series->missing.isEmpty(), qPrintable(series->missing.join(u", ")));
            QVERIFY(series->size() > 1000);
            QCOMPARE(series->day(series->size() - 1), today);
            for (int i = 0; i < series->size(); ++i) {
                QVERIFY(!series->incomplete[std::size_t(i)]);
                QVERIFY(!series->stale[std::size_t(i)]);
                QVERIFY(series->marketValue[std::size_t(i)].isPositive());
            }
        }
    }

    void deterministic()
    {
        const QDate today(2025, 3, 14);
        test::TemporaryStore first;
        test::TemporaryStore second;
        PT_VERIFY_OK(createSampleBook(first.db(), today));
        PT_VERIFY_OK(createSampleBook(second.db(), today));
        const QStringList a = dump(first.db());
        const QStringList b = dump(second.db());
        QVERIFY(a.size() > 4000); // about 4,200 bars and 170 entries
        QCOMPARE(a, b);
        // Only the UUIDs differ, and both carry the mark.
        const auto portfolioA = PortfolioRepository(first.db()).list()->front();
        const auto portfolioB = PortfolioRepository(second.db()).list()->front();
        QVERIFY(portfolioA.stamp.uuid != portfolioB.stamp.uuid);
    }

    void secondCreateRefused()
    {
        test::TemporaryStore store;
        PT_VERIFY_OK(createSampleBook(store.db(), QDate(2025, 6, 11)));
        const QList<int> before = rowCounts(store.db());
        auto again = createSampleBook(store.db(), QDate(2025, 6, 12));
        QVERIFY(!again);
        QVERIFY2(again.error().contains(u"already"), qPrintable(again.error()));
        QCOMPARE(rowCounts(store.db()), before);

        // Renamed, it is still the sample.
        Portfolio renamed = PortfolioRepository(store.db()).list()->front();
        renamed.name = u"My experiments"_s;
        PT_VERIFY_OK(PortfolioRepository(store.db()).update(renamed));
        QVERIFY(!createSampleBook(store.db(), QDate(2025, 6, 12)));
        QCOMPARE(rowCounts(store.db()), before);
    }

    void nameTakenRefused()
    {
        test::TemporaryStore store;
        Portfolio mine;
        mine.name = samplePortfolioName();
        PT_VERIFY_OK(PortfolioRepository(store.db()).add(mine));
        const QList<int> before = rowCounts(store.db());
        QVERIFY(!createSampleBook(store.db(), QDate(2025, 6, 11)));
        QCOMPARE(rowCounts(store.db()), before);
        QVERIFY(!isSamplePortfolio(PortfolioRepository(store.db()).list()->front()));
        // Not the sample: remove leaves it alone.
        QVERIFY(!removeSampleBook(store.db()));
        QCOMPARE(PortfolioRepository(store.db()).list()->size(), 1u);
    }

    void removeAndCreateAgain()
    {
        test::TemporaryStore store;
        const Database &db = store.db();
        // A real portfolio next to the sample is untouched by its removal.
        Portfolio real;
        real.name = u"Real"_s;
        real = *PortfolioRepository(db).add(real);
        Transaction deposit;
        deposit.portfolioId = real.id;
        deposit.type = TransactionType::Deposit;
        deposit.date = QDate(2025, 1, 2);
        deposit.amount = Decimal(1000);
        deposit.currency = u"EUR"_s;
        PT_VERIFY_OK(LedgerService(db).add(deposit));

        auto book = createSampleBook(db, QDate(2025, 6, 11));
        PT_VERIFY_OK(book);
        const int prices = count(db, u"SELECT COUNT(*) FROM daily_price"_s);
        PT_VERIFY_OK(removeSampleBook(db));

        auto portfolios = PortfolioRepository(db).list();
        QCOMPARE(portfolios->size(), 1u);
        QCOMPARE(portfolios->front().id, real.id);
        QCOMPARE(AssetRepository(db).list()->size(), 0u);
        QCOMPARE(count(db, u"SELECT COUNT(*) FROM ledger_transaction WHERE deleted = 0"_s), 1);
        QCOMPARE(count(db, u"SELECT COUNT(*) FROM ledger_transaction WHERE deleted = 1"_s), int(book->transactions));
        QCOMPARE(count(db, u"SELECT COUNT(*) FROM portfolio WHERE deleted = 1"_s), 1);
        QCOMPARE(count(db, u"SELECT COUNT(*) FROM asset WHERE deleted = 1"_s), 5);
        QCOMPARE(count(db, u"SELECT COUNT(*) FROM daily_price"_s), prices); // market data stays
        auto found = findSamplePortfolio(db);
        PT_VERIFY_OK(found);
        QVERIFY(!found->has_value());
        PT_VERIFY_OK(LedgerService(db).books());

        // Nothing left to remove.
        QVERIFY(!removeSampleBook(db));

        // A new sample, with new identities.
        auto again = createSampleBook(db, QDate(2025, 6, 12));
        PT_VERIFY_OK(again);
        QVERIFY(again->portfolio.stamp.uuid != book->portfolio.stamp.uuid);
        QVERIFY(again->portfolio.id != book->portfolio.id);
        QCOMPARE(PortfolioRepository(db).list()->size(), 2u);
        QCOMPARE(AssetRepository(db).list()->size(), 5u);
    }

    // A sample portfolio deleted the ordinary way leaves its assets; the next
    // sample tidies them up, and so does a removal.
    void leftoverAssets()
    {
        test::TemporaryStore store;
        const Database &db = store.db();
        auto book = createSampleBook(db, QDate(2025, 6, 11));
        PT_VERIFY_OK(book);
        PT_VERIFY_OK(PortfolioRepository(db).remove(book->portfolio.id));
        QCOMPARE(AssetRepository(db).list()->size(), 5u);
        PT_VERIFY_OK(createSampleBook(db, QDate(2025, 6, 11)));
        QCOMPARE(AssetRepository(db).list()->size(), 5u);
        QCOMPARE(count(db, u"SELECT COUNT(*) FROM asset"_s), 10);

        auto second = findSamplePortfolio(db);
        PT_VERIFY_OK(PortfolioRepository(db).remove((*second)->id));
        PT_VERIFY_OK(removeSampleBook(db));
        QCOMPARE(AssetRepository(db).list()->size(), 0u);
    }

    // A real portfolio that bought a sample asset keeps it through the removal.
    void assetUsedElsewhereStays()
    {
        test::TemporaryStore store;
        const Database &db = store.db();
        auto book = createSampleBook(db, QDate(2025, 6, 11));
        PT_VERIFY_OK(book);
        Portfolio real;
        real.name = u"Real"_s;
        real = *PortfolioRepository(db).add(real);
        const Asset world = book->assets.front();
        Transaction deposit;
        deposit.portfolioId = real.id;
        deposit.type = TransactionType::Deposit;
        deposit.date = QDate(2025, 6, 2);
        deposit.amount = Decimal(1000);
        deposit.currency = u"EUR"_s;
        PT_VERIFY_OK(LedgerService(db).add(deposit));
        Transaction buy = deposit;
        buy.type = TransactionType::Buy;
        buy.assetId = world.id;
        buy.quantity = Decimal(1);
        buy.price = Decimal(50);
        buy.amount = Decimal();
        PT_VERIFY_OK(LedgerService(db).add(buy));

        PT_VERIFY_OK(removeSampleBook(db));
        auto assets = AssetRepository(db).list();
        QCOMPARE(assets->size(), 1u);
        QCOMPARE(assets->front().id, world.id);
        PT_VERIFY_OK(LedgerService(db).books());
    }

    void recognition()
    {
        QVERIFY(!isSampleUuid(QUuid::createUuid()));
        QVERIFY(!isSampleUuid(QUuid()));
        QVERIFY(isSampleUuid(QUuid(u"73616d70-6c65-4abc-8def-0123456789ab"_s)));
        Asset asset;
        asset.stamp.uuid = QUuid(u"73616d70-6c65-4abc-8def-0123456789ab"_s);
        QVERIFY(!isSampleAsset(asset)); // not synthetic
        asset.synthetic = true;
        QVERIFY(isSampleAsset(asset));
    }
};

QTEST_GUILESS_MAIN(TestSampleBook)
#include "tst_samplebook.moc"
