#include "store/bookloader.h"

#include "store/assetrepository.h"
#include "store/portfoliorepository.h"
#include "store/transactionrepository.h"

namespace pt::store {

Result<LoadedBook> loadWholeBook(const Database &database)
{
    auto portfolios = PortfolioRepository(database).list();
    if (!portfolios)
        return Error{portfolios.error()};
    auto assets = AssetRepository(database).list();
    if (!assets)
        return Error{assets.error()};
    auto transactions = TransactionRepository(database).list();
    if (!transactions)
        return Error{transactions.error()};
    return LoadedBook{std::move(*portfolios), std::move(*assets), std::move(*transactions)};
}

} // namespace pt::store
