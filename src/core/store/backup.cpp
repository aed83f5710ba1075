#include "store/backup.h"

#include "store/database.h"
#include "store/jobqueuelock.h"
#include "store/migrator.h"
#include "store/sqlrows.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QTemporaryFile>

#include <sqlite3.h>

#include <filesystem>
#include <memory>

#ifdef Q_OS_WIN
#include <io.h>
#else
#include <fcntl.h>
#include <unistd.h>
#endif

Q_DECLARE_LOGGING_CATEGORY(lcStore)

namespace pt::store {

namespace {

constexpr int ApplicationId = 0x50547231; // 'PTr1', as in database.cpp
// Pages copied per step, and the pause between steps during which writers run.
constexpr int PagesPerStep = 256;
constexpr int PauseMs = 5;
// After this many steps without progress (a writer on another connection made
// SQLite restart the copy each time), the rest is copied in one step: in WAL
// mode that step is a read transaction, which does not block writers either.
constexpr int RestartsBeforeOneStep = 4;

struct SqliteCloser
{
    void operator()(sqlite3 *handle) const { sqlite3_close_v2(handle); }
};
using SqliteHandle = std::unique_ptr<sqlite3, SqliteCloser>;

QString sqliteMessage(sqlite3 *handle)
{
    return handle ? QString::fromUtf8(sqlite3_errmsg(handle)) : QStringLiteral("out of memory");
}

Result<SqliteHandle> openFile(const QString &path, int flags)
{
    sqlite3 *raw = nullptr;
    const int rc = sqlite3_open_v2(QFile::encodeName(path).constData(), &raw, flags, nullptr);
    SqliteHandle handle(raw);
    if (rc != SQLITE_OK)
        return Error{QStringLiteral("cannot open '%1': %2").arg(path, sqliteMessage(raw))};
    sqlite3_busy_timeout(raw, 2000);
    return handle;
}

Result<void> exec(sqlite3 *handle, const char *sql)
{
    char *message = nullptr;
    if (sqlite3_exec(handle, sql, nullptr, nullptr, &message) != SQLITE_OK) {
        const QString text = message ? QString::fromUtf8(message) : sqliteMessage(handle);
        sqlite3_free(message);
        return Error{QStringLiteral("%1 failed: %2").arg(QString::fromUtf8(sql), text)};
    }
    return {};
}

// The first column of the first row of `sql`, as text; a null result for no row.
Result<QString> scalar(sqlite3 *handle, const char *sql)
{
    sqlite3_stmt *raw = nullptr;
    if (sqlite3_prepare_v2(handle, sql, -1, &raw, nullptr) != SQLITE_OK)
        return Error{QStringLiteral("%1 failed: %2").arg(QString::fromUtf8(sql), sqliteMessage(handle))};
    const std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)> statement(raw, &sqlite3_finalize);
    const int rc = sqlite3_step(raw);
    if (rc == SQLITE_DONE)
        return QString();
    if (rc != SQLITE_ROW)
        return Error{QStringLiteral("%1 failed: %2").arg(QString::fromUtf8(sql), sqliteMessage(handle))};
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(raw, 0));
    return text ? QString::fromUtf8(text) : QString();
}

Result<std::int64_t> count(sqlite3 *handle, const char *sql)
{
    auto value = scalar(handle, sql);
    if (!value)
        return Error{value.error()};
    return value->toLongLong();
}

// Checks that `handle` is a Portfolio Tracker store this build can open, intact,
// and says what it holds. `name` names the file in messages.
Result<StoreSummary> inspect(sqlite3 *handle, const QString &name)
{
    // Reading page 1 is the first thing that fails for a file that is not a database.
    auto applicationId = scalar(handle, "PRAGMA application_id");
    if (!applicationId)
        return Error{QStringLiteral("'%1' is damaged or not a database (%2)").arg(name, applicationId.error())};
    if (applicationId->toInt() != ApplicationId)
        return Error{QStringLiteral("'%1' is not a Portfolio Tracker store").arg(name)};

    auto integrity = scalar(handle, "PRAGMA integrity_check");
    if (!integrity)
        return Error{QStringLiteral("'%1' is damaged (%2)").arg(name, integrity.error())};
    if (*integrity != u"ok")
        return Error{QStringLiteral("'%1' is damaged: %2").arg(name, *integrity)};

    StoreSummary summary;
    auto version = count(handle, "SELECT COALESCE(MAX(version), 0) FROM schema_migration");
    if (!version)
        return Error{QStringLiteral("'%1': cannot read the schema version (%2)").arg(name, version.error())};
    summary.schemaVersion = int(*version);
    if (summary.schemaVersion > Migrator::latestVersion())
        return Error{QStringLiteral("'%1' was written by a newer version of Portfolio Tracker (schema %2; this "
                                    "version knows up to %3); please update Portfolio Tracker to restore it")
                         .arg(name)
                         .arg(summary.schemaVersion)
                         .arg(Migrator::latestVersion())};

    auto portfolios = count(handle, "SELECT COUNT(*) FROM portfolio WHERE deleted = 0");
    auto entries = count(handle, "SELECT COUNT(*) FROM ledger_transaction WHERE deleted = 0");
    auto prices = count(handle, "SELECT COUNT(*) FROM daily_price");
    auto newest = scalar(handle, "SELECT MAX(trade_date) FROM ledger_transaction WHERE deleted = 0");
    for (const QString *error : {portfolios ? nullptr : &portfolios.error(), entries ? nullptr : &entries.error(),
                                 prices ? nullptr : &prices.error(), newest ? nullptr : &newest.error()}) {
        if (error)
            return Error{QStringLiteral("'%1': %2").arg(name, *error)};
    }
    summary.portfolios = *portfolios;
    summary.entries = *entries;
    summary.prices = *prices;
    summary.newestEntry = isoDateFrom(QStringView(*newest));
    return summary;
}

