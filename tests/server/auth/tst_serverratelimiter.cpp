// The sliding-window rate limiter: the budget, Retry-After, the window
// sliding, keys kept apart, check() not counting, forget(), and many threads.
#include "auth/ratelimiter.h"

#include <QTest>

#include <atomic>
#include <thread>
#include <vector>

using namespace pt::server;

namespace {

const QString Alice = QStringLiteral("account:1");
const QString Bob = QStringLiteral("account:2");
constexpr std::int64_t Start = 1'700'000'000'000;
constexpr std::int64_t Minute = 60'000;

} // namespace

class TestRateLimiter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hundredThenRefused()
    {
        RateLimiter limiter(100, Minute);
        for (int i = 0; i < 100; ++i)
            QVERIFY2(limiter.take(Alice, Start + i * 10).allowed, qPrintable(QString::number(i)));
        const auto refused = limiter.take(Alice, Start + 1000);
        QVERIFY(!refused.allowed);
        // The oldest request (at Start) leaves the window at Start + 60 s: 59 s from now.
        QCOMPARE(refused.retryAfterSeconds, 59);
        const auto later = limiter.take(Alice, Start + 59'999);
        QVERIFY(!later.allowed);
        QVERIFY(later.retryAfterSeconds >= 1 && later.retryAfterSeconds <= 60);
        QCOMPARE(later.retryAfterSeconds, 1);
    }

    void refusedRequestsDoNotCount()
    {
        RateLimiter limiter(3, Minute);
        for (int i = 0; i < 3; ++i)
            QVERIFY(limiter.take(Alice, Start).allowed);
        for (int i = 0; i < 50; ++i)
            QVERIFY(!limiter.take(Alice, Start + 30'000).allowed);
        // Had the refusals counted, the window would still be full.
        QVERIFY(limiter.take(Alice, Start + Minute).allowed);
    }

    void windowSlides()
    {
        RateLimiter limiter(100, Minute);
        for (int i = 0; i < 100; ++i)
            QVERIFY(limiter.take(Alice, Start + i * 100).allowed);
        QVERIFY(!limiter.take(Alice, Start + Minute - 1).allowed);
        // At Start + 60 s the first request leaves the window: one slot.
        QVERIFY(limiter.take(Alice, Start + Minute).allowed);
        QVERIFY(!limiter.take(Alice, Start + Minute).allowed);
        // 100 ms later the second one leaves: one more.
        QVERIFY(limiter.take(Alice, Start + Minute + 100).allowed);
        QVERIFY(!limiter.take(Alice, Start + Minute + 100).allowed);
        // After a quiet minute the whole budget is back.
        for (int i = 0; i < 100; ++i)
            QVERIFY(limiter.take(Alice, Start + 3 * Minute).allowed);
        QVERIFY(!limiter.take(Alice, Start + 3 * Minute).allowed);
    }

    void keysAreIndependent()
    {
        RateLimiter limiter(5, Minute);
        for (int i = 0; i < 5; ++i)
            QVERIFY(limiter.take(Alice, Start).allowed);
        QVERIFY(!limiter.take(Alice, Start).allowed);
        for (int i = 0; i < 5; ++i)
            QVERIFY(limiter.take(Bob, Start).allowed);
        QVERIFY(!limiter.take(Bob, Start).allowed);
    }

    void checkDoesNotCount()
    {
        RateLimiter limiter(5, Minute);
        for (int i = 0; i < 100; ++i)
            QVERIFY(limiter.check(Alice, Start).allowed);
        for (int i = 0; i < 5; ++i)
            QVERIFY(limiter.take(Alice, Start + 1000).allowed);
        const auto checked = limiter.check(Alice, Start + 2000);
        QVERIFY(!checked.allowed);
        QCOMPARE(checked.retryAfterSeconds, 59);
        QVERIFY(limiter.check(Alice, Start + 1000 + Minute).allowed);
        QVERIFY(limiter.check(Bob, Start + 2000).allowed);
    }

    void forgetClearsAKey()
    {
        RateLimiter limiter(5, Minute);
        for (int i = 0; i < 5; ++i) {
            QVERIFY(limiter.take(Alice, Start).allowed);
            QVERIFY(limiter.take(Bob, Start).allowed);
        }
        limiter.forget(Alice);
        QVERIFY(limiter.check(Alice, Start).allowed);
        for (int i = 0; i < 5; ++i)
            QVERIFY(limiter.take(Alice, Start).allowed);
        QVERIFY(!limiter.take(Bob, Start).allowed); // Bob's count untouched
        limiter.forget(QStringLiteral("never seen")); // harmless
    }

    void manyKeysOverTime()
    {
        // One-off keys (client IPs) come and go; the limiter keeps working
        // while it drops the stale ones, and a key it dropped starts afresh.
        RateLimiter limiter(2, Minute);
        for (int round = 0; round < 5; ++round) {
            const std::int64_t now = Start + round * 2 * Minute;
            for (int i = 0; i < 10'000; ++i)
                QVERIFY(limiter.take(QStringLiteral("ip:%1:%2").arg(round).arg(i), now).allowed);
        }
        QVERIFY(limiter.take(QStringLiteral("ip:0:0"), Start + 10 * Minute).allowed);
        QVERIFY(limiter.take(QStringLiteral("ip:0:0"), Start + 10 * Minute).allowed);
        QVERIFY(!limiter.take(QStringLiteral("ip:0:0"), Start + 10 * Minute).allowed);
    }

    void threadsShareTheBudget()
    {
        RateLimiter limiter(100, Minute);
        std::atomic<int> allowed { 0 };
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&, t] {
                for (int i = 0; i < 500; ++i) {
                    if (limiter.take(Alice, Start + t + i).allowed)
                        ++allowed;
                }
            });
        }
        for (std::thread &thread : threads)
            thread.join();
        QCOMPARE(allowed.load(), 100);
    }

    void retryAfterStaysInRange()
    {
        RateLimiter limiter(1, Minute);
        QVERIFY(limiter.take(Alice, Start).allowed);
        for (std::int64_t offset : { std::int64_t(0), std::int64_t(1), std::int64_t(999), std::int64_t(1000),
                                     std::int64_t(30'500), Minute - 1 }) {
            const auto decision = limiter.take(Alice, Start + offset);
            QVERIFY(!decision.allowed);
            QVERIFY2(decision.retryAfterSeconds >= 1 && decision.retryAfterSeconds <= 60,
                     qPrintable(QString::number(decision.retryAfterSeconds)));
        }
        QCOMPARE(limiter.take(Bob, Start).allowed, true);
        QCOMPARE(limiter.take(Bob, Start).retryAfterSeconds, 60);
    }
};

QTEST_GUILESS_MAIN(TestRateLimiter)
#include "tst_serverratelimiter.moc"
