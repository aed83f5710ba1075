#include "store/atomically.h"

#include "store/database.h"
#include "store/sqlrows.h"

#include <QScopeGuard>
#include <QSqlDriver>
#include <QSqlQuery>

#include <sqlite3.h>

namespace pt::store {

namespace {

// Savepoint names only need to be unique among those open on one connection,
// and a connection belongs to one thread.
thread_local int t_savepointDepth = 0;

Result<void> exec(QSqlDatabase &connection, const QString &sql)
{
    QSqlQuery query(connection);
    if (!query.exec(sql))
        return Error{describeSqlError(sql, query.lastError())};
    return {};
}

} // namespace

bool inOpenTransaction(const Database &database)
{
    // Qt does not say whether a transaction is open; SQLite does. On
    // PostgreSQL, Database knows whether inTransaction's work is running.
    if (sqlite3 *handle = rawSqliteHandle(database.connection()))
        return sqlite3_get_autocommit(handle) == 0;
    return database.inTransactionOnThisThread();
}

Result<void> atomically(const Database &database, const std::function<Result<void>()> &work)
{
    if (!inOpenTransaction(database))
        return database.inTransaction(work);

    QSqlDatabase connection = database.connection();
    const QString name = QStringLiteral("pt_atomic_%1").arg(++t_savepointDepth);
    const auto leave = qScopeGuard([] { --t_savepointDepth; });
    if (auto begun = exec(connection, u"SAVEPOINT " + name); !begun)
        return begun;
    Result<void> result = work();
    if (!result) {
        // Undo this part only; the enclosing transaction decides about the rest.
        (void)exec(connection, u"ROLLBACK TO " + name);
        (void)exec(connection, u"RELEASE " + name);
        return result;
    }
    if (auto released = exec(connection, u"RELEASE " + name); !released)
        return released;
    return {};
}

} // namespace pt::store
