#pragma once

#include "sync/synctransport.h"

#include <cstdint>

namespace pt::syncnet {

class AccountClient;
class SyncCredentials;

// sync::SyncTransport over a portfolio-server's HTTP API: POST /v1/sync/push
// and GET /v1/sync/pull (docs/SYNC.md), with the account's bearer access
// token. On a 401 it refreshes once through the AccountClient (the rotated
// refresh token is stored at once) and retries. A refusal's message is the
// server's, prefixed by its code ("clock_ahead: …"); a 429 says when to try
// again (Retry-After); a reply that is not the protocol's message is an error
// naming what is wrong with it. Timeouts (the client's, 30 s by default) and
// network failures are errors, never hangs.
//
// Blocking, on the calling thread (see ServerConnection). `client` and
// `credentials` must outlive the transport and are used on the same thread.
class HttpSyncTransport final : public sync::SyncTransport
{
public:
    HttpSyncTransport(AccountClient &client, SyncCredentials &credentials);

    Result<sync::PushReply> push(const sync::PushRequest &request) override;
    Result<sync::PullPage> pull(std::int64_t after, int limit) override;

private:
    AccountClient &m_client;
    SyncCredentials &m_credentials;
};

} // namespace pt::syncnet
