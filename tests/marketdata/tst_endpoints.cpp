#include "marketdata/provider.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace pt::marketdata;

// Where the providers' base URLs come from: defaults, the settings file, then
// the environment on top.
class TestEndpoints : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        for (const char *name : {"PT_YAHOO_URL", "PT_YAHOO_QUERY_URL", "PT_YAHOO_COOKIE_URL", "PT_COINGECKO_URL",
                                 "PT_BINANCE_URL", "PT_ECB_URL"})
            qunsetenv(name);
    }

    void defaultsAreTheRealEndpoints()
    {
        const ProviderEndpoints endpoints;
        QCOMPARE(endpoints.yahooChart.host(), QStringLiteral("query2.finance.yahoo.com"));
        QCOMPARE(endpoints.coinGecko.toString(), QStringLiteral("https://api.coingecko.com/api/v3"));
        QCOMPARE(endpoints.binance.host(), QStringLiteral("api.binance.com"));
        QCOMPARE(endpoints.ecb.host(), QStringLiteral("www.ecb.europa.eu"));
    }

    void settingsMoveASource()
    {
        QTemporaryDir folder;
        QSettings settings(folder.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        settings.setValue(QStringLiteral("providers/coingecko/url"), QStringLiteral("http://proxy.example:8080/cg/"));
        settings.setValue(QStringLiteral("providers/yahoo/url"), QStringLiteral("https://yahoo-mirror.example"));
        settings.setValue(QStringLiteral("providers/binance/url"), QStringLiteral("not a url"));
        const ProviderEndpoints endpoints = ProviderEndpoints::fromSettings(settings);
        QCOMPARE(endpoints.coinGecko.toString(), QStringLiteral("http://proxy.example:8080/cg"));
        QCOMPARE(endpoints.yahooChart.host(), QStringLiteral("yahoo-mirror.example"));
        QCOMPARE(endpoints.yahooQuery.host(), QStringLiteral("yahoo-mirror.example"));
        QCOMPARE(endpoints.binance, ProviderEndpoints().binance); // ignored, with a warning
    }

    void environmentWinsOverSettings()
    {
        QTemporaryDir folder;
        QSettings settings(folder.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        settings.setValue(QStringLiteral("providers/ecb/url"), QStringLiteral("http://settings.example/ecb"));
        settings.setValue(QStringLiteral("providers/binance/url"), QStringLiteral("http://settings.example/bn"));
        qputenv("PT_ECB_URL", "http://127.0.0.1:9/ecb");
        const ProviderEndpoints endpoints = ProviderEndpoints::fromEnvironment(ProviderEndpoints::fromSettings(settings));
        QCOMPARE(endpoints.ecb.toString(), QStringLiteral("http://127.0.0.1:9/ecb"));
        QCOMPARE(endpoints.binance.toString(), QStringLiteral("http://settings.example/bn"));
        qunsetenv("PT_ECB_URL");
    }
};

QTEST_GUILESS_MAIN(TestEndpoints)
#include "tst_endpoints.moc"
