#include "io/importcommit.h"

#include "store/transactionrepository.h"

#include "domain/transactionrules.h"
#include "io/importfingerprint.h"
#include "jobs/tracking.h"
#include "ledger/ledger.h"
#include "store/bookloader.h"
#include "store/database.h"
#include "store/sqlrows.h"

#include <QLoggingCategory>

#include <algorithm>
#include <functional>
#include <iterator>
#include <optional>
#include <map>
#include <set>

Q_LOGGING_CATEGORY(lcImport, "pt.io.import", QtInfoMsg)

namespace pt::io {

namespace {

// The replay of the whole book failed: find the entry it failed on (the
// shortest failing prefix in replay order ends with it) and name its row.
QString explainReplayFailure(const store::LoadedBook &book, const std::vector<Transaction> &all,
                             const std::function<std::optional<qint64>(const QUuid &)> &rowOf,
                             const QString &message)
{
    std::vector<const Transaction *> order;
    order.reserve(all.size());
    for (const Transaction &t : all)
        order.push_back(&t);
    std::sort(order.begin(), order.end(),
              [](const Transaction *a, const Transaction *b) { return replaysBefore(*a, *b); });
    std::vector<Transaction> prefix;
    const auto fails = [&](std::size_t count) {
        prefix.clear();
        for (std::size_t i = 0; i < count; ++i)
            prefix.push_back(*order[i]);
        return !ledger::Ledger::replay(book.portfolios, book.assets, prefix).ok();
    };
    std::size_t low = 1, high = order.size(); // the whole list fails
    while (low < high) {
        const std::size_t middle = low + (high - low) / 2;
        if (fails(middle))
            high = middle;
        else
            low = middle + 1;
    }
    const Transaction &culprit = *order[low - 1];
    if (const auto row = rowOf(culprit.stamp.uuid))
        return QStringLiteral("row %1: %2").arg(*row).arg(message);
    return QStringLiteral("with the imported rows, an entry already in the store no longer holds: %1").arg(message);
}

// Tracking (market data kept up to date, C4) once per asset rather than once
// per row, as if the rows had been added one by one: the asset's earliest
// buy stands for all its buys; when the replay shows no units left anywhere,
// its last sell then lets tracking stop (that one replays the asset's books,
// so it is asked only then).
Result<void> updateTrackingOnce(const store::Database &database, const std::vector<Transaction> &added,
                                const std::set<RowId> &heldAfter)
{
    struct Entries
    {
        const Transaction *earliestBuy = nullptr;
        const Transaction *lastSell = nullptr;
    };
    std::map<RowId, Entries> byAsset;
    for (const Transaction &t : added) {
        if (t.assetId == 0)
            continue;
        Entries &entries = byAsset[t.assetId];
        if (t.type == TransactionType::Buy && (!entries.earliestBuy || t.date < entries.earliestBuy->date))
            entries.earliestBuy = &t;
        else if (t.type == TransactionType::Sell && (!entries.lastSell || !(t.date < entries.lastSell->date)))
            entries.lastSell = &t;
    }
    for (const auto &[assetId, entries] : byAsset) {
        if (entries.earliestBuy) {
            if (auto tracked = jobs::updateTracking(database, nullptr, entries.earliestBuy); !tracked)
                return tracked;
        }
        if (entries.lastSell && !heldAfter.contains(assetId)) {
            if (auto tracked = jobs::updateTracking(database, nullptr, entries.lastSell); !tracked)
                return tracked;
        }
    }
    return {};
}

} // namespace

Result<ImportOutcome> commitImport(const store::Database &database, RowId portfolioId,
                                   std::vector<Transaction> transactions, const std::vector<qint64> &rows,
                                   bool dryRun)
{
    ImportOutcome outcome;
    auto done = database.inTransaction([&]() -> Result<void> {
        // Read inside the transaction, so what is checked is what is written to.
        auto book = store::loadWholeBook(database);
        if (!book)
            return Error{book.error()};
        if (std::none_of(book->portfolios.cbegin(), book->portfolios.cend(),
                         [&](const Portfolio &p) { return p.id == portfolioId; }))
            return Error{QStringLiteral("portfolio: no portfolio with id %1").arg(portfolioId)};

        EntryMultiset existing;
        for (const Transaction &t : book->transactions) {
            if (t.portfolioId == portfolioId)
                existing.add(t);
        }
        // The new rows, kept in place at the front in file order: a million
        // entries are not copied.
        std::vector<qint64> freshRows;
        std::size_t added = 0;
        for (std::size_t i = 0; i < transactions.size(); ++i) {
            Transaction &t = transactions[i];
            t.id = 0;
            t.portfolioId = portfolioId;
            if (existing.take(t)) {
                ++outcome.alreadyPresent;
                continue;
            }
            if (added != i)
                transactions[added] = std::move(t);
            freshRows.push_back(i < rows.size() ? rows[i] : qint64(i) + 2);
            ++added;
        }
        transactions.resize(added);
        outcome.added = qint64(added);
        if (added == 0)
            return {};

        // Stamps in booking order: same-day rows replay in the order given,
        // oldest first even when the file lists newest first.
        const bool newestFirst = transactions.front().date > transactions.back().date;
        if (newestFirst) {
            std::reverse(transactions.begin(), transactions.end());
            std::reverse(freshRows.begin(), freshRows.end());
        }
        for (Transaction &t : transactions)
            t.stamp = store::newStamp(database);

        // One replay of the whole book with every new entry in it: the new
        // entries, then the book's (the replay orders them itself).
        transactions.reserve(added + book->transactions.size());
        std::move(book->transactions.begin(), book->transactions.end(), std::back_inserter(transactions));
        book->transactions = {};
        auto replayed = ledger::Ledger::replay(book->portfolios, book->assets, transactions);
        if (!replayed) {
            const auto rowOf = [&](const QUuid &uuid) -> std::optional<qint64> {
                for (std::size_t i = 0; i < added; ++i) {
                    if (transactions[i].stamp.uuid == uuid)
                        return freshRows[i];
                }
                return std::nullopt;
            };
            return Error{explainReplayFailure(*book, transactions, rowOf, replayed.error())};
        }
        std::set<RowId> heldAfter;
        for (const ledger::PortfolioBook &books : *replayed) {
            for (const auto &[assetId, position] : books.positions) {
                if (position.quantity.isPositive())
                    heldAfter.insert(assetId);
            }
        }
        replayed = Error{}; // the books are not needed any more
        qCDebug(lcImport) << "replayed" << transactions.size() << "entries with" << added << "new ones";
        if (dryRun)
            return {};

        transactions.resize(added); // the new ones, in stamp order
        if (auto inserted = store::TransactionRepository(database).insertMany(transactions); !inserted)
            return inserted;
        return updateTrackingOnce(database, transactions, heldAfter);
    });
    if (!done)
        return Error{done.error()};
    return outcome;
}

} // namespace pt::io
