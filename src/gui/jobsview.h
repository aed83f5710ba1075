#pragma once

#include <QWidget>

#include <memory>

class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;

namespace pt::store {
class Database;
struct Job;
}

namespace pt::gui {

class DecimalSortProxyModel;
class JobsModel;
class LingeringVisibility;

// The job queue as a table, newest first, with the overall progress of the
// running jobs above it and Retry for a failed one (which queues it anew).
// Reads and writes go through the store on worker threads.
class JobsView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JobsView)

public:
    JobsView(JobsModel *model, std::shared_ptr<store::Database> database, QWidget *parent = nullptr);
    ~JobsView() override;

    QTableView *tableView() const { return m_view; }
    // The job of the current row, nullptr when none is selected.
    const store::Job *selectedJob() const;
    // Queues a failed job again (the selected one by default).
    void retrySelected();

Q_SIGNALS:
    // A job was queued again: `message` says which, or why it was not.
    void retried(const QString &message);

private:
    void updateActivity(int running, int percent);
    void updateRetry();

    JobsModel *m_model;
    std::shared_ptr<store::Database> m_database;
    DecimalSortProxyModel *m_proxy = nullptr;
    QTableView *m_view = nullptr;
    QLabel *m_summary = nullptr;
    QProgressBar *m_progress = nullptr;
    LingeringVisibility *m_progressVisibility = nullptr;
    QPushButton *m_retry = nullptr;
    bool m_retrying = false;
};

} // namespace pt::gui
