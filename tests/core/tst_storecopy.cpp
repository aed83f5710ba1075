// copyStore(): every table of a store into an empty one, exactly, all or
// nothing. SQLite to SQLite in the plain run; SQLite -> PostgreSQL -> SQLite
// in the tst_storecopy@postgresql run, on the test server of ctest's
// "postgres" fixture (PT_TEST_POSTGRES_URL_FILE).

#include "../common/testsupport.h"
#include "richbook.h"

#include "store/database.h"
#include "store/storecopy.h"
#include "store/tablereader.h"
#include "store/tablewriter.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

#include <set>

using namespace pt;
using namespace pt::store;
using namespace Qt::StringLiterals;

class TestStoreCopy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void tablesCoverTheSchema();
    void sqliteToSqlite();
    void refusesATargetWithData();
    void refusesTheSameStore();
    void damagedSourceWritesNothing();
    void sqliteToPostgresAndBack();
    void writerPathsAgree_data();
    void writerPathsAgree();

private:
    // Every table's rows identical in both stores; holdings and value series too.
    void compareStores(const Database &a, const Database &b);

    test::SqliteStore m_source;
    test::RichBook m_book;
};

void TestStoreCopy::initTestCase()
{
    if (test::testingPostgres())
        return; // the PostgreSQL run makes its source in sqliteToPostgresAndBack
    auto book = test::fillRichBook(m_source.db());
    QVERIFY2(book.ok(), qPrintable(book.ok() ? QString() : book.error()));
    m_book = *book;
}

void TestStoreCopy::tablesCoverTheSchema()
{
    PT_SKIP_ON_POSTGRES("the PostgreSQL run copies through its server only");
    // A migration that adds a table or a column must teach copy-store about it.
    QSqlDatabase connection = m_source.db().connection();
    std::set<QString> schema;
    for (const QString &table : connection.tables(QSql::Tables)) {
        if (table != u"schema_migration"_s && !table.startsWith(u"sqlite_"_s) && !tablesNotCopied().contains(table))
            schema.insert(table);
    }
    std::set<QString> copied;
    for (const TableSpec &table : storeTables()) {
        copied.insert(table.name);
        QSqlQuery query(connection);
        QVERIFY2(query.exec(u"SELECT * FROM "_s + table.name + u" LIMIT 0"_s), qPrintable(query.lastError().text()));
        std::set<QString> columns;
        for (int i = 0; i < query.record().count(); ++i)
            columns.insert(query.record().fieldName(i));
        std::set<QString> specified;
        for (const Column &column : table.columns)
            specified.insert(column.name);
        QCOMPARE(specified, columns);
    }
    QCOMPARE(copied, schema);
}

void TestStoreCopy::compareStores(const Database &a, const Database &b)
{
    for (const TableSpec &table : storeTables()) {
        auto first = test::tableText(a, table);
        auto second = test::tableText(b, table);
        PT_VERIFY_OK(first);
        PT_VERIFY_OK(second);
        QVERIFY2(!first->isEmpty(), qPrintable(u"the rich book has no rows in "_s + table.name));
        QCOMPARE(second->size(), first->size());
        QCOMPARE(*second, *first);
    }
    auto holdingsA = describeHoldings(a);
    auto holdingsB = describeHoldings(b);
    PT_VERIFY_OK(holdingsA);
    PT_VERIFY_OK(holdingsB);
    QCOMPARE(*holdingsB, *holdingsA);
    auto seriesA = test::describeValuation(a, m_book.lastDay());
    auto seriesB = test::describeValuation(b, m_book.lastDay());
    PT_VERIFY_OK(seriesA);
    PT_VERIFY_OK(seriesB);
    QCOMPARE(*seriesB, *seriesA);
}

void TestStoreCopy::sqliteToSqlite()
{
    PT_SKIP_ON_POSTGRES("the PostgreSQL run copies through its server only");
    test::SqliteStore target(u"copy.sqlite"_s);
    QStringList tablesSeen;
    std::int64_t lastDone = -1;
    auto report
        = copyStore(m_source.db(), target.db(), [&](const QString &table, std::int64_t done, std::int64_t total) {
              if (tablesSeen.isEmpty() || tablesSeen.last() != table) {
                  tablesSeen << table;
                  lastDone = -1;
              }
              QVERIFY(done > lastDone || done == 0);
              QVERIFY(done <= total);
              lastDone = done;
          });
    PT_VERIFY_OK(report);
    QCOMPARE(tablesSeen.size(), int(storeTables().size()));
    QVERIFY(report->holdingsIdentical);
    QCOMPARE(report->portfolios, 3);
    QVERIFY(report->positions > 0);
    std::int64_t rows = 0;
    for (const TableCount &count : report->tables) {
        QCOMPARE(count.target, count.source);
        rows += count.source;
    }
    QCOMPARE(report->rows, rows);
    compareStores(m_source.db(), target.db());

    // The copy is a working store: ids continue after the copied ones.
    Portfolio later;
    later.name = u"After the copy"_s;
    later.baseCurrency = u"EUR"_s;
    auto added = PortfolioRepository(target.db()).add(later);
    PT_VERIFY_OK(added);
    auto maxId = countRows(target.db(), u"portfolio"_s);
    PT_VERIFY_OK(maxId);
    QCOMPARE(added->id, *maxId);
}