// Copies the database of `source` into the (empty) database of `target`, a
// batch of pages at a time, then leaves `target` as one self-contained file.
Result<void> copyDatabase(sqlite3 *source, sqlite3 *target)
{
    sqlite3_backup *backup = sqlite3_backup_init(target, "main", source, "main");
    if (!backup)
        return Error{QStringLiteral("cannot start the copy: %1").arg(sqliteMessage(target))};
    int rc = SQLITE_OK;
    int pages = PagesPerStep;
    int stalled = 0;
    int remaining = -1;
    while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
        rc = sqlite3_backup_step(backup, pages);
        if (rc == SQLITE_DONE)
            break;
        const int now = sqlite3_backup_remaining(backup);
        if (remaining >= 0 && now >= remaining && ++stalled >= RestartsBeforeOneStep)
            pages = -1;
        remaining = now;
        if (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
            sqlite3_sleep(PauseMs);
    }
    const int finished = sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE)
        return Error{QStringLiteral("the copy failed: %1").arg(QString::fromUtf8(sqlite3_errstr(rc)))};
    if (finished != SQLITE_OK)
        return Error{QStringLiteral("the copy failed: %1").arg(sqliteMessage(target))};
    // The pages carry the source's WAL flag; a backup is one file that opens
    // anywhere, read-only too. The store switches back to WAL when opened.
    auto mode = scalar(target, "PRAGMA journal_mode = DELETE");
    if (!mode)
        return Error{mode.error()};
    if (mode->compare(u"delete", Qt::CaseInsensitive) != 0)
        return Error{QStringLiteral("cannot leave write-ahead logging in the copy (%1)").arg(*mode)};
    return {};
}

// Flushes the file's contents to the disk.
Result<void> syncFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadWrite))
        return Error{QStringLiteral("cannot open '%1' to flush it: %2").arg(path, file.errorString())};
#ifdef Q_OS_WIN
    const bool synced = _commit(file.handle()) == 0;
#else
    const bool synced = ::fsync(file.handle()) == 0;
#endif
    if (!synced)
        return Error{QStringLiteral("cannot flush '%1' to the disk").arg(path)};
    return {};
}

