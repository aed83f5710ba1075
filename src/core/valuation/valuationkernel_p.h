#pragma once

// The valuation kernel's own declarations, shared by its source files
// (valuationkernel.cpp and the three passes: valuationkernelreplay.cpp,
// valuationkernelwalk.cpp, valuationkernelreadout.cpp). Not for other modules.

#include "valuation/closetable.h"
#include "valuation/valuationkernel.h"

#include <QSet>

#include <climits>
#include <unordered_map>
#include <vector>

namespace pt::valuation::detail {

// The kernel works in three passes over flat, indexed state (assets,
// portfolios and currencies get small integer indices up front):
//
// 1. Replay: the entries, in replay order, once. Cash changes, external flows
//    and "no price" reports are recorded by day; every change of a quantity
//    becomes an event of its asset.
// 2. Assets: each asset on its own, one pass over its closes and its events,
//    day by day. Whatever changes the value of a holding (a new close, a new
//    quantity) adds (Δquantity × close) or (quantity × Δclose) to that
//    account's change of the day, an exact sum; held, unpriced and stale
//    holdings are counted by day the same way. Each close is read once, and
//    the days without a close or an event cost nothing.
// 3. Days: one pass over the calendar that adds each day's changes to running
//    totals, reads the exact sums out once per day (rounded once), converts
//    every currency at that day's ECB rate and appends to the series.
//
// Passes 2 and 3 run by blocks of BlockDays days, every asset walking up to
// the block's end before the block is read out: the changes of a block stay
// in the L2 cache instead of streaming 10 years of days once per asset.
//
// The kernel's state at the start of every keyframe day is kept, so a later
// change runs the three passes only from the keyframe before it.

const QString Euro = QStringLiteral("EUR");
constexpr int NoDay = INT_MIN;
constexpr int NeverPriced = INT_MAX;
constexpr qint64 Never = LLONG_MAX;
constexpr int BlockDays = 512;

// An asset's price state at the end of a day.
struct PriceState
{
    int consumed = 0; // closes of the asset's list consumed so far
    int priceDay = 0; // day index of the close in `price`
    bool priced = false;
    bool stale = false;
    Decimal price; // last known close; zero until there is one
};

// Read access to one asset's closes, kept either way.
struct DatedCloses
{
    const Close *data = nullptr;
    int count = 0;

    bool dated(int i) const { return data[i].date.isValid(); }
    qint64 julian(int i) const { return data[i].date.toJulianDay(); }
    Decimal close(int i) const { return data[i].close; }
};

struct CompactCloses
{
    const CompactClose *data = nullptr;
    int count = 0;
    const CloseTable *table = nullptr;

