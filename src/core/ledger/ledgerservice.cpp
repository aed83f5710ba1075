#include "ledger/ledgerservice.h"

#include "domain/transactionrules.h"
#include "jobs/tracking.h"
#include "store/assetrepository.h"
#include "store/bookloader.h"
#include "store/database.h"
#include "store/portfoliorepository.h"
#include "store/sqlrows.h"
#include "store/transactionrepository.h"

#include <QSqlQuery>

#include <algorithm>
#include <set>

namespace pt::ledger {

namespace {

using BookInput = store::LoadedBook;

// The portfolios whose books a change can affect: the ones named, and every
// portfolio linked to them by a transfer, transitively.
Result<BookInput> loadLinkedBooks(const store::Database &database, std::set<RowId> portfolioIds)
{
    const store::TransactionRepository transactions(database);
    BookInput input;
    std::set<RowId> loaded;
    std::set<QUuid> seen;
    while (true) {
        std::vector<RowId> pending;
        std::set_difference(portfolioIds.begin(), portfolioIds.end(), loaded.begin(), loaded.end(),
                            std::back_inserter(pending));
        if (pending.empty())
            break;
        for (const RowId id : pending) {
            auto entries = transactions.list(id);
            if (!entries)
                return Error{entries.error()};
            for (Transaction &entry : *entries) {
                if (entry.type == TransactionType::Transfer) {
                    portfolioIds.insert(entry.portfolioId);
                    portfolioIds.insert(entry.counterpartyPortfolioId);
                }
                if (seen.insert(entry.stamp.uuid).second)
                    input.transactions.push_back(std::move(entry));
            }
            loaded.insert(id);
        }
    }
    const store::PortfolioRepository portfolios(database);
    for (const RowId id : portfolioIds) {
        auto portfolio = portfolios.find(id);
        if (!portfolio)
            return Error{portfolio.error()};
        input.portfolios.push_back(*portfolio);
    }
    auto assets = store::AssetRepository(database).list();
    if (!assets)
        return Error{assets.error()};
    input.assets = std::move(*assets);
    return input;
}

Result<void> validateOnItsOwn(const store::Database &database, const Transaction &transaction)
{
    if (auto note = validateNote(transaction.note); !note)
        return note;
    const store::PortfolioRepository portfolios(database);
    if (auto portfolio = portfolios.find(transaction.portfolioId); !portfolio || portfolio->stamp.deleted)
        return Error{QStringLiteral("portfolio: no portfolio with id %1").arg(transaction.portfolioId)};
    if (transaction.counterpartyPortfolioId != 0) {
        auto counterparty = portfolios.find(transaction.counterpartyPortfolioId);
        if (!counterparty || counterparty->stamp.deleted)
            return Error{QStringLiteral("to portfolio: no portfolio with id %1").arg(transaction.counterpartyPortfolioId)};
    }
    if (transaction.assetId == 0)
        return validateTransaction(transaction, nullptr);
    const auto asset = store::AssetRepository(database).find(transaction.assetId);
    if (!asset || asset->stamp.deleted)
        return Error{QStringLiteral("asset: no asset with id %1").arg(transaction.assetId)};
    return validateTransaction(transaction, &*asset);
}

// Ledger writes check the affected books and then write, in one transaction.
// SQLite lets only one writer in at a time and refuses one whose reads went
// stale; PostgreSQL's READ COMMITTED would let two such checks pass side by
// side, so there every ledger write first takes one lock for the store, held
// until its transaction ends.
Result<void> serialiseLedgerWrites(const store::Database &database)
{
    if (database.backend() != store::Backend::PostgreSql)
        return {};
    constexpr qint64 LedgerWriteLock = 0x50544c67; // 'PTLg'
    QSqlQuery query(database.connection());
    query.prepare(QStringLiteral("SELECT pg_advisory_xact_lock(?)"));
    query.addBindValue(LedgerWriteLock);
    return store::execute(query, QStringLiteral("Waiting for other changes to the ledger"));
}

} // namespace

Result<void> LedgerService::checkReplay(const Transaction *changed, RowId removedId) const
{
    std::set<RowId> affected;
    Transaction before;
    const RowId existingId = changed ? changed->id : removedId;
    if (existingId != 0) {
        auto existing = store::TransactionRepository(m_database).find(existingId);
        if (!existing || existing->stamp.deleted)
            return Error{QStringLiteral("transaction: no ledger entry with id %1").arg(existingId)};
        before = *existing;
        affected.insert(before.portfolioId);
        if (before.counterpartyPortfolioId != 0)
            affected.insert(before.counterpartyPortfolioId);
    }
    if (changed) {
        affected.insert(changed->portfolioId);
        if (changed->counterpartyPortfolioId != 0)
            affected.insert(changed->counterpartyPortfolioId);
    }
    auto input = loadLinkedBooks(m_database, affected);
    if (!input)
        return Error{input.error()};
    auto &entries = input->transactions;
    if (existingId != 0)
        std::erase_if(entries, [&](const Transaction &t) { return t.id == existingId; });
    if (changed)
        entries.push_back(*changed);
    std::sort(entries.begin(), entries.end(), replaysBefore);
    auto replayed = Ledger::replay(input->portfolios, input->assets, entries);
    if (!replayed)
        return Error{replayed.error()};
    return {};
}

Result<Transaction> LedgerService::add(Transaction transaction) const
{
    transaction.id = 0;
    if (auto valid = validateOnItsOwn(m_database, transaction); !valid)
        return Error{valid.error()};
    transaction.stamp = store::newStamp(m_database);
    Result<Transaction> saved = Error{};
    auto done = m_database.inTransaction([&]() -> Result<void> {
        if (auto locked = serialiseLedgerWrites(m_database); !locked)
            return locked;
        if (auto consistent = checkReplay(&transaction, 0); !consistent)
            return consistent;
        saved = store::TransactionRepository(m_database).insert(transaction);
        if (!saved)
            return Error{saved.error()};
        // In the same transaction: the entry and the tracking it implies go together.
        return jobs::updateTracking(m_database, nullptr, &*saved);
    });
    if (!done)
        return Error{done.error()};
    return saved;
}

Result<Transaction> LedgerService::edit(Transaction transaction) const
{
    if (auto valid = validateOnItsOwn(m_database, transaction); !valid)
        return Error{valid.error()};
    Result<Transaction> saved = Error{};
    auto done = m_database.inTransaction([&]() -> Result<void> {
        if (auto locked = serialiseLedgerWrites(m_database); !locked)
            return locked;
        if (auto consistent = checkReplay(&transaction, 0); !consistent)
            return consistent;
        const auto before = store::TransactionRepository(m_database).find(transaction.id);
        if (!before)
            return Error{before.error()};
        saved = store::TransactionRepository(m_database).update(transaction);
        if (!saved)
            return Error{saved.error()};
        return jobs::updateTracking(m_database, &*before, &*saved);
    });
    if (!done)
        return Error{done.error()};
    return saved;
}

Result<void> LedgerService::remove(RowId transactionId) const
{
    return m_database.inTransaction([&]() -> Result<void> {
        if (auto locked = serialiseLedgerWrites(m_database); !locked)
            return locked;
        if (auto consistent = checkReplay(nullptr, transactionId); !consistent)
            return Error{QStringLiteral("cannot delete this entry: without it, %1").arg(consistent.error())};
        const auto before = store::TransactionRepository(m_database).find(transactionId);
        if (!before)
            return Error{before.error()};
        if (auto deleted = store::TransactionRepository(m_database).markDeleted(transactionId); !deleted)
            return deleted;
        return jobs::updateTracking(m_database, &*before, nullptr);
    });
}

Result<Transaction> LedgerService::restore(RowId transactionId) const
{
    Result<Transaction> restored = Error{};
    auto done = m_database.inTransaction([&]() -> Result<void> {
        if (auto locked = serialiseLedgerWrites(m_database); !locked)
            return locked;
        const store::TransactionRepository repository(m_database);
        const auto deleted = repository.find(transactionId);
        if (!deleted)
            return Error{deleted.error()};
        if (!deleted->stamp.deleted)
            return Error{QStringLiteral("transaction: the ledger entry with id %1 is not deleted").arg(transactionId)};
        // Checked as if it were added anew.
        Transaction candidate = *deleted;
        candidate.id = 0;
        candidate.stamp.deleted = false;
        if (auto consistent = checkReplay(&candidate, 0); !consistent)
            return Error{QStringLiteral("cannot bring this entry back: with it, %1").arg(consistent.error())};
        restored = repository.restore(transactionId);
        if (!restored)
            return Error{restored.error()};
        return jobs::updateTracking(m_database, nullptr, &*restored);
    });
    if (!done)
        return Error{done.error()};
    return restored;
}

Result<std::vector<PortfolioBook>> LedgerService::books(RowId portfolioId) const
{
    auto input = portfolioId == 0 ? store::loadWholeBook(m_database) : loadLinkedBooks(m_database, {portfolioId});
    if (!input)
        return Error{input.error()};
    auto books = Ledger::replay(input->portfolios, input->assets, input->transactions);
    if (!books || portfolioId == 0)
        return books;
    std::erase_if(*books, [&](const PortfolioBook &book) { return book.portfolioId != portfolioId; });
    return books;
}

} // namespace pt::ledger
