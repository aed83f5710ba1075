// `export json`, `import json`, and `backup`/`restore` through JSON exports,
// through the real executable. The @postgresql run backs up and restores a
// PostgreSQL store (the test server of ctest's "postgres" fixture).

#include "clirunner.h"

#include "../common/postgresstore.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using pt::test::CliRun;

class JsonCliTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void exportThenImport();
    void exportToStandardOutput();
    void exportOnePortfolio();
    void secondImportRefused();
    void damagedDocumentRefused();
    void dryRunWritesNothing();
    void jsonBackupOfSqliteRestores();
    void restoreRefusals();
    void postgresBackupAndRestore();

private:
    QString file(const QString &name) const { return m_dir.filePath(name); }
    static CliRun cli(const QString &store, const QStringList &arguments)
    {
        return pt::test::runCli(QStringList { u"--db"_s, store } + arguments);
    }
    // What a store holds, as the CLI shows it.
    static QString holdings(const QString &store)
    {
        return cli(store, { u"holdings"_s }).out + cli(store, { u"value"_s, u"--to"_s, u"2024-12-31"_s }).out;
    }

    QTemporaryDir m_dir { pt::test::testTempRoot() + u"/jsoncli-XXXXXX"_s };
    QString m_book;
    QString m_document;
};

// Runs (once) and checks the exit code, printing what the run said when it differs.
#define VERIFY_RUN(expression, code)                                                                                   \
    do {                                                                                                               \
        const CliRun run_ = (expression);                                                                              \
        QVERIFY2(run_.finished &&run_.exitCode == (code), qPrintable(run_.out + run_.err));                            \
    } while (false)

void JsonCliTest::initTestCase()
{
    QVERIFY2(QFile::exists(pt::test::cliPath()), "PT_CLI must name the portfolio-cli executable");
    QVERIFY(m_dir.isValid());
    m_book = file(u"book.sqlite"_s);
    const CliRun run = cli(m_book,
                           { u"generate"_s, u"--portfolios"_s, u"2"_s, u"--assets"_s, u"15"_s, u"--transactions"_s,
                             u"400"_s, u"--years"_s, u"1"_s, u"--seed"_s, u"3"_s });
    VERIFY_RUN(run, 0);
    m_document = file(u"book.json"_s);
    const CliRun exported = cli(m_book, { u"export"_s, u"json"_s, u"--output"_s, m_document });
    VERIFY_RUN(exported, 0);
    QVERIFY2(exported.out.contains(u"Exported the book"_s), qPrintable(exported.out));
    QVERIFY2(exported.out.contains(u"entries:        400"_s), qPrintable(exported.out));
}

void JsonCliTest::exportThenImport()
{
    const QString target = file(u"imported.sqlite"_s);
    const CliRun run = cli(target, { u"import"_s, u"json"_s, m_document });
    VERIFY_RUN(run, 0);
    QVERIFY2(run.out.contains(u"Imported 2 portfolios, 400 entries, 15 assets"_s), qPrintable(run.out));
    const QString expected = holdings(m_book);
    QVERIFY(expected.contains(u"SYN0001"_s));
    QCOMPARE(holdings(target), expected);
}

void JsonCliTest::exportToStandardOutput()
{
    const CliRun run = cli(m_book, { u"export"_s, u"json"_s });
    VERIFY_RUN(run, 0);
    QVERIFY(run.out.startsWith(u"{\n  \"format\":\"portfolio-tracker-book\",\n  \"version\":1,"_s));
    QFile document(m_document);
    QVERIFY(document.open(QIODevice::ReadOnly));
    QCOMPARE(run.out.size(), QString::fromUtf8(document.readAll()).size());
}

