#pragma once

#include "result.h"

#include <QDate>
#include <QString>

#include <cstdint>

namespace pt::store {

class Database;

// What a store file holds, as checked by backupTo() and checkBackup().
struct StoreSummary
{
    int schemaVersion = 0;
    std::int64_t portfolios = 0; // live (not tombstoned)
    std::int64_t entries = 0;    // live ledger entries
    std::int64_t prices = 0;     // daily bars
    QDate newestEntry;           // trade date of the newest live entry; invalid when none
};

// A backup written by backupTo().
struct BackupInfo
{
    QString path;
    std::int64_t bytes = 0;
    StoreSummary summary;
};

// A file checked by checkBackup(): a Portfolio Tracker store, intact, that
// this build can open.
struct RestoreCheck
{
    QString path;
    std::int64_t bytes = 0;
    StoreSummary summary;
    // The backup's schema is older than this build's: it is migrated when the
    // restored store is next opened.
    bool needsMigration = false;
};

// Copies the SQLite store `db` to `targetPath` with SQLite's online backup API,
// while the store stays in use: pages are copied a batch at a time with a short
// pause between batches, so writers are never held up for long. The copy is
// written to a temporary file next to the target, checked (integrity_check,
// application id), flushed to disk and only then renamed over the target: on
// any failure the target is left as it was and no partial file remains. The
// copy is a single self-contained file (rollback journal, no -wal/-shm).
// Refuses a target that is the store itself or one of its side files.
Result<BackupInfo> backupTo(const Database &db, const QString &targetPath);

// Opens `path` read-only and checks that it is a Portfolio Tracker store
// (application id), intact (integrity_check) and not written by a newer
// version; returns what it holds. Writes nothing.
Result<RestoreCheck> checkBackup(const QString &path);

// Replaces the SQLite store at `storePath` with the backup at `backupPath`.
// Checks the backup first, copies it into a temporary file in the store's
// folder, checks the copy, flushes it and renames it over the store, so the
// store is either the old one or the new one, never a mixture. Refused while
// another process holds the store's job lock (<store>.jobs.lock) or has the
// store open; on any failure the store is not touched. A backup at an older
// schema is restored as it is and migrated when the store is next opened.
Result<void> restoreInto(const QString &backupPath, const QString &storePath);

} // namespace pt::store
