#include "marketdata/sourcepolicies.h"

#include <QLoggingCategory>

#include <cmath>

Q_DECLARE_LOGGING_CATEGORY(lcHttp)

namespace pt::marketdata {

namespace {

// Rate-limit messages are short; a large body that happens to contain the words
// (a news headline in a search result, say) is data, not a refusal.
constexpr qsizetype MaxRateLimitBody = 4096;

QByteArray environmentKey(const QString &source, const char *suffix)
{
    QByteArray key = "PT_";
    for (const QChar c : source) {
        key += c.isLetterOrNumber() && c.unicode() < 128 ? char(c.toUpper().unicode()) : '_';
    }
    return key + '_' + suffix;
}

void applyEnvironment(const QString &source, SourcePolicy &policy)
{
    const QByteArray rateKey = environmentKey(source, "RATE");
    if (qEnvironmentVariableIsSet(rateKey.constData())) {
        bool ok = false;
        const double rate = qEnvironmentVariable(rateKey.constData()).toDouble(&ok);
        if (ok && rate > 0 && std::isfinite(rate))
            policy.requestsPerSecond = rate;
        else
            qCWarning(lcHttp, "%s is not a positive number of requests per second; ignored", rateKey.constData());
    }
    const QByteArray burstKey = environmentKey(source, "BURST");
    if (qEnvironmentVariableIsSet(burstKey.constData())) {
        bool ok = false;
        const int burst = qEnvironmentVariable(burstKey.constData()).toInt(&ok);
        if (ok && burst > 0)
            policy.burst = burst;
        else
            qCWarning(lcHttp, "%s is not a positive bucket size; ignored", burstKey.constData());
    }
}

} // namespace

bool yahooRateLimited(int status, const QByteArray &body)
{
    // 429 with "Edge: Too Many Requests" as plain text, or the same text with a 200.
    return status == 429 || (body.size() <= MaxRateLimitBody && body.contains("Too Many Requests"));
}

bool coinGeckoRateLimited(int status, const QByteArray &body)
{
    if (status == 429)
        return true;
    if (body.size() > MaxRateLimitBody)
        return false;
    QByteArray compact = body;
    compact.replace(' ', QByteArray());
    return compact.contains("\"error_code\":429") || body.contains("exceeded the Rate Limit");
}

bool binanceRateLimited(int status, const QByteArray &body)
{
    if (status == 429 || status == 418)
        return true;
    if (body.size() > MaxRateLimitBody)
        return false;
    QByteArray compact = body;
    compact.replace(' ', QByteArray());
    return compact.contains("\"code\":-1003");
}

SourcePolicy defaultPolicy(const QString &source)
{
    SourcePolicy policy; // the common defaults of httpclient.h
    if (source == QLatin1String("yahoo")) {
        policy.requestsPerSecond = 2.0;
        policy.burst = 2;
        policy.isRateLimited = yahooRateLimited;
    } else if (source == QLatin1String("coingecko")) {
        policy.requestsPerSecond = 0.5;
        policy.burst = 1;
        policy.isRateLimited = coinGeckoRateLimited;
    } else if (source == QLatin1String("binance")) {
        policy.requestsPerSecond = 10.0;
        policy.burst = 10;
        policy.isRateLimited = binanceRateLimited;
    } else if (source == QLatin1String("ecb")) {
        policy.requestsPerSecond = 1.0;
        policy.burst = 1;
    } else {
        policy.requestsPerSecond = 1.0;
        policy.burst = 1;
    }
    applyEnvironment(source, policy);
    return policy;
}

} // namespace pt::marketdata
