// A loopback HTTP/1.1 server for market-data tests. It runs on a QThread of its
// own: the QTcpServer and every accepted socket live there, and so do the
// handlers. Each connection carries one request and is closed after the answer
// (Connection: close), which keeps the parser small and the behaviours exact.

#include "fakehttpserver.h"

#include <QFile>
#include <QHash>
#include <QMutexLocker>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <memory>

namespace pt::test {

namespace {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 301:
        return "Moved Permanently";
    case 302:
        return "Found";
    case 304:
        return "Not Modified";
    case 307:
        return "Temporary Redirect";
    case 308:
        return "Permanent Redirect";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 408:
        return "Request Timeout";
    case 418:
        return "I'm a teapot";
    case 422:
        return "Unprocessable Entity";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    default:
        return "Status";
    }
}

QByteArray contentTypeFor(const QString &path)
{
    if (path.endsWith(QLatin1String(".json")))
        return "application/json";
    if (path.endsWith(QLatin1String(".csv")))
        return "text/csv";
    if (path.endsWith(QLatin1String(".xml")))
        return "application/xml";
    if (path.endsWith(QLatin1String(".html")))
        return "text/html; charset=utf-8";
    if (path.endsWith(QLatin1String(".txt")))
        return "text/plain; charset=utf-8";
    return "application/octet-stream";
}

// The request target as received ("/path?query"), matched against prefixes.
QByteArray targetOf(const QUrl &url)
{
    QByteArray target = url.path(QUrl::FullyEncoded).toLatin1();
    if (url.hasQuery())
        target += '?' + url.query(QUrl::FullyEncoded).toLatin1();
    return target;
}

constexpr qsizetype MaxHeaderBytes = 64 * 1024;

} // namespace

FakeReply FakeReply::json(const QByteArray &body, int status)
{
    FakeReply reply;
    reply.status = status;
    reply.body = body;
    reply.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
    return reply;
}

FakeReply FakeReply::text(const QByteArray &body, int status)
{
    FakeReply reply;
    reply.status = status;
    reply.body = body;
    reply.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("text/plain; charset=utf-8")));
    return reply;
}

FakeReply FakeReply::file(const QString &path, int status)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        qWarning("FakeHttpServer: cannot read the fixture %s: %s", qPrintable(path), qPrintable(file.errorString()));
        return text("fixture not found: " + path.toUtf8(), 500);
    }
    FakeReply reply;
    reply.status = status;
    reply.body = file.readAll();
    reply.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray(contentTypeFor(path))));
    return reply;
}

class FakeHttpServer::Private
{
public:
    explicit Private(FakeHttpServer *owner)
        : q(owner)
    { }

    // Server thread only.
    void accept();
    void readFrom(QTcpSocket *socket);
    void answer(QTcpSocket *socket, const FakeReply &reply);

    Handler handlerFor(const QByteArray &target) const;

    FakeHttpServer *q;
    QThread thread;
    QObject *context = nullptr; // lives on `thread`; parent of the server and sockets
    QTcpServer *server = nullptr;
    quint16 port = 0;
    QElapsedTimer clock;

    mutable QMutex mutex; // guards handlers and log
    QList<QPair<QByteArray, Handler>> handlers;
    QList<RecordedRequest> log;
};

FakeHttpServer::FakeHttpServer(QObject *parent)
    : QObject(parent)
    , d(new Private(this))
{
    d->thread.setObjectName(QStringLiteral("FakeHttpServer"));
}

FakeHttpServer::~FakeHttpServer()
{
    // The server and its sockets are deleted on their thread as it ends.
    d->thread.quit();
    d->thread.wait();
    delete d;
}

bool FakeHttpServer::listen()
{
    if (d->thread.isRunning())
        return d->server && d->server->isListening();
    d->context = new QObject;
    d->context->moveToThread(&d->thread);
    QObject::connect(&d->thread, &QThread::finished, d->context, &QObject::deleteLater);
    d->thread.start();
    bool listening = false;
    QMetaObject::invokeMethod(
        d->context,
        [this, &listening] {
            d->server = new QTcpServer(d->context);
            QObject::connect(d->server, &QTcpServer::newConnection, d->context, [this] { d->accept(); });
            listening = d->server->listen(QHostAddress::LocalHost, 0);
            if (!listening)
                qWarning("FakeHttpServer: cannot listen: %s", qPrintable(d->server->errorString()));
            d->port = d->server->serverPort();
            d->clock.start();
        },
        Qt::BlockingQueuedConnection);
    return listening;
}

QUrl FakeHttpServer::baseUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(d->port);
    return url;
}

void FakeHttpServer::on(const QByteArray &pathPrefix, Handler handler)
{
    QMutexLocker lock(&d->mutex);
    for (auto &entry : d->handlers) {
        if (entry.first == pathPrefix) {
            entry.second = std::move(handler);
            return;
        }
    }
    d->handlers.append({ pathPrefix, std::move(handler) });
}

void FakeHttpServer::onSequence(const QByteArray &pathPrefix, std::vector<FakeReply> replies)
{
    if (replies.empty())
        replies.push_back(FakeReply::json("{}", 404));
    struct Sequence
    {
        std::vector<FakeReply> replies;
        std::atomic<size_t> next { 0 };
    };
    auto sequence = std::make_shared<Sequence>();
    sequence->replies = std::move(replies);
    on(pathPrefix, [sequence](const RecordedRequest &) {
        const size_t index = sequence->next.fetch_add(1);
        return sequence->replies[std::min(index, sequence->replies.size() - 1)];
    });
}

