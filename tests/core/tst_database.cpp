#include "../common/testsupport.h"

#include "store/database.h"
#include "store/migrator.h"
#include "store/portfoliorepository.h"

#include <QCryptographicHash>
#include <QFile>
#include <QProcess>
#include <QScopeGuard>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#include <condition_variable>
#include <mutex>
#include <thread>

using namespace pt;
using namespace pt::store;

namespace {

QVariant pragma(const QSqlDatabase &connection, const QString &name)
{
    QSqlQuery query(connection);
    if (!query.exec(QStringLiteral("PRAGMA ") + name) || !query.next())
        return {};
    return query.value(0);
}

QVariant scalar(const QSqlDatabase &connection, const QString &sql)
{
    QSqlQuery query(connection);
    if (!query.exec(sql) || !query.next())
        return {};
    return query.value(0);
}

// What "the PostgreSQL database is unchanged" compares: its tables and the
// recorded migrations.
QByteArray postgresDigest(const QSqlDatabase &connection)
{
    QStringList tables = connection.tables();
    tables.sort();
    QByteArray content = tables.join(u',').toUtf8();
    QSqlQuery query(connection);
    if (tables.contains(QStringLiteral("schema_migration"))
        && query.exec(QStringLiteral("SELECT version, name, applied_at FROM schema_migration ORDER BY version"))) {
        while (query.next())
            content += '|' + query.value(0).toByteArray() + ',' + query.value(1).toByteArray() + ','
                + query.value(2).toByteArray();
    }
    return QCryptographicHash::hash(content, QCryptographicHash::Sha256);
}

// A role of the test server that must give its password (scram-sha-256, see
// scripts/postgres-test-server); every other role is trusted there.
const QString PasswordRole = QStringLiteral("pt_password_test");

// aThreadEndingAfterQtSqlIsGoneDoesNotCrash's child: in that process, a
// thread that opened the store's connection and ends only once main() has
// returned and Qt SQL's globals are gone, as an idle thread of a pool can.
// Made before main(), so destroyed after them; the store goes after its thread.
struct LateThread
{
    std::shared_ptr<Database> database;
    std::thread thread;
    std::mutex mutex;
    std::condition_variable changed;
    bool opened = false;
    bool mayEnd = false;

    LateThread() = default;
    ~LateThread()
    {
        if (!thread.joinable())
            return;
        {
            const std::lock_guard lock(mutex);
            mayEnd = true;
        }
        changed.notify_all();
        thread.join(); // the thread's connection is let go of here...
        database.reset(); // ...and the store's here
    }
    Q_DISABLE_COPY_MOVE(LateThread)
};
LateThread s_lateThread;

constexpr const char *LateThreadStoreVariable = "PT_TEST_LATE_THREAD_STORE";

} // namespace

