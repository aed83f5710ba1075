#pragma once

#include "marketdata/provider.h"

namespace pt::marketdata {

// ECB euro reference rates as prices of currencies: an asset of class
// currency whose symbol (or sourceId) is "USD" and whose currency is "EUR" is
// priced in EUR per USD, 1 / rate; in another currency it is the cross rate
// through the euro (ecb::crossRate). One price per TARGET working day; days
// without a rate for either currency have no bar (a note says which).
//
// History reads eurofxref-hist.xml and keeps the range; latest prices read
// eurofxref-daily.xml (published around 16:00 CET); search lists the
// currencies of the daily file that match the query.
class EcbProvider final : public Provider
{
public:
    EcbProvider(HttpClient &http, const ProviderEndpoints &endpoints);
    Q_DISABLE_COPY_MOVE(EcbProvider)

    QString key() const override;
    Result<History> history(const Asset &asset, QDate from, QDate to) override;
    Result<std::vector<Quote>> latest(std::span<const Asset> assets) override;
    Result<std::vector<SearchHit>> search(const QString &query) override;

    // The reference rates themselves (EUR -> currency), for the fx_rate table:
    // the newest day, the last 90 days, or everything since 1999 (a few MB).
    enum class RateFile { Daily, Last90Days, Everything };
    Result<std::vector<EuroRate>> euroRates(RateFile file);

private:
    Result<std::vector<EuroRate>> rates(const QString &file, const QString &what);

    HttpClient &m_http;
    const ProviderEndpoints m_endpoints;
};

} // namespace pt::marketdata
