// Tests of the per-source default HTTP policies: rates, rate-limit body
// detection in each provider's real wording, and the environment overrides.

#include "marketdata/sourcepolicies.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace pt::marketdata;

class TestSourcePolicies final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaults_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<double>("rate");
        QTest::addColumn<int>("burst");
        QTest::addColumn<bool>("detectsBodies");
        QTest::newRow("yahoo") << u"yahoo"_s << 2.0 << 2 << true;
        QTest::newRow("coingecko") << u"coingecko"_s << 0.5 << 1 << true;
        QTest::newRow("binance") << u"binance"_s << 10.0 << 10 << true;
        QTest::newRow("ecb") << u"ecb"_s << 1.0 << 1 << false;
        QTest::newRow("unknown") << u"somewhere"_s << 1.0 << 1 << false;
    }
    void defaults()
    {
        QFETCH(QString, source);
        QFETCH(double, rate);
        QFETCH(int, burst);
        QFETCH(bool, detectsBodies);
        const SourcePolicy policy = defaultPolicy(source);
        QCOMPARE(policy.requestsPerSecond, rate);
        QCOMPARE(policy.burst, burst);
        QCOMPARE(bool(policy.isRateLimited), detectsBodies);
        QCOMPARE(policy.maxAttempts, 4);
        QVERIFY(policy.timeout > std::chrono::milliseconds(0));
    }

    void rateLimitBodies_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("limited");
        QTest::newRow("yahoo edge text, 429") << u"yahoo"_s << 429 << QByteArray("Edge: Too Many Requests") << true;
        QTest::newRow("yahoo text with 200") << u"yahoo"_s << 200 << QByteArray("Too Many Requests") << true;
        QTest::newRow("yahoo chart") << u"yahoo"_s << 200 << QByteArray("{\"chart\":{\"result\":[],\"error\":null}}")
                                     << false;
        QTest::newRow("yahoo large body mentioning it")
            << u"yahoo"_s << 200 << (QByteArray(5000, ' ') + "Too Many Requests") << false;
        QTest::newRow("coingecko envelope")
            << u"coingecko"_s << 200
            << QByteArray("{\"status\":{\"error_code\":429,\"error_message\":\"You've exceeded the Rate Limit.\"}}")
            << true;
        QTest::newRow("coingecko spaced")
            << u"coingecko"_s << 200 << QByteArray("{\"status\": {\"error_code\": 429}}") << true;
        QTest::newRow("coingecko prices")
            << u"coingecko"_s << 200 << QByteArray("{\"bitcoin\":{\"usd\":67187.33}}") << false;
        QTest::newRow("coingecko other error")
            << u"coingecko"_s << 401 << QByteArray("{\"error\":{\"status\":{\"error_code\":10012}}}") << false;
        QTest::newRow("binance 418 ban") << u"binance"_s << 418 << QByteArray() << true;
        QTest::newRow("binance -1003") << u"binance"_s << 200
                                       << QByteArray("{\"code\":-1003,\"msg\":\"Too much request weight used\"}")
                                       << true;
        QTest::newRow("binance bad symbol")
            << u"binance"_s << 400 << QByteArray("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}") << false;
    }
    void rateLimitBodies()
    {
        QFETCH(QString, source);
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(bool, limited);
        const SourcePolicy policy = defaultPolicy(source);
        QVERIFY(policy.isRateLimited);
        QCOMPARE(policy.isRateLimited(status, body), limited);
    }

    void environmentOverrides()
    {
        qputenv("PT_YAHOO_RATE", "50");
        qputenv("PT_YAHOO_BURST", "7");
        qputenv("PT_ECB_RATE", "fast"); // ignored, with a warning
        QTest::ignoreMessage(QtWarningMsg, "PT_ECB_RATE is not a positive number of requests per second; ignored");
        const SourcePolicy yahoo = defaultPolicy(u"yahoo"_s);
        const SourcePolicy ecb = defaultPolicy(u"ecb"_s);
        qunsetenv("PT_YAHOO_RATE");
        qunsetenv("PT_YAHOO_BURST");
        qunsetenv("PT_ECB_RATE");
        QCOMPARE(yahoo.requestsPerSecond, 50.0);
        QCOMPARE(yahoo.burst, 7);
        QVERIFY(yahoo.isRateLimited); // the rest stays
        QCOMPARE(ecb.requestsPerSecond, 1.0);
        QCOMPARE(defaultPolicy(u"yahoo"_s).requestsPerSecond, 2.0);
    }
};

QTEST_GUILESS_MAIN(TestSourcePolicies)
#include "tst_sourcepolicies.moc"
