// Backfills end to end: the JobRunner takes a queued job, the Yahoo provider
// asks a real HTTP server on loopback (answering in Yahoo's chart format), and
// the bars and corporate actions land in the store in one transaction. A
// provider error fails the job after its attempts with the error kept and
// nothing half-written; fetching a range twice changes nothing.

#include "fakehttpserver.h"
#include "testsupport.h"
#include "yahoochart.h"

#include "jobs/jobrunner.h"
#include "jobs/pricecache.h"
#include "marketdata/providerregistry.h"
#include "store/assetrepository.h"
#include "store/corporateactionrepository.h"
#include "store/database.h"
#include "store/jobrepository.h"
#include "store/pricerepository.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QSqlRecord>

using namespace pt;
using namespace pt::store;
using pt::jobs::JobRunner;

namespace {

marketdata::ProviderEndpoints endpointsAt(const QUrl &base)
{
    marketdata::ProviderEndpoints endpoints;
    endpoints.yahooChart = endpoints.yahooQuery = endpoints.yahooCookie = base;
    endpoints.coinGecko = endpoints.binance = endpoints.ecb = base;
    return endpoints;
}

QString canonical(const QString &decimal)
{
    return Decimal::parse(decimal)->toString();
}

// Every price and action row as text, fetched_at included: what "changes
// nothing" compares.
QStringList snapshot(const Database &db)
{
    QStringList rows;
    QSqlQuery query(db.connection());
    for (const char *sql : {"SELECT price_key, open, high, low, close, adjusted_close, volume, source, fetched_at "
                            "FROM daily_price ORDER BY price_key",
                            "SELECT asset_id, day, kind, split_numerator, split_denominator, amount, source, "
                            "fetched_at FROM corporate_action ORDER BY asset_id, day, kind"}) {
        if (!query.exec(QString::fromLatin1(sql)))
            qFatal("snapshot failed");
        while (query.next()) {
            QStringList cells;
            for (int i = 0; i < query.record().count(); ++i)
                cells << query.value(i).toString();
            rows << cells.join(u'|');
        }
    }
    return rows;
}

} // namespace

class TestBackfill : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TemporaryStore> m_store;
    std::unique_ptr<test::FakeHttpServer> m_server;
    std::unique_ptr<marketdata::ProviderRegistry> m_providers;
    test::ChartSeries m_series;

    Asset addAsset(const QString &symbol) const
    {
        Asset asset;
        asset.symbol = symbol;
        asset.name = symbol + QStringLiteral(" Corp");
        asset.currency = QStringLiteral("USD");
        asset.dataSource = QStringLiteral("yahoo");
        return *AssetRepository(m_store->db()).add(asset);
    }

    std::unique_ptr<JobRunner> makeRunner() const
    {
        auto runner = std::make_unique<JobRunner>(m_store->database, *m_providers);
        runner->setRetryBackoff(std::chrono::milliseconds(20), std::chrono::milliseconds(50));
        runner->setPollInterval(std::chrono::milliseconds(20));
        return runner;
    }

    // Runs the queue until the job reaches `state`.
    bool runUntil(RowId jobId, Job::State state, int timeoutMs = 60'000) const
    {
        auto runner = makeRunner();
        if (!runner->start())
            return false;
        const JobRepository jobs(m_store->db());
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < timeoutMs) {
            QTest::qWait(20);
            if (jobs.find(jobId)->state == state && runner->isIdle())
                return true;
        }
        qWarning() << "job" << jobId << "is" << toKey(jobs.find(jobId)->state) << jobs.find(jobId)->lastError;
        return false;
    }

