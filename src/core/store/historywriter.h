#pragma once

#include "domain/types.h"
#include "marketdata/marketdata.h"
#include "result.h"

#include <span>

namespace pt::store {

class Database;

// A latest price to keep as the close of its day.
struct QuoteRecord
{
    RowId assetId = 0;
    QDate day;
    Decimal price;
};

// Writes what the fetch jobs bring home. PriceRepository::upsertMany opens a
// transaction of its own, and transactions do not nest, so a backfill could not
// store its bars and its corporate actions together through it; this writes
// both in one transaction (or in a savepoint of the caller's), so a failure at
// any step leaves nothing half-written. Its price rows are encoded exactly as
// PriceRepository encodes them (see sqlrows.h). A backfill is a few thousand
// rows, so plain prepared statements are fast enough here.
class HistoryWriter
{
public:
    explicit HistoryWriter(const Database &database) : m_database(database) {}

    // One asset's bars and corporate actions, all or nothing. Bars identical to
    // the stored ones are not rewritten, so storing a range twice changes nothing.
    Result<void> storeHistory(RowId assetId, std::span<const DailyPrice> bars,
                              std::span<const marketdata::CorporateAction> actions, QStringView source) const;

    // Latest prices as their day's close (source "quote"). A day that already
    // has a full bar keeps its open, high, low and volume; only the close moves.
    Result<void> storeQuotes(std::span<const QuoteRecord> quotes) const;

private:
    const Database &m_database;
};

} // namespace pt::store
