#pragma once

#include "domain/types.h"
#include "marketdata/marketdata.h"
#include "result.h"

#include <QDate>

#include <span>
#include <vector>

namespace pt::store {

class Database;

// Splits and dividends as the providers report them (table corporate_action),
// keyed by asset, day and kind. Market data: refetched, never edited, never
// synced. The records are the provider layer's own (a header-only struct), so
// a backfill stores what it parsed without a translation step.
class CorporateActionRepository
{
public:
    explicit CorporateActionRepository(const Database &database) : m_database(database) {}

    // All or nothing, joining the caller's transaction if one is open. Storing
    // the same actions twice changes nothing (not even fetched_at).
    Result<void> upsertMany(RowId assetId, std::span<const marketdata::CorporateAction> actions,
                            QStringView source) const;
    // One asset's actions in [from, to] (null dates: unbounded), oldest first.
    Result<std::vector<marketdata::CorporateAction>> list(RowId assetId, QDate from = {}, QDate to = {}) const;

private:
    const Database &m_database;
};

} // namespace pt::store
