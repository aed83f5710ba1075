#pragma once

#include "domain/types.h"
#include "result.h"

#include <map>

namespace pt::store {
class Database;
}

namespace pt::cli {

// The live portfolios and assets by row id, so listings can show names and
// symbols instead of local ids.
class Catalog
{
public:
    static Result<Catalog> load(const store::Database &database);

    const Portfolio *portfolio(RowId id) const;
    const Asset *asset(RowId id) const;
    // The name or symbol, or "" for id 0, or "#id" for a row no longer live.
    QString portfolioName(RowId id) const;
    QString assetSymbol(RowId id) const;
    QString portfolioUuid(RowId id) const;
    QString assetUuid(RowId id) const;

private:
    std::map<RowId, Portfolio> m_portfolios;
    std::map<RowId, Asset> m_assets;
};

} // namespace pt::cli
