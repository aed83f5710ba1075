#pragma once

#include "domain/types.h"
#include "result.h"
#include "store/jobrepository.h"

#include <QAbstractTableModel>
#include <QDateTime>

#include <map>
#include <memory>
#include <set>
#include <vector>

namespace pt::store {
class Database;
}

namespace pt::jobs {
class JobRunner;
}

namespace pt::gui {

// The persistent job queue, newest job first, one job per row. Loaded from the
// store on a worker thread (reload()), then kept current incrementally from the
// job runner's signals (follow()): a job it has not seen is inserted, a known
// one changes in place, so selection and scroll position survive.
class JobsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JobsModel)

public:
    enum Column {
        KindColumn,
        AssetColumn,
        SourceColumn,
        RangeColumn,
        StateColumn,
        AttemptsColumn,
        ProgressColumn,
        NextAttemptColumn,
        LastErrorColumn,
        ColumnCount
    };

    // Beyond RawValueRole and IdRole (itemroles.h).
    enum Role {
        // The job's state key ("pending", "running", "done", "failed"), any column.
        StateKeyRole = Qt::UserRole + 100,
        // 0..100 while running, 100 when done, -1 otherwise: for a progress delegate.
        ProgressRole,
    };

    // What a reload reads: the newest jobs and the symbols of their assets.
    struct Snapshot
    {
        std::vector<store::Job> jobs;
        std::map<RowId, QString> symbols;
    };

    explicit JobsModel(QObject *parent = nullptr);
    ~JobsModel() override;

    // Reads the newest `limit` jobs and their assets' symbols; safe on any
    // thread that may use `database`.
    static Result<Snapshot> load(const store::Database &database, int limit = 500);

    // Sets the store reload() reads and symbols are looked up in.
    void setDatabase(std::shared_ptr<store::Database> database);
    // Reads a snapshot on the global thread pool and merges it in when it
    // arrives (loaded() or loadFailed()). Never blocks the calling thread.
    void reload();
    bool isLoading() const { return m_loading; }

    // Keeps the rows current from the runner's jobStarted/jobProgress/jobFinished.
    void follow(const jobs::JobRunner *runner);

    // Merges a snapshot: rows of jobs missing from it are removed, known jobs
    // change in place, new ones are inserted at their place. Jobs updated by
    // updateJob() since the last reload() started keep their newer state.
    void applySnapshot(Snapshot snapshot);
    // Inserts the job, or updates its row when it is known.
    void updateJob(const store::Job &job);
    // Updates a running job's progress; unknown ids are ignored.
    void setProgress(RowId jobId, int percent);
    void setAssetSymbol(RowId assetId, const QString &symbol);

    const store::Job *jobAt(int row) const;
    int rowOf(RowId jobId) const; // -1 when absent
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    int runningCount() const;
    // Mean progress of the running jobs, 0..100; -1 when none runs.
    int overallProgress() const;
    // When the newest refresh job finished; invalid when none has.
    QDateTime lastRefresh() const;

    static QString kindLabel(store::Job::Kind kind);
    static QString stateLabel(store::Job::State state);

Q_SIGNALS:
    void loaded();
    void loadFailed(const QString &error);
    // The number of running jobs or their overall progress changed.
    void activityChanged(int running, int percent);
    // A refresh job finished successfully.
    void refreshFinished(const QDateTime &when);

private:
    QVariant displayValue(const store::Job &job, int column) const;
    QVariant rawValue(const store::Job &job, int column) const;
    QString assetText(const store::Job &job) const;
    int insertionRow(RowId jobId) const;
    void insertJobAt(int row, const store::Job &job);
    void replaceJobAt(int row, const store::Job &job);
    void lookUpSymbol(RowId assetId);
    void emitActivity();

    std::vector<store::Job> m_jobs; // by id, newest first
    std::map<RowId, QString> m_symbols;
    std::set<RowId> m_symbolsRequested;
    std::set<RowId> m_updatedDuringLoad;
    std::shared_ptr<store::Database> m_database;
    bool m_loading = false;
    quint64 m_loadGeneration = 0;
    int m_lastRunning = 0;
    int m_lastPercent = -1;
};

} // namespace pt::gui
