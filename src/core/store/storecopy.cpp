#include "store/storecopy.h"

#include "ledger/ledgerservice.h"
#include "store/database.h"
#include "store/sqlrows.h"
#include "store/tablereader.h"
#include "store/tablewriter.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QHash>
#include <QSqlQuery>

#include <algorithm>

namespace pt::store {

namespace {

constexpr int RowsPerBatch = 4096;

Column integer(const char *name)
{
    return { QString::fromLatin1(name), ColumnKind::Integer };
}
Column text(const char *name)
{
    return { QString::fromLatin1(name), ColumnKind::Text };
}
Column decimal(const char *name)
{
    return { QString::fromLatin1(name), ColumnKind::Decimal };
}
Column scaled(const char *name)
{
    return { QString::fromLatin1(name), ColumnKind::ScaledDecimal };
}
Column date(const char *name)
{
    return { QString::fromLatin1(name), ColumnKind::Date };
}

bool sameStore(const Database &a, const Database &b)
{
    if (&a == &b)
        return true;
    if (a.backend() != b.backend())
        return false;
    if (a.backend() == Backend::Sqlite) {
        const QFileInfo first(a.location());
        const QFileInfo second(b.location());
        return first.absoluteFilePath() == second.absoluteFilePath()
            || (first.exists() && first.canonicalFilePath() == second.canonicalFilePath());
    }
    const PostgresLocation first = a.storeLocation().postgres;
    const PostgresLocation second = b.storeLocation().postgres;
    return first.host.compare(second.host, Qt::CaseInsensitive) == 0 && first.port == second.port
        && first.database == second.database;
}

Result<void> resetSequence(const Database &database, const QString &table)
{
    QSqlQuery query(database.connection());
    const QString sql = QStringLiteral("SELECT setval(pg_get_serial_sequence('%1', 'id'), "
                                       "COALESCE((SELECT MAX(id) FROM %1), 0) + 1, false)")
                            .arg(table);
    if (!query.exec(sql))
        return Error { describeSqlError(QStringLiteral("Resetting the ids of %1").arg(table), query.lastError()) };
    return {};
}

Result<std::int64_t> copyTable(const Database &source, const Database &target, const TableSpec &table,
                               std::int64_t total, const CopyProgress &progress)
{
    TableReader reader(source, table.name, table.columns, {}, table.orderBy);
    TableWriter writer(target, table.name, table.columns);
    const std::size_t width = table.columns.size();
    CellRows rows;
    std::int64_t done = 0;
    if (progress)
        progress(table.name, 0, total);
    for (;;) {
        auto read = reader.next(rows, RowsPerBatch);
        if (!read)
            return Error { read.error() };
        if (*read == 0)
            break;
        for (int row = 0; row < *read; ++row) {
            if (auto added = writer.add(std::span<const Cell>(rows.data() + std::size_t(row) * width, width)); !added)
                return Error { added.error() };
        }
        done += *read;
        if (progress)
            progress(table.name, done, std::max(total, done));
    }
    if (auto finished = writer.finish(); !finished)
        return Error { finished.error() };
    return done;
}

QString decimalText(Decimal value)
{
    return value.toString();
}

} // namespace

const std::vector<TableSpec> &storeTables()
{
    static const std::vector<TableSpec> tables {
        { QStringLiteral("portfolio"),
          { integer("id"), text("uuid"), text("name"), text("base_currency"), text("cost_basis_method"),
            integer("created_at"), integer("updated_at"), integer("deleted") },
          QStringLiteral("id"),
          true },
        { QStringLiteral("asset"),
          { integer("id"), text("uuid"), text("symbol"), text("name"), text("asset_class"), text("currency"),
            text("exchange"), text("data_source"), text("source_id"), integer("synthetic"), integer("tracked"),
            integer("created_at"), integer("updated_at"), integer("deleted") },
          QStringLiteral("id"),
          true },
        { QStringLiteral("ledger_transaction"),
          { integer("id"), text("uuid"), integer("portfolio_id"), text("type"), date("trade_date"), integer("asset_id"),
            integer("counterparty_portfolio_id"), decimal("quantity"), decimal("price"), decimal("amount"),
            decimal("fee"), decimal("split_numerator"), decimal("split_denominator"), text("currency"), text("note"),
            integer("created_at"), integer("updated_at"), integer("deleted") },
          QStringLiteral("id"),
          true },
        { QStringLiteral("daily_price"),
          { integer("price_key"),
            integer("asset_id"),
            { QStringLiteral("day"), ColumnKind::PriceDay },
            scaled("open"),
            scaled("high"),
            scaled("low"),
            scaled("close"),
            scaled("adjusted_close"),
            scaled("volume"),
            text("source"),
            integer("fetched_at") },
          QStringLiteral("price_key"),
          false },
        { QStringLiteral("corporate_action"),
          { integer("asset_id"), date("day"), text("kind"), decimal("split_numerator"), decimal("split_denominator"),
            decimal("amount"), text("currency"), text("source"), integer("fetched_at") },
          QStringLiteral("asset_id, day, kind"),
          false },
        { QStringLiteral("fx_rate"),
          { text("base_currency"), text("quote_currency"), date("day"), decimal("rate"), text("source"),
            integer("fetched_at") },
          QStringLiteral("base_currency, quote_currency, day"),
          false },
        { QStringLiteral("job"),
          { integer("id"), text("kind"), integer("asset_id"), text("source"), date("range_from"), date("range_to"),
            text("state"), integer("attempts"), integer("max_attempts"), integer("next_attempt_at"), text("last_error"),
            text("log"), integer("progress"), integer("created_at"), integer("updated_at"), integer("finished_at") },
          QStringLiteral("id"),
          true },
        { QStringLiteral("valuation_snapshot"),
          { integer("id"), text("kind"), integer("taken_at"), integer("hour_slot"), date("day") },
          QStringLiteral("id"),
          true },
        { QStringLiteral("snapshot_total"),
          { integer("snapshot_id"), integer("portfolio_id"), text("currency"), scaled("market_value"),
            scaled("invested"), scaled("holdings_value"), scaled("cost_basis"), scaled("cash"), integer("stale"),
            integer("incomplete") },
          QStringLiteral("snapshot_id, portfolio_id"),
          false },
        { QStringLiteral("snapshot_position"),
          { integer("snapshot_id"), integer("portfolio_id"), integer("asset_id"), text("currency"), scaled("quantity"),
            scaled("close"), date("close_day"), scaled("value"), scaled("cost_basis") },
          QStringLiteral("snapshot_id, portfolio_id, asset_id"),
          false },
        { QStringLiteral("value_series_day"),
          { integer("portfolio_id"), date("day"), text("currency"), scaled("market_value"), scaled("external_flow"),
            scaled("invested"), integer("stale"), integer("incomplete") },
          QStringLiteral("portfolio_id, day"),
          false },
        { QStringLiteral("alert_rule"),
          { integer("id"), text("uuid"), text("kind"), integer("portfolio_id"), integer("asset_id"),
            decimal("threshold"), integer("enabled"), integer("created_at"), integer("updated_at"),
            integer("deleted") },
          QStringLiteral("id"),
          true },
        { QStringLiteral("alert_state"),
          { text("state_key"), integer("armed"), integer("changed_at") },
          QStringLiteral("state_key"),
          false },
        { QStringLiteral("alert_event"),
          { integer("id"), integer("rule_id"), text("kind"), integer("portfolio_id"), integer("asset_id"),
            integer("snapshot_id"), integer("fired_at"), date("day"), decimal("observed"), decimal("threshold"),
            text("message"), integer("is_read") },
          QStringLiteral("id"),
          true },
    };
    return tables;
}

const QStringList &tablesNotCopied()
{
    static const QStringList tables { QStringLiteral("sync_state"), QStringLiteral("sync_outbox"),
                                      QStringLiteral("sync_record_clock"), QStringLiteral("sync_inbox") };
    return tables;
}

Result<QStringList> nonEmptyTables(const Database &database)
{
    QStringList filled;
    for (const TableSpec &table : storeTables()) {
        auto rows = countRows(database, table.name);
        if (!rows)
            return Error { rows.error() };
        if (*rows > 0)
            filled << QStringLiteral("%1 (%2 rows)").arg(table.name).arg(*rows);
    }
    return filled;
}

Result<CopyReport> copyStore(const Database &source, const Database &target, const CopyProgress &progress)
{
    if (sameStore(source, target))
        return Error { QStringLiteral("the source and the target are the same store (%1)").arg(source.location()) };
    if (source.schemaVersion() != target.schemaVersion())
        return Error { QStringLiteral("the source is at schema %1 and the target at schema %2")
                           .arg(source.schemaVersion())
                           .arg(target.schemaVersion()) };
    auto filled = nonEmptyTables(target);
    if (!filled)
        return Error { filled.error() };
    if (!filled->isEmpty())
        return Error { QStringLiteral("the target %1 already holds data: %2. copy-store writes only into an empty "
                                      "store; nothing was copied.")
                           .arg(target.location(), filled->join(QStringLiteral(", "))) };

    ReadSnapshot snapshot(source);
    if (auto begun = snapshot.begin(); !begun)
        return Error { begun.error() };
    CopyReport report;
    for (const TableSpec &table : storeTables()) {
        auto rows = countRows(source, table.name);
        if (!rows)
            return Error { rows.error() };
        report.tables.push_back({ table.name, *rows, 0 });
    }

    QElapsedTimer timer;
    timer.start();
    auto copied = target.inTransaction([&]() -> Result<void> {
        for (std::size_t i = 0; i < storeTables().size(); ++i) {
            const TableSpec &table = storeTables()[i];
            auto rows = copyTable(source, target, table, report.tables[i].source, progress);
            if (!rows)
                return Error { rows.error() };
            report.rows += *rows;
        }
        if (target.backend() == Backend::PostgreSql) {
            for (const TableSpec &table : storeTables()) {
                if (table.hasIdentity) {
                    if (auto reset = resetSequence(target, table.name); !reset)
                        return reset;
                }
            }
        }
        return {};
    });
    report.copyMilliseconds = timer.elapsed();
    if (!copied)
        return Error {
            QStringLiteral("the copy failed and nothing was written to the target: %1").arg(copied.error())
        };

    QStringList problems;
    for (TableCount &count : report.tables) {
        auto rows = countRows(target, count.table);
        if (!rows)
            return Error { rows.error() };
        count.target = *rows;
        if (count.target != count.source)
            problems << QStringLiteral("%1: %2 rows in the source, %3 in the target")
                            .arg(count.table)
                            .arg(count.source)
                            .arg(count.target);
    }
    auto sourceBooks = describeHoldings(source); // still in the source's snapshot
    snapshot.end();
    if (!sourceBooks)
        return Error { sourceBooks.error() };
    auto targetBooks = describeHoldings(target);
    if (!targetBooks)
        return Error { targetBooks.error() };
    report.holdingsIdentical = *sourceBooks == *targetBooks;
    for (const QString &line : std::as_const(*targetBooks)) {
        if (line.startsWith(u"portfolio "))
            ++report.portfolios;
        else if (line.startsWith(u"  position "))
            ++report.positions;
    }
    if (!report.holdingsIdentical)
        problems << QStringLiteral("the holdings derived from the target differ from the source's");
    if (!problems.isEmpty())
        return Error { QStringLiteral("the copy was written to %1 but does not check out: %2")
                           .arg(target.location(), problems.join(QStringLiteral("; "))) };
    return report;
}

Result<QStringList> describeHoldings(const Database &database)
{
    QHash<RowId, QString> portfolioUuids;
    QHash<RowId, QString> assetUuids;
    for (const auto &[table, map] : { std::pair { QStringLiteral("portfolio"), &portfolioUuids },
                                      std::pair { QStringLiteral("asset"), &assetUuids } }) {
        QSqlQuery query(database.connection());
        query.setForwardOnly(true);
        if (!query.exec(QStringLiteral("SELECT id, uuid FROM ") + table))
            return Error { describeSqlError(QStringLiteral("Reading %1").arg(table), query.lastError()) };
        while (query.next())
            map->insert(query.value(0).toLongLong(), query.value(1).toString());
    }
    const auto assetName = [&](RowId id) {
        return assetUuids.value(id, QStringLiteral("id:%1").arg(id));
    };

    auto books = ledger::LedgerService(database).books(0);
    if (!books)
        return Error { books.error() };
    std::vector<std::pair<QString, QStringList>> described;
    for (const ledger::PortfolioBook &book : *books) {
        QStringList lines;
        QStringList positions;
        for (const auto &[assetId, position] : book.positions) {
            QString line = QStringLiteral("  position %1 %2 quantity %3 cost %4 realized %5 income %6 fees %7")
                               .arg(assetName(assetId), position.currency, decimalText(position.quantity),
                                    decimalText(position.costBasis), decimalText(position.realizedGain),
                                    decimalText(position.income), decimalText(position.fees));
            for (const ledger::Lot &lot : position.lots)
                line += QStringLiteral("\n    lot %1 %2 %3")
                            .arg(lot.acquired.toString(Qt::ISODate), decimalText(lot.quantity), decimalText(lot.cost));
            positions << line;
        }
        positions.sort(); // by asset UUID: local ids differ between stores
        for (const QString &position : std::as_const(positions))
            lines << position.split(u'\n');
        for (const auto &[label, map] : { std::pair { u"cash", &book.cash }, std::pair { u"income", &book.income },
                                          std::pair { u"fees", &book.fees }, std::pair { u"taxes", &book.taxes } }) {
            for (const auto &[currency, amount] : *map)
                lines << QStringLiteral("  %1 %2 %3").arg(QString::fromUtf16(label), currency, decimalText(amount));
        }
        for (const ledger::Sale &sale : book.sales)
            lines << QStringLiteral("  sale %1 %2 %3 quantity %4 proceeds %5 cost %6 gain %7")
                         .arg(uuidText(sale.transaction), assetName(sale.assetId), sale.date.toString(Qt::ISODate),
                              decimalText(sale.quantity), decimalText(sale.proceeds), decimalText(sale.costBasis),
                              decimalText(sale.gain));
        described.emplace_back(portfolioUuids.value(book.portfolioId), lines);
    }
    std::sort(described.begin(), described.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    QStringList all;
    for (const auto &[uuid, lines] : described) {
        all << QStringLiteral("portfolio ") + uuid;
        all << lines;
    }
    return all;
}

} // namespace pt::store
