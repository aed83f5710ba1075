#include "screenshottour.h"
#include "startupprobe.h"

#include "exchange/pendingrestore.h"
#include "gui/alertnotifier.h"
#include "gui/appearance.h"
#include "gui/appsettings.h"
#include "gui/jobsmodel.h"
#include "gui/mainwindow.h"
#include "gui/snapshottimer.h"
#include "gui/storeopener.h"
#include "gui/valuationservice.h"
#include "jobs/jobrunner.h"
#include "jobs/scheduler.h"
#include "marketdata/providerregistry.h"
#include "store/database.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QIcon>
#include <QMessageBox>
#include <QProcess>
#include <QSettings>
#include <QStatusBar>
#include <QTextStream>
#include <QThread>
#include <QThreadPool>

#include <algorithm>
#include <cstring>
#include <memory>
#include <utility>

namespace {

void setIdentity()
{
    QCoreApplication::setApplicationName(QStringLiteral("Portfolio Tracker"));
    QCoreApplication::setOrganizationName(QStringLiteral("PortfolioTracker"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PT_VERSION));
}

struct Options
{
    QCommandLineOption database;
    QCommandLineOption timeToFirstPaint;
    QCommandLineOption screenshots;
};

Options addOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Tracks investment portfolios offline, exactly."));
    parser.addHelpOption();
    parser.addVersionOption();
    Options options{
        QCommandLineOption(QStringLiteral("db"),
                           QCoreApplication::translate("main",
                                                       "Open the store <store> instead of the one in the settings: "
                                                       "an SQLite file, or postgresql://user@host:port/database "
                                                       "(the password comes from the keychain, or is asked for)."),
                           QCoreApplication::translate("main", "store")),
        QCommandLineOption(QStringLiteral("time-to-first-paint"),
                           QCoreApplication::translate("main",
                                                       "Print how long the window took to paint, to load the "
                                                       "selection and to value the book, then quit (fetches "
                                                       "nothing, writes nothing).")),
        QCommandLineOption(QStringLiteral("screenshots"),
                           QCoreApplication::translate("main",
                                                       "Save PNGs of the dashboard, holdings, an asset's detail "
                                                       "and the settings into <folder>, then quit."),
                           QCoreApplication::translate("main", "folder")),
    };
    parser.addOption(options.database);
    parser.addOption(options.timeToFirstPaint);
    parser.addOption(options.screenshots);
    // What a double click on a backup passes (the .desktop entry's Exec=portfolio-tracker %f).
    parser.addPositionalArgument(QStringLiteral("file"),
                                 QCoreApplication::translate("main",
                                                             "A backup to restore, as File > Restore... does: it is "
                                                             "checked and shown, and nothing is replaced unless you "
                                                             "agree."),
                                 QStringLiteral("[file]"));
    return options;
}

// --help and --version print and exit: they need no display.
bool onlyPrints(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        for (const char *option : {"-h", "--help", "--help-all", "-v", "--version", "-?"}) {
            if (std::strcmp(argv[i], option) == 0)
                return true;
        }
    }
    return false;
}

} // namespace

