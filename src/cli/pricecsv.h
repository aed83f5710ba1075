#pragma once

#include "domain/types.h"
#include "result.h"

#include <QByteArrayView>

#include <vector>

namespace pt::cli {

// Reads daily bars from CSV: a header naming the columns, in any order, from
// date, open, high, low, close, adj_close (or "Adj Close"), volume; date and close
// are required, the rest optional (a missing value is stored as none). Every row
// is checked before anything is returned; the error lists each bad row with its
// row number, the column and the reason, so one pass over the file finds them all.
Result<std::vector<DailyPrice>> readPriceCsv(QByteArrayView data);

} // namespace pt::cli
