// Nothing half-written after a crash: `portfolio-cli prices import` of 200,000
// rows is killed with SIGKILL at moments spread over a measured import, before,
// during and after its commit. Every time, the store must pass SQLite's
// integrity check and hold either all the rows or none.

#include "store/assetrepository.h"
#include "store/database.h"
#include "store/pricerepository.h"

#include "clirunner.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <map>

using namespace Qt::StringLiterals;

namespace {

constexpr int Rows = 200'000;
constexpr int Kills = 20; // 8 timed from the start, 8 from the write, 4 from the commit
const QString Symbol = u"CRASH"_s;

} // namespace

class CrashSafetyTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void killedImportLeavesAllOrNothing();

private:
    struct Outcome
    {
        bool killed = false;       // false: it had finished before the kill was due
        bool writeStarted = false; // it had said it was writing
        bool committed = false;    // it had said the rows were imported
        qint64 elapsedMs = 0;
        QString integrity;
        std::int64_t rows = -1;
    };

    // A fresh copy of the template store, so each run starts from no prices.
    bool freshStore();
    // What a kill is timed from: the start of the process, its "Writing ..."
    // line (printed just before the write transaction), or its "Imported ..."
    // line (printed once the commit returned).
    enum From { Start, Writing, Committed };
    struct Timing
    {
        qint64 writing = -1;   // ms after the start when it said it was writing
        qint64 committed = -1; // ms after the start when it said it had imported
    };
    // Runs the import and kills it `killAfterMs` after the moment `from`
    // (never, when negative).
    Outcome runImport(qint64 killAfterMs, From from = Start, Timing *timing = nullptr);
    Outcome inspect(Outcome outcome);

    QTemporaryDir m_dir{pt::test::testTempRoot() + u"/tst_crashsafety-XXXXXX"_s};
    QString m_template;
    QString m_store;
    QString m_csv;
};

void CrashSafetyTest::initTestCase()
{
    QVERIFY2(QFile::exists(pt::test::cliPath()), "PT_CLI must name the portfolio-cli executable");
    QVERIFY(m_dir.isValid());
    m_template = m_dir.filePath(u"template.sqlite"_s);
    m_store = m_dir.filePath(u"run.sqlite"_s);
    m_csv = m_dir.filePath(u"prices.csv"_s);

    const pt::test::CliRun added = pt::test::runCli({u"--db"_s, m_template, u"asset"_s, u"add"_s, u"--symbol"_s,
                                                     Symbol, u"--name"_s, u"Crash test"_s, u"--class"_s, u"stock"_s,
                                                     u"--currency"_s, u"EUR"_s});
    QVERIFY2(added.exitCode == 0, qPrintable(added.err));

    // 200,000 consecutive days from 1500 on (the importer wants unique dates, not trading days).
    QByteArray csv = "date,open,high,low,close,adj_close,volume\n";
    csv.reserve(Rows * 60);
    QDate day(1500, 1, 1);
    for (int i = 0; i < Rows; ++i, day = day.addDays(1)) {
        const int cents = 10'000 + (i * 37) % 5'000;
        const QByteArray close = QByteArray::number(cents / 100) + '.' + QByteArray::number(cents % 100).rightJustified(2, '0');
        csv += day.toString(Qt::ISODate).toLatin1() + ',' + close + ',' + close + ',' + close + ',' + close + ','
               + close + ',' + QByteArray::number(1000 + i) + '\n';
    }
    QFile file(m_csv);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(csv), qint64(csv.size()));
}

bool CrashSafetyTest::freshStore()
{
    for (const QString &suffix : {QString(), u"-wal"_s, u"-shm"_s, u"-journal"_s}) {
        if (QFile::exists(m_store + suffix) && !QFile::remove(m_store + suffix))
            return false;
    }
    // The CLI closed its connection, so SQLite will normally have folded the
    // WAL into the file; a WAL left behind is copied along with it.
    if (QFile::exists(m_template + u"-wal"_s) && !QFile::copy(m_template + u"-wal"_s, m_store + u"-wal"_s))
        return false;
    return QFile::copy(m_template, m_store);
}

CrashSafetyTest::Outcome CrashSafetyTest::runImport(qint64 killAfterMs, From from, Timing *timing)
{
    Outcome outcome;
    QProcess process;
    QElapsedTimer timer;
    timer.start();
    process.start(pt::test::cliPath(), {u"--db"_s, m_store, u"prices"_s, u"import"_s, u"--asset"_s, Symbol, m_csv});
    if (!process.waitForStarted())
        return outcome;
    QByteArray output;
    Timing seen;
    const auto watchUntil = [&](const qint64 &moment, const char *marker) {
        while (moment < 0 && process.state() != QProcess::NotRunning) {
            process.waitForReadyRead(2);
            output += process.readAllStandardOutput();
            if (seen.writing < 0 && output.contains("Writing"))
                seen.writing = timer.elapsed();
            if (seen.committed < 0 && output.contains("Imported"))
                seen.committed = timer.elapsed();
            if (output.contains(marker))
                break;
        }
    };
    if (killAfterMs < 0 || from == Committed)
        watchUntil(seen.committed, "Imported");
    else if (from == Writing)
        watchUntil(seen.writing, "Writing");
    if (timing)
        *timing = seen;

    if (killAfterMs < 0) {
        process.waitForFinished(-1);
    } else {
        const qint64 origin = from == Start ? 0 : from == Writing ? seen.writing : seen.committed;
        const qint64 remaining = origin + killAfterMs - timer.elapsed();
        if (remaining > 0)
            process.waitForFinished(int(remaining)); // returns early if it ends by itself
        if (process.state() != QProcess::NotRunning) {
            process.kill(); // SIGKILL on Unix: no handler, no cleanup, like a power cut for the process
            outcome.killed = true;
        }
        process.waitForFinished();
    }
    outcome.elapsedMs = timer.elapsed();
    output += process.readAllStandardOutput();
    outcome.writeStarted = output.contains("Writing");
    outcome.committed = output.contains("Imported");
    if (!outcome.killed && process.exitCode() != 0)
        qWarning().noquote() << "import failed:" << process.readAllStandardError();
    return inspect(outcome);
}