int main(int argc, char *argv[])
{
    QElapsedTimer sinceStart;
    sinceStart.start();
    if (onlyPrints(argc, argv)) {
        QCoreApplication app(argc, argv);
        setIdentity();
        QCommandLineParser parser;
        addOptions(parser);
        parser.process(app); // prints and exits
        return 0;
    }

    QApplication app(argc, argv);
    setIdentity();
    QGuiApplication::setDesktopFileName(QStringLiteral("org.portfoliotracker.PortfolioTracker"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/portfolio-tracker.svg")));

    // Settings first: they choose the language, the look and the store.
    QSettings settings;
    pt::gui::AppSettings::migrate(settings);
    const pt::gui::AppSettings config = pt::gui::AppSettings::load(settings);
    pt::gui::installTranslators(app, config.language);
    pt::gui::applyTheme(config.theme);

    QCommandLineParser parser;
    const Options options = addOptions(parser);
    parser.process(app);
    const bool probeStartup = parser.isSet(options.timeToFirstPaint);
    const bool takeScreenshots = parser.isSet(options.screenshots);
    if (parser.positionalArguments().size() > 1) {
        QTextStream(stderr) << QCoreApplication::translate("main", "portfolio-tracker: one file at most") << Qt::endl;
        return 2;
    }
    const QString backupToRestore = parser.positionalArguments().value(0);

    // --db, else the store of the settings (by default the SQLite file in the data folder).
    pt::store::StoreLocation location = config.storeLocation();
    if (parser.isSet(options.database)) {
        const auto given = pt::store::StoreLocation::parse(parser.value(options.database));
        if (!given) {
            QTextStream(stderr) << QCoreApplication::translate("main", "portfolio-tracker: --db: %1").arg(given.error())
                                << Qt::endl;
            return 2;
        }
        location = *given;
    }

    // A restore chosen in File ▸ Restore… before the restart (exchange/pendingrestore.h):
    // an SQLite backup replaces the store's file before anything opens it...
    auto restoreNotice = pt::exchange::applyPendingFileRestore(location);

    // The store before the window. An SQLite file opens at once; a PostgreSQL
    // store may need the keychain, a password prompt, or the user's choice
    // after an error. The event loop runs (not nested: the first of two turns)
    // until that is settled; the window and all that works on the store follow.
    std::shared_ptr<pt::store::Database> store;
    QString storeNotice;
    {
        pt::gui::StoreOpener opener(settings);
        QApplication::setQuitOnLastWindowClosed(false); // the prompt closing is not the end
        QObject::connect(&opener, &pt::gui::StoreOpener::finished, &app, [] { QCoreApplication::exit(0); });
        opener.open(location);
        if (!opener.isFinished())
            QApplication::exec();
        QApplication::setQuitOnLastWindowClosed(true);
        if (!opener.database()) {
            // The user chose Quit. A failed attempt may have left a connection
            // on a pool thread: closed now, while Qt SQL is still there.
            QThreadPool::globalInstance()->waitForDone();
            return 1;
        }
        store = opener.database();
        storeNotice = opener.notice();
    }
    // ...and a JSON export replaces its contents before anything uses it.
    if (restoreNotice && restoreNotice->isEmpty())
        restoreNotice = pt::exchange::applyPendingJsonRestore(*store);

    // Provider searches block a pool thread on the network while they wait, so
    // the global pool gets a few more threads than there are cores.
    QThreadPool::globalInstance()->setMaxThreadCount(std::max(QThread::idealThreadCount(), 4));

    // Market data in the background. The providers outlive everything that
    // uses them: the window, the runner, and searches still on the pool.
    pt::marketdata::ProviderRegistry providers(pt::marketdata::ProviderEndpoints::fromEnvironment(config.endpoints));
    auto runner = std::make_unique<pt::jobs::JobRunner>(store, providers);
    // Queues a refresh per source every 15 minutes (settings key
    // schedule/refreshMinutes, 1 to 1440); the runner runs them.
    pt::jobs::Scheduler scheduler(store);
    scheduler.setInterval(std::chrono::minutes(config.refreshMinutes));
    auto window = std::make_unique<pt::gui::MainWindow>(store);
    window->valuationService()->setTotalCurrency(config.totalCurrency);
    window->setProviders(&providers);
    window->setJobRunner(runner.get());
    QObject::connect(&scheduler, &pt::jobs::Scheduler::refreshesQueued, window->jobsModel(),
                     &pt::gui::JobsModel::reload);
    QObject::connect(&scheduler, &pt::jobs::Scheduler::failed, window.get(),
                     [target = window.get()](const QString &message) {
                         target->statusBar()->showMessage(message, 10000);
                     });

    // Valuation snapshots hourly and after fetched prices; alerts from each.
    pt::gui::SnapshotTimer snapshots(store);
    const auto snapshotOptions = [](const pt::gui::AppSettings &values) {
        pt::snapshots::SnapshotOptions options;
        options.closeTime = values.closeTime;
        options.staleAfterDays = values.staleAfterDays;
        options.totalCurrency = values.totalCurrency;
        return options;
    };
    snapshots.setOptions(snapshotOptions(config));
    // What the settings dialog changes that lives out here applies at once.
    QObject::connect(window.get(), &pt::gui::MainWindow::settingsChanged, &scheduler,
                     [&](const pt::gui::AppSettings &values) {
                         scheduler.setInterval(std::chrono::minutes(values.refreshMinutes));
                         snapshots.setOptions(snapshotOptions(values));
                     });
    pt::gui::AlertNotifier notifier(window->alertsModel());
    QObject::connect(&snapshots, &pt::gui::SnapshotTimer::alertsFired, &notifier, &pt::gui::AlertNotifier::notify);
    QObject::connect(&notifier, &pt::gui::AlertNotifier::showAlertsRequested, window.get(),
                     &pt::gui::MainWindow::showAlerts);
    QObject::connect(&notifier, &pt::gui::AlertNotifier::message, window.get(),
                     [target = window.get()](const QString &message) {
                         target->statusBar()->showMessage(message, 15000);
                     });
    QObject::connect(&snapshots, &pt::gui::SnapshotTimer::failed, window.get(),
                     [target = window.get()](const QString &message) {
                         target->statusBar()->showMessage(message, 10000);
                     });
    // New prices: one snapshot once the runner has worked through the batch.
    bool pricesChanged = false;
    QObject::connect(runner.get(), &pt::jobs::JobRunner::jobFinished, &snapshots,
                     [&pricesChanged](const pt::store::Job &job) {
                         if (job.state == pt::store::Job::State::Done)
                             pricesChanged = true;
                     });
    QObject::connect(runner.get(), &pt::jobs::JobRunner::idle, &snapshots, [&pricesChanged, &snapshots] {
        if (std::exchange(pricesChanged, false))
            snapshots.takeNow();
    });

    // Size, position and docks as the user left them.
    window->restoreLayout(settings);
    window->setSettings(&settings);
    if (probeStartup || takeScreenshots) {
        // Measure or take pictures only: no fetching, no snapshots, nothing written.
        // (The window's layout is saved on close only; quitting from here
        // leaves what the user had.)
        if (probeStartup) {
            new StartupProbe(sinceStart, window.get());
        } else {
            new ScreenshotTour(parser.value(options.screenshots), window.get(), store);
            window->resize(1280, 800); // the same pictures on every machine
        }
        window->show();
        const int status = QApplication::exec();
        window.reset();
        QThreadPool::globalInstance()->waitForDone();
        return status;
    }
    window->show();
    if (!storeNotice.isEmpty())
        window->statusBar()->showMessage(storeNotice, 15000);
    if (restoreNotice && !restoreNotice->isEmpty())
        window->statusBar()->showMessage(*restoreNotice, 30000);
    if (!restoreNotice) {
        auto *box = new QMessageBox(QMessageBox::Warning, QCoreApplication::applicationName(),
                                    QCoreApplication::translate("main",
                                                                "The backup could not be restored; the store "
                                                                "was not changed.\n\n%1")
                                        .arg(restoreNotice.error()),
                                    QMessageBox::Ok, window.get());
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    }
    // A backup to restore (a double click on it) instead of the first-run offer.
    if (!backupToRestore.isEmpty())
        window->restoreWhenShown(backupToRestore);
    else
        window->offerFirstRun(settings);
    if (!runner->start())
        window->showJobsRunElsewhere();
    scheduler.start();
    snapshots.start();
    const int status = QApplication::exec();

    snapshots.stop();
    scheduler.stop();
    const bool restart = window->restartRequested();
    window.reset();
    runner->stop();
    runner.reset(); // waits for running jobs to finish their current step
    // Searches the window started may still wait on the network; they use the
    // providers, so they end first.
    QThreadPool::globalInstance()->waitForDone();
    // File ▸ Restore…: the new instance restores the backup before it opens the
    // store (and waits for this process to let go of it). Same store, without
    // the file given to restore: that is done by then.
    if (restart) {
        QStringList arguments;
        if (parser.isSet(options.database))
            arguments << QStringLiteral("--db") << parser.value(options.database);
        QProcess::startDetached(QCoreApplication::applicationFilePath(), arguments);
    }
    return status;
}
