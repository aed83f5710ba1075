// Importing transactions from CSV (C8).
//
// Data: a generated file in the generic layout (what `export transactions`
// writes): one deposit, then buys, sells and dividends of 200 assets over ten
// years, in date order, each sell of units held; UTF-8, about 47 bytes a row.
//
//  * BM_Import100k: 100,000 rows read, checked, replayed once with the book
//    and written in one transaction into a fresh SQLite store (WAL,
//    synchronous=FULL), from the file on disk. Target: at most 2 s.
//  * BM_Preview1M: a 1,000,000-row file previewed (every row parsed, checked
//    against the catalog and matched against the portfolio's entries; only
//    counts, the first rows and the first issues kept). Memory must not grow
//    with the file: run it alone under /usr/bin/time -v to read the peak RSS,
//      /usr/bin/time -v build/bench/bench/bench_import --benchmark_filter=Preview1M
//  * BM_Import1M: the same file imported (the parsed entries are kept for
//    the one replay and the write; the raw text is not).
// Each reports rows/s and the process's peak RSS so far (peak_rss_mb).
#include "benchsupport.h"

#include "io/csvexport.h"
#include "io/csvwriter.h"
#include "io/importcommit.h"
#include "io/importpresets.h"
#include "io/transactionimport.h"
#include "store/assetrepository.h"
#include "store/portfoliorepository.h"

#include <QElapsedTimer>
#include <QFile>

#include <sys/resource.h>

using namespace pt;

namespace {

constexpr int AssetCount = 200;

double peakRssMb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0; // kilobytes on Linux
}

// A portfolio and the catalog the generated rows name.
struct ImportStore
{
    bench::ScratchStore scratch;
    Portfolio portfolio;

    ImportStore()
    {
        Portfolio p;
        p.name = QStringLiteral("Imported");
        auto added = store::PortfolioRepository(*scratch.database).add(p);
        if (!added)
            qFatal("%s", qPrintable(added.error()));
        portfolio = *added;
        std::vector<Asset> assets;
        for (int i = 0; i < AssetCount; ++i) {
            Asset asset;
            asset.symbol = QStringLiteral("IMP%1").arg(i);
            asset.name = QStringLiteral("Synthetic import asset %1").arg(i);
            asset.currency = QStringLiteral("EUR");
            asset.synthetic = true;
            assets.push_back(asset);
        }
        if (auto stored = store::AssetRepository(*scratch.database).addMany(assets); !stored)
            qFatal("%s", qPrintable(stored.error()));
    }
};

// Writes `rows` entries (the first a deposit) to `path` in the generic layout.
// Every asset is bought four times before each sell of one lot, so no sell
// ever exceeds what is held.
void writeCsv(const QString &path, qint64 rows)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    io::CsvWriter writer(&file);
    writer.writeRecord(io::transactionExportHeader());
    const QDate first(2015, 1, 2);
    const qint64 perDay = std::max<qint64>(1, rows / 3650);
    writer.writeRecord({first.toString(Qt::ISODate), QStringLiteral("deposit"), {}, {}, {}, {},
                        QStringLiteral("100000000"), {}, QStringLiteral("EUR"), {}, QStringLiteral("opening"), {}, {}});
    for (qint64 i = 1; i < rows; ++i) {
        const int asset = int(i % AssetCount);
        const qint64 round = i / AssetCount; // how many entries this asset had before
        const QString date = first.addDays(1 + i / perDay).toString(Qt::ISODate);
        const QString symbol = QStringLiteral("IMP%1").arg(asset);
        const QString price = QStringLiteral("%1.%2").arg(50 + (i * 7) % 400).arg((i * 13) % 100, 2, 10, QChar(u'0'));
        if (round % 10 == 9) {
            writer.writeRecord({date, QStringLiteral("dividend"), symbol, {}, {}, {},
                                QStringLiteral("%1.25").arg(1 + i % 90), QStringLiteral("0"), QStringLiteral("EUR"),
                                {}, {}, {}, {}});
        } else if (round % 5 == 4) {
            writer.writeRecord({date, QStringLiteral("sell"), symbol, {}, QStringLiteral("3"), price, {},
                                QStringLiteral("1.5"), QStringLiteral("EUR"), {}, {}, {}, {}});
        } else {
            writer.writeRecord({date, QStringLiteral("buy"), symbol, {}, QStringLiteral("4.5"), price, {},
                                QStringLiteral("1.5"), QStringLiteral("EUR"), {}, {}, {}, {}});
        }
    }
    if (!writer.flush())
        qFatal("cannot write %s: %s", qPrintable(path), qPrintable(writer.errorString()));
}

