#include "marketdata/coingeckoprovider.h"

#include "marketdata/barvalidator.h"
#include "marketdata/coingeckoparser.h"
#include "marketdata/providersupport.h"

#include <QDateTime>

#include <set>

namespace pt::marketdata {

namespace {

const QString Source = QStringLiteral("coingecko");

QString coinId(const Asset &asset)
{
    return asset.sourceId.trimmed().isEmpty() ? asset.symbol.trimmed().toLower() : asset.sourceId.trimmed();
}

QString vsCurrency(const Asset &asset)
{
    const QString currency = asset.currency.trimmed().toLower();
    return currency.isEmpty() ? QStringLiteral("usd") : currency;
}

} // namespace

CoinGeckoProvider::CoinGeckoProvider(HttpClient &http, const ProviderEndpoints &endpoints)
    : m_http(http)
    , m_endpoints(endpoints)
{ }

QString CoinGeckoProvider::key() const
{
    return Source;
}

Result<History> CoinGeckoProvider::history(const Asset &asset, QDate from, QDate to)
{
    const QString id = coinId(asset);
    const QString what = QStringLiteral("CoinGecko history of %1").arg(id);
    if (id.isEmpty())
        return Error { QStringLiteral("CoinGecko history: the asset has neither a source id nor a symbol") };
    if (!from.isValid() || !to.isValid() || from > to)
        return Error { QStringLiteral("%1: the range %2 to %3 is empty")
                           .arg(what, from.toString(Qt::ISODate), to.toString(Qt::ISODate)) };

    auto history = fetchRange(id, vsCurrency(asset), from, to);
    if (!history && history.error().contains(QStringLiteral("error 10012"))) {
        const QDate earliest = QDate::currentDate().addDays(-FreeHistoryDays);
        if (earliest > to)
            return Error { QStringLiteral("%1: %2").arg(what, history.error()) };
        history = fetchRange(id, vsCurrency(asset), std::max(from, earliest), to);
        if (history) {
            history->notes.prepend(
                QStringLiteral("CoinGecko serves only the past 365 days without a paid plan: "
                               "history starts on %1, not %2")
                    .arg(std::max(from, earliest).toString(Qt::ISODate), from.toString(Qt::ISODate)));
        }
    }
    if (!history)
        return Error { QStringLiteral("%1: %2").arg(what, history.error()) };
    return validateHistory(std::move(history).value(), from, to).history;
}

Result<History> CoinGeckoProvider::fetchRange(const QString &id, const QString &currency, QDate from, QDate to)
{
    // The point at 00:00 UTC of D+1 closes D: ask up to midnight after `to`.
    const std::int64_t end = support::utcSeconds(to.addDays(1));
    const std::int64_t start = std::min(support::utcSeconds(from), end - std::int64_t(MinimumDays) * 86400);
    const QUrl url = support::endpoint(m_endpoints.coinGecko,
                                       QStringLiteral("/coins/%1/market_chart/range").arg(support::segment(id)),
                                       { { QStringLiteral("vs_currency"), currency },
                                         { QStringLiteral("from"), QString::number(start) },
                                         { QStringLiteral("to"), QString::number(end) } });
    auto response = support::get(m_http, Source, url);
    if (!response)
        return Error { response.error() };
    auto history = coingecko::parseMarketChart(response->body, currency);
    if (!history) {
        if (response->status >= 400 && coingecko::errorIn(response->body).isEmpty())
            return Error { QStringLiteral("HTTP %1, %2").arg(response->status).arg(history.error()) };
        return history;
    }
    if (response->status != 200)
        return Error { support::statusProblem(*response) };
    return history;
}

Result<std::vector<Quote>> CoinGeckoProvider::latest(std::span<const Asset> assets)
{
    std::set<std::pair<QString, QString>> wanted; // (id, currency)
    QStringList ids;
    for (const Asset &asset : assets) {
        const QString id = coinId(asset);
        if (id.isEmpty())
            continue;
        wanted.insert({ id, vsCurrency(asset).toUpper() });
        if (!ids.contains(id))
            ids << id;
    }
    std::vector<Quote> quotes;
    for (qsizetype first = 0; first < ids.size(); first += IdsPerRequest) {
        const QStringList batch = ids.mid(first, IdsPerRequest);
        QStringList currencies;
        for (const auto &[id, currency] : wanted) {
            if (batch.contains(id) && !currencies.contains(currency.toLower()))
                currencies << currency.toLower();
        }
        const QUrl url = support::endpoint(m_endpoints.coinGecko, QStringLiteral("/simple/price"),
                                           { { QStringLiteral("ids"), batch.join(u',') },
                                             { QStringLiteral("vs_currencies"), currencies.join(u',') },
                                             { QStringLiteral("include_last_updated_at"), QStringLiteral("true") } });
        const QString what = QStringLiteral("CoinGecko prices of %1").arg(batch.join(QStringLiteral(", ")));
        auto response = support::get(m_http, Source, url);
        if (!response)
            return Error { QStringLiteral("%1: %2").arg(what, response.error()) };
        auto parsed = coingecko::parseSimplePrice(response->body);
        if (!parsed)
            return Error { QStringLiteral("%1: %2").arg(what, parsed.error()) };
        if (response->status != 200)
            return Error { QStringLiteral("%1: %2").arg(what, support::statusProblem(*response)) };
        for (Quote &quote : *parsed) {
            if (wanted.count({ quote.symbol, quote.currency }))
                quotes.push_back(std::move(quote));
        }
    }
    return quotes;
}

Result<std::vector<SearchHit>> CoinGeckoProvider::search(const QString &query)
{
    const QString text = query.trimmed();
    if (text.isEmpty())
        return std::vector<SearchHit>();
    const QString what = QStringLiteral("CoinGecko search for \"%1\"").arg(text);
    auto response = support::get(
        m_http, Source,
        support::endpoint(m_endpoints.coinGecko, QStringLiteral("/search"), { { QStringLiteral("query"), text } }));
    if (!response)
        return Error { QStringLiteral("%1: %2").arg(what, response.error()) };
    auto hits = coingecko::parseSearch(response->body);
    if (!hits)
        return Error { QStringLiteral("%1: %2").arg(what, hits.error()) };
    if (response->status != 200)
        return Error { QStringLiteral("%1: %2").arg(what, support::statusProblem(*response)) };
    return hits;
}

} // namespace pt::marketdata
