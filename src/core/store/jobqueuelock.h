#pragma once

#include "result.h"

#include <QString>

#include <memory>

class QLockFile;

namespace pt::store {

class Database;

// The lock that lets one process at a time run a store's job queue (the app
// and portfolio-cli's fetch or daemon may share a store; two runners would
// each take the other's running jobs for interrupted ones and run them twice).
//
// SQLite: a lock file next to the store (<file>.jobs.lock), stale as soon as
// the process that took it is gone. A restore takes it too, so no runner
// starts while the file is replaced.
// PostgreSQL: a session-level advisory lock of the store's database, held on
// a connection of its own that stays open while the lock is held; the server
// lets go of it when that session ends, however the process ends.
//
// Not thread-safe: lock and unlock on one thread (on PostgreSQL that thread
// owns the lock's connection).
class JobQueueLock final
{
public:
    // The lock of an open store; `database` must outlive this object.
    explicit JobQueueLock(const Database &database);
    // The lock of the SQLite store at `sqlitePath`, without opening it.
    explicit JobQueueLock(const QString &sqlitePath);
    ~JobQueueLock(); // unlocks
    Q_DISABLE_COPY_MOVE(JobQueueLock)

    // Takes the lock without waiting: true once held (also if it already
    // was), false while another holder has it; an error when it cannot even
    // be tried (the lock file cannot be written, the server cannot be reached).
    Result<bool> tryLock();
    void unlock();
    bool isLocked() const;

    // The lock file of the SQLite store at `sqlitePath`.
    static QString lockFilePath(const QString &sqlitePath);

private:
    Result<bool> tryLockFile();
    Result<bool> tryLockPostgres();

    const Database *m_database = nullptr; // PostgreSQL only
    QString m_lockFile;                   // SQLite only
    std::unique_ptr<QLockFile> m_file;    // SQLite, while held
    QString m_connectionName;             // PostgreSQL, while held
};

} // namespace pt::store
