#include "jobs/jobrunner.h"

#include "jobs/backfilljob.h"
#include "jobs/pricecache.h"
#include "jobs/refreshjob.h"
#include "marketdata/providerregistry.h"
#include "store/database.h"
#include "store/jobqueuelock.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QThreadPool>
#include <QTimer>

#include <atomic>
#include <mutex>
#include <set>

Q_LOGGING_CATEGORY(lcRunner, "pt.jobs.runner", QtInfoMsg)

namespace pt::jobs {

namespace {

constexpr std::int64_t DoneJobsKeptMs = std::int64_t(30) * 24 * 60 * 60 * 1000; // C4: 30 days

// Lets the process-wide enqueue listener, called on any thread, reach the
// runner — and never once the runner is being destroyed.
struct Waker
{
    std::mutex mutex;
    JobRunner *runner = nullptr;

    void wake()
    {
        const std::lock_guard lock(mutex);
        if (runner)
            QMetaObject::invokeMethod(runner, &JobRunner::wake, Qt::QueuedConnection);
    }
    void attach(JobRunner *to)
    {
        const std::lock_guard lock(mutex);
        runner = to;
    }
    void detach() { attach(nullptr); }
};

} // namespace

class JobRunner::Private
{
public:
    Private(JobRunner *runner, std::shared_ptr<store::Database> db, marketdata::ProviderRegistry &registry)
        : q(runner), database(std::move(db)), providers(registry), lock(*database)
    {
    }

    void dispatch();
    void launch(const store::Job &job);
    void finish(const store::Job &job);
    void release();
    std::int64_t retryDelayMs(int attempts) const;

