// The HTTP client of the market-data providers. Everything network-related
// runs on the client's own thread: the QNetworkAccessManager (and with it the
// cookie jar), each source's token bucket and circuit breaker, the timers that
// wait for tokens and backoffs. send() only hops into that thread and hands
// back a future; nothing there blocks or spins a nested event loop.
//
// One send() is an Operation: the circuit breaker is asked once, then each
// attempt takes a token, goes out, and its outcome is classified:
// - an answer that is not retried (2xx, 3xx after redirects, other 4xx)
//   completes the future with the response;
// - 429 (or a body the source's policy recognises as a rate limit, reported
//   as 429), 408 and 500/502/503/504 are retried after Retry-After when the
//   server sent one, else after exponential backoff with full jitter; a rate
//   limit also holds the source's bucket so queued requests wait as well. A
//   Retry-After longer than the policy's maxBackoff is not waited for here: the
//   response is returned at once, for the job queue to reschedule;
// - transport failures (timeout, refused, dropped, DNS) are retried the same
//   way and become an error after the last attempt.
// The breaker counts requests, not attempts: a request that ends in an error
// or a retryable status counts as a failure, any other answer as a success.

#include "marketdata/httpclient.h"

#include "marketdata/backoff.h"
#include "marketdata/circuitbreaker.h"
#include "marketdata/ratelimiter.h"
#include "marketdata/sourcepolicies.h"

#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QPromise>
#include <QThread>
#include <QTimer>
#include <QUrlQuery>

#include <algorithm>
#include <atomic>
#include <deque>
#include <map>
#include <unordered_set>

Q_LOGGING_CATEGORY(lcHttp, "pt.http", QtInfoMsg)

namespace pt::marketdata {

using std::chrono::milliseconds;

QByteArray HttpResponse::header(const QByteArray &lowerCaseName) const
{
    for (const auto &[name, value] : headers) {
        if (name == lowerCaseName)
            return value;
    }
    return {};
}

namespace {

struct Operation;
using OperationPtr = std::shared_ptr<Operation>;

// The source's policy with the limiter and breaker built from it.
struct SourceState
{
    explicit SourceState(SourcePolicy sourcePolicy)
        : policy(std::move(sourcePolicy))
        , limiter(policy.requestsPerSecond, policy.burst)
        , breaker(policy.breakerThreshold, policy.breakerCooldown)
    { }
    SourcePolicy policy;
    RateLimiter limiter;
    CircuitBreaker breaker;
    std::deque<OperationPtr> waiting; // for a token, in order
    bool drainScheduled = false;
};

// One send(): its attempts so far and the promise its caller waits on.
struct Operation
{
    Operation() { promise.start(); }
    ~Operation()
    {
        // Never leave a caller waiting on a future without a result.
        if (!done)
            complete(Error { request.source + QLatin1String(": GET ") + displayUrl
                             + QLatin1String(" was cancelled: the HTTP client stopped") });
    }
    Q_DISABLE_COPY_MOVE(Operation)

    void complete(Result<HttpResponse> result)
    {
        done = true;
        promise.addResult(std::move(result));
        promise.finish();
    }

    HttpRequest request;
    QString displayUrl; // for logs and messages: secrets in the query masked
    QPromise<Result<HttpResponse>> promise;
    int attempt = 0;
    QPointer<QNetworkReply> reply;
    bool timedOut = false;
    bool done = false;
};

QString displayUrl(const QUrl &url)
{
    static const char *const secretKeys[]
        = { "crumb", "apikey", "api_key", "key", "token", "x_cg_demo_api_key", "x_cg_pro_api_key" };
    QUrl shown = url.adjusted(QUrl::RemoveUserInfo);
    QUrlQuery query(shown);
    bool masked = false;
    for (const char *key : secretKeys) {
        const QString name = QString::fromLatin1(key);
        if (query.hasQueryItem(name)) {
            const QString value = query.queryItemValue(name);
            query.removeAllQueryItems(name);
            query.addQueryItem(name, value.isEmpty() ? value : QStringLiteral("***"));
            masked = true;
        }
    }
    if (masked)
        shown.setQuery(query);
    return shown.toDisplayString();
}

QString attemptsText(int attempts)
{
    return attempts == 1 ? QStringLiteral("1 attempt") : QStringLiteral("%1 attempts").arg(attempts);
}

// Failures of the connection itself (network and proxy layers), even after a
// status line arrived (a body cut short). Qt's "protocol" errors are not among
// them: 400 and 405 are reported that way. Without any status line, every
// error is a transport error.
bool isTransportError(QNetworkReply::NetworkError error)
{
    const int code = int(error);
    return code >= 1 && code <= 199;
}

bool isRetryableTransportError(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError: // the transfer timeout aborts this way
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyTimeoutError:
        return true;
    default:
        return false;
    }
}

// Failures that mean "no network" rather than "that server misbehaved".
bool meansOffline(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::UnknownNetworkError:
        return true;
    default:
        return false;
    }
}

