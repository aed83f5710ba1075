#pragma once

// The JSON document of a whole book or of some of its portfolios: what
// `portfolio-cli export json` writes and `import json` reads, and the backup
// format of a PostgreSQL store. The format is described in docs/BACKUP.md.

#include "domain/types.h"
#include "result.h"

#include <QDate>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <functional>
#include <vector>

class QIODevice;

namespace pt::store {
class Database;
}

namespace pt::exchange {

class BookDocument;

// The value of the document's "format" member, and the version this build
// writes and reads. A document of a later version is refused.
inline constexpr QStringView BookFormat = u"portfolio-tracker-book";
inline constexpr int BookFormatVersion = 1;

// stage ("portfolios", "transactions", "prices", ...), items done, items in all.
using Progress = std::function<void(const QString &stage, std::int64_t done, std::int64_t total)>;

// What a document holds.
struct BookCounts
{
    std::int64_t portfolios = 0; // tombstoned ones included
    std::int64_t livePortfolios = 0;
    std::int64_t assets = 0;
    std::int64_t transactions = 0; // tombstoned ones included
    std::int64_t liveTransactions = 0;
    std::int64_t alertRules = 0;
    std::int64_t corporateActions = 0;
    std::int64_t prices = 0; // daily bars
    std::int64_t fxRates = 0;
    QDate newestEntry; // trade date of the newest live entry; invalid when none
};

struct BookSummary
{
    int version = 0;
    QString scope; // "book" (everything) or "portfolios" (some, with what they need)
    QString exportedAt; // ISO 8601, UTC
    int schemaVersion = 0; // of the store it was exported from (for information)
    BookCounts counts;
};

struct ExportOptions
{
    // The portfolios to export; empty: the whole book. A portfolio that has
    // transfers to or from others brings those along (and theirs, and so on):
    // the two sides of a transfer cannot be rebuilt apart.
    std::vector<RowId> portfolios;
};

// Writes the document to `device`: the portfolios and every entry of theirs
// (tombstoned ones too, so deletions survive a round trip), the assets they
// use with their provider ids, the alert rules on them, and the market data
// their valuation needs: every daily bar and corporate action of those assets
// and the exchange rates of the currencies involved (of the whole book: every
// asset, action and rate in the store). UUIDs and stamps are kept; decimals
// are exact strings, dates ISO. Reads one consistent snapshot of the store, so
// the store may be in use meanwhile.
Result<BookSummary> exportBook(const store::Database &database, QIODevice &device, const ExportOptions &options = {},
                               const Progress &progress = {});

enum class ImportMode {
    // Adds the document to what the store holds. Portfolios, entries and alert
    // rules are new records: if the store already has one with the same UUID
    // (or a live portfolio of the same name) the whole import is refused.
    // Assets are shared: one already in the catalog (same UUID, or same symbol
    // and exchange) is used as it is. Bars, actions and rates the store already
    // has for a day are kept; the document's fill in the rest.
    Add,
    // Replaces everything the store holds with the document (restoring a
    // backup): derived and local tables (snapshots, stored series, alerts log,
    // job queue) are emptied too.
    Replace,
};

struct ImportReport
{
    BookCounts written; // rows inserted
    std::int64_t assetsReused = 0; // already in the catalog
    std::int64_t pricesKept = 0; // days the store already had
    std::int64_t fxRatesKept = 0;
    std::int64_t corporateActionsKept = 0;
};

// Checks `document` against the store without writing: what ImportMode::Add
// refuses (records already there, a catalog asset in another currency).
// Errors are about the input.
Result<void> checkImport(const store::Database &database, const BookDocument &document, ImportMode mode);

// Writes a checked document into the store, all or nothing in one
// transaction (checkImport's checks run again inside it).
Result<ImportReport> importBook(const store::Database &database, const BookDocument &document, ImportMode mode,
                                const Progress &progress = {});

} // namespace pt::exchange
