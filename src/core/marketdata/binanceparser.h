#pragma once

#include "marketdata/marketdata.h"
#include "result.h"

#include <QByteArray>
#include <QDateTime>

#include <cstdint>
#include <vector>

// Parsers of Binance Spot REST answers (docs/market-data-formats §3). Pure
// functions over the body; the provider adds which symbol it asked for.
namespace pt::marketdata::binance {

// One page of GET /api/v3/klines?interval=1d.
struct KlinePage
{
    std::vector<DailyPrice> bars; // completed klines, dated by the UTC day of their open time
    QStringList notes;
    int rowCount = 0; // rows in the answer, the open kline included: paging stops below the limit
    std::int64_t lastOpenTimeMs = -1; // of the last row, -1 for none: the next page starts after it
};

// 12-field positional arrays with prices and volumes as decimal strings. The
// last kline is dropped when its close time is after `nowMs` (still open).
Result<KlinePage> parseKlines(const QByteArray &body, std::int64_t nowMs);

// GET /api/v3/ticker/price, one object or an array of them. Binance gives no
// time: quotes are stamped `now`. Quote::currency is left empty.
Result<std::vector<Quote>> parseTickerPrices(const QByteArray &body, const QDateTime &now);

// The {code, msg} error body as a message ("unknown symbol" for -1121), or an
// empty string when the body is not one.
QString errorIn(const QByteArray &body);

} // namespace pt::marketdata::binance