io::ImportPreview preview(const ImportStore &target, const QString &path, bool keep)
{
    auto loaded = io::ImportTarget::load(*target.scratch.database, target.portfolio.id);
    if (!loaded)
        qFatal("%s", qPrintable(loaded.error()));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    io::ImportPreviewOptions options;
    options.keepTransactions = keep;
    return io::previewImport(file, io::findImportPreset(u"generic")->mapping, *loaded, options);
}

void import(benchmark::State &state, qint64 rows)
{
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("import.csv"));
    writeCsv(path, rows);
    double parseMs = 0;
    double commitMs = 0;
    for (auto _ : state) {
        state.PauseTiming();
        auto target = std::make_unique<ImportStore>();
        state.ResumeTiming();

        QElapsedTimer phase;
        phase.start();
        io::ImportPreview parsed = preview(*target, path, true);
        parseMs += phase.restart();
        if (!parsed.ok()) {
            state.SkipWithError(qPrintable(parsed.issueLines(5).join(u'\n')));
            break;
        }
        auto outcome = io::commitImport(*target->scratch.database, target->portfolio.id,
                                        std::move(parsed.transactions), parsed.transactionRows);
        if (!outcome) {
            state.SkipWithError(qPrintable(outcome.error()));
            break;
        }
        if (outcome->added != rows)
            state.SkipWithError("not every row was imported");
        commitMs += phase.elapsed();

        state.PauseTiming(); // the store's removal is not the import's
        target.reset();
        state.ResumeTiming();
    }
    state.counters["rows"] = double(rows);
    state.counters["rows_per_s"] = benchmark::Counter(double(rows), benchmark::Counter::kIsIterationInvariantRate);
    // Where the time goes: reading and checking the file, then the commit
    // (the replay of the book and the write).
    state.counters["read_ms"] = benchmark::Counter(parseMs, benchmark::Counter::kAvgIterations);
    state.counters["commit_ms"] = benchmark::Counter(commitMs, benchmark::Counter::kAvgIterations);
    state.counters["peak_rss_mb"] = peakRssMb();
}

void BM_Import100k(benchmark::State &state)
{
    import(state, 100'000);
}
BENCHMARK(BM_Import100k)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

void BM_Preview1M(benchmark::State &state)
{
    constexpr qint64 Rows = 1'000'000;
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("preview.csv"));
    writeCsv(path, Rows);
    const ImportStore target;
    for (auto _ : state) {
        const io::ImportPreview parsed = preview(target, path, false);
        if (!parsed.ok() || parsed.rows != Rows)
            state.SkipWithError("the preview did not read every row");
        benchmark::DoNotOptimize(parsed.newRows);
    }
    state.counters["rows"] = double(Rows);
    state.counters["file_mb"] = double(QFile(path).size()) / (1024.0 * 1024.0);
    state.counters["rows_per_s"] = benchmark::Counter(double(Rows), benchmark::Counter::kIsIterationInvariantRate);
    state.counters["peak_rss_mb"] = peakRssMb();
}
BENCHMARK(BM_Preview1M)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();

void BM_Import1M(benchmark::State &state)
{
    import(state, 1'000'000);
}
BENCHMARK(BM_Import1M)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();

} // namespace

PT_BENCHMARK_MAIN()
