#pragma once

#include "domain/types.h"
#include "result.h"

#include <vector>

namespace pt::store {

class Database;

// The asset catalog. Deletes are tombstones; an asset that live entries use
// cannot be deleted.
class AssetRepository
{
public:
    explicit AssetRepository(const Database &database) : m_database(database) {}

    // Live assets, by symbol.
    Result<std::vector<Asset>> list() const;
    Result<Asset> find(RowId id) const;
    // By symbol (case-insensitive; must be unique among live assets), by UUID,
    // or by a unique UUID prefix of at least 8 characters.
    Result<Asset> findByReference(QStringView reference) const;

    Result<Asset> add(Asset asset) const;
    Result<Asset> update(Asset asset) const;
    Result<void> remove(RowId id) const;
    // Inserts many assets in one transaction (the generator and imports).
    Result<void> addMany(std::vector<Asset> &assets) const;

    static Result<void> validate(const Asset &asset);

private:
    const Database &m_database;
};

} // namespace pt::store
