#pragma once

#include "result.h"
#include "sync/syncmessage.h"

#include <QVariant>

namespace pt::sync {

// A pulled change whose fields were checked: one value per field of its kind
// (syncfields.h), ready to bind, references still as UUID text (or null).
struct RemoteChange
{
    SyncChange change;
    QVariantList values;
};

// Checks everything a change must hold before any of it is written: a
// canonical UUID, every field of its kind present with the right type,
// decimals that parse, dates that exist, known enum keys, references that
// are UUIDs. The error names the change (seq, kind, UUID) and the field.
Result<RemoteChange> checkRemoteChange(const SyncChange &change);

} // namespace pt::sync
