#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QPair>
#include <QUrl>

#include <functional>
#include <vector>

class QTcpServer;
class QTcpSocket;

namespace pt::test {

// What the fake server does with one request.
struct FakeReply
{
    enum class Behaviour {
        Respond,          // status, headers, body
        Stall,            // accept the request, never answer (client timeout)
        DropMidBody,      // send headers and half the body, then close
        CloseImmediately, // close the connection without a byte
    };
    Behaviour behaviour = Behaviour::Respond;
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers; // Content-Length is added
    QByteArray body;
    int delayMs = 0; // before answering

    static FakeReply json(const QByteArray &body, int status = 200);
    static FakeReply text(const QByteArray &body, int status = 200);
    static FakeReply file(const QString &path, int status = 200); // body from a fixture file
};

struct RecordedRequest
{
    QByteArray method;
    QUrl url; // path and query as received, host of the server
    QList<QPair<QByteArray, QByteArray>> headers; // lower-case names
    QByteArray body; // of a POST or PUT, as received
    qint64 receivedAtMs = 0; // since the server started, for rate checks
};

// A real HTTP/1.1 server on 127.0.0.1 and a free port, answering in providers'
// real formats from handlers the test sets per path. It serves from a thread of
// its own, so code under test may block on its answers (providers do); handlers
// therefore run on that thread. Set handlers before the requests they answer.
class FakeHttpServer final : public QObject
{
    Q_OBJECT

public:
    using Handler = std::function<FakeReply(const RecordedRequest &request)>;

    explicit FakeHttpServer(QObject *parent = nullptr);
    ~FakeHttpServer() override;

    bool listen(); // on 127.0.0.1, a free port
    QUrl baseUrl() const; // http://127.0.0.1:PORT

    // The handler for requests whose path starts with `pathPrefix` (longest
    // prefix wins). Unmatched paths get 404 with an empty JSON object.
    void on(const QByteArray &pathPrefix, Handler handler);
    // Replies given in turn to successive requests under `pathPrefix`; the last repeats.
    void onSequence(const QByteArray &pathPrefix, std::vector<FakeReply> replies);

    // Thread-safe.
    QList<RecordedRequest> requests() const;
    int requestCount(const QByteArray &pathPrefix = {}) const;
    // The largest number of requests under `pathPrefix` within any window of
    // `windowMs` — what a rate-limited provider would count.
    int maxRequestsInWindow(const QByteArray &pathPrefix, int windowMs) const;

private:
    class Private;
    Private *d;
};

} // namespace pt::test