void TestStoreCopy::refusesATargetWithData()
{
    PT_SKIP_ON_POSTGRES("the PostgreSQL run copies through its server only");
    test::SqliteStore target(u"busy.sqlite"_s);
    Portfolio portfolio;
    portfolio.name = u"Already here"_s;
    portfolio.baseCurrency = u"EUR"_s;
    PT_VERIFY_OK(PortfolioRepository(target.db()).add(portfolio));
    auto report = copyStore(m_source.db(), target.db());
    QVERIFY(!report.ok());
    QVERIFY2(report.error().contains(u"already holds data"_s), qPrintable(report.error()));
    QVERIFY2(report.error().contains(u"portfolio (1 rows)"_s), qPrintable(report.error()));
    auto filled = nonEmptyTables(target.db());
    PT_VERIFY_OK(filled);
    QCOMPARE(*filled, QStringList { u"portfolio (1 rows)"_s });
}

void TestStoreCopy::refusesTheSameStore()
{
    PT_SKIP_ON_POSTGRES("the PostgreSQL run copies through its server only");
    auto again = Database::openSqlite(m_source.path());
    PT_VERIFY_OK(again);
    auto report = copyStore(m_source.db(), **again);
    QVERIFY(!report.ok());
    QVERIFY2(report.error().contains(u"same store"_s), qPrintable(report.error()));
}

void TestStoreCopy::damagedSourceWritesNothing()
{
    PT_SKIP_ON_POSTGRES("the PostgreSQL run copies through its server only");
    // A value the store cannot have written, in the last row of a late table:
    // the copy fails after most rows went in, and none of them stays.
    test::SqliteStore source(u"damaged.sqlite"_s);
    test::SqliteStore target(u"target.sqlite"_s);
    auto book = test::fillRichBook(source.db(), 200);
    PT_VERIFY_OK(book);
    QSqlQuery query(source.db().connection());
    QVERIFY2(query.exec(u"UPDATE fx_rate SET rate = 'abc' WHERE day = (SELECT MAX(day) FROM fx_rate)"_s),
             qPrintable(query.lastError().text()));
    auto report = copyStore(source.db(), target.db());
    QVERIFY(!report.ok());
    QVERIFY2(report.error().contains(u"fx_rate.rate holds 'abc'"_s), qPrintable(report.error()));
    QVERIFY2(report.error().contains(u"nothing was written"_s), qPrintable(report.error()));
    auto filled = nonEmptyTables(target.db());
    PT_VERIFY_OK(filled);
    QVERIFY2(filled->isEmpty(), qPrintable(filled->join(u", "_s)));
}

void TestStoreCopy::sqliteToPostgresAndBack()
{
    if (!test::testingPostgres())
        QSKIP("runs as tst_storecopy@postgresql, on the test server");
    auto book = test::fillRichBook(m_source.db());
    PT_VERIFY_OK(book);
    m_book = *book;
    test::PostgresStore postgres;
    QVERIFY2(postgres.isValid(), qPrintable(postgres.error));

    auto there = copyStore(m_source.db(), postgres.db());
    PT_VERIFY_OK(there);
    QVERIFY(there->holdingsIdentical);
    compareStores(m_source.db(), postgres.db());

    // Identity sequences continue after the copied ids.
    Portfolio later;
    later.name = u"After the copy"_s;
    later.baseCurrency = u"EUR"_s;
    auto added = PortfolioRepository(postgres.db()).add(later);
    PT_VERIFY_OK(added);
    auto rows = countRows(postgres.db(), u"portfolio"_s);
    PT_VERIFY_OK(rows);
    QCOMPARE(added->id, *rows);
    QSqlQuery query(postgres.db().connection());
    QVERIFY(query.exec(u"DELETE FROM portfolio WHERE id = %1"_s.arg(added->id)));

    // A target on PostgreSQL that holds data is refused too.
    test::SqliteStore other(u"other.sqlite"_s);
    auto refused = copyStore(other.db(), postgres.db());
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().contains(u"already holds data"_s), qPrintable(refused.error()));

    test::SqliteStore back(u"back.sqlite"_s);
    auto home = copyStore(postgres.db(), back.db());
    PT_VERIFY_OK(home);
    compareStores(m_source.db(), back.db());
}

void TestStoreCopy::writerPathsAgree_data()
{
    QTest::addColumn<int>("path");
    QTest::newRow("fastest (COPY on PostgreSQL)") << int(TableWriter::Path::Fastest);
    QTest::newRow("portable (INSERT)") << int(TableWriter::Path::Portable);
}

