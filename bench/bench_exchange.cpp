// Moving a whole book between stores: copy-store (store::copyStore) and the
// JSON export/import (the backup format of a PostgreSQL store).
//
// Data: the large generated book (bench::generateLargeBook: 5 portfolios,
// 1,000 assets, 100,000 entries, 10 years of daily prices, about 2.6 million
// bars, seed 42), the same as `portfolio-cli generate --portfolios 5 --assets
// 1000 --transactions 100000 --years 10 --seed 42`, generated once.
//
//  * BM_CopyStoreSqliteToSqlite: every table into a fresh SQLite store, one
//    transaction, with the checks copyStore does (counts, derived books).
//  * BM_CopyStoreSqliteToPostgres: the same into a fresh PostgreSQL database;
//    runs when PT_BENCH_POSTGRES_URL names a server (e.g. the URL that
//    scripts/postgres-test-server prints), else it is skipped.
//  * BM_ExportJson: the whole book as one JSON document into a file.
//  * BM_ImportJson: that document read, checked (two passes over the file)
//    and imported into a fresh SQLite store.
#include "benchsupport.h"

#include "exchange/bookdocument.h"
#include "exchange/bookjson.h"
#include "store/storecopy.h"

#include <QFileInfo>
#include <QSaveFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <optional>

using namespace pt;

namespace {

// The large book, generated on first use and kept for every benchmark.
bench::ScratchStore &largeBook()
{
    static bench::ScratchStore *store = [] {
        auto *scratch = new bench::ScratchStore;
        bench::generateLargeBook(*scratch->database);
        return scratch;
    }();
    return *store;
}

std::optional<store::StoreLocation> postgresServer()
{
    const QString url = qEnvironmentVariable("PT_BENCH_POSTGRES_URL");
    if (url.isEmpty())
        return std::nullopt;
    auto location = store::StoreLocation::parse(url);
    if (!location || location->backend != store::Backend::PostgreSql)
        qFatal("PT_BENCH_POSTGRES_URL is not a postgresql:// URL");
    return *location;
}

// One statement on the server's maintenance database.
void onServer(const store::StoreLocation &server, const QString &sql)
{
    const QString name = QStringLiteral("bench-admin-") + QUuid::createUuid().toString(QUuid::Id128);
    {
        QSqlDatabase admin = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        admin.setHostName(server.postgres.host);
        admin.setPort(server.postgres.port);
        admin.setDatabaseName(server.postgres.database);
        admin.setUserName(server.postgres.user);
        if (!admin.open())
            qFatal("cannot connect to the benchmark server: %s", qPrintable(admin.lastError().text()));
        QSqlQuery query(admin);
        if (!query.exec(sql))
            qFatal("%s failed: %s", qPrintable(sql), qPrintable(query.lastError().text()));
    }
    QSqlDatabase::removeDatabase(name);
}

void reportRows(benchmark::State &state, const store::CopyReport &report)
{
    state.counters["rows"] = double(report.rows);
    state.counters["rows_per_s"] = benchmark::Counter(double(report.rows), benchmark::Counter::kIsIterationInvariantRate);
    state.counters["copy_s"] = double(report.copyMilliseconds) / 1000.0;
}

void BM_CopyStoreSqliteToSqlite(benchmark::State &state)
{
    const store::Database &source = *largeBook().database;
    for (auto _ : state) {
        state.PauseTiming();
        auto target = std::make_unique<bench::ScratchStore>();
        state.ResumeTiming();
        auto report = store::copyStore(source, *target->database);
        if (!report) {
            state.SkipWithError(qPrintable(report.error()));
            return;
        }
        state.PauseTiming();
        reportRows(state, *report);
        target.reset();
        state.ResumeTiming();
    }
}
BENCHMARK(BM_CopyStoreSqliteToSqlite)->Unit(benchmark::kMillisecond)->Iterations(2)->UseRealTime();

void BM_CopyStoreSqliteToPostgres(benchmark::State &state)
{
    const auto server = postgresServer();
    if (!server) {
        state.SkipWithError("PT_BENCH_POSTGRES_URL is not set");
        for (auto _ : state) {
        }
        return;
    }
    const store::Database &source = *largeBook().database;
    for (auto _ : state) {
        state.PauseTiming();
        store::StoreLocation location = *server;
        location.postgres.database = QStringLiteral("pt_bench_") + QUuid::createUuid().toString(QUuid::Id128).left(12);
        onServer(*server, QStringLiteral("CREATE DATABASE ") + location.postgres.database);
        auto target = store::Database::open(location);
        if (!target)
            qFatal("cannot open the benchmark database: %s", qPrintable(target.error()));
        state.ResumeTiming();
        auto report = store::copyStore(source, **target);
        state.PauseTiming();
        if (!report) {
            state.SkipWithError(qPrintable(report.error()));
            return;
        }
        reportRows(state, *report);
        target->reset();
        onServer(*server, QStringLiteral("DROP DATABASE %1 WITH (FORCE)").arg(location.postgres.database));
        state.ResumeTiming();
    }
}
BENCHMARK(BM_CopyStoreSqliteToPostgres)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();

// The document the import reads: written by the export benchmark, or here.
QString exportedDocument()
{
    static const QString path = largeBook().folder.filePath(QStringLiteral("book.json"));
    if (!QFileInfo::exists(path)) {
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || !exchange::exportBook(*largeBook().database, file) || !file.commit())
            qFatal("cannot export the book");
    }
    return path;
}

void BM_ExportJson(benchmark::State &state)
{
    const store::Database &source = *largeBook().database;
    const QString path = largeBook().folder.filePath(QStringLiteral("export.json"));
    for (auto _ : state) {
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly)) {
            state.SkipWithError("cannot write the document");
            return;
        }
        auto summary = exchange::exportBook(source, file);
        if (!summary || !file.commit()) {
            state.SkipWithError(summary ? "cannot write the document" : qPrintable(summary.error()));
            return;
        }
        state.PauseTiming();
        state.counters["bars"] = double(summary->counts.prices);
        state.counters["MiB"] = double(QFileInfo(path).size()) / (1024.0 * 1024.0);
        state.ResumeTiming();
    }
}
BENCHMARK(BM_ExportJson)->Unit(benchmark::kMillisecond)->Iterations(2)->UseRealTime();

void BM_ImportJson(benchmark::State &state)
{
    const QString path = exportedDocument();
    for (auto _ : state) {
        state.PauseTiming();
        auto target = std::make_unique<bench::ScratchStore>();
        state.ResumeTiming();
        auto document = exchange::BookDocument::read(path);
        if (!document) {
            state.SkipWithError(qPrintable(document.error()));
            return;
        }
        auto imported = exchange::importBook(*target->database, *document, exchange::ImportMode::Add);
        if (!imported) {
            state.SkipWithError(qPrintable(imported.error()));
            return;
        }
        state.PauseTiming();
        state.counters["bars"] = double(imported->written.prices);
        target.reset();
        state.ResumeTiming();
    }
}
BENCHMARK(BM_ImportJson)->Unit(benchmark::kMillisecond)->Iterations(2)->UseRealTime();

// Reading and checking the document alone (the first of the import's passes).
void BM_CheckJson(benchmark::State &state)
{
    const QString path = exportedDocument();
    for (auto _ : state) {
        auto document = exchange::BookDocument::read(path);
        if (!document) {
            state.SkipWithError(qPrintable(document.error()));
            return;
        }
    }
}
BENCHMARK(BM_CheckJson)->Unit(benchmark::kMillisecond)->Iterations(2)->UseRealTime();

} // namespace

PT_BENCHMARK_MAIN()
