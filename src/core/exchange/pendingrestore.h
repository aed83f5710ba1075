#pragma once

// Restoring a backup over the store the app has open. The app holds a
// connection per thread (the GUI, the job pool, the valuation workers), so it
// never replaces the store under itself: File ▸ Restore… checks the backup,
// copies it next to the store as a pending restore, and restarts; the next
// start applies it before anything else opens the store (an SQLite backup
// replaces the SQLite file) or right after the store is opened and before
// the window exists (a JSON export replaces the contents, in one transaction,
// on either backend). See docs/BACKUP.md.

#include "result.h"
#include "store/storelocation.h"

#include <QDate>
#include <QString>

#include <cstdint>

namespace pt::store {
class Database;
}

namespace pt::exchange {

// What a backup file holds, as checked.
struct BackupContents
{
    enum class Kind { SqliteFile, JsonExport };
    Kind kind = Kind::SqliteFile;
    QString path;
    std::int64_t bytes = 0;
    int version = 0; // SQLite: the schema version; JSON: the format version
    QString exportedAt; // JSON only
    std::int64_t portfolios = 0; // live
    std::int64_t entries = 0; // live
    std::int64_t prices = 0;
    QDate newestEntry;
    bool needsMigration = false; // SQLite: an older schema, migrated when opened
};

// Checks `path` as a backup for the store at `location`, writing nothing: an
// SQLite backup (store::checkBackup: ours, intact, schema not newer) can
// replace an SQLite store; a JSON export (read and checked completely) any
// store. Slow for large files (integrity check, the whole document): call it
// on a worker.
Result<BackupContents> inspectBackup(const QString &path, const store::StoreLocation &location);

// Where the pending restore of a store is kept: "<store file>.restore-pending"
// for SQLite; a file in the app's data folder named after the location for
// PostgreSQL.
QString pendingRestorePath(const store::StoreLocation &location);
bool hasPendingRestore(const store::StoreLocation &location);

// Checks the backup (as inspectBackup) and copies it to pendingRestorePath(),
// replacing any restore pending before. The store is not touched.
Result<BackupContents> scheduleRestore(const store::StoreLocation &location, const QString &backup);
void cancelPendingRestore(const store::StoreLocation &location);

// At start, before the store is opened: a pending SQLite backup replaces the
// SQLite store's file (store::restoreInto; retried for a few seconds while
// the previous instance of the app is still letting go of it). Returns a
// sentence for the user, empty when nothing was pending (or the pending
// restore is a JSON export, for applyPendingJsonRestore). The pending file is
// gone afterwards either way: a failed restore is reported once, and the store
// is then as it was.
Result<QString> applyPendingFileRestore(const store::StoreLocation &location);

// At start, once the store is open and before anything else uses it: a
// pending JSON export replaces everything in the store, all or nothing.
Result<QString> applyPendingJsonRestore(const store::Database &database);

} // namespace pt::exchange
