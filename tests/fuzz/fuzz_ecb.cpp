// libFuzzer target: the ECB rate file parser and the cross rates computed
// from what it reads, on arbitrary bytes.

#include "marketdata/ecbparser.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace pt::marketdata;
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto rates = ecb::parseRates(body);
    if (!rates || rates->empty())
        return 0;
    const QString first = rates->front().currency;
    const QString last = rates->back().currency;
    (void)ecb::crossRate(*rates, first, last);
    (void)ecb::crossRate(*rates, last, QStringLiteral("EUR"));
    (void)ecb::crossRate(*rates, QStringLiteral("EUR"), first);
    return 0;
}
