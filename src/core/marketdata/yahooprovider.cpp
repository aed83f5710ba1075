#include "marketdata/yahooprovider.h"

#include "marketdata/barvalidator.h"
#include "marketdata/providersupport.h"
#include "marketdata/yahooparser.h"

#include <QMutexLocker>

#include <algorithm>

namespace pt::marketdata {

namespace {

const QString Source = QStringLiteral("yahoo");

// A crumb is a short token (11 characters today); anything else is a page or
// a message that must not be sent back as a query parameter.
bool looksLikeCrumb(const QByteArray &text)
{
    if (text.isEmpty() || text.size() > 64)
        return false;
    return std::none_of(text.begin(), text.end(), [](char c) { return c <= ' ' || c == '<' || c == '{' || c == '"'; });
}

} // namespace

YahooProvider::YahooProvider(HttpClient &http, const ProviderEndpoints &endpoints)
    : m_http(http)
    , m_endpoints(endpoints)
{ }

QString YahooProvider::key() const
{
    return Source;
}

Result<History> YahooProvider::history(const Asset &asset, QDate from, QDate to)
{
    const QString symbol = support::idOf(asset.sourceId, asset.symbol);
    const QString what = QStringLiteral("Yahoo Finance history of %1").arg(symbol);
    if (symbol.isEmpty())
        return Error { QStringLiteral("Yahoo Finance history: the asset has neither a source id nor a symbol") };
    if (!from.isValid() || !to.isValid() || from > to)
        return Error { QStringLiteral("%1: the range %2 to %3 is empty")
                           .arg(what, from.toString(Qt::ISODate), to.toString(Qt::ISODate)) };

    // Bars are stamped at the session open in the exchange's zone, up to 14
    // hours away from UTC: ask with a day's margin each side, then clip.
    const QUrl url
        = support::endpoint(m_endpoints.yahooChart, QStringLiteral("/v8/finance/chart/") + support::segment(symbol),
                            { { QStringLiteral("period1"), QString::number(support::utcSeconds(from.addDays(-1))) },
                              { QStringLiteral("period2"), QString::number(support::utcSeconds(to.addDays(2))) },
                              { QStringLiteral("interval"), QStringLiteral("1d") },
                              { QStringLiteral("events"), QStringLiteral("div|split") },
                              { QStringLiteral("includePrePost"), QStringLiteral("false") } });
    auto response = support::get(m_http, Source, url);
    if (!response)
        return Error { QStringLiteral("%1: %2").arg(what, response.error()) };
    // 404 with a chart.error body is Yahoo's "unknown symbol", not a failure of HTTP.
    auto parsed = yahoo::parseChart(response->body);
    if (!parsed) {
        if (response->status >= 400 && !parsed.error().startsWith(QStringLiteral("unknown symbol")))
            return Error { QStringLiteral("%1: HTTP %2, %3").arg(what).arg(response->status).arg(parsed.error()) };
        return Error { QStringLiteral("%1: %2").arg(what, parsed.error()) };
    }
    if (response->status != 200)
        return Error { QStringLiteral("%1: %2").arg(what, support::statusProblem(*response)) };
    return validateHistory(std::move(parsed).value(), from, to).history;
}

Result<std::vector<Quote>> YahooProvider::latest(std::span<const Asset> assets)
{
    QStringList symbols;
    for (const Asset &asset : assets) {
        const QString symbol = support::idOf(asset.sourceId, asset.symbol);
        if (!symbol.isEmpty() && !symbols.contains(symbol))
            symbols << symbol;
    }
    std::vector<Quote> quotes;
    for (qsizetype first = 0; first < symbols.size(); first += QuoteBatchSize) {
        auto batch = quoteBatch(symbols.mid(first, QuoteBatchSize));
        if (!batch)
            return Error { batch.error() };
        quotes.insert(quotes.end(), batch->begin(), batch->end());
    }
    return quotes;
}

Result<std::vector<Quote>> YahooProvider::quoteBatch(const QStringList &symbols)
{
    const QString what = QStringLiteral("Yahoo Finance quotes of %1").arg(symbols.join(QStringLiteral(", ")));
    const auto urlWith = [&](const QByteArray &crumb) {
        return support::endpoint(m_endpoints.yahooQuery, QStringLiteral("/v7/finance/quote"),
                                 { { QStringLiteral("symbols"), symbols.join(u',') },
                                   { QStringLiteral("crumb"), QString::fromLatin1(crumb) } });
    };
    auto crumbNow = crumb();
    if (!crumbNow)
        return Error { QStringLiteral("%1: %2").arg(what, crumbNow.error()) };
    auto response = support::get(m_http, Source, urlWith(*crumbNow));
    if (response && yahoo::isInvalidCrumb(response->status, response->body)) {
        crumbNow = refreshCrumb(*crumbNow);
        if (!crumbNow)
            return Error { QStringLiteral("%1: %2").arg(what, crumbNow.error()) };
        response = support::get(m_http, Source, urlWith(*crumbNow));
    }
    if (!response)
        return Error { QStringLiteral("%1: %2").arg(what, response.error()) };
    if (yahoo::isInvalidCrumb(response->status, response->body))
        return Error { QStringLiteral("%1: Yahoo refused a fresh crumb too (401 Invalid Crumb)").arg(what) };
    auto quotes = yahoo::parseQuotes(response->body);
    if (!quotes) {
        if (response->status >= 400)
            return Error { QStringLiteral("%1: HTTP %2, %3").arg(what).arg(response->status).arg(quotes.error()) };
        return Error { QStringLiteral("%1: %2").arg(what, quotes.error()) };
    }
    return quotes;
}

Result<QByteArray> YahooProvider::crumb()
{
    const QMutexLocker locker(&m_crumbMutex);
    if (!m_crumb.isEmpty())
        return m_crumb;
    return fetchCrumbLocked();
}

Result<QByteArray> YahooProvider::refreshCrumb(const QByteArray &stale)
{
    const QMutexLocker locker(&m_crumbMutex);
    if (!m_crumb.isEmpty() && m_crumb != stale)
        return m_crumb; // another thread refreshed it meanwhile
    m_crumb.clear();
    return fetchCrumbLocked();
}

Result<QByteArray> YahooProvider::fetchCrumbLocked()
{
    // The cookie page answers 404 or a redirect; what matters is its Set-Cookie.
    auto cookie = support::get(m_http, Source, support::endpoint(m_endpoints.yahooCookie, QStringLiteral("/")));
    if (!cookie)
        return Error { QStringLiteral("getting Yahoo's session cookie: %1").arg(cookie.error()) };
    auto response
        = support::get(m_http, Source, support::endpoint(m_endpoints.yahooQuery, QStringLiteral("/v1/test/getcrumb")));
    if (!response)
        return Error { QStringLiteral("getting a Yahoo crumb: %1").arg(response.error()) };
    const QByteArray body = response->body.trimmed();
    if (response->status == 429 || body.contains("Too Many Requests"))
        return Error {
            QStringLiteral("rate limited while getting a Yahoo crumb (%1)").arg(support::statusProblem(*response))
        };
    if (response->status != 200 || !looksLikeCrumb(body))
        return Error { QStringLiteral("no Yahoo crumb: %1").arg(support::statusProblem(*response)) };
    m_crumb = body;
    return m_crumb;
}

Result<std::vector<SearchHit>> YahooProvider::search(const QString &query)
{
    const QString text = query.trimmed();
    if (text.isEmpty())
        return std::vector<SearchHit>();
    const QUrl url = support::endpoint(m_endpoints.yahooChart, QStringLiteral("/v1/finance/search"),
                                       { { QStringLiteral("q"), text },
                                         { QStringLiteral("quotesCount"), QStringLiteral("10") },
                                         { QStringLiteral("newsCount"), QStringLiteral("0") },
                                         { QStringLiteral("listsCount"), QStringLiteral("0") },
                                         { QStringLiteral("enableFuzzyQuery"), QStringLiteral("false") } });
    const QString what = QStringLiteral("Yahoo Finance search for \"%1\"").arg(text);
    auto response = support::get(m_http, Source, url);
    if (!response)
        return Error { QStringLiteral("%1: %2").arg(what, response.error()) };
    auto hits = yahoo::parseSearch(response->body);
    if (!hits)
        return Error { QStringLiteral("%1: %2").arg(what, hits.error()) };
    if (response->status != 200)
        return Error { QStringLiteral("%1: %2").arg(what, support::statusProblem(*response)) };
    return hits;
}

} // namespace pt::marketdata
