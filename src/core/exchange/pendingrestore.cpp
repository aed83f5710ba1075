#include "exchange/pendingrestore.h"

#include "exchange/bookdocument.h"
#include "exchange/bookjson.h"
#include "store/backup.h"
#include "store/database.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>
#include <QThread>

namespace pt::exchange {

namespace {

constexpr int RestoreAttempts = 20;
constexpr int RestoreRetryMs = 250;

Result<BackupContents::Kind> backupKind(const QString &path)
{
    QFile file(path);
    if (!file.exists())
        return Error { QStringLiteral("'%1' does not exist").arg(path) };
    if (!file.open(QIODevice::ReadOnly))
        return Error { QStringLiteral("cannot read '%1': %2").arg(path, file.errorString()) };
    const QByteArray start = file.read(64);
    if (start.startsWith(QByteArrayView("SQLite format 3\0", 16)))
        return BackupContents::Kind::SqliteFile;
    if (start.trimmed().startsWith('{'))
        return BackupContents::Kind::JsonExport;
    return Error { QStringLiteral(
                       "'%1' is not a Portfolio Tracker store or backup (neither an SQLite backup nor a JSON export)")
                       .arg(path) };
}

QString describe(const BackupContents &contents)
{
    return QStringLiteral("%1 portfolios, %2 entries").arg(contents.portfolios).arg(contents.entries);
}

} // namespace

Result<BackupContents> inspectBackup(const QString &path, const store::StoreLocation &location)
{
    auto kind = backupKind(path);
    if (!kind)
        return Error { kind.error() };
    BackupContents contents;
    contents.kind = *kind;
    contents.path = QFileInfo(path).absoluteFilePath();
    contents.bytes = QFileInfo(path).size();
    if (*kind == BackupContents::Kind::SqliteFile) {
        if (location.backend == store::Backend::PostgreSql)
            return Error { QStringLiteral("'%1' is an SQLite backup; a PostgreSQL store is restored from a JSON export "
                                          "(what a backup of it writes). To move an SQLite store into PostgreSQL, copy "
                                          "it into an empty database with portfolio-cli copy-store.")
                               .arg(path) };
        auto check = store::checkBackup(path);
        if (!check)
            return Error { check.error() };
        contents.version = check->summary.schemaVersion;
        contents.portfolios = check->summary.portfolios;
        contents.entries = check->summary.entries;
        contents.prices = check->summary.prices;
        contents.newestEntry = check->summary.newestEntry;
        contents.needsMigration = check->needsMigration;
        return contents;
    }
    auto document = BookDocument::read(path);
    if (!document)
        return Error { document.error() };
    const BookSummary &summary = document->summary();
    contents.version = summary.version;
    contents.exportedAt = summary.exportedAt;
    contents.portfolios = summary.counts.livePortfolios;
    contents.entries = summary.counts.liveTransactions;
    contents.prices = summary.counts.prices;
    contents.newestEntry = summary.counts.newestEntry;
    return contents;
}

QString pendingRestorePath(const store::StoreLocation &location)
{
    if (location.backend == store::Backend::Sqlite)
        return QFileInfo(location.sqlitePath).absoluteFilePath() + QStringLiteral(".restore-pending");
    const QString folder = QFileInfo(store::Database::defaultSqlitePath()).absolutePath();
    const QByteArray key = QCryptographicHash::hash(location.toString().toUtf8(), QCryptographicHash::Sha256).toHex();
    return QDir(folder).filePath(QStringLiteral("restore-pending-%1.json").arg(QString::fromLatin1(key.left(16))));
}

bool hasPendingRestore(const store::StoreLocation &location)
{
    return QFileInfo::exists(pendingRestorePath(location));
}

void cancelPendingRestore(const store::StoreLocation &location)
{
    QFile::remove(pendingRestorePath(location));
}

Result<BackupContents> scheduleRestore(const store::StoreLocation &location, const QString &backup)
{
    auto contents = inspectBackup(backup, location);
    if (!contents)
        return contents;
    const QString pending = pendingRestorePath(location);
    if (QFileInfo(pending).absoluteFilePath() == contents->path)
        return contents; // already in place
    if (!QDir().mkpath(QFileInfo(pending).absolutePath()))
        return Error { QStringLiteral("cannot create the folder '%1'").arg(QFileInfo(pending).absolutePath()) };
    QFile source(contents->path);
    if (!source.open(QIODevice::ReadOnly))
        return Error { QStringLiteral("cannot read '%1': %2").arg(backup, source.errorString()) };
    QSaveFile copy(pending);
    if (!copy.open(QIODevice::WriteOnly))
        return Error { QStringLiteral("cannot write '%1': %2").arg(pending, copy.errorString()) };
    while (!source.atEnd()) {
        const QByteArray chunk = source.read(1024 * 1024);
        if (chunk.isEmpty() || copy.write(chunk) != chunk.size()) {
            copy.cancelWriting();
            return Error { QStringLiteral("cannot copy '%1' to '%2': %3").arg(backup, pending, copy.errorString()) };
        }
    }
    if (!copy.commit())
        return Error { QStringLiteral("cannot write '%1': %2").arg(pending, copy.errorString()) };
    return contents;
}

Result<QString> applyPendingFileRestore(const store::StoreLocation &location)
{
    const QString pending = pendingRestorePath(location);
    if (!QFileInfo::exists(pending))
        return QString();
    auto kind = backupKind(pending);
    if (kind && *kind == BackupContents::Kind::JsonExport)
        return QString(); // applied once the store is open
    const auto removePending = [&pending] {
        QFile::remove(pending);
    };
    if (!kind || location.backend != store::Backend::Sqlite) {
        removePending();
        return Error { kind ? QStringLiteral("an SQLite backup cannot replace a PostgreSQL store") : kind.error() };
    }
    auto check = store::checkBackup(pending);
    if (!check) {
        removePending();
        return Error { check.error() };
    }
    Result<void> restored;
    for (int attempt = 0; attempt < RestoreAttempts; ++attempt) {
        restored = store::restoreInto(pending, location.sqlitePath);
        if (restored)
            break;
        QThread::msleep(RestoreRetryMs); // the app that asked for it may still be closing the store
    }
    removePending();
    if (!restored)
        return Error { restored.error() };
    BackupContents contents;
    contents.portfolios = check->summary.portfolios;
    contents.entries = check->summary.entries;
    return QStringLiteral("The store was restored from the backup (%1).").arg(describe(contents));
}

Result<QString> applyPendingJsonRestore(const store::Database &database)
{
    const QString pending = pendingRestorePath(database.storeLocation());
    if (!QFileInfo::exists(pending))
        return QString();
    auto kind = backupKind(pending);
    if (kind && *kind == BackupContents::Kind::SqliteFile)
        return QString(); // applyPendingFileRestore's, before the store was opened
    const auto removePending = [&pending] {
        QFile::remove(pending);
    };
    if (!kind) {
        removePending();
        return Error { kind.error() };
    }
    auto document = BookDocument::read(pending);
    if (!document) {
        removePending();
        return Error { document.error() };
    }
    auto imported = importBook(database, *document, ImportMode::Replace);
    removePending();
    if (!imported)
        return Error { imported.error() };
    BackupContents contents;
    contents.portfolios = document->summary().counts.livePortfolios;
    contents.entries = document->summary().counts.liveTransactions;
    return QStringLiteral("The store was restored from the backup (%1).").arg(describe(contents));
}

} // namespace pt::exchange
