// The persistent job queue: what enqueueing adds, widens or reuses, that a
// claim is atomic across threads, retries and final failure, resuming after a
// crash, pruning, and joining a caller's transaction.

#include "testsupport.h"

#include "store/assetrepository.h"
#include "store/database.h"
#include "store/jobrepository.h"

#include <QDateTime>
#include <QSqlQuery>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <set>

using namespace pt;
using namespace pt::store;

namespace {

const QString Yahoo = QStringLiteral("yahoo");

RowId addAsset(const Database &db, const QString &symbol)
{
    Asset asset;
    asset.symbol = symbol;
    asset.name = symbol;
    asset.currency = QStringLiteral("USD");
    asset.dataSource = Yahoo;
    auto added = AssetRepository(db).add(asset);
    if (!added)
        qFatal("%s", qPrintable(added.error()));
    return added->id;
}

void setMaxAttempts(const Database &db, RowId jobId, int attempts)
{
    QSqlQuery query(db.connection());
    query.prepare(QStringLiteral("UPDATE job SET max_attempts = ? WHERE id = ?"));
    query.addBindValue(attempts);
    query.addBindValue(qlonglong(jobId));
    if (!query.exec())
        qFatal("cannot set max_attempts");
}

std::int64_t now()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace

class TestJobRepository : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void backfillIsAddedCoveredOrWidened()
    {
        test::TemporaryStore store;
        const JobRepository jobs(store.db());
        const RowId asset = addAsset(store.db(), QStringLiteral("ACME"));

        auto first = jobs.enqueueBackfill(asset, Yahoo, QDate(2024, 1, 1), QDate(2024, 3, 1));
        PT_VERIFY_OK(first);
        QCOMPARE(first->kind, Job::Kind::Backfill);
        QCOMPARE(first->state, Job::State::Pending);
        QCOMPARE(first->attempts, 0);

        // Covered by the pending job: the same job, unchanged.
        auto inside = jobs.enqueueBackfill(asset, Yahoo, QDate(2024, 2, 1), QDate(2024, 2, 10));
        PT_VERIFY_OK(inside);
        QCOMPARE(inside->id, first->id);
        QCOMPARE(inside->rangeFrom, QDate(2024, 1, 1));
        QCOMPARE(inside->rangeTo, QDate(2024, 3, 1));

        // Overlapping on both sides: the pending job is widened.
        auto wider = jobs.enqueueBackfill(asset, Yahoo, QDate(2023, 12, 1), QDate(2024, 4, 1));
        PT_VERIFY_OK(wider);
        QCOMPARE(wider->id, first->id);
        QCOMPARE(wider->rangeFrom, QDate(2023, 12, 1));
        QCOMPARE(wider->rangeTo, QDate(2024, 4, 1));

        // Once it runs, its range is read: a wider request is a job of its own,
        // while one it covers still reuses it.
        auto claimed = jobs.claimNext(now());
        PT_VERIFY_OK(claimed);
        QVERIFY(claimed->has_value());
        QCOMPARE((*claimed)->id, first->id);
        auto covered = jobs.enqueueBackfill(asset, Yahoo, QDate(2024, 1, 1), QDate(2024, 1, 31));
        PT_VERIFY_OK(covered);
        QCOMPARE(covered->id, first->id);
        auto later = jobs.enqueueBackfill(asset, Yahoo, QDate(2024, 5, 1), QDate(2024, 6, 1));
        PT_VERIFY_OK(later);
        QVERIFY(later->id != first->id);
        QCOMPARE(later->state, Job::State::Pending);

        // Another asset never shares a job.
        const RowId other = addAsset(store.db(), QStringLiteral("OTHR"));
        auto otherJob = jobs.enqueueBackfill(other, Yahoo, QDate(2024, 1, 1), QDate(2024, 3, 1));
        PT_VERIFY_OK(otherJob);
        QVERIFY(otherJob->id != first->id && otherJob->id != later->id);
    }

