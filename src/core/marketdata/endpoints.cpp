#include "marketdata/provider.h"

#include <QLoggingCategory>
#include <QSettings>

namespace pt::marketdata {

namespace {

Q_LOGGING_CATEGORY(lcEndpoints, "pt.marketdata.endpoints")

// An absolute http(s) URL from the environment, or nothing (with a warning
// when the variable is set to something else). Trailing slashes are dropped:
// paths are appended to it.
// An absolute http(s) URL, or nothing (with a warning naming `where`).
std::optional<QUrl> validUrl(const QString &raw, const char *where)
{
    const QString text = raw.trimmed();
    QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme();
    if (!url.isValid() || url.host().isEmpty()
        || (scheme != QStringLiteral("http") && scheme != QStringLiteral("https"))) {
        qCWarning(lcEndpoints, "%s='%s' is not an http(s) URL; it is ignored", where, qPrintable(text));
        return std::nullopt;
    }
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(path);
    return url;
}

std::optional<QUrl> urlFromEnvironment(const char *name)
{
    if (!qEnvironmentVariableIsSet(name))
        return std::nullopt;
    return validUrl(qEnvironmentVariable(name), name);
}

std::optional<QUrl> urlFromSettings(const QSettings &settings, const char *key)
{
    const QVariant value = settings.value(QLatin1String(key));
    if (!value.isValid())
        return std::nullopt;
    return validUrl(value.toString(), key);
}

} // namespace

ProviderEndpoints ProviderEndpoints::fromSettings(const QSettings &settings)
{
    ProviderEndpoints endpoints;
    if (const auto yahoo = urlFromSettings(settings, "providers/yahoo/url")) {
        endpoints.yahooChart = *yahoo;
        endpoints.yahooQuery = *yahoo;
        endpoints.yahooCookie = *yahoo;
    }
    if (const auto query = urlFromSettings(settings, "providers/yahoo/queryUrl"))
        endpoints.yahooQuery = *query;
    if (const auto cookie = urlFromSettings(settings, "providers/yahoo/cookieUrl"))
        endpoints.yahooCookie = *cookie;
    if (const auto url = urlFromSettings(settings, "providers/coingecko/url"))
        endpoints.coinGecko = *url;
    if (const auto url = urlFromSettings(settings, "providers/binance/url"))
        endpoints.binance = *url;
    if (const auto url = urlFromSettings(settings, "providers/ecb/url"))
        endpoints.ecb = *url;
    return endpoints;
}

ProviderEndpoints ProviderEndpoints::load()
{
    const QSettings settings;
    return fromEnvironment(fromSettings(settings));
}

ProviderEndpoints ProviderEndpoints::fromEnvironment()
{
    return fromEnvironment(ProviderEndpoints());
}

ProviderEndpoints ProviderEndpoints::fromEnvironment(ProviderEndpoints endpoints)
{
    // PT_YAHOO_URL moves all of Yahoo (chart and search, quote and crumb, the
    // cookie page) so one proxy or test server stands in for it; the two
    // narrower variables then move single hosts.
    if (const auto yahoo = urlFromEnvironment("PT_YAHOO_URL")) {
        endpoints.yahooChart = *yahoo;
        endpoints.yahooQuery = *yahoo;
        endpoints.yahooCookie = *yahoo;
    }
    if (const auto query = urlFromEnvironment("PT_YAHOO_QUERY_URL"))
        endpoints.yahooQuery = *query;
    if (const auto cookie = urlFromEnvironment("PT_YAHOO_COOKIE_URL"))
        endpoints.yahooCookie = *cookie;
    if (const auto url = urlFromEnvironment("PT_COINGECKO_URL"))
        endpoints.coinGecko = *url;
    if (const auto url = urlFromEnvironment("PT_BINANCE_URL"))
        endpoints.binance = *url;
    if (const auto url = urlFromEnvironment("PT_ECB_URL"))
        endpoints.ecb = *url;
    return endpoints;
}

} // namespace pt::marketdata
