#include "faultytransport.h"

#include "synclog.h"

#include <QDateTime>

namespace pt::test {

namespace {

Error refused(const server::Refusal &refusal)
{
    return Error { QStringLiteral("%1: %2").arg(refusal.code, refusal.message) };
}

} // namespace

Result<sync::PushReply> FaultyTransport::push(const sync::PushRequest &request)
{
    if (chance(m_faults.dropRequestPercent)) {
        ++m_faultsInjected;
        return Error { QStringLiteral("push: the request was lost") };
    }
    auto received = sync::decodePushRequest(sync::encodePushRequest(request));
    if (!received)
        return Error { QStringLiteral("push: the server could not read the request: %1").arg(received.error()) };
    const int deliveries = chance(m_faults.duplicatePercent) ? 2 : 1;
    m_faultsInjected += deliveries - 1;
    server::Outcome<sync::PushReply> reply = sync::PushReply {};
    for (int i = 0; i < deliveries; ++i) {
        reply = m_log.push(m_accountId, *received, QDateTime::currentMSecsSinceEpoch());
        if (!reply)
            return refused(reply.refusal());
        m_delivered.insert(m_delivered.end(), received->changes.begin(), received->changes.end());
    }
    if (chance(m_faults.dropReplyPercent)) {
        ++m_faultsInjected;
        return Error { QStringLiteral("push: the reply was lost") };
    }
    return sync::decodePushReply(sync::encodePushReply(*reply));
}

Result<sync::PullPage> FaultyTransport::pull(std::int64_t after, int limit)
{
    if (chance(m_faults.dropRequestPercent)) {
        ++m_faultsInjected;
        return Error { QStringLiteral("pull: the request was lost") };
    }
    const int deliveries = chance(m_faults.duplicatePercent) ? 2 : 1;
    m_faultsInjected += deliveries - 1;
    // The page as the server sends it, read by the client's decoder.
    server::Outcome<server::EncodedPullPage> page = server::EncodedPullPage {};
    for (int i = 0; i < deliveries; ++i) {
        page = m_log.pullEncoded(m_accountId, after, limit);
        if (!page)
            return refused(page.refusal());
    }
    if (chance(m_faults.dropReplyPercent)) {
        ++m_faultsInjected;
        return Error { QStringLiteral("pull: the reply was lost") };
    }
    return sync::decodePullPage(page->json);
}

} // namespace pt::test
