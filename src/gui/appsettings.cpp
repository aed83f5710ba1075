#include "gui/appsettings.h"

#include "gui/logging.h"
#include "money/currency.h"
#include "store/database.h"

#include <QSettings>

#include <algorithm>
#include <array>

namespace pt::gui {

namespace {

// Every key of the settings file (see the table in appsettings.h).
namespace key {
constexpr QLatin1String Version { "settings/version" };
constexpr QLatin1String StoreBackend { "store/backend" };
constexpr QLatin1String StorePath { "store/path" };
constexpr QLatin1String PostgresHost { "store/postgres/host" };
constexpr QLatin1String PostgresPort { "store/postgres/port" };
constexpr QLatin1String PostgresDatabase { "store/postgres/database" };
constexpr QLatin1String PostgresUser { "store/postgres/user" };
constexpr QLatin1String PostgresSslMode { "store/postgres/sslMode" };
constexpr QLatin1String PlaintextFallback { "secrets/plaintextFallback" };
constexpr QLatin1String YahooUrl { "providers/yahoo/url" };
constexpr QLatin1String YahooQueryUrl { "providers/yahoo/queryUrl" };
constexpr QLatin1String YahooCookieUrl { "providers/yahoo/cookieUrl" };
constexpr QLatin1String CoinGeckoUrl { "providers/coingecko/url" };
constexpr QLatin1String BinanceUrl { "providers/binance/url" };
constexpr QLatin1String EcbUrl { "providers/ecb/url" };
constexpr QLatin1String RefreshMinutes { "schedule/refreshMinutes" };
constexpr QLatin1String CloseTime { "snapshots/closeTime" };
constexpr QLatin1String TotalCurrency { "valuation/totalCurrency" };
constexpr QLatin1String RiskFreePercent { "valuation/riskFreePercent" };
constexpr QLatin1String StaleAfterDays { "valuation/staleAfterDays" };
constexpr QLatin1String Language { "ui/language" };
constexpr QLatin1String Theme { "ui/theme" };
constexpr QLatin1String SyncIntervalMinutes { "sync/intervalMinutes" };
constexpr QLatin1String SyncCaFile { "sync/caFile" };
} // namespace key

// The euro and the 30 currencies of the ECB's daily reference rates (2024).
constexpr std::array ReferenceCurrencies {
    u"AUD", u"BGN", u"BRL", u"CAD", u"CHF", u"CNY", u"CZK", u"DKK", u"EUR", u"GBP", u"HKD",
    u"HUF", u"IDR", u"ILS", u"INR", u"ISK", u"JPY", u"KRW", u"MXN", u"MYR", u"NOK", u"NZD",
    u"PHP", u"PLN", u"RON", u"SEK", u"SGD", u"THB", u"TRY", u"USD", u"ZAR",
};

const QString TimeFormat = QStringLiteral("HH:mm");

const QString SqliteKey = QStringLiteral("sqlite");
const QString PostgresKey = QStringLiteral("postgresql");

int readInt(const QSettings &settings, QLatin1String name, int fallback, int min, int max)
{
    const QVariant value = settings.value(name);
    if (!value.isValid())
        return fallback;
    bool ok = false;
    const int number = value.toString().trimmed().toInt(&ok);
    if (!ok || number < min || number > max) {
        qCWarning(lcGui, "%s must be a whole number from %d to %d; using %d", name.data(), min, max, fallback);
        return fallback;
    }
    return number;
}

double readDouble(const QSettings &settings, QLatin1String name, double fallback, double min, double max)
{
    const QVariant value = settings.value(name);
    if (!value.isValid())
        return fallback;
    bool ok = false;
    // Written with a '.' whatever the locale, so the file travels.
    const double number = value.toString().trimmed().toDouble(&ok);
    if (!ok || number < min || number > max) {
        qCWarning(lcGui, "%s must be a number from %g to %g; using %g", name.data(), min, max, fallback);
        return fallback;
    }
    return number;
}

// Writes `value`, or removes the key when it is the default.
void write(QSettings &settings, QLatin1String name, const QVariant &value, const QVariant &fallback)
{
    if (value == fallback)
        settings.remove(name);
    else
        settings.setValue(name, value);
}

void writeUrl(QSettings &settings, QLatin1String name, const QUrl &value, const QUrl &fallback)
{
    write(settings, name, value.toString(), fallback.toString());
}

} // namespace

AppSettings AppSettings::load(const QSettings &settings)
{
    const AppSettings defaults;
    AppSettings loaded;
    const QString backend = settings.value(key::StoreBackend, SqliteKey).toString().trimmed().toLower();
    if (backend == PostgresKey)
        loaded.storeBackend = store::Backend::PostgreSql;
    else if (backend != SqliteKey)
        qCWarning(lcGui, "%s must be sqlite or postgresql; using sqlite", key::StoreBackend.data());
    loaded.storePath = settings.value(key::StorePath).toString().trimmed();
    const store::PostgresLocation postgresDefaults;
    loaded.postgres.host = settings.value(key::PostgresHost, postgresDefaults.host).toString().trimmed();
    if (loaded.postgres.host.isEmpty())
        loaded.postgres.host = postgresDefaults.host;
    loaded.postgres.port = readInt(settings, key::PostgresPort, postgresDefaults.port, 1, 65535);
    loaded.postgres.database = settings.value(key::PostgresDatabase).toString().trimmed();
    loaded.postgres.user = settings.value(key::PostgresUser).toString().trimmed();
    const QString sslMode = settings.value(key::PostgresSslMode, postgresDefaults.sslMode).toString().trimmed();
    if (sslModes().contains(sslMode))
        loaded.postgres.sslMode = sslMode;
    else
        qCWarning(lcGui, "%s must be one of %s; using %s", key::PostgresSslMode.data(),
                  qPrintable(sslModes().join(u", ")), qPrintable(postgresDefaults.sslMode));
    loaded.plaintextPasswordFallback = settings.value(key::PlaintextFallback, false).toBool();
    loaded.endpoints = marketdata::ProviderEndpoints::fromSettings(settings);
    loaded.refreshMinutes
        = readInt(settings, key::RefreshMinutes, defaults.refreshMinutes, MinRefreshMinutes, MaxRefreshMinutes);

    if (const QVariant value = settings.value(key::CloseTime); value.isValid()) {
        const QTime time = QTime::fromString(value.toString().trimmed(), TimeFormat);
        if (time.isValid())
            loaded.closeTime = time;
        else
            qCWarning(lcGui, "%s must be a time as HH:mm (e.g. 22:00); using 22:00", key::CloseTime.data());
    }

    if (const QVariant value = settings.value(key::TotalCurrency); value.isValid()) {
        const QString code = value.toString().trimmed().toUpper();
        if (currency::isValidCode(code))
            loaded.totalCurrency = code;
        else
            qCWarning(lcGui, "%s must be a currency code such as EUR; using EUR", key::TotalCurrency.data());
    }
    loaded.riskFreePercent
        = readDouble(settings, key::RiskFreePercent, defaults.riskFreePercent, MinRiskFreePercent, MaxRiskFreePercent);
    loaded.staleAfterDays
        = readInt(settings, key::StaleAfterDays, defaults.staleAfterDays, MinStaleAfterDays, MaxStaleAfterDays);

    const QString language = settings.value(key::Language, defaults.language).toString().trimmed().toLower();
    loaded.language = language.isEmpty() ? defaults.language : language;
    loaded.theme = themeFromKey(settings.value(key::Theme).toString());
    loaded.syncIntervalMinutes
        = readInt(settings, key::SyncIntervalMinutes, defaults.syncIntervalMinutes, 0, MaxSyncIntervalMinutes);
    loaded.syncCaFile = settings.value(key::SyncCaFile).toString().trimmed();
    return loaded;
}

void AppSettings::save(QSettings &settings) const
{
    const AppSettings defaults;
    settings.setValue(key::Version, CurrentVersion);
    write(settings, key::StoreBackend, storeBackend == store::Backend::PostgreSql ? PostgresKey : SqliteKey,
          SqliteKey);
    write(settings, key::StorePath, storePath.trimmed(), QString());
    const store::PostgresLocation postgresDefaults;
    write(settings, key::PostgresHost, postgres.host.trimmed(), postgresDefaults.host);
    write(settings, key::PostgresPort, postgres.port, postgresDefaults.port);
    write(settings, key::PostgresDatabase, postgres.database.trimmed(), QString());
    write(settings, key::PostgresUser, postgres.user.trimmed(), QString());
    write(settings, key::PostgresSslMode, postgres.sslMode, postgresDefaults.sslMode);
    write(settings, key::PlaintextFallback, plaintextPasswordFallback, false);

    // Yahoo's three hosts: providers/yahoo/url moves all of them, the two
    // narrower keys single ones (as ProviderEndpoints::fromSettings reads them).
    const marketdata::ProviderEndpoints real;
    writeUrl(settings, key::YahooUrl, endpoints.yahooChart, real.yahooChart);
    const bool yahooMoved = endpoints.yahooChart != real.yahooChart;
    writeUrl(settings, key::YahooQueryUrl, endpoints.yahooQuery, yahooMoved ? endpoints.yahooChart : real.yahooQuery);
    writeUrl(settings, key::YahooCookieUrl, endpoints.yahooCookie,
             yahooMoved ? endpoints.yahooChart : real.yahooCookie);
    writeUrl(settings, key::CoinGeckoUrl, endpoints.coinGecko, real.coinGecko);
    writeUrl(settings, key::BinanceUrl, endpoints.binance, real.binance);
    writeUrl(settings, key::EcbUrl, endpoints.ecb, real.ecb);

    write(settings, key::RefreshMinutes, refreshMinutes, defaults.refreshMinutes);
    write(settings, key::CloseTime, closeTime.toString(TimeFormat), defaults.closeTime.toString(TimeFormat));
    write(settings, key::TotalCurrency, totalCurrency, defaults.totalCurrency);
    write(settings, key::RiskFreePercent, QString::number(riskFreePercent, 'g', 10),
          QString::number(defaults.riskFreePercent, 'g', 10));
    write(settings, key::StaleAfterDays, staleAfterDays, defaults.staleAfterDays);
    write(settings, key::Language, language, defaults.language);
    write(settings, key::Theme, themeKey(theme), themeKey(defaults.theme));
    write(settings, key::SyncIntervalMinutes, syncIntervalMinutes, defaults.syncIntervalMinutes);
    write(settings, key::SyncCaFile, syncCaFile.trimmed(), QString());
}

void AppSettings::migrate(QSettings &settings)
{
    const int version = settings.value(key::Version, 0).toInt();
    if (version >= CurrentVersion)
        return;
    // Version 0 (no version key) is the file of 0.1, with the same keys.
    settings.setValue(key::Version, CurrentVersion);
}

QString AppSettings::effectiveStorePath() const
{
    return storePath.isEmpty() ? store::Database::defaultSqlitePath() : storePath;
}

store::StoreLocation AppSettings::storeLocation() const
{
    if (storeBackend == store::Backend::PostgreSql)
        return store::StoreLocation::postgresql(postgres);
    return store::StoreLocation::sqlite(effectiveStorePath());
}

QStringList AppSettings::sslModes()
{
    return { QStringLiteral("disable"), QStringLiteral("allow"),     QStringLiteral("prefer"),
             QStringLiteral("require"), QStringLiteral("verify-ca"), QStringLiteral("verify-full") };
}

QString AppSettings::themeKey(Theme theme)
{
    switch (theme) {
    case Theme::System:
        break;
    case Theme::Light:
        return QStringLiteral("light");
    case Theme::Dark:
        return QStringLiteral("dark");
    }
    return QStringLiteral("system");
}

Theme AppSettings::themeFromKey(const QString &key)
{
    const QString text = key.trimmed().toLower();
    if (text == u"light")
        return Theme::Light;
    if (text == u"dark")
        return Theme::Dark;
    return Theme::System;
}

QStringList baseCurrencyChoices()
{
    QStringList codes;
    for (const char16_t *code : ReferenceCurrencies)
        codes.append(QString::fromUtf16(code));
    return codes;
}

bool hasReferenceRates(const QString &code)
{
    return std::any_of(ReferenceCurrencies.begin(), ReferenceCurrencies.end(),
                       [&code](const char16_t *known) { return QStringView(known) == code; });
}

} // namespace pt::gui
