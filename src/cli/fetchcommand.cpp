#include "fetchcommand.h"

#include "commandline.h"
#include "context.h"
#include "jobprogress.h"
#include "offline.h"
#include "stopsignals.h"

#include "jobs/exchangerates.h"
#include "jobs/jobrunner.h"
#include "marketdata/httpclient.h"
#include "marketdata/providerregistry.h"
#include "store/assetrepository.h"
#include "store/database.h"
#include "store/jobrepository.h"
#include "store/sqlrows.h"

#include <QCoreApplication>
#include <QSqlQuery>

namespace pt::cli {

namespace {

const QString AssetOption = QStringLiteral("asset");
const QString BackfillOption = QStringLiteral("backfill");
const QString RatesOption = QStringLiteral("rates");

// One year before the asset's first entry (or before today, with none), as a
// first buy would have asked for (C4).
Result<QDate> backfillStart(const store::Database &database, RowId assetId, QDate today)
{
    QSqlQuery query(database.connection());
    query.prepare(QStringLiteral("SELECT MIN(trade_date) FROM ledger_transaction WHERE asset_id = ? AND deleted = 0"));
    query.addBindValue(qlonglong(assetId));
    if (auto done = store::execute(query, QStringLiteral("Reading the asset's first entry")); !done)
        return Error{done.error()};
    const QDate first = query.next() ? store::dateFrom(query.value(0)) : QDate();
    return (first.isValid() ? std::min(first, today) : today).addYears(-1);
}

// What `fetch` adds to the queue before it runs it.
Result<int> enqueue(const store::Database &database, const std::vector<Asset> &assets, bool backfill)
{
    const store::JobRepository jobs(database);
    const QDate today = QDate::currentDate();
    int queued = 0;
    for (const Asset &asset : assets) {
        if (backfill) {
            auto from = backfillStart(database, asset.id, today);
            if (!from)
                return Error{from.error()};
            auto job = jobs.enqueueBackfill(asset.id, asset.dataSource, *from, today);
            if (!job)
                return Error{job.error()};
        } else {
            auto job = jobs.enqueueRefresh(asset.dataSource);
            if (!job)
                return Error{job.error()};
        }
        ++queued;
    }
    return queued;
}

Result<Asset> fetchableAsset(const store::Database &database, const marketdata::ProviderRegistry &providers,
                             const QString &reference, bool backfill)
{
    auto asset = store::AssetRepository(database).findByReference(reference);
    if (!asset)
        return Error{u"--asset: " + asset.error()};
    if (asset->synthetic)
        return Error{QStringLiteral("--asset: %1 is synthetic (made by 'generate'); it has no market data")
                         .arg(asset->symbol)};
    if (asset->dataSource.isEmpty())
        return Error{QStringLiteral("--asset: %1 has no data source; set one with 'asset edit --source'")
                         .arg(asset->symbol)};
    if (!providers.provider(asset->dataSource))
        return Error{QStringLiteral("--asset: %1's data source '%2' is not one of %3")
                         .arg(asset->symbol, asset->dataSource, providers.keys().join(QStringLiteral(", ")))};
    // A refresh covers the tracked assets of a source, so an untracked one
    // would silently be left out.
    if (!backfill && !asset->tracked)
        return Error{QStringLiteral("--asset: %1 is not tracked (no portfolio holds it); use --backfill to fetch "
                                    "its history")
                         .arg(asset->symbol)};
    return asset;
}

} // namespace

int runFetchCommand(Context &context, const QStringList &arguments)
{
    CommandLine commandLine(
        QStringLiteral("fetch"),
        QStringLiteral("Fetches market data now: queues a refresh of the latest prices (or, with --backfill, a "
                       "backfill of the daily history from one year before the first entry to today) for one "
                       "asset or every tracked asset, then runs the job queue in the foreground until nothing "
                       "is left to do, printing progress lines. A refresh of everything (and --rates) also brings "
                       "the ECB exchange rates the book needs up to date. Jobs left over by an earlier run that was "
                       "interrupted are resumed. Failed jobs stay queued and are retried later. Exit status 3 "
                       "when a source cannot be reached (offline)."));
    commandLine.addValueOption(AssetOption, QStringLiteral("Only this asset (symbol or UUID)."), QStringLiteral("ref"));
    commandLine.addFlag(BackfillOption, QStringLiteral("Fetch the daily history instead of the latest prices."));
    commandLine.addFlag(RatesOption, QStringLiteral("Only the exchange rates the book needs (from the ECB)."));
    if (auto done = commandLine.parse(context, arguments))
        return *done;
    const bool backfill = commandLine.isSet(BackfillOption);
    const bool ratesOnly = commandLine.isSet(RatesOption);
    if (ratesOnly && (backfill || commandLine.isSet(AssetOption)))
        return context.badInput(QStringLiteral("--rates: fetches exchange rates only; leave out --asset and --backfill"));

    auto database = context.sharedDatabase();
    if (!database)
        return context.failure(database.error());
    const store::Database &db = **database;
    marketdata::ProviderRegistry providers;

    std::vector<Asset> assets;
    if (ratesOnly) {
        // No assets: the exchange rates below only.
    } else if (commandLine.isSet(AssetOption)) {
        auto asset = fetchableAsset(db, providers, commandLine.value(AssetOption), backfill);
        if (!asset)
            return context.badInput(asset.error());
        assets.push_back(*asset);
    } else {
        auto all = store::AssetRepository(db).list();
        if (!all)
            return context.failure(all.error());
        for (const Asset &asset : *all) {
            if (asset.tracked && !asset.synthetic && providers.provider(asset.dataSource))
                assets.push_back(asset);
        }
    }
    auto queued = enqueue(db, assets, backfill);
    if (!queued)
        return context.failure(queued.error());
    if (!backfill && !commandLine.isSet(AssetOption)) {
        auto needs = jobs::rateNeeds(db);
        if (!needs)
            return context.failure(needs.error());
        if (!needs->isEmpty()) {
            if (auto job = store::JobRepository(db).enqueueRefresh(QStringLiteral("ecb")); !job)
                return context.failure(job.error());
        } else if (ratesOnly) {
            context.out() << "No exchange rates needed: the book is in euros only." << Qt::endl;
        }
    }
    if (assets.empty() && !commandLine.isSet(AssetOption) && !ratesOnly)
        context.out() << "No tracked assets; running what is already queued." << Qt::endl;

    jobs::JobRunner runner(*database, providers);
    JobProgress progress(runner, db, context.out());
    StopSignals stopSignals;
    bool interrupted = false;
    QObject::connect(&runner, &jobs::JobRunner::idle, qApp, &QCoreApplication::quit);
    QObject::connect(&runner, &jobs::JobRunner::stopped, qApp, &QCoreApplication::quit);
    QObject::connect(&stopSignals, &StopSignals::stopRequested, &runner, [&] {
        interrupted = true;
        context.out() << "Stopping after the current steps..." << Qt::endl;
        runner.stop();
    });
    if (!runner.start())
        return context.failure(QStringLiteral("another Portfolio Tracker process is running the job queue of %1; "
                                              "try again when it has finished")
                                   .arg(db.location()));
    QCoreApplication::exec();

    const JobProgress::Totals &totals = progress.totals();
    if (interrupted)
        return context.failure(QStringLiteral("interrupted; unfinished jobs stay queued"));
    if (!providers.http().isOnline() && (totals.retrying > 0 || totals.failed > 0))
        return reportOffline(context, totals.lastFailure.source, totals.lastFailure.lastError);
    if (totals.retrying > 0 || totals.failed > 0)
        return context.failure(QStringLiteral("%1 of %2 jobs failed (see 'portfolio-cli jobs')")
                                   .arg(totals.retrying + totals.failed)
                                   .arg(totals.retrying + totals.failed + totals.done));
    context.out() << totals.done << (totals.done == 1 ? " job" : " jobs") << " done." << Qt::endl;
    return ExitSuccess;
}

} // namespace pt::cli
