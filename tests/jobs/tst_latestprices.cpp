#include "testsupport.h"

#include "jobs/latestprices.h"
#include "store/assetrepository.h"
#include "store/pricerepository.h"

using namespace pt;
using namespace pt::store;
using pt::test::dec;

// Latest prices for views: fresh cache entries first, the store otherwise, and
// a store read cached for the TTL so repeated reads do not query again.
class TestLatestPrices : public QObject
{
    Q_OBJECT

private:
    static void storeClose(const Database &db, RowId assetId, QDate day, const char *close)
    {
        PriceRecord row;
        row.assetId = assetId;
        row.bar.date = day;
        row.bar.close = dec(close);
        if (!PriceRepository(db).upsertMany({&row, 1}, u"test"))
            qFatal("cannot store a price");
    }

private Q_SLOTS:
    void storeThenCacheThenExpiry()
    {
        test::TemporaryStore store;
        Asset asset;
        asset.symbol = QStringLiteral("ACME");
        asset.name = QStringLiteral("Acme");
        asset.currency = QStringLiteral("USD");
        asset = *AssetRepository(store.db()).add(asset);

        std::int64_t now = 1'000'000;
        jobs::PriceCache cache(std::chrono::minutes(1), [&now] { return now; });
        const jobs::LatestPrices latest(store.db(), cache);

        auto none = latest.get(asset);
        PT_VERIFY_OK(none);
        QVERIFY(!none->has_value());

        storeClose(store.db(), asset.id, QDate(2024, 5, 2), "101.5");
        storeClose(store.db(), asset.id, QDate(2024, 5, 3), "102.25");
        auto first = latest.get(asset);
        PT_VERIFY_OK(first);
        QCOMPARE((*first)->price.toString(), QStringLiteral("102.25"));
        QCOMPARE((*first)->time.date(), QDate(2024, 5, 3));
        QCOMPARE((*first)->currency, QStringLiteral("USD"));

        // Within the TTL the cache answers, even if the store moved on.
        storeClose(store.db(), asset.id, QDate(2024, 5, 6), "99");
        now += 59'000;
        QCOMPARE((*latest.get(asset))->price.toString(), QStringLiteral("102.25"));
        // After it, the store is read again.
        now += 2'000;
        QCOMPARE((*latest.get(asset))->price.toString(), QStringLiteral("99"));

        // What a refresh puts in the cache wins while fresh.
        cache.put(asset.id, dec("98.75"), QStringLiteral("USD"));
        QCOMPARE((*latest.get(asset))->price.toString(), QStringLiteral("98.75"));
    }

    void futureBarsAreNotTheLatestPrice()
    {
        test::TemporaryStore store;
        Asset asset;
        asset.symbol = QStringLiteral("X");
        asset.name = QStringLiteral("X");
        asset.currency = QStringLiteral("EUR");
        asset = *AssetRepository(store.db()).add(asset);
        storeClose(store.db(), asset.id, QDate(2024, 1, 2), "10");
        storeClose(store.db(), asset.id, QDate(2024, 1, 3), "11");
        const auto onDay = PriceRepository(store.db()).latest(asset.id, QDate(2024, 1, 2));
        PT_VERIFY_OK(onDay);
        QCOMPARE((*onDay)->close.toString(), QStringLiteral("10"));
        QVERIFY(!PriceRepository(store.db()).latest(asset.id, QDate(2023, 12, 31))->has_value());
    }
};

QTEST_GUILESS_MAIN(TestLatestPrices)
#include "tst_latestprices.moc"
