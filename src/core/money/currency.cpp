#include "money/currency.h"

#include <algorithm>
#include <array>

namespace pt::currency {

namespace {

struct MinorUnit
{
    const char16_t *code;
    int digits;
};

// Codes whose minor unit is not 2, from the ISO 4217 list, plus crypto tickers.
// Kept sorted by code for the binary search below.
constexpr std::array Exceptions{
    MinorUnit{u"ADA", 6},  MinorUnit{u"BHD", 3}, MinorUnit{u"BIF", 0}, MinorUnit{u"BTC", 8},
    MinorUnit{u"CLF", 4},  MinorUnit{u"CLP", 0}, MinorUnit{u"DJF", 0}, MinorUnit{u"DOGE", 8},
    MinorUnit{u"DOT", 10}, MinorUnit{u"ETH", 12}, MinorUnit{u"GNF", 0}, MinorUnit{u"IQD", 3},
    MinorUnit{u"ISK", 0},  MinorUnit{u"JOD", 3}, MinorUnit{u"JPY", 0}, MinorUnit{u"KMF", 0},
    MinorUnit{u"KRW", 0},  MinorUnit{u"KWD", 3}, MinorUnit{u"LTC", 8}, MinorUnit{u"LYD", 3},
    MinorUnit{u"OMR", 3},  MinorUnit{u"PYG", 0}, MinorUnit{u"RWF", 0}, MinorUnit{u"SOL", 9},
    MinorUnit{u"TND", 3},  MinorUnit{u"UGX", 0}, MinorUnit{u"USDT", 6}, MinorUnit{u"UYI", 0},
    MinorUnit{u"UYW", 4},  MinorUnit{u"VND", 0}, MinorUnit{u"VUV", 0}, MinorUnit{u"XAF", 0},
    MinorUnit{u"XAG", 4},  MinorUnit{u"XAU", 4}, MinorUnit{u"XBT", 8}, MinorUnit{u"XOF", 0},
    MinorUnit{u"XPF", 0},  MinorUnit{u"XRP", 6},
};

const MinorUnit *find(QStringView code)
{
    const auto it = std::lower_bound(Exceptions.begin(), Exceptions.end(), code,
                                     [](const MinorUnit &entry, QStringView wanted) {
                                         return QStringView(entry.code) < wanted;
                                     });
    return it != Exceptions.end() && QStringView(it->code) == code ? &*it : nullptr;
}

} // namespace

int minorUnits(QStringView code)
{
    const MinorUnit *entry = find(code);
    return entry ? entry->digits : 2;
}

bool isValidCode(QStringView code)
{
    if (code.size() < 3 || code.size() > 5)
        return false;
    return std::all_of(code.begin(), code.end(), [](QChar c) {
        return (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9');
    });
}

Decimal roundToMinorUnit(Decimal amount, QStringView code)
{
    return amount.rounded(minorUnits(code));
}

} // namespace pt::currency
