#include "store/historywriter.h"

#include "store/atomically.h"
#include "store/corporateactionrepository.h"
#include "store/database.h"
#include "store/pricerepository.h"

#include <vector>

namespace pt::store {

Result<void> HistoryWriter::storeHistory(RowId assetId, std::span<const DailyPrice> bars,
                                         std::span<const marketdata::CorporateAction> actions,
                                         QStringView source) const
{
    std::vector<PriceRecord> rows;
    rows.reserve(bars.size());
    for (const DailyPrice &bar : bars)
        rows.push_back(PriceRecord{assetId, bar});
    // Both repositories join this transaction, so bars and actions go in together.
    return atomically(m_database, [&]() -> Result<void> {
        if (auto stored = PriceRepository(m_database).upsertMany(rows, source); !stored)
            return stored;
        return CorporateActionRepository(m_database).upsertMany(assetId, actions, source);
    });
}

Result<void> HistoryWriter::storeQuotes(std::span<const QuoteRecord> quotes) const
{
    std::vector<PriceRecord> closes;
    closes.reserve(quotes.size());
    for (const QuoteRecord &quote : quotes) {
        PriceRecord row;
        row.assetId = quote.assetId;
        row.bar.date = quote.day;
        row.bar.close = quote.price;
        closes.push_back(row);
    }
    return PriceRepository(m_database).upsertCloses(closes);
}

} // namespace pt::store
