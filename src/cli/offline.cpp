#include "offline.h"

#include "context.h"

#include "marketdata/provider.h"

namespace pt::cli {

QString sourceHost(const QString &source)
{
    const marketdata::ProviderEndpoints endpoints = marketdata::ProviderEndpoints::load();
    QUrl url;
    if (source == u"yahoo")
        url = endpoints.yahooChart;
    else if (source == u"coingecko")
        url = endpoints.coinGecko;
    else if (source == u"binance")
        url = endpoints.binance;
    else if (source == u"ecb")
        url = endpoints.ecb;
    if (url.isEmpty())
        return source;
    return url.port() > 0 ? QStringLiteral("%1:%2").arg(url.host()).arg(url.port()) : url.host();
}

int reportOffline(Context &context, const QString &source, const QString &why)
{
    context.out().flush();
    context.err() << "offline: cannot reach " << sourceHost(source) << " (" << why << ')' << Qt::endl;
    return ExitOffline;
}

} // namespace pt::cli
