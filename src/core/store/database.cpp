#include "store/database.h"

#include "store/migrator.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QMutex>
#include <QScopeGuard>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QThread>

#include <mutex>
#include <set>
#include <unordered_map>
#include <utility>
#include <vector>

Q_LOGGING_CATEGORY(lcStore, "pt.store", QtInfoMsg)

namespace pt::store {

namespace {

// Marks our SQLite files (PRAGMA application_id), so a file manager or a restore
// can tell a Portfolio Tracker store from any other SQLite database: 'PTr1'.
constexpr int ApplicationId = 0x50547231;

std::atomic<quint64> s_nextInstance{1};

// Whether Qt SQL's own globals (its list of connections, its driver plugins)
// are still there. They are function-local statics, made when the first
// connection is added and destroyed after main() returns. A thread can end
// later still: one of QThreadPool::globalInstance() when no QCoreApplication
// joined the pool on its way out, or any thread still running during static
// destruction. Removing its connection then reaches into the destroyed list
// and crashes. SqlLifetime is made right after Qt SQL's globals (by the first
// connection a Database adds), so it is destroyed before them: from then on
// connections are left alone, and the end of the process closes them.
QBasicMutex s_sqlLifetimeMutex; // constant-initialised, trivially destroyed: never gone
bool s_sqlGone = false;         // guarded by s_sqlLifetimeMutex

struct SqlLifetime
{
    SqlLifetime() = default;
    ~SqlLifetime()
    {
        const QMutexLocker lock(&s_sqlLifetimeMutex);
        s_sqlGone = true;
    }
    Q_DISABLE_COPY_MOVE(SqlLifetime)
};

void noteSqlInUse()
{
    static SqlLifetime lifetime;
}

// Removes a connection, unless Qt SQL is gone (see SqlLifetime).
void removeConnection(const QString &name)
{
    const QMutexLocker lock(&s_sqlLifetimeMutex);
    if (!s_sqlGone)
        QSqlDatabase::removeDatabase(name);
}

} // namespace

// The names of the threads' connections a Database still has. Shared with the
// threads that opened them, which hold it weakly: whichever comes first, the
// thread ending or the Database going, removes a connection, once.
struct ConnectionRegistry
{
    std::mutex mutex;
    std::set<QString> names;