// Flushes a folder's entries (a rename in it) to the disk, where that exists.
void syncFolder(const QString &folder)
{
#ifndef Q_OS_WIN
    const int fd = ::open(QFile::encodeName(folder).constData(), O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
#else
    Q_UNUSED(folder)
#endif
}

// Renames `from` over `to`, replacing it in one step (rename(2); MoveFileEx
// with MOVEFILE_REPLACE_EXISTING on Windows).
Result<void> replaceFile(const QString &from, const QString &to)
{
    std::error_code error;
    std::filesystem::rename(QFile::encodeName(from).toStdString(), QFile::encodeName(to).toStdString(), error);
    if (error)
        return Error{QStringLiteral("cannot rename '%1' to '%2': %3")
                         .arg(from, to, QString::fromLocal8Bit(error.message()))};
    return {};
}

// A name for a new file next to `path`, reserved by creating it empty.
Result<QString> reserveTemporary(const QString &path)
{
    const QFileInfo info(path);
    QTemporaryFile file(info.absoluteDir().filePath(QStringLiteral(".%1.XXXXXX.part").arg(info.fileName())));
    file.setAutoRemove(false);
    if (!file.open())
        return Error{QStringLiteral("cannot create a file in '%1': %2")
                         .arg(info.absolutePath(), file.errorString())};
    return file.fileName();
}

// Removes a temporary file and any side files SQLite made for it, unless kept.
class TemporaryGuard final
{
public:
    explicit TemporaryGuard(QString path) : m_path(std::move(path)) {}
    ~TemporaryGuard()
    {
        if (m_path.isEmpty())
            return;
        for (const char16_t *suffix : {u"", u"-journal", u"-wal", u"-shm"})
            QFile::remove(m_path + QString::fromUtf16(suffix));
    }
    Q_DISABLE_COPY_MOVE(TemporaryGuard)
    void release() { m_path.clear(); }

private:
    QString m_path;
};

bool isSameFile(const QFileInfo &a, const QFileInfo &b)
{
    if (a.absoluteFilePath() == b.absoluteFilePath())
        return true;
    return a.exists() && b.exists() && a.canonicalFilePath() == b.canonicalFilePath();
}

// Copies the database open in `source` into a new temporary file next to
// `destination`, checks the copy and flushes it. Returns the temporary's path;
// the caller renames it into place (or the guard removes it).
Result<StoreSummary> writeCheckedCopy(sqlite3 *source, const QString &temporary, const QString &name)
{
    auto target = openFile(temporary, SQLITE_OPEN_READWRITE);
    if (!target)
        return Error{target.error()};
    if (auto copied = copyDatabase(source, target->get()); !copied)
        return Error{copied.error()};
    auto summary = inspect(target->get(), name);
    if (!summary)
        return Error{QStringLiteral("the copy did not check out: %1").arg(summary.error())};
    if (sqlite3_close(target->release()) != SQLITE_OK)
        return Error{QStringLiteral("cannot close the copy '%1'").arg(temporary)};
    if (auto synced = syncFile(temporary); !synced)
        return Error{synced.error()};
    return summary;
}

} // namespace

Result<BackupInfo> backupTo(const Database &db, const QString &targetPath)
{
    if (db.backend() != Backend::Sqlite)
        return Error{QStringLiteral("only an SQLite store can be backed up to a file")};
    const QFileInfo target(targetPath);
    const QString storePath = db.location();
    const QStringList storeFiles{storePath, storePath + u"-wal", storePath + u"-shm", storePath + u"-journal",
                                 JobQueueLock::lockFilePath(storePath)};
    for (const QString &file : storeFiles) {
        if (isSameFile(target, QFileInfo(file)))
            return Error{QStringLiteral("'%1' is the store itself; choose another file for the backup").arg(targetPath)};
    }
    if (target.exists() && !target.isFile())
        return Error{QStringLiteral("'%1' is not a file").arg(targetPath)};
    if (!target.absoluteDir().exists())
        return Error{QStringLiteral("the folder '%1' does not exist").arg(target.absolutePath())};

    sqlite3 *source = rawSqliteHandle(db.connection());
    if (!source)
        return Error{QStringLiteral("cannot reach the store's SQLite connection")};

    auto temporary = reserveTemporary(target.absoluteFilePath());
    if (!temporary)
        return Error{temporary.error()};
    TemporaryGuard guard(*temporary);
    auto summary = writeCheckedCopy(source, *temporary, storePath);
    if (!summary)
        return Error{QStringLiteral("backup to '%1' failed, nothing written: %2").arg(targetPath, summary.error())};
    if (auto renamed = replaceFile(*temporary, target.absoluteFilePath()); !renamed)
        return Error{renamed.error()};
    guard.release();
    syncFolder(target.absolutePath());

    BackupInfo info;
    info.path = target.absoluteFilePath();
    info.bytes = QFileInfo(info.path).size();
    info.summary = *summary;
    qCDebug(lcStore) << "backed up" << storePath << "to" << info.path << info.bytes << "bytes";
    return info;
}

Result<RestoreCheck> checkBackup(const QString &path)
{
    const QFileInfo file(path);
    if (!file.exists())
        return Error{QStringLiteral("'%1' does not exist").arg(path)};
    if (!file.isFile())
        return Error{QStringLiteral("'%1' is not a file").arg(path)};
    // Looked at before SQLite opens it: SQLite takes an empty file for an empty database.
    {
        QFile raw(path);
        if (!raw.open(QIODevice::ReadOnly))
            return Error{QStringLiteral("cannot read '%1': %2").arg(path, raw.errorString())};
        if (raw.read(16) != QByteArrayView("SQLite format 3\0", 16))
            return Error{QStringLiteral("'%1' is not a Portfolio Tracker store (not an SQLite database)").arg(path)};
    }
    auto handle = openFile(file.absoluteFilePath(), SQLITE_OPEN_READONLY);
    if (!handle)
        return Error{handle.error()};
    auto summary = inspect(handle->get(), path);
    if (!summary)
        return Error{summary.error()};
    RestoreCheck check;
    check.path = file.absoluteFilePath();
    check.bytes = file.size();
    check.summary = *summary;
    check.needsMigration = summary->schemaVersion < Migrator::latestVersion();
    return check;
}

