#pragma once

#include "sync/synctransport.h"

#include <QRandomGenerator>

#include <cstdint>
#include <map>
#include <vector>

namespace pt::server {
class SyncLog;
}

namespace pt::test {

// A client's way to portfolio-server's real SyncLog, in process, through the
// wire format (every request and reply is encoded and decoded), with faults:
// a request lost on the way, a reply lost after the server acted, a request
// delivered twice. Records every change the server stored, so a test can
// tell which writes were acknowledged.
class FaultyTransport final : public sync::SyncTransport
{
public:
    struct Faults
    {
        int dropRequestPercent = 0;
        int dropReplyPercent = 0;
        int duplicatePercent = 0;
    };

    FaultyTransport(const server::SyncLog &log, std::int64_t accountId, QRandomGenerator &random)
        : m_log(log)
        , m_accountId(accountId)
        , m_random(random)
    { }

    void setFaults(const Faults &faults) { m_faults = faults; }

    Result<sync::PushReply> push(const sync::PushRequest &request) override;
    Result<sync::PullPage> pull(std::int64_t after, int limit) override;

    // Every change a push delivered to the server (acknowledged or not), in order.
    const std::vector<sync::SyncChange> &delivered() const { return m_delivered; }
    int faultsInjected() const { return m_faultsInjected; }

private:
    bool chance(int percent) { return percent > 0 && int(m_random.bounded(100)) < percent; }

    const server::SyncLog &m_log;
    std::int64_t m_accountId;
    QRandomGenerator &m_random;
    Faults m_faults;
    std::vector<sync::SyncChange> m_delivered;
    int m_faultsInjected = 0;
};

} // namespace pt::test
