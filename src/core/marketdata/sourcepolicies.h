#pragma once

#include "marketdata/httpclient.h"

#include <QString>

namespace pt::marketdata {

// The HTTP policy of each market-data source, gentle by default:
//
// | source    | req/s | burst | notes                                                        |
// |-----------|-------|-------|--------------------------------------------------------------|
// | yahoo     | 2     | 2     | unofficial API, no documented limit: be gentle; a body with  |
// |           |       |       | "Too Many Requests" (any status) counts as a 429             |
// | coingecko | 0.5   | 1     | public API, 30 calls/min; `"error_code":429` or "exceeded    |
// |           |       |       | the Rate Limit" in a body counts as a 429                    |
// | binance   | 10    | 10    | weight limit 6000/min is far above; 418 (IP ban) and code    |
// |           |       |       | -1003 count as a 429                                         |
// | ecb       | 1     | 1     | a few static files a day                                     |
// | (other)   | 1     | 1     |                                                              |
//
// Common to all: 4 attempts, 15 s timeout per attempt, backoff from 1 s doubling
// to at most 60 s with full jitter, Retry-After honoured up to that cap (a longer
// one returns the 429 at once so the job queue reschedules), the circuit opening
// after 5 consecutive failed requests for 60 s.
//
// The environment overrides the rates, so tests and benchmarks can raise them:
// PT_<SOURCE>_RATE (requests per second, e.g. PT_YAHOO_RATE=50) and
// PT_<SOURCE>_BURST (bucket size), SOURCE being the key in upper case.
// Values that are not positive numbers are ignored with a warning.
SourcePolicy defaultPolicy(const QString &source);

// The rate-limit detectors above, for tests and for providers that build
// their own policy.
bool yahooRateLimited(int status, const QByteArray &body);
bool coinGeckoRateLimited(int status, const QByteArray &body);
bool binanceRateLimited(int status, const QByteArray &body);

} // namespace pt::marketdata
