#include "teststore.h"

#include "gui/itemroles.h"
#include "gui/jobsmodel.h"
#include "store/jobrepository.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>
#include <QThreadPool>

using namespace pt;
using namespace pt::gui;
using store::Job;

namespace {

Job makeJob(RowId id, Job::Kind kind, Job::State state, RowId assetId = 0)
{
    Job job;
    job.id = id;
    job.kind = kind;
    job.state = state;
    job.assetId = assetId;
    job.source = QStringLiteral("yahoo");
    if (kind == Job::Kind::Backfill) {
        job.rangeFrom = QDate(2023, 1, 10);
        job.rangeTo = QDate(2024, 1, 10);
    }
    job.createdAt = 1'700'000'000'000 + id;
    return job;
}

JobsModel::Snapshot snapshotOf(std::vector<Job> jobs)
{
    JobsModel::Snapshot snapshot;
    snapshot.jobs = std::move(jobs);
    snapshot.symbols = {{7, QStringLiteral("SAP")}, {8, QStringLiteral("AAPL")}};
    return snapshot;
}

} // namespace

// The jobs table: merged snapshots from the store and incremental updates as
// the runner reports them, always through row inserts, removals and
// dataChanged, checked by QAbstractItemModelTester throughout.
class TestJobsModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void emptyModel();
    void snapshotFillsNewestFirst();
    void newJobIsInsertedAtItsPlace();
    void knownJobChangesInPlace();
    void progressAndOverallPercent();
    void displayTexts();
    void snapshotMergeRemovesAndKeepsNewer();
    void lastRefreshAndSignal();
    void reloadsFromStore();
    void looksUpUnknownSymbols();
    void destroyedWhileLoading();

private:
    QString cell(int row, int column) const { return m_model->index(row, column).data().toString(); }

    std::unique_ptr<JobsModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestJobsModel::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestJobsModel::init()
{
    m_model = std::make_unique<JobsModel>();
    m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void TestJobsModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
}

void TestJobsModel::emptyModel()
{
    QCOMPARE(m_model->rowCount(), 0);
    QCOMPARE(m_model->columnCount(), int(JobsModel::ColumnCount));
    QCOMPARE(m_model->overallProgress(), -1);
    QCOMPARE(m_model->runningCount(), 0);
    QVERIFY(!m_model->lastRefresh().isValid());
    QCOMPARE(m_model->headerData(JobsModel::StateColumn, Qt::Horizontal).toString(), QStringLiteral("State"));
}

void TestJobsModel::snapshotFillsNewestFirst()
{
    QSignalSpy inserted(m_model.get(), &JobsModel::rowsInserted);
    QSignalSpy reset(m_model.get(), &JobsModel::modelReset);
    m_model->applySnapshot(snapshotOf({makeJob(1, Job::Kind::Backfill, Job::State::Done, 7),
                                       makeJob(3, Job::Kind::Refresh, Job::State::Pending),
                                       makeJob(2, Job::Kind::Backfill, Job::State::Failed, 8)}));
    QCOMPARE(reset.count(), 0);
    QCOMPARE(inserted.count(), 1); // the first load: one insert of every row
    QCOMPARE(m_model->rowCount(), 3);
    QCOMPARE(m_model->index(0, 0).data(IdRole).toLongLong(), 3);
    QCOMPARE(m_model->index(1, 0).data(IdRole).toLongLong(), 2);
    QCOMPARE(m_model->index(2, 0).data(IdRole).toLongLong(), 1);
    QCOMPARE(cell(0, JobsModel::AssetColumn), QStringLiteral("All tracked assets"));
    QCOMPARE(cell(1, JobsModel::AssetColumn), QStringLiteral("AAPL"));
    QCOMPARE(cell(2, JobsModel::AssetColumn), QStringLiteral("SAP"));
}

void TestJobsModel::newJobIsInsertedAtItsPlace()
{
    m_model->applySnapshot(snapshotOf({makeJob(5, Job::Kind::Refresh, Job::State::Done),
                                       makeJob(2, Job::Kind::Refresh, Job::State::Done)}));
    QSignalSpy inserted(m_model.get(), &JobsModel::rowsInserted);

    m_model->updateJob(makeJob(9, Job::Kind::Backfill, Job::State::Running, 7));
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 0);

    m_model->updateJob(makeJob(3, Job::Kind::Backfill, Job::State::Pending, 8));
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(inserted.at(1).at(1).toInt(), 2); // between 5 and 2
    QCOMPARE(m_model->rowCount(), 4);
    QCOMPARE(m_model->rowOf(3), 2);
}

void TestJobsModel::knownJobChangesInPlace()
{
    m_model->applySnapshot(snapshotOf({makeJob(4, Job::Kind::Backfill, Job::State::Pending, 7),
                                       makeJob(3, Job::Kind::Refresh, Job::State::Done)}));
    QSignalSpy inserted(m_model.get(), &JobsModel::rowsInserted);
    QSignalSpy changed(m_model.get(), &JobsModel::dataChanged);

    Job started = makeJob(4, Job::Kind::Backfill, Job::State::Running, 7);
    started.attempts = 1;
    m_model->updateJob(started);
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 0);
    QCOMPARE(changed.at(0).at(1).toModelIndex().row(), 0);
    QCOMPARE(cell(0, JobsModel::StateColumn), QStringLiteral("Running"));

    // The same state again changes nothing.
    m_model->updateJob(started);
    QCOMPARE(changed.count(), 1);
}