QString describeTransportError(QNetworkReply::NetworkError error, const QString &errorString)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
        return QStringLiteral("connection refused");
    case QNetworkReply::RemoteHostClosedError:
        return QStringLiteral("connection closed by the server before the answer was complete");
    case QNetworkReply::HostNotFoundError:
        return QStringLiteral("host not found");
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
        return QStringLiteral("no network");
    default:
        return errorString;
    }
}

bool isRetryableStatus(int status)
{
    return status == 408 || status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
}

} // namespace

class HttpClient::Private
{
public:
    explicit Private(HttpClient *owner)
        : q(owner)
    { }

    // Client thread only, from here on.
    SourceState &stateFor(const QString &source);
    void start(const OperationPtr &op);
    void replacePolicy(const QString &source, SourcePolicy policy);
    void queueAttempt(const OperationPtr &op);
    void drain(const QString &source);
    void sendAttempt(const OperationPtr &op);
    void onFinished(const OperationPtr &op, QNetworkReply *reply);
    void retryLater(const OperationPtr &op, milliseconds delay, const QString &why);
    void succeed(const OperationPtr &op, HttpResponse response);
    void fail(const OperationPtr &op, const QString &message);
    void setOnline(bool online);
    void shutdown();

    HttpClient *q;
    QThread thread;
    QObject *worker = nullptr; // lives on `thread`; context of everything there
    QNetworkAccessManager *manager = nullptr;
    std::map<QString, std::unique_ptr<SourceState>> sources;
    std::unordered_set<OperationPtr> operations;
    QByteArray userAgent = QByteArrayLiteral("Mozilla/5.0 (compatible; PortfolioTracker/" PT_VERSION ")");
    bool stopping = false;
    std::atomic<bool> online { true };
};

HttpClient::HttpClient(QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(this))
{
    d->thread.setObjectName(QStringLiteral("HttpClient"));
    d->worker = new QObject;
    d->worker->moveToThread(&d->thread);
    // Deleted on its thread as the thread ends: the manager, replies and timers with it.
    QObject::connect(&d->thread, &QThread::finished, d->worker, &QObject::deleteLater);
    d->thread.start();
    // Created on its thread, so its sockets and the cookie jar live there too.
    QMetaObject::invokeMethod(
        d->worker,
        [dd = d.get()] {
            dd->manager = new QNetworkAccessManager(dd->worker);
            dd->manager->setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
        },
        Qt::QueuedConnection);
}

HttpClient::~HttpClient()
{
    QMetaObject::invokeMethod(
        d->worker, [dd = d.get()] { dd->shutdown(); }, Qt::BlockingQueuedConnection);
    d->thread.quit();
    d->thread.wait();
}

void HttpClient::setPolicy(const QString &source, SourcePolicy policy)
{
    QMetaObject::invokeMethod(
        d->worker,
        [dd = d.get(), source, policy = std::move(policy)]() mutable { dd->replacePolicy(source, std::move(policy)); },
        Qt::QueuedConnection);
}

void HttpClient::setUserAgent(const QByteArray &userAgent)
{
    QMetaObject::invokeMethod(
        d->worker, [dd = d.get(), userAgent] { dd->userAgent = userAgent; }, Qt::QueuedConnection);
}

QFuture<Result<HttpResponse>> HttpClient::send(HttpRequest request)
{
    auto op = std::make_shared<Operation>();
    op->displayUrl = displayUrl(request.url);
    op->request = std::move(request);
    QFuture<Result<HttpResponse>> future = op->promise.future();
    QMetaObject::invokeMethod(
        d->worker, [dd = d.get(), op] { dd->start(op); }, Qt::QueuedConnection);
    return future;
}

bool HttpClient::isOnline() const
{
    return d->online.load();
}

SourceState &HttpClient::Private::stateFor(const QString &source)
{
    auto found = sources.find(source);
    if (found == sources.end())
        found = sources.emplace(source, std::make_unique<SourceState>(defaultPolicy(source))).first;
    return *found->second;
}

