#pragma once

// A generated book with something in every table: fx rates, corporate actions,
// alert rules (one tombstoned), a tombstoned entry and portfolio, a cash
// transfer, a note with quotes, a backslash, a new line and non-Latin text, a
// snapshot (totals, positions, stored series, alerts log) and a queued job.
// And the two things a copy or a round trip must keep: the derived books and
// the value series, as comparable text.

#include "../common/testsupport.h"

#include "generator/bookgenerator.h"
#include "ledger/ledgerservice.h"
#include "snapshots/snapshotservice.h"
#include "store/alertrepository.h"
#include "store/corporateactionrepository.h"
#include "store/database.h"
#include "store/fxraterepository.h"
#include "store/jobrepository.h"
#include "store/portfoliorepository.h"
#include "store/sqlrows.h"
#include "store/storecopy.h"
#include "store/tablereader.h"
#include "valuation/valuator.h"

#include <QTemporaryDir>
#include <QTimeZone>

namespace pt::test {

// An SQLite store in a temporary folder whatever backend the run tests: one
// end of a copy between backends.
struct SqliteStore
{
    QTemporaryDir folder;
    std::shared_ptr<store::Database> database;

    explicit SqliteStore(const QString &fileName = QStringLiteral("store.sqlite"))
    {
        auto opened = store::Database::openSqlite(folder.filePath(fileName));
        if (!opened)
            qFatal("cannot open the test store: %s", qPrintable(opened.error()));
        database = std::move(opened).value();
    }
    const store::Database &db() const { return *database; }
    QString path() const { return database->location(); }
};

// A database of its own on the test PostgreSQL server, dropped with the object.
struct PostgresStore
{
    QString name;
    std::shared_ptr<store::Database> database;
    QString error;

    PostgresStore()
    {
        auto made = createPostgresTestDatabase();
        if (!made) {
            error = made.error();
            return;
        }
        name = made->database;
        auto opened = store::Database::open(store::StoreLocation::postgresql(*made));
        if (!opened) {
            error = opened.error();
            return;
        }
        database = std::move(opened).value();
    }
    ~PostgresStore()
    {
        database.reset();
        if (!name.isEmpty())
            (void)dropPostgresTestDatabase(name);
    }
    Q_DISABLE_COPY_MOVE(PostgresStore)