    JobRunner *q;
    std::shared_ptr<store::Database> database;
    marketdata::ProviderRegistry &providers;
    std::shared_ptr<PriceCache> prices = std::make_shared<PriceCache>();
    QThreadPool pool;
    QTimer poll;
    store::JobQueueLock lock; // held from start() until stopped
    std::shared_ptr<Waker> waker = std::make_shared<Waker>();
    int listener = 0;
    // Read by the tasks between their steps.
    std::shared_ptr<std::atomic<bool>> stopRequested = std::make_shared<std::atomic<bool>>(false);
    std::set<QString> busySources;
    int running = 0;
    bool started = false;
    bool stopping = false;
    bool idleAnnounced = false;
    std::chrono::milliseconds retryBase = std::chrono::minutes(1);
    std::chrono::milliseconds retryCap = std::chrono::hours(1);
};

std::int64_t JobRunner::Private::retryDelayMs(int attempts) const
{
    const int doublings = std::clamp(attempts - 1, 0, 30);
    const double delay = double(retryBase.count()) * double(std::int64_t(1) << doublings);
    return std::int64_t(std::min(delay, double(retryCap.count())));
}

void JobRunner::Private::dispatch()
{
    if (!started || stopping)
        return;
    const store::JobRepository jobs(*database);
    const std::int64_t now = QDateTime::currentMSecsSinceEpoch();
    // A read first: claiming writes, and a writer may wait on another
    // process's long transaction, which must not stall this thread every poll.
    auto due = jobs.hasDue(now);
    if (!due)
        qCWarning(lcRunner) << due.error();
    while (due && *due) {
        QStringList busy(busySources.begin(), busySources.end());
        auto claimed = jobs.claimNext(now, busy);
        if (!claimed) {
            qCWarning(lcRunner) << claimed.error();
            break;
        }
        if (!claimed->has_value())
            break;
        launch(**claimed);
    }
    if (running == 0 && !idleAnnounced) {
        idleAnnounced = true;
        Q_EMIT q->idle();
    }
}

void JobRunner::Private::launch(const store::Job &job)
{
    busySources.insert(job.source);
    ++running;
    idleAnnounced = false;
    Q_EMIT q->jobStarted(job);

    marketdata::Provider *provider = providers.provider(job.source);
    const std::int64_t retryDelay = retryDelayMs(job.attempts);
    if (!provider) {
        const std::int64_t retryAt = QDateTime::currentMSecsSinceEpoch() + retryDelay;
        const store::JobRepository jobs(*database);
        if (auto failed = jobs.markFailed(job.id, QStringLiteral("no market-data source named '%1'").arg(job.source),
                                          retryAt);
            !failed)
            qCWarning(lcRunner) << failed.error();
        auto after = jobs.find(job.id);
        QMetaObject::invokeMethod(
            q, [this, finished = after ? *after : job] { finish(finished); }, Qt::QueuedConnection);
        return;
    }

    // Everything the task needs is copied in: it must not touch this object,
    // which belongs to the runner's thread.
    pool.start([job, retryDelay, database = database, provider, prices = prices, stop = stopRequested, runner = q] {
        const store::JobRepository jobs(*database);
        JobContext context{*database, *provider, prices.get(), {}, {}};
        context.stopRequested = [stop] { return stop->load(); };
        context.progress = [&jobs, &job, runner](int percent) {
            if (auto saved = jobs.setProgress(job.id, percent); !saved)
                qCWarning(lcRunner) << saved.error();
            QMetaObject::invokeMethod(
                runner, [runner, id = job.id, percent] { Q_EMIT runner->jobProgress(id, percent); },
                Qt::QueuedConnection);
        };
        const JobOutcome outcome =
            job.kind == store::Job::Kind::Backfill ? BackfillJob(job, context).run() : RefreshJob(job, context).run();

        Result<void> saved;
        switch (outcome.status) {
        case JobOutcome::Status::Done:
            saved = jobs.markDone(job.id, outcome.log);
            break;
        case JobOutcome::Status::Failed:
            qCDebug(lcRunner) << "job" << job.id << "failed:" << outcome.error;
            // Backing off from when it failed: a long job must not retry at once.
            saved = jobs.markFailed(job.id, outcome.error, QDateTime::currentMSecsSinceEpoch() + retryDelay);
            break;
        case JobOutcome::Status::Stopped:
            saved = jobs.requeue(job.id);
            break;
        }
        // Unsaved, the job stays running and is resumed at the next start.
        if (!saved)
            qCWarning(lcRunner) << saved.error();
        auto after = jobs.find(job.id);
        QMetaObject::invokeMethod(
            runner, [runner, finished = after ? *after : job] { runner->d->finish(finished); }, Qt::QueuedConnection);
    });
}

void JobRunner::Private::finish(const store::Job &job)
{
    busySources.erase(job.source);
    --running;
    Q_EMIT q->jobFinished(job);
    if (stopping) {
        if (running == 0) {
            release();
            Q_EMIT q->stopped();
        }
        return;
    }
    dispatch();
}

// Once stopped, with no job left running: another runner may take the queue.
void JobRunner::Private::release()
{
    waker->detach();
    if (listener != 0)
        store::JobRepository::removeEnqueueListener(listener);
    listener = 0;
    lock.unlock();
    started = false;
}

JobRunner::JobRunner(std::shared_ptr<store::Database> database, marketdata::ProviderRegistry &providers,
                     QObject *parent)
    : QObject(parent), d(std::make_unique<Private>(this, std::move(database), providers))
{
    // At most one job per source runs, and jobs mostly wait on the network:
    // a thread per source, whatever the number of cores.
    d->pool.setMaxThreadCount(std::max<int>(4, int(providers.keys().size())));
    d->poll.setInterval(500);
    connect(&d->poll, &QTimer::timeout, this, [this] { d->dispatch(); });
}

JobRunner::~JobRunner()
{
    d->waker->detach();
    if (d->listener != 0)
        store::JobRepository::removeEnqueueListener(d->listener);
    d->poll.stop();
    d->stopRequested->store(true);
    d->pool.waitForDone();
}

bool JobRunner::start()
{
    if (d->started)
        return !d->stopping; // a stop still waits for its jobs
    // One runner per store across processes (the app and the CLI may share
    // a store): resuming "interrupted" jobs would otherwise take over jobs
    // another live process is running.
    const auto locked = d->lock.tryLock();
    if (!locked) {
        qCWarning(lcRunner) << "cannot tell whether another process runs the job queue:" << locked.error();
        return false;
    }
    if (!*locked) {
        qCWarning(lcRunner) << "another process runs the job queue of" << d->database->location();
        return false;
    }
    const store::JobRepository jobs(*d->database);
    if (auto resumed = jobs.resumeInterrupted(); !resumed)
        qCWarning(lcRunner) << resumed.error();
    else if (*resumed > 0)
        qCInfo(lcRunner) << "resuming" << *resumed << "interrupted jobs";
    if (auto pruned = jobs.pruneDone(QDateTime::currentMSecsSinceEpoch() - DoneJobsKeptMs); !pruned)
        qCWarning(lcRunner) << pruned.error();

    d->waker->attach(this);
    d->listener = store::JobRepository::addEnqueueListener([waker = d->waker] { waker->wake(); });
    d->started = true;
    d->stopping = false;
    d->stopRequested->store(false);
    d->poll.start();
    QTimer::singleShot(0, this, [this] { d->dispatch(); });
    return true;
}

void JobRunner::stop()
{
    d->stopping = true;
    d->poll.stop();
    d->stopRequested->store(true);
    if (d->running == 0) {
        d->release();
        QMetaObject::invokeMethod(this, &JobRunner::stopped, Qt::QueuedConnection);
    }
}

bool JobRunner::isIdle() const
{
    return d->running == 0;
}

void JobRunner::wake()
{
    d->dispatch();
}

void JobRunner::setRetryBackoff(std::chrono::milliseconds base, std::chrono::milliseconds cap)
{
    d->retryBase = base;
    d->retryCap = cap;
}

void JobRunner::setPollInterval(std::chrono::milliseconds interval)
{
    d->poll.setInterval(int(interval.count()));
}

std::shared_ptr<PriceCache> JobRunner::priceCache() const
{
    return d->prices;
}

void JobRunner::setPriceCache(std::shared_ptr<PriceCache> cache)
{
    d->prices = std::move(cache);
}

} // namespace pt::jobs
