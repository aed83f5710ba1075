// checkImport() and importBook(): a checked book document into a store, all
// or nothing.

#include "exchange/bookdocument.h"
#include "exchange/booktables_p.h"
#include "exchange/bookjson.h"

#include "store/database.h"
#include "store/sqlrows.h"
#include "store/storecopy.h"
#include "store/tablewriter.h"

#include <QHash>
#include <QSet>
#include <QSqlQuery>

#include <algorithm>

namespace pt::exchange {

namespace {

using detail::column;
using detail::corporateActionColumns;
using detail::fxRateColumns;
using detail::transactionColumns;

using store::Cell;
using store::Column;
using store::ColumnKind;
using store::TableWriter;

QString indexed(QStringView section, std::size_t index)
{
    return QStringLiteral("%1[%2]").arg(section).arg(index);
}

// What the store already holds that the document also names.
struct Existing
{
    QHash<QString, QString> portfolioUuids; // UUID -> name
    QSet<QString> livePortfolioNames;
    QSet<QString> transactionUuids;
    QSet<QString> ruleUuids;
    struct CatalogAsset
    {
        RowId id = 0;
        QString currency;
    };
    QHash<QString, CatalogAsset> assetsByUuid;
    QHash<QString, CatalogAsset> liveAssetsBySymbol; // "symbol (lower case)\nexchange"
};

Result<void> select(const store::Database &database, const QString &sql,
                    const std::function<void(const QSqlQuery &)> &row)
{
    QSqlQuery query(database.connection());
    query.setForwardOnly(true);
    if (!query.exec(sql))
        return Error { store::describeSqlError(QStringLiteral("Reading the store"), query.lastError()) };
    while (query.next())
        row(query);
    return {};
}

Result<Existing> readExisting(const store::Database &database, const BookDocument &document)
{
    Existing existing;
    auto read = select(database, QStringLiteral("SELECT uuid, name, deleted FROM portfolio"), [&](const QSqlQuery &q) {
        existing.portfolioUuids.insert(q.value(0).toString(), q.value(1).toString());
        if (q.value(2).toInt() == 0)
            existing.livePortfolioNames.insert(q.value(1).toString());
    });
    if (!read)
        return Error { read.error() };
    if (!document.transactions().empty()) {
        read = select(database, QStringLiteral("SELECT uuid FROM ledger_transaction"),
                      [&](const QSqlQuery &q) { existing.transactionUuids.insert(q.value(0).toString()); });
        if (!read)
            return Error { read.error() };
    }
    read = select(database, QStringLiteral("SELECT uuid FROM alert_rule"),
                  [&](const QSqlQuery &q) { existing.ruleUuids.insert(q.value(0).toString()); });
    if (!read)
        return Error { read.error() };
    read = select(database, QStringLiteral("SELECT id, uuid, symbol, exchange, currency, deleted FROM asset"),
                  [&](const QSqlQuery &q) {
                      const Existing::CatalogAsset asset { q.value(0).toLongLong(), q.value(4).toString() };
                      existing.assetsByUuid.insert(q.value(1).toString(), asset);
                      if (q.value(5).toInt() == 0)
                          existing.liveAssetsBySymbol.insert(
                              q.value(2).toString().toLower() + u'\n' + q.value(3).toString(), asset);
                  });
    if (!read)
        return Error { read.error() };
    return existing;
}

// The store's asset each document asset is (0: a new one), after checking that
// nothing the document adds is already there.
Result<std::vector<RowId>> plan(const store::Database &database, const BookDocument &document, ImportMode mode)
{
    std::vector<RowId> assets(document.assets().size(), 0);
    if (mode == ImportMode::Replace)
        return assets;
    auto existing = readExisting(database, document);
    if (!existing)
        return Error { existing.error() };

    for (std::size_t i = 0; i < document.portfolios().size(); ++i) {
        const Portfolio &portfolio = document.portfolios()[i];
        const QString uuid = store::uuidText(portfolio.stamp.uuid);
        if (const auto found = existing->portfolioUuids.constFind(uuid); found != existing->portfolioUuids.cend())
            return Error { QStringLiteral("%1: the store already has this portfolio ('%2', UUID %3); importing it "
                                          "again is refused")
                               .arg(indexed(u"portfolios", i), *found, uuid) };
        if (!portfolio.stamp.deleted && existing->livePortfolioNames.contains(portfolio.name))
            return Error { QStringLiteral("%1.name: the store already has a portfolio named '%2'")
                               .arg(indexed(u"portfolios", i), portfolio.name) };
    }
    for (std::size_t i = 0; i < document.transactions().size(); ++i) {
        const QString uuid = store::uuidText(document.transactions()[i].stamp.uuid);
        if (existing->transactionUuids.contains(uuid))
            return Error {
                QStringLiteral("%1: the store already has the entry %2").arg(indexed(u"transactions", i), uuid)
            };
    }
    for (std::size_t i = 0; i < document.alertRules().size(); ++i) {
        const QString uuid = store::uuidText(document.alertRules()[i].stamp.uuid);
        if (existing->ruleUuids.contains(uuid))
            return Error {
                QStringLiteral("%1: the store already has the alert rule %2").arg(indexed(u"alertRules", i), uuid)
            };
    }
    for (std::size_t i = 0; i < document.assets().size(); ++i) {
        const Asset &asset = document.assets()[i];
        const Existing::CatalogAsset *match = nullptr;
        if (const auto found = existing->assetsByUuid.constFind(store::uuidText(asset.stamp.uuid));
            found != existing->assetsByUuid.cend())
            match = &*found;
        else if (const auto bySymbol
                 = existing->liveAssetsBySymbol.constFind(asset.symbol.toLower() + u'\n' + asset.exchange);
                 !asset.stamp.deleted && bySymbol != existing->liveAssetsBySymbol.cend())
            match = &*bySymbol;
        if (!match)
            continue;
        if (match->currency != asset.currency)
            return Error { QStringLiteral("%1: '%2' is in the store's catalog in %3, and in the document in %4")
                               .arg(indexed(u"assets", i), asset.symbol, match->currency, asset.currency) };
        assets[i] = match->id;
    }
    return assets;
}

Result<QHash<QString, RowId>> idsByUuid(const store::Database &database, const QString &table)
{
    QHash<QString, RowId> ids;
    auto read = select(database, QStringLiteral("SELECT id, uuid FROM ") + table,
                       [&](const QSqlQuery &q) { ids.insert(q.value(1).toString(), q.value(0).toLongLong()); });
    if (!read)
        return Error { read.error() };
    return ids;
}

Cell textCell(const QString &text)
{
    return Cell::fromText(text.isNull() ? QStringLiteral("") : text);
}

Cell idCell(const std::vector<RowId> &ids, RowId documentId)
{
    return documentId == 0 ? Cell::null() : Cell::fromInteger(ids[std::size_t(documentId - 1)]);
}

Cell flag(bool value)
{
    return Cell::fromInteger(value ? 1 : 0);
}

class Importer
{
public:
    Importer(const store::Database &database, const BookDocument &document, ImportMode mode, const Progress &progress)
        : m_database(database)
        , m_document(document)
        , m_mode(mode)
        , m_progress(progress)
    { }

