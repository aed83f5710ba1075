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

// Writes what the fetch jobs bring home: a backfill's bars and corporate actions
// in one transaction (or a savepoint of the caller's), through the price and
// corporate-action repositories, which join it, so a failure at any step leaves
// nothing half-written.
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
