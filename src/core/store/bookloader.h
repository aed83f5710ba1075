#pragma once

#include "domain/types.h"
#include "result.h"

#include <vector>

namespace pt::store {

class Database;

// Everything a whole-book computation (ledger replay, valuation) starts from:
// the live portfolios, the asset catalog and every live entry in replay order.
struct LoadedBook
{
    std::vector<Portfolio> portfolios;
    std::vector<Asset> assets;
    std::vector<Transaction> transactions;
};

Result<LoadedBook> loadWholeBook(const Database &database);

} // namespace pt::store
