#include "gui/alertnotifier.h"
#include "gui/jobsmodel.h"
#include "gui/mainwindow.h"
#include "gui/snapshottimer.h"
#include "jobs/jobrunner.h"
#include "jobs/scheduler.h"
#include "marketdata/providerregistry.h"
#include "store/database.h"

#include <QApplication>
#include <QSettings>
#include <QCommandLineParser>
#include <QDir>
#include <QIcon>
#include <QMessageBox>
#include <QStatusBar>
#include <QThread>
#include <QThreadPool>
#include <QTime>

#include <algorithm>
#include <utility>
#include <cstring>
#include <memory>

namespace {

void setIdentity()
{
    QCoreApplication::setApplicationName(QStringLiteral("Portfolio Tracker"));
    QCoreApplication::setOrganizationName(QStringLiteral("PortfolioTracker"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PT_VERSION));
}

QCommandLineOption addOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Tracks investment portfolios offline, exactly."));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption database(
        QStringLiteral("db"),
        QCoreApplication::translate("main", "Open the SQLite store at <path> instead of the default one."),
        QCoreApplication::translate("main", "path"));
    parser.addOption(database);
    return database;
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

namespace {

std::chrono::minutes refreshInterval()
{
    bool ok = false;
    const int minutes = QSettings().value(QStringLiteral("schedule/refreshMinutes"), 15).toInt(&ok);
    if (!ok || minutes < 1 || minutes > 1440) {
        qWarning("schedule/refreshMinutes must be a whole number of minutes from 1 to 1440; using 15");
        return pt::jobs::Scheduler::DefaultInterval;
    }
    return std::chrono::minutes(minutes);
}

// The local time from which the day's snapshot counts as its close
// (settings key snapshots/closeTime, "HH:mm", 22:00 by default: after the
// exchanges of Europe and America have closed).
QTime closeTime()
{
    const QString text = QSettings().value(QStringLiteral("snapshots/closeTime"), QStringLiteral("22:00")).toString();
    const QTime time = QTime::fromString(text, QStringLiteral("HH:mm"));
    if (!time.isValid()) {
        qWarning("snapshots/closeTime must be a time as HH:mm (e.g. 22:00); using 22:00");
        return QTime(22, 0);
    }
    return time;
}

} // namespace

int main(int argc, char *argv[])
{
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
    QGuiApplication::setDesktopFileName(QStringLiteral("portfolio-tracker"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/portfolio-tracker.svg")));

    QCommandLineParser parser;
    const QCommandLineOption databaseOption = addOptions(parser);
    parser.process(app);

    // The default store lives in the application data folder named above.
    const QString path = parser.isSet(databaseOption) ? parser.value(databaseOption)
                                                      : pt::store::Database::defaultSqlitePath();
    auto database = pt::store::Database::openSqlite(path);
    if (!database) {
        QMessageBox::critical(nullptr, QCoreApplication::translate("main", "Portfolio Tracker"),
                              QCoreApplication::translate("main", "The store %1 could not be opened.\n\n%2")
                                  .arg(QDir::toNativeSeparators(path), database.error()));
        return 1;
    }

    // Provider searches block a pool thread on the network while they wait, so
    // the global pool gets a few more threads than there are cores.
    QThreadPool::globalInstance()->setMaxThreadCount(std::max(QThread::idealThreadCount(), 4));

    // Market data in the background. The providers outlive everything that
    // uses them: the window, the runner, and searches still on the pool.
    pt::marketdata::ProviderRegistry providers(pt::marketdata::ProviderEndpoints::load());
    std::shared_ptr<pt::store::Database> store = std::move(database).value();
    auto runner = std::make_unique<pt::jobs::JobRunner>(store, providers);
    // Queues a refresh per source every 15 minutes (settings key
    // schedule/refreshMinutes, 1 to 1440); the runner runs them.
    pt::jobs::Scheduler scheduler(store);
    scheduler.setInterval(refreshInterval());
    auto window = std::make_unique<pt::gui::MainWindow>(store);
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
    pt::snapshots::SnapshotOptions snapshotOptions;
    snapshotOptions.closeTime = closeTime();
    snapshots.setOptions(snapshotOptions);
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
    QSettings settings;
    window->restoreLayout(settings);
    window->setSettings(&settings);
    window->show();
    if (!runner->start()) {
        window->statusBar()->showMessage(
            QCoreApplication::translate("main", "Another Portfolio Tracker process runs this store's background "
                                                "jobs; this window shows them but does not run them."));
    }
    scheduler.start();
    snapshots.start();
    const int status = QApplication::exec();

    snapshots.stop();
    scheduler.stop();
    window.reset();
    runner->stop();
    runner.reset(); // waits for running jobs to finish their current step
    // Searches the window started may still wait on the network; they use the
    // providers, so they end first.
    QThreadPool::globalInstance()->waitForDone();
    return status;
}