    bool dated(int) const { return true; }
    qint64 julian(int i) const { return data[i].julianDay; }
    Decimal close(int i) const { return table->value(data[i]); }
};

struct AssetInfo
{
    const Asset *asset = nullptr;
    int currency = 0;
    const std::vector<Close> *dated = nullptr;
    const std::vector<CompactClose> *compact = nullptr;
    QDate firstCloseDate; // of the first row; null when there is none
    int firstPriced = NeverPriced; // first day with a close
    bool used = false; // named by an entry of the portfolios valued
    bool hasStart = false; // its state comes from a keyframe
    PriceState start;
};

// An entry with its indices resolved once.
struct Entry
{
    const Transaction *t;
    qint64 julian; // of its date
    qint64 createdAt; // replay order within a day (then the UUID)
    int day;
    int portfolio; // -1: not valued (the other side of a transfer)
    int counterparty; // transfers: -1 when not valued
    int asset; // -1: none
    int currency; // of its amounts: the asset's, or its own
};

// One entry's effect on one asset.
struct AssetEvent
{
    int day = 0;
    int target = 0; // portfolio (a new quantity) or series (units transferred)
    bool unitFlow = false;
    Decimal quantity; // the new quantity, or the units transferred (+ in, − out)
};

struct UnitFlow
{
    int series; // portfolio index, or the total's
    int asset;
    Decimal quantity;
};

struct CashChange
{
    int day;
    int account;
    Decimal cash; // the account's cash after the change
};

struct FlowChange
{
    int day;
    int series;
    int currency;
    Decimal amount;
};

// A "missing" message and/or an incomplete mark for one series on one day.
struct Report
{
    int day;
    int series;
    bool incomplete;
    QString message;
};

// A change of an account's Σ quantity × close that does not fit the day's
// 128-bit cell (a product beyond 128 bits, an invalid operand, a cell that
// would overflow): kept aside as an ExactSum, added at read-out. Rare.
struct WideChange
{
    int day;
    std::size_t account;
    ExactSum sum;
};

// A close of a stretch: its day in the block and the change of the close.
struct StretchClose
{
    std::size_t day;
    std::int64_t change; // raw
};

// A portfolio holding the walked asset, ready for the per-close loop.
struct Holder
{
    int portfolio;
    bool small; // quantity fits 64 bits raw
    std::int64_t quantity; // raw, when small
    Decimal::Raw *cells; // the account's changes in this block, by day
};

// Where the walk of one asset stands between blocks of days.
struct Walk
{
    PriceState state;
    qint64 floor = 0; // no close is consumed before this day
    qint64 nextClose = 0; // day the next close is consumed (Never: none left)
    std::size_t nextEvent = 0;
    std::size_t nextKeyframe = 0;
    bool primed = false;
};

// One day-indexed rate table per currency: EUR -> currency, carried forward.
struct RateTable
{
    std::vector<Decimal> rate;
    std::vector<int> since; // day index of the rate used, NoDay when none yet
    QDate firstDate; // of the first rate row; null when there is none
};

// The last conversion of one series' amount in one currency: weekends,
// holidays and untouched currencies convert the same amount at the same rates.
struct ConversionCache
{
    bool valid = false;
    Decimal amount;
    int fromSince = 0;
    int toSince = 0;
    Decimal result;
};

// What one series accumulates, plus what it has already reported missing.
struct SeriesBuilder
{
    ValueSeries series;
    QString base;
    int baseIndex = 0;
    int firstDay = NoDay; // day index where the series starts
    Decimal invested;
    std::vector<Decimal> flowToday; // by currency
    bool incompleteToday = false;
    QSet<QString> reported;

    void report(const QString &message)
    {
        if (!reported.contains(message)) {
            reported.insert(message);
            series.missing << message;
        }
    }
};

class Kernel
{
public:
    Kernel(const ValuationInputs &inputs, const ValuationOptions &options, const CloseTable *table)
        : m_inputs(inputs)
        , m_options(options)
        , m_table(table)
    { }
    Result<Valuation> run(const Valuation *previous, QDate changedFrom);

private:
    int currencyIndex(const QString &code);
    Result<void> setUp();
    void buildRates();
    void planKeyframes();
    bool resume(const Valuation &previous, QDate changedFrom);
    PriceState priceAfter(int asset, int consumed, int day) const;
    void allocate();

    Result<void> replay(int until);
    Result<void> apply(const Entry &entry);
    int portfolioOf(RowId id) const;
    int assetOf(RowId id) const;
    void setQuantity(int portfolio, int asset, Decimal quantity, int day);
    void addCash(int portfolio, int currency, Decimal amount, int day);
    void flushUnitFlows(int day);
    void reportPrice(int series, int asset, int day);
    QString priceMissing(int asset) const;
    bool pricedOn(int asset, int day) const { return day >= m_assets[std::size_t(asset)].firstPriced; }

    void walkAssets(int from, int until);
    template<typename Closes>
    void walkAsset(int asset, const Closes &closes, int until);
    template<typename Closes>
    qint64 walkCloses(const Closes &closes, Walk &walk, const Decimal *quantities, std::size_t currency, qint64 stop);
    void moveHolder(int portfolio, Decimal quantity, Decimal::Raw *cells);
    void addProduct(Decimal::Raw *cells, std::size_t account, int day, Decimal quantity, Decimal price);
    void addWide(std::size_t account, int day, Decimal quantity, Decimal price);
    void addRaw(Decimal::Raw *cells, std::size_t account, int day, Decimal::Raw product)
    {
        Decimal::Raw &cell = cells[dayIndex(day)];
        Decimal::Raw sum = 0;
        if (!__builtin_add_overflow(cell, product, &sum)) {
            cell = sum;
            return;
        }
        WideChange change{day, account, ExactSum()}; // the cell is full: this one aside
        change.sum.addRaw(product);
        m_wideChanges.push_back(change);
    }

