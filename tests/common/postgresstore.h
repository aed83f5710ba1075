#pragma once

// PostgreSQL for the tests (header-only, like testsupport.h, which includes it).
//
// A suite registered with pt_add_test(... BOTH_BACKENDS) runs twice: as
// <name> on SQLite, and as <name>@postgresql with PT_TEST_BACKEND=postgresql
// and PT_TEST_POSTGRES_URL_FILE naming the file in which ctest's "postgres"
// fixture (scripts/postgres-test-server) wrote its server's URL. There every
// TemporaryStore is a database of its own on that server, made for the store
// and dropped with it.

#include "result.h"
#include "store/storelocation.h"

#include <QFile>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QtGlobal>

namespace pt::test {

// Whether this run tests the PostgreSQL backend (PT_TEST_BACKEND=postgresql).
inline bool testingPostgres()
{
    static const bool postgres = qEnvironmentVariable("PT_TEST_BACKEND") == u"postgresql";
    return postgres;
}

// The test server, from the URL in $PT_TEST_POSTGRES_URL_FILE.
inline store::PostgresLocation postgresTestServer()
{
    const QString path = qEnvironmentVariable("PT_TEST_POSTGRES_URL_FILE");
    QFile file(path);
    if (path.isEmpty() || !file.open(QIODevice::ReadOnly))
        qFatal("PT_TEST_BACKEND=postgresql, but the test server's URL file '%s' cannot be read: run the test "
               "through ctest (its postgres_start fixture starts the server), or start one with "
               "scripts/postgres-test-server start DIR and set PT_TEST_POSTGRES_URL_FILE=DIR/url",
               qPrintable(path));
    const auto location = store::StoreLocation::parse(QString::fromUtf8(file.readAll()).trimmed());
    if (!location || location->backend != store::Backend::PostgreSql)
        qFatal("'%s' holds no postgresql:// URL", qPrintable(path));
    return location->postgres;
}

// Runs one statement on the test server's maintenance database, through a
// connection of its own that is gone when this returns.
inline Result<void> runOnPostgresServer(const QString &sql)
{
    const store::PostgresLocation server = postgresTestServer();
    const QString name
        = QStringLiteral("pt-test-admin-%1").arg(QRandomGenerator::global()->generate64(), 16, 16, QLatin1Char('0'));
    QString error;
    {
        QSqlDatabase admin = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        admin.setHostName(server.host);
        admin.setPort(server.port);
        admin.setDatabaseName(server.database);
        admin.setUserName(server.user);
        admin.setConnectOptions(QStringLiteral("sslmode=%1;connect_timeout=10").arg(server.sslMode));
        if (!admin.open()) {
            error = QStringLiteral("cannot connect to the test server: %1").arg(admin.lastError().text());
        } else {
            QSqlQuery query(admin);
            (void)query.exec(QStringLiteral("SET client_min_messages TO warning")); // no NOTICEs on stderr
            if (!query.exec(sql))
                error = QStringLiteral("%1 failed: %2").arg(sql, query.lastError().text());
        }
        admin.close();
    }
    QSqlDatabase::removeDatabase(name);
    if (!error.isEmpty())
        return Error { error };
    return {};
}

// A fresh, empty database on the test server; its location.
inline Result<store::PostgresLocation> createPostgresTestDatabase()
{
    store::PostgresLocation location = postgresTestServer();
    location.database
        = QStringLiteral("pt_test_%1").arg(QRandomGenerator::global()->generate64(), 16, 16, QLatin1Char('0'));
    if (auto created = runOnPostgresServer(QStringLiteral("CREATE DATABASE %1").arg(location.database)); !created)
        return Error { created.error() };
    return location;
}

// Drops a database made by createPostgresTestDatabase, ending any connection
// still open on it.
inline Result<void> dropPostgresTestDatabase(const QString &database)
{
    return runOnPostgresServer(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(database));
}

} // namespace pt::test

// Skips a test function that is about SQLite itself (its file, pragmas, raw
// handle, backup API) when this run tests PostgreSQL. Give the reason.
#define PT_SKIP_ON_POSTGRES(reason)                                                                                    \
    do {                                                                                                               \
        if (pt::test::testingPostgres())                                                                               \
            QSKIP("SQLite only: " reason);                                                                             \
    } while (false)
