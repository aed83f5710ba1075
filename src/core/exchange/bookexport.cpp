// exportBook(): a book, or some of its portfolios, as a JSON document
// (docs/BACKUP.md), written as it is read so a book of millions of bars never
// sits in memory.

#include "exchange/bookjson.h"
#include "exchange/booktables_p.h"
#include "exchange/jsonwriter.h"

#include "store/database.h"
#include "store/sqlrows.h"
#include "store/tablereader.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QSet>
#include <QSqlQuery>

#include <set>

namespace pt::exchange {

namespace {

using detail::column;
using detail::corporateActionColumns;
using detail::fxRateColumns;
using detail::transactionColumns;

using store::Cell;
using store::CellRows;
using store::Column;
using store::ColumnKind;
using store::TableReader;

constexpr int RowsPerBatch = 4096;

QString idList(const std::set<RowId> &ids)
{
    QStringList list;
    for (const RowId id : ids)
        list << QString::number(id);
    return list.join(u',');
}

class Exporter
{
public:
    Exporter(const store::Database &database, QIODevice &device, const Progress &progress)
        : m_database(database)
        , m_out(device)
        , m_progress(progress)
    { }

    Result<BookSummary> run(const ExportOptions &options);

private:
    Result<void> selectPortfolios(const std::vector<RowId> &requested);
    Result<void> selectAssetsAndCurrencies();
    Result<void> writePortfolios();
    Result<void> writeAssets();
    Result<void> writeTransactions();
    Result<void> writeAlertRules();
    Result<void> writeCorporateActions();
    Result<void> writePrices();
    Result<void> writeRates();

    // Calls `row` for each row the reader gives.
    Result<void> forEachRow(TableReader &reader, const std::function<void(const Cell *)> &row);
    Result<std::int64_t> count(const QString &table, const QString &where) const;
    void report(const QString &stage, std::int64_t done, std::int64_t total) const
    {
        if (m_progress)
            m_progress(stage, done, total);
    }
    // WHERE clauses for the selection; empty for the whole book.
    QString portfolioWhere(const char *column) const
    {
        return m_wholeBook ? QString()
                           : QStringLiteral("%1 IN (%2)").arg(QLatin1StringView(column), idList(m_portfolios));
    }
    QString assetWhere(const char *column) const
    {
        return m_wholeBook ? QString() : QStringLiteral("%1 IN (%2)").arg(QLatin1StringView(column), idList(m_assets));
    }

    void decimal(const char16_t *name, const Cell &cell)
    {
        m_out.name(QStringView(name));
        decimalValue(cell);
    }
    void decimalValue(const Cell &cell)
    {
        if (cell.isNull()) {
            m_out.null();
            return;
        }
        char text[Decimal::MaxCanonicalLength];
        const std::string_view canonical = cell.decimal.toCanonicalChars(text);
        m_out.latin1String(QByteArrayView(canonical.data(), qsizetype(canonical.size())));
    }
    void dateValue(const Cell &cell)
    {
        // "YYYY-MM-DD" by hand: a book has millions of them.
        const QDate date = cell.date();
        int year = date.year();
        char text[10];
        for (int i = 3; i >= 0; --i, year /= 10)
            text[i] = char('0' + year % 10);
        text[4] = text[7] = '-';
        text[5] = char('0' + date.month() / 10);
        text[6] = char('0' + date.month() % 10);
        text[8] = char('0' + date.day() / 10);
        text[9] = char('0' + date.day() % 10);
        m_out.latin1String(QByteArrayView(text, 10));
    }
    void text(const char16_t *name, const Cell &cell)
    {
        m_out.name(QStringView(name));
        m_out.string(cell.text);
    }
    void integer(const char16_t *name, const Cell &cell)
    {
        m_out.name(QStringView(name));
        m_out.integer(cell.integer);
    }
    void boolean(const char16_t *name, const Cell &cell)
    {
        m_out.name(QStringView(name));
        m_out.boolean(cell.integer != 0);
    }
    void reference(const char16_t *name, const QHash<RowId, QString> &uuids, const Cell &cell)
    {
        if (cell.isNull())
            return;
        m_out.name(QStringView(name));
        m_out.string(uuids.value(cell.integer));
    }