void HttpClient::Private::start(const OperationPtr &op)
{
    if (stopping)
        return; // the operation's destructor reports the cancellation
    operations.insert(op);
    CircuitBreaker &breaker = stateFor(op->request.source).breaker;
    if (!breaker.allowRequest()) {
        const QString &source = op->request.source;
        const qint64 seconds = (breaker.retryIn().count() + 999) / 1000;
        const QString when = seconds > 0 ? QStringLiteral("trying again in %1 s").arg(seconds)
                                         : QStringLiteral("a trial request is under way");
        const int failures = breaker.consecutiveFailures();
        const QString last
            = failures == 1 ? QStringLiteral("the last request") : QStringLiteral("the last %1 requests").arg(failures);
        fail(op, QStringLiteral("%1: GET %2 not sent: %3 to %1 failed; %4").arg(source, op->displayUrl, last, when));
        return;
    }
    queueAttempt(op);
}

void HttpClient::Private::replacePolicy(const QString &source, SourcePolicy policy)
{
    auto fresh = std::make_unique<SourceState>(std::move(policy));
    auto &slot = sources[source];
    if (slot)
        fresh->waiting = std::move(slot->waiting); // requests already queued keep their turn
    slot = std::move(fresh);
    drain(source);
}

// Attempts wait in a queue per source and leave it only with a token taken at
// the moment they go: however late a timer fires, the rate holds.
void HttpClient::Private::queueAttempt(const OperationPtr &op)
{
    stateFor(op->request.source).waiting.push_back(op);
    drain(op->request.source);
}

void HttpClient::Private::drain(const QString &source)
{
    SourceState &state = stateFor(source);
    while (!state.waiting.empty() && !stopping) {
        if (state.limiter.tryAcquire()) {
            const OperationPtr op = state.waiting.front();
            state.waiting.pop_front();
            sendAttempt(op);
            continue;
        }
        if (!state.drainScheduled) {
            state.drainScheduled = true;
            const milliseconds wait = std::max(milliseconds(1), state.limiter.timeUntilAvailable());
            qCDebug(lcHttp).nospace().noquote() << source << ": " << state.waiting.size() << " request(s) wait "
                                                << wait.count() << " ms for the rate limit";
            QTimer::singleShot(wait, Qt::PreciseTimer, worker, [this, source] {
                stateFor(source).drainScheduled = false;
                drain(source);
            });
        }
        return;
    }
}

