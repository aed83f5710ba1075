// libFuzzer target: the Yahoo Finance parsers (chart, quote, search) and the
// bar validator behind them, on arbitrary bytes. Any crash, sanitizer report
// or timeout is a bug; errors as values are the expected outcome.

#include "marketdata/barvalidator.h"
#include "marketdata/yahooparser.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace pt::marketdata;
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));
    if (auto history = yahoo::parseChart(body))
        (void)validateHistory(std::move(history).value(), QDate(2000, 1, 1), QDate(2100, 1, 1));
    (void)yahoo::parseQuotes(body);
    (void)yahoo::parseSearch(body);
    (void)yahoo::isInvalidCrumb(401, body);
    return 0;
}
