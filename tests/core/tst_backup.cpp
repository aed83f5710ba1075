// backupTo(), checkBackup() and restoreInto() on real SQLite files: the copy
// holds the same rows, stays consistent while another connection writes, and
// every refused restore leaves the store byte-for-byte as it was.

#include "../common/testsupport.h"

#include "generator/samplebook.h"
#include "store/backup.h"
#include "store/database.h"
#include "store/migrator.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QLockFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QThread>

#include <atomic>

using namespace pt;
using namespace pt::store;
using namespace Qt::StringLiterals;

namespace {

// Every row of `table`, in key order, as text.
QStringList tableRows(const QSqlDatabase &connection, const QString &table, const QString &where = {})
{
    QStringList rows;
    QSqlQuery query(connection);
    if (!query.exec(u"SELECT * FROM "_s + table + (where.isEmpty() ? QString() : u" WHERE "_s + where)
                    + u" ORDER BY 1"_s)) {
        rows << u"error: "_s + query.lastError().text();
        return rows;
    }
    while (query.next()) {
        QStringList values;
        for (int column = 0; column < query.record().count(); ++column)
            values << query.value(column).toString();
        rows << values.join(u'|');
    }
    return rows;
}

const QStringList ComparedTables{u"portfolio"_s, u"asset"_s, u"ledger_transaction"_s, u"daily_price"_s,
                                 u"corporate_action"_s};

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(bytes);
}

} // namespace

class TestBackup : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void backupHoldsTheSameRows();
    void backupWhileAnotherConnectionWrites();
    void backupOntoTheStoreRefused();
    void checkDescribesTheBackup();
    void restoreRefused_data();
    void restoreRefused();
    void restoreReplacesTheData();
    void restoreRefusedWhileJobLockHeld();
    void restoreRefusedWhileStoreOpen();

private:
    // A store with the sample book, backed up to `backup` in its folder.
    static void makeBackup(test::TemporaryStore &store, const QString &backup);
};

void TestBackup::makeBackup(test::TemporaryStore &store, const QString &backup)
{
    PT_VERIFY_OK(createSampleBook(store.db(), QDate(2024, 6, 28)));
    auto info = backupTo(store.db(), backup);
    PT_VERIFY_OK(info);
}

void TestBackup::backupHoldsTheSameRows()
{
    test::TemporaryStore store;
    const QString backup = store.path(u"copy.sqlite"_s);
    makeBackup(store, backup);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(!QFile::exists(backup + u"-wal"_s));
    QVERIFY(!QFile::exists(backup + u"-journal"_s));
    // A single file in rollback-journal mode: header bytes 18 and 19 are 1.
    QFile header(backup);
    QVERIFY(header.open(QIODevice::ReadOnly));
    const QByteArray first = header.read(20);
    QCOMPARE(int(first.at(18)), 1);
    QCOMPARE(int(first.at(19)), 1);
    // No temporaries left in the folder.
    QCOMPARE(QDir(store.folder.path()).entryList({u"*.part"_s}, QDir::Files | QDir::Hidden), QStringList());

    auto copy = Database::openSqlite(backup);
    PT_VERIFY_OK(copy);
    for (const QString &table : ComparedTables) {
        const QStringList original = tableRows(store.db().connection(), table);
        QVERIFY2(!original.isEmpty() || table == u"corporate_action", qPrintable(table));
        QCOMPARE(tableRows((*copy)->connection(), table), original);
    }
}

void TestBackup::backupWhileAnotherConnectionWrites()
{
    test::TemporaryStore store;
    PT_VERIFY_OK(createSampleBook(store.db(), QDate(2024, 6, 28)));
    const QString backup = store.path(u"copy.sqlite"_s);

    std::atomic<bool> stop{false};
    std::atomic<int> written{0};
    QString writerError;
    const Database &db = store.db();
    std::unique_ptr<QThread> writer(QThread::create([&] {
        QSqlDatabase connection = db.connection();
        const QString padding(2000, u'x');
        for (int i = 0; !stop.load(); ++i) {
            QSqlQuery query(connection);
            query.prepare(u"INSERT INTO portfolio (uuid, name, base_currency, cost_basis_method, created_at, "
                          u"updated_at) VALUES (?, ?, 'EUR', 'fifo', 0, 0)"_s);
            query.addBindValue(u"writer-%1"_s.arg(i));
            query.addBindValue(QString(u"W%1 "_s.arg(i, 6, 10, QLatin1Char('0')) + padding));
            if (!query.exec()) {
                writerError = query.lastError().text();
                return;
            }
            written.fetch_add(1);
        }
    }));
    writer->start();
    while (written.load() < 50)
        QThread::msleep(1);
    auto info = backupTo(store.db(), backup);
    const int afterBackup = written.load();
    stop = true;
    writer->wait();
    QVERIFY2(writerError.isEmpty(), qPrintable(writerError));
    PT_VERIFY_OK(info);

    // The copy is one consistent moment: exactly the rows the store had up to
    // its newest writer row, and intact (backupTo ran integrity_check on it).
    auto copy = Database::openSqlite(backup);
    PT_VERIFY_OK(copy);
    const QStringList copied = tableRows((*copy)->connection(), u"portfolio"_s);
    QVERIFY(copied.size() > 1);
    const QString lastId = copied.last().section(u'|', 0, 0);
    QCOMPARE(copied, tableRows(store.db().connection(), u"portfolio"_s, u"id <= "_s + lastId));
    const qsizetype writerRows = copied.filter(u"writer-"_s).size();
    QVERIFY(writerRows >= 50);
    QVERIFY(writerRows <= afterBackup);
    for (const QString &table : {u"ledger_transaction"_s, u"daily_price"_s})
        QCOMPARE(tableRows((*copy)->connection(), table), tableRows(store.db().connection(), table));
}

