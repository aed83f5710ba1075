// Tests of the token bucket on a hand-driven clock: the burst, the refill,
// fair reservations in debt, the cap after idling, and holds after a 429.

#include "marketdata/ratelimiter.h"

#include <QTest>

using namespace std::chrono_literals;
using pt::marketdata::RateLimiter;
using std::chrono::milliseconds;

class TestRateLimiter final : public QObject
{
    Q_OBJECT

    milliseconds m_now { 0 };
    pt::marketdata::Clock clock()
    {
        return [this] {
            return m_now;
        };
    }

private Q_SLOTS:
    void init() { m_now = 100000ms; }

    void burstIsAvailableAtOnce()
    {
        RateLimiter limiter(1.0, 3, clock());
        QVERIFY(limiter.tryAcquire());
        QVERIFY(limiter.tryAcquire());
        QVERIFY(limiter.tryAcquire());
        QVERIFY(!limiter.tryAcquire());
        QCOMPARE(limiter.timeUntilAvailable(), 1000ms);
    }

    void refillsAtTheRate()
    {
        RateLimiter limiter(2.0, 1, clock());
        QVERIFY(limiter.tryAcquire());
        QVERIFY(!limiter.tryAcquire());
        m_now += 499ms;
        QVERIFY(!limiter.tryAcquire());
        QCOMPARE(limiter.timeUntilAvailable(), 1ms);
        m_now += 1ms;
        QVERIFY(limiter.tryAcquire());
    }

    void neverMoreThanTheBurstAfterIdling()
    {
        RateLimiter limiter(10.0, 2, clock());
        m_now += 1h;
        QVERIFY(limiter.tryAcquire());
        QVERIFY(limiter.tryAcquire());
        QVERIFY(!limiter.tryAcquire());
    }

    void reservationsQueueFairly_data()
    {
        QTest::addColumn<double>("rate");
        QTest::addColumn<int>("burst");
        QTest::addColumn<int>("requests");
        QTest::addColumn<qint64>("lastWaitMs");

        QTest::newRow("5/s burst 1, 20 requests") << 5.0 << 1 << 20 << qint64(3800);
        QTest::newRow("2/s burst 2, 6 requests") << 2.0 << 2 << 6 << qint64(2000);
        QTest::newRow("0.5/s burst 1, 3 requests") << 0.5 << 1 << 3 << qint64(4000);
        QTest::newRow("10/s burst 10, 10 requests") << 10.0 << 10 << 10 << qint64(0);
        QTest::newRow("10/s burst 10, 11 requests") << 10.0 << 10 << 11 << qint64(100);
    }
    void reservationsQueueFairly()
    {
        QFETCH(double, rate);
        QFETCH(int, burst);
        QFETCH(int, requests);
        QFETCH(qint64, lastWaitMs);

        RateLimiter limiter(rate, burst, clock());
        milliseconds previous { -1 };
        milliseconds wait { 0 };
        for (int i = 0; i < requests; ++i) {
            wait = limiter.reserve();
            QVERIFY2(wait >= previous, "later reservations never go first");
            previous = wait;
        }
        QCOMPARE(wait.count(), lastWaitMs);
    }

    void reservationsSpacedByTheInterval()
    {
        RateLimiter limiter(5.0, 1, clock());
        QCOMPARE(limiter.reserve(), 0ms);
        QCOMPARE(limiter.reserve(), 200ms);
        QCOMPARE(limiter.reserve(), 400ms);
        m_now += 400ms; // the first two have gone, the third is due
        QCOMPARE(limiter.reserve(), 200ms);
    }

    void holdStopsTokensThenNoBurst()
    {
        RateLimiter limiter(10.0, 5, clock());
        QVERIFY(limiter.tryAcquire());
        limiter.hold(1000ms);
        QVERIFY(!limiter.tryAcquire());
        QCOMPARE(limiter.timeUntilAvailable(), 1000ms);
        QCOMPARE(limiter.reserve(), 1000ms);
        QCOMPARE(limiter.reserve(), 1100ms); // one at the end of the hold, then the rate
        m_now += 1000ms;
        limiter.hold(100ms); // a shorter hold does not shorten anything
        QCOMPARE(limiter.timeUntilAvailable(), 200ms);
    }

    void nonPositiveSettingsAreSane()
    {
        RateLimiter limiter(0.0, 0, clock());
        QCOMPARE(limiter.burst(), 1);
        QVERIFY(limiter.requestsPerSecond() > 0);
        QVERIFY(limiter.tryAcquire());
    }
};

QTEST_GUILESS_MAIN(TestRateLimiter)
#include "tst_ratelimiter.moc"
