#include "valuation/closetable.h"

#include <limits>

namespace pt::valuation::detail {

void CloseTable::add(RowId assetId, std::int64_t julianDay, Decimal close)
{
    if (assetId != m_lastAsset || !m_last) { // rows come grouped by asset: one lookup per asset
        m_lastAsset = assetId;
        m_last = &m_byAsset[assetId];
    }
    CompactClose compact;
    compact.julianDay = std::int32_t(julianDay);
    const Decimal::Raw raw = close.raw();
    bool narrow = false;
    if (raw == Decimal::Raw(std::int64_t(raw))) { // the common case, without 128-bit division
        narrow = std::int64_t(raw) % RawPerUnit == 0;
        compact.units = std::int64_t(raw) / RawPerUnit;
    } else if (close.isValid() && raw % RawPerUnit == 0) {
        constexpr Decimal::Raw Min64 = std::numeric_limits<std::int64_t>::min();
        constexpr Decimal::Raw Max64 = std::numeric_limits<std::int64_t>::max();
        const Decimal::Raw units = raw / RawPerUnit;
        narrow = units >= Min64 && units <= Max64;
        compact.units = narrow ? std::int64_t(units) : 0;
    }
    if (!narrow) {
        compact.units = 0;
        compact.wide = std::int32_t(m_wide.size());
        m_wide.push_back(close);
    }
    m_last->push_back(compact);
}

const std::vector<CompactClose> *CloseTable::find(RowId assetId) const
{
    const auto found = m_byAsset.find(assetId);
    return found == m_byAsset.end() ? nullptr : &found->second;
}

} // namespace pt::valuation::detail