void TestJobsModel::progressAndOverallPercent()
{
    m_model->applySnapshot(snapshotOf({makeJob(2, Job::Kind::Backfill, Job::State::Running, 7),
                                       makeJob(1, Job::Kind::Backfill, Job::State::Running, 8)}));
    QSignalSpy activity(m_model.get(), &JobsModel::activityChanged);
    QSignalSpy changed(m_model.get(), &JobsModel::dataChanged);
    QCOMPARE(m_model->runningCount(), 2);
    QCOMPARE(m_model->overallProgress(), 0);

    m_model->setProgress(2, 40);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(cell(0, JobsModel::ProgressColumn), QStringLiteral("40%"));
    QCOMPARE(m_model->index(0, JobsModel::ProgressColumn).data(JobsModel::ProgressRole).toInt(), 40);
    QCOMPARE(m_model->overallProgress(), 20);
    QCOMPARE(activity.count(), 1);
    QCOMPARE(activity.last().at(0).toInt(), 2);
    QCOMPARE(activity.last().at(1).toInt(), 20);

    m_model->setProgress(1, 100);
    QCOMPARE(m_model->overallProgress(), 70);
    m_model->setProgress(99, 50); // unknown: ignored
    QCOMPARE(changed.count(), 2);

    Job done = makeJob(1, Job::Kind::Backfill, Job::State::Done, 8);
    done.progress = 100;
    m_model->updateJob(done);
    QCOMPARE(m_model->runningCount(), 1);
    QCOMPARE(m_model->overallProgress(), 40);
    QCOMPARE(activity.last().at(0).toInt(), 1);
    QCOMPARE(activity.last().at(1).toInt(), 40);

    Job failed = makeJob(2, Job::Kind::Backfill, Job::State::Failed, 7);
    m_model->updateJob(failed);
    QCOMPARE(m_model->overallProgress(), -1);
    QCOMPARE(activity.last().at(0).toInt(), 0);
    QCOMPARE(m_model->index(0, JobsModel::ProgressColumn).data(JobsModel::ProgressRole).toInt(), -1);
}

void TestJobsModel::displayTexts()
{
    Job retrying = makeJob(2, Job::Kind::Backfill, Job::State::Pending, 7);
    retrying.attempts = 2;
    retrying.maxAttempts = 5;
    retrying.nextAttemptAt = QDateTime::currentMSecsSinceEpoch() + 3'600'000;
    retrying.lastError = QStringLiteral("yahoo: HTTP 503\nbody: Service Unavailable");
    Job failed = makeJob(1, Job::Kind::Refresh, Job::State::Failed);
    failed.source = QStringLiteral("coingecko");
    m_model->applySnapshot(snapshotOf({retrying, failed}));

    QCOMPARE(cell(0, JobsModel::KindColumn), QStringLiteral("Backfill"));
    QCOMPARE(cell(0, JobsModel::SourceColumn), QStringLiteral("Yahoo Finance"));
    QCOMPARE(cell(0, JobsModel::RangeColumn), QStringLiteral("1/10/2023 – 1/10/2024"));
    QCOMPARE(m_model->index(0, JobsModel::RangeColumn).data(RawValueRole).toDate(), QDate(2023, 1, 10));
    QCOMPARE(cell(0, JobsModel::StateColumn), QStringLiteral("Waiting to retry"));
    QCOMPARE(m_model->index(0, JobsModel::StateColumn).data(RawValueRole).toString(), QStringLiteral("pending"));
    QCOMPARE(cell(0, JobsModel::AttemptsColumn), QStringLiteral("2 of 5"));
    QCOMPARE(m_model->index(0, JobsModel::AttemptsColumn).data(RawValueRole).toInt(), 2);
    QVERIFY(!cell(0, JobsModel::NextAttemptColumn).isEmpty());
    QCOMPARE(cell(0, JobsModel::LastErrorColumn), QStringLiteral("yahoo: HTTP 503"));
    QVERIFY(m_model->index(0, 0).data(Qt::ToolTipRole).toString().contains(QStringLiteral("Service Unavailable")));
    QCOMPARE(cell(0, JobsModel::ProgressColumn), QString());

    QCOMPARE(cell(1, JobsModel::KindColumn), QStringLiteral("Refresh"));
    QCOMPARE(cell(1, JobsModel::SourceColumn), QStringLiteral("CoinGecko"));
    QCOMPARE(cell(1, JobsModel::RangeColumn), QString());
    QCOMPARE(cell(1, JobsModel::StateColumn), QStringLiteral("Failed"));
    QCOMPARE(cell(1, JobsModel::NextAttemptColumn), QString());
}

