// portfolio-server: accounts and sync for Portfolio Tracker, on loopback
// behind a TLS proxy (docs/SERVER.md). Configuration from a file and the
// environment; secrets never on the command line.

#include "databasecheck.h"
#include "housekeeping.h"
#include "httpapi.h"
#include "httpfrontend.h"
#include "jsonlog.h"
#include "metrics.h"
#include "serverconfig.h"
#include "shutdownsignals.h"
#include "store/database.h"
#include "sync/syncmessage.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonObject>
#include <QThreadPool>
#include <QTimer>

#include <cstdio>

using namespace pt;
using namespace pt::server;

namespace {

// Exit codes: 0 done, 1 could not run (database, port), 2 bad configuration
// or command line.
constexpr int ExitFailure = 1;
constexpr int ExitBadConfiguration = 2;

// How long a shutdown waits for requests under way.
constexpr int DrainTimeoutMs = 10'000;

int checkConfiguration(const ServerConfig &config, const QString &path)
{
    if (auto connected = checkDatabaseConnection(config.database, config.databasePassword); !connected) {
        std::fprintf(stderr, "%s: %s\n", qPrintable(path), qPrintable(connected.error()));
        return ExitFailure;
    }
    std::printf("%s: configuration valid; connected to %s\n", qPrintable(path),
                qPrintable(store::StoreLocation::postgresql(config.database).toString()));
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("portfolio-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PT_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Sync server for Portfolio Tracker. Listens on loopback; put a TLS proxy (nginx) in front.\n"
        "Every setting can also come from the environment as PT_SERVER_<KEY>; secrets come from files or\n"
        "the environment (PT_SERVER_DATABASE_PASSWORD, PT_SERVER_TOKEN_KEY as base64), never from here."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption configOption(QStringLiteral("config"),
                                          QStringLiteral("The configuration file (default %1).").arg(ServerConfig::defaultPath()),
                                          QStringLiteral("file"), ServerConfig::defaultPath());
    const QCommandLineOption checkOption(QStringLiteral("check-config"),
                                         QStringLiteral("Check the configuration and the database connection, then exit."));
    parser.addOption(configOption);
    parser.addOption(checkOption);
    if (!parser.parse(QCoreApplication::arguments())) {
        std::fprintf(stderr, "portfolio-server: %s (see --help)\n", qPrintable(parser.errorText()));
        return ExitBadConfiguration;
    }
    if (parser.isSet(QStringLiteral("help")))
        parser.showHelp(0);
    if (parser.isSet(QStringLiteral("version")))
        parser.showVersion();
    if (!parser.positionalArguments().isEmpty()) {
        std::fprintf(stderr, "portfolio-server: unexpected argument '%s' (see --help)\n",
                     qPrintable(parser.positionalArguments().constFirst()));
        return ExitBadConfiguration;
    }

    const QString path = parser.value(configOption);
    auto loaded = ServerConfig::load(path, QProcessEnvironment::systemEnvironment());
    if (parser.isSet(checkOption)) {
        if (!loaded) {
            std::fprintf(stderr, "%s\n", qPrintable(loaded.error()));
            return ExitBadConfiguration;
        }
        return checkConfiguration(*loaded, path);
    }

    // From here on every line on stderr is a JSON object.
    jsonlog::install();
    if (!loaded) {
        jsonlog::error(QStringLiteral("bad configuration: %1").arg(loaded.error()),
                       {{QStringLiteral("config"), path}});
        return ExitBadConfiguration;
    }
    const ServerConfig config = std::move(loaded).value();

    auto opened = store::Database::openPostgres(config.database, config.databasePassword, store::Schema::SyncServer);
    if (!opened) {
        jsonlog::error(QStringLiteral("cannot open the database: %1").arg(opened.error()));
        return ExitFailure;
    }
    const std::shared_ptr<store::Database> database = std::move(opened).value();

    // The pool's threads keep their database connections for the process's life.
    QThreadPool pool;
    pool.setMaxThreadCount(config.workerThreads);
    pool.setExpiryTimeout(-1);
    Metrics metrics;
    HttpApi api(config, database, pool, metrics);
    HttpFrontend frontend([&api](HttpRequest request) { return api.handle(std::move(request)); },
                          sync::MaxMessageBytes);
    const auto port = frontend.start(config.listenAddress, config.listenPort);
    if (!port) {
        jsonlog::error(port.error());
        return ExitFailure;
    }
    if (!config.listenAddress.isLoopback())
        jsonlog::warning(QStringLiteral("listening on a non-loopback address: Qt HttpServer must not face the "
                                        "internet directly; keep a TLS proxy in front of it"));
    jsonlog::info(QStringLiteral("listening"), {{QStringLiteral("address"), config.listenAddress.toString()},
                                                {QStringLiteral("port"), int(*port)},
                                                {QStringLiteral("version"), QStringLiteral(PT_VERSION)},
                                                {QStringLiteral("database"), database->location()},
                                                {QStringLiteral("workerThreads"), config.workerThreads},
                                                {QStringLiteral("rateLimitPerMinute"), config.rateLimitPerMinute}});

    Housekeeping housekeeping(database, config.tokens, pool);
    housekeeping.start();

    ShutdownSignals shutdownSignals;
    QObject::connect(&shutdownSignals, &ShutdownSignals::received, &app, [&](int number) {
        static bool stopping = false;
        if (stopping)
            return;
        stopping = true;
        jsonlog::info(QStringLiteral("stopping"), {{QStringLiteral("signal"), number},
                                                   {QStringLiteral("requestsInFlight"), frontend.requestsInFlight()}});
        QObject::connect(&frontend, &HttpFrontend::drained, &app, &QCoreApplication::quit);
        QTimer::singleShot(DrainTimeoutMs, &app, &QCoreApplication::quit);
        frontend.stopListening();
    });

    const int code = app.exec();
    pool.waitForDone(DrainTimeoutMs);
    jsonlog::info(QStringLiteral("stopped"));
    return code;
}