    void badBackfillsAreRefused()
    {
        test::TemporaryStore store;
        const JobRepository jobs(store.db());
        const RowId asset = addAsset(store.db(), QStringLiteral("ACME"));
        QVERIFY(!jobs.enqueueBackfill(asset, Yahoo, QDate(2024, 3, 1), QDate(2024, 1, 1)));
        QVERIFY(!jobs.enqueueBackfill(asset, QString(), QDate(2024, 1, 1), QDate(2024, 3, 1)));
        QVERIFY(!jobs.enqueueBackfill(0, Yahoo, QDate(2024, 1, 1), QDate(2024, 3, 1)));
        // asset_id REFERENCES asset: an unknown asset cannot be queued.
        QVERIFY(!jobs.enqueueBackfill(asset + 100, Yahoo, QDate(2024, 1, 1), QDate(2024, 3, 1)));
        QCOMPARE(jobs.list()->size(), size_t(0));
    }

    void refreshIsQueuedOncePerSource()
    {
        test::TemporaryStore store;
        const JobRepository jobs(store.db());
        auto first = jobs.enqueueRefresh(Yahoo);
        PT_VERIFY_OK(first);
        QCOMPARE(first->kind, Job::Kind::Refresh);
        QCOMPARE(first->assetId, RowId(0));
        QVERIFY(!first->rangeFrom.isValid());
        QCOMPARE(jobs.enqueueRefresh(Yahoo)->id, first->id);
        QVERIFY(jobs.enqueueRefresh(QStringLiteral("ecb"))->id != first->id);
        // A running refresh may have asked already: a new one is queued.
        PT_VERIFY_OK(jobs.claimNext(now()));
        QVERIFY(jobs.enqueueRefresh(Yahoo)->id != first->id);
    }

    void claimSkipsBusySourcesAndJobsNotDue()
    {
        test::TemporaryStore store;
        const JobRepository jobs(store.db());
        const auto yahoo = *jobs.enqueueRefresh(Yahoo);
        const auto ecb = *jobs.enqueueRefresh(QStringLiteral("ecb"));
        auto claimed = jobs.claimNext(now(), {Yahoo});
        PT_VERIFY_OK(claimed);
        QVERIFY(claimed->has_value());
        QCOMPARE((*claimed)->id, ecb.id);
        QCOMPARE((*claimed)->state, Job::State::Running);
        QCOMPARE((*claimed)->attempts, 1);
        QVERIFY(!jobs.claimNext(now(), {Yahoo})->has_value());
        // Not due before its creation time.
        QVERIFY(!jobs.claimNext(yahoo.nextAttemptAt - 1)->has_value());
        QCOMPARE((*jobs.claimNext(now()))->id, yahoo.id);
        QVERIFY(!jobs.claimNext(now())->has_value());
    }