    void readOutDays(int from, int until);
    void readOut(int day);
    bool rateOf(int currency, int day, Decimal &rate, int &since, bool &stale, SeriesBuilder &builder);
    bool convert(Decimal amount, int from, int to, int day, Decimal &result, bool &stale, SeriesBuilder &builder,
                 ConversionCache *cache);

    Valuation finish();
    QDate dateOf(int day) const { return QDate::fromJulianDay(m_firstJulian + day); }
    std::size_t account(int portfolio, int currency) const
    {
        return std::size_t(portfolio) * std::size_t(m_currencyCount) + std::size_t(currency);
    }
    std::size_t dayIndex(int day) const { return std::size_t(day - m_blockStart); }

    const ValuationInputs &m_inputs;
    const ValuationOptions &m_options;
    const CloseTable *m_table;

    qint64 m_firstJulian = 0;
    int m_days = 0;
    int m_start = 0; // first day computed (a keyframe's when resuming)
    int m_blockStart = 0; // first day of the block walked
    std::size_t m_span = 0; // row length of the block's changes (its days, and a little more)
    std::vector<Entry> m_entries; // in replay order, up to the last day
    std::size_t m_nextEntry = 0; // the first not replayed yet
    std::size_t m_replayKeyframe = 0; // the first whose quantities are not kept yet

    std::unordered_map<RowId, int> m_portfolioIndex;
    std::unordered_map<RowId, int> m_assetIndex;
    std::vector<RowId> m_portfolioIds; // by index
    std::vector<int> m_assetSlot; // asset index by id, when the ids are dense enough
    QStringList m_currencies;
    std::vector<int> m_minorUnits;
    int m_euro = 0;
    std::vector<AssetInfo> m_assets;
    std::vector<RateTable> m_rates;
    int m_portfolioCount = 0;
    int m_currencyCount = 0;
    std::shared_ptr<KernelShape> m_shape;

    // Pass 1.
    std::vector<Decimal> m_quantity; // [asset * portfolios + portfolio]
    std::vector<bool> m_holdingChanged; // since the last keyframe, same index
    std::vector<std::size_t> m_changedHoldings; // the same as a list
    std::vector<Decimal> m_cash; // [portfolio * currencies + currency]
    std::vector<UnitFlow> m_unitFlows; // the day's transfers of units
    std::vector<std::vector<AssetEvent>> m_events; // by asset, in replay order
    std::vector<CashChange> m_cashChanges;
    std::vector<FlowChange> m_flowChanges;
    std::vector<Report> m_reports;
    std::vector<bool> m_reportedPrice; // [series * assets + asset]

    // Pass 2: changes by day, [account or portfolio][day - m_blockStart].
    std::vector<Decimal::Raw> m_valueChanges; // Σ of raw products (10^-24 units)
    std::vector<WideChange> m_wideChanges; // what does not fit there, by day
    std::vector<int> m_heldChanges;
    std::vector<int> m_unpricedChanges;
    std::vector<int> m_staleChanges;
    std::vector<FlowChange> m_unitFlowValues;
    std::vector<Walk> m_walks; // by asset
    std::vector<Decimal> m_walkQuantity; // [asset * portfolios + portfolio], as walked so far
    std::vector<Holder> m_holders; // portfolios holding the walked asset
    std::vector<StretchClose> m_stretch; // walkCloses()' closes

    std::size_t m_nextKeyframe = 0; // pass 3's next keyframe

    // Pass 3: the running state.
    std::vector<ExactSum> m_holdings; // by account
    std::vector<Decimal> m_holdingValue; // m_holdings read out
    std::vector<Decimal> m_cashNow; // by account
    std::vector<int> m_held; // assets held, by account
    std::vector<int> m_unpriced; // held assets without any close yet, per portfolio
    std::vector<int> m_staleAssets; // held assets with a stale close, per portfolio
    std::vector<Decimal> m_totalAmounts; // all portfolios' amounts of the day, by currency
    std::vector<ConversionCache> m_conversions; // [series * currencies + currency]
    std::vector<SeriesBuilder> m_series; // the portfolios, then the total last

    // Keyframes taken in this run (after m_start), and those kept from before.
    std::vector<int> m_keyDays;
    std::vector<std::shared_ptr<KeyframeState>> m_keyStates;
    std::vector<Keyframe> m_keptKeyframes;
};

} // namespace pt::valuation::detail
