#pragma once

#include "result.h"
#include "store/storelocation.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QString>

#include <atomic>
#include <cstdint>

#include <functional>
#include <memory>

namespace pt::store {

struct ConnectionRegistry; // database.cpp

// One open store. Hands each thread its own connection (Qt's SQL connections
// must stay on the thread that opened them), configured the same way every
// time, and runs the schema migrations once when the store is opened.
//
// SQLite runs in WAL mode with synchronous=FULL, so an acknowledged commit
// survives a crash or power loss, with foreign keys enforced and a busy
// timeout so a second thread waits briefly instead of failing.
//
// PostgreSQL connections (QPSQL) read NUMERIC as exact text
// (QSql::HighPrecision) and run in UTC; each thread's connection is opened with
// the same location, password and options.
class Database final
{
public:
    ~Database();
    Q_DISABLE_COPY_MOVE(Database)

    // Opens (creating if needed) the SQLite store at `path` and migrates it.
    // A store written by a newer version is refused and left untouched.
    static Result<std::shared_ptr<Database>> openSqlite(const QString &path);

    // Connects to a PostgreSQL database (which must exist) and migrates it.
    // `password` may be empty: libpq then looks at PGPASSWORD and ~/.pgpass.
    // The password is kept in memory only, to open each thread's connection.
    // `schema` SyncServer: portfolio-server's own database.
    static Result<std::shared_ptr<Database>> openPostgres(const PostgresLocation &location,
                                                          const QString &password = {},
                                                          Schema schema = Schema::Store);
    // Either of the above.
    static Result<std::shared_ptr<Database>> open(const StoreLocation &location, const QString &password = {});

    // The default store: portfolio-tracker/portfolio.sqlite in the user's data
    // folder (~/.local/share on Linux, %LOCALAPPDATA% on Windows,
    // ~/Library/Application Support on macOS), the same for the app and the CLI.
    static QString defaultSqlitePath();

    Backend backend() const { return m_backend; }
    // The SQLite file's absolute path, or the PostgreSQL URL (no password).
    QString location() const { return m_location; }
    StoreLocation storeLocation() const;
    int schemaVersion() const { return m_schemaVersion; }

    // The calling thread's connection, opened on first use.
    QSqlDatabase connection() const;
    // A connection of the caller's own named `name`, opened and configured like
    // the threads' ones, for a session that must outlive no thread's work (a
    // lock held on it). Not tracked here: the caller uses it on the calling
    // thread only and removes it there (QSqlDatabase::removeDatabase) before
    // this Database goes. On failure nothing is left registered under `name`.
    Result<QSqlDatabase> openDedicatedConnection(const QString &name) const;

    // Milliseconds since the epoch, strictly increasing within this process, so
    // records made in one go keep the order they were made in.
    std::int64_t nextTimestamp() const;

    // Runs `work` in one transaction on the calling thread's connection:
    // committed if it succeeds, rolled back (nothing written) if it fails.
    Result<void> inTransaction(const std::function<Result<void>()> &work) const;
    // Whether the calling thread is inside inTransaction's work on this store.
    bool inTransactionOnThisThread() const;

private:
    Database(Backend backend, QString location);
    QString connectionName() const; // the calling thread's
    QSqlDatabase addConnection(const QString &name) const;
    Result<void> configure(QSqlDatabase &connection) const;

    Backend m_backend;
    QString m_location;
    PostgresLocation m_postgres; // PostgreSql only
    QString m_password;          // PostgreSql only; never logged
    QString m_connectionPrefix;
    int m_schemaVersion = 0;
    mutable std::atomic<std::int64_t> m_lastTimestamp{0};
    std::shared_ptr<ConnectionRegistry> m_connections; // the threads' connections
};

// Human-readable text of the last error of a query or connection, with context.
QString describeSqlError(const QString &what, const QSqlError &error);

} // namespace pt::store