void TestBackup::backupOntoTheStoreRefused()
{
    test::TemporaryStore store;
    PT_VERIFY_OK(createSampleBook(store.db(), QDate(2024, 6, 28)));
    const QByteArray before = test::fileDigest(store.path());
    for (const QString &target : QStringList{store.path(), QString(store.folder.path() + u"/./store.sqlite"_s),
                                              QString(store.path() + u"-wal"_s)}) {
        auto refused = backupTo(store.db(), target);
        QVERIFY2(!refused, qPrintable(target));
        QVERIFY2(refused.error().contains(u"store itself"_s), qPrintable(refused.error()));
    }
    QCOMPARE(test::fileDigest(store.path()), before);
    // A folder that does not exist: refused, nothing created.
    QVERIFY(!backupTo(store.db(), store.path(u"missing/copy.sqlite"_s)));
    QVERIFY(!QFile::exists(store.path(u"missing"_s)));
}

void TestBackup::checkDescribesTheBackup()
{
    test::TemporaryStore store;
    const QString backup = store.path(u"copy.sqlite"_s);
    makeBackup(store, backup);
    if (QTest::currentTestFailed())
        return;
    const QByteArray before = test::fileDigest(backup);
    auto check = checkBackup(backup);
    PT_VERIFY_OK(check);
    QCOMPARE(check->summary.schemaVersion, Migrator::latestVersion());
    QVERIFY(!check->needsMigration);
    QCOMPARE(check->summary.portfolios, 1);
    QVERIFY(check->summary.entries > 10);
    QVERIFY(check->summary.prices > 1000);
    QVERIFY(check->summary.newestEntry.isValid());
    QVERIFY(check->summary.newestEntry <= QDate(2024, 6, 28));
    QCOMPARE(check->bytes, QFileInfo(backup).size());
    QCOMPARE(test::fileDigest(backup), before); // read-only
    QVERIFY(!QFile::exists(backup + u"-wal"_s));
}

void TestBackup::restoreRefused_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("message");
    QTest::newRow("text file") << u"text"_s << u"not a Portfolio Tracker store"_s;
    QTest::newRow("empty file") << u"empty"_s << u"not a Portfolio Tracker store"_s;
    QTest::newRow("another program's database") << u"foreign"_s << u"not a Portfolio Tracker store"_s;
    QTest::newRow("truncated backup") << u"truncated"_s << u"damaged"_s;
    QTest::newRow("newer schema") << u"newer"_s << u"newer version"_s;
    QTest::newRow("missing file") << u"missing"_s << u"does not exist"_s;
}

