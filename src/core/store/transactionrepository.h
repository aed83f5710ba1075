#pragma once

#include "domain/types.h"
#include "result.h"

#include <vector>

namespace pt::store {

class Database;

// Ledger entries as stored. This class only persists; LedgerService decides
// whether a change keeps the book consistent.
class TransactionRepository
{
public:
    // How entries are read. Fastest goes straight through SQLite's statement
    // when the store is SQLite and through Qt SQL otherwise; QtSql always takes
    // the portable Qt SQL path (so tests can check both read alike).
    enum class ReadPath { Fastest, QtSql };

    explicit TransactionRepository(const Database &database, ReadPath readPath = ReadPath::Fastest)
        : m_database(database), m_readPath(readPath)
    {
    }

    // Live entries of one portfolio (0: of all), in replay order. Entries of
    // other portfolios that transfer into it are included.
    Result<std::vector<Transaction>> list(RowId portfolioId = 0) const;
    Result<Transaction> find(RowId id) const;
    // By UUID or a unique UUID prefix of at least 8 characters.
    Result<Transaction> findByReference(QStringView reference) const;

    // Store; the caller has validated them. Entries without a UUID get a fresh
    // stamp; entries that have one (made elsewhere, or stamped for a replay
    // check) keep it.
    Result<Transaction> insert(Transaction transaction) const;
    Result<Transaction> update(Transaction transaction) const;
    Result<void> markDeleted(RowId id) const;
    // Clears the tombstone of a deleted entry (undoing a delete); the entry
    // keeps its UUID, so a sync sees one record deleted and then restored.
    Result<Transaction> restore(RowId id) const;
    // Many entries in one transaction, all or nothing.
    Result<void> insertMany(std::vector<Transaction> &transactions) const;

private:
    const Database &m_database;
    ReadPath m_readPath;
};

} // namespace pt::store
