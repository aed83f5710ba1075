#include "syncnet/httpsynctransport.h"

#include "syncnet/accountclient.h"
#include "syncnet/answerreading.h"
#include "syncnet/synccredentials.h"

namespace pt::syncnet {

namespace {

// A push or pull the server did not take: its own words ("clock_ahead: …"),
// which the engine records and the app shows.
QString refusal(const HttpAnswer &answer, const QString &what)
{
    if (answer.status == 400 || answer.status == 409 || answer.status == 413 || answer.status == 422)
        return answer.serverError();
    return detail::describeRefusal(answer, what);
}

} // namespace

HttpSyncTransport::HttpSyncTransport(AccountClient &client, SyncCredentials &credentials)
    : m_client(client), m_credentials(credentials)
{
}

Result<sync::PushReply> HttpSyncTransport::push(const sync::PushRequest &request)
{
    auto answer = m_client.sendAuthorized(m_credentials, "POST", QStringLiteral("/v1/sync/push"),
                                          sync::encodePushRequest(request));
    if (!answer)
        return Error{answer.error()};
    if (answer->status != 200)
        return Error{refusal(*answer, QStringLiteral("the push"))};
    auto reply = sync::decodePushReply(answer->body);
    if (!reply)
        return Error{QStringLiteral("the server's answer to the push is not a push reply: %1").arg(reply.error())};
    return reply;
}

Result<sync::PullPage> HttpSyncTransport::pull(std::int64_t after, int limit)
{
    auto answer = m_client.sendAuthorized(m_credentials, "GET",
                                          QStringLiteral("/v1/sync/pull?after=%1&limit=%2").arg(after).arg(limit));
    if (!answer)
        return Error{answer.error()};
    if (answer->status != 200)
        return Error{refusal(*answer, QStringLiteral("the pull"))};
    auto page = sync::decodePullPage(answer->body);
    if (!page)
        return Error{QStringLiteral("the server's answer to the pull is not a pull page: %1").arg(page.error())};
    return page;
}

} // namespace pt::syncnet
