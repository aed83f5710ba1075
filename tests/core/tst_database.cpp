#include "../common/testsupport.h"

#include "store/database.h"
#include "store/migrator.h"
#include "store/portfoliorepository.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

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
        QTemporaryDir folder;
        const QString path = folder.filePath(QStringLiteral("book.sqlite"));
        {
            auto db = Database::openSqlite(path);
            QVERIFY2(db, qPrintable(db.ok() ? QString() : db.error()));
            Portfolio portfolio;
            portfolio.name = QStringLiteral("Kept");
            QVERIFY(PortfolioRepository(**db).add(portfolio));
        }
        auto db = Database::openSqlite(path);
        QVERIFY(db);
        QCOMPARE((*db)->schemaVersion(), Migrator::latestVersion());
        QCOMPARE(PortfolioRepository(**db).list()->size(), size_t(1));
    }

    void everyConnectionIsConfigured()
    {
        test::TemporaryStore store;
        const auto check = [&store]() -> QString {
            QSqlDatabase connection = store.db().connection();
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
        QVERIFY(query.lastError().databaseText().contains(u"FOREIGN KEY"));
    }

    void newerStoreIsRefusedAndUntouched()
    {
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
