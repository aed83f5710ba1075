// The latest-price cache: fresh for its TTL by an injected clock, then gone;
// safe to write and read from several threads at once.

#include "testsupport.h"

#include "jobs/pricecache.h"

#include <QThread>

#include <atomic>

using namespace pt;
using pt::jobs::PriceCache;
using pt::test::dec;

class TestPriceCache : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void freshForTheTtlThenGone()
    {
        std::int64_t clock = 1'000'000;
        PriceCache cache(std::chrono::minutes(1), [&clock] { return clock; });
        QVERIFY(!cache.get(7));
        const QDateTime time = QDateTime::fromSecsSinceEpoch(1'700'000'000, Qt::UTC);
        cache.put(7, dec("123.45"), QStringLiteral("USD"), time);
        auto entry = cache.get(7);
        QVERIFY(entry);
        QCOMPARE(entry->price.toString(), QStringLiteral("123.45"));
        QCOMPARE(entry->currency, QStringLiteral("USD"));
        QCOMPARE(entry->time, time);
        QCOMPARE(entry->storedAt, std::int64_t(1'000'000));

        clock += 59'999;
        QVERIFY(cache.get(7));
        clock += 1;
        QVERIFY(!cache.get(7));
        QCOMPARE(cache.size(), size_t(0)); // dropped when read stale
    }

    void aNewPriceRestartsTheTtl()
    {
        std::int64_t clock = 0;
        PriceCache cache(std::chrono::seconds(10), [&clock] { return clock; });
        cache.put(1, dec("10"), QStringLiteral("EUR"));
        clock = 9'000;
        cache.put(1, dec("11"), QStringLiteral("EUR"));
        clock = 15'000;
        QCOMPARE(cache.get(1)->price.toString(), QStringLiteral("11"));
        clock = 19'000;
        QVERIFY(!cache.get(1));
    }

    void removeAndClear()
    {
        PriceCache cache;
        cache.put(1, dec("1"), QStringLiteral("USD"));
        cache.put(2, dec("2"), QStringLiteral("USD"));
        cache.remove(1);
        QVERIFY(!cache.get(1));
        QVERIFY(cache.get(2));
        cache.clear();
        QCOMPARE(cache.size(), size_t(0));
    }

    void threadsWriteAndReadAtOnce()
    {
        PriceCache cache;
        std::atomic<int> misses{0};
        std::vector<std::unique_ptr<QThread>> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back(QThread::create([&cache, &misses, t] {
                for (int i = 0; i < 5'000; ++i) {
                    const RowId id = t * 10'000 + i % 100;
                    cache.put(id, Decimal::fromRaw(Decimal::Raw(i + 1) * 1'000'000'000'000), QStringLiteral("USD"));
                    if (!cache.get(id))
                        ++misses;
                }
            }));
            threads.back()->start();
        }
        for (auto &thread : threads)
            QVERIFY(thread->wait(60'000));
        QCOMPARE(misses.load(), 0);
        QCOMPARE(cache.size(), size_t(400));
    }
};

QTEST_GUILESS_MAIN(TestPriceCache)
#include "tst_pricecache.moc"