void TestStoreCopy::writerPathsAgree()
{
    // Difficult values read back exactly, whichever way PostgreSQL gets them
    // (on SQLite both paths are the same).
    std::unique_ptr<test::PostgresStore> postgres;
    std::unique_ptr<test::SqliteStore> sqlite;
    const Database *db = nullptr;
    if (test::testingPostgres()) {
        postgres = std::make_unique<test::PostgresStore>();
        QVERIFY2(postgres->isValid(), qPrintable(postgres->error));
        db = &postgres->db();
    } else {
        sqlite = std::make_unique<test::SqliteStore>(u"paths.sqlite"_s);
        db = &sqlite->db();
    }
    const QString names[]
        = { u"Tab\there"_s, u"Back\\slash \\N"_s, u"New\nline\r"_s, u"Quote ' and \" 中文 😀"_s, u"Plain"_s };
    const TableSpec &portfolio = storeTables()[0];
    const TableSpec &prices = storeTables()[3];
    QCOMPARE(portfolio.name, u"portfolio"_s);
    QCOMPARE(prices.name, u"daily_price"_s);
    const auto write = [&](const TableSpec &table, const std::vector<std::vector<Cell>> &rows) -> Result<void> {
        return db->inTransaction([&]() -> Result<void> {
            TableWriter writer(*db, table.name, table.columns);
            writer.setPath(TableWriter::Path(QTest::currentDataTag()[0] == 'f' ? 0 : 1));
            for (const auto &row : rows) {
                if (auto added = writer.add(row); !added)
                    return added;
            }
            if (auto finished = writer.finish(); !finished)
                return finished;
            if (writer.rowsInserted() != std::int64_t(rows.size()))
                return Error { u"%1 rows inserted of %2"_s.arg(writer.rowsInserted()).arg(rows.size()) };
            return {};
        });
    };
    std::vector<std::vector<Cell>> portfolios;
    QStringList expected;
    for (int i = 0; i < 5; ++i) {
        portfolios.push_back({ Cell::fromInteger(i + 1),
                               Cell::fromText(QUuid::createUuid().toString(QUuid::WithoutBraces)),
                               Cell::fromText(names[i]), Cell::fromText(u"EUR"_s), Cell::fromText(u"fifo"_s),
                               Cell::fromInteger(1'700'000'000'000 + i), Cell::fromInteger(1'700'000'000'001 + i),
                               Cell::fromInteger(i % 2) });
    }
    PT_VERIFY_OK(write(portfolio, portfolios));
    std::vector<std::vector<Cell>> bars;
    const QDate day(2024, 2, 29);
    const Decimal values[] = { test::dec("0.00000001"), test::dec("123456789.123456789012"), test::dec("1"),
                               test::dec("99999999999999.12345678"), test::dec("0.5") };
    for (int i = 0; i < 5; ++i) {
        bars.push_back({ Cell::fromInteger(priceKey(1, day.addDays(i))), Cell::fromInteger(1),
                         Cell::fromDate(day.addDays(i)), i == 2 ? Cell::null() : Cell::fromDecimal(values[i]),
                         Cell::fromDecimal(values[(i + 1) % 5]), Cell::null(), Cell::fromDecimal(values[(i + 2) % 5]),
                         Cell::null(), Cell::fromDecimal(Decimal()), Cell::fromText(u"src\t"_s),
                         Cell::fromInteger(i) });
    }
    // daily_price needs its asset (checked by the repository, not by a key).
    QSqlQuery query(db->connection());
    QVERIFY2(query.exec(u"INSERT INTO asset (id, uuid, symbol, name, asset_class, currency, created_at, updated_at) "
                        "VALUES (1, 'a', 'A', 'A', 'stock', 'EUR', 0, 0)"_s),
             qPrintable(query.lastError().text()));
    PT_VERIFY_OK(write(prices, bars));

    for (const auto &[table, rows] : { std::pair { &portfolio, &portfolios }, std::pair { &prices, &bars } }) {
        auto read = test::tableText(*db, *table);
        PT_VERIFY_OK(read);
        QCOMPARE(read->size(), qsizetype(rows->size()));
        for (std::size_t r = 0; r < rows->size(); ++r) {
            QStringList written;
            for (const Cell &cell : (*rows)[r]) {
                switch (cell.type) {
                case Cell::Type::Null:
                    written << u"NULL"_s;
                    break;
                case Cell::Type::Integer:
                    written << QString::number(cell.integer);
                    break;
                case Cell::Type::Decimal:
                    written << u"d:"_s + cell.decimal.toString();
                    break;
                case Cell::Type::Date:
                    written << cell.date().toString(Qt::ISODate);
                    break;
                case Cell::Type::Text:
                    written << u'"' + cell.text + u'"';
                    break;
                }
            }
            QCOMPARE(read->at(qsizetype(r)), written.join(u'|'));
        }
    }
}

QTEST_GUILESS_MAIN(TestStoreCopy)
#include "tst_storecopy.moc"
