#pragma once

#include <QString>

#include <functional>

namespace pt::store {
class Database;
}

namespace pt::marketdata {
class Provider;
}

namespace pt::jobs {

class PriceCache;

// What a job sees while it runs on a pool thread. The database hands this
// thread its own connection; the provider is thread-safe and blocks, which is
// fine off the runner's thread.
struct JobContext
{
    const store::Database &database;
    marketdata::Provider &provider;
    PriceCache *prices = nullptr;               // refreshes put the latest prices here
    std::function<void(int percent)> progress;  // 0..100, persisted and signalled
    std::function<bool()> stopRequested;        // true once the runner shuts down
};

// How one run of a job ended. The runner turns it into the job's new state.
struct JobOutcome
{
    enum class Status {
        Done,
        Failed,  // retried with backoff until the job's attempts run out
        Stopped, // the runner is shutting down: back to the queue, attempt not counted
    };
    Status status = Status::Done;
    QString error; // Failed: for a person, naming what and where
    QString log;   // notes for the job's log (validation, what was stored)

    static JobOutcome done(QString log) { return {Status::Done, {}, std::move(log)}; }
    static JobOutcome failed(QString error, QString log = {})
    {
        return {Status::Failed, std::move(error), std::move(log)};
    }
    static JobOutcome stopped() { return {Status::Stopped, {}, {}}; }
};

} // namespace pt::jobs
