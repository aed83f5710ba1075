#pragma once

#include "result.h"
#include "sync/syncmessage.h"

#include <cstdint>

namespace pt::sync {

// How a SyncEngine reaches the server: over HTTPS in the app and the CLI
// (syncnet/httpsynctransport.h), in process in tests. Blocking; called on the
// engine's thread.
class SyncTransport
{
public:
    virtual ~SyncTransport() = default;

    // A failure whose reply never arrived and a refusal alike are errors; a
    // refusal's message is the server's ("clock_ahead: …").
    virtual Result<PushReply> push(const PushRequest &request) = 0;
    virtual Result<PullPage> pull(std::int64_t after, int limit) = 0;
};

} // namespace pt::sync
