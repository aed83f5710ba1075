#pragma once

#include "domain/types.h"
#include "result.h"

namespace pt {

// Checks one entry on its own, before any replay of the ledger: the fields its
// type needs are present and in range, the currency matches the asset. The
// message names the field and the value that is wrong.
// `asset` is the entry's asset, or nullptr when it has none.
Result<void> validateTransaction(const Transaction &transaction, const Asset *asset);

// The longest note an entry may be given, in UTF-16 code units (what QString
// counts). Sync sends an entry's fields as one JSON object of at most
// sync::MaxFieldsBytes (16 KiB); even a note of only control characters
// (six bytes each in JSON) stays below that at this length. Checked where
// entries are made (LedgerService, the CSV import, the entry dialog), not on
// replay, so books kept before the limit still open.
inline constexpr qsizetype MaxNoteLength = 2000;

// "note: …" when `note` is longer than MaxNoteLength.
Result<void> validateNote(const QString &note);

// Orders entries the way the ledger replays them: by date, then by when they
// were made, then by UUID, so every device replays the same book the same way.
bool replaysBefore(const Transaction &a, const Transaction &b);

} // namespace pt
