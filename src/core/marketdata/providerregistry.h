#pragma once

#include "marketdata/provider.h"

#include <QObject>
#include <QString>

#include <map>
#include <memory>

namespace pt::marketdata {

class HttpClient;

// Owns the HTTP client and one provider per source, configured from endpoints
// and the default policies. Shared by the job runner, the CLI and the app.
class ProviderRegistry final
{
public:
    explicit ProviderRegistry(const ProviderEndpoints &endpoints = ProviderEndpoints::load());
    ~ProviderRegistry();
    Q_DISABLE_COPY_MOVE(ProviderRegistry)

    // nullptr for an unknown key (e.g. an asset without a data source).
    Provider *provider(const QString &key) const;
    QStringList keys() const;
    HttpClient &http() const;

private:
    std::unique_ptr<HttpClient> m_http;
    std::map<QString, std::unique_ptr<Provider>> m_providers;
};

} // namespace pt::marketdata