class TestDatabase : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void freshStoreIsMigratedToLatest()
    {
        test::TemporaryStore store;
        QVERIFY(Migrator::latestVersion() >= 1);
        QCOMPARE(store.db().schemaVersion(), Migrator::latestVersion());
        const QStringList tables = store.db().connection().tables();
        for (const char *table : {"portfolio", "asset", "ledger_transaction", "daily_price", "corporate_action",
                                  "fx_rate", "schema_migration"})
            QVERIFY2(tables.contains(QString::fromLatin1(table)), table);
    }

    void reopeningKeepsDataAndVersion()
    {
        test::TemporaryStore store;
        Portfolio portfolio;
        portfolio.name = QStringLiteral("Kept");
        QVERIFY(PortfolioRepository(store.db()).add(portfolio));
        store.database.reset(); // closed, as when the program ends
        auto db = store.reopen();
        QVERIFY2(db, qPrintable(db.ok() ? QString() : db.error()));
        QCOMPARE((*db)->schemaVersion(), Migrator::latestVersion());
        QCOMPARE(PortfolioRepository(**db).list()->size(), size_t(1));
    }

    void everyConnectionIsConfigured()
    {
        test::TemporaryStore store;
        const auto check = [&store]() -> QString {
            QSqlDatabase connection = store.db().connection();
            if (test::testingPostgres()) {
                if (!connection.isOpen())
                    return QStringLiteral("not open");
                if (scalar(connection, QStringLiteral("SHOW TimeZone")).toString() != u"UTC")
                    return QStringLiteral("time zone");
                // NUMERIC comes back as its exact text, which Decimal reads back equal.
                const QVariant numeric = scalar(connection, QStringLiteral("SELECT CAST('12.34' AS NUMERIC(39,12))"));
                if (numeric.typeId() != QMetaType::QString || numeric.toString() != u"12.340000000000"
                    || *Decimal::parse(numeric.toString()) != test::dec("12.34"))
                    return QStringLiteral("numeric precision: ") + numeric.toString();
                return QString();
            }
            if (pragma(connection, QStringLiteral("journal_mode")).toString() != u"wal")
                return QStringLiteral("journal_mode");
            if (pragma(connection, QStringLiteral("synchronous")).toInt() != 2) // FULL
                return QStringLiteral("synchronous");
            if (pragma(connection, QStringLiteral("foreign_keys")).toInt() != 1)
                return QStringLiteral("foreign_keys");
            if (pragma(connection, QStringLiteral("busy_timeout")).toInt() < 1000)
                return QStringLiteral("busy_timeout");
            return QString();
        };
        QCOMPARE(check(), QString());
        // Another thread gets its own connection, configured the same way.
        QString otherThread = QStringLiteral("not run");
        QString otherName;
        QThread *thread = QThread::create([&] {
            otherThread = check();
            otherName = store.db().connection().connectionName();
        });
        thread->start();
        QVERIFY(thread->wait(10000));
        delete thread;
        QCOMPARE(otherThread, QString());
        QVERIFY(otherName != store.db().connection().connectionName());
        // The thread's connection is closed as the thread ends (its thread-local
        // clean-up may run just after wait() returns).
        QTRY_VERIFY(!QSqlDatabase::contains(otherName));
    }

    void foreignKeysAreEnforced()
    {
        test::TemporaryStore store;
        QSqlQuery query(store.db().connection());
        QVERIFY(!query.exec(QStringLiteral(
            "INSERT INTO ledger_transaction (uuid, portfolio_id, type, trade_date, currency, created_at, updated_at) "
            "VALUES ('x', 999, 'deposit', '2024-01-01', 'EUR', 0, 0)")));
        QVERIFY2(query.lastError().databaseText().contains(u"foreign key", Qt::CaseInsensitive),
                 qPrintable(query.lastError().databaseText()));
    }

    void newerStoreIsRefusedAndUntouched()
    {
        if (test::testingPostgres()) {
            test::TemporaryStore store;
            QSqlQuery query(store.db().connection());
            QVERIFY(query.exec(QStringLiteral(
                "INSERT INTO schema_migration (version, name, applied_at) VALUES (999, 'from_the_future', 0)")));
            query.finish();
            const QByteArray before = postgresDigest(store.db().connection());

            auto refused = store.reopen();
            QVERIFY(!refused);
            QVERIFY2(refused.error().contains(u"newer version"), qPrintable(refused.error()));
            QVERIFY(refused.error().contains(u"999"));
            QVERIFY(refused.error().contains(u"not changed"));
            QVERIFY2(refused.error().contains(store.location().toString()), qPrintable(refused.error()));
            QCOMPARE(postgresDigest(store.db().connection()), before);
            return;
        }
        QTemporaryDir folder;
        const QString path = folder.filePath(QStringLiteral("future.sqlite"));
        {
            auto db = Database::openSqlite(path);
            QVERIFY(db);
            QSqlQuery query((*db)->connection());
            QVERIFY(query.exec(QStringLiteral(
                "INSERT INTO schema_migration (version, name, applied_at) VALUES (999, 'from_the_future', 0)")));
            query.finish();
            QVERIFY(query.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")));
        }
        const QByteArray before = test::fileDigest(path);
        QVERIFY(!before.isEmpty());

        auto refused = Database::openSqlite(path);
        QVERIFY(!refused);
        QVERIFY2(refused.error().contains(u"newer version"), qPrintable(refused.error()));
        QVERIFY(refused.error().contains(u"999"));
        QVERIFY(refused.error().contains(u"not changed"));
        QCOMPARE(test::fileDigest(path), before);
    }

    void foreignFilesAreRefusedAndUntouched_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QTest::newRow("text file") << QByteArray("date,close\n2024-01-01,5\n") << QStringLiteral("not");
        QTest::newRow("random bytes") << QByteArray(8192, '\x5a') << QStringLiteral("not");
    }
    void foreignFilesAreRefusedAndUntouched()
    {
        PT_SKIP_ON_POSTGRES("files that are no SQLite database");
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        QTemporaryDir folder;
        const QString path = folder.filePath(QStringLiteral("other.sqlite"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
        file.close();
        auto refused = Database::openSqlite(path);
        QVERIFY(!refused);
        QVERIFY2(refused.error().contains(expected), qPrintable(refused.error()));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), content);
    }

    void otherProgramsDatabaseIsRefused()
    {
        if (test::testingPostgres()) {
            auto other = test::createPostgresTestDatabase();
            QVERIFY2(other, qPrintable(other.ok() ? QString() : other.error()));
            const auto dropOther = qScopeGuard([&] { (void)test::dropPostgresTestDatabase(other->database); });
            {
                const QString name = QStringLiteral("other-program");
                QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
                raw.setHostName(other->host);
                raw.setPort(other->port);
                raw.setDatabaseName(other->database);
                raw.setUserName(other->user);
                QVERIFY(raw.open());
                QSqlQuery query(raw);
                QVERIFY(query.exec(QStringLiteral("CREATE TABLE notes (body TEXT)")));
                query.finish();
                auto refused = Database::openPostgres(*other);
                QVERIFY(!refused);
                QVERIFY2(refused.error().contains(u"not a Portfolio Tracker store"), qPrintable(refused.error()));
                QCOMPARE(raw.tables(), QStringList { QStringLiteral("notes") });
                raw.close();
            }
            QSqlDatabase::removeDatabase(QStringLiteral("other-program"));
            return;
        }
        QTemporaryDir folder;
        const QString path = folder.filePath(QStringLiteral("someone-else.sqlite"));
        {
            QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
            raw.setDatabaseName(path);
            QVERIFY(raw.open());
            QSqlQuery query(raw);
            QVERIFY(query.exec(QStringLiteral("CREATE TABLE notes (body TEXT)")));
            raw.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("raw"));
        const QByteArray before = test::fileDigest(path);
        auto refused = Database::openSqlite(path);
        QVERIFY(!refused);
        QVERIFY2(refused.error().contains(u"not a Portfolio Tracker store"), qPrintable(refused.error()));
        QCOMPARE(test::fileDigest(path), before);
    }

    void failedTransactionWritesNothing()
    {
        test::TemporaryStore store;
        const PortfolioRepository portfolios(store.db());
        auto result = store.db().inTransaction([&]() -> Result<void> {
            Portfolio first;
            first.name = QStringLiteral("First");
            if (auto added = portfolios.add(first); !added)
                return Error{added.error()};
            return Error{QStringLiteral("second step failed")};
        });
        QVERIFY(!result);
        QCOMPARE(result.error(), QStringLiteral("second step failed"));
        QCOMPARE(portfolios.list()->size(), size_t(0));
    }

    void postgresLocationIsTheUrlWithoutPassword()
    {
        if (!test::testingPostgres())
            QSKIP("PostgreSQL only");
        test::TemporaryStore store;
        QCOMPARE(store.db().backend(), Backend::PostgreSql);
        QCOMPARE(store.db().location(), store.location().toString());
        QVERIFY(store.db().location().startsWith(u"postgresql://"));
        QCOMPARE(store.db().storeLocation(), store.location());
    }

    void wrongPasswordIsRefusedWithoutShowingIt()
    {
        if (!test::testingPostgres())
            QSKIP("PostgreSQL only");
        test::TemporaryStore store;
        const QString secret = QStringLiteral("Right-Secret-4711");
        PT_VERIFY_OK(test::runOnPostgresServer(QStringLiteral("DROP ROLE IF EXISTS %1").arg(PasswordRole)));
        PT_VERIFY_OK(test::runOnPostgresServer(
            QStringLiteral("CREATE ROLE %1 LOGIN SUPERUSER PASSWORD '%2'").arg(PasswordRole, secret)));
        const auto dropRole = qScopeGuard(
            [] { (void)test::runOnPostgresServer(QStringLiteral("DROP ROLE IF EXISTS %1").arg(PasswordRole)); });
        PostgresLocation location = store.location().postgres;
        location.user = PasswordRole;
        const QString where = StoreLocation::postgresql(location).toString();

        const QString wrong = QStringLiteral("Wrong-Secret-0815");
        auto refused = Database::openPostgres(location, wrong);
        QVERIFY(!refused);
        QVERIFY2(refused.error().startsWith(QStringLiteral("cannot connect to %1: ").arg(where)),
                 qPrintable(refused.error()));
        QVERIFY2(refused.error().contains(u"password authentication failed"), qPrintable(refused.error()));
        QVERIFY(!refused.error().contains(wrong));
        QVERIFY(!refused.error().contains(u"Wrong-Secret"));

        // The right one opens it, on every thread's connection.
        auto opened = Database::openPostgres(location, secret);
        QVERIFY2(opened, qPrintable(opened.ok() ? QString() : opened.error()));
        QVERIFY(!(*opened)->location().contains(secret));
        QString otherThread = QStringLiteral("not run");
        QThread *thread = QThread::create(
            [&] { otherThread = scalar((*opened)->connection(), QStringLiteral("SELECT current_user")).toString(); });
        thread->start();
        QVERIFY(thread->wait(10000));
        delete thread;
        QCOMPARE(otherThread, PasswordRole);
        opened->reset();
        store.database.reset(); // before the role goes
    }

    void unreachableServerIsRefusedWithoutShowingThePassword()
    {
        if (!test::testingPostgres())
            QSKIP("PostgreSQL only");
        PostgresLocation location = test::postgresTestServer();
        location.port = 1; // nothing listens there
        location.database = QStringLiteral("nowhere");
        const QString secret = QStringLiteral("Unseen-Secret-1234");
        auto refused = Database::openPostgres(location, secret);
        QVERIFY(!refused);
        const QString where = StoreLocation::postgresql(location).toString();
        QVERIFY2(refused.error().startsWith(QStringLiteral("cannot connect to %1: ").arg(where)),
                 qPrintable(refused.error()));
        QVERIFY2(refused.error().size() > QStringLiteral("cannot connect to %1: ").arg(where).size() + 5,
                 qPrintable(refused.error())); // libpq says why
        QVERIFY(!refused.error().contains(secret));
        QVERIFY(!refused.error().contains(u"Unseen-Secret"));
    }

    void aThreadEndingAfterQtSqlIsGoneDoesNotCrash()
    {
        // Each thread's connection is removed when the thread ends; a thread
        // ending during the process's exit, after Qt SQL's own globals, once
        // crashed there. Only another process can show how it exits.
        test::TemporaryStore store;
        QProcess child;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QString::fromLatin1(LateThreadStoreVariable), store.location().toString());
        child.setProcessEnvironment(environment);
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("lateThreadChild")});
        QVERIFY(child.waitForFinished(120'000));
        const QByteArray output = child.readAllStandardOutput();
        QCOMPARE(child.exitStatus(), QProcess::NormalExit);
        QVERIFY2(child.exitCode() == 0, output.constData());
        QVERIFY2(output.contains("PASS   : TestDatabase::lateThreadChild()"), output.constData());
    }

    // Run only as aThreadEndingAfterQtSqlIsGoneDoesNotCrash's child process.
    void lateThreadChild()
    {
        const QString where = qEnvironmentVariable(LateThreadStoreVariable);
        if (where.isEmpty())
            QSKIP("the child process of aThreadEndingAfterQtSqlIsGoneDoesNotCrash");
        const auto location = StoreLocation::parse(where);
        PT_VERIFY_OK(location);
        auto opened = Database::open(*location);
        PT_VERIFY_OK(opened);
        s_lateThread.database = *opened;
        s_lateThread.thread = std::thread([] {
            bool queried = false;
            {
                QSqlQuery query(s_lateThread.database->connection());
                queried = query.exec(QStringLiteral("SELECT 1")) && query.next();
            }
            std::unique_lock lock(s_lateThread.mutex);
            s_lateThread.opened = queried;
            s_lateThread.changed.notify_all();
            s_lateThread.changed.wait(lock, [] { return s_lateThread.mayEnd; });
        });
        std::unique_lock lock(s_lateThread.mutex);
        QVERIFY(s_lateThread.changed.wait_for(lock, std::chrono::seconds(60), [] { return s_lateThread.opened; }));
    }

    void timestampsStrictlyIncrease()
    {
        test::TemporaryStore store;
        std::int64_t last = 0;
        for (int i = 0; i < 10000; ++i) {
            const std::int64_t next = store.db().nextTimestamp();
            QVERIFY(next > last);
            last = next;
        }
    }
};

QTEST_GUILESS_MAIN(TestDatabase)
#include "tst_database.moc"
