// Writing daily prices through the store's bulk path.
//
// Data: 1,000 assets x 2,500 trading days = 2,500,000 bars (about ten years of
// daily prices for a large book), each with open, high, low, close, adjusted
// close and volume, written in one transaction into a fresh SQLite store in WAL
// mode with synchronous=FULL. Target: at least 1,000,000 rows/s.
#include "benchsupport.h"

#include "store/assetrepository.h"
#include "store/pricerepository.h"


using namespace pt;

namespace {

constexpr int AssetCount = 1000;
constexpr int DaysPerAsset = 2500;

std::vector<store::PriceRecord> makeBars(const std::vector<Asset> &assets)
{
    std::vector<store::PriceRecord> rows;
    rows.reserve(assets.size() * DaysPerAsset);
    const QDate first(2015, 1, 1);
    for (const Asset &asset : assets) {
        for (int day = 0; day < DaysPerAsset; ++day) {
            store::PriceRecord row;
            row.assetId = asset.id;
            row.bar.date = first.addDays(day);
            // Distinct, realistic-looking prices with four decimals.
            const Decimal close = Decimal::fromRaw(Decimal::Raw(100'0000 + (day * 37 + asset.id * 11) % 9000'0000)
                                                   * Decimal::Raw(100'000'000));
            row.bar.open = close;
            row.bar.high = close + Decimal(1);
            row.bar.low = close;
            row.bar.close = close;
            row.bar.adjustedClose = close;
            row.bar.volume = Decimal::fromInteger(1'000'000 + day);
            rows.push_back(row);
        }
    }
    return rows;
}

void BM_InsertDailyPrices(benchmark::State &state)
{
    for (auto _ : state) {
        state.PauseTiming();
        bench::ScratchStore scratch;
        std::vector<Asset> assets;
        for (int i = 0; i < AssetCount; ++i) {
            Asset asset;
            asset.symbol = QStringLiteral("BENCH%1").arg(i);
            asset.name = QStringLiteral("Synthetic benchmark asset %1").arg(i);
            asset.currency = QStringLiteral("USD");
            asset.synthetic = true;
            assets.push_back(asset);
        }
        if (!store::AssetRepository(*scratch.database).addMany(assets))
            state.SkipWithError("cannot add assets");
        const auto rows = makeBars(assets);
        state.ResumeTiming();

        const auto written = store::PriceRepository(*scratch.database).upsertMany(rows, u"bench");
        if (!written)
            state.SkipWithError(qPrintable(written.error()));

        state.PauseTiming();
        state.counters["rows"] = double(rows.size());
        state.counters["rows_per_s"] = benchmark::Counter(double(rows.size()), benchmark::Counter::kIsIterationInvariantRate);
        state.ResumeTiming();
    }
}
BENCHMARK(BM_InsertDailyPrices)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

} // namespace

PT_BENCHMARK_MAIN()
