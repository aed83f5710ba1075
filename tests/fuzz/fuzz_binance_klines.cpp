// libFuzzer target: the Binance parsers (klines, ticker prices, {code,msg}
// errors) and the bar validator behind them, on arbitrary bytes.

#include "marketdata/barvalidator.h"
#include "marketdata/binanceparser.h"

#include <QDateTime>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace pt::marketdata;
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));
    // A fixed "now" (2024-03-15 12:00 UTC) keeps runs reproducible.
    constexpr std::int64_t nowMs = 1'710'504'000'000;
    if (auto page = binance::parseKlines(body, nowMs)) {
        History history;
        history.bars = std::move(page->bars);
        (void)validateHistory(std::move(history), QDate(2017, 1, 1), QDate(2030, 1, 1));
    }
    (void)binance::parseTickerPrices(body, QDateTime::fromMSecsSinceEpoch(nowMs, Qt::UTC));
    (void)binance::errorIn(body);
    return 0;
}
