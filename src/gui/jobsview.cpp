#include "gui/jobsview.h"

#include "gui/decimalsortproxymodel.h"
#include "gui/displaytext.h"
#include "gui/futures.h"
#include "gui/itemroles.h"
#include "gui/jobsmodel.h"
#include "gui/lingeringvisibility.h"
#include "gui/progressdelegate.h"
#include "gui/viewsizing.h"
#include "store/database.h"
#include "store/jobrepository.h"

#include <QDateTime>
#include <QFuture>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace pt::gui {

using store::Job;

JobsView::JobsView(JobsModel *model, std::shared_ptr<store::Database> database, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_database(std::move(database))
    , m_proxy(new DecimalSortProxyModel(this))
    , m_view(new QTableView(this))
    , m_summary(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_retry(new QPushButton(tr("&Retry"), this))
{
    setObjectName(QStringLiteral("jobsView"));
    m_view->setObjectName(QStringLiteral("jobsTable"));
    m_summary->setObjectName(QStringLiteral("jobsSummaryLabel"));
    m_progress->setObjectName(QStringLiteral("jobsProgressBar"));
    m_retry->setObjectName(QStringLiteral("retryJobButton"));

    m_proxy->setSourceModel(m_model);
    m_view->setModel(m_proxy);
    makeReadOnlyTable(m_view);
    m_view->setItemDelegateForColumn(JobsModel::ProgressColumn, new ProgressDelegate(JobsModel::ProgressRole, m_view));
    // Every column but the last (the error, which stretches) fits its typical widest value.
    const QDate sampleDay(2024, 12, 28);
    setColumnWidths(m_view,
                    {{JobsModel::kindLabel(Job::Kind::Backfill), JobsModel::kindLabel(Job::Kind::Refresh)},
                     {JobsModel::tr("All tracked assets")},
                     {QStringLiteral("Yahoo Finance")},
                     {JobsModel::tr("%1 – %2", "date range").arg(formatDate(sampleDay), formatDate(sampleDay))},
                     {JobsModel::tr("Waiting to retry"), JobsModel::stateLabel(Job::State::Running)},
                     {JobsModel::tr("%1 of %2", "attempts made of the maximum").arg(5).arg(5)},
                     {QStringLiteral("100%").repeated(3)}, // room for a bar
                     {QLocale().toString(QDateTime(sampleDay, QTime(23, 59)), QLocale::ShortFormat)}});
    QHeaderView *header = m_view->horizontalHeader();
    const int em = m_view->fontMetrics().averageCharWidth();
    // Newest first, as the model keeps them, until a header is clicked.
    m_view->setSortingEnabled(true);
    header->setSortIndicator(-1, Qt::AscendingOrder);

    m_progress->setRange(0, 100);
    m_progress->setMaximumWidth(24 * em);
    m_progress->setVisible(false);
    m_progressVisibility = new LingeringVisibility(m_progress);
    m_retry->setToolTip(tr("Queue the selected failed job again"));

    auto *top = new QHBoxLayout;
    top->addWidget(m_summary);
    top->addWidget(m_progress);
    top->addStretch();
    top->addWidget(m_retry);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_view);

    connect(m_model, &JobsModel::activityChanged, this, &JobsView::updateActivity);
    connect(m_model, &JobsModel::dataChanged, this, &JobsView::updateRetry);
    connect(m_model, &JobsModel::rowsRemoved, this, &JobsView::updateRetry);
    connect(m_model, &JobsModel::loadFailed, this,
            [this](const QString &error) { m_summary->setText(tr("The jobs could not be read: %1").arg(error)); });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &JobsView::updateRetry);
    connect(m_retry, &QPushButton::clicked, this, &JobsView::retrySelected);

    updateActivity(m_model->runningCount(), m_model->overallProgress());
    updateRetry();
}

JobsView::~JobsView() = default;

const store::Job *JobsView::selectedJob() const
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid())
        return nullptr;
    return m_model->jobAt(m_proxy->mapToSource(current).row());
}

void JobsView::updateActivity(int running, int percent)
{
    m_progressVisibility->setBusy(running > 0);
    m_progress->setValue(std::max(percent, 0));
    m_summary->setText(running > 0 ? tr("Jobs running: %1").arg(running) : tr("No jobs running."));
}

void JobsView::updateRetry()
{
    const Job *job = selectedJob();
    m_retry->setEnabled(!m_retrying && m_database && job && job->state == Job::State::Failed);
}

void JobsView::retrySelected()
{
    const Job *selected = selectedJob();
    if (!selected || selected->state != Job::State::Failed || !m_database || m_retrying)
        return;
    const Job failed = *selected;
    m_retrying = true;
    updateRetry();
    whenReady(QtConcurrent::run([database = m_database, failed]() -> Result<Job> {
                  const store::JobRepository jobs(*database);
                  if (failed.kind == Job::Kind::Backfill)
                      return jobs.enqueueBackfill(failed.assetId, failed.source, failed.rangeFrom, failed.rangeTo);
                  return jobs.enqueueRefresh(failed.source);
              }),
              this, [this](Result<Job> queued) {
                  m_retrying = false;
                  if (!queued) {
                      Q_EMIT retried(tr("The job was not queued again: %1").arg(queued.error()));
                  } else {
                      m_model->updateJob(*queued);
                      const int row = m_model->rowOf(queued->id);
                      if (row >= 0)
                          m_view->setCurrentIndex(m_proxy->mapFromSource(m_model->index(row, 0)));
                      Q_EMIT retried(tr("The job was queued again."));
                  }
                  updateRetry();
              });
}

} // namespace pt::gui
