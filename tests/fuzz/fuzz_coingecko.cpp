// libFuzzer target: the CoinGecko parsers (market chart, simple price, search,
// error envelopes) and the bar validator behind them, on arbitrary bytes.

#include "marketdata/barvalidator.h"
#include "marketdata/coingeckoparser.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace pt::marketdata;
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));
    if (auto history = coingecko::parseMarketChart(body, QStringLiteral("usd")))
        (void)validateHistory(std::move(history).value(), QDate(), QDate());
    (void)coingecko::parseSimplePrice(body);
    (void)coingecko::parseSearch(body);
    (void)coingecko::errorIn(body);
    return 0;
}