    void remove(const QString &name)
    {
        const std::lock_guard lock(mutex);
        if (names.erase(name) != 0)
            removeConnection(name);
    }
    void removeAll()
    {
        const std::lock_guard lock(mutex);
        for (const QString &name : names)
            removeConnection(name);
        names.clear();
    }
};

namespace {

// Closes this thread's connections when the thread ends: Qt requires a
// connection to be used and removed on the thread that opened it. Those of a
// Database already gone went with it and are skipped.
struct ThreadConnections
{
    std::vector<std::pair<std::weak_ptr<ConnectionRegistry>, QString>> connections;
    ~ThreadConnections()
    {
        for (const auto &[registry, name] : connections) {
            if (const auto alive = registry.lock())
                alive->remove(name);
        }
    }
};
thread_local ThreadConnections t_connections;

// The connections (by name) of this thread that are inside inTransaction's work.
thread_local std::set<QString> t_openTransactions;

// A session-level lock every opener of a PostgreSQL store takes while it
// checks and migrates the schema, so two processes cannot migrate at once.
constexpr qint64 PostgresMigrationLock = ApplicationId;

// libpq's text of a failed connection on one line, and never the password,
// should a server or libpq ever echo it back.
QString connectionError(const QSqlError &error, const QString &password)
{
    QString text = error.databaseText().simplified();
    if (text.isEmpty())
        text = error.driverText().simplified();
    if (text.isEmpty())
        text = QStringLiteral("no reason given");
    if (!password.isEmpty())
        text.replace(password, QStringLiteral("********"));
    return text;
}

Result<void> execStatement(QSqlDatabase &connection, const QString &sql)
{
    QSqlQuery query(connection);
    if (!query.exec(sql))
        return Error{describeSqlError(sql, query.lastError())};
    return {};
}

} // namespace

QString describeSqlError(const QString &what, const QSqlError &error)
{
    QString detail = error.databaseText();
    if (detail.isEmpty())
        detail = error.driverText();
    return QStringLiteral("%1 failed: %2").arg(what, detail);
}

Database::Database(Backend backend, QString location)
    : m_backend(backend)
    , m_location(std::move(location))
    , m_connectionPrefix(QStringLiteral("pt-store-%1-").arg(s_nextInstance.fetch_add(1)))
    , m_connections(std::make_shared<ConnectionRegistry>())
{
}

Database::~Database()
{
    // The connections of threads that still run (those of ended threads are
    // gone): removed now, while Qt SQL is there, rather than when their thread
    // ends, which for an idle pool thread may be after Qt SQL is gone.
    m_connections->removeAll();
}

QString Database::defaultSqlitePath()
{
    // The generic data folder rather than AppDataLocation: the latter depends on
    // the running program's organisation and application names, and the app and
    // the CLI must find the same store.
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    return QDir(folder).filePath(QStringLiteral("portfolio-tracker/portfolio.sqlite"));
}

Result<std::shared_ptr<Database>> Database::openSqlite(const QString &path)
{
    const QFileInfo file(path);
    if (file.exists() && !file.isFile())
        return Error{QStringLiteral("'%1' is not a file").arg(path)};
    if (!QDir().mkpath(file.absolutePath()))
        return Error{QStringLiteral("cannot create the folder '%1'").arg(file.absolutePath())};

    std::shared_ptr<Database> database(new Database(Backend::Sqlite, file.absoluteFilePath()));
    QSqlDatabase connection = database->connection();
    if (!connection.isOpen())
        return Error{describeSqlError(QStringLiteral("Opening '%1'").arg(path), connection.lastError())};

    // Read-only checks first: a file that is not ours, or that a newer version
    // wrote, must be left exactly as it is.
    QSqlQuery query(connection);
    if (!query.exec(QStringLiteral("PRAGMA application_id")) || !query.next())
        return Error{QStringLiteral("'%1' is not a Portfolio Tracker store (%2)")
                         .arg(path, query.lastError().databaseText())};
    const int applicationId = query.value(0).toInt();
    if (applicationId != 0 && applicationId != ApplicationId)
        return Error{QStringLiteral("'%1' is an SQLite database of another program, not a Portfolio "
                                    "Tracker store; it was not changed")
                         .arg(path)};
    query.finish();

    const auto version = Migrator::currentVersion(connection);
    if (!version)
        return Error{QStringLiteral("'%1': %2").arg(path, version.error())};
    if (*version > Migrator::latestVersion())
        return Error{QStringLiteral("'%1' was written by a newer version of Portfolio Tracker (schema %2; "
                                    "this version knows up to %3). It was not changed; please update "
                                    "Portfolio Tracker to open it.")
                         .arg(path)
                         .arg(*version)
                         .arg(Migrator::latestVersion())};

    if (!query.exec(QStringLiteral("PRAGMA journal_mode=WAL")) || !query.next()
        || query.value(0).toString().compare(u"wal", Qt::CaseInsensitive) != 0)
        return Error{QStringLiteral("'%1': cannot switch to write-ahead logging").arg(path)};
    query.finish();

    const auto migrated = Migrator::migrate(connection, Backend::Sqlite);
    if (!migrated)
        return Error{QStringLiteral("'%1': %2").arg(path, migrated.error())};
    database->m_schemaVersion = *migrated;

    if (applicationId == 0) {
        if (auto marked = execStatement(connection, QStringLiteral("PRAGMA application_id = %1").arg(ApplicationId));
            !marked)
            return Error{marked.error()};
    }
    qCDebug(lcStore) << "opened" << database->m_location << "schema" << database->m_schemaVersion;
    return database;
}

Result<std::shared_ptr<Database>> Database::openPostgres(const PostgresLocation &location, const QString &password,
                                                         Schema schema)
{
    const QString where = StoreLocation::postgresql(location).toString();
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")))
        return Error{
            QStringLiteral("cannot connect to %1: Qt's PostgreSQL driver (QPSQL) is not installed").arg(where)};
    if (location.database.isEmpty())
        return Error{QStringLiteral("cannot connect to %1: no database named").arg(where)};

    std::shared_ptr<Database> database(new Database(Backend::PostgreSql, where));
    database->m_postgres = location;
    database->m_password = password;
    QSqlDatabase connection = database->connection();
    if (!connection.isOpen())
        return Error{QStringLiteral("cannot connect to %1: %2")
                         .arg(where, connectionError(connection.lastError(), password))};

    // Another process opening the same store waits here until this one has
    // checked and migrated it.
    if (auto locked
        = execStatement(connection, QStringLiteral("SELECT pg_advisory_lock(%1)").arg(PostgresMigrationLock));
        !locked)
        return Error{QStringLiteral("%1: %2").arg(where, locked.error())};
    const auto unlock = qScopeGuard([&connection] {
        (void)execStatement(connection, QStringLiteral("SELECT pg_advisory_unlock(%1)").arg(PostgresMigrationLock));
    });

    // Read-only first: a database that is not ours, or that a newer version
    // wrote, must be left exactly as it is. The app's store and
    // portfolio-server's database both record versions in schema_migration,
    // so each is told from the other by a table only it has.
    const QStringList tables = connection.tables(QSql::Tables);
    if (schema == Schema::Store && tables.contains(QStringLiteral("server_account")))
        return Error{QStringLiteral("%1 is a portfolio-server database, not a Portfolio Tracker store; it was not "
                                    "changed")
                         .arg(where)};
    if (schema == Schema::SyncServer && tables.contains(QStringLiteral("ledger_transaction")))
        return Error{QStringLiteral("%1 is a Portfolio Tracker store, not a portfolio-server database; it was not "
                                    "changed")
                         .arg(where)};
    const auto version = Migrator::currentVersion(connection);
    if (!version)
        return Error{QStringLiteral("%1: %2").arg(where, version.error())};
    if (*version > Migrator::latestVersion(schema))
        return Error{QStringLiteral("%1 was written by a newer version of Portfolio Tracker (schema %2; "
                                    "this version knows up to %3). It was not changed; please update "
                                    "Portfolio Tracker to open it.")
                         .arg(where)
                         .arg(*version)
                         .arg(Migrator::latestVersion(schema))};

    const auto migrated = Migrator::migrate(connection, Backend::PostgreSql, schema);
    if (!migrated)
        return Error{QStringLiteral("%1: %2").arg(where, migrated.error())};
    database->m_schemaVersion = *migrated;
    qCDebug(lcStore) << "opened" << where << "schema" << database->m_schemaVersion;
    return database;
}

Result<std::shared_ptr<Database>> Database::open(const StoreLocation &location, const QString &password)
{
    if (location.backend == Backend::PostgreSql)
        return openPostgres(location.postgres, password);
    return openSqlite(location.sqlitePath);
}

StoreLocation Database::storeLocation() const
{
    return m_backend == Backend::PostgreSql ? StoreLocation::postgresql(m_postgres) : StoreLocation::sqlite(m_location);
}

QString Database::connectionName() const
{
    return m_connectionPrefix + QString::number(reinterpret_cast<quintptr>(QThread::currentThreadId()), 16);
}

QSqlDatabase Database::connection() const
{
    const QString name = connectionName();
    if (QSqlDatabase::contains(name))
        return QSqlDatabase::database(name, false);

    QSqlDatabase connection = addConnection(name);
    if (connection.open()) {
        if (auto configured = configure(connection); !configured)
            qCWarning(lcStore) << configured.error();
    }
    t_connections.connections.emplace_back(m_connections, name);
    const std::lock_guard lock(m_connections->mutex);
    m_connections->names.insert(name);
    return connection;
}

Result<QSqlDatabase> Database::openDedicatedConnection(const QString &name) const
{
    QString error;
    {
        QSqlDatabase connection = addConnection(name);
        if (connection.open()) {
            auto configured = configure(connection);
            if (configured)
                return connection;
            error = configured.error();
        } else {
            error = connectionError(connection.lastError(), m_password);
        }
    }
    QSqlDatabase::removeDatabase(name);
    return Error{QStringLiteral("cannot connect to %1: %2").arg(m_location, error)};
}

QSqlDatabase Database::addConnection(const QString &name) const
{
    if (m_backend == Backend::PostgreSql) {
        QSqlDatabase connection = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        noteSqlInUse();
        connection.setHostName(m_postgres.host);
        connection.setPort(m_postgres.port);
        connection.setDatabaseName(m_postgres.database);
        connection.setUserName(m_postgres.user);
        // Only here: never in the options, a URL, a log line or an error.
        connection.setPassword(m_password);
        connection.setConnectOptions(
            QStringLiteral("sslmode=%1;connect_timeout=10;application_name=portfolio-tracker").arg(m_postgres.sslMode));
        // NUMERIC as its exact text, not a double.
        connection.setNumericalPrecisionPolicy(QSql::HighPrecision);
        return connection;
    }
    QSqlDatabase connection = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    noteSqlInUse();
    connection.setDatabaseName(m_location);
    connection.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    return connection;
}

Result<void> Database::configure(QSqlDatabase &connection) const
{
    if (m_backend == Backend::PostgreSql) {
        // QPSQL sets this too; the store's stamps and days must not depend on it.
        return execStatement(connection, QStringLiteral("SET TIME ZONE 'UTC'"));
    }
    // Per-connection settings: SQLite does not keep them in the file.
    for (const auto pragma : {u"PRAGMA foreign_keys = ON", u"PRAGMA synchronous = FULL",
                              u"PRAGMA busy_timeout = 5000", u"PRAGMA temp_store = MEMORY"}) {
        if (auto done = execStatement(connection, QString::fromUtf16(pragma)); !done)
            return done;
    }
    return {};
}

std::int64_t Database::nextTimestamp() const
{
    const std::int64_t now = QDateTime::currentMSecsSinceEpoch();
    std::int64_t last = m_lastTimestamp.load();
    std::int64_t next;
    do {
        next = std::max(now, last + 1);
    } while (!m_lastTimestamp.compare_exchange_weak(last, next));
    return next;
}

Result<void> Database::inTransaction(const std::function<Result<void>()> &work) const
{
    QSqlDatabase db = connection();
    const QString name = db.connectionName();
    // PostgreSQL would only warn about a second BEGIN, and the inner COMMIT
    // would then commit the outer transaction's work too early.
    if (t_openTransactions.count(name) != 0)
        return Error{QStringLiteral("Starting a transaction failed: one is already open on this thread")};
    if (!db.transaction())
        return Error{describeSqlError(QStringLiteral("Starting a transaction"), db.lastError())};
    t_openTransactions.insert(name);
    const auto closed = qScopeGuard([&name] { t_openTransactions.erase(name); });
    Result<void> result = work();
    if (!result) {
        db.rollback();
        return result;
    }
    if (!db.commit()) {
        const QString error = describeSqlError(QStringLiteral("Committing"), db.lastError());
        db.rollback();
        return Error{error};
    }
    return {};
}

bool Database::inTransactionOnThisThread() const
{
    return t_openTransactions.count(connectionName()) != 0;
}

} // namespace pt::store