    bool isValid() const { return database != nullptr; }
    const store::Database &db() const { return *database; }
};

struct RichBook
{
    GeneratorReport generated;
    QDate lastDay() const { return generated.lastDay; }
};

inline Result<RichBook> fillRichBook(const store::Database &db, int transactions = 600)
{
    GeneratorOptions options;
    options.portfolios = 3;
    options.assets = 12;
    options.transactions = transactions;
    options.years = 2;
    options.seed = 7;
    auto generated = BookGenerator(db).generate(options);
    if (!generated)
        return Error { generated.error() };
    RichBook book { *generated };

    // ECB-like rates for every currency the generator uses, on weekdays.
    std::vector<marketdata::EuroRate> rates;
    int step = 0;
    for (QDate day = generated->firstDay; day <= generated->lastDay; day = day.addDays(1), ++step) {
        if (day.dayOfWeek() > 5)
            continue;
        const Decimal wobble = Decimal::fromRaw(Decimal::Raw(step % 97) * 100'000'000); // 0.0001 steps
        rates.push_back({ day, QStringLiteral("USD"), dec("1.0812") + wobble });
        rates.push_back({ day, QStringLiteral("GBP"), dec("0.85714") + wobble });
        rates.push_back({ day, QStringLiteral("CHF"), dec("0.9623") - wobble });
    }
    if (auto stored = store::FxRateRepository(db).upsertEuroRates(rates, u"ecb"); !stored)
        return Error { stored.error() };

    auto portfolios = store::PortfolioRepository(db).list();
    if (!portfolios || portfolios->size() < 3)
        return Error { QStringLiteral("the generator made no portfolios") };
    auto books = ledger::LedgerService(db).books((*portfolios)[0].id);
    if (!books)
        return Error { books.error() };

    // Corporate actions of the first two assets.
    QSqlQuery query(db.connection());
    if (!query.exec(QStringLiteral("SELECT id FROM asset ORDER BY id LIMIT 2")))
        return Error { query.lastError().text() };
    std::vector<RowId> assets;
    while (query.next())
        assets.push_back(query.value(0).toLongLong());
    const store::CorporateActionRepository actions(db);
    marketdata::CorporateAction split;
    split.date = generated->firstDay.addDays(40);
    split.kind = marketdata::CorporateAction::Kind::Split;
    split.numerator = 3;
    split.denominator = 2;
    marketdata::CorporateAction dividend;
    dividend.date = generated->firstDay.addDays(90);
    dividend.kind = marketdata::CorporateAction::Kind::Dividend;
    dividend.amount = dec("0.4125");
    dividend.currency = QStringLiteral("USD");
    if (auto stored = actions.upsertMany(assets[0], std::vector { split, dividend }, u"yahoo"); !stored)
        return Error { stored.error() };
    if (auto stored = actions.upsertMany(assets[1], std::vector { dividend }, u"yahoo"); !stored)
        return Error { stored.error() };

    // Alert rules: two thresholds, a price alert, and one removed.
    const store::AlertRepository alerts(db);
    if (auto set = alerts.setThreshold((*portfolios)[0].id, store::AlertKind::PortfolioLoss, dec("-7.5")); !set)
        return Error { set.error() };
    if (auto set = alerts.setThreshold((*portfolios)[1].id, store::AlertKind::PortfolioGain, dec("15")); !set)
        return Error { set.error() };
    if (auto added = alerts.addPriceRule(assets[0], store::AlertKind::PriceAbove, dec("123.456")); !added)
        return Error { added.error() };
    // Fires at the snapshot below: the alerts log and the armed states get rows.
    if (auto added = alerts.addPriceRule(assets[0], store::AlertKind::PriceAbove, dec("0.0001")); !added)
        return Error { added.error() };
    auto removed = alerts.addPriceRule(assets[1], store::AlertKind::PriceBelow, dec("1.5"));
    if (!removed)
        return Error { removed.error() };
    if (auto done = alerts.removeRule(removed->id); !done)
        return Error { done.error() };

    // A deposit with a difficult note, a transfer of cash, a deleted entry.
    const ledger::LedgerService ledger(db);
    Transaction deposit;
    deposit.portfolioId = (*portfolios)[0].id;
    deposit.type = TransactionType::Deposit;
    deposit.date = generated->lastDay.addDays(-10);
    deposit.amount = dec("1234.56");
    deposit.currency = (*portfolios)[0].baseCurrency;
    deposit.note = QStringLiteral("Zahlung \"Ä\" \\ 中文 😀\nline two\ttab 'quote'");
    auto added = ledger.add(deposit);
    if (!added)
        return Error { added.error() };
    Transaction transfer;
    transfer.portfolioId = (*portfolios)[0].id;
    transfer.counterpartyPortfolioId = (*portfolios)[1].id;
    transfer.type = TransactionType::Transfer;
    transfer.date = generated->lastDay.addDays(-5);
    transfer.amount = dec("200");
    transfer.currency = (*portfolios)[0].baseCurrency;
    if (auto done = ledger.add(transfer); !done)
        return Error { done.error() };
    Transaction fee;
    fee.portfolioId = (*portfolios)[2].id;
    fee.type = TransactionType::Fee;
    fee.date = generated->lastDay.addDays(-3);
    fee.amount = dec("9.99");
    fee.currency = (*portfolios)[2].baseCurrency;
    auto feeAdded = ledger.add(fee);
    if (!feeAdded)
        return Error { feeAdded.error() };
    if (auto done = ledger.remove(feeAdded->id); !done)
        return Error { done.error() };

    // A portfolio made and deleted.
    Portfolio old;
    old.name = QStringLiteral("Closed account");
    old.baseCurrency = QStringLiteral("USD");
    auto oldAdded = store::PortfolioRepository(db).add(old);
    if (!oldAdded)
        return Error { oldAdded.error() };
    if (auto done = store::PortfolioRepository(db).remove(oldAdded->id); !done)
        return Error { done.error() };

    // A snapshot (with its series and alerts) and a queued job.
    snapshots::SnapshotOptions snapshot;
    snapshot.timeZone = QTimeZone::utc();
    const QDateTime when(generated->lastDay, QTime(23, 0), QTimeZone::utc());
    if (auto taken = snapshots::takeSnapshot(db, when, store::SnapshotKind::Close, snapshot); !taken)
        return Error { taken.error() };
    if (auto queued = store::JobRepository(db).enqueueBackfill(assets[0], QStringLiteral("yahoo"), generated->firstDay,
                                                               generated->lastDay);
        !queued)
        return Error { queued.error() };
    return book;
}

// The value series of every portfolio and of all, one line a day, keyed by
// portfolio UUID (local ids differ between stores).
inline Result<QStringList> describeValuation(const store::Database &db, QDate lastDay)
{
    valuation::ValuationOptions options;
    options.lastDay = lastDay;
    auto valued = valuation::valueFromStore(db, options);
    if (!valued)
        return Error { valued.error() };
    auto portfolios = store::PortfolioRepository(db).list();
    if (!portfolios)
        return Error { portfolios.error() };
    QStringList lines;
    const auto describe = [&lines](const QString &name, const valuation::ValueSeries &series) {
        lines << QStringLiteral("series %1 %2 from %3 (%4 days) missing %5")
                     .arg(name, series.baseCurrency, series.first.toString(Qt::ISODate))
                     .arg(series.size())
                     .arg(series.missing.join(u','));
        for (int i = 0; i < series.size(); ++i)
            lines << QStringLiteral("  %1 %2 %3 %4 %5%6")
                         .arg(series.day(i).toString(Qt::ISODate), series.marketValue[std::size_t(i)].toString(),
                              series.externalFlow[std::size_t(i)].toString(),
                              series.invested[std::size_t(i)].toString())
                         .arg(series.stale[std::size_t(i)] ? u" stale" : u"")
                         .arg(series.incomplete[std::size_t(i)] ? u" incomplete" : u"");
    };
    for (const valuation::PortfolioSeries &series : valued->portfolios) {
        QString uuid;
        for (const Portfolio &portfolio : *portfolios) {
            if (portfolio.id == series.portfolioId)
                uuid = store::uuidText(portfolio.stamp.uuid);
        }
        describe(uuid, series.series);
    }
    describe(QStringLiteral("total"), valued->total);
    return lines;
}

// Every row of a table as text, in key order: what "copied exactly" compares.
inline Result<QStringList> tableText(const store::Database &db, const store::TableSpec &table)
{
    store::ReadSnapshot snapshot(db);
    if (auto begun = snapshot.begin(); !begun)
        return Error { begun.error() };
    store::TableReader reader(db, table.name, table.columns, {}, table.orderBy);
    QStringList lines;
    store::CellRows rows;
    for (;;) {
        auto read = reader.next(rows);
        if (!read)
            return Error { read.error() };
        if (*read == 0)
            break;
        for (int row = 0; row < *read; ++row) {
            QStringList values;
            for (std::size_t c = 0; c < table.columns.size(); ++c) {
                const store::Cell &cell = rows[std::size_t(row) * table.columns.size() + c];
                switch (cell.type) {
                case store::Cell::Type::Null:
                    values << QStringLiteral("NULL");
                    break;
                case store::Cell::Type::Integer:
                    values << QString::number(cell.integer);
                    break;
                case store::Cell::Type::Decimal:
                    values << u"d:" + cell.decimal.toString();
                    break;
                case store::Cell::Type::Date:
                    values << cell.date().toString(Qt::ISODate);
                    break;
                case store::Cell::Type::Text:
                    values << u'"' + cell.text + u'"';
                    break;
                }
            }
            lines << values.join(u'|');
        }
    }
    return lines;
}

} // namespace pt::test
