#pragma once

#include "store/jobrepository.h"

#include <QObject>
#include <QString>

#include <chrono>
#include <memory>

namespace pt::store {
class Database;
}

namespace pt::marketdata {
class ProviderRegistry;
}

namespace pt::jobs {

class PriceCache;

// Runs the persistent job queue on a QThreadPool: one job per source at a time
// (so each source stays within its own rate limit), several sources in
// parallel. Lives on the thread that creates it (the GUI thread in the app);
// it only dispatches there — fetching, parsing and storing happen on the pool.
// Signals arrive queued on the runner's thread.
class JobRunner final : public QObject
{
    Q_OBJECT

public:
    JobRunner(std::shared_ptr<store::Database> database, marketdata::ProviderRegistry &providers,
              QObject *parent = nullptr);
    ~JobRunner() override; // waits for running jobs to finish their current step
    Q_DISABLE_COPY_MOVE(JobRunner)

    // Takes the store's job queue lock (store::JobQueueLock: a lock file next
    // to an SQLite store, an advisory lock on PostgreSQL), resumes interrupted
    // jobs, prunes old done ones, and starts polling. False when another
    // runner, of this process or another, holds the lock (or a stop() of this
    // one still waits for its jobs); then this runner does nothing.
    bool start();
    // Stops taking new jobs; running ones finish their current step (a job
    // stopped between steps goes back to the queue). When none run, lets go
    // of the lock and emits stopped(); start() may then run the queue again.
    void stop();
    bool isIdle() const;
    // Looks for due jobs now rather than at the next poll. Enqueueing through
    // JobRepository wakes every runner by itself.
    void wake();

    // Failed attempts are retried after base x 2^(attempt - 1), at most `cap`
    // (1 minute and 1 hour by default). Set before start().
    void setRetryBackoff(std::chrono::milliseconds base, std::chrono::milliseconds cap);
    // How often the queue is polled for jobs that became due (500 ms by default).
    void setPollInterval(std::chrono::milliseconds interval);
    // Where refreshes put the latest prices; the runner makes one by default.
    std::shared_ptr<PriceCache> priceCache() const;
    void setPriceCache(std::shared_ptr<PriceCache> cache);

Q_SIGNALS:
    void jobStarted(const pt::store::Job &job);
    void jobProgress(qint64 jobId, int percent);
    void jobFinished(const pt::store::Job &job); // done, failed, or pending for a retry
    void idle();
    void stopped();

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace pt::jobs
