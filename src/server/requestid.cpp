#include "requestid.h"

#include <QRandomGenerator>

namespace pt::server {

namespace {

bool sane(const QByteArray &id)
{
    if (id.isEmpty() || id.size() > 64)
        return false;
    for (const char c : id) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
            || c == '_' || c == '.';
        if (!ok)
            return false;
    }
    return true;
}

} // namespace

QString requestIdFor(const QByteArray &proposed)
{
    const QByteArray trimmed = proposed.trimmed();
    if (sane(trimmed))
        return QString::fromLatin1(trimmed);
    quint32 words[4];
    QRandomGenerator::global()->fillRange(words);
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(words), sizeof words).toHex());
}

} // namespace pt::server