QList<RecordedRequest> FakeHttpServer::requests() const
{
    QMutexLocker lock(&d->mutex);
    return d->log;
}

int FakeHttpServer::requestCount(const QByteArray &pathPrefix) const
{
    QMutexLocker lock(&d->mutex);
    return int(std::count_if(d->log.cbegin(), d->log.cend(),
                             [&](const RecordedRequest &r) { return targetOf(r.url).startsWith(pathPrefix); }));
}

int FakeHttpServer::maxRequestsInWindow(const QByteArray &pathPrefix, int windowMs) const
{
    std::vector<qint64> times;
    {
        QMutexLocker lock(&d->mutex);
        for (const auto &request : d->log) {
            if (targetOf(request.url).startsWith(pathPrefix))
                times.push_back(request.receivedAtMs);
        }
    }
    std::sort(times.begin(), times.end());
    int best = 0;
    size_t first = 0;
    for (size_t last = 0; last < times.size(); ++last) {
        while (times[last] - times[first] >= windowMs)
            ++first;
        best = std::max(best, int(last - first + 1));
    }
    return best;
}

FakeHttpServer::Handler FakeHttpServer::Private::handlerFor(const QByteArray &target) const
{
    QMutexLocker lock(&mutex);
    const QPair<QByteArray, Handler> *best = nullptr;
    for (const auto &entry : handlers) {
        if (target.startsWith(entry.first) && (!best || entry.first.size() > best->first.size()))
            best = &entry;
    }
    return best ? best->second : Handler();
}

void FakeHttpServer::Private::accept()
{
    while (QTcpSocket *socket = server->nextPendingConnection()) {
        socket->setParent(context);
        QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket] { readFrom(socket); });
        QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        if (socket->bytesAvailable() > 0)
            readFrom(socket);
    }
}

void FakeHttpServer::Private::readFrom(QTcpSocket *socket)
{
    // One request per connection: once answered (or being answered), ignore more bytes.
    if (socket->property("pt_handled").toBool()) {
        socket->readAll();
        return;
    }
    QByteArray buffer = socket->property("pt_buffer").toByteArray() + socket->readAll();
    const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0) {
        if (buffer.size() > MaxHeaderBytes)
            socket->abort();
        else
            socket->setProperty("pt_buffer", buffer);
        return;
    }

    const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    if (requestLine.size() != 3 || !requestLine[2].startsWith("HTTP/1.")) {
        socket->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        socket->disconnectFromHost();
        return;
    }

    RecordedRequest request;
    request.method = requestLine[0];
    qint64 contentLength = 0;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "content-length")
            contentLength = value.toLongLong();
        request.headers.append({ name, value });
    }
    // A body is waited for and recorded.
    if (buffer.size() - (headerEnd + 4) < contentLength) {
        socket->setProperty("pt_buffer", buffer);
        return;
    }
    request.body = buffer.mid(headerEnd + 4, contentLength);
    socket->setProperty("pt_buffer", QVariant());
    socket->setProperty("pt_handled", true);

    request.url = QUrl::fromEncoded(q->baseUrl().toEncoded() + requestLine[1]);
    request.receivedAtMs = clock.elapsed();
    {
        QMutexLocker lock(&mutex);
        log.append(request);
    }

    const Handler handler = handlerFor(targetOf(request.url));
    const FakeReply reply = handler ? handler(request) : FakeReply::json("{}", 404);
    if (reply.delayMs > 0) {
        QTimer::singleShot(reply.delayMs, Qt::PreciseTimer, socket, [this, socket, reply] { answer(socket, reply); });
    } else {
        answer(socket, reply);
    }
}

void FakeHttpServer::Private::answer(QTcpSocket *socket, const FakeReply &reply)
{
    using Behaviour = FakeReply::Behaviour;
    switch (reply.behaviour) {
    case Behaviour::Stall:
        return; // the client gives up; its close deletes the socket
    case Behaviour::CloseImmediately:
        socket->abort();
        socket->deleteLater();
        return;
    case Behaviour::Respond:
    case Behaviour::DropMidBody:
        break;
    }

    QByteArray head = "HTTP/1.1 " + QByteArray::number(reply.status) + ' ' + reasonPhrase(reply.status) + "\r\n";
    for (const auto &[name, value] : reply.headers) {
        const QByteArray lower = name.toLower();
        if (lower == "content-length" || lower == "connection")
            continue;
        head += name + ": " + value + "\r\n";
    }
    // DropMidBody announces the whole body (some bytes even when it is empty) and
    // sends half, so the client sees the connection close before the body ends.
    const qsizetype announced
        = reply.behaviour == Behaviour::DropMidBody ? std::max<qsizetype>(reply.body.size(), 16) : reply.body.size();
    head += "Content-Length: " + QByteArray::number(announced) + "\r\n";
    head += "Connection: close\r\n\r\n";
    socket->write(head);
    if (reply.behaviour == Behaviour::DropMidBody) {
        socket->write(reply.body.left(reply.body.size() / 2));
        socket->flush();
        socket->disconnectFromHost(); // after the half is written: the body ends early
        return;
    }
    socket->write(reply.body);
    socket->disconnectFromHost();
}

} // namespace pt::test
