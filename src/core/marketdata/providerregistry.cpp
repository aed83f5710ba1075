#include "marketdata/providerregistry.h"

#include "marketdata/binanceprovider.h"
#include "marketdata/coingeckoprovider.h"
#include "marketdata/ecbprovider.h"
#include "marketdata/httpclient.h"
#include "marketdata/yahooprovider.h"

namespace pt::marketdata {

ProviderRegistry::ProviderRegistry(const ProviderEndpoints &endpoints)
    : m_http(std::make_unique<HttpClient>())
{
    // Each source's policy comes from defaultPolicy() (sourcepolicies.cpp),
    // which the client applies by the request's source key.
    std::unique_ptr<Provider> providers[] = {
        std::make_unique<YahooProvider>(*m_http, endpoints),
        std::make_unique<CoinGeckoProvider>(*m_http, endpoints),
        std::make_unique<BinanceProvider>(*m_http, endpoints),
        std::make_unique<EcbProvider>(*m_http, endpoints),
    };
    for (auto &provider : providers) {
        const QString key = provider->key();
        m_providers.emplace(key, std::move(provider));
    }
}

// The providers go before the client they use.
ProviderRegistry::~ProviderRegistry()
{
    m_providers.clear();
}

Provider *ProviderRegistry::provider(const QString &key) const
{
    const auto found = m_providers.find(key);
    return found == m_providers.end() ? nullptr : found->second.get();
}

QStringList ProviderRegistry::keys() const
{
    QStringList keys;
    for (const auto &[key, provider] : m_providers)
        keys << key;
    return keys;
}

HttpClient &ProviderRegistry::http() const
{
    return *m_http;
}

} // namespace pt::marketdata
