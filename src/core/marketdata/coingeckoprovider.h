#pragma once

#include "marketdata/provider.h"

namespace pt::marketdata {

// CoinGecko (API v3, keyless or Demo): crypto by coin id ("bitcoin", the
// asset's sourceId; else its symbol in lower case), priced in the asset's
// currency (default USD).
//
// History uses /coins/{id}/market_chart/range over at least 91 days, so the
// answer has daily points (shorter windows come hourly), dated as
// coingecko::parseMarketChart explains. Without a paid plan CoinGecko serves
// only the past 365 days: when it says so (error 10012) the request is
// repeated once from 364 days ago, with a note. Latest prices come from
// /simple/price, 100 ids per request.
class CoinGeckoProvider final : public Provider
{
public:
    CoinGeckoProvider(HttpClient &http, const ProviderEndpoints &endpoints);
    Q_DISABLE_COPY_MOVE(CoinGeckoProvider)

    QString key() const override;
    Result<History> history(const Asset &asset, QDate from, QDate to) override;
    Result<std::vector<Quote>> latest(std::span<const Asset> assets) override;
    Result<std::vector<SearchHit>> search(const QString &query) override;

    static constexpr int IdsPerRequest = 100;
    static constexpr int MinimumDays = 91; // above 90 days CoinGecko answers daily points
    static constexpr int FreeHistoryDays = 364;

private:
    Result<History> fetchRange(const QString &id, const QString &currency, QDate from, QDate to);

    HttpClient &m_http;
    const ProviderEndpoints m_endpoints;
};

} // namespace pt::marketdata
