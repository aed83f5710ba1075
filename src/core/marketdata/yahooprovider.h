#pragma once

#include "marketdata/provider.h"

#include <QByteArray>
#include <QMutex>

namespace pt::marketdata {

// Yahoo Finance: stocks, ETFs, indices, futures, FX and crypto pairs.
//
// History comes from the v8 chart endpoint, which needs no crumb; latest
// prices from v7 quote, which needs Yahoo's session: cookies from
// {yahooCookie}/ (kept by the client's cookie jar), then a crumb from
// {yahooQuery}/v1/test/getcrumb sent as &crumb=. A 401 "Invalid Crumb" refreshes
// cookie and crumb once and retries. The crumb is shared by every thread and
// guarded by a mutex; one thread refreshes while the others wait for it.
class YahooProvider final : public Provider
{
public:
    YahooProvider(HttpClient &http, const ProviderEndpoints &endpoints);
    Q_DISABLE_COPY_MOVE(YahooProvider)

    QString key() const override;
    Result<History> history(const Asset &asset, QDate from, QDate to) override;
    Result<std::vector<Quote>> latest(std::span<const Asset> assets) override;
    Result<std::vector<SearchHit>> search(const QString &query) override;

    // Quotes per request of v7 quote.
    static constexpr int QuoteBatchSize = 50;

private:
    // The current crumb, fetching one when there is none.
    Result<QByteArray> crumb();
    // A new cookie and crumb, unless another thread already replaced `stale`.
    Result<QByteArray> refreshCrumb(const QByteArray &stale);
    Result<QByteArray> fetchCrumbLocked();
    Result<std::vector<Quote>> quoteBatch(const QStringList &symbols);

    HttpClient &m_http;
    const ProviderEndpoints m_endpoints;
    QMutex m_crumbMutex;
    QByteArray m_crumb; // guarded by m_crumbMutex
};

} // namespace pt::marketdata
