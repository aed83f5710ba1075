#pragma once

#include "domain/types.h"
#include "result.h"

namespace pt {

// Checks one entry on its own, before any replay of the ledger: the fields its
// type needs are present and in range, the currency matches the asset. The
// message names the field and the value that is wrong.
// `asset` is the entry's asset, or nullptr when it has none.
Result<void> validateTransaction(const Transaction &transaction, const Asset *asset);

// Orders entries the way the ledger replays them: by date, then by when they
// were made, then by UUID, so every device replays the same book the same way.
bool replaysBefore(const Transaction &a, const Transaction &b);

} // namespace pt