void JsonCliTest::exportOnePortfolio()
{
    const QString output = file(u"one.json"_s);
    CliRun run
        = cli(m_book, { u"export"_s, u"json"_s, u"--portfolio"_s, u"Synthetic Portfolio 2"_s, u"--output"_s, output });
    VERIFY_RUN(run, 0);
    QVERIFY2(run.out.contains(u"format version: 1 (portfolios)"_s), qPrintable(run.out));
    QVERIFY2(run.out.contains(u"portfolios:     1\n"_s), qPrintable(run.out));
    run = cli(m_book, { u"export"_s, u"json"_s, u"--portfolio"_s, u"Nope"_s });
    VERIFY_RUN(run, 2);
    QVERIFY2(run.err.contains(u"--portfolio: "_s), qPrintable(run.err));

    const QString target = file(u"one.sqlite"_s);
    run = cli(target, { u"import"_s, u"json"_s, output });
    VERIFY_RUN(run, 0);
    const QString portfolios = cli(target, { u"portfolio"_s, u"list"_s }).out;
    QVERIFY(portfolios.contains(u"Synthetic Portfolio 2"_s));
    QVERIFY(!portfolios.contains(u"Synthetic Portfolio 1"_s));
    const CliRun mine = cli(target, { u"holdings"_s, u"--portfolio"_s, u"Synthetic Portfolio 2"_s });
    const CliRun theirs = cli(m_book, { u"holdings"_s, u"--portfolio"_s, u"Synthetic Portfolio 2"_s });
    VERIFY_RUN(mine, 0);
    QCOMPARE(mine.out, theirs.out);
}

void JsonCliTest::secondImportRefused()
{
    const QString target = file(u"twice.sqlite"_s);
    VERIFY_RUN(cli(target, { u"import"_s, u"json"_s, m_document }), 0);
    const CliRun again = cli(target, { u"import"_s, u"json"_s, m_document });
    VERIFY_RUN(again, 2);
    QVERIFY2(again.err.contains(u"portfolios[0]: the store already has this portfolio"_s), qPrintable(again.err));
    QVERIFY2(again.err.contains(u"nothing was imported"_s), qPrintable(again.err));
}

void JsonCliTest::damagedDocumentRefused()
{
    QFile original(m_document);
    QVERIFY(original.open(QIODevice::ReadOnly));
    QByteArray text = original.readAll();
    // The first entry with a quantity gets one that is not a number.
    const qsizetype at = text.indexOf("\"quantity\":\"");
    QVERIFY(at > 0);
    const qsizetype end = text.indexOf('"', at + 12);
    text.replace(at, end - at + 1, "\"quantity\":\"12,5\"");
    const QString damaged = file(u"damaged.json"_s);
    QFile out(damaged);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(text);
    out.close();

    const QString target = file(u"untouched.sqlite"_s);
    const CliRun run = cli(target, { u"import"_s, u"json"_s, damaged });
    VERIFY_RUN(run, 2);
    QVERIFY2(run.err.contains(u"].quantity: '12,5' is not a number"_s), qPrintable(run.err));
    QVERIFY2(run.err.contains(u"transactions["_s), qPrintable(run.err));
    QVERIFY(!cli(target, { u"portfolio"_s, u"list"_s }).out.contains(u"Synthetic"_s));
}

void JsonCliTest::dryRunWritesNothing()
{
    const QString target = file(u"dry.sqlite"_s);
    const CliRun run = cli(target, { u"import"_s, u"json"_s, m_document, u"--dry-run"_s });
    VERIFY_RUN(run, 0);
    QVERIFY2(run.out.contains(u"nothing was imported (--dry-run)"_s), qPrintable(run.out));
    QVERIFY(!cli(target, { u"portfolio"_s, u"list"_s }).out.contains(u"Synthetic"_s));
}

void JsonCliTest::jsonBackupOfSqliteRestores()
{
    const QString backup = file(u"backup.json"_s);
    CliRun run = cli(m_book, { u"backup"_s, u"--json"_s, backup });
    VERIFY_RUN(run, 0);
    QVERIFY2(run.out.contains(u"as a JSON export"_s), qPrintable(run.out));
    run = cli(m_book, { u"backup"_s, u"--json"_s, m_book });
    VERIFY_RUN(run, 2);
    QVERIFY2(run.err.contains(u"is the store itself"_s), qPrintable(run.err));

    // Restored over a store holding something else: it holds the backup only.
    const QString target = file(u"restored.sqlite"_s);
    VERIFY_RUN(cli(target, { u"portfolio"_s, u"add"_s, u"--name"_s, u"Other"_s, u"--currency"_s, u"CHF"_s }), 0);
    run = cli(target, { u"restore"_s, backup, u"--yes"_s });
    VERIFY_RUN(run, 0);
    QVERIFY2(run.out.contains(u"Restored "_s), qPrintable(run.out));
    QVERIFY(!cli(target, { u"portfolio"_s, u"list"_s }).out.contains(u"Other"_s));
    QCOMPARE(holdings(target), holdings(m_book));
}

