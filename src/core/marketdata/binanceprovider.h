#pragma once

#include "marketdata/provider.h"

namespace pt::marketdata {

// Binance spot market: crypto pairs by symbol ("BTCUSDT", the asset's
// sourceId, else its symbol), daily klines in UTC.
//
// History pages through /api/v3/klines, at most 1,000 klines a request, from
// the last open time + 1 day until a page comes back short or passes the end.
// Latest prices come from /api/v3/ticker/price in one request for all symbols;
// since one unknown symbol fails that request (-1121), it then asks per symbol
// and leaves the unknown ones out. Search checks whether the query (or the
// query + "USDT") is a listed pair.
class BinanceProvider final : public Provider
{
public:
    BinanceProvider(HttpClient &http, const ProviderEndpoints &endpoints);
    Q_DISABLE_COPY_MOVE(BinanceProvider)

    QString key() const override;
    Result<History> history(const Asset &asset, QDate from, QDate to) override;
    Result<std::vector<Quote>> latest(std::span<const Asset> assets) override;
    Result<std::vector<SearchHit>> search(const QString &query) override;

    static constexpr int KlineLimit = 1000;

    // The quote asset a pair is priced in ("BTCUSDT" -> "USDT"), or empty.
    static QString quoteAssetOf(const QString &symbol);

private:
    Result<std::vector<Quote>> tickers(const QStringList &symbols);

    HttpClient &m_http;
    const ProviderEndpoints m_endpoints;
};

} // namespace pt::marketdata
