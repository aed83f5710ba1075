#pragma once

#include "domain/types.h"
#include "result.h"

#include <QDate>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>
#include <vector>

namespace pt::store {

class Database;

// A unit of background work, persisted so it survives a restart. Jobs belong to
// this device's store: they are not synced and have no UUID.
struct Job
{
    enum class Kind { Backfill, Refresh };
    enum class State { Pending, Running, Done, Failed };

    RowId id = 0;
    Kind kind = Kind::Backfill;
    State state = State::Pending;
    RowId assetId = 0;   // backfill: the asset; refresh: 0 (every tracked asset of the source)
    QString source;      // provider key
    QDate rangeFrom;     // backfill range, inclusive
    QDate rangeTo;
    int attempts = 0;
    int maxAttempts = 5;
    std::int64_t nextAttemptAt = 0; // ms since epoch
    QString lastError;
    QString log;         // notes from validation (e.g. day moves over 50 % without a split)
    int progress = 0;    // 0..100 while running
    std::int64_t createdAt = 0;
    std::int64_t updatedAt = 0;
    std::int64_t finishedAt = 0;
};

QString toKey(Job::Kind kind);
QString toKey(Job::State state);

// The persistent job queue (table `job`, migration 002).
class JobRepository
{
public:
    explicit JobRepository(const Database &database) : m_database(database) {}

    // Adds a backfill of [from, to] for the asset unless a pending or running
    // backfill of that asset already covers it (then it is widened instead).
    Result<Job> enqueueBackfill(RowId assetId, const QString &source, QDate from, QDate to) const;
    // Adds a refresh of a source's tracked assets unless one is already pending.
    Result<Job> enqueueRefresh(const QString &source) const;

    // Atomically moves the oldest runnable job (pending, next attempt due by
    // `now`, its source not in `busySources`) to running and counts the attempt.
    Result<std::optional<Job>> claimNext(std::int64_t now, const QStringList &busySources = {}) const;
    // Whether a pending job is due by `now`: a read, so it never waits on a
    // writer, which lets a runner on the GUI thread poll without blocking it.
    Result<bool> hasDue(std::int64_t now) const;
    Result<void> setProgress(RowId id, int percent) const;
    Result<void> markDone(RowId id, const QString &log) const;
    // Back to pending with `retryAt`, or failed for good once attempts reach the
    // maximum; the error is kept either way.
    Result<void> markFailed(RowId id, const QString &error, std::int64_t retryAt) const;

    // Back to pending at once, the attempt not counted: the job was stopped
    // between two steps because its runner shut down, it did not fail.
    Result<void> requeue(RowId id) const;

    // Jobs left running by a crash or kill go back to pending (at start).
    Result<int> resumeInterrupted() const;
    // Deletes done jobs finished before `before` (30 days ago at start).
    Result<int> pruneDone(std::int64_t before) const;

    Result<Job> find(RowId id) const;
    // The first day that a pending, running or done backfill of the asset
    // covers; null when there is none (tracking asks what was already fetched).
    Result<QDate> earliestBackfillFrom(RowId assetId) const;
    // Newest first; all states when `states` is empty.
    Result<std::vector<Job>> list(const std::vector<Job::State> &states = {}, int limit = 500) const;

    // Listeners called on the enqueuing thread after a job was added or widened,
    // so a runner can start it at once instead of at its next poll. Process-wide
    // because jobs are enqueued from anywhere (LedgerService, the scheduler).
    static int addEnqueueListener(std::function<void()> listener);
    static void removeEnqueueListener(int handle);

private:
    const Database &m_database;
};

} // namespace pt::store
