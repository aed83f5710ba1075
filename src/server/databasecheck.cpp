#include "databasecheck.h"

#include "store/database.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace pt::server {

namespace {

bool selectOne(QSqlDatabase &connection)
{
    QSqlQuery query(connection);
    return query.exec(QStringLiteral("SELECT 1")) && query.next() && query.value(0).toInt() == 1;
}

} // namespace

bool databaseAnswers(const store::Database &database)
{
    QSqlDatabase connection = database.connection();
    if (connection.isOpen() && selectOne(connection))
        return true;
    connection.close();
    if (!connection.open())
        return false;
    QSqlQuery(connection).exec(QStringLiteral("SET TIME ZONE 'UTC'")); // as Database configures it
    return selectOne(connection);
}

Result<void> checkDatabaseConnection(const store::PostgresLocation &location, const QString &password)
{
    const QString name = QStringLiteral("pt-server-check");
    QString error;
    {
        QSqlDatabase connection = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        connection.setHostName(location.host);
        connection.setPort(location.port);
        connection.setDatabaseName(location.database);
        connection.setUserName(location.user);
        connection.setPassword(password);
        connection.setConnectOptions(QStringLiteral("sslmode=%1;connect_timeout=10").arg(location.sslMode));
        if (!connection.open())
            error = connection.lastError().databaseText().simplified();
        else if (!selectOne(connection))
            error = QStringLiteral("SELECT 1 failed");
        connection.close();
    }
    QSqlDatabase::removeDatabase(name);
    if (!error.isEmpty()) {
        if (!password.isEmpty())
            error.replace(password, QStringLiteral("********"));
        return Error{QStringLiteral("cannot connect to %1: %2")
                         .arg(store::StoreLocation::postgresql(location).toString(), error)};
    }
    return {};
}

} // namespace pt::server