CrashSafetyTest::Outcome CrashSafetyTest::inspect(Outcome outcome)
{
    // First a bare SQLite connection: it recovers the WAL as any reader would,
    // then checks every page and index.
    {
        QSqlDatabase connection = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"inspect"_s);
        connection.setDatabaseName(m_store);
        if (connection.open()) {
            QSqlQuery query(connection);
            if (query.exec(u"PRAGMA integrity_check"_s) && query.next())
                outcome.integrity = query.value(0).toString();
        }
        connection.close();
    }
    QSqlDatabase::removeDatabase(u"inspect"_s);

    auto database = pt::store::Database::openSqlite(m_store);
    if (!database)
        return outcome;
    auto asset = pt::store::AssetRepository(**database).findByReference(Symbol);
    if (!asset)
        return outcome;
    auto count = pt::store::PriceRepository(**database).count(asset->id);
    if (count)
        outcome.rows = *count;
    return outcome;
}

void CrashSafetyTest::killedImportLeavesAllOrNothing()
{
    // One uninterrupted import: its length and its phases set the kill times.
    QVERIFY(freshStore());
    Timing timing;
    const Outcome full = runImport(-1, Start, &timing);
    QCOMPARE(full.integrity, u"ok"_s);
    QCOMPARE(full.rows, std::int64_t(Rows));
    QVERIFY2(timing.writing >= 0 && timing.committed >= timing.writing, "the import did not report its phases");
    const qint64 duration = full.elapsedMs;
    qInfo("uninterrupted import: %lld ms; writing from %lld ms, committed at %lld ms", duration, timing.writing,
          timing.committed);

    // Kills timed from three moments, each spread over the measured length of
    // what follows it and past it, with a random offset in each slot: from the
    // start (before, during or after the write), from the "Writing" line (into
    // the write transaction), and from the "Imported" line (after the commit,
    // during the WAL checkpoint and exit). Timing from the lines keeps the
    // kills on target when the machine's load makes runs slower or faster
    // than the measured one.
    const std::map<From, std::pair<qint64, int>> plan{
        {Start, {duration, 8}},
        {Writing, {timing.committed - timing.writing, 8}},
        {Committed, {duration - timing.committed, 4}},
    };
    QRandomGenerator random(QRandomGenerator::global()->generate());
    std::map<QString, int> outcomes;
    int killedMidWrite = 0;
    int run = 0;
    for (const auto &[from, span] : plan) {
        const auto [length, count] = span;
        for (int i = 0; i < count; ++i) {
            const double slot = (i + random.generateDouble()) / count;
            const qint64 delay = qint64(slot * double(length) * 1.3);
            QVERIFY(freshStore());
            const Outcome outcome = runImport(delay, from);
            ++run;
            qInfo("run %2d: kill %5lld ms after %s -> %s%s, %lld rows, integrity %s", run, delay,
                  from == Start ? "start   " : from == Writing ? "writing " : "imported",
                  outcome.killed ? "killed" : "finished first",
                  !outcome.killed ? "" : outcome.committed ? " after the commit"
                                       : outcome.writeStarted ? " while writing" : " before writing",
                  qlonglong(outcome.rows), qPrintable(outcome.integrity));
            QCOMPARE(outcome.integrity, u"ok"_s);
            QVERIFY2(outcome.rows == 0 || outcome.rows == Rows,
                     qPrintable(u"run %1 left %2 of %3 rows"_s.arg(run).arg(outcome.rows).arg(Rows)));
            // An acknowledged commit survives the kill.
            if (outcome.committed)
                QCOMPARE(outcome.rows, std::int64_t(Rows));
            const QString key = !outcome.killed          ? u"finished, all rows"_s
                                : outcome.committed      ? u"killed after the commit, all rows"_s
                                : !outcome.writeStarted  ? u"killed before writing, no rows"_s
                                : outcome.rows == 0      ? u"killed while writing, no rows"_s
                                                         : u"killed while writing, all rows"_s;
            ++outcomes[key];
            killedMidWrite += outcome.killed && outcome.writeStarted && outcome.rows == 0 ? 1 : 0;
        }
    }
    QCOMPARE(run, Kills);
    for (const auto &[key, count] : outcomes)
        qInfo("%2d x %s", count, qPrintable(key));
    // Otherwise the test could pass without ever interrupting a write.
    QVERIFY2(killedMidWrite > 0, "no kill landed during the write");
}

QTEST_GUILESS_MAIN(CrashSafetyTest)
#include "tst_crashsafety.moc"
