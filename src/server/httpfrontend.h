#pragma once

#include "result.h"

#include <QAbstractHttpServer>
#include <QByteArray>
#include <QFuture>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <unordered_map>

class QHttpServerResponder;
class QTcpSocket;

namespace pt::server {

// A request as the API sees it: copied out of Qt's request object, which Qt
// reuses for the connection's next request and frees with the connection.
struct HttpRequest
{
    QString method; // "GET", "POST", …
    QString path;   // without the query
    QUrlQuery query;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QHostAddress peer; // the TCP peer

    // A header's value by case-insensitive name; empty if absent.
    QByteArray header(const QByteArray &name) const;
};

struct HttpReply
{
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
};

// The HTTP side of portfolio-server, on Qt HttpServer's QAbstractHttpServer.
//
// Not QHttpServer's routes returning QFuture: in Qt 6.4 their continuation
// writes to the socket it captured as a raw pointer, so a client that hangs up
// before its answer is ready leaves it writing to a deleted socket. Here each
// request's answer comes from `handler` as a future and is written only if
// its connection is still there, in request order per connection (HTTP/1.1
// pipelining). A request larger than the body limit is answered 413 and its
// connection closed while it is still arriving.
class HttpFrontend final : public QAbstractHttpServer
{
    Q_OBJECT

public:
    using Handler = std::function<QFuture<HttpReply>(HttpRequest)>;

    HttpFrontend(Handler handler, qint64 maxBodyBytes, QObject *parent = nullptr);
    ~HttpFrontend() override;
    Q_DISABLE_COPY_MOVE(HttpFrontend)

    // The port it listens on (`port` 0: one the system picked).
    Result<quint16> start(const QHostAddress &address, quint16 port);
    // Stops accepting connections; requests under way still get answers.
    void stopListening();
    int requestsInFlight() const { return m_inFlight; }

Q_SIGNALS:
    // Emitted when the last request under way has been answered.
    void drained();

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    struct Pending
    {
        std::unique_ptr<QHttpServerResponder> responder;
        std::optional<HttpReply> reply;
        bool closeAfter = false;
    };
    struct Connection
    {
        quint64 nextTicket = 0;
        std::map<quint64, Pending> pending; // by ticket, in request order
        qint64 bytesOfRequest = 0;          // received since the last complete request
    };

    void watch(QTcpSocket *socket);
    void countIncoming(QTcpSocket *socket);
    void complete(QTcpSocket *socket, quint64 ticket, HttpReply reply);
    void flush(QTcpSocket *socket);
    void finishOne();

    Handler m_handler;
    qint64 m_maxRequestBytes;
    std::unordered_map<QTcpSocket *, Connection> m_connections;
    int m_inFlight = 0;
    bool m_stopping = false;
};

} // namespace pt::server