    const store::Database &m_database;
    JsonWriter m_out;
    const Progress &m_progress;
    bool m_wholeBook = true;
    std::set<RowId> m_portfolios;
    std::set<RowId> m_assets;
    QSet<QString> m_currencies;
    QHash<RowId, QString> m_portfolioUuids;
    QHash<RowId, QString> m_assetUuids;
    BookSummary m_summary;
};

Result<std::int64_t> Exporter::count(const QString &table, const QString &where) const
{
    return store::countRows(m_database, table, where);
}

Result<void> Exporter::forEachRow(TableReader &reader, const std::function<void(const Cell *)> &row)
{
    const std::size_t width = reader.columns().size();
    CellRows rows;
    for (;;) {
        auto read = reader.next(rows, RowsPerBatch);
        if (!read)
            return Error { read.error() };
        if (*read == 0)
            return {};
        for (int i = 0; i < *read; ++i)
            row(rows.data() + std::size_t(i) * width);
        if (!m_out.ok())
            return Error { QStringLiteral("cannot write the document: %1").arg(m_out.errorString()) };
    }
}

Result<void> Exporter::selectPortfolios(const std::vector<RowId> &requested)
{
    m_wholeBook = requested.empty();
    if (m_wholeBook)
        return {};
    m_portfolios.insert(requested.begin(), requested.end());
    QSqlQuery query(m_database.connection());
    if (!query.exec(QStringLiteral("SELECT COUNT(*) FROM portfolio WHERE id IN (%1)").arg(idList(m_portfolios)))
        || !query.next())
        return Error { store::describeSqlError(QStringLiteral("Reading portfolios"), query.lastError()) };
    if (query.value(0).toLongLong() != qlonglong(m_portfolios.size()))
        return Error { QStringLiteral("portfolio: no such portfolio in the store") };
    // The other side of every transfer, until nothing more is added.
    for (;;) {
        const std::size_t before = m_portfolios.size();
        const QString ids = idList(m_portfolios);
        if (!query.exec(QStringLiteral("SELECT DISTINCT portfolio_id, counterparty_portfolio_id FROM "
                                       "ledger_transaction WHERE counterparty_portfolio_id IS NOT NULL AND "
                                       "(portfolio_id IN (%1) OR counterparty_portfolio_id IN (%1))")
                            .arg(ids)))
            return Error { store::describeSqlError(QStringLiteral("Reading transfers"), query.lastError()) };
        while (query.next()) {
            m_portfolios.insert(query.value(0).toLongLong());
            m_portfolios.insert(query.value(1).toLongLong());
        }
        if (m_portfolios.size() == before)
            return {};
    }
}

Result<void> Exporter::selectAssetsAndCurrencies()
{
    if (m_wholeBook)
        return {};
    const QString ids = idList(m_portfolios);
    QSqlQuery query(m_database.connection());
    for (const QString &sql :
         { QStringLiteral("SELECT DISTINCT asset_id FROM ledger_transaction WHERE asset_id IS NOT NULL AND "
                          "portfolio_id IN (%1)"),
           QStringLiteral("SELECT DISTINCT currency FROM ledger_transaction WHERE portfolio_id IN (%1)"),
           QStringLiteral("SELECT DISTINCT base_currency FROM portfolio WHERE id IN (%1)") }) {
        if (!query.exec(sql.arg(ids)))
            return Error { store::describeSqlError(QStringLiteral("Reading what the portfolios use"),
                                                   query.lastError()) };
        const bool assets = sql.contains(u"asset_id");
        while (query.next()) {
            if (assets)
                m_assets.insert(query.value(0).toLongLong());
            else
                m_currencies.insert(query.value(0).toString());
        }
    }
    if (!m_assets.empty()) {
        if (!query.exec(QStringLiteral("SELECT DISTINCT currency FROM asset WHERE id IN (%1)").arg(idList(m_assets))))
            return Error { store::describeSqlError(QStringLiteral("Reading assets"), query.lastError()) };
        while (query.next())
            m_currencies.insert(query.value(0).toString());
    }
    return {};
}

Result<void> Exporter::writePortfolios()
{
    TableReader reader(m_database, QStringLiteral("portfolio"),
                       { column("id"), column("uuid", ColumnKind::Text), column("name", ColumnKind::Text),
                         column("base_currency", ColumnKind::Text), column("cost_basis_method", ColumnKind::Text),
                         column("created_at"), column("updated_at"), column("deleted") },
                       portfolioWhere("id"), QStringLiteral("id"));
    m_out.name(u"portfolios");
    m_out.beginArray(true);
    auto done = forEachRow(reader, [this](const Cell *row) {
        m_portfolioUuids.insert(row[0].integer, row[1].text);
        if (m_wholeBook)
            m_portfolios.insert(row[0].integer);
        ++m_summary.counts.portfolios;
        if (row[7].integer == 0)
            ++m_summary.counts.livePortfolios;
        m_out.beginObject();
        text(u"uuid", row[1]);
        text(u"name", row[2]);
        text(u"baseCurrency", row[3]);
        text(u"costBasisMethod", row[4]);
        integer(u"createdAt", row[5]);
        integer(u"updatedAt", row[6]);
        boolean(u"deleted", row[7]);
        m_out.endObject();
    });
    m_out.endArray();
    report(QStringLiteral("portfolios"), m_summary.counts.portfolios, m_summary.counts.portfolios);
    return done;
}

Result<void> Exporter::writeAssets()
{
    TableReader reader(m_database, QStringLiteral("asset"),
                       { column("id"), column("uuid", ColumnKind::Text), column("symbol", ColumnKind::Text),
                         column("name", ColumnKind::Text), column("asset_class", ColumnKind::Text),
                         column("currency", ColumnKind::Text), column("exchange", ColumnKind::Text),
                         column("data_source", ColumnKind::Text), column("source_id", ColumnKind::Text),
                         column("synthetic"), column("tracked"), column("created_at"), column("updated_at"),
                         column("deleted") },
                       assetWhere("id"), QStringLiteral("id"));
    m_out.name(u"assets");
    m_out.beginArray(true);
    auto done = forEachRow(reader, [this](const Cell *row) {
        m_assetUuids.insert(row[0].integer, row[1].text);
        if (m_wholeBook)
            m_assets.insert(row[0].integer);
        ++m_summary.counts.assets;
        m_out.beginObject();
        text(u"uuid", row[1]);
        text(u"symbol", row[2]);
        text(u"name", row[3]);
        text(u"assetClass", row[4]);
        text(u"currency", row[5]);
        text(u"exchange", row[6]);
        text(u"dataSource", row[7]);
        text(u"sourceId", row[8]);
        boolean(u"synthetic", row[9]);
        boolean(u"tracked", row[10]);
        integer(u"createdAt", row[11]);
        integer(u"updatedAt", row[12]);
        boolean(u"deleted", row[13]);
        m_out.endObject();
    });
    m_out.endArray();
    report(QStringLiteral("assets"), m_summary.counts.assets, m_summary.counts.assets);
    return done;
}

Result<void> Exporter::writeTransactions()
{
    const QString where = portfolioWhere("portfolio_id");
    auto total = count(QStringLiteral("ledger_transaction"), where);
    if (!total)
        return Error { total.error() };
    TableReader reader(m_database, QStringLiteral("ledger_transaction"),
                       transactionColumns(),
                       where, QStringLiteral("id"));
    m_out.name(u"transactions");
    m_out.beginArray(true);
    BookCounts &counts = m_summary.counts;
    auto done = forEachRow(reader, [&](const Cell *row) {
        ++counts.transactions;
        if (row[16].integer == 0) {
            ++counts.liveTransactions;
            if (!counts.newestEntry.isValid() || row[3].date() > counts.newestEntry)
                counts.newestEntry = row[3].date();
        }
        m_out.beginObject();
        text(u"uuid", row[0]);
        reference(u"portfolio", m_portfolioUuids, row[1]);
        text(u"type", row[2]);
        m_out.name(u"date");
        dateValue(row[3]);
        reference(u"asset", m_assetUuids, row[4]);
        reference(u"counterparty", m_portfolioUuids, row[5]);
        static constexpr const char16_t *Decimals[]
            = { u"quantity", u"price", u"amount", u"fee", u"splitNumerator", u"splitDenominator" };
        for (int i = 0; i < 6; ++i) {
            if (!row[6 + i].isNull())
                decimal(Decimals[i], row[6 + i]);
        }
        text(u"currency", row[12]);
        if (!row[13].text.isEmpty())
            text(u"note", row[13]);
        integer(u"createdAt", row[14]);
        integer(u"updatedAt", row[15]);
        boolean(u"deleted", row[16]);
        m_out.endObject();
        if (counts.transactions % RowsPerBatch == 0)
            report(QStringLiteral("transactions"), counts.transactions, *total);
    });
    m_out.endArray();
    report(QStringLiteral("transactions"), counts.transactions, *total);
    return done;
}

Result<void> Exporter::writeAlertRules()
{
    QString where;
    if (!m_wholeBook) {
        where = QStringLiteral("portfolio_id IN (%1)").arg(idList(m_portfolios));
        if (!m_assets.empty())
            where += QStringLiteral(" OR asset_id IN (%1)").arg(idList(m_assets));
    }
    TableReader reader(m_database, QStringLiteral("alert_rule"),
                       { column("uuid", ColumnKind::Text), column("kind", ColumnKind::Text), column("portfolio_id"),
                         column("asset_id"), column("threshold", ColumnKind::Decimal), column("enabled"),
                         column("created_at"), column("updated_at"), column("deleted") },
                       where, QStringLiteral("id"));
    m_out.name(u"alertRules");
    m_out.beginArray(true);
    auto done = forEachRow(reader, [this](const Cell *row) {
        ++m_summary.counts.alertRules;
        m_out.beginObject();
        text(u"uuid", row[0]);
        text(u"kind", row[1]);
        reference(u"portfolio", m_portfolioUuids, row[2]);
        reference(u"asset", m_assetUuids, row[3]);
        decimal(u"threshold", row[4]);
        boolean(u"enabled", row[5]);
        integer(u"createdAt", row[6]);
        integer(u"updatedAt", row[7]);
        boolean(u"deleted", row[8]);
        m_out.endObject();
    });
    m_out.endArray();
    return done;
}

Result<void> Exporter::writeCorporateActions()
{
    m_out.name(u"corporateActions");
    m_out.beginArray(true);
    if (!m_wholeBook && m_assets.empty()) {
        m_out.endArray();
        return {};
    }
    TableReader reader(m_database, QStringLiteral("corporate_action"),
                       corporateActionColumns(),
                       assetWhere("asset_id"), QStringLiteral("asset_id, day, kind"));
    auto done = forEachRow(reader, [this](const Cell *row) {
        ++m_summary.counts.corporateActions;
        m_out.beginObject();
        reference(u"asset", m_assetUuids, row[0]);
        m_out.name(u"date");
        dateValue(row[1]);
        text(u"kind", row[2]);
        if (!row[3].isNull())
            decimal(u"splitNumerator", row[3]);
        if (!row[4].isNull())
            decimal(u"splitDenominator", row[4]);
        if (!row[5].isNull())
            decimal(u"amount", row[5]);
        if (!row[6].text.isEmpty())
            text(u"currency", row[6]);
        text(u"source", row[7]);
        integer(u"fetchedAt", row[8]);
        m_out.endObject();
    });
    m_out.endArray();
    return done;
}

Result<void> Exporter::writePrices()
{
    const std::vector<Column> columns { column("asset_id"),
                                        column("day", ColumnKind::PriceDay),
                                        column("open", ColumnKind::ScaledDecimal),
                                        column("high", ColumnKind::ScaledDecimal),
                                        column("low", ColumnKind::ScaledDecimal),
                                        column("close", ColumnKind::ScaledDecimal),
                                        column("adjusted_close", ColumnKind::ScaledDecimal),
                                        column("volume", ColumnKind::ScaledDecimal),
                                        column("source", ColumnKind::Text),
                                        column("fetched_at") };
    // One asset's bars are one key range (see priceKey()).
    const auto range = [](RowId asset) {
        return QStringLiteral("price_key BETWEEN %1 AND %2")
            .arg(qlonglong(asset) << 22)
            .arg((qlonglong(asset) << 22) + (qlonglong(1) << 22) - 1);
    };
    std::int64_t total = 0;
    if (m_wholeBook) {
        auto rows = count(QStringLiteral("daily_price"), {});
        if (!rows)
            return Error { rows.error() };
        total = *rows;
    } else {
        for (const RowId asset : m_assets) {
            auto rows = count(QStringLiteral("daily_price"), range(asset));
            if (!rows)
                return Error { rows.error() };
            total += *rows;
        }
    }

    m_out.name(u"prices");
    m_out.beginArray(true);
    bool inGroup = false;
    RowId groupAsset = -1;
    QString groupSource;
    std::int64_t groupFetchedAt = -1;
    std::int64_t &written = m_summary.counts.prices;
    const auto writeRow = [&](const Cell *row) {
        if (!inGroup || row[0].integer != groupAsset || row[8].text != groupSource
            || row[9].integer != groupFetchedAt) {
            if (inGroup) {
                m_out.endArray();
                m_out.endObject();
            }
            inGroup = true;
            groupAsset = row[0].integer;
            groupSource = row[8].text;
            groupFetchedAt = row[9].integer;
            m_out.beginObject();
            reference(u"asset", m_assetUuids, row[0]);
            text(u"source", row[8]);
            integer(u"fetchedAt", row[9]);
            m_out.name(u"bars");
            m_out.beginArray(true);
        }
        m_out.beginArray();
        dateValue(row[1]);
        for (int i = 2; i < 8; ++i)
            decimalValue(row[i]);
        m_out.endArray();
        if (++written % (RowsPerBatch * 16) == 0)
            report(QStringLiteral("prices"), written, total);
    };
    if (m_wholeBook) {
        TableReader reader(m_database, QStringLiteral("daily_price"), columns, {}, QStringLiteral("price_key"));
        if (auto done = forEachRow(reader, writeRow); !done)
            return done;
    } else {
        for (const RowId asset : m_assets) {
            TableReader reader(m_database, QStringLiteral("daily_price"), columns, range(asset),
                               QStringLiteral("price_key"));
            if (auto done = forEachRow(reader, writeRow); !done)
                return done;
        }
    }
    if (inGroup) {
        m_out.endArray();
        m_out.endObject();
    }
    m_out.endArray();
    report(QStringLiteral("prices"), written, total);
    return {};
}

Result<void> Exporter::writeRates()
{
    TableReader reader(m_database, QStringLiteral("fx_rate"),
                       fxRateColumns(),
                       {}, QStringLiteral("base_currency, quote_currency, day"));
    m_out.name(u"fxRates");
    m_out.beginArray(true);
    bool inGroup = false;
    QString groupPair;
    QString groupSource;
    std::int64_t groupFetchedAt = -1;
    auto done = forEachRow(reader, [&](const Cell *row) {
        // A portfolio's document carries the rates of the currencies it uses.
        if (!m_wholeBook && !m_currencies.contains(row[1].text) && !m_currencies.contains(row[0].text))
            return;
        const QString pair = row[0].text + u'/' + row[1].text;
        if (!inGroup || pair != groupPair || row[4].text != groupSource || row[5].integer != groupFetchedAt) {
            if (inGroup) {
                m_out.endArray();
                m_out.endObject();
            }
            inGroup = true;
            groupPair = pair;
            groupSource = row[4].text;
            groupFetchedAt = row[5].integer;
            m_out.beginObject();
            text(u"base", row[0]);
            text(u"quote", row[1]);
            text(u"source", row[4]);
            integer(u"fetchedAt", row[5]);
            m_out.name(u"rates");
            m_out.beginArray(true);
        }
        ++m_summary.counts.fxRates;
        m_out.beginArray();
        dateValue(row[2]);
        decimalValue(row[3]);
        m_out.endArray();
    });
    if (inGroup) {
        m_out.endArray();
        m_out.endObject();
    }
    m_out.endArray();
    return done;
}

Result<BookSummary> Exporter::run(const ExportOptions &options)
{
    store::ReadSnapshot snapshot(m_database);
    if (auto begun = snapshot.begin(); !begun)
        return Error { begun.error() };
    if (auto selected = selectPortfolios(options.portfolios); !selected)
        return Error { selected.error() };
    if (auto selected = selectAssetsAndCurrencies(); !selected)
        return Error { selected.error() };

    m_summary.version = BookFormatVersion;
    m_summary.scope = m_wholeBook ? QStringLiteral("book") : QStringLiteral("portfolios");
    m_summary.exportedAt = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    m_summary.schemaVersion = m_database.schemaVersion();
    m_out.beginObject(true);
    m_out.name(u"format");
    m_out.string(BookFormat);
    m_out.name(u"version");
    m_out.integer(BookFormatVersion);
    m_out.name(u"exportedAt");
    m_out.string(m_summary.exportedAt);
    m_out.name(u"application");
    m_out.string(QStringLiteral("Portfolio Tracker %1").arg(QCoreApplication::applicationVersion()).trimmed());
    m_out.name(u"schemaVersion");
    m_out.integer(m_summary.schemaVersion);
    m_out.name(u"scope");
    m_out.string(m_summary.scope);

    for (auto section :
         { &Exporter::writePortfolios, &Exporter::writeAssets, &Exporter::writeTransactions, &Exporter::writeAlertRules,
           &Exporter::writeCorporateActions, &Exporter::writePrices, &Exporter::writeRates }) {
        if (auto done = (this->*section)(); !done)
            return Error { done.error() };
    }
    m_out.endObject();
    if (!m_out.finish())
        return Error { QStringLiteral("cannot write the document: %1").arg(m_out.errorString()) };
    return m_summary;
}

} // namespace

Result<BookSummary> exportBook(const store::Database &database, QIODevice &device, const ExportOptions &options,
                               const Progress &progress)
{
    Exporter exporter(database, device, progress);
    return exporter.run(options);
}

} // namespace pt::exchange
