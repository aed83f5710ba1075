#include "catalog.h"

#include "jsonformat.h"
#include "store/assetrepository.h"
#include "store/portfoliorepository.h"

namespace pt::cli {

Result<Catalog> Catalog::load(const store::Database &database)
{
    auto portfolios = store::PortfolioRepository(database).list();
    if (!portfolios)
        return Error{portfolios.error()};
    auto assets = store::AssetRepository(database).list();
    if (!assets)
        return Error{assets.error()};
    Catalog catalog;
    for (Portfolio &portfolio : portfolios.value())
        catalog.m_portfolios.emplace(portfolio.id, std::move(portfolio));
    for (Asset &asset : assets.value())
        catalog.m_assets.emplace(asset.id, std::move(asset));
    return catalog;
}

const Portfolio *Catalog::portfolio(RowId id) const
{
    const auto it = m_portfolios.find(id);
    return it == m_portfolios.end() ? nullptr : &it->second;
}

const Asset *Catalog::asset(RowId id) const
{
    const auto it = m_assets.find(id);
    return it == m_assets.end() ? nullptr : &it->second;
}

QString Catalog::portfolioName(RowId id) const
{
    if (id == 0)
        return {};
    const Portfolio *found = portfolio(id);
    return found ? found->name : u'#' + QString::number(id);
}

QString Catalog::assetSymbol(RowId id) const
{
    if (id == 0)
        return {};
    const Asset *found = asset(id);
    return found ? found->symbol : u'#' + QString::number(id);
}

QString Catalog::portfolioUuid(RowId id) const
{
    const Portfolio *found = portfolio(id);
    return found ? uuidText(found->stamp.uuid) : QString();
}

QString Catalog::assetUuid(RowId id) const
{
    const Asset *found = asset(id);
    return found ? uuidText(found->stamp.uuid) : QString();
}

} // namespace pt::cli
