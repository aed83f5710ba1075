#pragma once

#include "marketdata/marketdata.h"
#include "result.h"

#include <QDate>
#include <QString>
#include <QUrl>

class QSettings;

#include <span>
#include <vector>

namespace pt::marketdata {

class HttpClient;

// One market-data source behind one interface. Calls block until the answer is
// parsed, so they run on worker threads (jobs on the QThreadPool), never on the
// GUI thread. Thread-safe: one provider object serves every worker.
class Provider
{
public:
    virtual ~Provider() = default;

    // "yahoo", "coingecko", "binance", "ecb": the value of Asset::dataSource.
    virtual QString key() const = 0;
    // Daily bars (and corporate actions where the source has them) of one asset
    // over [from, to], on the exchange's calendar. An unknown symbol is an error
    // saying so.
    virtual Result<History> history(const Asset &asset, QDate from, QDate to) = 0;
    // Latest prices, batched into as few requests as the API allows. Assets the
    // source does not know are missing from the result, not an error.
    virtual Result<std::vector<Quote>> latest(std::span<const Asset> assets) = 0;
    virtual Result<std::vector<SearchHit>> search(const QString &query) = 0;
};

// Base URLs: the real endpoints by default; each can be overridden by settings
// (providers/<source>/url, ...) and, on top, by the environment (PT_YAHOO_URL,
// PT_YAHOO_QUERY_URL, PT_YAHOO_COOKIE_URL, PT_COINGECKO_URL, PT_BINANCE_URL,
// PT_ECB_URL), so tests and proxies can point elsewhere (docs/MARKETDATA.md).
struct ProviderEndpoints
{
    QUrl yahooChart = QUrl(QStringLiteral("https://query2.finance.yahoo.com"));
    QUrl yahooQuery = QUrl(QStringLiteral("https://query1.finance.yahoo.com")); // quote, getcrumb
    QUrl yahooCookie = QUrl(QStringLiteral("https://fc.yahoo.com"));
    QUrl coinGecko = QUrl(QStringLiteral("https://api.coingecko.com/api/v3"));
    QUrl binance = QUrl(QStringLiteral("https://api.binance.com"));
    QUrl ecb = QUrl(QStringLiteral("https://www.ecb.europa.eu/stats/eurofxref"));

    // Defaults, then the settings file, then the environment.
    static ProviderEndpoints load();
    // The PT_*_URL environment variables applied to `base` (the defaults when omitted).
    static ProviderEndpoints fromEnvironment();
    static ProviderEndpoints fromEnvironment(ProviderEndpoints base);
    // The providers/* keys of a settings file applied to the defaults.
    static ProviderEndpoints fromSettings(const QSettings &settings);
};

} // namespace pt::marketdata
