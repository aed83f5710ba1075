#pragma once

#include "domain/types.h"
#include "io/importfingerprint.h"
#include "io/importmapping.h"
#include "io/textdecoding.h"
#include "result.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>
#include <vector>

class QIODevice;

namespace pt::store {
class Database;
}

namespace pt::io {

// One thing wrong with a row of the file, or with the file (row 0).
struct ImportIssue
{
    qint64 row = 0; // as a spreadsheet numbers it: the header is row 1
    int line = 0;   // the physical line the row starts on (differs after quoted line breaks)
    QString column; // the file's header of the column at fault, a field title, or empty
    QString message;

    // "row 17, column Quantity: '12,5x' is not a number"
    QString text() const;
};

// What rows are checked against, loaded once: the portfolio they go into,
// the asset catalog, and that portfolio's live entries (for re-import
// detection). Assets are matched by symbol, then ISIN (against an asset's
// symbol or data-source id: the catalog has no ISIN of its own), then name,
// each without regard to case; an asset not in the catalog is a row error.
class ImportTarget
{
public:
    static Result<ImportTarget> load(const store::Database &database, RowId portfolioId);
    ImportTarget(Portfolio portfolio, std::vector<Asset> assets, const std::vector<Transaction> &portfolioEntries);

    const Portfolio &portfolio() const { return m_portfolio; }
    const Asset *asset(RowId id) const;
    // The asset a row names by `field` (Symbol, Isin or Name); null and a
    // reason when none or more than one match.
    const Asset *findAsset(ImportField field, QStringView text, QString *problem) const;
    const EntryMultiset &existing() const { return m_existing; }

private:
    Portfolio m_portfolio;
    std::vector<Asset> m_assets;
    QHash<RowId, qsizetype> m_byId;
    QHash<QString, qsizetype> m_bySymbol;   // case-folded
    QHash<QString, qsizetype> m_bySourceId; // case-folded
    QHash<QString, qsizetype> m_byName;     // case-folded; -1 when two share the name
    EntryMultiset m_existing;
};

// One data row as read: its entry, or what is wrong with it.
struct ImportRow
{
    qint64 row = 0;
    int line = 0;
    QStringList fields; // the raw fields; kept for the preview's first rows only
    std::optional<Transaction> transaction;
    std::vector<ImportIssue> issues;
    bool alreadyPresent = false; // matches an entry the portfolio already has
};

struct ImportPreviewOptions
{
    int sampleRows = 100;           // rows kept with their raw fields (a preview table)
    int maxIssues = 1000;           // issues kept; all are counted
    bool keepTransactions = false;  // keep every valid row, for commitImport
    qint64 maxRows = 0;             // stop after this many data rows (a quick look); 0: read them all
    // Called every few thousand rows with the bytes read so far; false cancels.
    std::function<bool(qint64 bytesRead)> progress;
};

// Every row of a file parsed, nothing written. Only the counts, the first
// issues and the first rows are kept (and, if asked, the parsed entries), so
// a file of any size previews in bounded memory.
struct ImportPreview
{
    QString fileError; // the file as a whole cannot be imported (empty, bad header, broken quoting, ...)
    TextEncoding encoding = TextEncoding::Utf8;
    QChar delimiter;
    QStringList header;
    std::array<int, ImportFieldCount> columnOf{}; // the file's column read for each field, -1 for none
    QStringList notices; // columns of the mapping not found in the file, and the like

    qint64 rows = 0;           // data rows read
    qint64 newRows = 0;        // valid rows not yet in the portfolio
    qint64 alreadyPresent = 0; // valid rows the portfolio already has
    qint64 rowsWithIssues = 0;
    qint64 issueCount = 0;     // all issues, also those not kept
    std::vector<ImportIssue> issues;
    std::vector<ImportRow> sample;
    bool cancelled = false;
    bool truncated = false; // stopped at maxRows (the file may have ended there): the counts cover the rows read

    // keepTransactions: every valid row in file order (new and already
    // present: commitImport checks again against the store as it is then),
    // with its row number.
    std::vector<Transaction> transactions;
    std::vector<qint64> transactionRows;

    // Nothing stands in the way of committing.
    bool ok() const { return fileError.isEmpty() && issueCount == 0 && !cancelled; }
    // The issues as lines, the first `limit` and then "... and N more".
    QStringList issueLines(int limit = 20) const;
};

// Reads the whole file through the mapping, row by row, into the preview.
// The device must be open for reading; it is read once, front to back.
ImportPreview previewImport(QIODevice &device, const ImportMapping &mapping, const ImportTarget &target,
                            const ImportPreviewOptions &options = {});

} // namespace pt::io
