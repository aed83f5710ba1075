#pragma once

#include "serverconfig.h"

#include <QByteArray>
#include <QHostAddress>

namespace pt::server {

// The client a request comes from: the TCP peer, unless the peer is a trusted
// proxy (nginx on the same host), in which case the address the proxy reports
// in X-Forwarded-For (the nearest hop that is not itself a trusted proxy) or
// X-Real-IP. A header from any other peer is ignored: anyone can send one.
// IPv4-mapped IPv6 addresses come back as plain IPv4.
QHostAddress clientAddress(const QHostAddress &peer, const QByteArray &forwardedFor, const QByteArray &realIp,
                           const QList<AddressRange> &trustedProxies);

} // namespace pt::server
