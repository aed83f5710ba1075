#pragma once

#include "domain/types.h"
#include "ledger/ledger.h"
#include "result.h"

#include <vector>

namespace pt::store {
class Database;
}

namespace pt::ledger {

// The one way the app and the CLI change the ledger: every add, edit and
// delete is validated on its own and then by replaying the affected portfolios
// with the change applied; only a change that keeps every book consistent
// (no sell of units not held, at any date) is written.
class LedgerService
{
public:
    explicit LedgerService(const store::Database &database) : m_database(database) {}

    Result<Transaction> add(Transaction transaction) const;
    Result<Transaction> edit(Transaction transaction) const;
    Result<void> remove(RowId transactionId) const;
    // Brings a deleted entry back (undo of a delete), if the books stay
    // consistent with it.
    Result<Transaction> restore(RowId transactionId) const;

    // The derived book of one portfolio, or of every portfolio (portfolioId 0).
    Result<std::vector<PortfolioBook>> books(RowId portfolioId = 0) const;

private:
    Result<void> checkReplay(const Transaction *changed, RowId removedId) const;

    const store::Database &m_database;
};

} // namespace pt::ledger
