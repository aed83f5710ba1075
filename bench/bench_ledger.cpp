// Deriving every holding of a large book.
//
// Data: a generated book of 5 portfolios, 1,000 assets and 100,000 ledger
// entries over 10 years (seed 42), written once into a scratch SQLite store.
// BM_ReplayLoadedBook replays all entries into books (positions with lots,
// cost basis, realized gains, cash) with the entries already in memory:
// target 20 ms. BM_LoadWholeBook only reads the portfolios, assets and entries
// from the store; BM_LoadAndReplayBook reads and replays.
#include "benchsupport.h"

#include "ledger/ledger.h"
#include "ledger/ledgerservice.h"
#include "store/bookloader.h"


using namespace pt;

namespace {

struct LoadedBook
{
    bench::ScratchStore scratch;
    std::vector<Portfolio> portfolios;
    std::vector<Asset> assets;
    std::vector<Transaction> transactions;
};

LoadedBook &book()
{
    static LoadedBook *loaded = [] {
        auto *result = new LoadedBook;
        bench::generateLargeBook(*result->scratch.database);
        auto whole = store::loadWholeBook(*result->scratch.database);
        if (!whole)
            qFatal("cannot load the book: %s", qPrintable(whole.error()));
        result->portfolios = std::move(whole->portfolios);
        result->assets = std::move(whole->assets);
        result->transactions = std::move(whole->transactions);
        return result;
    }();
    return *loaded;
}

void BM_ReplayLoadedBook(benchmark::State &state)
{
    const LoadedBook &loaded = book();
    for (auto _ : state) {
        auto books = ledger::Ledger::replay(loaded.portfolios, loaded.assets, loaded.transactions);
        if (!books)
            state.SkipWithError(qPrintable(books.error()));
        benchmark::DoNotOptimize(books);
    }
    state.counters["entries"] = double(loaded.transactions.size());
    state.counters["assets"] = double(loaded.assets.size());
}
BENCHMARK(BM_ReplayLoadedBook)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_LoadWholeBook(benchmark::State &state)
{
    const LoadedBook &loaded = book();
    for (auto _ : state) {
        auto whole = store::loadWholeBook(*loaded.scratch.database);
        if (!whole) {
            state.SkipWithError(qPrintable(whole.error()));
            break;
        }
        benchmark::DoNotOptimize(whole);
    }
    state.counters["entries"] = double(loaded.transactions.size());
}
BENCHMARK(BM_LoadWholeBook)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_LoadAndReplayBook(benchmark::State &state)
{
    const LoadedBook &loaded = book();
    const ledger::LedgerService service(*loaded.scratch.database);
    for (auto _ : state) {
        auto books = service.books();
        if (!books)
            state.SkipWithError(qPrintable(books.error()));
        benchmark::DoNotOptimize(books);
    }
}
BENCHMARK(BM_LoadAndReplayBook)->Unit(benchmark::kMillisecond)->UseRealTime();

} // namespace

PT_BENCHMARK_MAIN()
