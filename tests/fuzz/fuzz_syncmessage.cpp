// libFuzzer target: the sync protocol's decoders (src/core/sync/syncmessage.h)
// on arbitrary bytes, as portfolio-server reads pushes and the app reads
// replies and pages. Whatever a decoder accepts must survive a round trip.

#include "sync/syncmessage.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace pt::sync;
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));

    if (const auto push = decodePushRequest(body)) {
        // Encoding what was accepted and decoding it again gives the same request.
        const auto again = decodePushRequest(encodePushRequest(*push));
        if (!again || again->changes != push->changes || again->deviceId != push->deviceId)
            __builtin_trap();
    }
    if (const auto page = decodePullPage(body)) {
        const auto again = decodePullPage(encodePullPage(*page));
        if (!again || again->changes != page->changes || again->cursor != page->cursor)
            __builtin_trap();
    }
    if (const auto reply = decodePushReply(body)) {
        const auto again = decodePushReply(encodePushReply(*reply));
        if (!again || again->accepted != reply->accepted || again->cursor != reply->cursor)
            __builtin_trap();
    }
    (void)decodeErrorReply(body);
    return 0;
}
