// `portfolio-cli copy-store` through the real executable: SQLite to SQLite,
// and (the @postgresql run) SQLite -> PostgreSQL -> SQLite on the test server
// of ctest's "postgres" fixture.

#include "clirunner.h"

#include "../common/postgresstore.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using pt::test::CliRun;

class CopyStoreCliTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void sqliteToSqlite();
    void refusals();
    void sqliteToPostgresAndBack();

private:
    QString file(const QString &name) const { return m_dir.filePath(name); }
    static CliRun cli(const QStringList &arguments) { return pt::test::runCli(arguments); }
    // What a store holds, as the CLI shows it: holdings, the value series, the alerts.
    static QString shown(const QString &store)
    {
        QString text;
        for (const QStringList &command :
             { QStringList { u"holdings"_s }, QStringList { u"value"_s, u"--to"_s, u"2024-12-31"_s },
               QStringList { u"alerts"_s, u"rules"_s }, QStringList { u"portfolio"_s, u"list"_s } }) {
            const CliRun run = cli(QStringList { u"--db"_s, store } + command);
            text += run.out + run.err;
        }
        return text;
    }
    static void checkReport(const CliRun &run);

    QTemporaryDir m_dir { pt::test::testTempRoot() + u"/copystore-XXXXXX"_s };
    QString m_source;
};

// Runs (once) and checks the exit code, printing what the run said when it differs.
#define VERIFY_RUN(expression, code)                                                                                   \
    do {                                                                                                               \
        const CliRun run_ = (expression);                                                                              \
        QVERIFY2(run_.finished &&run_.exitCode == (code), qPrintable(run_.out + run_.err));                            \
    } while (false)

void CopyStoreCliTest::initTestCase()
{
    QVERIFY2(QFile::exists(pt::test::cliPath()), "PT_CLI must name the portfolio-cli executable");
    QVERIFY(m_dir.isValid());
    m_source = file(u"source.sqlite"_s);
    CliRun run = cli({ u"--db"_s, m_source, u"generate"_s, u"--portfolios"_s, u"3"_s, u"--assets"_s, u"20"_s,
                       u"--transactions"_s, u"600"_s, u"--years"_s, u"2"_s, u"--seed"_s, u"11"_s });
    VERIFY_RUN(run, 0);
    run = cli({ u"--db"_s, m_source, u"alerts"_s, u"thresholds"_s, u"--portfolio"_s, u"Synthetic Portfolio 1"_s,
                u"--loss"_s, u"-8"_s });
    VERIFY_RUN(run, 0);
}

void CopyStoreCliTest::checkReport(const CliRun &run)
{
    QVERIFY2(run.out.contains(u"Holdings: identical (3 portfolios"_s), qPrintable(run.out));
    QVERIFY2(run.out.contains(u"Value series: identical"_s), qPrintable(run.out));
    QVERIFY2(run.out.contains(u"  ledger_transaction          600        600\n"_s), qPrintable(run.out));
    QVERIFY2(run.out.contains(u"  alert_rule                    1          1\n"_s), qPrintable(run.out));
    QVERIFY2(run.out.contains(u"  daily_price: "_s), qPrintable(run.out));
}

void CopyStoreCliTest::sqliteToSqlite()
{
    PT_SKIP_ON_POSTGRES("the PostgreSQL run copies through its server");
    const QString target = file(u"copy.sqlite"_s);
    const CliRun run = cli({ u"copy-store"_s, u"--from"_s, m_source, u"--to"_s, target });
    VERIFY_RUN(run, 0);
    checkReport(run);
    const QString expected = shown(m_source);
    QVERIFY(expected.contains(u"SYN0001"_s));
    QCOMPARE(shown(target), expected);

    // --from defaults to the --db store.
    const QString second = file(u"second.sqlite"_s);
    VERIFY_RUN(cli({ u"--db"_s, m_source, u"copy-store"_s, u"--to"_s, second, u"--skip-value-check"_s }), 0);
    QCOMPARE(shown(second), expected);
}

void CopyStoreCliTest::refusals()
{
    PT_SKIP_ON_POSTGRES("the PostgreSQL run copies through its server");
    const QString busy = file(u"busy.sqlite"_s);
    VERIFY_RUN(cli({ u"--db"_s, busy, u"portfolio"_s, u"add"_s, u"--name"_s, u"Mine"_s, u"--currency"_s, u"EUR"_s }),
               0);
    CliRun run = cli({ u"copy-store"_s, u"--from"_s, m_source, u"--to"_s, busy });
    VERIFY_RUN(run, 2);
    QVERIFY2(run.err.contains(u"already holds data: portfolio (1 rows)"_s), qPrintable(run.err));
    QVERIFY(!cli({ u"--db"_s, busy, u"portfolio"_s, u"list"_s }).out.contains(u"Synthetic"_s));

    run = cli({ u"copy-store"_s, u"--from"_s, m_source });
    VERIFY_RUN(run, 2);
    QVERIFY2(run.err.contains(u"--to is missing"_s), qPrintable(run.err));
    run = cli({ u"copy-store"_s, u"--from"_s, m_source, u"--to"_s, m_source });
    VERIFY_RUN(run, 2);
    QVERIFY2(run.err.contains(u"the same store"_s), qPrintable(run.err));
    run = cli({ u"copy-store"_s, u"--from"_s, m_source, u"--to"_s, u"postgresql://me:secret@host/db"_s });
    VERIFY_RUN(run, 2);
}

void CopyStoreCliTest::sqliteToPostgresAndBack()
{
    if (!pt::test::testingPostgres())
        QSKIP("runs as tst_copystorecli@postgresql, on the test server");
    auto made = pt::test::createPostgresTestDatabase();
    QVERIFY2(made.ok(), qPrintable(made.ok() ? QString() : made.error()));
    struct Drop
    {
        QString name;
        ~Drop() { (void)pt::test::dropPostgresTestDatabase(name); }
    } drop { made->database };
    const QString url = pt::store::StoreLocation::postgresql(*made).toString();

    CliRun run = cli({ u"copy-store"_s, u"--from"_s, m_source, u"--to"_s, url });
    VERIFY_RUN(run, 0);
    checkReport(run);
    const QString expected = shown(m_source);
    QCOMPARE(shown(url), expected);

    run = cli({ u"copy-store"_s, u"--from"_s, m_source, u"--to"_s, url });
    VERIFY_RUN(run, 2);
    QVERIFY2(run.err.contains(u"already holds data"_s), qPrintable(run.err));

    const QString back = file(u"back.sqlite"_s);
    run = cli({ u"copy-store"_s, u"--from"_s, url, u"--to"_s, back });
    VERIFY_RUN(run, 0);
    checkReport(run);
    QCOMPARE(shown(back), expected);
}

QTEST_GUILESS_MAIN(CopyStoreCliTest)
#include "tst_copystorecli.moc"