void TestBackup::restoreRefused()
{
    QFETCH(QString, kind);
    QFETCH(QString, message);

    QTemporaryDir folder;
    const QString storePath = folder.filePath(u"store.sqlite"_s);
    const QString good = folder.filePath(u"good.sqlite"_s);
    {
        auto store = Database::openSqlite(storePath);
        PT_VERIFY_OK(store);
        PT_VERIFY_OK(createSampleBook(**store, QDate(2024, 6, 28)));
        PT_VERIFY_OK(backupTo(**store, good));
    }
    const QString bad = folder.filePath(u"bad.sqlite"_s);
    if (kind == u"text") {
        writeFile(bad, "Date,Close\n2024-01-01,100\n");
    } else if (kind == u"empty") {
        writeFile(bad, {});
    } else if (kind == u"foreign" || kind == u"newer") {
        if (kind == u"newer")
            QVERIFY(QFile::copy(good, bad));
        {
            QSqlDatabase connection = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"bad"_s);
            connection.setDatabaseName(bad);
            QVERIFY(connection.open());
            QSqlQuery query(connection);
            if (kind == u"foreign") {
                QVERIFY(query.exec(u"PRAGMA application_id = 1234"_s));
                QVERIFY(query.exec(u"CREATE TABLE notes (text TEXT)"_s));
            } else {
                QVERIFY(query.exec(u"INSERT INTO schema_migration (version, name, applied_at) VALUES (%1, "
                                   u"'future', 0)"_s.arg(Migrator::latestVersion() + 1)));
            }
            query.finish();
            connection.close();
        }
        QSqlDatabase::removeDatabase(u"bad"_s);
    } else if (kind == u"truncated") {
        QFile source(good);
        QVERIFY(source.open(QIODevice::ReadOnly));
        writeFile(bad, source.read(source.size() / 2));
    }

    QVERIFY(!QFile::exists(storePath + u"-wal"_s));
    const QByteArray before = test::fileDigest(storePath);
    QVERIFY(!before.isEmpty());
    const auto files = QDir(folder.path()).entryList(QDir::Files | QDir::Hidden);

    QVERIFY(!checkBackup(bad));
    auto refused = restoreInto(bad, storePath);
    QVERIFY(!refused);
    QVERIFY2(refused.error().contains(message), qPrintable(refused.error()));
    QCOMPARE(test::fileDigest(storePath), before);
    QCOMPARE(QDir(folder.path()).entryList(QDir::Files | QDir::Hidden), files);
}

void TestBackup::restoreReplacesTheData()
{
    test::TemporaryStore original;
    const QString backup = original.path(u"copy.sqlite"_s);
    makeBackup(original, backup);
    if (QTest::currentTestFailed())
        return;

    QTemporaryDir folder;
    const QString storePath = folder.filePath(u"store.sqlite"_s);
    {
        auto other = Database::openSqlite(storePath);
        PT_VERIFY_OK(other);
        QSqlQuery query((*other)->connection());
        QVERIFY(query.exec(u"INSERT INTO portfolio (uuid, name, base_currency, cost_basis_method, created_at, "
                           u"updated_at) VALUES ('other', 'Other', 'USD', 'average', 0, 0)"_s));
    }
    PT_VERIFY_OK(restoreInto(backup, storePath));
    for (const char *side : {"-wal", "-shm", "-journal"})
        QVERIFY2(!QFile::exists(storePath + QString::fromLatin1(side)), side);
    QCOMPARE(QDir(folder.path()).entryList({u"*.part"_s}, QDir::Files | QDir::Hidden), QStringList());

    auto restored = Database::openSqlite(storePath);
    PT_VERIFY_OK(restored);
    for (const QString &table : ComparedTables)
        QCOMPARE(tableRows((*restored)->connection(), table), tableRows(original.db().connection(), table));
    QVERIFY(!tableRows((*restored)->connection(), u"portfolio"_s).join(u'\n').contains(u"Other"_s));
}

void TestBackup::restoreRefusedWhileJobLockHeld()
{
    test::TemporaryStore original;
    const QString backup = original.path(u"copy.sqlite"_s);
    makeBackup(original, backup);
    if (QTest::currentTestFailed())
        return;

    QTemporaryDir folder;
    const QString storePath = folder.filePath(u"store.sqlite"_s);
    PT_VERIFY_OK(Database::openSqlite(storePath)); // created, then closed
    const QByteArray before = test::fileDigest(storePath);

    // What JobRunner::start() takes; held by "another process" here.
    QLockFile runnerLock(storePath + u".jobs.lock"_s);
    QVERIFY(runnerLock.tryLock(0));
    auto refused = restoreInto(backup, storePath);
    QVERIFY(!refused);
    QVERIFY2(refused.error().contains(u"using the store"_s), qPrintable(refused.error()));
    QCOMPARE(test::fileDigest(storePath), before);

    runnerLock.unlock();
    PT_VERIFY_OK(restoreInto(backup, storePath));
    QVERIFY(test::fileDigest(storePath) != before);
}

void TestBackup::restoreRefusedWhileStoreOpen()
{
    test::TemporaryStore original;
    const QString backup = original.path(u"copy.sqlite"_s);
    makeBackup(original, backup);
    if (QTest::currentTestFailed())
        return;

    // The store open on a connection (another program): leaving WAL mode fails.
    test::TemporaryStore open;
    const QStringList before = tableRows(open.db().connection(), u"portfolio"_s);
    auto refused = restoreInto(backup, open.path());
    QVERIFY(!refused);
    QVERIFY2(refused.error().contains(u"open"_s), qPrintable(refused.error()));
    QCOMPARE(tableRows(open.db().connection(), u"portfolio"_s), before);
    QCOMPARE(QDir(open.folder.path()).entryList({u"*.part"_s}, QDir::Files | QDir::Hidden), QStringList());
}

QTEST_GUILESS_MAIN(TestBackup)
#include "tst_backup.moc"
