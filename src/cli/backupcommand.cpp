#include "backupcommand.h"

#include "commandline.h"
#include "context.h"

#include "store/backup.h"
#include "store/migrator.h"

#include <QLocale>
#include <QTextStream>

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

} // namespace

int runBackupCommand(Context &context, const QStringList &arguments)
{
    CommandLine commandLine(
        QStringLiteral("backup"),
        QStringLiteral("Copies the store to <file> while it stays in use (SQLite's online backup). The copy is "
                       "checked and only then put in place: on failure <file> is left as it was."));
    commandLine.addArgument(QStringLiteral("file"), QStringLiteral("The backup file to write (replaced if it exists)."));
    if (auto done = commandLine.parse(context, arguments))
        return *done;
    auto database = context.database();
    if (!database)
        return context.failure(database.error());
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
        QStringLiteral("Replaces the store with a backup, after checking that the backup is an intact Portfolio "
                       "Tracker store this version can open. Asks first on a terminal; elsewhere --yes is required "
                       "(exit 2 without it). Refused while Portfolio Tracker or another portfolio-cli uses the "
                       "store. A backup from an older version is migrated when the store is next opened."));
    commandLine.addArgument(QStringLiteral("file"), QStringLiteral("The backup file to restore."));
    commandLine.addFlag(QStringLiteral("yes"), QStringLiteral("Replace the store without asking."));
    if (auto done = commandLine.parse(context, arguments))
        return *done;

    auto check = store::checkBackup(commandLine.argument(0));
    if (!check)
        return context.badInput(check.error());
    context.out() << "Backup " << check->path << ": " << sizeText(check->bytes) << '\n';
    printSummary(context.out(), check->summary);
    if (check->needsMigration)
        context.out() << "  (from an older version: schema " << check->summary.schemaVersion << " is brought to "
                      << store::Migrator::latestVersion() << " when the store is next opened)\n";

    const QString storePath = context.databasePath();
    if (!commandLine.isSet(QStringLiteral("yes"))) {
        if (!stdinIsTerminal())
            return context.badInput(QStringLiteral("restore replaces the store %1; pass --yes to confirm when not "
                                                   "on a terminal. Nothing was changed.")
                                        .arg(storePath));
        context.out() << "Replace the store " << storePath << " with this backup? [y/N] " << Qt::flush;
        QTextStream in(stdin);
        const QString answer = in.readLine().trimmed().toLower();
        if (answer != u"y" && answer != u"yes") {
            context.out() << "Not restored; the store was not changed.\n";
            return ExitBadInput;
        }
    }
    // The store is deliberately not opened here: an open connection would
    // count as another user of the store and keep the restore from replacing it.
    if (auto restored = store::restoreInto(check->path, storePath); !restored)
        return context.failure(restored.error());
    context.out() << "Restored " << storePath << " from " << check->path << ".\n";
    return ExitSuccess;
}

} // namespace pt::cli
