#include "backupcommand.h"

#include "commandline.h"
#include "context.h"
#include "exportjsoncommand.h"

#include "exchange/bookdocument.h"
#include "exchange/bookjson.h"
#include "store/backup.h"
#include "store/database.h"
#include "store/migrator.h"

#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QLockFile>
#include <QSaveFile>
#include <QTextStream>

#include <optional>

#include <cstdio>

#ifdef Q_OS_WIN
#include <io.h>
#else
#include <unistd.h>
#endif

namespace pt::cli {

namespace {

bool stdinIsTerminal()
{
#ifdef Q_OS_WIN
    return _isatty(_fileno(stdin)) != 0;
#else
    return ::isatty(STDIN_FILENO) != 0;
#endif
}

void printSummary(QTextStream &out, const store::StoreSummary &summary)
{
    out << "  schema version: " << summary.schemaVersion << '\n'
        << "  portfolios:     " << summary.portfolios << '\n'
        << "  entries:        " << summary.entries << '\n'
        << "  prices:         " << summary.prices << '\n'
        << "  newest entry:   "
        << (summary.newestEntry.isValid() ? summary.newestEntry.toString(Qt::ISODate) : QStringLiteral("none"))
        << '\n';
}

QString sizeText(std::int64_t bytes)
{
    return QStringLiteral("%1 (%2 bytes)").arg(QLocale::c().formattedDataSize(bytes)).arg(bytes);
}

enum class BackupKind { SqliteFile, JsonExport };

// What a backup file is, by its first bytes: an SQLite file or a JSON document.
Result<BackupKind> backupKind(const QString &path)
{
    QFile file(path);
    if (!file.exists())
        return Error { QStringLiteral("'%1' does not exist").arg(path) };
    if (!file.open(QIODevice::ReadOnly))
        return Error { QStringLiteral("cannot read '%1': %2").arg(path, file.errorString()) };
    const QByteArray start = file.read(64);
    if (start.startsWith(QByteArrayView("SQLite format 3\0", 16)))
        return BackupKind::SqliteFile;
    if (start.trimmed().startsWith('{'))
        return BackupKind::JsonExport;
    return Error { QStringLiteral(
                       "'%1' is not a Portfolio Tracker store or backup (neither an SQLite backup nor a JSON export)")
                       .arg(path) };
}

// Asks before a restore replaces the store; an exit code when it must not go on.
std::optional<int> confirmReplace(Context &context, const CommandLine &commandLine, const QString &store)
{
    if (commandLine.isSet(QStringLiteral("yes")))
        return std::nullopt;
    if (!stdinIsTerminal())
        return context.badInput(QStringLiteral("restore replaces the store %1; pass --yes to confirm when not "
                                               "on a terminal. Nothing was changed.")
                                    .arg(store));
    context.out() << "Replace the store " << store << " with this backup? [y/N] " << Qt::flush;
    QTextStream in(stdin);
    const QString answer = in.readLine().trimmed().toLower();
    if (answer != u"y" && answer != u"yes") {
        context.out() << "Not restored; the store was not changed.\n";
        return ExitBadInput;
    }
    return std::nullopt;
}

// backup of a PostgreSQL store, or of any store with --json: the JSON export
// of the whole book, written to a temporary file and renamed into place.
int writeJsonBackup(Context &context, const store::Database &database, const QString &path)
{
    if (database.backend() == store::Backend::Sqlite) {
        const QFileInfo target(path);
        for (const char16_t *suffix : { u"", u"-wal", u"-shm", u"-journal", u".jobs.lock" }) {
            const QFileInfo side(database.location() + QString::fromUtf16(suffix));
            if (target.absoluteFilePath() == side.absoluteFilePath()
                || (target.exists() && target.canonicalFilePath() == side.canonicalFilePath()))
                return context.badInput(QStringLiteral("'%1' is the store itself; choose another file for the "
                                                       "backup")
                                            .arg(path));
        }
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return context.failure(QStringLiteral("cannot write '%1': %2").arg(path, file.errorString()));
    auto summary = exchange::exportBook(database, file);
    if (!summary) {
        file.cancelWriting();
        return context.failure(QStringLiteral("backup to '%1' failed, nothing written: %2").arg(path, summary.error()));
    }
    const qint64 bytes = file.size();
    if (!file.commit())
        return context.failure(QStringLiteral("cannot write '%1': %2").arg(path, file.errorString()));
    context.out() << "Backed up " << database.storeLocation().toString() << " to " << QFileInfo(path).absoluteFilePath()
                  << " as a JSON export: " << sizeText(bytes) << '\n';
    printBookSummary(context.out(), *summary);
    return ExitSuccess;
}

// restore from a JSON export: the whole store replaced by the document, in one
// transaction, on either backend.
int restoreJson(Context &context, const CommandLine &commandLine, const QString &path,
                const store::StoreLocation &location)
{
    auto document = exchange::BookDocument::read(path);
    if (!document)
        return context.badInput(document.error() + QStringLiteral("; the store was not changed"));
    context.out() << "Backup " << document->path() << ": " << sizeText(QFileInfo(path).size()) << '\n';
    printBookSummary(context.out(), document->summary());
    if (document->summary().scope != u"book")
        context.out() << "  (an export of some portfolios only: the store will hold just those)\n";
    const QString storeName = location.toString();
    if (auto stop = confirmReplace(context, commandLine, storeName))
        return *stop;

    // SQLite: not while the app or another portfolio-cli runs the store's jobs.
    std::optional<QLockFile> jobLock;
    if (location.backend == store::Backend::Sqlite) {
        jobLock.emplace(QFileInfo(location.sqlitePath).absoluteFilePath() + QStringLiteral(".jobs.lock"));
        jobLock->setStaleLockTime(0);
        if (!jobLock->tryLock(0))
            return context.failure(QStringLiteral("another program (Portfolio Tracker or portfolio-cli) is using "
                                                  "the store %1; close it and try again. The store was not changed.")
                                       .arg(storeName));
    }
    auto database = context.database();
    if (!database)
        return context.failure(database.error());
    auto restored = exchange::importBook(**database, *document, exchange::ImportMode::Replace);
    if (!restored)
        return context.failure(restored.error() + QStringLiteral("; the store was not changed"));
    context.out() << "Restored " << storeName << " from " << document->path() << ".\n";
    return ExitSuccess;
}

} // namespace

int runBackupCommand(Context &context, const QStringList &arguments)
{
    CommandLine commandLine(
        QStringLiteral("backup"),
        QStringLiteral("Copies the store to <file> while it stays in use. An SQLite store is copied with SQLite's "
                       "online backup (one SQLite file); a PostgreSQL store is written as the JSON export of the "
                       "whole book (docs/BACKUP.md), read in one consistent snapshot. The copy is complete and "
                       "checked before it is put in place: on failure <file> is left as it was."));
    commandLine.addArgument(QStringLiteral("file"), QStringLiteral("The backup file to write (replaced if it exists)."));
    commandLine.addFlag(QStringLiteral("json"),
                        QStringLiteral("Write the JSON export of the whole book also for an SQLite store."));
    if (auto done = commandLine.parse(context, arguments))
        return *done;
    auto database = context.database();
    if (!database)
        return context.failure(database.error());
    if ((*database)->backend() == store::Backend::PostgreSql || commandLine.isSet(QStringLiteral("json")))
        return writeJsonBackup(context, **database, commandLine.argument(0));
    auto info = store::backupTo(**database, commandLine.argument(0));
    if (!info)
        return context.failure(info.error());
    context.out() << "Backed up " << context.databasePath() << " to " << info->path << ": " << sizeText(info->bytes)
                  << '\n';
    printSummary(context.out(), info->summary);
    return ExitSuccess;
}

int runRestoreCommand(Context &context, const QStringList &arguments)
{
    CommandLine commandLine(
        QStringLiteral("restore"),
        QStringLiteral("Replaces the store with a backup, after checking it. An SQLite backup (what backup writes "
                       "for an SQLite store) must be an intact Portfolio Tracker store this version can open; it "
                       "replaces an SQLite store's file atomically, and one from an older version is migrated when "
                       "the store is next opened. A JSON export (what backup writes for a PostgreSQL store, or "
                       "export json) is checked completely (format version, every record) and replaces everything "
                       "in the store, SQLite or PostgreSQL, in one transaction. Asks first on a terminal; elsewhere "
                       "--yes is required (exit 2 without it). Refused while Portfolio Tracker or another "
                       "portfolio-cli uses an SQLite store."));
    commandLine.addArgument(QStringLiteral("file"), QStringLiteral("The backup file to restore."));
    commandLine.addFlag(QStringLiteral("yes"), QStringLiteral("Replace the store without asking."));
    if (auto done = commandLine.parse(context, arguments))
        return *done;

    const QString path = commandLine.argument(0);
    auto location = store::StoreLocation::parse(context.databasePath());
    if (!location)
        return context.badInput(location.error());
    auto kind = backupKind(path);
    if (!kind)
        return context.badInput(kind.error());
    if (*kind == BackupKind::JsonExport)
        return restoreJson(context, commandLine, path, *location);
    if (location->backend == store::Backend::PostgreSql)
        return context.badInput(QStringLiteral("'%1' is an SQLite backup; a PostgreSQL store is restored from a JSON "
                                               "export (what backup writes for it). To move an SQLite store into "
                                               "PostgreSQL, copy it into an empty database: portfolio-cli copy-store "
                                               "--from '%1' --to %2. Nothing was changed.")
                                    .arg(path, location->toString()));

    auto check = store::checkBackup(path);
    if (!check)
        return context.badInput(check.error());
    context.out() << "Backup " << check->path << ": " << sizeText(check->bytes) << '\n';
    printSummary(context.out(), check->summary);
    if (check->needsMigration)
        context.out() << "  (from an older version: schema " << check->summary.schemaVersion << " is brought to "
                      << store::Migrator::latestVersion() << " when the store is next opened)\n";

    const QString storePath = location->sqlitePath;
    if (auto stop = confirmReplace(context, commandLine, storePath))
        return *stop;
    // The store is deliberately not opened here: an open connection would
    // count as another user of the store and keep the restore from replacing it.
    if (auto restored = store::restoreInto(check->path, storePath); !restored)
        return context.failure(restored.error());
    context.out() << "Restored " << storePath << " from " << check->path << ".\n";
    return ExitSuccess;
}

} // namespace pt::cli