void HttpClient::Private::sendAttempt(const OperationPtr &op)
{
    if (op->done || stopping)
        return;
    const SourcePolicy &policy = stateFor(op->request.source).policy;
    ++op->attempt;
    op->timedOut = false;

    QNetworkRequest request(op->request.url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setTransferTimeout(int(policy.timeout.count()));
    request.setRawHeader("User-Agent", userAgent);
    for (const auto &[name, value] : op->request.headers)
        request.setRawHeader(name, value); // may override the User-Agent

    qCDebug(lcHttp).nospace().noquote() << op->request.source << ": GET " << op->displayUrl << " attempt "
                                        << op->attempt << '/' << policy.maxAttempts;
    QNetworkReply *reply = manager->get(request);
    op->reply = reply;

    // The transfer timeout above ends a silent transfer; this ends a slow one.
    auto *deadline = new QTimer(reply);
    deadline->setSingleShot(true);
    deadline->setTimerType(Qt::PreciseTimer);
    QObject::connect(deadline, &QTimer::timeout, reply, [op, reply] {
        op->timedOut = true;
        reply->abort();
    });
    deadline->start(policy.timeout);
    QObject::connect(reply, &QNetworkReply::finished, worker, [this, op, reply] { onFinished(op, reply); });
}

// Qt can report a connection the server closed early as the normal end of the
// body. A body shorter than its Content-Length is a dropped connection. (Only
// for bodies sent as they are: Qt inflates compressed ones, and the header then
// counts the compressed bytes.)
static bool isTruncated(const QNetworkReply &reply, qsizetype received)
{
    const QByteArray encoding = reply.rawHeader("Content-Encoding").trimmed().toLower();
    if (!encoding.isEmpty() && encoding != "identity")
        return false;
    bool ok = false;
    const qlonglong announced = reply.rawHeader("Content-Length").trimmed().toLongLong(&ok);
    return ok && received < announced;
}

void HttpClient::Private::onFinished(const OperationPtr &op, QNetworkReply *reply)
{
    reply->deleteLater();
    op->reply = nullptr;
    if (op->done || stopping)
        return;
    SourceState &state = stateFor(op->request.source);
    const SourcePolicy &policy = state.policy;
    const QString &source = op->request.source;
    const QNetworkReply::NetworkError error = reply->error();
    const QVariant statusAttribute = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    QByteArray body = reply->readAll();
    const bool truncated = !isTransportError(error) && statusAttribute.isValid() && isTruncated(*reply, body.size());

    if (truncated || isTransportError(error) || !statusAttribute.isValid()) {
        const bool timedOut
            = op->timedOut || error == QNetworkReply::TimeoutError || error == QNetworkReply::OperationCanceledError;
        const QString what = timedOut    ? QStringLiteral("timed out")
                             : truncated ? QStringLiteral("connection closed before the whole answer arrived")
                                         : describeTransportError(error, reply->errorString());
        if (meansOffline(error))
            setOnline(false);
        if ((truncated || isRetryableTransportError(error)) && op->attempt < policy.maxAttempts) {
            retryLater(op, backoff::delay(op->attempt, policy.baseBackoff, policy.maxBackoff), what);
            return;
        }
        state.breaker.recordFailure();
        const QString message = timedOut ? QStringLiteral("%1: GET %2 timed out after %3 (%4 ms each)")
                                               .arg(source, op->displayUrl, attemptsText(op->attempt))
                                               .arg(policy.timeout.count())
                                         : QStringLiteral("%1: GET %2 failed after %3: %4")
                                               .arg(source, op->displayUrl, attemptsText(op->attempt), what);
        fail(op, message);
        return;
    }

    setOnline(true);
    HttpResponse response;
    response.status = statusAttribute.toInt();
    response.body = std::move(body);
    response.attempts = op->attempt;
    for (const auto &[name, value] : reply->rawHeaderPairs())
        response.headers.append({ name.toLower(), value });

    const bool rateLimited
        = response.status == 429 || (policy.isRateLimited && policy.isRateLimited(response.status, response.body));
    if (!rateLimited && !isRetryableStatus(response.status)) {
        state.breaker.recordSuccess();
        succeed(op, std::move(response));
        return;
    }

    const auto retryAfter = backoff::parseRetryAfter(response.header("retry-after"));
    const milliseconds delay
        = retryAfter ? *retryAfter : backoff::delay(op->attempt, policy.baseBackoff, policy.maxBackoff);
    if (rateLimited)
        state.limiter.hold(std::min(delay, policy.maxBackoff)); // the whole source waits
    const bool tooLong = retryAfter && *retryAfter > policy.maxBackoff;
    const QString what = rateLimited ? QStringLiteral("rate limited (HTTP %1)").arg(response.status)
                                     : QStringLiteral("HTTP %1").arg(response.status);
    if (op->attempt < policy.maxAttempts && !tooLong) {
        retryLater(op, delay, what);
        return;
    }
    state.breaker.recordFailure();
    if (rateLimited)
        response.status = 429; // a 200 with a rate-limit body is a 429 to the caller
    qCWarning(lcHttp).nospace().noquote()
        << source << ": GET " << op->displayUrl << " " << what << ", giving up after " << op->attempt << " attempt(s)"
        << (tooLong ? " (Retry-After beyond the backoff cap)" : "");
    succeed(op, std::move(response));
}

void HttpClient::Private::retryLater(const OperationPtr &op, milliseconds delay, const QString &why)
{
    qCInfo(lcHttp).nospace().noquote() << op->request.source << ": GET " << op->displayUrl << " " << why
                                       << " on attempt " << op->attempt << ", retrying in " << delay.count() << " ms";
    QTimer::singleShot(delay, Qt::PreciseTimer, worker, [this, op] { queueAttempt(op); });
}

void HttpClient::Private::succeed(const OperationPtr &op, HttpResponse response)
{
    qCDebug(lcHttp).nospace().noquote() << op->request.source << ": GET " << op->displayUrl << " -> " << response.status
                                        << " after " << op->attempt << " attempt(s), " << response.body.size()
                                        << " bytes";
    op->complete(std::move(response));
    operations.erase(op);
}

void HttpClient::Private::fail(const OperationPtr &op, const QString &message)
{
    qCWarning(lcHttp).noquote() << message;
    op->complete(Error { message });
    operations.erase(op);
}

void HttpClient::Private::setOnline(bool isOnline)
{
    if (online.exchange(isOnline) == isOnline)
        return;
    qCInfo(lcHttp) << (isOnline ? "online again" : "offline: the network cannot be reached");
    // Emitted on the client's own thread, where its user connected.
    QMetaObject::invokeMethod(
        q, [client = q, isOnline] { Q_EMIT client->onlineChanged(isOnline); }, Qt::QueuedConnection);
}

void HttpClient::Private::shutdown()
{
    stopping = true;
    for (const OperationPtr &op : operations) {
        if (op->reply)
            op->reply->abort();
        if (!op->done)
            op->complete(Error { op->request.source + QLatin1String(": GET ") + op->displayUrl
                                 + QLatin1String(" was cancelled: the HTTP client stopped") });
    }
    operations.clear();
    sources.clear();
}

} // namespace pt::marketdata
