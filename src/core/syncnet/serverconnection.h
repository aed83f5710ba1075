#pragma once

#include "result.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

#include <chrono>
#include <memory>

class QNetworkAccessManager;

namespace pt::syncnet {

// A portfolio-server's base URL as the user gives it: https://host[:port][/path],
// or http:// to a loopback address only (127.0.0.0/8, ::1, "localhost"), since
// a password or token must never cross a network in the clear. Trailing
// slashes dropped; user info, query and fragment refused.
// E.g. "plain http is refused for sync.example.org: use https://…".
Result<QUrl> parseServerUrl(const QString &text);

// One HTTP answer of the server, whatever its status.
struct HttpAnswer
{
    int status = 0;
    QByteArray reason; // the status line's phrase ("Bad Gateway")
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers; // names in lower case

    QByteArray header(const QByteArray &lowerCaseName) const;
    // The error body's "code: message", else "HTTP <status> <reason>" (docs/SYNC.md).
    QString serverError() const;
    // Retry-After in seconds (a number or an HTTP date), -1 when absent or unreadable.
    int retryAfterSeconds() const;
};

// Blocking HTTP to one portfolio-server, for the account client and the sync
// transport. Each request waits in a local QEventLoop on the calling thread
// (a worker's or portfolio-cli's main thread; never the app's GUI thread),
// with its own QNetworkAccessManager, so it works where no event loop runs
// and nothing else is dispatched re-entrantly into the caller's objects.
// Create, use and destroy on one thread.
//
// TLS: the system's trusted certificates plus, for a self-hosted server with a
// private CA or a self-signed certificate, the PEM certificates of `caFile`
// (empty: $PT_SYNC_CA_FILE if set). Certificate errors are never ignored.
class ServerConnection final
{
public:
    static constexpr std::chrono::milliseconds DefaultTimeout = std::chrono::seconds(30);

    // `server` as parseServerUrl() returns it; an unchecked one is refused on
    // every request with parseServerUrl()'s message.
    explicit ServerConnection(QUrl server, QString caFile = {});
    ~ServerConnection();
    Q_DISABLE_COPY_MOVE(ServerConnection)

    QUrl server() const { return m_server; }
    // The CA file in use ("" when none).
    QString caFile() const { return m_caFile; }

    // For the whole exchange, connection included; tests shorten it.
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    std::chrono::milliseconds timeout() const { return m_timeout; }

    // Sends `method` ("GET", "POST", "DELETE") to `pathAndQuery` (e.g.
    // "/v1/sync/pull?after=0&limit=1000") under the server's URL, with a JSON
    // `body` (none if empty) and an `Authorization: Bearer` header when
    // `bearerToken` is set. Any HTTP status is an answer; an error means no
    // answer came: "cannot reach https://…: connection refused", "… did not
    // answer within 30 seconds", "the server's certificate is not trusted: …".
    // Tokens and passwords never appear in an error.
    Result<HttpAnswer> send(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body = {},
                            const QString &bearerToken = {});

private:
    QUrl m_server;
    QString m_caFile;
    std::chrono::milliseconds m_timeout = DefaultTimeout;
    std::unique_ptr<QNetworkAccessManager> m_network;
};

} // namespace pt::syncnet