Result<void> restoreInto(const QString &backupPath, const QString &storePath)
{
    auto check = checkBackup(backupPath);
    if (!check)
        return Error{check.error()};
    const QFileInfo store(storePath);
    if (isSameFile(store, QFileInfo(backupPath)))
        return Error{QStringLiteral("'%1' is the store itself").arg(backupPath)};
    if (store.exists() && !store.isFile())
        return Error{QStringLiteral("'%1' is not a file").arg(storePath)};
    const QString storeFile = store.absoluteFilePath();
    if (!QDir().mkpath(store.absolutePath()))
        return Error{QStringLiteral("cannot create the folder '%1'").arg(store.absolutePath())};

    // The job runner's lock (see JobRunner::start): held by the app or a
    // `fetch`/`daemon` of portfolio-cli while they run. Held here until the
    // store is replaced, so none of them starts meanwhile.
    JobQueueLock jobLock(storeFile);
    const auto jobsLocked = jobLock.tryLock();
    if (!jobsLocked)
        return Error{QStringLiteral("%1; the store was not changed").arg(jobsLocked.error())};
    if (!*jobsLocked)
        return Error{QStringLiteral("another program (Portfolio Tracker or portfolio-cli) is using the store %1; "
                                    "close it and try again. The store was not changed.")
                         .arg(storeFile)};

    // The new contents, copied, checked and flushed next to the store.
    auto temporary = reserveTemporary(storeFile);
    if (!temporary)
        return Error{temporary.error()};
    TemporaryGuard guard(*temporary);
    {
        auto source = openFile(check->path, SQLITE_OPEN_READONLY);
        if (!source)
            return Error{source.error()};
        if (auto copied = writeCheckedCopy(source->get(), *temporary, backupPath); !copied)
            return Error{QStringLiteral("restore failed, the store was not changed: %1").arg(copied.error())};
    }

    // The old store: its write-ahead log folded back into it and an exclusive
    // lock taken. Leaving WAL mode needs every other connection closed, so this
    // also refuses a store that another program has open. A -wal left beside
    // the new file would be replayed onto it as if it were its own: the
    // checkpoint empties it and SQLite deletes it with the mode change.
    SqliteHandle old;
    if (store.exists()) {
        auto opened = openFile(storeFile, SQLITE_OPEN_READWRITE);
        if (!opened)
            return Error{opened.error()};
        old = std::move(*opened);
        auto applicationId = scalar(old.get(), "PRAGMA application_id");
        if (!applicationId)
            return Error{QStringLiteral("'%1' cannot be read (%2); it was not replaced").arg(storeFile, applicationId.error())};
        if (const int id = applicationId->toInt(); id != 0 && id != ApplicationId)
            return Error{QStringLiteral("'%1' is not a Portfolio Tracker store; it was not replaced").arg(storeFile)};
        auto mode = scalar(old.get(), "PRAGMA journal_mode = DELETE");
        if (!mode || mode->compare(u"delete", Qt::CaseInsensitive) != 0)
            return Error{QStringLiteral("another program has the store %1 open; close it and try again. "
                                        "The store was not changed.")
                             .arg(storeFile)};
        for (const char *sql : {"PRAGMA locking_mode = EXCLUSIVE", "BEGIN EXCLUSIVE"}) {
            if (auto locked = exec(old.get(), sql); !locked)
                return Error{QStringLiteral("cannot lock the store %1: %2").arg(storeFile, locked.error())};
        }
    }
    // In rollback mode under our exclusive lock no connection can be using a
    // log, so any -wal/-shm still here is stale (a crash, a copied file).
    for (const char16_t *suffix : {u"-wal", u"-shm"}) {
        const QString side = storeFile + QString::fromUtf16(suffix);
        if (QFile::exists(side) && !QFile::remove(side))
            return Error{QStringLiteral("cannot remove the stale '%1'; the store was not changed").arg(side)};
    }

    if (auto renamed = replaceFile(*temporary, storeFile); !renamed)
        return Error{QStringLiteral("restore failed, the store was not changed: %1").arg(renamed.error())};
    guard.release();
    syncFolder(store.absolutePath());
    if (old) {
        // The lock and the handle belong to the old file, now unlinked.
        (void)exec(old.get(), "ROLLBACK");
        old.reset();
    }
    qCDebug(lcStore) << "restored" << storeFile << "from" << check->path << "schema" << check->summary.schemaVersion;
    return {};
}

} // namespace pt::store
