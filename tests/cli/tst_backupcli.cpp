// `portfolio-cli backup` and `portfolio-cli restore` through the real executable.

#include "clirunner.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using pt::test::CliRun;

class BackupCliTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void backupThenRestore();
    void restoreWithoutYesOffTerminalRefused();
    void restoreOfANonStoreRefused();

private:
    CliRun cli(const QStringList &arguments)
    {
        return pt::test::runCli(QStringList{u"--db"_s, m_store} + arguments);
    }
    QString portfolios()
    {
        return cli({u"portfolio"_s, u"list"_s}).out;
    }

    QTemporaryDir m_dir{pt::test::testTempRoot() + u"/backup-XXXXXX"_s};
    QString m_store;
    QString m_backup;
};

void BackupCliTest::initTestCase()
{
    QVERIFY2(QFile::exists(pt::test::cliPath()), "PT_CLI must name the portfolio-cli executable");
    QVERIFY(m_dir.isValid());
    m_store = m_dir.filePath(u"store.sqlite"_s);
    m_backup = m_dir.filePath(u"backup.sqlite"_s);
    const CliRun run = cli({u"portfolio"_s, u"add"_s, u"--name"_s, u"Main"_s, u"--currency"_s, u"EUR"_s});
    QVERIFY2(run.finished && run.exitCode == 0, qPrintable(run.out + run.err));
}

void BackupCliTest::backupThenRestore()
{
    CliRun run = cli({u"backup"_s, m_backup});
    QVERIFY2(run.finished && run.exitCode == 0, qPrintable(run.out + run.err));
    QVERIFY2(run.out.contains(u"bytes"_s), qPrintable(run.out));
    QVERIFY2(run.out.contains(u"portfolios:     1"_s), qPrintable(run.out));
    QVERIFY(QFile::exists(m_backup));

    run = cli({u"portfolio"_s, u"add"_s, u"--name"_s, u"Later"_s, u"--currency"_s, u"USD"_s});
    QVERIFY2(run.finished && run.exitCode == 0, qPrintable(run.out + run.err));
    QVERIFY(portfolios().contains(u"Later"_s));

    run = cli({u"restore"_s, m_backup, u"--yes"_s});
    QVERIFY2(run.finished && run.exitCode == 0, qPrintable(run.out + run.err));
    QVERIFY2(run.out.contains(u"portfolios:     1"_s), qPrintable(run.out));
    QVERIFY2(run.out.contains(u"Restored"_s), qPrintable(run.out));
    const QString after = portfolios();
    QVERIFY2(after.contains(u"Main"_s), qPrintable(after));
    QVERIFY2(!after.contains(u"Later"_s), qPrintable(after));
}

void BackupCliTest::restoreWithoutYesOffTerminalRefused()
{
    if (!QFile::exists(m_backup))
        QVERIFY(cli({u"backup"_s, m_backup}).exitCode == 0);
    QVERIFY(cli({u"portfolio"_s, u"add"_s, u"--name"_s, u"Kept"_s, u"--currency"_s, u"EUR"_s}).exitCode == 0);
    // runCli gives the child a pipe for stdin, never a terminal.
    const CliRun run = cli({u"restore"_s, m_backup});
    QVERIFY(run.finished);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(u"--yes"_s), qPrintable(run.err));
    QVERIFY(portfolios().contains(u"Kept"_s));
}

void BackupCliTest::restoreOfANonStoreRefused()
{
    const QString text = m_dir.filePath(u"notes.txt"_s);
    QFile file(text);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("not a database\n");
    file.close();
    const CliRun run = cli({u"restore"_s, text, u"--yes"_s});
    QVERIFY(run.finished);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(u"not a Portfolio Tracker store"_s), qPrintable(run.err));
    QVERIFY(portfolios().contains(u"Main"_s));
}

QTEST_GUILESS_MAIN(BackupCliTest)
#include "tst_backupcli.moc"
