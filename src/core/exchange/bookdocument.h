#pragma once

#include "domain/types.h"
#include "exchange/bookjson.h"
#include "marketdata/marketdata.h"
#include "result.h"
#include "store/alertrepository.h"
#include "store/fxraterepository.h"

#include <QDateTime>
#include <QHash>
#include <QString>

#include <functional>
#include <vector>

namespace pt::exchange {

// A corporate action of the document, on one of its assets.
struct DocumentCorporateAction
{
    RowId asset = 0; // document id
    marketdata::CorporateAction action;
    QString source;
    std::int64_t fetchedAt = 0;
};

// Market data as where it came from says: the source and when it was fetched.
struct Provenance
{
    QString source;
    std::int64_t fetchedAt = 0;
};

// A book document read and checked completely, before anything is written
// anywhere. Its records are kept with document ids (a record's position in
// its list + 1) in place of local ids; the daily bars and exchange rates, the
// bulk of a document, are checked but not kept: readMarketData() reads them
// again from the file when they are written.
//
// Checked: the JSON grammar; "format" and "version" first, and a version this
// build reads; every member of every record (no unknown ones, the right
// types, decimals as strings, ISO dates, valid currency codes and kinds); each
// UUID once; every reference to a portfolio or asset of the document; the
// rules of each live ledger entry and a replay of the books (no sale of units
// not held); one live portfolio per name and asset per symbol and exchange;
// an asset's bars and a pair's rates in date order, each day once. An error
// names where it is, as a path: "transactions[17].quantity: 'abc' is not a
// number".
class BookDocument final
{
public:
    static Result<BookDocument> read(const QString &path, const Progress &progress = {});

    QString path() const { return m_path; }
    const BookSummary &summary() const { return m_summary; }

    const std::vector<Portfolio> &portfolios() const { return m_portfolios; }
    const std::vector<Asset> &assets() const { return m_assets; }
    const std::vector<Transaction> &transactions() const { return m_transactions; }
    const std::vector<store::AlertRule> &alertRules() const { return m_alertRules; }
    const std::vector<DocumentCorporateAction> &corporateActions() const { return m_corporateActions; }

    // The bars (asset as a document id) and rates, in document order. A visitor's
    // error stops the reading and is returned. Refused when the file changed
    // since read().
    using BarVisitor = std::function<Result<void>(RowId asset, const DailyPrice &bar, const Provenance &)>;
    using RateVisitor = std::function<Result<void>(const store::FxRate &rate, const Provenance &)>;
    Result<void> readMarketData(const BarVisitor &bars, const RateVisitor &rates) const;

private:
    friend class BookParser;

    QString m_path;
    qint64 m_size = 0;
    QDateTime m_modified;
    BookSummary m_summary;
    std::vector<Portfolio> m_portfolios;
    std::vector<Asset> m_assets;
    std::vector<Transaction> m_transactions;
    std::vector<store::AlertRule> m_alertRules;
    std::vector<DocumentCorporateAction> m_corporateActions;
    QHash<QString, RowId> m_assetIds; // UUID text -> document id
};

} // namespace pt::exchange
