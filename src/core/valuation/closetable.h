#pragma once

#include "domain/types.h"

#include <cstdint>
#include <unordered_map>
#include <vector>

namespace pt::valuation::detail {

// One close in 16 bytes instead of a DatedClose's 32: the Julian day and the
// close as a count of 10^-8 units (the store's own integer form). A close that
// is not such a count (more digits, beyond 9.2 × 10^10, invalid) lives in the
// table's `wide` list and the entry holds its index.
struct CompactClose
{
    std::int32_t julianDay = 0;
    std::int32_t wide = -1; // index into CloseTable::wide, or -1
    std::int64_t units = 0;
};

// The closes of many assets, oldest first per asset, as valueFromStore() keeps
// them: 2.5 million closes take 40 MB here, 80 MB as DatedClose vectors.
class CloseTable
{
public:
    static constexpr std::int64_t RawPerUnit = 10'000; // 10^-8 in Decimal's 10^-12 units

    void add(RowId assetId, std::int64_t julianDay, Decimal close);
    const std::vector<CompactClose> *find(RowId assetId) const;
    Decimal value(const CompactClose &close) const
    {
        return close.wide < 0 ? Decimal::fromRaw(Decimal::Raw(close.units) * RawPerUnit)
                              : m_wide[std::size_t(close.wide)];
    }

private:
    std::unordered_map<RowId, std::vector<CompactClose>> m_byAsset;
    std::vector<Decimal> m_wide;
    RowId m_lastAsset = -1;
    std::vector<CompactClose> *m_last = nullptr;
};

} // namespace pt::valuation::detail
