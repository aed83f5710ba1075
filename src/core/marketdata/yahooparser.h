#pragma once

#include "marketdata/marketdata.h"
#include "result.h"

#include <QByteArray>

#include <vector>

// Parsers of Yahoo Finance answers (docs/market-data-formats §1). Pure functions
// over the body, no network: the provider fetches, these read. Every error says
// what Yahoo answered; the provider adds which symbol it asked for.
namespace pt::marketdata::yahoo {

// GET /v8/finance/chart/{symbol}?interval=1d, answered 200 or 404 (both are
// Yahoo's word). Bars are dated in meta.exchangeTimezoneName; bars without a
// close are dropped with a note; prices shed their float32 noise (rounded to
// 7 significant digits, at least meta.priceHint decimals); events become
// corporate actions. A non-null chart.error is an error ("unknown symbol
// (...)" for Yahoo's "Not Found").
Result<History> parseChart(const QByteArray &body);

// GET /v7/finance/quote?symbols=...: one quote per known symbol with a price.
// Symbols Yahoo does not know are absent (or quoteType NONE) and are skipped.
Result<std::vector<Quote>> parseQuotes(const QByteArray &body);

// GET /v1/finance/search?q=...: instruments only (entries without a symbol,
// options and NONE are skipped).
Result<std::vector<SearchHit>> parseSearch(const QByteArray &body);

// True for the 401 body that asks for a fresh cookie and crumb.
bool isInvalidCrumb(int status, const QByteArray &body);

} // namespace pt::marketdata::yahoo
