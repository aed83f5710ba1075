#include "synccommand.h"

#include "commandline.h"
#include "context.h"
#include "jsonformat.h"
#include "passwordinput.h"

#include "secrets/plaintextsecretfile.h"
#include "sync/syncengine.h"
#include "syncnet/accountclient.h"
#include "syncnet/httpsynctransport.h"
#include "syncnet/synccredentials.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSysInfo>

#include <memory>
#include <optional>

namespace pt::cli {

namespace {

const QString NotSignedIn = QStringLiteral(
    "not signed in to a sync server: run 'portfolio-cli sync login --server URL --email EMAIL' first");

void addCaFileOption(CommandLine &commandLine)
{
    commandLine.addValueOption(QStringLiteral("ca-file"),
                               QStringLiteral("A PEM file of certificates to trust for the server (a private CA or a "
                                              "self-signed certificate); default: $PT_SYNC_CA_FILE."),
                               QStringLiteral("file"));
}

void addAccountOptions(CommandLine &commandLine)
{
    commandLine.addValueOption(QStringLiteral("server"),
                               QStringLiteral("The portfolio-server, https://host[:port] (http only on loopback)."),
                               QStringLiteral("url"));
    commandLine.addValueOption(QStringLiteral("email"), QStringLiteral("The account's email address."),
                               QStringLiteral("email"));
    addCaFileOption(commandLine);
}

// --server and --email, both required; nullopt after printing the refusal.
std::optional<syncnet::SyncAccount> accountOf(Context &context, const CommandLine &commandLine,
                                              const QString &command, int &exitCode)
{
    for (const QString &name : {QStringLiteral("server"), QStringLiteral("email")}) {
        if (commandLine.value(name).trimmed().isEmpty()) {
            exitCode = context.badInput(QStringLiteral("%1: missing --%2 (see '%1 --help')").arg(command, name));
            return std::nullopt;
        }
    }
    const auto account = syncnet::SyncAccount::parse(commandLine.value(QStringLiteral("server")).trimmed() + u' '
                                                     + commandLine.value(QStringLiteral("email")).trimmed());
    if (!account) {
        exitCode = context.badInput(account.error());
        return std::nullopt;
    }
    return *account;
}

// The credentials of `account` as the app keeps them: the keychain, or the
// unencrypted file when the user allowed it in the app (it exists then).
struct Credentials
{
    secrets::PlaintextSecretFile file;
    std::unique_ptr<syncnet::SyncCredentials> tokens;

