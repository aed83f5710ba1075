#pragma once

#include <QByteArray>
#include <QString>

namespace pt::server {

// The id that ties a request's log line to the proxy's and the client's: the
// X-Request-Id the proxy sent if it looks like one (1 to 64 letters, digits,
// '-', '_' or '.'), else 16 random bytes in hex. Anything else a client sends
// there is not echoed into the log.
QString requestIdFor(const QByteArray &proposed);

} // namespace pt::server
