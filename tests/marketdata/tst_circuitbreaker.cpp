// Tests of the circuit breaker on a hand-driven clock: closed → open after N
// consecutive failures → half-open after the cooldown with one probe → closed
// on success, open again on failure.

#include "marketdata/circuitbreaker.h"

#include <QTest>

using namespace std::chrono_literals;
using pt::marketdata::CircuitBreaker;
using State = pt::marketdata::CircuitBreaker::State;
using std::chrono::milliseconds;

class TestCircuitBreaker final : public QObject
{
    Q_OBJECT

    milliseconds m_now { 0 };
    pt::marketdata::Clock clock()
    {
        return [this] {
            return m_now;
        };
    }
    void fail(CircuitBreaker &breaker, int times)
    {
        for (int i = 0; i < times; ++i) {
            QVERIFY(breaker.allowRequest());
            breaker.recordFailure();
        }
    }

private Q_SLOTS:
    void init() { m_now = 50000ms; }

    void opensAfterConsecutiveFailures()
    {
        CircuitBreaker breaker(3, 10s, clock());
        QCOMPARE(breaker.state(), State::Closed);
        fail(breaker, 2);
        QCOMPARE(breaker.state(), State::Closed);
        QCOMPARE(breaker.consecutiveFailures(), 2);
        fail(breaker, 1);
        QCOMPARE(breaker.state(), State::Open);
        QVERIFY(!breaker.allowRequest());
        QCOMPARE(breaker.retryIn(), 10s);
        m_now += 4s;
        QCOMPARE(breaker.retryIn(), 6s);
        QVERIFY(!breaker.allowRequest());
    }

    void successResetsTheCount()
    {
        CircuitBreaker breaker(3, 10s, clock());
        fail(breaker, 2);
        breaker.recordSuccess();
        fail(breaker, 2);
        QCOMPARE(breaker.state(), State::Closed);
        QCOMPARE(breaker.consecutiveFailures(), 2);
    }

    void halfOpenLetsOneProbeThrough()
    {
        CircuitBreaker breaker(2, 10s, clock());
        fail(breaker, 2);
        m_now += 10s;
        QCOMPARE(breaker.state(), State::HalfOpen);
        QCOMPARE(breaker.retryIn(), 0ms);
        QVERIFY(breaker.allowRequest()); // the probe
        QVERIFY(!breaker.allowRequest()); // others wait for its outcome
        QCOMPARE(breaker.state(), State::HalfOpen);
        breaker.recordSuccess();
        QCOMPARE(breaker.state(), State::Closed);
        QVERIFY(breaker.allowRequest());
        QVERIFY(breaker.allowRequest());
    }

    void failedProbeOpensAgain()
    {
        CircuitBreaker breaker(2, 10s, clock());
        fail(breaker, 2);
        m_now += 11s;
        QVERIFY(breaker.allowRequest());
        breaker.recordFailure();
        QCOMPARE(breaker.state(), State::Open);
        QVERIFY(!breaker.allowRequest());
        QCOMPARE(breaker.retryIn(), 10s); // a full cooldown from the probe's failure
        m_now += 10s;
        QVERIFY(breaker.allowRequest());
        breaker.recordSuccess();
        QCOMPARE(breaker.state(), State::Closed);
        QCOMPARE(breaker.consecutiveFailures(), 0);
    }

    void thresholdOfOne()
    {
        CircuitBreaker breaker(1, 1s, clock());
        fail(breaker, 1);
        QCOMPARE(breaker.state(), State::Open);
    }
};

QTEST_GUILESS_MAIN(TestCircuitBreaker)
#include "tst_circuitbreaker.moc"