    explicit Credentials(const syncnet::SyncAccount &account)
        : tokens(std::make_unique<syncnet::SyncCredentials>(account, secrets::Keychain(),
                                                            file.exists() ? &file : nullptr))
    {
    }
};

// The account the store syncs with, from its sync state; nullopt (and the
// exit code) when it has none.
std::optional<syncnet::SyncAccount> signedInAccount(Context &context, const store::Database &database, int &exitCode)
{
    const auto status = sync::SyncEngine(database).status();
    if (!status) {
        exitCode = context.failure(status.error());
        return std::nullopt;
    }
    if (!status->enabled || status->account.isEmpty()) {
        exitCode = context.failure(NotSignedIn);
        return std::nullopt;
    }
    const auto account = syncnet::SyncAccount::parse(status->account);
    if (!account) {
        exitCode = context.failure(QStringLiteral("the store's sync account is unreadable (%1): sign in again")
                                       .arg(account.error()));
        return std::nullopt;
    }
    return *account;
}

int registerAccount(Context &context, const QStringList &arguments)
{
    CommandLine commandLine(QStringLiteral("sync register"),
                            QStringLiteral("Creates an account on a portfolio-server. The password (at least 12 "
                                           "characters) is read from standard input: typed twice without echo on a "
                                           "terminal, else the first line of a pipe or file."));
    addAccountOptions(commandLine);
    if (auto done = commandLine.parse(context, arguments))
        return *done;
    int exitCode = ExitSuccess;
    const auto account = accountOf(context, commandLine, QStringLiteral("sync register"), exitCode);
    if (!account)
        return exitCode;
    QString problem;
    const auto password
        = readSecret(context, QStringLiteral("New password for %1: ").arg(account->email), true, problem);
    if (!password)
        return context.badInput(problem);

    syncnet::AccountClient client(account->server, commandLine.value(QStringLiteral("ca-file")));
    const auto id = client.registerAccount(account->email, *password);
    if (!id)
        return context.failure(id.error());
    context.out() << "Created the account " << account->email << " on " << account->server.toString()
                  << ". Sign in with 'portfolio-cli sync login --server " << account->server.toString()
                  << " --email " << account->email << "'.\n";
    return ExitSuccess;
}

int login(Context &context, const QStringList &arguments)
{
    CommandLine commandLine(QStringLiteral("sync login"),
                            QStringLiteral("Signs this store in to a portfolio-server account and turns sync on. The "
                                           "password is read from standard input (without echo on a terminal); "
                                           "the sign-in is kept in the OS keychain, never the password."));
    addAccountOptions(commandLine);
    commandLine.addValueOption(QStringLiteral("device-name"),
                               QStringLiteral("How the account's list of sessions names this device (default: the "
                                              "computer's name)."),
                               QStringLiteral("name"));
    if (auto done = commandLine.parse(context, arguments))
        return *done;
    int exitCode = ExitSuccess;
    const auto account = accountOf(context, commandLine, QStringLiteral("sync login"), exitCode);
    if (!account)
        return exitCode;
    const QString deviceName = commandLine.isSet(QStringLiteral("device-name"))
                                   ? commandLine.value(QStringLiteral("device-name"))
                                   : QSysInfo::machineHostName();
    // The store first: a store that cannot be opened is found before the network.
    const auto database = context.database();
    if (!database)
        return context.failure(database.error());
    QString problem;
    const auto password = readSecret(context, QStringLiteral("Password for %1: ").arg(account->email), false, problem);
    if (!password)
        return context.badInput(problem);

    syncnet::AccountClient client(account->server, commandLine.value(QStringLiteral("ca-file")));
    const auto pair = client.login(account->email, *password, deviceName);
    if (!pair)
        return context.failure(pair.error());
    Credentials credentials(*account);
    if (auto kept = credentials.tokens->storeRefreshToken(pair->refreshToken); !kept) {
        // Not kept, so not signed in: end the session rather than leave it open.
        credentials.tokens->setAccessToken(pair->accessToken, std::chrono::seconds(pair->expiresIn));
        (void)client.logout(*credentials.tokens);
        return context.failure(kept.error());
    }
    const auto previous = sync::SyncEngine(**database).status();
    if (previous && previous->enabled && !previous->account.isEmpty() && previous->account != account->toString()) {
        if (const auto old = syncnet::SyncAccount::parse(previous->account))
            (void)Credentials(*old).tokens->forget();
        context.out() << "Signed out of " << previous->account << " on this store.\n";
    }
    if (auto enabled = sync::SyncEngine(**database).enable(account->toString()); !enabled)
        return context.failure(enabled.error());
    context.out() << "Signed in to " << account->server.toString() << " as " << account->email
                  << "; sync is on. Run 'portfolio-cli sync' to sync now.\n";
    return ExitSuccess;
}

int logout(Context &context, const QStringList &arguments)
{
    CommandLine commandLine(QStringLiteral("sync logout"),
                            QStringLiteral("Signs this store out: ends the session on the server (when it can be "
                                           "reached), forgets the sign-in kept in the keychain and turns sync off. "
                                           "Changes not yet synced stay and go out when you sign in again."));
    commandLine.addFlag(QStringLiteral("everywhere"),
                        QStringLiteral("End every session of the account, on every device."));
    addCaFileOption(commandLine);
    if (auto done = commandLine.parse(context, arguments))
        return *done;
    const auto database = context.database();
    if (!database)
        return context.failure(database.error());
    const auto status = sync::SyncEngine(**database).status();
    if (!status)
        return context.failure(status.error());
    if (!status->enabled || status->account.isEmpty()) {
        context.out() << "Not signed in to a sync server; nothing to do.\n";
        return ExitSuccess;
    }
    const auto account = syncnet::SyncAccount::parse(status->account);
    int result = ExitSuccess;
    if (account) {
        Credentials credentials(*account);
        syncnet::AccountClient client(account->server, commandLine.value(QStringLiteral("ca-file")));
        const bool everywhere = commandLine.isSet(QStringLiteral("everywhere"));
        const auto ended = everywhere ? client.logoutEverywhere(*credentials.tokens) : client.logout(*credentials.tokens);
        if (!ended)
            context.err() << "warning: the server was not told (" << ended.error()
                          << "); this device's sign-in is forgotten all the same\n";
        else if (everywhere)
            context.out() << "Ended every session of " << account->email << ".\n";
        if (auto forgotten = credentials.tokens->forget(); !forgotten)
            result = context.failure(forgotten.error());
    }
    if (auto disabled = sync::SyncEngine(**database).disable(); !disabled)
        return context.failure(disabled.error());
    context.out() << "Signed out of " << status->account << "; sync is off.\n";
    return result;
}

QString timeText(std::int64_t ms)
{
    return ms == 0 ? QStringLiteral("never")
                   : QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

int status(Context &context, const QStringList &arguments)
{
    CommandLine commandLine(QStringLiteral("sync status"),
                            QStringLiteral("Says whether this store syncs, with which account, how many changes "
                                           "wait to be sent, and how the last sync went. Does not contact the server."));
    commandLine.addJsonFlag();
    if (auto done = commandLine.parse(context, arguments))
        return *done;
    const auto database = context.database();
    if (!database)
        return context.failure(database.error());
    const auto status = sync::SyncEngine(**database).status();
    if (!status)
        return context.failure(status.error());
    const bool signedIn = status->enabled && !status->account.isEmpty();
    if (commandLine.json()) {
        QJsonObject object{
            {QStringLiteral("enabled"), status->enabled},
            {QStringLiteral("account"), signedIn ? QJsonValue(status->account) : QJsonValue::Null},
            {QStringLiteral("device"), status->deviceId.isEmpty() ? QJsonValue::Null : QJsonValue(status->deviceId)},
            {QStringLiteral("pending"), qint64(status->pending)},
            {QStringLiteral("cursor"), qint64(status->cursor)},
            {QStringLiteral("lastSyncAt"),
             status->lastSyncAt == 0 ? QJsonValue::Null
                                     : QJsonValue(QDateTime::fromMSecsSinceEpoch(status->lastSyncAt, Qt::UTC)
                                                      .toString(Qt::ISODateWithMs))},
            {QStringLiteral("lastError"), status->lastError.isEmpty() ? QJsonValue::Null : QJsonValue(status->lastError)},
        };
        writeJson(context.out(), QJsonDocument(object));
        return ExitSuccess;
    }
    if (!signedIn) {
        context.out() << "Not signed in to a sync server: run 'portfolio-cli sync login --server URL --email EMAIL'.\n";
        if (status->pending > 0)
            context.out() << "Pending changes: " << status->pending << '\n';
        return ExitSuccess;
    }
    context.out() << "Sync: on\n"
                  << "Account: " << status->account << '\n'
                  << "Device: " << status->deviceId << '\n'
                  << "Pending changes: " << status->pending << '\n'
                  << "Last sync: " << timeText(status->lastSyncAt) << '\n'
                  << "Last error: " << (status->lastError.isEmpty() ? QStringLiteral("none") : status->lastError)
                  << '\n';
    return ExitSuccess;
}

int now(Context &context, const QStringList &arguments)
{
    CommandLine commandLine(QStringLiteral("sync now"),
                            QStringLiteral("Syncs this store once: sends its pending changes, then receives and "
                                           "merges every other device's. Exit status 1 when the sync fails."));
    commandLine.addJsonFlag();
    addCaFileOption(commandLine);
    if (auto done = commandLine.parse(context, arguments))
        return *done;
    const auto database = context.database();
    if (!database)
        return context.failure(database.error());
    int exitCode = ExitSuccess;
    const auto account = signedInAccount(context, **database, exitCode);
    if (!account)
        return exitCode;
    Credentials credentials(*account);
    syncnet::AccountClient client(account->server, commandLine.value(QStringLiteral("ca-file")));
    syncnet::HttpSyncTransport transport(client, *credentials.tokens);
    const auto report = sync::SyncEngine(**database).syncOnce(transport);
    if (!report)
        return context.failure(QStringLiteral("sync with %1 failed: %2").arg(account->server.toString(), report.error()));
    if (commandLine.json()) {
        writeJson(context.out(), QJsonDocument(QJsonObject{
                                     {QStringLiteral("pushed"), report->pushed},
                                     {QStringLiteral("pulled"), report->pulled},
                                     {QStringLiteral("applied"), report->applied},
                                     {QStringLiteral("pending"), qint64(report->pending)},
                                     {QStringLiteral("warnings"), QJsonArray::fromStringList(report->warnings)},
                                 }));
    } else {
        context.out() << "Pushed " << report->pushed << ", pulled " << report->pulled << " (" << report->applied
                      << " applied), " << report->pending << " pending\n";
    }
    for (const QString &warning : report->warnings)
        context.err() << "warning: " << warning << '\n';
    return ExitSuccess;
}

int password(Context &context, const QStringList &arguments)
{
    CommandLine commandLine(QStringLiteral("sync password"),
                            QStringLiteral("Changes the account's password; every other device must sign in again. "
                                           "Reads the current password, then the new one, from standard input (one "
                                           "per line; on a terminal asked for without echo, the new one twice)."));
    addCaFileOption(commandLine);
    if (auto done = commandLine.parse(context, arguments))
        return *done;
    const auto database = context.database();
    if (!database)
        return context.failure(database.error());
    int exitCode = ExitSuccess;
    const auto account = signedInAccount(context, **database, exitCode);
    if (!account)
        return exitCode;
    QString problem;
    const auto current = readSecret(context, QStringLiteral("Current password for %1: ").arg(account->email), false,
                                    problem);
    if (!current)
        return context.badInput(problem);
    const auto next = readSecret(context, QStringLiteral("New password: "), true, problem);
    if (!next)
        return context.badInput(problem.replace(QStringLiteral("no password on standard input"),
                                                QStringLiteral("no new password on standard input (line 2)")));
    Credentials credentials(*account);
    syncnet::AccountClient client(account->server, commandLine.value(QStringLiteral("ca-file")));
    if (auto changed = client.changePassword(*credentials.tokens, *current, *next); !changed)
        return context.failure(changed.error());
    context.out() << "Changed the password of " << account->email
                  << "; other devices must sign in again with the new one.\n";
    return ExitSuccess;
}

} // namespace

int runSyncCommand(Context &context, const QStringList &arguments)
{
    const std::vector<Action> actions{
        {QStringLiteral("now"), QStringLiteral("Sync once: push pending changes, pull the others' (the default)"), now},
        {QStringLiteral("status"), QStringLiteral("Show the account, pending changes and the last sync"), status},
        {QStringLiteral("register"), QStringLiteral("Create an account on a portfolio-server"), registerAccount},
        {QStringLiteral("login"), QStringLiteral("Sign this store in and turn sync on"), login},
        {QStringLiteral("logout"), QStringLiteral("Sign out (--everywhere: every device) and turn sync off"), logout},
        {QStringLiteral("password"), QStringLiteral("Change the account's password"), password},
    };
    // Plain `sync` (or `sync --ca-file F`) is `sync now`.
    QStringList words = arguments;
    const QString action = words.value(1);
    if (action.isEmpty() || (action.startsWith(u'-') && action != u"--help" && action != u"-h"))
        words.insert(1, QStringLiteral("now"));
    return runGroup(context, QStringLiteral("sync"),
                    QStringLiteral("Sync this store with a self-hosted portfolio-server account. The sign-in is "
                                   "kept in the OS keychain (service \"Portfolio Tracker\"); passwords are read from "
                                   "standard input, never the command line."),
                    actions, words);
}

} // namespace pt::cli
