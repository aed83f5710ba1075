#include "store/jobqueuelock.h"

#include "store/database.h"

#include <QLockFile>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <atomic>

namespace pt::store {

namespace {

// The advisory lock's key: the stores' application id 'PTr1' (database.cpp)
// in the high half, 'Jobs' in the low one. Not the migration lock's key (the
// bare id). Advisory locks are per database, so each store has its own.
constexpr qint64 JobQueueLockKey = (qint64(0x50547231) << 32) | 0x4A6F6273;

std::atomic<quint64> s_nextConnection{1};

} // namespace

JobQueueLock::JobQueueLock(const Database &database)
{
    if (database.backend() == Backend::PostgreSql)
        m_database = &database;
    else
        m_lockFile = lockFilePath(database.location());
}

JobQueueLock::JobQueueLock(const QString &sqlitePath) : m_lockFile(lockFilePath(sqlitePath)) {}

JobQueueLock::~JobQueueLock()
{
    unlock();
}

QString JobQueueLock::lockFilePath(const QString &sqlitePath)
{
    return sqlitePath + QStringLiteral(".jobs.lock");
}

bool JobQueueLock::isLocked() const
{
    return m_file || !m_connectionName.isEmpty();
}

Result<bool> JobQueueLock::tryLock()
{
    if (isLocked())
        return true;
    return m_database ? tryLockPostgres() : tryLockFile();
}

Result<bool> JobQueueLock::tryLockFile()
{
    auto file = std::make_unique<QLockFile>(m_lockFile);
    // A lock left by a dead process is stale at once; an age never makes a
    // live one stale.
    file->setStaleLockTime(0);
    if (file->tryLock(0)) {
        m_file = std::move(file);
        return true;
    }
    if (file->error() == QLockFile::LockFailedError)
        return false;
    return Error{QStringLiteral("cannot create the lock file '%1'").arg(m_lockFile)};
}

Result<bool> JobQueueLock::tryLockPostgres()
{
    const QString name = QStringLiteral("pt-job-queue-lock-%1").arg(s_nextConnection.fetch_add(1));
    QString error;
    bool locked = false;
    {
        auto connection = m_database->openDedicatedConnection(name);
        if (!connection)
            return Error{connection.error()};
        QSqlQuery query(*connection);
        // Session-level: held until unlock() closes this connection, or the
        // server notices the session is gone.
        if (query.exec(QStringLiteral("SELECT pg_try_advisory_lock(%1)").arg(JobQueueLockKey)) && query.next())
            locked = query.value(0).toBool();
        else
            error = describeSqlError(QStringLiteral("Taking the job queue's lock"), query.lastError());
    }
    if (locked) {
        m_connectionName = name;
        return true;
    }
    QSqlDatabase::removeDatabase(name);
    if (!error.isEmpty())
        return Error{QStringLiteral("%1: %2").arg(m_database->location(), error)};
    return false;
}

void JobQueueLock::unlock()
{
    m_file.reset(); // unlocks and removes the file
    if (m_connectionName.isEmpty())
        return;
    // Ending the session ends its advisory locks.
    QSqlDatabase::database(m_connectionName, false).close();
    QSqlDatabase::removeDatabase(m_connectionName);
    m_connectionName.clear();
}

} // namespace pt::store
