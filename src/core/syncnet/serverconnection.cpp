// Blocking HTTP to a portfolio-server: one request at a time, waited for in a
// local event loop that a deadline timer ends, so nothing hangs whatever the
// server or the network does. Every failure becomes a sentence naming the URL.

#include "syncnet/serverconnection.h"

#include "sync/syncmessage.h"

#include <QDateTime>
#include <QEventLoop>
#include <QFileInfo>
#include <QHostAddress>
#include <QLocale>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>
#include <QSslSocket>
#include <QTimer>

#include <utility>

namespace pt::syncnet {

Q_LOGGING_CATEGORY(lcSyncNet, "pt.syncnet", QtInfoMsg)

namespace {

// A page of 1000 changes of at most 16 KiB each, plus JSON framing; more is
// not an answer of portfolio-server.
constexpr qint64 MaxAnswerBytes = 32 * 1024 * 1024;

bool isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1StringView("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

QString seconds(std::chrono::milliseconds duration)
{
    const double value = double(duration.count()) / 1000.0;
    return QLocale::c().toString(value, 'g', 3);
}

// The words for a reply that carries no HTTP answer.
QString transportProblem(QNetworkReply::NetworkError error, const QString &errorString)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
        return QStringLiteral("connection refused");
    case QNetworkReply::RemoteHostClosedError:
        return QStringLiteral("the server closed the connection before answering");
    case QNetworkReply::HostNotFoundError:
        return QStringLiteral("host not found");
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::BackgroundRequestNotAllowedError:
        return QStringLiteral("the network is not available");
    default:
        return errorString;
    }
}

} // namespace

Result<QUrl> parseServerUrl(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return Error{QStringLiteral("no server URL given")};
    QUrl url(trimmed, QUrl::StrictMode);
    if (!url.isValid())
        return Error{QStringLiteral("'%1' is not a valid URL: %2").arg(trimmed, url.errorString())};
    const QString scheme = url.scheme().toLower();
    if (scheme != u"https" && scheme != u"http")
        return Error{QStringLiteral("'%1' is not an https:// URL").arg(trimmed)};
    if (url.host().isEmpty())
        return Error{QStringLiteral("'%1' names no host").arg(trimmed)};
    if (!url.userInfo().isEmpty())
        return Error{QStringLiteral("'%1' carries a user name or password; give the server's address only").arg(
            url.adjusted(QUrl::RemoveUserInfo).toString())};
    if (url.hasQuery() || url.hasFragment())
        return Error{QStringLiteral("'%1' has a query or fragment; give the server's address only").arg(trimmed)};
    if (scheme == u"http" && !isLoopbackHost(url.host()))
        return Error{QStringLiteral("plain http is refused for %1: passwords and tokens would cross the network "
                                    "unencrypted; use https://%1 (a TLS proxy in front of portfolio-server)")
                         .arg(url.host())};
    url.setScheme(scheme);
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(path);
    return url;
}

QByteArray HttpAnswer::header(const QByteArray &lowerCaseName) const
{
    for (const auto &[name, value] : headers) {
        if (name == lowerCaseName)
            return value;
    }
    return {};
}

QString HttpAnswer::serverError() const
{
    if (const auto error = sync::decodeErrorReply(body)) {
        if (error->message.isEmpty())
            return error->code;
        return QStringLiteral("%1: %2").arg(error->code, error->message);
    }
    QString text = QStringLiteral("HTTP %1").arg(status);
    if (!reason.isEmpty())
        text += u' ' + QString::fromLatin1(reason);
    return text;
}

int HttpAnswer::retryAfterSeconds() const
{
    const QByteArray value = header("retry-after").trimmed();
    if (value.isEmpty())
        return -1;
    bool number = false;
    const int delay = value.toInt(&number);
    if (number)
        return delay >= 0 ? delay : -1;
    const QDateTime at = QDateTime::fromString(QString::fromLatin1(value), Qt::RFC2822Date);
    if (!at.isValid())
        return -1;
    return int(std::max<qint64>(0, QDateTime::currentDateTimeUtc().secsTo(at)));
}

ServerConnection::ServerConnection(QUrl server, QString caFile) : m_server(std::move(server)), m_caFile(std::move(caFile))
{
    if (m_caFile.isEmpty())
        m_caFile = qEnvironmentVariable("PT_SYNC_CA_FILE");
}

ServerConnection::~ServerConnection() = default;

