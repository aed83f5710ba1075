// Backfilling 200 assets x 10 years of daily bars through the whole stack: the
// persistent job queue, the JobRunner on its QThreadPool, the HttpClient with
// its token bucket, the Yahoo parser and validator, and the store. A loopback
// server answers in Yahoo's chart format (about 2,600 bars per asset, 520,000
// in all) and counts what it receives.
//
// Reported: wall time, requests per second, bars per second, and the largest
// number of requests the server saw in any one-second window next to the
// policy's limit (rate + burst) — the limiter is working when it is not above.
// The argument is the Yahoo rate in requests per second: 2 is the shipped
// default (gentle, for an unofficial API); 50 and 1000 show the limiter holding a
// higher rate and what the pipeline itself can do.
#include "benchsupport.h"

#include "fakehttpserver.h"
#include "yahoochart.h"

#include "jobs/jobrunner.h"
#include "marketdata/providerregistry.h"
#include "marketdata/sourcepolicies.h"
#include "store/assetrepository.h"
#include "store/jobrepository.h"
#include "store/pricerepository.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

using namespace pt;

namespace {

constexpr int AssetCount = 200;
const QDate FirstDay(2014, 1, 2);
const QDate LastDay(2023, 12, 29);

void BM_Backfill(benchmark::State &state)
{
    const int rate = int(state.range(0));
    qputenv("PT_YAHOO_RATE", QByteArray::number(rate));
    for (auto _ : state) {
        state.PauseTiming();
        test::FakeHttpServer server;
        if (!server.listen()) {
            state.SkipWithError("cannot listen on loopback");
            return;
        }
        std::vector<test::ChartSeries> series;
        for (int i = 0; i < AssetCount; ++i) {
            test::ChartSeries listing;
            listing.symbol = QStringLiteral("BENCH%1").arg(i);
            listing.first = FirstDay;
            listing.last = LastDay;
            listing.startCents = 1'000 + 37 * i;
            series.push_back(listing);
        }
        test::serveYahoo(server, series);
        qputenv("PT_YAHOO_URL", server.baseUrl().toString().toUtf8());

        bench::ScratchStore scratch;
        std::vector<Asset> assets;
        for (const auto &listing : series) {
            Asset asset;
            asset.symbol = listing.symbol;
            asset.name = QStringLiteral("Benchmark listing ") + listing.symbol;
            asset.currency = QStringLiteral("USD");
            asset.dataSource = QStringLiteral("yahoo");
            asset.sourceId = listing.symbol;
            asset.tracked = true;
            assets.push_back(asset);
        }
        if (!store::AssetRepository(*scratch.database).addMany(assets)) {
            state.SkipWithError("cannot add the assets");
            return;
        }
        const store::JobRepository jobs(*scratch.database);
        for (const Asset &asset : assets) {
            if (!jobs.enqueueBackfill(asset.id, asset.dataSource, FirstDay, LastDay)) {
                state.SkipWithError("cannot queue a backfill");
                return;
            }
        }
        marketdata::ProviderRegistry providers;
        jobs::JobRunner runner(scratch.database, providers);
        QEventLoop loop;
        QObject::connect(&runner, &jobs::JobRunner::idle, &loop, &QEventLoop::quit);
        state.ResumeTiming();

        QElapsedTimer clock;
        clock.start();
        runner.start();
        loop.exec();
        const double seconds = double(clock.elapsed()) / 1000.0;

        state.PauseTiming();
        runner.stop();
        const auto failed = jobs.list({store::Job::State::Failed, store::Job::State::Pending});
        const int requests = server.requestCount(QByteArrayLiteral("/v8/finance/chart/"));
        const auto policy = marketdata::defaultPolicy(QStringLiteral("yahoo"));
        state.counters["requests"] = requests;
        state.counters["requests_per_s"] = requests / seconds;
        state.counters["bars_per_s"] = double(*store::PriceRepository(*scratch.database).count()) / seconds;
        state.counters["max_req_in_1s"] = server.maxRequestsInWindow(QByteArrayLiteral("/v8/finance/chart/"), 1000);
        state.counters["limit_in_1s"] = policy.requestsPerSecond + policy.burst;
        state.counters["unfinished_jobs"] = failed ? double(failed->size()) : -1;
        state.ResumeTiming();
    }
}
BENCHMARK(BM_Backfill)->Arg(2)->Arg(50)->Arg(1000)->Unit(benchmark::kSecond)->Iterations(1)->UseRealTime();

} // namespace

PT_BENCHMARK_MAIN()
