#pragma once

#include "sync/syncmessage.h"

#include <QString>

#include <array>
#include <vector>

// What of each synced record travels in a change's `fields` (docs/SYNC.md,
// "Client: outbox, clock and merge"), stated once for the capture triggers,
// the first fill of the outbox, the merge and the tests. Local ids and the
// asset's `tracked` flag are this store's own and never sync.
namespace pt::sync {

enum class FieldType {
    Text, // JSON string
    Integer, // JSON number, a whole milliseconds stamp
    Boolean, // JSON true/false; INTEGER 0/1 in the store
    Decimal, // JSON string (canonical decimal) or null; ${DECIMAL} in the store
    Date, // JSON string YYYY-MM-DD; ${DATE} in the store
    Enum, // JSON string, one of the column's keys
    Reference, // JSON string (the referenced record's UUID) or null; a local id in the store
};

struct FieldSpec
{
    QString key; // in `fields`
    QString column; // in the store
    FieldType type = FieldType::Text;
    bool nullable = false;
    RecordKind references = RecordKind::Portfolio; // Reference only
    bool (*known)(QStringView) = nullptr; // Enum only
};

struct KindSpec
{
    RecordKind kind;
    QString table;
    std::vector<FieldSpec> fields;
};

// In an order where referenced kinds come first.
inline constexpr std::array<RecordKind, 3> SyncedKinds { RecordKind::Portfolio, RecordKind::Asset,
                                                         RecordKind::Transaction };

const KindSpec &kindSpec(RecordKind kind);

} // namespace pt::sync