void JsonCliTest::restoreRefusals()
{
    const QString target = file(u"refusing.sqlite"_s);
    VERIFY_RUN(cli(target, { u"portfolio"_s, u"add"_s, u"--name"_s, u"Kept"_s, u"--currency"_s, u"EUR"_s }), 0);
    // Off a terminal without --yes.
    CliRun run = cli(target, { u"restore"_s, m_document });
    VERIFY_RUN(run, 2);
    QVERIFY2(run.err.contains(u"pass --yes"_s), qPrintable(run.err));
    // Not a backup at all.
    const QString text = file(u"notes.txt"_s);
    QFile notes(text);
    QVERIFY(notes.open(QIODevice::WriteOnly));
    notes.write("just some notes\n");
    notes.close();
    run = cli(target, { u"restore"_s, text, u"--yes"_s });
    VERIFY_RUN(run, 2);
    QVERIFY2(run.err.contains(u"neither an SQLite backup nor a JSON export"_s), qPrintable(run.err));
    // A document of a newer format.
    QFile original(m_document);
    QVERIFY(original.open(QIODevice::ReadOnly));
    const QByteArray newer = original.readAll().replace("\"version\":1", "\"version\":7");
    const QString future = file(u"future.json"_s);
    QFile out(future);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(newer);
    out.close();
    run = cli(target, { u"restore"_s, future, u"--yes"_s });
    VERIFY_RUN(run, 2);
    QVERIFY2(run.err.contains(u"format version 7"_s), qPrintable(run.err));
    QVERIFY(cli(target, { u"portfolio"_s, u"list"_s }).out.contains(u"Kept"_s));
}

void JsonCliTest::postgresBackupAndRestore()
{
    if (!pt::test::testingPostgres())
        QSKIP("runs as tst_jsoncli@postgresql, on the test server");
    auto made = pt::test::createPostgresTestDatabase();
    QVERIFY2(made.ok(), qPrintable(made.ok() ? QString() : made.error()));
    const QString url = pt::store::StoreLocation::postgresql(*made).toString();
    struct Drop
    {
        QString name;
        ~Drop() { (void)pt::test::dropPostgresTestDatabase(name); }
    } drop { made->database };

    CliRun run = cli(url, { u"import"_s, u"json"_s, m_document });
    VERIFY_RUN(run, 0);
    QCOMPARE(holdings(url), holdings(m_book));

    // backup of a PostgreSQL store: the JSON export.
    const QString backup = file(u"postgres.json"_s);
    run = cli(url, { u"backup"_s, backup });
    VERIFY_RUN(run, 0);
    QVERIFY2(run.out.contains(u"as a JSON export"_s), qPrintable(run.out));
    QVERIFY2(run.out.contains(u"entries:        400"_s), qPrintable(run.out));

    VERIFY_RUN(cli(url, { u"portfolio"_s, u"add"_s, u"--name"_s, u"Later"_s, u"--currency"_s, u"EUR"_s }), 0);
    run = cli(url, { u"restore"_s, backup });
    VERIFY_RUN(run, 2);
    QVERIFY(cli(url, { u"portfolio"_s, u"list"_s }).out.contains(u"Later"_s));
    run = cli(url, { u"restore"_s, backup, u"--yes"_s });
    VERIFY_RUN(run, 0);
    QVERIFY(!cli(url, { u"portfolio"_s, u"list"_s }).out.contains(u"Later"_s));
    QCOMPARE(holdings(url), holdings(m_book));

    // An SQLite backup cannot replace a PostgreSQL store.
    const QString sqliteBackup = file(u"backup.sqlite"_s);
    VERIFY_RUN(cli(m_book, { u"backup"_s, sqliteBackup }), 0);
    run = cli(url, { u"restore"_s, sqliteBackup, u"--yes"_s });
    VERIFY_RUN(run, 2);
    QVERIFY2(run.err.contains(u"copy-store"_s), qPrintable(run.err));
}

QTEST_GUILESS_MAIN(JsonCliTest)
#include "tst_jsoncli.moc"
