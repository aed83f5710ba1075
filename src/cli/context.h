#pragma once

#include "result.h"

#include <QString>
#include <QTextStream>

#include <memory>

namespace pt::store {
class Database;
struct StoreLocation;
}

namespace pt::cli {

// The exit codes every command keeps to, so scripts can tell a mistake in
// their input from a broken store.
enum ExitCode : int {
    ExitSuccess = 0,
    ExitFailure = 1,  // the store cannot be opened or written, a file cannot be read, ...
    ExitBadInput = 2, // a value, a reference or a ledger rule refused; nothing was written
    ExitOffline = 3,  // a market-data source could not be reached; queued work stays queued
};

// What every command runs against: the output streams and the store, which is
// opened on first use so that a command refusing its arguments never touches it.
class Context final
{
public:
    Context();
    ~Context();
    Q_DISABLE_COPY_MOVE(Context)

    QTextStream &out() { return m_out; }
    QTextStream &err() { return m_err; }

    // The store as given by --db: an SQLite file's path or a postgresql:// URL.
    QString databasePath() const { return m_databasePath; }
    void setDatabasePath(const QString &path) { m_databasePath = path; }

    // Opens any store (created and migrated if needed), finding the password of
    // a PostgreSQL store where the user keeps it.
    Result<std::shared_ptr<store::Database>> openStore(const store::StoreLocation &location);

    // The store at databasePath(), opened on first use.
    Result<const store::Database *> database();
    // The same store, shared: for what keeps it beyond one call (the job runner).
    Result<std::shared_ptr<store::Database>> sharedDatabase();

    // Print "error: <message>" and give the exit code to return.
    int badInput(const QString &message);
    int failure(const QString &message);

private:
    QTextStream m_out;
    QTextStream m_err;
    QString m_databasePath;
    std::shared_ptr<store::Database> m_database;
};

} // namespace pt::cli
