#include "store/database.h"

#include "store/migrator.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QThread>

#include <unordered_map>

Q_LOGGING_CATEGORY(lcStore, "pt.store", QtInfoMsg)

namespace pt::store {

namespace {

// Marks our SQLite files (PRAGMA application_id), so a file manager or a restore
// can tell a Portfolio Tracker store from any other SQLite database: 'PTr1'.
constexpr int ApplicationId = 0x50547231;

std::atomic<quint64> s_nextInstance{1};

// Closes this thread's connections when the thread ends: Qt requires a
// connection to be used and removed on the thread that opened it.
struct ThreadConnections
{
    std::vector<QString> names;
    ~ThreadConnections()
    {
        for (const QString &name : names)
            QSqlDatabase::removeDatabase(name);
    }
};
thread_local ThreadConnections t_connections;

Result<void> execPragma(QSqlDatabase &connection, const QString &pragma)
{
    QSqlQuery query(connection);
    if (!query.exec(pragma))
        return Error{describeSqlError(pragma, query.lastError())};
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
{
}

Database::~Database()
{
    const std::lock_guard lock(m_mutex);
    // Connections of threads that still run; those of ended threads are gone.
    for (const QString &name : m_connectionNames)
        QSqlDatabase::removeDatabase(name);
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
        if (auto marked = execPragma(connection, QStringLiteral("PRAGMA application_id = %1").arg(ApplicationId));
            !marked)
            return Error{marked.error()};
    }
    qCDebug(lcStore) << "opened" << database->m_location << "schema" << database->m_schemaVersion;
    return database;
}

Result<std::shared_ptr<Database>> Database::openPostgres(const PostgresLocation &location, const QString &password)
{
    Q_UNUSED(password);
    return Error{QStringLiteral("PostgreSQL stores are not supported yet (%1)")
                     .arg(StoreLocation::postgresql(location).toString())};
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

QSqlDatabase Database::connection() const
{
    const QString name = m_connectionPrefix
                         + QString::number(reinterpret_cast<quintptr>(QThread::currentThreadId()), 16);
    if (QSqlDatabase::contains(name))
        return QSqlDatabase::database(name, false);

    QSqlDatabase connection = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    connection.setDatabaseName(m_location);
    connection.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (connection.open()) {
        if (auto configured = configure(connection); !configured)
            qCWarning(lcStore) << configured.error();
    }
    t_connections.names.push_back(name);
    const std::lock_guard lock(m_mutex);
    m_connectionNames.insert(name);
    return connection;
}

Result<void> Database::configure(QSqlDatabase &connection) const
{
    // Per-connection settings: SQLite does not keep them in the file.
    for (const auto pragma : {u"PRAGMA foreign_keys = ON", u"PRAGMA synchronous = FULL",
                              u"PRAGMA busy_timeout = 5000", u"PRAGMA temp_store = MEMORY"}) {
        if (auto done = execPragma(connection, QString::fromUtf16(pragma)); !done)
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
    if (!db.transaction())
        return Error{describeSqlError(QStringLiteral("Starting a transaction"), db.lastError())};
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

} // namespace pt::store
