#include "marketdata/providersupport.h"

#include "marketdata/jsonsupport.h"

#include <QDateTime>
#include <QFuture>

namespace pt::marketdata::support {

QUrl endpoint(const QUrl &base, const QString &path, const QueryItems &query)
{
    QUrl url = base;
    QString basePath = base.path(QUrl::FullyEncoded);
    while (basePath.endsWith(u'/'))
        basePath.chop(1);
    url.setPath(basePath + path, QUrl::TolerantMode);
    QString text;
    for (const auto &[name, value] : query) {
        if (!text.isEmpty())
            text += u'&';
        text += QString::fromLatin1(QUrl::toPercentEncoding(name)) + u'='
            + QString::fromLatin1(QUrl::toPercentEncoding(value));
    }
    url.setQuery(text.isEmpty() ? QString() : text, QUrl::TolerantMode);
    return url;
}

QString segment(const QString &text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text));
}

Result<HttpResponse> get(HttpClient &http, const QString &source, const QUrl &url,
                         QList<QPair<QByteArray, QByteArray>> headers)
{
    QFuture<Result<HttpResponse>> future = http.send(HttpRequest { source, url, std::move(headers) });
    future.waitForFinished();
    if (future.isCanceled() || future.resultCount() == 0)
        return Error { QStringLiteral("the request to %1 was cancelled").arg(url.toDisplayString(QUrl::RemoveQuery)) };
    return future.result();
}

QString statusProblem(const HttpResponse &response)
{
    const QString text = json::excerpt(response.body);
    if (text.isEmpty())
        return QStringLiteral("HTTP %1 with an empty body").arg(response.status);
    return QStringLiteral("HTTP %1: \"%2\"").arg(response.status).arg(text);
}

std::int64_t utcSeconds(QDate day)
{
    return QDateTime(day, QTime(0, 0), Qt::UTC).toSecsSinceEpoch();
}

std::int64_t utcMilliseconds(QDate day)
{
    return QDateTime(day, QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
}

QString idOf(const QString &sourceId, const QString &symbol)
{
    const QString id = sourceId.trimmed();
    return id.isEmpty() ? symbol.trimmed() : id;
}

} // namespace pt::marketdata::support
