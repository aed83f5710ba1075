#include "jobs/scheduler.h"

#include "jobs/exchangerates.h"
#include "store/database.h"
#include "store/jobrepository.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QSqlQuery>

Q_LOGGING_CATEGORY(lcScheduler, "pt.jobs.scheduler", QtInfoMsg)

namespace pt::jobs {

namespace {

constexpr std::int64_t DayMs = std::int64_t(24) * 60 * 60 * 1000;
constexpr std::int64_t DoneJobsKeptMs = 30 * DayMs;

// The sources that have something to refresh: those of tracked assets, and
// the ECB whenever the book needs exchange rates.
Result<QStringList> sourcesToRefresh(const store::Database &database)
{
    auto needs = rateNeeds(database);
    if (!needs)
        return Error{needs.error()};
    QSqlQuery query(database.connection());
    query.prepare(QStringLiteral("SELECT DISTINCT data_source FROM asset WHERE tracked = 1 AND deleted = 0 "
                                 "AND synthetic = 0 AND data_source <> '' ORDER BY data_source"));
    if (!query.exec())
        return Error{store::describeSqlError(QStringLiteral("Finding the tracked sources"), query.lastError())};
    QStringList sources;
    while (query.next())
        sources << query.value(0).toString();
    if (!needs->isEmpty() && !sources.contains(QStringLiteral("ecb")))
        sources << QStringLiteral("ecb");
    return sources;
}

} // namespace

Scheduler::Scheduler(std::shared_ptr<store::Database> database, QObject *parent)
    : QObject(parent), m_database(std::move(database))
{
    m_timer.setInterval(std::chrono::duration_cast<std::chrono::milliseconds>(DefaultInterval));
    connect(&m_timer, &QTimer::timeout, this, [this] { (void)tick(); });
}

Scheduler::~Scheduler() = default;

void Scheduler::setInterval(std::chrono::milliseconds interval)
{
    m_timer.setInterval(std::max(interval, std::chrono::milliseconds(1)));
}

std::chrono::milliseconds Scheduler::interval() const
{
    return m_timer.intervalAsDuration();
}

void Scheduler::setClock(std::function<std::int64_t()> clock)
{
    m_clock = std::move(clock);
}

std::int64_t Scheduler::now() const
{
    return m_clock ? m_clock() : QDateTime::currentMSecsSinceEpoch();
}

void Scheduler::start()
{
    m_timer.start();
    QTimer::singleShot(0, this, [this] {
        if (m_timer.isActive())
            (void)tick();
    });
}

void Scheduler::stop()
{
    m_timer.stop();
}

Result<int> Scheduler::tick()
{
    const store::JobRepository jobs(*m_database);
    if (now() - m_lastPrune >= DayMs) {
        if (auto pruned = jobs.pruneDone(now() - DoneJobsKeptMs); !pruned)
            qCWarning(lcScheduler) << pruned.error();
        else
            m_lastPrune = now();
    }
    auto sources = sourcesToRefresh(*m_database);
    if (!sources) {
        Q_EMIT failed(sources.error());
        return Error{sources.error()};
    }
    int queued = 0;
    for (const QString &source : *sources) {
        auto job = jobs.enqueueRefresh(source);
        if (!job) {
            Q_EMIT failed(job.error());
            return Error{job.error()};
        }
        ++queued;
    }
    qCDebug(lcScheduler) << "queued" << queued << "refreshes";
    Q_EMIT refreshesQueued(queued);
    return queued;
}

} // namespace pt::jobs
