#pragma once

#include "money/decimal.h"

#include <QString>

namespace pt::currency {

// ISO 4217 minor units (JPY 0, USD 2, BHD 3, ...) and the usual display precision
// of crypto-currencies (BTC 8). Unknown codes get 2, the most common value.
int minorUnits(QStringView code);

// True for 3 to 5 upper-case letters or digits: ISO 4217 codes (EUR) and the
// tickers crypto-currencies are quoted in (USDT). The ledger refuses anything else.
bool isValidCode(QStringView code);

// The one rounding rule of the ledger: amounts are rounded to their currency's
// minor unit half away from zero (0.125 USD -> 0.13, -0.125 USD -> -0.13).
Decimal roundToMinorUnit(Decimal amount, QStringView code);

} // namespace pt::currency
