#pragma once

#include "fakehttpserver.h"
#include "fixtures.h"

#include "marketdata/httpclient.h"
#include "marketdata/provider.h"
#include "marketdata/sourcepolicies.h"

#include <QUrlQuery>

#include <memory>

namespace pt::test {

// A loopback server answering in the providers' formats and an HTTP client
// with quick policies (short timeouts and backoffs, no rate limit to speak of,
// each source's own rate-limit detector), made afresh for each test function.
struct ProviderRig
{
    FakeHttpServer server;
    std::unique_ptr<marketdata::HttpClient> http;

    ProviderRig()
    {
        if (!server.listen())
            qFatal("the fake HTTP server cannot listen");
        http = std::make_unique<marketdata::HttpClient>();
        for (const char *source : { "yahoo", "coingecko", "binance", "ecb" }) {
            marketdata::SourcePolicy policy = marketdata::defaultPolicy(QLatin1StringView(source));
            policy.requestsPerSecond = 1000;
            policy.burst = 100;
            policy.maxAttempts = 2;
            policy.timeout = std::chrono::milliseconds(5000);
            policy.baseBackoff = std::chrono::milliseconds(10);
            policy.maxBackoff = std::chrono::milliseconds(50);
            policy.breakerThreshold = 1000;
            http->setPolicy(QLatin1StringView(source), policy);
        }
    }

    // Every source on the fake server, under paths like the real ones.
    marketdata::ProviderEndpoints endpoints() const
    {
        const QUrl base = server.baseUrl();
        const auto under = [&](const QString &path) {
            QUrl url = base;
            url.setPath(path);
            return url;
        };
        marketdata::ProviderEndpoints endpoints;
        endpoints.yahooChart = base;
        endpoints.yahooQuery = base;
        endpoints.yahooCookie = base;
        endpoints.coinGecko = under(QStringLiteral("/api/v3"));
        endpoints.binance = base;
        endpoints.ecb = under(QStringLiteral("/stats/eurofxref/")); // a trailing slash is tolerated
        return endpoints;
    }

    QList<RecordedRequest> requestsTo(const QByteArray &pathPrefix) const
    {
        QList<RecordedRequest> matching;
        for (const RecordedRequest &request : server.requests()) {
            if (request.url.path(QUrl::FullyEncoded).toLatin1().startsWith(pathPrefix))
                matching << request;
        }
        return matching;
    }
};

inline QString queryValue(const RecordedRequest &request, const QString &name)
{
    return QUrlQuery(request.url).queryItemValue(name, QUrl::FullyDecoded);
}

inline QByteArray headerValue(const RecordedRequest &request, const QByteArray &name)
{
    for (const auto &[key, value] : request.headers) {
        if (key == name)
            return value;
    }
    return {};
}

inline Asset makeAsset(const QString &symbol, const QString &currency, const QString &sourceId = {},
                       AssetClass assetClass = AssetClass::Stock)
{
    Asset asset;
    asset.symbol = symbol;
    asset.currency = currency;
    asset.sourceId = sourceId;
    asset.assetClass = assetClass;
    return asset;
}

inline FakeReply fixtureReply(const QString &relative, int status = 200)
{
    return FakeReply::file(fixturePath(relative), status);
}

} // namespace pt::test
