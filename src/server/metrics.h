#pragma once

#include <QByteArray>
#include <QMutex>
#include <QString>

#include <array>
#include <cstdint>
#include <map>
#include <tuple>

namespace pt::server {

// portfolio-server's counters, rendered in the Prometheus text format 0.0.4
// for GET /metrics. Labels are route templates ("/v1/records/{kind}/{uuid}"),
// never raw paths, so their number stays bounded. Thread-safe.
class Metrics
{
public:
    Metrics();
    Q_DISABLE_COPY_MOVE(Metrics)

    void recordRequest(const QString &route, const QString &method, int status, double seconds);
    void recordPush(int accepted, int duplicates);
    void recordPull(int changes);
    void recordError(const QString &code);
    void recordLoginFailure();

    QByteArray render() const;

    static constexpr const char *ContentType = "text/plain; version=0.0.4; charset=utf-8";

private:
    // Upper bounds of the latency histogram's buckets, in seconds (+Inf implied).
    static constexpr std::array<double, 11> Buckets{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5};

    struct Histogram
    {
        std::array<std::uint64_t, Buckets.size()> counts{}; // not cumulative; summed when rendered
        std::uint64_t count = 0;
        double sum = 0;
    };

    mutable QMutex m_mutex;
    std::int64_t m_startedAtMs;
    std::map<std::tuple<QString, QString, int>, std::uint64_t> m_requests; // route, method, status
    std::map<QString, Histogram> m_durations;                               // by route
    std::map<QString, std::uint64_t> m_errors;                              // by code
    std::uint64_t m_pushBatches = 0;
    std::uint64_t m_changesAccepted = 0;
    std::uint64_t m_changesDuplicate = 0;
    std::uint64_t m_pulls = 0;
    std::uint64_t m_changesPulled = 0;
    std::uint64_t m_loginFailures = 0;
};

} // namespace pt::server
