#pragma once

#include "domain/types.h"
#include "result.h"

#include <QStringList>

class QIODevice;

namespace pt::store {
class Database;
}

namespace pt::io {

// CSV exports in our generic layout (docs/IMPORT.md): comma-separated UTF-8,
// RFC 4180 quoting, ISO dates, exact decimals in canonical form ('.' point,
// no grouping, no trailing zeros), type words as the store keeps them. The
// "generic" import preset reads the transactions export back as it was.

// Date, Type, Symbol, Name, Quantity, Price, Amount, Fee, Currency, Split,
// Note, Portfolio, To portfolio.
QStringList transactionExportHeader();
// Portfolio, Kind, Symbol, Name, Quantity, Cost basis, Average cost,
// Realized gain, Income, Fees, Currency.
QStringList holdingsExportHeader();

// The live entries of one portfolio (0: of every portfolio), in replay order;
// the number of rows written. Entries of other portfolios that transfer into
// the portfolio are left out: they are not its own (an import of the file
// could not book them).
Result<qint64> exportTransactions(const store::Database &database, RowId portfolioId, QIODevice &device);

// Every position (also those sold down to zero, for their realized gain) and
// the cash per currency of one portfolio (0: of each portfolio), as the
// ledger derives them; the number of rows written.
Result<qint64> exportHoldings(const store::Database &database, RowId portfolioId, QIODevice &device);

} // namespace pt::io
