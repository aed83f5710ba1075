#include "store/jobrepository.h"

#include "store/atomically.h"
#include "store/database.h"
#include "store/sqlrows.h"

#include <QDateTime>
#include <QSqlQuery>

#include <map>
#include <mutex>

namespace pt::store {

namespace {

const QString SelectColumns = QStringLiteral(
    "SELECT id, kind, state, asset_id, source, range_from, range_to, attempts, max_attempts, "
    "next_attempt_at, last_error, log, progress, created_at, updated_at, finished_at FROM job ");

Job::Kind kindFromKey(const QString &key)
{
    return key == u"refresh" ? Job::Kind::Refresh : Job::Kind::Backfill;
}

Job::State stateFromKey(const QString &key)
{
    if (key == u"running")
        return Job::State::Running;
    if (key == u"done")
        return Job::State::Done;
    if (key == u"failed")
        return Job::State::Failed;
    return Job::State::Pending;
}

Job readJob(const QSqlQuery &query)
{
    Job job;
    job.id = query.value(0).toLongLong();
    job.kind = kindFromKey(query.value(1).toString());
    job.state = stateFromKey(query.value(2).toString());
    job.assetId = query.value(3).toLongLong(); // NULL reads as 0
    job.source = query.value(4).toString();
    job.rangeFrom = dateFrom(query.value(5));
    job.rangeTo = dateFrom(query.value(6));
    job.attempts = query.value(7).toInt();
    job.maxAttempts = query.value(8).toInt();
    job.nextAttemptAt = query.value(9).toLongLong();
    job.lastError = query.value(10).toString();
    job.log = query.value(11).toString();
    job.progress = query.value(12).toInt();
    job.createdAt = query.value(13).toLongLong();
    job.updatedAt = query.value(14).toLongLong();
    job.finishedAt = query.value(15).toLongLong();
    return job;
}

Result<std::vector<Job>> selectJobs(const Database &database, const QString &where, const QVariantList &values)
{
    QSqlQuery query(database.connection());
    setReadMode(query);
    query.prepare(SelectColumns + where);
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (auto done = execute(query, QStringLiteral("Reading jobs")); !done)
        return Error{done.error()};
    std::vector<Job> jobs;
    while (query.next())
        jobs.push_back(readJob(query));
    return jobs;
}

// Runs one UPDATE or DELETE by id and checks that it touched the job.
Result<void> updateJob(const Database &database, RowId id, const QString &sql, QVariantList values,
                       const QString &what)
{
    QSqlQuery query(database.connection());
    query.prepare(sql);
    values.append(qlonglong(id));
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (auto done = execute(query, what); !done)
        return done;
    if (query.numRowsAffected() != 1)
        return Error{QStringLiteral("%1: no job with id %2 in the expected state").arg(what).arg(id)};
    return {};
}

// When a job is due: wall-clock time, which is what claims compare with.
// (Database::nextTimestamp may run a little ahead of the clock to stay
// strictly increasing, so a job stamped with it could look not yet due.)
std::int64_t dueNow()
{
    return QDateTime::currentMSecsSinceEpoch();
}

struct Listeners
{
    std::mutex mutex;
    std::map<int, std::function<void()>> byHandle;
    int nextHandle = 1;
};

Listeners &listeners()
{
    static Listeners instance;
    return instance;
}

void notifyEnqueued()
{
    std::vector<std::function<void()>> toCall;
    {
        const std::lock_guard lock(listeners().mutex);
        for (const auto &[handle, listener] : listeners().byHandle)
            toCall.push_back(listener);
    }
    // Outside the lock: a listener may add or remove listeners.
    for (const auto &listener : toCall)
        listener();
}

} // namespace

QString toKey(Job::Kind kind)
{
    return kind == Job::Kind::Refresh ? QStringLiteral("refresh") : QStringLiteral("backfill");
}

QString toKey(Job::State state)
{
    switch (state) {
    case Job::State::Pending:
        return QStringLiteral("pending");
    case Job::State::Running:
        return QStringLiteral("running");
    case Job::State::Done:
        return QStringLiteral("done");
    case Job::State::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

Result<Job> JobRepository::enqueueBackfill(RowId assetId, const QString &source, QDate from, QDate to) const
{
    if (assetId <= 0)
        return Error{QStringLiteral("backfill: no asset given")};
    if (source.trimmed().isEmpty())
        return Error{QStringLiteral("backfill of asset %1: the asset has no data source").arg(assetId)};
    if (!from.isValid() || !to.isValid() || from > to)
        return Error{QStringLiteral("backfill of asset %1: '%2' to '%3' is not a range of days")
                         .arg(assetId)
                         .arg(from.toString(Qt::ISODate), to.toString(Qt::ISODate))};

    RowId jobId = 0;
    auto done = atomically(m_database, [&]() -> Result<void> {
        auto queued = selectJobs(m_database,
                                 QStringLiteral("WHERE asset_id = ? AND kind = 'backfill' "
                                                "AND state IN ('pending', 'running') ORDER BY id"),
                                 {qlonglong(assetId)});
        if (!queued)
            return Error{queued.error()};
        const Job *pending = nullptr;
        for (const Job &job : *queued) {
            if (job.source == source && job.rangeFrom <= from && job.rangeTo >= to) {
                jobId = job.id; // already covered: nothing to add
                return {};
            }
            if (job.state == Job::State::Pending && job.source == source && !pending)
                pending = &job;
        }
        const std::int64_t now = m_database.nextTimestamp();
        if (pending) {
            // A running job has read its range already, so only a pending one
            // can be widened; otherwise the missing days become a job of their own.
            jobId = pending->id;
            return updateJob(m_database, jobId,
                             QStringLiteral("UPDATE job SET range_from = ?, range_to = ?, updated_at = ? "
                                            "WHERE id = ? AND state = 'pending'"),
                             {sqlValue(std::min(from, pending->rangeFrom)), sqlValue(std::max(to, pending->rangeTo)),
                              qlonglong(now)},
                             QStringLiteral("Widening backfill job"));
        }
        QSqlQuery query(m_database.connection());
        query.prepare(QStringLiteral("INSERT INTO job (kind, asset_id, source, range_from, range_to, state, "
                                     "next_attempt_at, created_at, updated_at) "
                                     "VALUES ('backfill', ?, ?, ?, ?, 'pending', ?, ?, ?)")
                      + returningId(m_database));
        for (const QVariant &value : {QVariant(qlonglong(assetId)), sqlText(source), sqlValue(from), sqlValue(to),
                                      QVariant(qlonglong(dueNow())), QVariant(qlonglong(now)), QVariant(qlonglong(now))})
            query.addBindValue(value);
        if (auto inserted = execute(query, QStringLiteral("Queueing a backfill")); !inserted)
            return inserted;
        jobId = insertedId(query);
        return {};
    });
    if (!done)
        return Error{done.error()};
    notifyEnqueued();
    return find(jobId);
}

Result<Job> JobRepository::enqueueRefresh(const QString &source) const
{
    if (source.trimmed().isEmpty())
        return Error{QStringLiteral("refresh: no data source given")};
    RowId jobId = 0;
    auto done = atomically(m_database, [&]() -> Result<void> {
        // Only a waiting refresh makes a new one redundant: a running one may
        // have read the tracked assets before the one that asks now.
        auto queued = selectJobs(m_database,
                                 QStringLiteral("WHERE kind = 'refresh' AND source = ? AND state = 'pending' "
                                                "ORDER BY id LIMIT 1"),
                                 {sqlText(source)});
        if (!queued)
            return Error{queued.error()};
        if (!queued->empty()) {
            jobId = queued->front().id;
            return {};
        }
        const std::int64_t now = m_database.nextTimestamp();
        QSqlQuery query(m_database.connection());
        query.prepare(QStringLiteral("INSERT INTO job (kind, source, state, next_attempt_at, created_at, updated_at) "
                                     "VALUES ('refresh', ?, 'pending', ?, ?, ?)")
                      + returningId(m_database));
        query.addBindValue(sqlText(source));
        query.addBindValue(qlonglong(dueNow()));
        query.addBindValue(qlonglong(now));
        query.addBindValue(qlonglong(now));
        if (auto inserted = execute(query, QStringLiteral("Queueing a refresh of %1").arg(source)); !inserted)
            return inserted;
        jobId = insertedId(query);
        return {};
    });
    if (!done)
        return Error{done.error()};
    notifyEnqueued();
    return find(jobId);
}

Result<std::optional<Job>> JobRepository::claimNext(std::int64_t now, const QStringList &busySources) const
{
    // One statement picks and takes the job, so two threads (each with its own
    // connection) can never claim the same one: SQLite serialises the writers,
    // and the second one's subquery sees the first one's job as running. On
    // PostgreSQL the subquery skips a job another connection is taking, so that
    // one does not make this claim come back empty.
    QString busyFilter;
    if (!busySources.isEmpty()) {
        QStringList marks(busySources.size(), QStringLiteral("?"));
        busyFilter = QStringLiteral(" AND source NOT IN (%1)").arg(marks.join(u", "));
    }
    std::optional<Job> claimed;
    auto done = atomically(m_database, [&]() -> Result<void> {
        QSqlQuery query(m_database.connection());
        query.prepare(QStringLiteral("UPDATE job SET state = 'running', attempts = attempts + 1, progress = 0, "
                                     "updated_at = ? WHERE state = 'pending' AND id = (SELECT id FROM job "
                                     "WHERE state = 'pending' AND next_attempt_at <= ?%1 ORDER BY id LIMIT 1%2) "
                                     "RETURNING id")
                          .arg(busyFilter,
                               m_database.backend() == Backend::PostgreSql ? QStringLiteral(" FOR UPDATE SKIP LOCKED")
                                                                           : QString()));
        query.addBindValue(qlonglong(m_database.nextTimestamp()));
        query.addBindValue(qlonglong(now));
        for (const QString &source : busySources)
            query.addBindValue(source);
        if (auto claimedRow = execute(query, QStringLiteral("Claiming the next job")); !claimedRow)
            return claimedRow;
        if (!query.next())
            return {};
        const RowId id = query.value(0).toLongLong();
        query.finish();
        auto job = selectJobs(m_database, QStringLiteral("WHERE id = ?"), {qlonglong(id)});
        if (!job)
            return Error{job.error()};
        if (job->empty())
            return Error{QStringLiteral("Claiming the next job: job %1 vanished").arg(id)};
        claimed = job->front();
        return {};
    });
    if (!done)
        return Error{done.error()};
    return claimed;
}

Result<bool> JobRepository::hasDue(std::int64_t now) const
{
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("SELECT 1 FROM job WHERE state = 'pending' AND next_attempt_at <= ? LIMIT 1"));
    query.addBindValue(qlonglong(now));
    if (auto done = execute(query, QStringLiteral("Looking for due jobs")); !done)
        return Error{done.error()};
    return query.next();
}

Result<void> JobRepository::setProgress(RowId id, int percent) const
{
    return updateJob(m_database, id,
                     QStringLiteral("UPDATE job SET progress = ?, updated_at = ? WHERE id = ? AND state = 'running'"),
                     {std::clamp(percent, 0, 100), qlonglong(m_database.nextTimestamp())},
                     QStringLiteral("Recording the progress of a job"));
}

Result<void> JobRepository::markDone(RowId id, const QString &log) const
{
    const std::int64_t now = m_database.nextTimestamp();
    return updateJob(m_database, id,
                     QStringLiteral("UPDATE job SET state = 'done', progress = 100, log = ?, finished_at = ?, "
                                    "updated_at = ? WHERE id = ?"),
                     {sqlText(log), qlonglong(now), qlonglong(now)}, QStringLiteral("Finishing a job"));
}

Result<void> JobRepository::markFailed(RowId id, const QString &error, std::int64_t retryAt) const
{
    const std::int64_t now = m_database.nextTimestamp();
    // SET expressions all read the row as it was, so each CASE sees the
    // attempts counted when the job was claimed.
    return updateJob(m_database, id,
                     QStringLiteral("UPDATE job SET last_error = ?, updated_at = ?, progress = 0, "
                                    "state = CASE WHEN attempts >= max_attempts THEN 'failed' ELSE 'pending' END, "
                                    "next_attempt_at = CASE WHEN attempts >= max_attempts THEN next_attempt_at "
                                    "ELSE ? END, "
                                    "finished_at = CASE WHEN attempts >= max_attempts THEN CAST(? AS BIGINT) "
                                    "ELSE NULL END "
                                    "WHERE id = ?"),
                     {sqlText(error), qlonglong(now), qlonglong(retryAt), qlonglong(now)},
                     QStringLiteral("Recording a failed job"));
}

Result<void> JobRepository::requeue(RowId id) const
{
    const std::int64_t now = m_database.nextTimestamp();
    return updateJob(m_database, id,
                     QStringLiteral("UPDATE job SET state = 'pending', progress = 0, next_attempt_at = ?, "
                                    "updated_at = ?, attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END "
                                    "WHERE id = ? AND state = 'running'"),
                     {qlonglong(dueNow()), qlonglong(now)}, QStringLiteral("Returning a job to the queue"));
}

Result<int> JobRepository::resumeInterrupted() const
{
    // The interrupted attempt stays counted: a job that kills its process
    // every time must still run out of attempts.
    const std::int64_t now = m_database.nextTimestamp();
    QSqlQuery query(m_database.connection());
    // A job interrupted in its last attempt has none left: it fails, saying why.
    query.prepare(QStringLiteral("UPDATE job SET state = CASE WHEN attempts >= max_attempts THEN 'failed' "
                                 "ELSE 'pending' END, "
                                 "last_error = CASE WHEN attempts >= max_attempts "
                                 "THEN 'interrupted (the program stopped) during its last attempt' "
                                 "ELSE last_error END, "
                                 "finished_at = CASE WHEN attempts >= max_attempts THEN ? ELSE finished_at END, "
                                 "progress = 0, next_attempt_at = ?, updated_at = ? WHERE state = 'running'"));
    query.addBindValue(qlonglong(now));
    query.addBindValue(qlonglong(dueNow()));
    query.addBindValue(qlonglong(now));
    if (auto done = execute(query, QStringLiteral("Resuming interrupted jobs")); !done)
        return Error{done.error()};
    return query.numRowsAffected();
}

Result<int> JobRepository::pruneDone(std::int64_t before) const
{
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("DELETE FROM job WHERE state = 'done' AND finished_at < ?"));
    query.addBindValue(qlonglong(before));
    if (auto done = execute(query, QStringLiteral("Pruning finished jobs")); !done)
        return Error{done.error()};
    return query.numRowsAffected();
}

Result<Job> JobRepository::find(RowId id) const
{
    auto found = selectJobs(m_database, QStringLiteral("WHERE id = ?"), {qlonglong(id)});
    if (!found)
        return Error{found.error()};
    if (found->empty())
        return Error{QStringLiteral("job: no job with id %1").arg(id)};
    return found->front();
}

Result<QDate> JobRepository::earliestBackfillFrom(RowId assetId) const
{
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("SELECT MIN(range_from) FROM job WHERE asset_id = ? AND kind = 'backfill' "
                                 "AND state IN ('pending', 'running', 'done')"));
    query.addBindValue(qlonglong(assetId));
    if (auto done = execute(query, QStringLiteral("Reading the asset's backfills")); !done)
        return Error{done.error()};
    return query.next() ? dateFrom(query.value(0)) : QDate();
}

Result<std::vector<Job>> JobRepository::list(const std::vector<Job::State> &states, int limit) const
{
    QString where;
    QVariantList values;
    if (!states.empty()) {
        QStringList marks;
        for (const Job::State state : states) {
            marks << QStringLiteral("?");
            values << toKey(state);
        }
        where = QStringLiteral("WHERE state IN (%1) ").arg(marks.join(u", "));
    }
    values << qMax(limit, 1);
    return selectJobs(m_database, where + QStringLiteral("ORDER BY id DESC LIMIT ?"), values);
}

int JobRepository::addEnqueueListener(std::function<void()> listener)
{
    const std::lock_guard lock(listeners().mutex);
    const int handle = listeners().nextHandle++;
    listeners().byHandle.emplace(handle, std::move(listener));
    return handle;
}

void JobRepository::removeEnqueueListener(int handle)
{
    const std::lock_guard lock(listeners().mutex);
    listeners().byHandle.erase(handle);
}

} // namespace pt::store
