#include "daemoncommand.h"

#include "alertscommand.h"
#include "commandline.h"
#include "context.h"
#include "jobprogress.h"
#include "stopsignals.h"

#include "jobs/jobrunner.h"
#include "jobs/scheduler.h"
#include "marketdata/providerregistry.h"
#include "store/database.h"

#include <QCoreApplication>
#include <QTimer>

namespace pt::cli {

int runDaemonCommand(Context &context, const QStringList &arguments)
{
    CommandLine commandLine(
        QStringLiteral("daemon"),
        QStringLiteral("Keeps market data up to date in the foreground, as the app does in the background: "
                       "refreshes the latest prices of the tracked assets every interval and runs every queued "
                       "job (backfills of newly tracked assets, retries), printing progress lines. Stores a "
                       "valuation snapshot at start, every hour and after market data changed, and prints the "
                       "alerts that fire. Stops cleanly "
                       "on Ctrl-C or SIGTERM: running jobs finish their current step, unfinished ones stay queued."));
    commandLine.addValueOption(QStringLiteral("interval"),
                               QStringLiteral("Minutes between refreshes (default %1).")
                                   .arg(jobs::Scheduler::DefaultInterval.count()),
                               QStringLiteral("MINUTES"));
    if (auto done = commandLine.parse(context, arguments))
        return *done;
    std::chrono::minutes interval = jobs::Scheduler::DefaultInterval;
    if (commandLine.isSet(QStringLiteral("interval"))) {
        bool ok = false;
        const int minutes = commandLine.value(QStringLiteral("interval")).toInt(&ok);
        if (!ok || minutes < 1 || minutes > 24 * 60)
            return context.badInput(QStringLiteral("--interval: '%1' is not a whole number of minutes from 1 to 1440")
                                        .arg(commandLine.value(QStringLiteral("interval"))));
        interval = std::chrono::minutes(minutes);
    }

    auto database = context.sharedDatabase();
    if (!database)
        return context.failure(database.error());
    marketdata::ProviderRegistry providers;
    jobs::JobRunner runner(*database, providers);
    jobs::Scheduler scheduler(*database);
    scheduler.setInterval(interval);
    JobProgress progress(runner, **database, context.out());
    StopSignals stopSignals;

    QObject::connect(&scheduler, &jobs::Scheduler::refreshesQueued, &runner, [&](int count) {
        if (count > 0)
            context.out() << "Queued refreshes of " << count << (count == 1 ? " source" : " sources") << Qt::endl;
    });
    QObject::connect(&scheduler, &jobs::Scheduler::failed, &runner,
                     [&](const QString &message) { context.err() << "warning: " << message << Qt::endl; });
    QObject::connect(&stopSignals, &StopSignals::stopRequested, &runner, [&](int signalNumber) {
        context.out() << "Signal " << signalNumber << ": stopping after the current steps..." << Qt::endl;
        scheduler.stop();
        runner.stop();
    });
    QObject::connect(&runner, &jobs::JobRunner::stopped, qApp, &QCoreApplication::quit);

    // Valuation snapshots and alerts (C5, C7): one at start, one every hour, and
    // one shortly after market data changed (jobs finishing together share it).
    const auto snapshot = [&] {
        auto outcome = snapshotNow(**database);
        if (!outcome) {
            context.err() << "warning: " << outcome.error() << Qt::endl;
            return;
        }
        if (outcome->snapshotId)
            context.out() << "Stored " << store::toKey(outcome->kind) << " snapshot of "
                          << outcome->day.toString(Qt::ISODate) << Qt::endl;
        printAlertEvents(context.out(), outcome->events);
    };
    QTimer hourly;
    hourly.setInterval(std::chrono::hours(1));
    QObject::connect(&hourly, &QTimer::timeout, &runner, snapshot);
    QTimer afterRefresh;
    afterRefresh.setSingleShot(true);
    afterRefresh.setInterval(std::chrono::seconds(2));
    QObject::connect(&afterRefresh, &QTimer::timeout, &runner, snapshot);
    QObject::connect(&runner, &jobs::JobRunner::jobFinished, &afterRefresh, [&](const store::Job &job) {
        if (job.state == store::Job::State::Done)
            afterRefresh.start();
    });
    QObject::connect(&stopSignals, &StopSignals::stopRequested, &hourly, [&] {
        hourly.stop();
        afterRefresh.stop();
    });

    if (!runner.start())
        return context.failure(QStringLiteral("another Portfolio Tracker process is running the job queue of %1")
                                   .arg((*database)->location()));
    scheduler.start();
    snapshot();
    hourly.start();
    context.out() << "Refreshing tracked assets every " << interval.count()
                  << (interval.count() == 1 ? " minute" : " minutes") << "; Ctrl-C to stop." << Qt::endl;
    QCoreApplication::exec();
    context.out() << "Stopped." << Qt::endl;
    return ExitSuccess;
}

} // namespace pt::cli
