#include "gui/jobsmodel.h"

#include "gui/displaytext.h"
#include "gui/futures.h"
#include "gui/itemroles.h"
#include "gui/logging.h"
#include "gui/marketdatatext.h"
#include "jobs/jobrunner.h"
#include "store/assetrepository.h"
#include "store/database.h"

#include <QFuture>
#include <QLocale>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <numeric>

namespace pt::gui {

namespace {

using store::Job;

bool sameContent(const Job &a, const Job &b)
{
    return a.state == b.state && a.progress == b.progress && a.attempts == b.attempts && a.maxAttempts == b.maxAttempts
        && a.nextAttemptAt == b.nextAttemptAt && a.lastError == b.lastError && a.log == b.log
        && a.rangeFrom == b.rangeFrom && a.rangeTo == b.rangeTo && a.assetId == b.assetId && a.source == b.source
        && a.kind == b.kind && a.finishedAt == b.finishedAt;
}

QDateTime localTime(std::int64_t msecsSinceEpoch)
{
    return QDateTime::fromMSecsSinceEpoch(msecsSinceEpoch).toLocalTime();
}

QString firstLine(const QString &text)
{
    const qsizetype end = text.indexOf(u'\n');
    return end < 0 ? text : text.left(end);
}

} // namespace

JobsModel::JobsModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

JobsModel::~JobsModel() = default;

Result<JobsModel::Snapshot> JobsModel::load(const store::Database &database, int limit)
{
    auto jobs = store::JobRepository(database).list({}, limit);
    if (!jobs)
        return Error{jobs.error()};
    auto assets = store::AssetRepository(database).list();
    if (!assets)
        return Error{assets.error()};
    Snapshot snapshot;
    snapshot.jobs = std::move(jobs).value();
    for (const Asset &asset : *assets)
        snapshot.symbols.emplace(asset.id, asset.symbol);
    return snapshot;
}

void JobsModel::setDatabase(std::shared_ptr<store::Database> database)
{
    m_database = std::move(database);
}

void JobsModel::reload()
{
    if (!m_database)
        return;
    m_loading = true;
    m_updatedDuringLoad.clear();
    // The latest reload wins: an older answer arriving after it is dropped.
    const quint64 generation = ++m_loadGeneration;
    whenReady(QtConcurrent::run([database = m_database] { return load(*database); }), this,
              [this, generation](Result<Snapshot> snapshot) {
                  if (generation != m_loadGeneration)
                      return;
                  m_loading = false;
                  if (!snapshot) {
                      qCWarning(lcGui).noquote() << "jobs:" << snapshot.error();
                      Q_EMIT loadFailed(snapshot.error());
                      return;
                  }
                  applySnapshot(std::move(snapshot).value());
                  Q_EMIT loaded();
              });
}

void JobsModel::follow(const jobs::JobRunner *runner)
{
    connect(runner, &jobs::JobRunner::jobStarted, this, &JobsModel::updateJob);
    connect(runner, &jobs::JobRunner::jobProgress, this,
            [this](qint64 jobId, int percent) { setProgress(jobId, percent); });
    connect(runner, &jobs::JobRunner::jobFinished, this, [this](const store::Job &job) {
        updateJob(job);
        if (job.kind == Job::Kind::Refresh && job.state == Job::State::Done)
            Q_EMIT refreshFinished(job.finishedAt > 0 ? localTime(job.finishedAt) : QDateTime::currentDateTime());
    });
}

void JobsModel::applySnapshot(Snapshot snapshot)
{
    for (auto &[assetId, symbol] : snapshot.symbols)
        m_symbols.insert_or_assign(assetId, std::move(symbol));

    std::vector<Job> incoming = std::move(snapshot.jobs);
    // Jobs the runner reported while the snapshot was read are newer here.
    std::erase_if(incoming, [this](const Job &job) { return m_updatedDuringLoad.contains(job.id); });
    std::sort(incoming.begin(), incoming.end(), [](const Job &a, const Job &b) { return a.id > b.id; });
    std::set<RowId> keep = m_updatedDuringLoad;
    for (const Job &job : incoming)
        keep.insert(job.id);
    m_updatedDuringLoad.clear();

    // Removed jobs (pruned, or beyond the limit), in runs of adjacent rows.
    for (int row = int(m_jobs.size()) - 1; row >= 0;) {
        if (keep.contains(m_jobs[std::size_t(row)].id)) {
            --row;
            continue;
        }
        int first = row;
        while (first > 0 && !keep.contains(m_jobs[std::size_t(first - 1)].id))
            --first;
        beginRemoveRows(QModelIndex(), first, row);
        m_jobs.erase(m_jobs.begin() + first, m_jobs.begin() + row + 1);
        endRemoveRows();
        row = first - 1;
    }

    if (m_jobs.empty() && !incoming.empty()) {
        beginInsertRows(QModelIndex(), 0, int(incoming.size()) - 1);
        m_jobs = std::move(incoming);
        endInsertRows();
    } else {
        for (const Job &job : incoming) {
            if (const int row = rowOf(job.id); row >= 0)
                replaceJobAt(row, job);
            else
                insertJobAt(insertionRow(job.id), job);
        }
    }
    for (const Job &job : m_jobs) {
        if (job.assetId != 0 && !m_symbols.contains(job.assetId))
            lookUpSymbol(job.assetId);
    }
    emitActivity();
}

void JobsModel::updateJob(const store::Job &job)
{
    if (m_loading)
        m_updatedDuringLoad.insert(job.id);
    if (const int row = rowOf(job.id); row >= 0)
        replaceJobAt(row, job);
    else
        insertJobAt(insertionRow(job.id), job);
    if (job.assetId != 0 && !m_symbols.contains(job.assetId))
        lookUpSymbol(job.assetId);
    emitActivity();
}

void JobsModel::setProgress(RowId jobId, int percent)
{
    const int row = rowOf(jobId);
    if (row < 0)
        return;
    Job job = m_jobs[std::size_t(row)];
    job.progress = std::clamp(percent, 0, 100);
    if (job.state == Job::State::Pending)
        job.state = Job::State::Running; // progress means it runs, even if jobStarted was missed
    if (m_loading)
        m_updatedDuringLoad.insert(jobId);
    replaceJobAt(row, job);
    emitActivity();
}

void JobsModel::setAssetSymbol(RowId assetId, const QString &symbol)
{
    m_symbols.insert_or_assign(assetId, symbol);
    for (int row = 0; row < int(m_jobs.size()); ++row) {
        if (m_jobs[std::size_t(row)].assetId == assetId) {
            const QModelIndex cell = index(row, AssetColumn);
            Q_EMIT dataChanged(cell, cell);
        }
    }
}

void JobsModel::lookUpSymbol(RowId assetId)
{
    if (!m_database || m_symbolsRequested.contains(assetId))
        return;
    m_symbolsRequested.insert(assetId);
    whenReady(
        QtConcurrent::run([database = m_database, assetId] { return store::AssetRepository(*database).find(assetId); }),
        this, [this, assetId](Result<Asset> asset) {
            // A deleted asset keeps its symbol (tombstones are rows too); a
            // missing one reads as such rather than as a number.
            setAssetSymbol(assetId, asset ? asset->symbol : tr("(unknown asset)"));
        });
}

int JobsModel::insertionRow(RowId jobId) const
{
    const auto it = std::find_if(m_jobs.cbegin(), m_jobs.cend(), [jobId](const Job &job) { return job.id < jobId; });
    return int(it - m_jobs.cbegin());
}

void JobsModel::insertJobAt(int row, const store::Job &job)
{
    beginInsertRows(QModelIndex(), row, row);
    m_jobs.insert(m_jobs.begin() + row, job);
    endInsertRows();
}

void JobsModel::replaceJobAt(int row, const store::Job &job)
{
    Job &current = m_jobs[std::size_t(row)];
    if (sameContent(current, job))
        return;
    current = job;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void JobsModel::emitActivity()
{
    const int running = runningCount();
    const int percent = overallProgress();
    if (running == m_lastRunning && percent == m_lastPercent)
        return;
    m_lastRunning = running;
    m_lastPercent = percent;
    Q_EMIT activityChanged(running, percent);
}

const store::Job *JobsModel::jobAt(int row) const
{
    return row >= 0 && row < int(m_jobs.size()) ? &m_jobs[std::size_t(row)] : nullptr;
}

int JobsModel::rowOf(RowId jobId) const
{
    const auto it = std::find_if(m_jobs.cbegin(), m_jobs.cend(), [jobId](const Job &job) { return job.id == jobId; });
    return it == m_jobs.cend() ? -1 : int(it - m_jobs.cbegin());
}

int JobsModel::runningCount() const
{
    return int(
        std::count_if(m_jobs.cbegin(), m_jobs.cend(), [](const Job &job) { return job.state == Job::State::Running; }));
}

int JobsModel::overallProgress() const
{
    int running = 0;
    int sum = 0;
    for (const Job &job : m_jobs) {
        if (job.state == Job::State::Running) {
            ++running;
            sum += std::clamp(job.progress, 0, 100);
        }
    }
    return running == 0 ? -1 : sum / running;
}

QDateTime JobsModel::lastRefresh() const
{
    std::int64_t latest = 0;
    for (const Job &job : m_jobs) {
        if (job.kind == Job::Kind::Refresh && job.state == Job::State::Done)
            latest = std::max(latest, job.finishedAt);
    }
    return latest > 0 ? localTime(latest) : QDateTime();
}

int JobsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_jobs.size());
}

int JobsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString JobsModel::kindLabel(store::Job::Kind kind)
{
    switch (kind) {
    case Job::Kind::Backfill:
        return tr("Backfill", "job that fetches an asset's price history");
    case Job::Kind::Refresh:
        return tr("Refresh", "job that fetches the latest prices");
    }
    return {};
}

QString JobsModel::stateLabel(store::Job::State state)
{
    switch (state) {
    case Job::State::Pending:
        return tr("Pending", "job state");
    case Job::State::Running:
        return tr("Running", "job state");
    case Job::State::Done:
        return tr("Done", "job state");
    case Job::State::Failed:
        return tr("Failed", "job state");
    }
    return {};
}

QString JobsModel::assetText(const store::Job &job) const
{
    if (job.assetId == 0)
        return tr("All tracked assets");
    const auto it = m_symbols.find(job.assetId);
    return it == m_symbols.cend() ? QStringLiteral("…") : it->second;
}

QVariant JobsModel::displayValue(const store::Job &job, int column) const
{
    switch (Column(column)) {
    case KindColumn:
        return kindLabel(job.kind);
    case AssetColumn:
        return assetText(job);
    case SourceColumn:
        return sourceLabel(job.source);
    case RangeColumn:
        if (job.kind != Job::Kind::Backfill || !job.rangeFrom.isValid())
            return {};
        return tr("%1 – %2", "date range").arg(formatDate(job.rangeFrom), formatDate(job.rangeTo));
    case StateColumn:
        if (job.state == Job::State::Pending && job.attempts > 0)
            return tr("Waiting to retry");
        return stateLabel(job.state);
    case AttemptsColumn:
        return tr("%1 of %2", "attempts made of the maximum").arg(job.attempts).arg(job.maxAttempts);
    case ProgressColumn:
        if (job.state == Job::State::Running)
            return tr("%1%", "progress percent").arg(std::clamp(job.progress, 0, 100));
        if (job.state == Job::State::Done)
            return tr("%1%", "progress percent").arg(100);
        return {};
    case NextAttemptColumn: {
        if (job.state != Job::State::Pending || job.nextAttemptAt <= QDateTime::currentMSecsSinceEpoch())
            return {};
        // The time alone when it is today.
        const QDateTime next = localTime(job.nextAttemptAt);
        if (next.date() == QDate::currentDate())
            return QLocale().toString(next.time(), QLocale::ShortFormat);
        return QLocale().toString(next, QLocale::ShortFormat);
    }
    case LastErrorColumn:
        return firstLine(job.lastError);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant JobsModel::rawValue(const store::Job &job, int column) const
{
    switch (Column(column)) {
    case KindColumn:
        return store::toKey(job.kind);
    case AssetColumn:
        return assetText(job);
    case SourceColumn:
        return job.source;
    case RangeColumn:
        return job.kind == Job::Kind::Backfill && job.rangeFrom.isValid() ? QVariant(job.rangeFrom) : QVariant();
    case StateColumn:
        return store::toKey(job.state);
    case AttemptsColumn:
        return job.attempts;
    case ProgressColumn:
        return job.state == Job::State::Running ? job.progress : job.state == Job::State::Done ? 100 : -1;
    case NextAttemptColumn:
        return job.nextAttemptAt > 0 ? QVariant(localTime(job.nextAttemptAt)) : QVariant();
    case LastErrorColumn:
        return job.lastError;
    case ColumnCount:
        break;
    }
    return {};
}

QVariant JobsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Job &job = m_jobs[std::size_t(index.row())];

    switch (role) {
    case Qt::DisplayRole:
        return displayValue(job, index.column());
    case Qt::ToolTipRole: {
        QStringList lines;
        if (!job.lastError.isEmpty())
            lines << tr("Last error: %1").arg(job.lastError);
        if (!job.log.isEmpty())
            lines << job.log;
        return lines.isEmpty() ? QVariant() : QVariant(lines.join(u'\n'));
    }
    case Qt::TextAlignmentRole:
        if (index.column() == AttemptsColumn || index.column() == ProgressColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case RawValueRole:
        return rawValue(job, index.column());
    case IdRole:
        return QVariant::fromValue(qint64(job.id));
    case StateKeyRole:
        return store::toKey(job.state);
    case ProgressRole:
        return job.state == Job::State::Running ? std::clamp(job.progress, 0, 100)
            : job.state == Job::State::Done     ? 100
                                                : -1;
    default:
        break;
    }
    return {};
}

QVariant JobsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::TextAlignmentRole)
        return int(Qt::AlignLeft | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case KindColumn:
        return tr("Job");
    case AssetColumn:
        return tr("Asset");
    case SourceColumn:
        return tr("Source", "market-data provider");
    case RangeColumn:
        return tr("Range", "dates a backfill covers");
    case StateColumn:
        return tr("State", "job state");
    case AttemptsColumn:
        return tr("Attempts");
    case ProgressColumn:
        return tr("Progress");
    case NextAttemptColumn:
        return tr("Next attempt");
    case LastErrorColumn:
        return tr("Last error");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace pt::gui
