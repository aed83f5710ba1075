// portfolio-cli: the core library from a terminal. This file only reads the
// global options and hands the rest of the command line to one command group.

#include "alertscommand.h"
#include "assetcommands.h"
#include "backupcommand.h"
#include "context.h"
#include "copystorecommand.h"
#include "daemoncommand.h"
#include "fetchcommand.h"
#include "generatecommand.h"
#include "holdingscommand.h"
#include "importcommand.h"
#include "exportcommand.h"
#include "passwordcommand.h"
#include "performancecommand.h"
#include "allocationcommand.h"
#include "benchmarkcommand.h"
#include "jobscommand.h"
#include "portfoliocommands.h"
#include "pricecommands.h"
#include "samplecommand.h"
#include "searchcommand.h"
#include "snapshotcommand.h"
#include "synccommand.h"
#include "transactioncommands.h"
#include "valuecommand.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <functional>
#include <vector>

namespace {

struct Command
{
    const char16_t *name;
    const char16_t *summary;
    std::function<int(pt::cli::Context &, const QStringList &)> run;
};

const std::vector<Command> &commands()
{
    static const std::vector<Command> all{
        {u"portfolio", u"Add, list, edit and delete portfolios", pt::cli::runPortfolioCommand},
        {u"asset", u"Add, list, edit and delete assets in the catalog", pt::cli::runAssetCommand},
        {u"tx", u"Add, list, edit and delete ledger entries", pt::cli::runTransactionCommand},
        {u"holdings", u"Show positions, cost basis, realized gain, income and cash", pt::cli::runHoldingsCommand},
        {u"value", u"Show the daily value series of a portfolio or of all", pt::cli::runValueCommand},
        {u"performance", u"Show returns (TWR, XIRR), drawdown, volatility and Sharpe ratio", pt::cli::runPerformanceCommand},
        {u"allocation", u"Show weights by asset class, currency or asset at a date", pt::cli::runAllocationCommand},
        {u"benchmark", u"Compare a portfolio with an asset or index rebased onto it", pt::cli::runBenchmarkCommand},
        {u"prices", u"Import daily prices from CSV and list them", pt::cli::runPriceCommand},
        {u"import", u"Import ledger entries from CSV, or portfolios from JSON: all or nothing", pt::cli::runImportCommand},
        {u"export", u"Export ledger entries or holdings as CSV, or the book as JSON", pt::cli::runExportCommand},
        {u"generate", u"Write a deterministic synthetic book (tests, benchmarks)", pt::cli::runGenerateCommand},
        {u"sample", u"Create (or --remove) the sample portfolio: made-up assets and prices", pt::cli::runSampleCommand},
        {u"search", u"Search the market-data sources for an instrument", pt::cli::runSearchCommand},
        {u"fetch", u"Fetch latest prices or history now, running the job queue", pt::cli::runFetchCommand},
        {u"jobs", u"List the market-data jobs and their state", pt::cli::runJobsCommand},
        {u"daemon", u"Keep market data up to date in the foreground", pt::cli::runDaemonCommand},
        {u"alerts", u"List the alerts log; set thresholds and price alerts", pt::cli::runAlertsCommand},
        {u"snapshot", u"Store a valuation snapshot now, or list them", pt::cli::runSnapshotCommand},
        {u"backup", u"Copy the store to a file while it stays in use", pt::cli::runBackupCommand},
        {u"restore", u"Replace the store with a checked backup", pt::cli::runRestoreCommand},
        {u"copy-store", u"Copy a store into an empty one (SQLite and PostgreSQL, either way)", pt::cli::runCopyStoreCommand},
        {u"password", u"Keep a PostgreSQL store's password in the OS keychain", pt::cli::runPasswordCommand},
        {u"sync", u"Sync with a portfolio-server account: login, status, now, logout", pt::cli::runSyncCommand},
    };
    return all;
}

QString topLevelHelp(const QCommandLineParser &parser, const QString &defaultStore)
{
    QString text = QStringLiteral("Usage: portfolio-cli [--db path] <command> [options]\n\n"
                                  "Portfolio Tracker from a terminal. Exit status: 0 on success, 2 when the\n"
                                  "input is refused (nothing is written), 3 when a market-data source cannot\n"
                                  "be reached (offline; queued jobs stay queued), 1 on any other failure.\n\n"
                                  "Commands:\n");
    for (const Command &command : commands())
        text += QStringLiteral("  %1%2\n").arg(QString::fromUtf16(command.name).leftJustified(13),
                                                QString::fromUtf16(command.summary));
    const QString qtHelp = parser.helpText();
    const qsizetype options = qtHelp.indexOf(QStringLiteral("Options:"));
    const qsizetype arguments = qtHelp.indexOf(QStringLiteral("Arguments:"));
    text += u'\n' + qtHelp.mid(options, arguments > options ? arguments - options : -1).trimmed() + u'\n';
    text += QStringLiteral("\nThe default store is %1\n").arg(defaultStore);
    text += QStringLiteral("Run 'portfolio-cli <command> --help' for the actions and options of a command.\n");
    return text;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    // The desktop app's names, so anything keyed by them (settings, data
    // folders) is the same for both.
    QCoreApplication::setApplicationName(QStringLiteral("Portfolio Tracker"));
    QCoreApplication::setOrganizationName(QStringLiteral("PortfolioTracker"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PT_VERSION));

    pt::cli::Context context;
    QCommandLineParser parser;
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption database(QStringLiteral("db"),
                                      QStringLiteral("The store, an SQLite file (created if missing)."),
                                      QStringLiteral("path"));
    parser.addOption(database);
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("The command to run."));
    if (!parser.parse(QCoreApplication::arguments()))
        return context.badInput(parser.errorText() + QStringLiteral(" (see 'portfolio-cli --help')"));
    if (parser.isSet(QStringLiteral("version"))) {
        context.out() << "portfolio-cli " << PT_VERSION << '\n';
        return pt::cli::ExitSuccess;
    }
    const QStringList arguments = parser.positionalArguments();
    if (parser.isSet(QStringLiteral("help")) || arguments.value(0) == u"help") {
        context.out() << topLevelHelp(parser, context.databasePath());
        return pt::cli::ExitSuccess;
    }
    if (arguments.isEmpty()) {
        context.err() << topLevelHelp(parser, context.databasePath());
        return context.badInput(QStringLiteral("missing command"));
    }
    if (parser.isSet(database))
        context.setDatabasePath(parser.value(database));
    for (const Command &command : commands()) {
        if (arguments.first() == QStringView(command.name))
            return command.run(context, arguments);
    }
    return context.badInput(QStringLiteral("unknown command '%1' (see 'portfolio-cli --help')").arg(arguments.first()));
}
