#include "passwordcommand.h"

#include "commandline.h"
#include "context.h"
#include "passwordinput.h"

#include "secrets/keychain.h"
#include "secrets/passwordlookup.h"
#include "secrets/plaintextsecretfile.h"
#include "store/storelocation.h"

#include <QTextStream>

#include <optional>

namespace pt::cli {

namespace {

// The password: asked for twice on a terminal, without echo; else the first
// line of standard input (a pipe or a file).
std::optional<QString> readPassword(Context &context, const QString &store, QString &problem)
{
    return readSecret(context, QStringLiteral("Password for %1: ").arg(store), true, problem);
}

// The PostgreSQL store of --store, else of --db; for messages, its secret key.
std::optional<store::StoreLocation> storeOf(Context &context, const CommandLine &commandLine, int &exitCode)
{
    const QString text = commandLine.isSet(QStringLiteral("store")) ? commandLine.value(QStringLiteral("store"))
                                                                    : context.databasePath();
    const auto location = store::StoreLocation::parse(text);
    if (!location) {
        exitCode = context.badInput(location.error());
        return std::nullopt;
    }
    if (location->backend != store::Backend::PostgreSql) {
        exitCode = context.badInput(
            QStringLiteral("'%1' is an SQLite file, which has no password: give --store postgresql://user@host/database")
                .arg(text));
        return std::nullopt;
    }
    return *location;
}

void addStoreOption(CommandLine &commandLine)
{
    commandLine.addValueOption(QStringLiteral("store"),
                               QStringLiteral("The PostgreSQL store, postgresql://user@host:port/database "
                                              "(default: the one of --db)."),
                               QStringLiteral("url"));
}

int set(Context &context, const QStringList &arguments)
{
    CommandLine commandLine(
        QStringLiteral("password set"),
        QStringLiteral("Stores the password of a PostgreSQL store in the OS keychain (replacing one stored "
                       "before), where the app and portfolio-cli find it. The password is read from standard "
                       "input: typed twice without echo on a terminal, else the first line of a pipe or file. "
                       "It is never taken from the command line, which other users can see."));
    addStoreOption(commandLine);
    if (auto done = commandLine.parse(context, arguments))
        return *done;
    int exitCode = ExitSuccess;
    const auto location = storeOf(context, commandLine, exitCode);
    if (!location)
        return exitCode;
    const QString key = location->secretKey();

    QString problem;
    const auto password = readPassword(context, key, problem);
    if (!password)
        return context.badInput(problem);
    if (password->isEmpty())
        return context.badInput(QStringLiteral("the password is empty; to remove a stored one, use 'password forget'"));

    const secrets::KeychainResult written = secrets::Keychain().writeNow(key, *password);
    if (!written.ok())
        return context.failure(QStringLiteral("cannot store the password of %1: %2. Without a keychain, keep it in "
                                              "~/.pgpass or PGPASSWORD for portfolio-cli")
                                   .arg(key, written.message()));
    context.out() << "Stored the password of " << key << " in the keychain.\n";
    return ExitSuccess;
}

int forget(Context &context, const QStringList &arguments)
{
    CommandLine commandLine(QStringLiteral("password forget"),
                            QStringLiteral("Removes the password of a PostgreSQL store from the OS keychain, and "
                                           "from the unencrypted password file if the app keeps one."));
    addStoreOption(commandLine);
    if (auto done = commandLine.parse(context, arguments))
        return *done;
    int exitCode = ExitSuccess;
    const auto location = storeOf(context, commandLine, exitCode);
    if (!location)
        return exitCode;
    const QString key = location->secretKey();

    const secrets::PlaintextSecretFile file;
    const auto inFile = file.read(key);
    const bool wasInFile = inFile && inFile->has_value();
    if (const auto fromFile = file.remove(key); !fromFile)
        return context.failure(fromFile.error());
    const secrets::KeychainResult removed = secrets::Keychain().removeNow(key);
    if (removed.ok()) {
        context.out() << "Removed the password of " << key << " from the keychain"
                      << (wasInFile ? " and from the unencrypted password file" : "") << ".\n";
        return ExitSuccess;
    }
    if (wasInFile) {
        context.out() << "Removed the password of " << key << " from the unencrypted password file ("
                      << removed.message() << ").\n";
        return ExitSuccess;
    }
    return context.failure(QStringLiteral("cannot remove the password of %1: %2").arg(key, removed.message()));
}

int status(Context &context, const QStringList &arguments)
{
    CommandLine commandLine(QStringLiteral("password status"),
                            QStringLiteral("Says where the password of a PostgreSQL store is found (the keychain, "
                                           "the unencrypted file, or neither, when libpq's PGPASSWORD or ~/.pgpass "
                                           "is used). Never prints the password."));
    addStoreOption(commandLine);
    if (auto done = commandLine.parse(context, arguments))
        return *done;
    int exitCode = ExitSuccess;
    const auto location = storeOf(context, commandLine, exitCode);
    if (!location)
        return exitCode;
    const secrets::PlaintextSecretFile file;
    const secrets::PasswordLookup lookup
        = secrets::lookUpPasswordNow(secrets::Keychain(), location->secretKey(), file.exists() ? &file : nullptr);
    context.out() << location->secretKey() << ": ";
    switch (lookup.source) {
    case secrets::PasswordSource::Keychain:
        context.out() << "a password is stored in the keychain\n";
        break;
    case secrets::PasswordSource::PlaintextFile:
        context.out() << "a password is stored UNENCRYPTED in " << file.path() << '\n';
        break;
    case secrets::PasswordSource::None:
    case secrets::PasswordSource::Entered:
        context.out() << "no password stored ("
                      << (lookup.keychain.notFound() ? QStringLiteral("none in the keychain") : lookup.keychain.message())
                      << (lookup.fileProblem.isEmpty() ? QString() : QStringLiteral("; ") + lookup.fileProblem)
                      << "); libpq will look for PGPASSWORD and ~/.pgpass\n";
        break;
    }
    return ExitSuccess;
}

} // namespace

int runPasswordCommand(Context &context, const QStringList &arguments)
{
    const std::vector<Action> actions {
        { QStringLiteral("set"), QStringLiteral("Store a PostgreSQL store's password (read from stdin)"), set },
        { QStringLiteral("forget"), QStringLiteral("Remove a stored password"), forget },
        { QStringLiteral("status"), QStringLiteral("Say where the password is found, never printing it"), status },
    };
    return runGroup(context, QStringLiteral("password"),
                    QStringLiteral("The passwords of PostgreSQL stores, kept in the OS keychain (service "
                                   "\"Portfolio Tracker\", one entry per postgresql://user@host:port/database)."),
                    actions, arguments);
}

} // namespace pt::cli