void TestJobsModel::snapshotMergeRemovesAndKeepsNewer()
{
    m_model->applySnapshot(snapshotOf({makeJob(6, Job::Kind::Refresh, Job::State::Pending),
                                       makeJob(5, Job::Kind::Refresh, Job::State::Done),
                                       makeJob(4, Job::Kind::Refresh, Job::State::Done),
                                       makeJob(3, Job::Kind::Backfill, Job::State::Done, 7)}));
    QSignalSpy removed(m_model.get(), &JobsModel::rowsRemoved);
    QSignalSpy inserted(m_model.get(), &JobsModel::rowsInserted);
    QSignalSpy reset(m_model.get(), &JobsModel::modelReset);

    // 5 and 4 were pruned; 6 runs now; 8 is new.
    m_model->applySnapshot(snapshotOf({makeJob(8, Job::Kind::Backfill, Job::State::Pending, 8),
                                       makeJob(6, Job::Kind::Refresh, Job::State::Running),
                                       makeJob(3, Job::Kind::Backfill, Job::State::Done, 7)}));
    QCOMPARE(reset.count(), 0);
    QCOMPARE(removed.count(), 1); // one run of adjacent rows
    QCOMPARE(removed.at(0).at(1).toInt(), 1);
    QCOMPARE(removed.at(0).at(2).toInt(), 2);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(m_model->rowCount(), 3);
    QCOMPARE(m_model->jobAt(0)->id, 8);
    QCOMPARE(m_model->jobAt(1)->state, Job::State::Running);
    QCOMPARE(m_model->jobAt(2)->id, 3);
}

void TestJobsModel::lastRefreshAndSignal()
{
    Job older = makeJob(1, Job::Kind::Refresh, Job::State::Done);
    older.finishedAt = QDateTime(QDate(2024, 3, 1), QTime(10, 0)).toMSecsSinceEpoch();
    Job newer = makeJob(2, Job::Kind::Refresh, Job::State::Done);
    newer.finishedAt = QDateTime(QDate(2024, 3, 1), QTime(10, 15)).toMSecsSinceEpoch();
    Job failed = makeJob(3, Job::Kind::Refresh, Job::State::Failed);
    failed.finishedAt = QDateTime(QDate(2024, 3, 1), QTime(11, 0)).toMSecsSinceEpoch();
    m_model->applySnapshot(snapshotOf({older, newer, failed}));
    QCOMPARE(m_model->lastRefresh(), QDateTime(QDate(2024, 3, 1), QTime(10, 15)));
}

void TestJobsModel::reloadsFromStore()
{
    test::TestStore store;
    auto sap = store.addAsset(QStringLiteral("SAP"), QStringLiteral("SAP SE"), QStringLiteral("EUR"));
    PT_VERIFY_OK(sap);
    const store::JobRepository jobs(store.db());
    auto backfill = jobs.enqueueBackfill(sap->id, QStringLiteral("yahoo"), QDate(2023, 1, 2), QDate(2024, 1, 2));
    PT_VERIFY_OK(backfill);
    auto refresh = jobs.enqueueRefresh(QStringLiteral("yahoo"));
    PT_VERIFY_OK(refresh);

    m_model->setDatabase(store.database);
    QSignalSpy loaded(m_model.get(), &JobsModel::loaded);
    m_model->reload();
    QVERIFY(m_model->isLoading());
    QVERIFY(loaded.wait(10000));
    QCOMPARE(m_model->rowCount(), 2);
    QCOMPARE(m_model->jobAt(0)->id, refresh->id);
    QCOMPARE(cell(1, JobsModel::AssetColumn), QStringLiteral("SAP"));
    QCOMPARE(cell(1, JobsModel::StateColumn), QStringLiteral("Pending"));

    // A runner's report arriving while a reload reads keeps its newer state.
    m_model->reload();
    Job running = *backfill;
    running.state = Job::State::Running;
    running.attempts = 1;
    m_model->updateJob(running);
    QVERIFY(loaded.wait(10000));
    QCOMPARE(m_model->jobAt(1)->state, Job::State::Running);
}

void TestJobsModel::looksUpUnknownSymbols()
{
    test::TestStore store;
    auto btc = store.addAsset(QStringLiteral("BTC"), QStringLiteral("Bitcoin"), QStringLiteral("EUR"),
                              AssetClass::Crypto);
    PT_VERIFY_OK(btc);
    m_model->setDatabase(store.database);
    m_model->updateJob(makeJob(1, Job::Kind::Backfill, Job::State::Running, btc->id));
    QCOMPARE(cell(0, JobsModel::AssetColumn), QStringLiteral("…"));
    QTRY_COMPARE(cell(0, JobsModel::AssetColumn), QStringLiteral("BTC"));
}

void TestJobsModel::destroyedWhileLoading()
{
    test::TestStore store;
    auto model = std::make_unique<JobsModel>();
    model->setDatabase(store.database);
    model->reload();
    model.reset(); // before the snapshot is read
    QThreadPool::globalInstance()->waitForDone();
    QTest::qWait(50); // the snapshot arrives for a model that is gone, and is dropped
}

QTEST_MAIN(TestJobsModel)
#include "tst_jobsmodel.moc"
