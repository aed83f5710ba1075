#include "httpfrontend.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>

namespace pt::server {

namespace {

// Room for the request line and headers on top of the body limit.
constexpr qint64 HeaderAllowance = 64 * 1024;

// A QTcpServer that shows each new connection to `onNew` before Qt HttpServer
// connects its own reader, so that watcher's readyRead runs first.
class WatchingTcpServer final : public QTcpServer
{
public:
    WatchingTcpServer(std::function<void(QTcpSocket *)> onNew, QObject *parent)
        : QTcpServer(parent), m_onNew(std::move(onNew))
    {
    }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QTcpSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        // Answers go out as headers and body in separate writes; with
        // Nagle's algorithm the last segment then waits for the client's
        // delayed ACK (~40 ms per request on Linux, measured by
        // bench/sync-server/run-load).
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        m_onNew(socket);
        addPendingConnection(socket);
    }

private:
    std::function<void(QTcpSocket *)> m_onNew;
};

QString methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return QStringLiteral("GET");
    case QHttpServerRequest::Method::Put:
        return QStringLiteral("PUT");
    case QHttpServerRequest::Method::Delete:
        return QStringLiteral("DELETE");
    case QHttpServerRequest::Method::Post:
        return QStringLiteral("POST");
    case QHttpServerRequest::Method::Head:
        return QStringLiteral("HEAD");
    case QHttpServerRequest::Method::Options:
        return QStringLiteral("OPTIONS");
    case QHttpServerRequest::Method::Patch:
        return QStringLiteral("PATCH");
    case QHttpServerRequest::Method::Connect:
        return QStringLiteral("CONNECT");
    case QHttpServerRequest::Method::Trace:
        return QStringLiteral("TRACE");
    default:
        return QStringLiteral("UNKNOWN");
    }
}

// The answer to a request too large to read, written straight to the socket:
// the request is still arriving and will never be parsed.
QByteArray tooLargeReply()
{
    const QByteArray body = QByteArrayLiteral(R"({"error":"payload_too_large","message":"the request is too large"})");
    return QByteArrayLiteral("HTTP/1.1 413 Payload Too Large\r\nContent-Type: application/json\r\n"
                             "Connection: close\r\nContent-Length: ")
        + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

} // namespace

QByteArray HttpRequest::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

HttpFrontend::HttpFrontend(Handler handler, qint64 maxBodyBytes, QObject *parent)
    : QAbstractHttpServer(parent), m_handler(std::move(handler)), m_maxRequestBytes(maxBodyBytes + HeaderAllowance)
{
}

HttpFrontend::~HttpFrontend() = default;

Result<quint16> HttpFrontend::start(const QHostAddress &address, quint16 port)
{
    auto *server = new WatchingTcpServer([this](QTcpSocket *socket) { watch(socket); }, this);
    if (!server->listen(address, port)) {
        const QString error = server->errorString();
        delete server;
        return Error{QStringLiteral("cannot listen on %1 port %2: %3").arg(address.toString()).arg(port).arg(error)};
    }
    bind(server);
    return server->serverPort();
}

void HttpFrontend::stopListening()
{
    m_stopping = true;
    for (QTcpServer *server : servers())
        server->close();
    if (m_inFlight == 0)
        Q_EMIT drained();
}

void HttpFrontend::watch(QTcpSocket *socket)
{
    m_connections.emplace(socket, Connection{});
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] { countIncoming(socket); });
    // Answers still being worked on for it are dropped with it.
    connect(socket, &QObject::destroyed, this, [this, socket] { m_connections.erase(socket); });
}

void HttpFrontend::countIncoming(QTcpSocket *socket)
{
    const auto found = m_connections.find(socket);
    if (found == m_connections.end())
        return;
    found->second.bytesOfRequest += socket->bytesAvailable();
    if (found->second.bytesOfRequest <= m_maxRequestBytes)
        return;
    // Stop Qt HttpServer from buffering the rest of it, answer, and hang up.
    disconnect(socket, &QTcpSocket::readyRead, nullptr, nullptr);
    connect(socket, &QTcpSocket::readyRead, socket, [socket] { (void)socket->readAll(); });
    (void)socket->readAll();
    m_connections.erase(found);
    socket->write(tooLargeReply());
    socket->disconnectFromHost();
}

bool HttpFrontend::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    auto found = m_connections.find(socket);
    if (found == m_connections.end())
        found = m_connections.emplace(socket, Connection{}).first;
    Connection &connection = found->second;
    connection.bytesOfRequest = 0;

    HttpRequest copy;
    copy.method = methodName(request.method());
    copy.path = request.url().path();
    copy.query = request.query();
    copy.headers = request.headers();
    copy.body = request.body();
    copy.peer = socket->peerAddress();

    const quint64 ticket = connection.nextTicket++;
    Pending pending;
    pending.responder = std::make_unique<QHttpServerResponder>(makeResponder(request, socket));
    pending.closeAfter = copy.header("connection").trimmed().compare("close", Qt::CaseInsensitive) == 0;
    connection.pending.emplace(ticket, std::move(pending));
    ++m_inFlight;

    const QPointer<QTcpSocket> alive(socket);
    m_handler(std::move(copy)).then(this, [this, alive, socket, ticket](HttpReply reply) {
        if (alive)
            complete(socket, ticket, std::move(reply));
        finishOne();
    });
    return true;
}

void HttpFrontend::missingHandler(const QHttpServerRequest &, QTcpSocket *)
{
    // handleRequest takes every request.
}

void HttpFrontend::complete(QTcpSocket *socket, quint64 ticket, HttpReply reply)
{
    const auto found = m_connections.find(socket);
    if (found == m_connections.end())
        return;
    const auto pending = found->second.pending.find(ticket);
    if (pending == found->second.pending.end())
        return;
    pending->second.reply = std::move(reply);
    flush(socket);
}

// Writes the answers that are ready, in the order their requests came.
void HttpFrontend::flush(QTcpSocket *socket)
{
    const auto found = m_connections.find(socket);
    if (found == m_connections.end())
        return;
    auto &pending = found->second.pending;
    while (!pending.empty() && pending.begin()->second.reply) {
        Pending next = std::move(pending.begin()->second);
        pending.erase(pending.begin());
        const HttpReply &reply = *next.reply;
        QHttpServerResponder &responder = *next.responder;
        if (socket->state() != QAbstractSocket::ConnectedState)
            continue;
        responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(reply.status));
        if (reply.status != 204) {
            responder.writeHeader("Content-Type", reply.contentType);
            responder.writeHeader("Content-Length", QByteArray::number(reply.body.size()));
        }
        for (const auto &[name, value] : reply.headers)
            responder.writeHeader(name, value);
        if (next.closeAfter)
            responder.writeHeader("Connection", "close");
        responder.writeBody(reply.body);
        if (next.closeAfter) {
            socket->disconnectFromHost();
            return;
        }
    }
}

void HttpFrontend::finishOne()
{
    --m_inFlight;
    if (m_stopping && m_inFlight == 0)
        Q_EMIT drained();
}

} // namespace pt::server
