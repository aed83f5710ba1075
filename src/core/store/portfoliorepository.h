#pragma once

#include "domain/types.h"
#include "result.h"

#include <vector>

namespace pt::store {

class Database;

// Portfolios in the store. Deletes are tombstones.
class PortfolioRepository
{
public:
    explicit PortfolioRepository(const Database &database) : m_database(database) {}

    // Live portfolios, by name.
    Result<std::vector<Portfolio>> list() const;
    Result<Portfolio> find(RowId id) const;
    // By exact name, by UUID, or by a unique UUID prefix of at least 8 characters,
    // for the command line.
    Result<Portfolio> findByReference(QStringView reference) const;

    // Validates, stamps (UUID, created/updated) and stores a new portfolio.
    Result<Portfolio> add(Portfolio portfolio) const;
    Result<Portfolio> update(Portfolio portfolio) const;
    // Tombstones the portfolio and all its entries in one transaction.
    Result<void> remove(RowId id) const;

    static Result<void> validate(const Portfolio &portfolio);

private:
    const Database &m_database;
};

} // namespace pt::store