private Q_SLOTS:
    void init()
    {
        m_store = std::make_unique<test::TemporaryStore>();
        m_server = std::make_unique<test::FakeHttpServer>();
        QVERIFY(m_server->listen());
        m_providers = std::make_unique<marketdata::ProviderRegistry>(endpointsAt(m_server->baseUrl()));
        m_series = {QStringLiteral("ACME"), QDate(2023, 1, 2), QDate(2024, 6, 28), QDate(2023, 8, 14),
                    QDate(2024, 2, 9)};
        test::serveYahoo(*m_server, {m_series});
    }

    void cleanup()
    {
        m_providers.reset();
        m_server.reset();
        m_store.reset();
    }

    void storesPricesAndActionsThenMarksTheJobDone()
    {
        const Asset acme = addAsset(m_series.symbol);
        const QDate from(2023, 3, 1), to(2024, 5, 31);
        const Job job = *JobRepository(m_store->db()).enqueueBackfill(acme.id, QStringLiteral("yahoo"), from, to);

        auto runner = makeRunner();
        QSignalSpy started(runner.get(), &JobRunner::jobStarted);
        QSignalSpy progress(runner.get(), &JobRunner::jobProgress);
        QSignalSpy finished(runner.get(), &JobRunner::jobFinished);
        QSignalSpy idle(runner.get(), &JobRunner::idle);
        QVERIFY(runner->start());
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60'000);
        QTRY_VERIFY(idle.size() >= 1);
        QCOMPARE(started.size(), 1);
        const auto done = finished.first().first().value<Job>();
        QCOMPARE(done.id, job.id);
        QCOMPARE(done.state, Job::State::Done);
        QCOMPARE(done.progress, 100);
        QVERIFY2(done.log.contains(QStringLiteral("stored")), qPrintable(done.log));
        // Two requests (the range is over a year): progress moved before the end.
        QVERIFY(progress.size() >= 2);
        QCOMPARE(m_server->requestCount("/v8/finance/chart/ACME"), 2);

        const auto bars = *PriceRepository(m_store->db()).list(acme.id);
        const auto expected = m_series.days(from, to);
        QCOMPARE(bars.size(), expected.size());
        for (std::size_t i = 0; i < bars.size(); ++i) {
            QCOMPARE(bars[i].date, expected[i]);
            QCOMPARE(bars[i].close.toString(), canonical(m_series.close(expected[i])));
        }
        QVERIFY(bars.front().volume.isPositive());

        const auto actions = *CorporateActionRepository(m_store->db()).list(acme.id);
        QCOMPARE(actions.size(), size_t(2));
        QCOMPARE(actions[0].date, m_series.splitDay);
        QCOMPARE(actions[0].kind, marketdata::CorporateAction::Kind::Split);
        QCOMPARE(actions[0].numerator.toString(), QStringLiteral("4"));
        QCOMPARE(actions[0].denominator.toString(), QStringLiteral("1"));
        QCOMPARE(actions[1].date, m_series.dividendDay);
        QCOMPARE(actions[1].kind, marketdata::CorporateAction::Kind::Dividend);
        QCOMPARE(actions[1].amount.toString(), QStringLiteral("0.24"));
    }

    void fetchingTheSameRangeTwiceChangesNothing()
    {
        const Asset acme = addAsset(m_series.symbol);
        const JobRepository jobs(m_store->db());
        const QDate from(2023, 6, 1), to(2024, 3, 1);
        const Job first = *jobs.enqueueBackfill(acme.id, QStringLiteral("yahoo"), from, to);
        QVERIFY(runUntil(first.id, Job::State::Done));
        const QStringList before = snapshot(m_store->db());
        QVERIFY(!before.isEmpty());

        const Job second = *jobs.enqueueBackfill(acme.id, QStringLiteral("yahoo"), from, to);
        QVERIFY(second.id != first.id);
        QVERIFY(runUntil(second.id, Job::State::Done));
        QCOMPARE(snapshot(m_store->db()), before);
    }

    void aProviderErrorFailsTheJobAfterItsAttemptsWithNothingWritten()
    {
        // The first request answers; the second is refused. Nothing of the
        // first may be kept: the job stores all of its range or none.
        const Asset acme = addAsset(m_series.symbol);
        const qint64 secondYear = QDateTime(QDate(2023, 9, 1), QTime(0, 0), Qt::UTC).toSecsSinceEpoch();
        const test::ChartSeries series = m_series;
        m_server->on("/v8/finance/chart/", [series, secondYear](const test::RecordedRequest &request) {
            const auto [period1, period2] = test::chartPeriod(request.url);
            if (period1 >= secondYear)
                return test::FakeReply::json(test::chartError(QStringLiteral("Bad Request"),
                                                              QStringLiteral("Data doesn't exist for startDate")),
                                             400);
            return test::FakeReply::json(series.chartJson(period1, period2));
        });
        const JobRepository jobs(m_store->db());
        const Job job = *jobs.enqueueBackfill(acme.id, QStringLiteral("yahoo"), QDate(2023, 3, 1), QDate(2024, 5, 31));
        QSqlQuery query(m_store->db().connection());
        QVERIFY(query.exec(QStringLiteral("UPDATE job SET max_attempts = 2 WHERE id = %1").arg(job.id)));

        QVERIFY(runUntil(job.id, Job::State::Failed));
        const Job failed = *jobs.find(job.id);
        QCOMPARE(failed.attempts, 2);
        QVERIFY2(failed.lastError.contains(QStringLiteral("Data doesn't exist for startDate")),
                 qPrintable(failed.lastError));
        QVERIFY(failed.lastError.contains(QStringLiteral("ACME")));
        QVERIFY(failed.finishedAt > 0);
        QCOMPARE(*PriceRepository(m_store->db()).count(acme.id), std::int64_t(0));
        QCOMPARE(CorporateActionRepository(m_store->db()).list(acme.id)->size(), size_t(0));
        // Each attempt asked for both parts.
        QCOMPARE(m_server->requestCount("/v8/finance/chart/ACME"), 4);
    }

    void anUnknownSymbolFailsWithYahoosWord()
    {
        const Asset unknown = addAsset(QStringLiteral("NOPE"));
        const JobRepository jobs(m_store->db());
        const Job job =
            *jobs.enqueueBackfill(unknown.id, QStringLiteral("yahoo"), QDate(2024, 1, 2), QDate(2024, 2, 1));
        QSqlQuery query(m_store->db().connection());
        QVERIFY(query.exec(QStringLiteral("UPDATE job SET max_attempts = 1 WHERE id = %1").arg(job.id)));
        QVERIFY(runUntil(job.id, Job::State::Failed));
        QVERIFY2(jobs.find(job.id)->lastError.contains(QStringLiteral("unknown symbol")),
                 qPrintable(jobs.find(job.id)->lastError));
    }

    void refreshStoresLatestPricesAndCachesThem()
    {
        Asset acme = addAsset(m_series.symbol);
        acme.tracked = true;
        PT_VERIFY_OK(AssetRepository(m_store->db()).update(acme));
        const Job job = *JobRepository(m_store->db()).enqueueRefresh(QStringLiteral("yahoo"));
        auto runner = makeRunner();
        QVERIFY(runner->start());
        const JobRepository jobs(m_store->db());
        QTRY_COMPARE_WITH_TIMEOUT(jobs.find(job.id)->state, Job::State::Done, 60'000);
        const QDate last = m_series.days().back();
        const auto bars = *PriceRepository(m_store->db()).list(acme.id);
        QCOMPARE(bars.size(), size_t(1));
        QCOMPARE(bars[0].date, last);
        QCOMPARE(bars[0].close.toString(), canonical(m_series.close(last)));
        const auto cached = runner->priceCache()->get(acme.id);
        QVERIFY(cached);
        QCOMPARE(cached->price.toString(), canonical(m_series.close(last)));
    }

    void oneRunnerPerStore()
    {
        // A second runner would resume (and so run twice) the first one's jobs.
        auto first = makeRunner();
        QVERIFY(first->start());
        auto second = makeRunner();
        QVERIFY(!second->start());
        first.reset();
        QVERIFY(second->start());
    }

    void oneRunnerPerStoreUntilItStops()
    {
        // The second runner opens the store again, as another process would:
        // on PostgreSQL the lock is the server's, not this process's.
        auto reopened = m_store->reopen();
        PT_VERIFY_OK(reopened);
        auto first = makeRunner();
        QSignalSpy stopped(first.get(), &JobRunner::stopped);
        QVERIFY(first->start());
        JobRunner second(*reopened, *m_providers);
        QVERIFY(!second.start());
        QVERIFY(!second.start()); // refusing leaves nothing behind to trip over

        first->stop();
        QTRY_COMPARE(stopped.size(), 1);
        QVERIFY(second.start());
        QVERIFY(!first->start()); // now the second one holds it
        second.stop();
        QVERIFY(first->start()); // a stopped runner runs the queue again
    }

    void stopWaitsAndRequeuesUnfinishedJobs()
    {
        // Slow answers, so the stop lands between two requests.
        const Asset acme = addAsset(m_series.symbol);
        test::serveYahoo(*m_server, {m_series}, 400);
        const JobRepository jobs(m_store->db());
        const Job job = *jobs.enqueueBackfill(acme.id, QStringLiteral("yahoo"), QDate(2023, 1, 2), QDate(2024, 6, 1));
        auto runner = makeRunner();
        QSignalSpy started(runner.get(), &JobRunner::jobStarted);
        QSignalSpy stopped(runner.get(), &JobRunner::stopped);
        QVERIFY(runner->start());
        QTRY_COMPARE_WITH_TIMEOUT(started.size(), 1, 10'000);
        runner->stop();
        QTRY_COMPARE_WITH_TIMEOUT(stopped.size(), 1, 30'000);
        QVERIFY(runner->isIdle());
        const Job after = *jobs.find(job.id);
        QCOMPARE(after.state, Job::State::Pending);
        QCOMPARE(after.attempts, 0);
        QCOMPARE(*PriceRepository(m_store->db()).count(acme.id), std::int64_t(0));
    }
};

QTEST_GUILESS_MAIN(TestBackfill)
#include "tst_backfill.moc"
