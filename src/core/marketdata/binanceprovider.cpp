#include "marketdata/binanceprovider.h"

#include "marketdata/barvalidator.h"
#include "marketdata/binanceparser.h"
#include "marketdata/providersupport.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

namespace pt::marketdata {

namespace {

const QString Source = QStringLiteral("binance");
constexpr std::int64_t MsPerDay = 86'400'000;
// 100 pages of 1,000 days reach back 270 years: more is a loop gone wrong.
constexpr int MaxPages = 100;

QString pairOf(const Asset &asset)
{
    return support::idOf(asset.sourceId, asset.symbol).toUpper();
}

bool isUnknownSymbol(const QString &error)
{
    return error.startsWith(QStringLiteral("unknown symbol"));
}

} // namespace

BinanceProvider::BinanceProvider(HttpClient &http, const ProviderEndpoints &endpoints)
    : m_http(http)
    , m_endpoints(endpoints)
{ }

QString BinanceProvider::key() const
{
    return Source;
}

QString BinanceProvider::quoteAssetOf(const QString &symbol)
{
    // Longest first, so "FDUSD" wins over "USD"-like endings.
    static const QStringList quoteAssets
        = { QStringLiteral("FDUSD"), QStringLiteral("USDT"), QStringLiteral("USDC"), QStringLiteral("BUSD"),
            QStringLiteral("TUSD"),  QStringLiteral("BTC"),  QStringLiteral("ETH"),  QStringLiteral("BNB"),
            QStringLiteral("EUR"),   QStringLiteral("GBP"),  QStringLiteral("TRY"),  QStringLiteral("BRL"),
            QStringLiteral("JPY"),   QStringLiteral("AUD"),  QStringLiteral("DAI"),  QStringLiteral("USD") };
    for (const QString &quote : quoteAssets) {
        if (symbol.size() > quote.size() && symbol.endsWith(quote))
            return quote;
    }
    return {};
}

Result<History> BinanceProvider::history(const Asset &asset, QDate from, QDate to)
{
    const QString symbol = pairOf(asset);
    const QString what = QStringLiteral("Binance history of %1").arg(symbol);
    if (symbol.isEmpty())
        return Error { QStringLiteral("Binance history: the asset has neither a source id nor a symbol") };
    if (!from.isValid() || !to.isValid() || from > to)
        return Error { QStringLiteral("%1: the range %2 to %3 is empty")
                           .arg(what, from.toString(Qt::ISODate), to.toString(Qt::ISODate)) };

    History history;
    history.currency = asset.currency.isEmpty() ? quoteAssetOf(symbol) : asset.currency;
    history.timeZone = QStringLiteral("UTC");
    const std::int64_t endMs = support::utcMilliseconds(to.addDays(1)) - 1;
    std::int64_t startMs = support::utcMilliseconds(from);
    for (int page = 0; startMs <= endMs; ++page) {
        if (page == MaxPages)
            return Error { QStringLiteral("%1: more than %2 pages of klines").arg(what).arg(MaxPages) };
        const QUrl url = support::endpoint(m_endpoints.binance, QStringLiteral("/api/v3/klines"),
                                           { { QStringLiteral("symbol"), symbol },
                                             { QStringLiteral("interval"), QStringLiteral("1d") },
                                             { QStringLiteral("startTime"), QString::number(startMs) },
                                             { QStringLiteral("endTime"), QString::number(endMs) },
                                             { QStringLiteral("limit"), QString::number(KlineLimit) } });
        auto response = support::get(m_http, Source, url);
        if (!response)
            return Error { QStringLiteral("%1: %2").arg(what, response.error()) };
        auto parsed = binance::parseKlines(response->body, QDateTime::currentMSecsSinceEpoch());
        if (!parsed) {
            if (response->status >= 400 && binance::errorIn(response->body).isEmpty())
                return Error { QStringLiteral("%1: HTTP %2, %3").arg(what).arg(response->status).arg(parsed.error()) };
            return Error { QStringLiteral("%1: %2").arg(what, parsed.error()) };
        }
        if (response->status != 200)
            return Error { QStringLiteral("%1: %2").arg(what, support::statusProblem(*response)) };
        history.bars.insert(history.bars.end(), parsed->bars.begin(), parsed->bars.end());
        history.notes << parsed->notes;
        if (parsed->rowCount < KlineLimit || parsed->lastOpenTimeMs < startMs)
            break;
        startMs = parsed->lastOpenTimeMs + MsPerDay;
    }
    return validateHistory(std::move(history), from, to).history;
}

Result<std::vector<Quote>> BinanceProvider::tickers(const QStringList &symbols)
{
    const QByteArray list = QJsonDocument(QJsonArray::fromStringList(symbols)).toJson(QJsonDocument::Compact);
    const support::QueryItems query = symbols.size() == 1
        ? support::QueryItems { { QStringLiteral("symbol"), symbols.front() } }
        : support::QueryItems { { QStringLiteral("symbols"), QString::fromUtf8(list) } };
    auto response = support::get(m_http, Source,
                                 support::endpoint(m_endpoints.binance, QStringLiteral("/api/v3/ticker/price"), query));
    if (!response)
        return Error { response.error() };
    auto quotes = binance::parseTickerPrices(response->body, QDateTime::currentDateTimeUtc());
    if (!quotes) {
        if (response->status >= 400 && binance::errorIn(response->body).isEmpty())
            return Error { QStringLiteral("HTTP %1, %2").arg(response->status).arg(quotes.error()) };
        return quotes;
    }
    if (response->status != 200)
        return Error { support::statusProblem(*response) };
    for (Quote &quote : *quotes)
        quote.currency = quoteAssetOf(quote.symbol);
    return quotes;
}

Result<std::vector<Quote>> BinanceProvider::latest(std::span<const Asset> assets)
{
    QStringList symbols;
    for (const Asset &asset : assets) {
        const QString symbol = pairOf(asset);
        if (!symbol.isEmpty() && !symbols.contains(symbol))
            symbols << symbol;
    }
    if (symbols.isEmpty())
        return std::vector<Quote>();
    const QString what = QStringLiteral("Binance prices of %1").arg(symbols.join(QStringLiteral(", ")));
    auto all = tickers(symbols);
    if (all)
        return all;
    if (!isUnknownSymbol(all.error()))
        return Error { QStringLiteral("%1: %2").arg(what, all.error()) };
    if (symbols.size() == 1)
        return std::vector<Quote>(); // unknown to Binance: no quote, no error
    // One unknown symbol fails the whole request: ask one by one.
    std::vector<Quote> quotes;
    for (const QString &symbol : symbols) {
        auto one = tickers({ symbol });
        if (!one && isUnknownSymbol(one.error()))
            continue;
        if (!one)
            return Error { QStringLiteral("Binance price of %1: %2").arg(symbol, one.error()) };
        quotes.insert(quotes.end(), one->begin(), one->end());
    }
    return quotes;
}

Result<std::vector<SearchHit>> BinanceProvider::search(const QString &query)
{
    QString text;
    for (const QChar c : query.trimmed().toUpper()) {
        if (c.isLetterOrNumber() && c.unicode() < 128)
            text += c;
    }
    if (text.isEmpty() || text.size() > 20)
        return std::vector<SearchHit>();
    QStringList candidates = { text };
    if (quoteAssetOf(text).isEmpty())
        candidates << text + QStringLiteral("USDT");
    std::vector<SearchHit> hits;
    for (const QString &symbol : candidates) {
        auto found = tickers({ symbol });
        if (!found && isUnknownSymbol(found.error()))
            continue;
        if (!found)
            return Error { QStringLiteral("Binance search for \"%1\": %2").arg(query.trimmed(), found.error()) };
        for (const Quote &quote : *found) {
            SearchHit hit;
            hit.symbol = quote.symbol;
            hit.name = quote.symbol;
            hit.assetClass = AssetClass::Crypto;
            hit.exchange = QStringLiteral("Binance");
            hit.currency = quote.currency;
            hit.dataSource = Source;
            hit.sourceId = quote.symbol;
            hits.push_back(hit);
        }
    }
    return hits;
}

} // namespace pt::marketdata
