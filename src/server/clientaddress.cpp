#include "clientaddress.h"

namespace pt::server {

namespace {

QHostAddress plain(const QHostAddress &address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    return isV4 ? QHostAddress(v4) : address;
}

QHostAddress parse(QByteArray text)
{
    text = text.trimmed();
    // "[2001:db8::1]:443" and "192.0.2.1:443" as some proxies write them.
    if (text.startsWith('[') && text.contains(']'))
        text = text.mid(1, text.indexOf(']') - 1);
    else if (text.count(':') == 1)
        text = text.left(text.indexOf(':'));
    return QHostAddress(QString::fromLatin1(text));
}

} // namespace

QHostAddress clientAddress(const QHostAddress &peer, const QByteArray &forwardedFor, const QByteArray &realIp,
                           const QList<AddressRange> &trustedProxies)
{
    const QHostAddress direct = plain(peer);
    if (!addressInRanges(direct, trustedProxies))
        return direct;
    // Each proxy appends the address it got the request from; the first from
    // the right that is not one of ours is the client (anything left of it
    // the client may have made up).
    if (!forwardedFor.trimmed().isEmpty()) {
        const QList<QByteArray> hops = forwardedFor.split(',');
        for (auto hop = hops.crbegin(); hop != hops.crend(); ++hop) {
            const QHostAddress address = plain(parse(*hop));
            if (address.isNull())
                return direct; // a garbled chain: trust none of it
            if (!addressInRanges(address, trustedProxies))
                return address;
        }
    }
    if (!realIp.trimmed().isEmpty()) {
        const QHostAddress address = plain(parse(realIp));
        if (!address.isNull())
            return address;
    }
    return direct;
}

} // namespace pt::server
