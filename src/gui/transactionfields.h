#pragma once

#include "domain/types.h"

namespace pt::gui {

// Which fields of a pt::Transaction an entry of a given type uses (see the
// comment on pt::Transaction). The dialog shows only these, the transactions
// table leaves the others blank.
struct TransactionFields
{
    bool asset = false;         // the asset selector is shown
    bool assetRequired = false; // ... and an asset must be chosen
    bool quantity = false;
    bool price = false;
    bool amount = false;
    bool fee = false;
    bool split = false;         // splitNumerator and splitDenominator
    bool counterparty = false;  // the portfolio a transfer goes to
    bool currency = false;      // the currency is chosen; otherwise it is the asset's

    // `hasAsset`: whether the entry concerns an asset (it changes transfers from
    // cash to units, and fixes the currency to the asset's).
    static TransactionFields of(TransactionType type, bool hasAsset);
};

} // namespace pt::gui
