#include "generator/samplebook.h"

#include "domain/transactionrules.h"
#include "ledger/ledgerservice.h"
#include "marketdata/marketdata.h"
#include "money/currency.h"
#include "store/assetrepository.h"
#include "store/atomically.h"
#include "store/corporateactionrepository.h"
#include "store/database.h"
#include "store/portfoliorepository.h"
#include "store/pricerepository.h"
#include "store/sqlrows.h"
#include "store/transactionrepository.h"

#include <QSqlQuery>

#include <algorithm>
#include <array>
#include <cmath>

namespace pt {

namespace {

// The mark in the first 48 bits of every sample UUID: "sample" in ASCII.
constexpr uint SampleMarkHigh = 0x73616d70; // "samp"
constexpr ushort SampleMarkLow = 0x6c65; // "le"

constexpr std::uint64_t SampleSeed = 0x5a3d1e2024; // fixed: the same book every time
const QString Euro = QStringLiteral("EUR");
constexpr char16_t SampleSource[] = u"sample";

// Prices are walked in doubles and stored rounded to 10^-4 ("ticks").
constexpr double TicksPerUnit = 10'000.0;
constexpr Decimal::Raw RawPerTick = Decimal::ScaleFactor / 10'000;

Decimal fromTicks(std::int64_t ticks)
{
    return Decimal::fromRaw(Decimal::Raw(ticks) * RawPerTick);
}
std::int64_t toTicks(double price)
{
    return std::max<std::int64_t>(1, std::llround(price * TicksPerUnit));
}
Decimal cents(std::int64_t value)
{
    return Decimal::fromRaw(Decimal::Raw(value) * (Decimal::ScaleFactor / 100));
}

// Cuts a non-negative value down to `places` fractional digits.
Decimal truncated(Decimal value, int places)
{
    Decimal::Raw factor = 1;
    for (int i = places; i < Decimal::Scale; ++i)
        factor *= 10;
    return Decimal::fromRaw(value.raw() - value.raw() % factor);
}

Decimal euros(Decimal amount)
{
    return currency::roundToMinorUnit(amount, Euro);
}

// SplitMix64: tiny, and its output is the same on every platform. Uniforms and
// normals are derived by hand (the standard distributions are not portable).
class Random
{
public:
    explicit Random(std::uint64_t seed)
        : m_state(seed)
    { }

    std::uint64_t next()
    {
        std::uint64_t x = (m_state += 0x9e3779b97f4a7c15ULL);
        x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
        x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
        return x ^ (x >> 31);
    }
    double uniform() { return double(next() >> 11) * 0x1.0p-53; } // [0, 1)
    // Mean 0, variance 1: the sum of four uniforms, no transcendental function.
    double normal() { return (uniform() + uniform() + uniform() + uniform() - 2.0) * 1.7320508075688772; }

private:
    std::uint64_t m_state;
};

enum AssetIndex : std::size_t { World, Tech, Bond, Gold, Coin, AssetCount };

struct AssetSpec
{
    const char16_t *symbol;
    const char16_t *name;
    AssetClass assetClass;
    bool everyDay; // priced on weekends too (crypto)
    double startPrice; // EUR
    double annualDrift;
    double dailyVolatility;
};

constexpr std::array<AssetSpec, AssetCount> Specs { {
    { u"SAMPLE-WORLD", u"Sample World Equity ETF", AssetClass::Etf, false, 78.0, 0.08, 0.008 },
    { u"SAMPLE-TECH", u"Sample Tech Shares", AssetClass::Stock, false, 142.0, 0.14, 0.016 },
    { u"SAMPLE-BOND", u"Sample Bond Fund", AssetClass::Bond, false, 100.0, 0.015, 0.0025 },
    { u"SAMPLE-GOLD", u"Sample Gold", AssetClass::Commodity, false, 1750.0, 0.07, 0.009 },
    { u"SAMPLE-COIN", u"Sample Coin", AssetClass::Crypto, true, 24000.0, 0.25, 0.028 },
} };

bool isWeekday(QDate day)
{
    return day.dayOfWeek() <= 5;
}

QDate weekdayOnOrAfter(QDate day)
{
    while (!isWeekday(day))
        day = day.addDays(1);
    return day;
}

// Whether `day` is the first weekday on or after day `dayOfMonth` of its month.
bool isFirstWeekdayFrom(QDate day, int dayOfMonth)
{
    return day == weekdayOnOrAfter(QDate(day.year(), day.month(), dayOfMonth));
}

QUuid sampleUuid()
{
    QUuid uuid = QUuid::createUuid(); // keeps its version and variant bits
    uuid.data1 = SampleMarkHigh;
    uuid.data2 = SampleMarkLow;
    return uuid;
}

// One asset's daily bars, oldest first, with the closes kept as ticks for the planner.
struct PriceSeries
{
    std::vector<QDate> days;
    std::vector<std::int64_t> closes;
    std::vector<DailyPrice> bars;

