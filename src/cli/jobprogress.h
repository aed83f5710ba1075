#pragma once

#include "store/jobrepository.h"

#include <QObject>
#include <QTextStream>

#include <map>

namespace pt::jobs {
class JobRunner;
}

namespace pt::cli {

// The job runner's progress as lines on a terminal, for `fetch` and `daemon`:
// one when a job starts, as its percentage moves, and when it ends (with its
// log, or its error and when it is retried). Keeps the totals a command's exit
// status is made of.
class JobProgress final : public QObject
{
    Q_OBJECT

public:
    struct Totals
    {
        int done = 0;
        int failed = 0;   // for good: attempts used up
        int retrying = 0; // failed this time, back in the queue for later
        store::Job lastFailure;
    };

    JobProgress(jobs::JobRunner &runner, const store::Database &database, QTextStream &out,
                QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(JobProgress)

    const Totals &totals() const { return m_totals; }

    // "backfill AAPL 2023-05-01..2024-05-01", "refresh yahoo".
    static QString describe(const store::Job &job, const store::Database &database);

private:
    void started(const store::Job &job);
    void progressed(qint64 jobId, int percent);
    void finished(const store::Job &job);
    QString prefix(qint64 jobId) const;

    const store::Database &m_database;
    QTextStream &m_out;
    Totals m_totals;
    struct Running
    {
        QString label;
        int attempts = 0;
        int percent = 0;
    };
    std::map<qint64, Running> m_running;
};

} // namespace pt::cli
