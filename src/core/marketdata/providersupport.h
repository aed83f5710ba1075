#pragma once

#include "marketdata/httpclient.h"
#include "result.h"

#include <QByteArray>
#include <QDate>
#include <QString>
#include <QUrl>

#include <cstdint>
#include <utility>
#include <vector>

// What the four providers share: blocking GETs through the HTTP client (they
// run on worker threads), URLs under a configurable base, and day arithmetic.
namespace pt::marketdata::support {

using QueryItems = std::vector<std::pair<QString, QString>>;

// `base` (which may carry a path, e.g. ".../api/v3") joined with `path`
// (already percent-encoded where needed) and the query, every value fully
// percent-encoded (',' '=' '|' '[' '"' included).
QUrl endpoint(const QUrl &base, const QString &path, const QueryItems &query = {});
// A path segment percent-encoded ("^GSPC" -> "%5EGSPC").
QString segment(const QString &text);

// GET through the client, waiting for the answer. A transport failure (after
// the client's retries) is an error; any HTTP answer is a response.
Result<HttpResponse> get(HttpClient &http, const QString &source, const QUrl &url,
                         QList<QPair<QByteArray, QByteArray>> headers = {});

// "HTTP 503" with a printable excerpt of the body, for answers the parsers
// cannot explain.
QString statusProblem(const HttpResponse &response);

// Midnight UTC of a day, in Unix seconds and milliseconds.
std::int64_t utcSeconds(QDate day);
std::int64_t utcMilliseconds(QDate day);

// The provider's id of an asset: its sourceId, else its symbol.
QString idOf(const QString &sourceId, const QString &symbol);

} // namespace pt::marketdata::support
