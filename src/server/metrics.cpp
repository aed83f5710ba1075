#include "metrics.h"

#include <QDateTime>

namespace pt::server {

namespace {

// A label value with the escapes the text format asks for.
QByteArray label(const QString &value)
{
    QByteArray text = value.toUtf8();
    text.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n");
    return text;
}

QByteArray number(double value)
{
    return QByteArray::number(value, 'g', 12);
}

void header(QByteArray &out, const char *name, const char *type, const char *help)
{
    out += "# HELP ";
    out += name;
    out += ' ';
    out += help;
    out += "\n# TYPE ";
    out += name;
    out += ' ';
    out += type;
    out += '\n';
}

void counter(QByteArray &out, const char *name, const char *help, std::uint64_t value)
{
    header(out, name, "counter", help);
    out += name;
    out += ' ';
    out += QByteArray::number(quint64(value));
    out += '\n';
}

} // namespace

Metrics::Metrics() : m_startedAtMs(QDateTime::currentMSecsSinceEpoch()) {}

void Metrics::recordRequest(const QString &route, const QString &method, int status, double seconds)
{
    const QMutexLocker lock(&m_mutex);
    ++m_requests[{route, method, status}];
    Histogram &histogram = m_durations[route];
    for (std::size_t i = 0; i < Buckets.size(); ++i) {
        if (seconds <= Buckets[i]) {
            ++histogram.counts[i];
            break;
        }
    }
    ++histogram.count;
    histogram.sum += seconds;
}

void Metrics::recordPush(int accepted, int duplicates)
{
    const QMutexLocker lock(&m_mutex);
    ++m_pushBatches;
    m_changesAccepted += std::uint64_t(accepted);
    m_changesDuplicate += std::uint64_t(duplicates);
}

void Metrics::recordPull(int changes)
{
    const QMutexLocker lock(&m_mutex);
    ++m_pulls;
    m_changesPulled += std::uint64_t(changes);
}

void Metrics::recordError(const QString &code)
{
    const QMutexLocker lock(&m_mutex);
    ++m_errors[code];
}

void Metrics::recordLoginFailure()
{
    const QMutexLocker lock(&m_mutex);
    ++m_loginFailures;
}

QByteArray Metrics::render() const
{
    const QMutexLocker lock(&m_mutex);
    QByteArray out;
    out.reserve(8192);

    header(out, "pt_http_requests_total", "counter", "HTTP requests answered, by route template, method and status.");
    for (const auto &[key, count] : m_requests) {
        const auto &[route, method, status] = key;
        out += "pt_http_requests_total{route=\"" + label(route) + "\",method=\"" + label(method) + "\",status=\""
            + QByteArray::number(status) + "\"} " + QByteArray::number(quint64(count)) + '\n';
    }

    header(out, "pt_http_request_duration_seconds", "histogram", "Time from a request's arrival to its answer, by route template.");
    for (const auto &[route, histogram] : m_durations) {
        const QByteArray name = label(route);
        std::uint64_t cumulative = 0;
        for (std::size_t i = 0; i < Buckets.size(); ++i) {
            cumulative += histogram.counts[i];
            out += "pt_http_request_duration_seconds_bucket{route=\"" + name + "\",le=\"" + number(Buckets[i]) + "\"} "
                + QByteArray::number(quint64(cumulative)) + '\n';
        }
        out += "pt_http_request_duration_seconds_bucket{route=\"" + name + "\",le=\"+Inf\"} "
            + QByteArray::number(quint64(histogram.count)) + '\n';
        out += "pt_http_request_duration_seconds_sum{route=\"" + name + "\"} " + number(histogram.sum) + '\n';
        out += "pt_http_request_duration_seconds_count{route=\"" + name + "\"} " + QByteArray::number(quint64(histogram.count)) + '\n';
    }

    header(out, "pt_http_errors_total", "counter", "Error answers, by error code.");
    for (const auto &[code, count] : m_errors)
        out += "pt_http_errors_total{code=\"" + label(code) + "\"} " + QByteArray::number(quint64(count)) + '\n';

    counter(out, "pt_sync_push_batches_total", "Sync pushes stored (each in one transaction).", m_pushBatches);
    header(out, "pt_sync_changes_total", "counter", "Pushed changes, new to the log (accepted) or already in it (duplicate).");
    out += "pt_sync_changes_total{result=\"accepted\"} " + QByteArray::number(quint64(m_changesAccepted)) + '\n';
    out += "pt_sync_changes_total{result=\"duplicate\"} " + QByteArray::number(quint64(m_changesDuplicate)) + '\n';
    counter(out, "pt_sync_pulls_total", "Sync pulls answered.", m_pulls);
    counter(out, "pt_sync_pulled_changes_total", "Changes sent in pull pages.", m_changesPulled);
    counter(out, "pt_auth_login_failures_total", "Failed logins (wrong email or password).", m_loginFailures);

    header(out, "pt_process_start_time_seconds", "gauge", "When the server started, in seconds since the epoch.");
    out += "pt_process_start_time_seconds " + number(double(m_startedAtMs) / 1000.0) + '\n';
    return out;
}

} // namespace pt::server