    Decimal closeOn(QDate day) const
    {
        const auto at = std::lower_bound(days.begin(), days.end(), day);
        Q_ASSERT(at != days.end() && *at == day);
        return fromTicks(closes[std::size_t(at - days.begin())]);
    }
};

// A geometric random walk with drift; on the split day the price first drops
// by the split ratio, and adjusted closes before it are scaled back.
PriceSeries walk(std::size_t index, QDate first, QDate last, QDate splitDay, int splitRatio)
{
    const AssetSpec &spec = Specs[index];
    Random random(SampleSeed * 31 + index);
    PriceSeries series;
    const double drift = spec.annualDrift / (spec.everyDay ? 365.0 : 261.0);
    double price = spec.startPrice;
    double previousClose = price;
    for (QDate day = first; day <= last; day = day.addDays(1)) {
        if (!spec.everyDay && !isWeekday(day))
            continue;
        const bool splitting = day == splitDay;
        if (splitting) {
            price /= splitRatio;
            previousClose /= splitRatio;
        }
        price *= 1.0 + drift + spec.dailyVolatility * random.normal();
        price = std::max(price, spec.startPrice * 0.05);
        const std::int64_t close = toTicks(price);
        const std::int64_t open = toTicks(previousClose * (1.0 + spec.dailyVolatility * 0.3 * random.normal()));
        const double top = double(std::max(open, close)) / TicksPerUnit;
        const double bottom = double(std::min(open, close)) / TicksPerUnit;
        const std::int64_t high
            = std::max(toTicks(top * (1.0 + spec.dailyVolatility * 0.5 * random.uniform())), std::max(open, close));
        const std::int64_t low
            = std::min(toTicks(bottom * (1.0 - spec.dailyVolatility * 0.5 * random.uniform())), std::min(open, close));
        const bool beforeSplit = splitDay.isValid() && day < splitDay;
        DailyPrice bar;
        bar.date = day;
        bar.open = fromTicks(open);
        bar.high = fromTicks(high);
        bar.low = fromTicks(low);
        bar.close = fromTicks(close);
        bar.adjustedClose = beforeSplit ? fromTicks(toTicks(double(close) / TicksPerUnit / splitRatio)) : bar.close;
        bar.volume = Decimal::fromInteger(std::int64_t(20'000 + random.uniform() * 480'000));
        series.days.push_back(day);
        series.closes.push_back(close);
        series.bars.push_back(bar);
        previousClose = double(close) / TicksPerUnit;
    }
    return series;
}

// Plans the entries day by day against its own running book (units and cash),
// so it never sells or spends more than there is. Entries name assets by index
// until the rows exist.
class EntryPlanner
{
public:
    EntryPlanner(const std::vector<PriceSeries> &prices, QDate first, QDate last, QDate splitDay, QDate saleDay)
        : m_prices(prices)
        , m_first(first)
        , m_last(last)
        , m_splitDay(splitDay)
        , m_saleDay(saleDay)
    { }

