#include "jobprogress.h"

#include "jobs/jobrunner.h"
#include "store/assetrepository.h"

#include <QDateTime>

namespace pt::cli {

namespace {

QString localTime(std::int64_t msecs)
{
    return QDateTime::fromMSecsSinceEpoch(msecs).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

} // namespace

JobProgress::JobProgress(jobs::JobRunner &runner, const store::Database &database, QTextStream &out,
                         QObject *parent)
    : QObject(parent), m_database(database), m_out(out)
{
    connect(&runner, &jobs::JobRunner::jobStarted, this, &JobProgress::started);
    connect(&runner, &jobs::JobRunner::jobProgress, this, &JobProgress::progressed);
    connect(&runner, &jobs::JobRunner::jobFinished, this, &JobProgress::finished);
}

QString JobProgress::describe(const store::Job &job, const store::Database &database)
{
    if (job.kind == store::Job::Kind::Refresh) {
        if (job.assetId == 0)
            return QStringLiteral("refresh %1").arg(job.source);
    }
    const auto asset = store::AssetRepository(database).find(job.assetId);
    const QString symbol = asset ? asset->symbol : QStringLiteral("#%1").arg(job.assetId);
    if (job.kind == store::Job::Kind::Refresh)
        return QStringLiteral("refresh %1").arg(symbol);
    return QStringLiteral("backfill %1 %2..%3")
        .arg(symbol, job.rangeFrom.toString(Qt::ISODate), job.rangeTo.toString(Qt::ISODate));
}

QString JobProgress::prefix(qint64 jobId) const
{
    const auto found = m_running.find(jobId);
    return QStringLiteral("[job %1] %2").arg(jobId).arg(found == m_running.end() ? QString() : found->second.label);
}

void JobProgress::started(const store::Job &job)
{
    m_running[job.id] = {describe(job, m_database), job.attempts, 0};
    m_out << prefix(job.id) << ": started (attempt " << job.attempts << " of " << job.maxAttempts << ')' << Qt::endl;
}

void JobProgress::progressed(qint64 jobId, int percent)
{
    auto found = m_running.find(jobId);
    if (found == m_running.end() || found->second.percent == percent)
        return;
    found->second.percent = percent;
    m_out << prefix(jobId) << ": " << percent << " %" << Qt::endl;
}

void JobProgress::finished(const store::Job &job)
{
    const auto found = m_running.find(job.id);
    const int startedAttempts = found == m_running.end() ? job.attempts : found->second.attempts;
    const QString head = prefix(job.id);
    switch (job.state) {
    case store::Job::State::Done:
        ++m_totals.done;
        m_out << head << ": done" << Qt::endl;
        for (const QString &line : job.log.split(u'\n', Qt::SkipEmptyParts))
            m_out << "    " << line << Qt::endl;
        break;
    case store::Job::State::Failed:
        ++m_totals.failed;
        m_totals.lastFailure = job;
        m_out << head << ": failed after " << job.attempts << " attempts: " << job.lastError << Qt::endl;
        break;
    case store::Job::State::Pending:
        if (job.attempts < startedAttempts) { // stopped between steps, not failed
            m_out << head << ": stopped, back in the queue" << Qt::endl;
            break;
        }
        ++m_totals.retrying;
        m_totals.lastFailure = job;
        m_out << head << ": failed (attempt " << job.attempts << " of " << job.maxAttempts << "), retrying at "
              << localTime(job.nextAttemptAt) << ": " << job.lastError << Qt::endl;
        break;
    case store::Job::State::Running: // its new state could not be saved; resumed at the next start
        m_out << head << ": ended, but its state could not be saved" << Qt::endl;
        break;
    }
    if (found != m_running.end())
        m_running.erase(found);
}

} // namespace pt::cli
