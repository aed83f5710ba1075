#pragma once

#include "marketdata/marketdata.h"
#include "result.h"

#include <QByteArray>
#include <QString>

#include <vector>

// Parsers of CoinGecko API v3 answers (docs/market-data-formats §2). Pure
// functions over the body; the provider adds which coin it asked for.
namespace pt::marketdata::coingecko {

// GET /coins/{id}/market_chart and /market_chart/range: closes and volumes
// only (open, high and low stay zero: "not given").
//
// Dating: a point stamped at instant t closes the UTC day containing t - 1 ms.
// So the 00:00 UTC point of day D+1 is the close of D -- the convention of
// Binance klines and Yahoo's crypto bars, and Portfolio Performance's reading
// of CoinGecko -- while an hourly point is dated on its own UTC day. The last
// point is the live price ("now") unless it falls exactly on midnight, and is
// dropped with a note. Several points of one day: the last wins.
Result<History> parseMarketChart(const QByteArray &body, const QString &vsCurrency);

// GET /simple/price?ids=...&vs_currencies=...&include_last_updated_at=true:
// a quote per coin id and requested currency that the answer has (unknown ids
// are simply absent). Quote::symbol is the coin id, Quote::currency upper-case.
Result<std::vector<Quote>> parseSimplePrice(const QByteArray &body);

// GET /search?query=...: the coins, as crypto assets of source "coingecko".
Result<std::vector<SearchHit>> parseSearch(const QByteArray &body);

// The text of CoinGecko's three error envelopes, or an empty string when the
// body is none of them: {"status":{error_code,error_message}},
// {"error":{"status":{...}}} and {"error":"coin not found"}.
QString errorIn(const QByteArray &body);

} // namespace pt::marketdata::coingecko
