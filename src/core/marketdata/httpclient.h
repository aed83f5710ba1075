#pragma once

#include "result.h"

#include <QByteArray>
#include <QFuture>
#include <QList>
#include <QObject>
#include <QPair>
#include <QUrl>

#include <chrono>
#include <functional>
#include <memory>

class QNetworkAccessManager;
class QThread;

namespace pt::marketdata {

// How the client treats one source (one provider's host). Defaults per source
// are in sourcepolicies.cpp and docs/MARKETDATA.md.
struct SourcePolicy
{
    double requestsPerSecond = 1.0; // token bucket refill rate
    int burst = 1;                  // token bucket size
    int maxAttempts = 4;            // first try included
    std::chrono::milliseconds timeout{15000};   // per attempt, whole transfer
    std::chrono::milliseconds baseBackoff{1000}; // doubled per attempt, with jitter
    std::chrono::milliseconds maxBackoff{60000};
    int breakerThreshold = 5;                    // consecutive failed requests open it
    std::chrono::milliseconds breakerCooldown{60000};
    // Some providers answer 200 with a rate-limit message in the body (Yahoo's
    // "Too Many Requests"); such answers are treated as a 429.
    std::function<bool(int status, const QByteArray &body)> isRateLimited;
};

struct HttpRequest
{
    QString source; // policy key: "yahoo", "coingecko", "binance", "ecb"
    QUrl url;
    QList<QPair<QByteArray, QByteArray>> headers;
};

struct HttpResponse
{
    int status = 0;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers; // lower-case names
    int attempts = 0; // how many tries it took
    QByteArray header(const QByteArray &lowerCaseName) const;
};

// HTTP for the market-data providers, on a thread of its own with one
// QNetworkAccessManager (and so one cookie jar). Every request passes its
// source's token bucket and circuit breaker; 429, 5xx, timeouts and dropped
// connections are retried with exponential backoff and full jitter, honouring
// Retry-After (seconds or an HTTP date); other 4xx are returned at once.
//
// send() may be called from any thread. A job on a pool thread may block on
// the future (QFuture::result()); the GUI thread must not — it continues with
// QFuture::then(context, ...).
class HttpClient final : public QObject
{
    Q_OBJECT

public:
    explicit HttpClient(QObject *parent = nullptr);
    ~HttpClient() override;
    Q_DISABLE_COPY_MOVE(HttpClient)

    void setPolicy(const QString &source, SourcePolicy policy);
    void setUserAgent(const QByteArray &userAgent);

    // A response is any HTTP answer that is not retried (2xx, 3xx, other 4xx,
    // or the last 429/5xx when attempts run out); an error is a transport
    // failure after the last attempt, or an open circuit. Errors say what and where.
    QFuture<Result<HttpResponse>> send(HttpRequest request);

    // False after the last request failed in transport (no route, DNS, refused);
    // true again after any answer. Emits onlineChanged on change.
    bool isOnline() const;

Q_SIGNALS:
    void onlineChanged(bool online);

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace pt::marketdata
