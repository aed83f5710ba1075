// `portfolio-cli import transactions` and `export transactions|holdings`
// through the real executable on real SQLite files (C8): the preview it
// prints, re-import detection, the mapping options, and bad input of every
// kind refused with exit 2 and the store left byte for byte as it was.

#include "../common/testsupport.h"
#include "clirunner.h"

#include "store/assetrepository.h"
#include "store/portfoliorepository.h"
#include "store/transactionrepository.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using pt::test::CliRun;

namespace {

QString dataFile(const QString &name)
{
    return qEnvironmentVariable("PT_SOURCE_DIR") + u"/tests/data/import/"_s + name;
}

QString describe(const CliRun &run)
{
    return u"exit %1\nstdout: %2\nstderr: %3"_s.arg(run.exitCode).arg(run.out.left(3000), run.err.left(3000));
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

#define CHECK_RUN(run, code) QVERIFY2((run).finished && (run).exitCode == (code), qPrintable(describe(run)))

class TestImportCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir{pt::test::testTempRoot() + u"/tst_importcli-XXXXXX"_s};
    int m_stores = 0;

    // A store with portfolios Main (EUR) and Brokerage (USD) and the assets
    // the files in tests/data/import name, made through the core library.
    QString newStore()
    {
        const QString path = m_dir.filePath(u"store%1.sqlite"_s.arg(++m_stores));
        auto opened = pt::store::Database::openSqlite(path);
        if (!opened)
            qFatal("%s", qPrintable(opened.error()));
        const pt::store::Database &db = **opened;
        for (const auto &[name, currency] : {std::pair{u"Main"_s, u"EUR"_s}, std::pair{u"Brokerage"_s, u"USD"_s},
                                             std::pair{u"Copy"_s, u"EUR"_s}}) {
            pt::Portfolio portfolio;
            portfolio.name = name;
            portfolio.baseCurrency = currency;
            if (!pt::store::PortfolioRepository(db).add(portfolio))
                qFatal("cannot add a portfolio");
        }
        const struct
        {
            const char16_t *symbol;
            const char16_t *name;
            const char16_t *currency;
            const char16_t *sourceId;
        } assets[] = {
            {u"ACME", u"Acme Corp", u"EUR", u""},
            {u"VTI", u"Vanguard Total Stock Market ETF", u"USD", u""},
            {u"MUE", u"Müller AG", u"EUR", u""},
            {u"BMW.DE", u"Bayerische Motoren Werke AG", u"EUR", u"DE0005190003"},
        };
        for (const auto &a : assets) {
            pt::Asset asset;
            asset.symbol = QString::fromUtf16(a.symbol);
            asset.name = QString::fromUtf16(a.name);
            asset.currency = QString::fromUtf16(a.currency);
            asset.sourceId = QString::fromUtf16(a.sourceId);
            if (!pt::store::AssetRepository(db).add(asset))
                qFatal("cannot add an asset");
        }
        return path;
    }

    CliRun cli(const QString &store, const QStringList &arguments)
    {
        return pt::test::runCli(QStringList{u"--db"_s, store} + arguments);
    }

    CliRun import(const QString &store, const QString &file, const QStringList &options = {})
    {
        return cli(store, QStringList{u"import"_s, u"transactions"_s, file, u"--portfolio"_s, u"Main"_s} + options);
    }

    qsizetype entryCount(const QString &store)
    {
        auto opened = pt::store::Database::openSqlite(store);
        if (!opened)
            return -1;
        auto entries = pt::store::TransactionRepository(**opened).list();
        return entries ? qsizetype(entries->size()) : -1;
    }

    QString writeFile(const QString &name, const QByteArray &content)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            file.write(content);
        return path;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(pt::test::cliPath()), "PT_CLI must name the portfolio-cli executable");
        QVERIFY(m_dir.isValid());
    }

    void helpListsThePresetsAndOptions()
    {
        const CliRun run = pt::test::runCli({u"import"_s, u"transactions"_s, u"--help"_s});
        CHECK_RUN(run, 0);
        for (const QString &word : {u"generic, de-broker, us-broker"_s, u"--map"_s, u"--type-word"_s,
                                    u"--dry-run"_s, u"--date-format"_s, u"--thousands"_s})
            QVERIFY2(run.out.contains(word), qPrintable(word));
        CHECK_RUN(pt::test::runCli({u"export"_s, u"--help"_s}), 0);
        CHECK_RUN(pt::test::runCli({u"--help"_s}), 0);
        QVERIFY(pt::test::runCli({u"--help"_s}).out.contains(u"import "_s));
    }

    void importsThenReportsRowsAlreadyPresent()
    {
        const QString store = newStore();
        const CliRun first = import(store, dataFile(u"generic.csv"_s));
        CHECK_RUN(first, 0);
        QVERIFY2(first.out.contains(u"Read "_s) && first.out.contains(u"(UTF-8, delimiter ',')"_s), qPrintable(first.out));
        QVERIFY2(first.out.contains(u"Columns not read: Portfolio, To portfolio"_s), qPrintable(first.out));
        QVERIFY2(first.out.contains(u"8 rows: 8 new, 0 already present, 0 with errors"_s), qPrintable(first.out));
        QVERIFY2(first.out.contains(u"Imported 8 entries into 'Main', 0 rows already present"_s), qPrintable(first.out));
        QCOMPARE(entryCount(store), 8);

        const QByteArray digest = pt::test::fileDigest(store);
        const CliRun again = import(store, dataFile(u"generic.csv"_s));
        CHECK_RUN(again, 0);
        QVERIFY2(again.out.contains(u"8 rows: 0 new, 8 already present, 0 with errors"_s), qPrintable(again.out));
        QVERIFY2(again.out.contains(u"Nothing to import: 8 rows already present"_s), qPrintable(again.out));
        QCOMPARE(pt::test::fileDigest(store), digest);
        QCOMPARE(entryCount(store), 8);
    }

    void dryRunWritesNothing()
    {
        const QString store = newStore();
        const QByteArray digest = pt::test::fileDigest(store);
        const CliRun run = import(store, dataFile(u"generic.csv"_s), {u"--dry-run"_s});
        CHECK_RUN(run, 0);
        QVERIFY2(run.out.contains(u"Dry run: 8 entries would be imported into 'Main', 0 rows already present; "
                                  u"nothing written"_s),
                 qPrintable(run.out));
        QCOMPARE(pt::test::fileDigest(store), digest);
        QCOMPARE(entryCount(store), 0);
    }

    void readsEveryEncoding_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("encoding");
        QTest::newRow("utf-8 bom") << "generic-utf8-bom.csv" << "UTF-8 with BOM";
        QTest::newRow("utf-16le") << "generic-utf16le.csv" << "UTF-16LE";
        QTest::newRow("utf-16be") << "generic-utf16be.csv" << "UTF-16BE";
    }

    void readsEveryEncoding()
    {
        QFETCH(QString, file);
        QFETCH(QString, encoding);
        const QString store = newStore();
        const CliRun run = import(store, dataFile(file));
        CHECK_RUN(run, 0);
        QVERIFY2(run.out.contains(u'(' + encoding + u", delimiter ','"), qPrintable(run.out));
        QVERIFY2(run.out.contains(u"8 rows: 8 new"_s), qPrintable(run.out));
        // The same rows as the UTF-8 file: importing that one adds nothing.
        const CliRun utf8 = import(store, dataFile(u"generic.csv"_s));
        QVERIFY2(utf8.out.contains(u"8 already present"_s), qPrintable(utf8.out));
    }

    void importsBrokerPresets()
    {
        const QString store = newStore();
        const CliRun german = import(store, dataFile(u"de-broker-latin1.csv"_s), {u"--preset"_s, u"de-broker"_s});
        CHECK_RUN(german, 0);
        QVERIFY2(german.out.contains(u"(Windows-1252, delimiter ';')"_s), qPrintable(german.out));
        QVERIFY2(german.out.contains(u"Imported 6 entries"_s), qPrintable(german.out));
        const CliRun us = cli(store, {u"import"_s, u"transactions"_s, dataFile(u"us-broker.csv"_s), u"--portfolio"_s,
                                      u"Brokerage"_s, u"--preset"_s, u"us-broker"_s});
        CHECK_RUN(us, 0);
        QVERIFY2(us.out.contains(u"Imported 6 entries into 'Brokerage'"_s), qPrintable(us.out));
        QCOMPARE(entryCount(store), 12);
    }

    void mappingOptionsReadAnyLayout()
    {
        const QString store = newStore();
        const QString file = writeFile(u"custom.csv"_s, "Tag|Art|Papier|Menge|Preis|Kommentar\n"
                                                        "2024/01/03|Zukauf|acme|1 000,5|50,5|erste\n"
                                                        "2024/01/04|Abgang|ACME|500|51|zweite\n");
        const CliRun run = import(store, file,
                                  {u"--delimiter"_s, u"|"_s, u"--date-format"_s, u"yyyy/MM/dd"_s, u"--decimal"_s, u","_s,
                                   u"--thousands"_s, u"space"_s, u"--map"_s, u"date=Tag"_s, u"--map"_s, u"type=Art"_s,
                                   u"--map"_s, u"symbol=Papier"_s, u"--map"_s, u"quantity=Menge"_s, u"--map"_s,
                                   u"price=Preis"_s, u"--map"_s, u"note=Kommentar"_s, u"--type-word"_s,
                                   u"Zukauf=buy"_s, u"--type-word"_s, u"Abgang=sell"_s});
        CHECK_RUN(run, 0);
        QVERIFY2(run.out.contains(u"Imported 2 entries"_s), qPrintable(run.out));
        const CliRun list = cli(store, {u"tx"_s, u"list"_s, u"--json"_s});
        QVERIFY2(list.out.contains(u"\"1000.5\""_s), qPrintable(list.out));
        QVERIFY2(list.out.contains(u"\"50.5\""_s), qPrintable(list.out));
    }

    // Every kind of bad input: exit 2, a message naming what is wrong and
    // where, and the store byte for byte as it was.
    void badInputChangesNothing_data()
    {
        QTest::addColumn<QStringList>("arguments"); // after "import transactions"
        QTest::addColumn<QString>("message");       // in stderr

        const auto file = [](const char *name) { return dataFile(QString::fromLatin1(name)); };
        const QStringList main{u"--portfolio"_s, u"Main"_s};
        QTest::newRow("bad numbers")
            << QStringList{file("bad-numbers.csv")} + main
            << "2 rows with errors, nothing imported:\n  row 3, column Quantity: '12,5x' is not a number";
        QTest::newRow("impossible date") << QStringList{file("impossible-date.csv")} + main
                                         << "row 3, column Date: '2023-02-30' is not a real day";
        QTest::newRow("missing columns") << QStringList{file("missing-columns.csv")} + main
                                         << "missing required columns: Date (looked for 'Date'); Type";
        QTest::newRow("empty file") << QStringList{file("empty.csv")} + main << "the file is empty";
        QTest::newRow("header only") << QStringList{file("header-only.csv")} + main
                                     << "the file has a header but no rows; nothing imported";
        QTest::newRow("unknown asset") << QStringList{file("unknown-asset.csv")} + main
                                       << "row 3, column Symbol: no asset with the symbol 'NOPE' in the catalog";
        QTest::newRow("sell not held") << QStringList{file("oversell.csv")} + main
                                       << "nothing imported: row 3: 2024-02-01 sell of 25 ACME in 'Main' exceeds the "
                                          "20 held on that date";
        QTest::newRow("broken quote") << QStringList{file("unterminated-quote.csv")} + main
                                      << "Line 2, column 27: the quoted field that starts here is never closed";
        QTest::newRow("german file, generic preset")
            << QStringList{file("de-broker-latin1.csv")} + main << "missing required columns: Date";
        QTest::newRow("wrong number format")
            << QStringList{file("de-broker-latin1.csv"), u"--preset"_s, u"de-broker"_s, u"--decimal"_s, u"."_s} + main
            << "column Kurs: '1.234,56' is not a number (expected a number like 1,234.56)";
        QTest::newRow("no such file") << QStringList{file("nope.csv")} + main << "FILE: '";
        QTest::newRow("no portfolio option") << QStringList{file("generic.csv")} << "--portfolio: required";
        QTest::newRow("unknown portfolio") << QStringList{file("generic.csv"), u"--portfolio"_s, u"Nope"_s}
                                           << "--portfolio: ";
        QTest::newRow("unknown preset") << QStringList{file("generic.csv"), u"--preset"_s, u"xx"_s} + main
                                        << "--preset: 'xx' is not one of generic, de-broker, us-broker";
        QTest::newRow("bad map") << QStringList{file("generic.csv"), u"--map"_s, u"colour=Red"_s} + main
                                 << "--map: 'colour=Red' is not field=Column";
        QTest::newRow("mapped column absent") << QStringList{file("generic.csv"), u"--map"_s, u"fee=Fees"_s} + main
                                              << "the file has no column 'Fees' (for Fee)";
        QTest::newRow("bad type word") << QStringList{file("generic.csv"), u"--type-word"_s, u"Kauf=purchase"_s} + main
                                       << "--type-word: 'Kauf=purchase' is not Word=type";
        QTest::newRow("bad date format") << QStringList{file("generic.csv"), u"--date-format"_s, u"dd.MM"_s} + main
                                         << "--date-format: date format 'dd.MM': needs one year";
        QTest::newRow("bad delimiter") << QStringList{file("generic.csv"), u"--delimiter"_s, u"::"_s} + main
                                       << "--delimiter: '::' is not one character";
    }

    void badInputChangesNothing()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const QString store = newStore();
        CHECK_RUN(import(store, dataFile(u"generic.csv"_s)), 0);
        const QByteArray digest = pt::test::fileDigest(store);
        const CliRun run = cli(store, QStringList{u"import"_s, u"transactions"_s} + arguments);
        CHECK_RUN(run, 2);
        QVERIFY2(run.err.contains(message), qPrintable(describe(run)));
        QCOMPARE(pt::test::fileDigest(store), digest);
        QCOMPARE(entryCount(store), 8);
    }

    void showsTheFirstErrorsAndACount()
    {
        const QString store = newStore();
        const CliRun run = import(store, dataFile(u"bad-numbers.csv"_s), {u"--show-errors"_s, u"1"_s});
        CHECK_RUN(run, 2);
        QVERIFY2(run.err.contains(u"row 3, column Quantity"_s), qPrintable(run.err));
        QVERIFY2(!run.err.contains(u"row 4, column Price"_s), qPrintable(run.err));
        QVERIFY2(run.err.contains(u"... and 1 more"_s), qPrintable(run.err));
        QVERIFY2(run.out.contains(u"3 rows: 1 new, 0 already present, 2 with errors"_s), qPrintable(run.out));
    }

    void exportsTransactionsAndHoldings()
    {
        const QString store = newStore();
        CHECK_RUN(import(store, dataFile(u"generic.csv"_s)), 0);

        // To standard output: the file imported, byte for byte.
        const CliRun toStdout = cli(store, {u"export"_s, u"transactions"_s, u"--portfolio"_s, u"Main"_s});
        CHECK_RUN(toStdout, 0);
        QCOMPARE(toStdout.out.toUtf8(), readFile(dataFile(u"generic.csv"_s)));

        const QString output = m_dir.filePath(u"export.csv"_s);
        const CliRun toFile = cli(store, {u"export"_s, u"transactions"_s, u"--output"_s, output});
        CHECK_RUN(toFile, 0);
        QVERIFY2(toFile.out.contains(u"Exported 8 entries to "_s), qPrintable(toFile.out));

        // Round trip: the export into another portfolio, then that one's export.
        CHECK_RUN(cli(store, {u"import"_s, u"transactions"_s, output, u"--portfolio"_s, u"Copy"_s}), 0);
        const CliRun copy = cli(store, {u"export"_s, u"transactions"_s, u"--portfolio"_s, u"Copy"_s});
        QCOMPARE(copy.out, QString(toStdout.out).replace(u",Main,"_s, u",Copy,"_s));

        const CliRun holdings = cli(store, {u"export"_s, u"holdings"_s, u"--portfolio"_s, u"Main"_s});
        CHECK_RUN(holdings, 0);
        QVERIFY2(holdings.out.startsWith(u"Portfolio,Kind,Symbol,Name,Quantity,Cost basis,"_s), qPrintable(holdings.out));
        QVERIFY2(holdings.out.contains(u"Main,position,ACME,Acme Corp,6,302.4,50.4,16.9,12.34,4.85,EUR\r\n"_s),
                 qPrintable(holdings.out));

        const CliRun unknown = cli(store, {u"export"_s, u"holdings"_s, u"--portfolio"_s, u"Nope"_s});
        CHECK_RUN(unknown, 2);
        const CliRun noAction = cli(store, {u"export"_s});
        CHECK_RUN(noAction, 2);
    }
};

QTEST_GUILESS_MAIN(TestImportCli)
#include "tst_importcli.moc"