    void claimIsAtomicAcrossThreads()
    {
        test::TemporaryStore store;
        const JobRepository jobs(store.db());
        constexpr int Jobs = 120;
        for (int i = 0; i < Jobs; ++i)
            PT_VERIFY_OK(jobs.enqueueRefresh(QStringLiteral("source%1").arg(i)));

        // Two threads, each with its own connection, claim as fast as they can.
        std::vector<RowId> claimedBy[2];
        std::atomic<int> errors{0};
        std::atomic<bool> go{false};
        std::vector<std::unique_ptr<QThread>> threads;
        for (auto &claimed : claimedBy) {
            threads.emplace_back(QThread::create([&store, &claimed, &errors, &go] {
                while (!go.load())
                    QThread::yieldCurrentThread();
                const JobRepository mine(store.db());
                while (true) {
                    auto next = mine.claimNext(now());
                    if (!next) {
                        ++errors;
                        qWarning() << next.error();
                        return;
                    }
                    if (!next->has_value())
                        return;
                    claimed.push_back((*next)->id);
                }
            }));
            threads.back()->start();
        }
        go = true;
        for (auto &thread : threads)
            QVERIFY(thread->wait(60'000));
        QCOMPARE(errors.load(), 0);

        std::set<RowId> all;
        for (const auto &claimed : claimedBy) {
            for (const RowId id : claimed)
                QVERIFY2(all.insert(id).second, qPrintable(QStringLiteral("job %1 was claimed twice").arg(id)));
        }
        QCOMPARE(int(all.size()), Jobs);
        const auto running = jobs.list({Job::State::Running});
        QCOMPARE(int(running->size()), Jobs);
        for (const Job &job : *running)
            QCOMPARE(job.attempts, 1);
    }

    void failureIsRetriedThenFinal()
    {
        test::TemporaryStore store;
        const JobRepository jobs(store.db());
        const RowId asset = addAsset(store.db(), QStringLiteral("ACME"));
        const Job job = *jobs.enqueueBackfill(asset, Yahoo, QDate(2024, 1, 1), QDate(2024, 2, 1));
        setMaxAttempts(store.db(), job.id, 2);

        const std::int64_t start = now();
        QCOMPARE((*jobs.claimNext(start))->id, job.id);
        PT_VERIFY_OK(jobs.markFailed(job.id, QStringLiteral("HTTP 503"), start + 60'000));
        auto retrying = jobs.find(job.id);
        QCOMPARE(retrying->state, Job::State::Pending);
        QCOMPARE(retrying->attempts, 1);
        QCOMPARE(retrying->nextAttemptAt, start + 60'000);
        QCOMPARE(retrying->lastError, QStringLiteral("HTTP 503"));
        QCOMPARE(retrying->finishedAt, std::int64_t(0));

        QVERIFY(!jobs.claimNext(start + 59'999)->has_value()); // backing off
        auto second = jobs.claimNext(start + 60'000);
        QCOMPARE((*second)->id, job.id);
        QCOMPARE((*second)->attempts, 2);
        PT_VERIFY_OK(jobs.markFailed(job.id, QStringLiteral("unknown symbol"), start + 120'000));
        auto failed = jobs.find(job.id);
        QCOMPARE(failed->state, Job::State::Failed);
        QCOMPARE(failed->lastError, QStringLiteral("unknown symbol"));
        QVERIFY(failed->finishedAt > 0);
        QVERIFY(!jobs.claimNext(start + 10'000'000)->has_value());
    }

    void doneAndProgress()
    {
        test::TemporaryStore store;
        const JobRepository jobs(store.db());
        const Job job = *jobs.enqueueRefresh(Yahoo);
        QVERIFY(!jobs.setProgress(job.id, 10)); // only a running job has progress
        PT_VERIFY_OK(jobs.claimNext(now()));
        PT_VERIFY_OK(jobs.setProgress(job.id, 40));
        QCOMPARE(jobs.find(job.id)->progress, 40);
        PT_VERIFY_OK(jobs.markDone(job.id, QStringLiteral("latest prices of 3 of 3 assets")));
        const auto done = jobs.find(job.id);
        QCOMPARE(done->state, Job::State::Done);
        QCOMPARE(done->progress, 100);
        QCOMPARE(done->log, QStringLiteral("latest prices of 3 of 3 assets"));
        QVERIFY(done->finishedAt > 0);
        QCOMPARE(jobs.list({Job::State::Done})->size(), size_t(1));
        QCOMPARE(jobs.list({Job::State::Pending})->size(), size_t(0));
    }

    void interruptedJobsResume()
    {
        test::TemporaryStore store;
        const JobRepository jobs(store.db());
        const Job a = *jobs.enqueueRefresh(Yahoo);
        const Job b = *jobs.enqueueRefresh(QStringLiteral("ecb"));
        PT_VERIFY_OK(jobs.claimNext(now()));
        PT_VERIFY_OK(jobs.claimNext(now()));
        // A crash leaves both running; the next start puts them back.
        auto resumed = jobs.resumeInterrupted();
        PT_VERIFY_OK(resumed);
        QCOMPARE(*resumed, 2);
        for (const RowId id : {a.id, b.id}) {
            const auto job = jobs.find(id);
            QCOMPARE(job->state, Job::State::Pending);
            QCOMPARE(job->attempts, 1); // the interrupted attempt counts
        }
        QCOMPARE(*jobs.resumeInterrupted(), 0);
        // A job stopped between steps goes back without the attempt counted.
        PT_VERIFY_OK(jobs.claimNext(now()));
        PT_VERIFY_OK(jobs.requeue(a.id));
        QCOMPARE(jobs.find(a.id)->attempts, 1);
        QCOMPARE(jobs.find(a.id)->state, Job::State::Pending);
    }

    void jobInterruptedInItsLastAttemptFails()
    {
        test::TemporaryStore store;
        const JobRepository jobs(store.db());
        const Job refresh = *jobs.enqueueRefresh(Yahoo);
        setMaxAttempts(store.db(), refresh.id, 1);
        PT_VERIFY_OK(jobs.claimNext(now()));
        PT_VERIFY_OK(jobs.resumeInterrupted());
        const auto job = jobs.find(refresh.id);
        QCOMPARE(job->state, Job::State::Failed);
        QCOMPARE(job->attempts, 1); // never more than the maximum
        QVERIFY2(job->lastError.contains(u"interrupted"), qPrintable(job->lastError));
        QVERIFY(!jobs.claimNext(now())->has_value());
    }

    void pruneRemovesOnlyOldDoneJobs()
    {
        test::TemporaryStore store;
        const JobRepository jobs(store.db());
        const Job done = *jobs.enqueueRefresh(Yahoo);
        PT_VERIFY_OK(jobs.claimNext(now()));
        PT_VERIFY_OK(jobs.markDone(done.id, {}));
        const Job pending = *jobs.enqueueRefresh(QStringLiteral("ecb"));
        const std::int64_t finished = jobs.find(done.id)->finishedAt;
        QCOMPARE(*jobs.pruneDone(finished), 0);
        QCOMPARE(*jobs.pruneDone(finished + 1), 1);
        QVERIFY(!jobs.find(done.id));
        QVERIFY(jobs.find(pending.id));
    }

    void enqueueJoinsTheCallersTransaction()
    {
        test::TemporaryStore store;
        const JobRepository jobs(store.db());
        const RowId asset = addAsset(store.db(), QStringLiteral("ACME"));
        // Rolled back with the caller: nothing queued.
        auto failed = store.db().inTransaction([&]() -> Result<void> {
            auto queued = jobs.enqueueBackfill(asset, Yahoo, QDate(2024, 1, 1), QDate(2024, 2, 1));
            if (!queued)
                return Error{queued.error()};
            return Error{QStringLiteral("a later step failed")};
        });
        QVERIFY(!failed);
        QCOMPARE(failed.error(), QStringLiteral("a later step failed"));
        QCOMPARE(jobs.list()->size(), size_t(0));
        // Committed with the caller.
        PT_VERIFY_OK(store.db().inTransaction([&]() -> Result<void> {
            auto queued = jobs.enqueueRefresh(Yahoo);
            return queued ? Result<void>() : Error{queued.error()};
        }));
        QCOMPARE(jobs.list()->size(), size_t(1));
    }

    void enqueueingNotifiesListeners()
    {
        test::TemporaryStore store;
        const JobRepository jobs(store.db());
        int calls = 0;
        const int handle = JobRepository::addEnqueueListener([&calls] { ++calls; });
        PT_VERIFY_OK(jobs.enqueueRefresh(Yahoo));
        QCOMPARE(calls, 1);
        JobRepository::removeEnqueueListener(handle);
        PT_VERIFY_OK(jobs.enqueueRefresh(QStringLiteral("ecb")));
        QCOMPARE(calls, 1);
    }
};

QTEST_GUILESS_MAIN(TestJobRepository)
#include "tst_jobrepository.moc"