Result<HttpAnswer> ServerConnection::send(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body,
                                          const QString &bearerToken)
{
    // Checked again here: a URL that slipped past the caller never gets a token.
    const auto checked = parseServerUrl(m_server.toString());
    if (!checked)
        return Error{checked.error()};
    const QString where = m_server.toString();
    const QUrl url(m_server.toString(QUrl::FullyEncoded) + pathAndQuery, QUrl::StrictMode);
    if (!url.isValid())
        return Error{QStringLiteral("cannot build a request to %1%2").arg(where, pathAndQuery)};

    QNetworkRequest request(url);
    if (url.scheme() == u"https") {
        if (!QSslSocket::supportsSsl())
            return Error{QStringLiteral("cannot reach %1: this build has no TLS support (%2)")
                             .arg(where, QSslSocket::sslLibraryBuildVersionString())};
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        if (!m_caFile.isEmpty()) {
            const QFileInfo info(m_caFile);
            if (!info.isFile() || !info.isReadable())
                return Error{QStringLiteral("cannot read the CA certificate file %1").arg(m_caFile)};
            const QList<QSslCertificate> certificates = QSslCertificate::fromPath(m_caFile, QSsl::Pem);
            if (certificates.isEmpty())
                return Error{QStringLiteral("the CA certificate file %1 holds no PEM certificate").arg(m_caFile)};
            tls.addCaCertificates(certificates);
        }
        request.setSslConfiguration(tls);
    }
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("PortfolioTracker-sync"));
    request.setRawHeader("Accept", "application/json");
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (!bearerToken.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + bearerToken.toLatin1());
    // A redirect is answered, not followed: a token must not go to another host.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);

    if (!m_network)
        m_network = std::make_unique<QNetworkAccessManager>();
    QNetworkReply *reply = m_network->sendCustomRequest(request, method, body);
    const std::unique_ptr<QNetworkReply> owner(reply);

    QStringList tlsProblems;
    QObject::connect(reply, &QNetworkReply::sslErrors, reply, [&tlsProblems](const QList<QSslError> &errors) {
        for (const QSslError &error : errors)
            tlsProblems << error.errorString();
    });
    bool timedOut = false;
    bool tooLarge = false;
    QEventLoop loop;
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, reply, [reply, &timedOut] {
        timedOut = true;
        reply->abort();
    });
    QObject::connect(reply, &QNetworkReply::downloadProgress, reply, [reply, &tooLarge](qint64 received, qint64) {
        if (received > MaxAnswerBytes) {
            tooLarge = true;
            reply->abort();
        }
    });
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    deadline.start(m_timeout);
    if (!reply->isFinished())
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    deadline.stop();

    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    const QNetworkReply::NetworkError error = reply->error();
    qCDebug(lcSyncNet).noquote() << method << url.path() << "->" << (status.isValid() ? status.toInt() : 0) << error;
    if (timedOut)
        return Error{QStringLiteral("%1 did not answer within %2 seconds").arg(where, seconds(m_timeout))};
    if (tooLarge)
        return Error{QStringLiteral("the answer of %1 is larger than %2 MiB; is it a portfolio-server?")
                         .arg(where)
                         .arg(MaxAnswerBytes / (1024 * 1024))};
    if (error == QNetworkReply::SslHandshakeFailedError || !tlsProblems.isEmpty())
        return Error{QStringLiteral("the server's certificate is not trusted: %1 (%2). If the server uses a private "
                                    "CA or a self-signed certificate, give that certificate's PEM file to trust%3")
                         .arg(tlsProblems.isEmpty() ? reply->errorString() : tlsProblems.join(QStringLiteral("; ")),
                              where,
                              m_caFile.isEmpty() ? QString() : QStringLiteral(" (%1 does not vouch for it)").arg(m_caFile))};
    // Errors below 200 are the network's and the proxy's: no (complete) answer
    // came, even when a status line did before the connection broke.
    const bool transportFailed = error != QNetworkReply::NoError && (int(error) < 200 || !status.isValid());
    if (transportFailed)
        return Error{QStringLiteral("cannot reach %1: %2").arg(where, transportProblem(error, reply->errorString()))};

    HttpAnswer answer;
    answer.status = status.toInt();
    answer.reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray();
    answer.body = reply->readAll();
    for (const auto &[name, value] : reply->rawHeaderPairs())
        answer.headers.append({name.toLower(), value});
    return answer;
}

} // namespace pt::syncnet
