#pragma once

#include "domain/types.h"
#include "result.h"

#include <QDate>
#include <QString>
#include <QUuid>

#include <cstdint>
#include <optional>
#include <vector>

namespace pt::store {
class Database;
}

namespace pt {

// The sample portfolio a first run offers (C6): a small, made-up book that
// shows every view and chart without a network.
//
// "Sample portfolio" (base EUR, FIFO) holds five assets that are clearly not
// real instruments (symbols SAMPLE-WORLD, SAMPLE-TECH, SAMPLE-BOND, SAMPLE-GOLD,
// SAMPLE-COIN; names starting "Sample"), all priced in EUR so the sample never
// writes exchange rates that real portfolios would then use. The assets are
// flagged synthetic and untracked, so no job ever fetches them, and they have
// no data source. About three years ending on `today`: an opening deposit and
// buys, a monthly savings plan, dividends, bond interest, a yearly account fee,
// a 2:1 split of SAMPLE-TECH (an entry and a corporate action) and a partial
// sale after it; daily bars (open, high, low, close) on weekdays for the shares
// and funds and on every day for the coin, source "sample". Everything follows
// from a fixed seed and `today`: two stores given the same day hold the same
// rows (UUIDs and stamps apart).
//
// How the sample is recognised: every record it writes (portfolio, assets,
// entries) has a UUID whose first 48 bits spell "sample" in ASCII
// (73616d70-6c65-4xxx-...), the rest random as in a version-4 UUID. The mark
// travels with the record (sync, export), survives a rename and is checked on
// the record alone, without a query; a chance collision with a random UUID is
// one in 2^48. Fresh UUIDs each time keep a sample made after a removal apart
// from the tombstones of the earlier one.
struct SampleBook
{
    Portfolio portfolio;
    std::vector<Asset> assets; // as stored, in the order above
    std::int64_t transactions = 0;
    std::int64_t prices = 0;
    QDate firstDay; // of the price history
    QDate lastDay; // `today`
};

// The portfolio's name as created (the user may rename it; recognition does not rely on it).
QString samplePortfolioName();

// Writes the sample book in one transaction (joining the caller's if one is
// open): all of it or, on any error, nothing. Refused when a live sample
// portfolio, or any live portfolio named samplePortfolioName(), exists. Live
// sample assets left behind by a sample portfolio deleted the ordinary way are
// tombstoned first, when no live entry uses them. Every entry is checked with
// validateTransaction() and the book is replayed (LedgerService::books) before
// the commit. Takes well under a second; the app still runs it on a worker.
Result<SampleBook> createSampleBook(const store::Database &database, QDate today = QDate::currentDate());

// Tombstones, in one transaction, the sample portfolio(s), their entries and
// the sample assets that no live entry of another portfolio uses (those stay
// until the entries go; the next removal takes them). Prices and the split
// stay in the market-data tables, keyed by the tombstoned assets: nothing
// shows them. Refused when the sample is linked to another portfolio by a
// transfer, or when there is nothing to remove.
Result<void> removeSampleBook(const store::Database &database);

// The live sample portfolio, if there is one (the newest, should there be several).
Result<std::optional<Portfolio>> findSamplePortfolio(const store::Database &database);

bool isSampleUuid(const QUuid &uuid);
bool isSamplePortfolio(const Portfolio &portfolio);
// A sample asset: marked as above and synthetic.
bool isSampleAsset(const Asset &asset);

} // namespace pt
