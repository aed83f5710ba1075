#pragma once

#include "generator/bookgenerator.h"
#include "store/database.h"

#include <QCoreApplication>

#include <QTemporaryDir>

#include <benchmark/benchmark.h>

#include <memory>

namespace pt::bench {

// A fresh SQLite store in a temporary folder on the same disk as the build.
struct ScratchStore
{
    QTemporaryDir folder;
    std::shared_ptr<store::Database> database;

    ScratchStore()
    {
        auto opened = store::Database::openSqlite(folder.filePath(QStringLiteral("bench.sqlite")));
        if (!opened)
            qFatal("cannot open the benchmark store: %s", qPrintable(opened.error()));
        database = std::move(opened).value();
    }
};

// The large book the ledger and valuation targets are stated for: 5 portfolios,
// 1,000 assets, 100,000 entries, 10 years of daily prices (about 2.6 million),
// seed 42. Generating it takes several seconds; call it once per benchmark run.
inline GeneratorReport generateLargeBook(const store::Database &database)
{
    GeneratorOptions options;
    options.portfolios = 5;
    options.assets = 1000;
    options.transactions = 100'000;
    options.years = 10;
    options.seed = 42;
    auto report = BookGenerator(database).generate(options);
    if (!report)
        qFatal("cannot generate the book: %s", qPrintable(report.error()));
    return *report;
}

} // namespace pt::bench

// main() of a benchmark executable: Qt's core application (for the SQL driver and
// the event loop some benchmarks run) around Google Benchmark.
#define PT_BENCHMARK_MAIN()                                                                        \
    int main(int argc, char **argv)                                                                \
    {                                                                                              \
        QCoreApplication app(argc, argv);                                                          \
        benchmark::Initialize(&argc, argv);                                                        \
        benchmark::RunSpecifiedBenchmarks();                                                       \
        benchmark::Shutdown();                                                                     \
        return 0;                                                                                  \
    }