    Result<void> run();
    ImportReport report;

private:
    Result<void> clear();
    Result<void> writePortfolios();
    Result<void> writeAssets();
    Result<void> writeTransactions();
    Result<void> writeAlertRules();
    Result<void> writeCorporateActions();
    Result<void> writeMarketData();
    // Market data the store may already have for a day is kept when adding;
    // a replaced store has none.
    TableWriter::OnConflict conflicts() const
    {
        return m_mode == ImportMode::Replace ? TableWriter::OnConflict::Fail : TableWriter::OnConflict::Skip;
    }
    void progress(const QString &stage, std::int64_t done, std::int64_t total) const
    {
        if (m_progress)
            m_progress(stage, done, total);
    }

    const store::Database &m_database;
    const BookDocument &m_document;
    ImportMode m_mode;
    const Progress &m_progress;
    std::vector<RowId> m_portfolioIds; // document id - 1 -> store id
    std::vector<RowId> m_assetIds;
    std::vector<bool> m_shared; // by document asset: already in the store's catalog
};

Result<void> Importer::clear()
{
    const auto &tables = store::storeTables();
    for (auto table = tables.rbegin(); table != tables.rend(); ++table) {
        QSqlQuery query(m_database.connection());
        if (!query.exec(QStringLiteral("DELETE FROM ") + table->name))
            return Error { store::describeSqlError(QStringLiteral("Emptying %1").arg(table->name), query.lastError()) };
    }
    return {};
}

Result<void> Importer::writePortfolios()
{
    TableWriter writer(m_database, QStringLiteral("portfolio"),
                       { column("uuid", ColumnKind::Text), column("name", ColumnKind::Text),
                         column("base_currency", ColumnKind::Text), column("cost_basis_method", ColumnKind::Text),
                         column("created_at"), column("updated_at"), column("deleted") });
    for (const Portfolio &p : m_document.portfolios()) {
        const Cell row[] = { textCell(store::uuidText(p.stamp.uuid)),
                             textCell(p.name),
                             textCell(p.baseCurrency),
                             textCell(toKey(p.costBasisMethod)),
                             Cell::fromInteger(p.stamp.createdAt),
                             Cell::fromInteger(p.stamp.updatedAt),
                             flag(p.stamp.deleted) };
        if (auto added = writer.add(row); !added)
            return added;
    }
    if (auto finished = writer.finish(); !finished)
        return finished;
    auto ids = idsByUuid(m_database, QStringLiteral("portfolio"));
    if (!ids)
        return Error { ids.error() };
    for (const Portfolio &p : m_document.portfolios())
        m_portfolioIds.push_back(ids->value(store::uuidText(p.stamp.uuid)));
    report.written.portfolios = writer.rowsInserted();
    progress(QStringLiteral("portfolios"), writer.rowsInserted(), std::int64_t(m_document.portfolios().size()));
    return {};
}

Result<void> Importer::writeAssets()
{
    TableWriter writer(m_database, QStringLiteral("asset"),
                       { column("uuid", ColumnKind::Text), column("symbol", ColumnKind::Text),
                         column("name", ColumnKind::Text), column("asset_class", ColumnKind::Text),
                         column("currency", ColumnKind::Text), column("exchange", ColumnKind::Text),
                         column("data_source", ColumnKind::Text), column("source_id", ColumnKind::Text),
                         column("synthetic"), column("tracked"), column("created_at"), column("updated_at"),
                         column("deleted") });
    for (std::size_t i = 0; i < m_document.assets().size(); ++i) {
        if (m_assetIds[i] != 0) {
            ++report.assetsReused;
            continue;
        }
        const Asset &a = m_document.assets()[i];
        const Cell row[] = { textCell(store::uuidText(a.stamp.uuid)),
                             textCell(a.symbol),
                             textCell(a.name),
                             textCell(toKey(a.assetClass)),
                             textCell(a.currency),
                             textCell(a.exchange),
                             textCell(a.dataSource),
                             textCell(a.sourceId),
                             flag(a.synthetic),
                             flag(a.tracked),
                             Cell::fromInteger(a.stamp.createdAt),
                             Cell::fromInteger(a.stamp.updatedAt),
                             flag(a.stamp.deleted) };
        if (auto added = writer.add(row); !added)
            return added;
    }
    if (auto finished = writer.finish(); !finished)
        return finished;
    auto ids = idsByUuid(m_database, QStringLiteral("asset"));
    if (!ids)
        return Error { ids.error() };
    for (std::size_t i = 0; i < m_document.assets().size(); ++i) {
        if (m_assetIds[i] == 0)
            m_assetIds[i] = ids->value(store::uuidText(m_document.assets()[i].stamp.uuid));
    }
    report.written.assets = writer.rowsInserted();
    progress(QStringLiteral("assets"), std::int64_t(m_document.assets().size()),
             std::int64_t(m_document.assets().size()));
    return {};
}

Result<void> Importer::writeTransactions()
{
    TableWriter writer(m_database, QStringLiteral("ledger_transaction"),
                       transactionColumns());
    const auto total = std::int64_t(m_document.transactions().size());
    std::int64_t done = 0;
    for (const Transaction &t : m_document.transactions()) {
        const Cell row[] = { textCell(store::uuidText(t.stamp.uuid)),
                             idCell(m_portfolioIds, t.portfolioId),
                             textCell(toKey(t.type)),
                             Cell::fromDate(t.date),
                             idCell(m_assetIds, t.assetId),
                             idCell(m_portfolioIds, t.counterpartyPortfolioId),
                             Cell::fromDecimalOrNull(t.quantity),
                             Cell::fromDecimalOrNull(t.price),
                             Cell::fromDecimalOrNull(t.amount),
                             Cell::fromDecimalOrNull(t.fee),
                             Cell::fromDecimalOrNull(t.splitNumerator),
                             Cell::fromDecimalOrNull(t.splitDenominator),
                             textCell(t.currency),
                             textCell(t.note),
                             Cell::fromInteger(t.stamp.createdAt),
                             Cell::fromInteger(t.stamp.updatedAt),
                             flag(t.stamp.deleted) };
        if (auto added = writer.add(row); !added)
            return added;
        if (++done % 16384 == 0)
            progress(QStringLiteral("transactions"), done, total);
    }
    if (auto finished = writer.finish(); !finished)
        return finished;
    report.written.transactions = writer.rowsInserted();
    for (const Transaction &t : m_document.transactions()) {
        if (!t.stamp.deleted)
            ++report.written.liveTransactions;
    }
    progress(QStringLiteral("transactions"), total, total);
    return {};
}

Result<void> Importer::writeAlertRules()
{
    TableWriter writer(m_database, QStringLiteral("alert_rule"),
                       { column("uuid", ColumnKind::Text), column("kind", ColumnKind::Text), column("portfolio_id"),
                         column("asset_id"), column("threshold", ColumnKind::Decimal), column("enabled"),
                         column("created_at"), column("updated_at"), column("deleted") });
    for (const store::AlertRule &rule : m_document.alertRules()) {
        const Cell row[] = { textCell(store::uuidText(rule.stamp.uuid)),
                             textCell(store::toKey(rule.kind)),
                             idCell(m_portfolioIds, rule.portfolioId),
                             idCell(m_assetIds, rule.assetId),
                             Cell::fromDecimal(rule.threshold),
                             flag(rule.enabled),
                             Cell::fromInteger(rule.stamp.createdAt),
                             Cell::fromInteger(rule.stamp.updatedAt),
                             flag(rule.stamp.deleted) };
        if (auto added = writer.add(row); !added)
            return added;
    }
    if (auto finished = writer.finish(); !finished)
        return finished;
    report.written.alertRules = writer.rowsInserted();
    return {};
}

Result<void> Importer::writeCorporateActions()
{
    TableWriter writer(m_database, QStringLiteral("corporate_action"),
                       corporateActionColumns(),
                       conflicts());
    for (const DocumentCorporateAction &entry : m_document.corporateActions()) {
        const bool split = entry.action.kind == marketdata::CorporateAction::Kind::Split;
        const Cell row[] = { idCell(m_assetIds, entry.asset),
                             Cell::fromDate(entry.action.date),
                             textCell(split ? QStringLiteral("split") : QStringLiteral("dividend")),
                             split ? Cell::fromDecimal(entry.action.numerator) : Cell::null(),
                             split ? Cell::fromDecimal(entry.action.denominator) : Cell::null(),
                             split ? Cell::null() : Cell::fromDecimal(entry.action.amount),
                             textCell(entry.action.currency),
                             textCell(entry.source),
                             Cell::fromInteger(entry.fetchedAt) };
        if (auto added = writer.add(row); !added)
            return added;
    }
    if (auto finished = writer.finish(); !finished)
        return finished;
    report.written.corporateActions = writer.rowsInserted();
    report.corporateActionsKept = writer.rowsAdded() - writer.rowsInserted();
    return {};
}

Result<void> Importer::writeMarketData()
{
    const std::vector<Column> priceColumns {
        column("price_key"),
        column("asset_id"),
        column("day", ColumnKind::PriceDay),
        column("open", ColumnKind::ScaledDecimal),
        column("high", ColumnKind::ScaledDecimal),
        column("low", ColumnKind::ScaledDecimal),
        column("close", ColumnKind::ScaledDecimal),
        column("adjusted_close", ColumnKind::ScaledDecimal),
        column("volume", ColumnKind::ScaledDecimal),
        column("source", ColumnKind::Text),
        column("fetched_at"),
    };
    // A new asset's bars cannot meet the store's (and the document has each
    // day once): they go in without conflict handling, the fast way (COPY on
    // PostgreSQL). A shared catalog asset's bars keep the days the store has.
    TableWriter newPrices(m_database, QStringLiteral("daily_price"), priceColumns);
    TableWriter sharedPrices(m_database, QStringLiteral("daily_price"), priceColumns, TableWriter::OnConflict::Skip);
    TableWriter rates(m_database, QStringLiteral("fx_rate"),
                      fxRateColumns(),
                      conflicts());
    const std::int64_t totalBars = m_document.summary().counts.prices;
    std::int64_t bars = 0;
    // The provenance's text repeats for thousands of bars: one shared copy.
    QString lastSource;
    const auto source = [&lastSource](const QString &text) -> const QString & {
        if (text != lastSource)
            lastSource = text;
        return lastSource;
    };
    auto read = m_document.readMarketData(
        [&](RowId asset, const DailyPrice &bar, const Provenance &origin) -> Result<void> {
            const auto index = std::size_t(asset - 1);
            const RowId id = m_assetIds[index];
            const Cell row[] = { Cell::fromInteger(store::priceKey(id, bar.date)),
                                 Cell::fromInteger(id),
                                 Cell::fromDate(bar.date),
                                 Cell::fromDecimalOrNull(bar.open),
                                 Cell::fromDecimalOrNull(bar.high),
                                 Cell::fromDecimalOrNull(bar.low),
                                 Cell::fromDecimal(bar.close),
                                 Cell::fromDecimalOrNull(bar.adjustedClose),
                                 Cell::fromDecimalOrNull(bar.volume),
                                 Cell::fromText(source(origin.source)),
                                 Cell::fromInteger(origin.fetchedAt) };
            if (auto added = (m_shared[index] ? sharedPrices : newPrices).add(row); !added)
                return added;
            if (++bars % 65536 == 0)
                progress(QStringLiteral("prices"), bars, totalBars);
            return {};
        },
        [&](const store::FxRate &rate, const Provenance &origin) -> Result<void> {
            const Cell row[]
                = { textCell(rate.base),          textCell(rate.quote),    Cell::fromDate(rate.date),
                    Cell::fromDecimal(rate.rate), textCell(origin.source), Cell::fromInteger(origin.fetchedAt) };
            return rates.add(row);
        });
    if (!read)
        return read;
    for (TableWriter *writer : { &newPrices, &sharedPrices, &rates }) {
        if (auto finished = writer->finish(); !finished)
            return finished;
    }
    progress(QStringLiteral("prices"), bars, totalBars);
    report.written.prices = newPrices.rowsInserted() + sharedPrices.rowsInserted();
    report.pricesKept = sharedPrices.rowsAdded() - sharedPrices.rowsInserted();
    report.written.fxRates = rates.rowsInserted();
    report.fxRatesKept = rates.rowsAdded() - rates.rowsInserted();
    return {};
}

Result<void> Importer::run()
{
    if (m_mode == ImportMode::Replace) {
        if (auto cleared = clear(); !cleared)
            return cleared;
    }
    auto assets = plan(m_database, m_document, m_mode);
    if (!assets)
        return Error { assets.error() };
    m_assetIds = std::move(*assets);
    for (const RowId id : m_assetIds)
        m_shared.push_back(id != 0);
    for (auto step : { &Importer::writePortfolios, &Importer::writeAssets, &Importer::writeTransactions,
                       &Importer::writeAlertRules, &Importer::writeCorporateActions, &Importer::writeMarketData }) {
        if (auto done = (this->*step)(); !done)
            return done;
    }
    report.written.livePortfolios = std::count_if(m_document.portfolios().begin(), m_document.portfolios().end(),
                                                  [](const Portfolio &p) { return !p.stamp.deleted; });
    report.written.newestEntry = m_document.summary().counts.newestEntry;
    return {};
}

} // namespace

Result<void> checkImport(const store::Database &database, const BookDocument &document, ImportMode mode)
{
    auto planned = plan(database, document, mode);
    if (!planned)
        return Error { planned.error() };
    return {};
}

Result<ImportReport> importBook(const store::Database &database, const BookDocument &document, ImportMode mode,
                                const Progress &progress)
{
    Importer importer(database, document, mode, progress);
    auto written = database.inTransaction([&] { return importer.run(); });
    if (!written)
        return Error { QStringLiteral("nothing was imported: %1").arg(written.error()) };
    return importer.report;
}

} // namespace pt::exchange
