// Tests of the backoff delays (exponential, capped, full jitter) and of
// Retry-After parsing (delta-seconds, the three HTTP-date forms, garbage).

#include "marketdata/backoff.h"

#include <QTest>
#include <QTimeZone>

#include <optional>
#include <set>

using namespace std::chrono_literals;
using namespace Qt::StringLiterals;
using std::chrono::milliseconds;
namespace backoff = pt::marketdata::backoff;

class TestBackoff final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void ceilingDoublesUpToTheCap_data()
    {
        QTest::addColumn<int>("attempt");
        QTest::addColumn<qint64>("expectedMs");
        QTest::newRow("first retry") << 1 << qint64(100);
        QTest::newRow("second") << 2 << qint64(200);
        QTest::newRow("third") << 3 << qint64(400);
        QTest::newRow("fourth") << 4 << qint64(800);
        QTest::newRow("capped") << 5 << qint64(1000);
        QTest::newRow("far past the cap") << 100 << qint64(1000);
        QTest::newRow("zero treated as first") << 0 << qint64(100);
        QTest::newRow("negative treated as first") << -3 << qint64(100);
    }
    void ceilingDoublesUpToTheCap()
    {
        QFETCH(int, attempt);
        QFETCH(qint64, expectedMs);
        QCOMPARE(backoff::ceiling(attempt, 100ms, 1000ms).count(), expectedMs);
    }

    void noOverflowWithLargeValues()
    {
        const auto cap = milliseconds(std::chrono::hours(24));
        QCOMPARE(backoff::ceiling(1000, 1h, cap), cap);
        QCOMPARE(backoff::ceiling(62, 1ms, cap), cap);
    }

    void jitterPicksWithinTheCeiling()
    {
        QCOMPARE(backoff::delay(3, 100ms, 10s, 0.0), 0ms);
        QCOMPARE(backoff::delay(3, 100ms, 10s, 0.5), 200ms);
        QVERIFY(backoff::delay(3, 100ms, 10s, 0.9999) < 400ms);
        QCOMPARE(backoff::delay(3, 100ms, 10s, 7.0), 400ms); // clamped
        QCOMPARE(backoff::delay(3, 100ms, 10s, -1.0), 0ms);
    }

    void randomJitterStaysInBoundsAndSpreads()
    {
        std::set<qint64> seen;
        for (int i = 0; i < 500; ++i) {
            const milliseconds value = backoff::delay(4, 100ms, 500ms);
            QVERIFY(value >= 0ms);
            QVERIFY2(value <= 500ms, "capped");
            seen.insert(value.count());
        }
        QVERIFY2(seen.size() > 50, "full jitter spreads the delays");
    }

    void retryAfter_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<qint64>("expectedMs"); // -1: no value

        QTest::newRow("seconds") << QByteArray("1") << qint64(1000);
        QTest::newRow("CoinGecko's 119") << QByteArray("119") << qint64(119000);
        QTest::newRow("zero") << QByteArray("0") << qint64(0);
        QTest::newRow("spaces") << QByteArray("  3 ") << qint64(3000);
        QTest::newRow("IMF-fixdate") << QByteArray("Wed, 21 Oct 2015 07:28:30 GMT") << qint64(30000);
        QTest::newRow("IMF-fixdate next day")
            << QByteArray("Thu, 22 Oct 2015 07:28:00 GMT") << qint64(24 * 3600 * 1000);
        QTest::newRow("RFC 850") << QByteArray("Wednesday, 21-Oct-15 07:29:00 GMT") << qint64(60000);
        QTest::newRow("asctime") << QByteArray("Wed Oct 21 07:28:05 2015") << qint64(5000);
        QTest::newRow("asctime one-digit day")
            << QByteArray("Sun Nov  1 07:28:00 2015") << qint64(11LL * 24 * 3600 * 1000);
        QTest::newRow("date in the past") << QByteArray("Tue, 20 Oct 2015 07:28:00 GMT") << qint64(0);
        QTest::newRow("empty") << QByteArray() << qint64(-1);
        QTest::newRow("word") << QByteArray("soon") << qint64(-1);
        QTest::newRow("negative") << QByteArray("-1") << qint64(-1);
        QTest::newRow("fraction") << QByteArray("1.5") << qint64(-1);
        QTest::newRow("number and junk") << QByteArray("12abc") << qint64(-1);
        QTest::newRow("impossible date") << QByteArray("Wed, 32 Oct 2015 07:28:00 GMT") << qint64(-1);
        QTest::newRow("not GMT") << QByteArray("Wed, 21 Oct 2015 07:28:00 CET") << qint64(-1);
        QTest::newRow("ISO date") << QByteArray("2015-10-21T07:28:00Z") << qint64(-1);
    }
    void retryAfter()
    {
        QFETCH(QByteArray, value);
        QFETCH(qint64, expectedMs);
        const QDateTime now(QDate(2015, 10, 21), QTime(7, 28), QTimeZone::utc());
        const auto parsed = backoff::parseRetryAfter(value, now);
        if (expectedMs < 0) {
            QVERIFY2(!parsed, qPrintable(u"parsed as %1 ms"_s.arg(parsed ? parsed->count() : 0)));
        } else {
            QVERIFY(parsed.has_value());
            QCOMPARE(parsed->count(), expectedMs);
        }
    }

    void hugeSecondsAreCapped()
    {
        const auto parsed = backoff::parseRetryAfter("99999999999999999999999");
        QVERIFY(parsed.has_value());
        QVERIFY(*parsed > milliseconds(std::chrono::hours(24)));
    }

    void dateRelativeToNow()
    {
        const QDateTime inTwoSeconds = QDateTime::currentDateTimeUtc().addSecs(2);
        const QByteArray value = QLocale::c().toString(inTwoSeconds, u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s).toLatin1();
        const auto parsed = backoff::parseRetryAfter(value);
        QVERIFY(parsed.has_value());
        QVERIFY2(*parsed > 500ms && *parsed <= 2000ms, qPrintable(QString::number(parsed->count())));
    }
};

QTEST_GUILESS_MAIN(TestBackoff)
#include "tst_backoff.moc"