    std::vector<Transaction> plan()
    {
        const QDate opening = weekdayOnOrAfter(m_first);
        for (QDate day = opening; day <= m_last; day = day.addDays(1)) {
            if (!isWeekday(day))
                continue;
            if (day == m_splitDay)
                split(day);
            if (day == opening) {
                cashEntry(day, TransactionType::Deposit, cents(1'000'000), QStringLiteral("Opening deposit"));
                buy(day, World, cents(400'000), cents(490), 0);
                buy(day, Tech, cents(200'000), cents(490), 0);
                buy(day, Bond, cents(200'000), cents(490), 0);
                buy(day, Gold, cents(100'000), cents(490), 3);
                buy(day, Coin, cents(50'000), cents(100), 6);
            } else if (isFirstWeekdayFrom(day, 1)) {
                const QString plan = QStringLiteral("Monthly savings plan");
                cashEntry(day, TransactionType::Deposit, cents(50'000), plan);
                buy(day, World, cents(30'000), Decimal(), 3, plan);
                buy(day, Bond, cents(10'000), Decimal(), 3, plan);
                buy(day, Coin, cents(5'000), Decimal(), 6, plan);
                if (day.month() == 1)
                    cashEntry(day, TransactionType::Fee, cents(1'200), QStringLiteral("Annual account fee"));
            }
            if (day == m_saleDay)
                sellHalf(day, Tech);
            if (day.month() % 3 == 0 && isFirstWeekdayFrom(day, 15))
                income(day, TransactionType::Dividend, World, cents(32), QStringLiteral("Quarterly distribution"));
            if (day.month() == 5 && isFirstWeekdayFrom(day, 20))
                income(day, TransactionType::Dividend, Tech, cents(180), QStringLiteral("Annual dividend"));
            if ((day.month() == 1 || day.month() == 7) && isFirstWeekdayFrom(day, 10))
                income(day, TransactionType::Interest, Bond, cents(125), QStringLiteral("Coupon"));
        }
        return std::move(m_entries);
    }

private:
    Transaction &emit(QDate day, TransactionType type, const QString &note)
    {
        Transaction &entry = m_entries.emplace_back();
        entry.type = type;
        entry.date = day;
        entry.currency = Euro;
        entry.note = note;
        return entry;
    }

    void cashEntry(QDate day, TransactionType type, Decimal amount, const QString &note)
    {
        emit(day, type, note).amount = amount;
        m_cash += type == TransactionType::Deposit ? amount : -amount;
    }

    // Buys for about `budget`, in units cut to `places` fractional digits.
    void buy(QDate day, std::size_t asset, Decimal budget, Decimal fee, int places, const QString &note = {})
    {
        const Decimal price = m_prices[asset].closeOn(day);
        const Decimal quantity = truncated(budget / price, places);
        const Decimal cost = euros(quantity * price) + fee;
        if (!quantity.isPositive() || cost > m_cash)
            return;
        Transaction &entry = emit(day, TransactionType::Buy, note);
        entry.assetId = RowId(asset) + 1;
        entry.quantity = quantity;
        entry.price = price;
        entry.fee = fee;
        m_units[asset] += quantity;
        m_cash -= cost;
    }

    void sellHalf(QDate day, std::size_t asset)
    {
        const Decimal quantity = truncated(m_units[asset] / Decimal(2), 0);
        if (!quantity.isPositive())
            return;
        const Decimal price = m_prices[asset].closeOn(day);
        const Decimal fee = cents(490);
        Transaction &entry = emit(day, TransactionType::Sell, QStringLiteral("Partial sale"));
        entry.assetId = RowId(asset) + 1;
        entry.quantity = quantity;
        entry.price = price;
        entry.fee = fee;
        m_units[asset] -= quantity;
        m_cash += euros(quantity * price) - fee;
    }

    void split(QDate day)
    {
        if (!m_units[Tech].isPositive())
            return;
        Transaction &entry = emit(day, TransactionType::Split, QStringLiteral("2-for-1 split"));
        entry.assetId = RowId(Tech) + 1;
        entry.splitNumerator = Decimal(2);
        entry.splitDenominator = Decimal(1);
        m_units[Tech] = m_units[Tech] * Decimal(2);
    }

    // A payment of `perUnit` for every unit held; dividends have 25 % withheld.
    void income(QDate day, TransactionType type, std::size_t asset, Decimal perUnit, const QString &note)
    {
        const Decimal amount = euros(m_units[asset] * perUnit);
        if (!amount.isPositive())
            return;
        const Decimal fee = type == TransactionType::Dividend ? euros(amount * cents(25)) : Decimal();
        Transaction &entry = emit(day, type, note);
        entry.assetId = RowId(asset) + 1;
        entry.amount = amount;
        entry.fee = fee;
        m_cash += amount - fee;
    }

    const std::vector<PriceSeries> &m_prices;
    QDate m_first;
    QDate m_last;
    QDate m_splitDay;
    QDate m_saleDay;
    std::array<Decimal, AssetCount> m_units {};
    Decimal m_cash;
    std::vector<Transaction> m_entries;
};

Result<void> setUuid(const store::Database &database, const QString &table, RowId id, const QUuid &uuid)
{
    QSqlQuery query(database.connection());
    query.prepare(u"UPDATE " + table + u" SET uuid = ? WHERE id = ?");
    query.addBindValue(store::uuidText(uuid));
    query.addBindValue(qlonglong(id));
    return store::execute(query, QStringLiteral("Marking the sample's %1").arg(table));
}

Result<std::vector<Asset>> liveSampleAssets(const store::Database &database)
{
    auto assets = store::AssetRepository(database).list();
    if (!assets)
        return Error { assets.error() };
    std::erase_if(*assets, [](const Asset &asset) { return !isSampleAsset(asset); });
    return assets;
}

Result<int> liveEntriesUsing(const store::Database &database, RowId assetId)
{
    QSqlQuery query(database.connection());
    query.prepare(QStringLiteral("SELECT COUNT(*) FROM ledger_transaction WHERE deleted = 0 AND asset_id = ?"));
    query.addBindValue(qlonglong(assetId));
    if (auto done = store::execute(query, QStringLiteral("Checking the sample's assets")); !done)
        return Error { done.error() };
    return query.next() ? query.value(0).toInt() : 0;
}

Result<void> tombstone(const store::Database &database, const QString &sql, RowId id, const QString &what)
{
    QSqlQuery query(database.connection());
    query.prepare(sql);
    query.addBindValue(qlonglong(database.nextTimestamp()));
    query.addBindValue(qlonglong(id));
    return store::execute(query, what);
}

// Tombstones the live sample assets that no live entry uses; returns how many stay.
Result<int> removeUnusedSampleAssets(const store::Database &database)
{
    auto assets = liveSampleAssets(database);
    if (!assets)
        return Error { assets.error() };
    int kept = 0;
    for (const Asset &asset : *assets) {
        auto used = liveEntriesUsing(database, asset.id);
        if (!used)
            return Error { used.error() };
        if (*used > 0) {
            ++kept;
            continue;
        }
        if (auto done = tombstone(database, QStringLiteral("UPDATE asset SET deleted = 1, updated_at = ? WHERE id = ?"),
                                  asset.id, QStringLiteral("Removing sample asset '%1'").arg(asset.symbol));
            !done)
            return Error { done.error() };
    }
    return kept;
}

} // namespace

QString samplePortfolioName()
{
    return QStringLiteral("Sample portfolio");
}

bool isSampleUuid(const QUuid &uuid)
{
    return uuid.data1 == SampleMarkHigh && uuid.data2 == SampleMarkLow;
}

bool isSamplePortfolio(const Portfolio &portfolio)
{
    return isSampleUuid(portfolio.stamp.uuid);
}

bool isSampleAsset(const Asset &asset)
{
    return asset.synthetic && isSampleUuid(asset.stamp.uuid);
}

Result<std::optional<Portfolio>> findSamplePortfolio(const store::Database &database)
{
    auto portfolios = store::PortfolioRepository(database).list();
    if (!portfolios)
        return Error { portfolios.error() };
    std::optional<Portfolio> found;
    for (const Portfolio &portfolio : *portfolios) {
        if (isSamplePortfolio(portfolio) && (!found || portfolio.id > found->id))
            found = portfolio;
    }
    return found;
}

Result<SampleBook> createSampleBook(const store::Database &database, QDate today)
{
    if (!today.isValid())
        return Error { QStringLiteral("sample: '%1' is not a valid day").arg(today.toString(Qt::ISODate)) };

    // Plan everything in memory first.
    const QDate first = today.addYears(-3).addDays(1);
    const QDate splitDay = weekdayOnOrAfter(first.addMonths(15));
    const QDate saleDay = weekdayOnOrAfter(first.addMonths(26));
    constexpr int SplitRatio = 2;
    std::vector<PriceSeries> prices;
    prices.reserve(AssetCount);
    for (std::size_t a = 0; a < AssetCount; ++a)
        prices.push_back(walk(a, first, today, a == Tech ? splitDay : QDate(), SplitRatio));
    std::vector<Transaction> entries = EntryPlanner(prices, first, today, splitDay, saleDay).plan();

    SampleBook book;
    book.firstDay = first;
    book.lastDay = today;
    auto written = store::atomically(database, [&]() -> Result<void> {
        const store::PortfolioRepository portfolios(database);
        auto live = portfolios.list();
        if (!live)
            return Error { live.error() };
        for (const Portfolio &portfolio : *live) {
            if (isSamplePortfolio(portfolio) || portfolio.name == samplePortfolioName())
                return Error { QStringLiteral("sample: the store already has a sample portfolio ('%1'); remove it "
                                              "first")
                                   .arg(portfolio.name) };
        }
        auto kept = removeUnusedSampleAssets(database);
        if (!kept)
            return Error { kept.error() };
        if (*kept > 0)
            return Error { QStringLiteral("sample: assets of an earlier sample are still used by other portfolios' "
                                          "entries; delete those entries first") };

        Portfolio portfolio;
        portfolio.name = samplePortfolioName();
        portfolio.baseCurrency = Euro;
        portfolio.costBasisMethod = CostBasisMethod::Fifo;
        auto added = portfolios.add(portfolio);
        if (!added)
            return Error { added.error() };
        book.portfolio = std::move(*added);
        book.portfolio.stamp.uuid = sampleUuid();
        if (auto marked = setUuid(database, QStringLiteral("portfolio"), book.portfolio.id, book.portfolio.stamp.uuid);
            !marked)
            return marked;

        const store::AssetRepository assets(database);
        for (const AssetSpec &spec : Specs) {
            Asset asset;
            asset.symbol = QString::fromUtf16(spec.symbol);
            asset.name = QString::fromUtf16(spec.name);
            asset.assetClass = spec.assetClass;
            asset.currency = Euro;
            asset.synthetic = true; // never fetched, never market data
            asset.tracked = false;
            auto stored = assets.add(asset);
            if (!stored)
                return Error { stored.error() };
            stored->stamp.uuid = sampleUuid();
            if (auto marked = setUuid(database, QStringLiteral("asset"), stored->id, stored->stamp.uuid); !marked)
                return marked;
            book.assets.push_back(std::move(*stored));
        }

        // Each entry checked as LedgerService checks one on its own; the whole
        // book replayed below, before the commit.
        const store::TransactionRepository transactions(database);
        for (Transaction &entry : entries) {
            entry.portfolioId = book.portfolio.id;
            const Asset *asset = nullptr;
            if (entry.assetId != 0) {
                asset = &book.assets[std::size_t(entry.assetId - 1)];
                entry.assetId = asset->id;
            }
            if (auto valid = validateTransaction(entry, asset); !valid)
                return Error {
                    QStringLiteral("sample: entry of %1: %2").arg(entry.date.toString(Qt::ISODate), valid.error())
                };
            entry.stamp = store::newStamp(database); // stamps in plan order: same-day entries replay in it
            entry.stamp.uuid = sampleUuid();
            auto inserted = transactions.insert(entry);
            if (!inserted)
                return Error { inserted.error() };
        }
        book.transactions = std::int64_t(entries.size());
        if (auto replayed = ledger::LedgerService(database).books(book.portfolio.id); !replayed)
            return Error { QStringLiteral("sample: %1").arg(replayed.error()) };

        std::vector<store::PriceRecord> rows;
        for (std::size_t a = 0; a < AssetCount; ++a) {
            for (const DailyPrice &bar : prices[a].bars)
                rows.push_back(store::PriceRecord { book.assets[a].id, bar });
        }
        if (auto stored = store::PriceRepository(database).upsertMany(rows, SampleSource); !stored)
            return stored;
        book.prices = std::int64_t(rows.size());

        marketdata::CorporateAction split;
        split.date = splitDay;
        split.kind = marketdata::CorporateAction::Kind::Split;
        split.numerator = Decimal(SplitRatio);
        split.denominator = Decimal(1);
        if (splitDay <= today) {
            const std::array actions { split };
            if (auto stored
                = store::CorporateActionRepository(database).upsertMany(book.assets[Tech].id, actions, SampleSource);
                !stored)
                return stored;
        }
        return {};
    });
    if (!written)
        return Error { written.error() };
    return book;
}

Result<void> removeSampleBook(const store::Database &database)
{
    return store::atomically(database, [&]() -> Result<void> {
        auto portfolios = store::PortfolioRepository(database).list();
        if (!portfolios)
            return Error { portfolios.error() };
        std::erase_if(*portfolios, [](const Portfolio &portfolio) { return !isSamplePortfolio(portfolio); });
        auto assets = liveSampleAssets(database);
        if (!assets)
            return Error { assets.error() };
        if (portfolios->empty() && assets->empty())
            return Error { QStringLiteral("sample: there is no sample portfolio in this store") };

        for (const Portfolio &portfolio : *portfolios) {
            QSqlQuery query(database.connection());
            query.prepare(QStringLiteral("SELECT COUNT(*) FROM ledger_transaction WHERE deleted = 0 AND type = "
                                         "'transfer' AND (portfolio_id = ? OR counterparty_portfolio_id = ?)"));
            query.addBindValue(qlonglong(portfolio.id));
            query.addBindValue(qlonglong(portfolio.id));
            if (auto done = store::execute(query, QStringLiteral("Checking transfers")); !done)
                return done;
            if (query.next() && query.value(0).toInt() > 0)
                return Error { QStringLiteral("sample: '%1' has transfers to or from other portfolios; delete those "
                                              "first")
                                   .arg(portfolio.name) };
            if (auto done = tombstone(database,
                                      QStringLiteral("UPDATE ledger_transaction SET deleted = 1, updated_at = ? "
                                                     "WHERE portfolio_id = ? AND deleted = 0"),
                                      portfolio.id, QStringLiteral("Removing the sample's entries"));
                !done)
                return done;
            if (auto done = tombstone(database,
                                      QStringLiteral("UPDATE portfolio SET deleted = 1, updated_at = ? "
                                                     "WHERE id = ?"),
                                      portfolio.id, QStringLiteral("Removing '%1'").arg(portfolio.name));
                !done)
                return done;
        }
        if (auto removed = removeUnusedSampleAssets(database); !removed)
            return Error { removed.error() };
        return {};
    });
}

} // namespace pt
