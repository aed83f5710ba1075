#include "generator/bookgenerator.h"

#include "domain/types.h"
#include "money/currency.h"
#include "store/assetrepository.h"
#include "store/database.h"
#include "store/portfoliorepository.h"
#include "store/pricerepository.h"
#include "store/transactionrepository.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <random>
#include <vector>

namespace pt {

namespace {

constexpr int MaxPortfolios = 1000;
constexpr int MaxAssets = 100'000;
constexpr std::int64_t MaxTransactions = 100'000'000;
constexpr int MaxYears = 50;
constexpr std::int64_t MaxPriceRows = 50'000'000; // the close series is kept in memory
constexpr std::int64_t MinPriceBatchRows = 1000;

// Prices are generated in units of 10^-4 ("ticks") and stored rounded to 4 places.
constexpr double TicksPerUnit = 10'000.0;
constexpr Decimal::Raw RawPerTick = Decimal::ScaleFactor / 10'000;

Decimal fromTicks(std::int64_t ticks) { return Decimal::fromRaw(Decimal::Raw(ticks) * RawPerTick); }
Decimal fromCents(std::int64_t cents) { return Decimal::fromRaw(Decimal::Raw(cents) * (Decimal::ScaleFactor / 100)); }
Decimal fromMicros(std::int64_t micros) { return Decimal::fromRaw(Decimal::Raw(micros) * (Decimal::ScaleFactor / 1'000'000)); }

std::int64_t toTicks(double price) { return std::max<std::int64_t>(1, std::llround(price * TicksPerUnit)); }

// Cuts a non-negative value down to `places` fractional digits, so a share of
// a holding never rounds up past the holding.
Decimal truncated(Decimal value, int places)
{
    Decimal::Raw factor = 1;
    for (int i = places; i < Decimal::Scale; ++i)
        factor *= 10;
    return Decimal::fromRaw(value.raw() - value.raw() % factor);
}

std::uint64_t splitMix(std::uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

// Each part of the book draws from its own stream, and each asset's prices
// from their own, so changing one count does not reshuffle everything else.
enum class Stream : std::uint64_t { Assets = 1, Walk = 2, Bars = 3, Ledger = 4 };

std::uint64_t streamSeed(std::uint64_t seed, Stream stream, std::uint64_t index = 0)
{
    return splitMix(splitMix(seed ^ (std::uint64_t(stream) << 56)) + index);
}

// std::mt19937_64's raw output is specified exactly by the standard; its
// distributions are not, so uniform values are derived here by hand.
class Random
{
public:
    explicit Random(std::uint64_t seed) : m_engine(seed) {}

    double uniform() { return double(m_engine() >> 11) * 0x1.0p-53; } // [0, 1)
    double uniform(double low, double high) { return low + (high - low) * uniform(); }
    bool chance(double probability) { return uniform() < probability; }

    // Uniform in [0, n), without modulo bias.
    std::uint64_t below(std::uint64_t n)
    {
        const std::uint64_t threshold = (0 - n) % n; // 2^64 mod n
        std::uint64_t x;
        do {
            x = m_engine();
        } while (x < threshold);
        return x % n;
    }
    // Uniform in [low, high].
    std::int64_t between(std::int64_t low, std::int64_t high)
    {
        return low + std::int64_t(below(std::uint64_t(high - low) + 1));
    }
    // Mean 0, variance 1, bounded by +-3.46: the sum of four uniforms, which
    // needs no transcendental function and so gives the same bits everywhere.
    double normal()
    {
        const double sum = uniform() + uniform() + uniform() + uniform();
        return (sum - 2.0) * 1.7320508075688772;
    }

private:
    std::mt19937_64 m_engine;
};

struct AssetPlan
{
    Asset asset;
    double volatility = 0.01; // daily
    double startPrice = 100.0;
    int splitDay = -1; // index into the trading days; -1: none
    int splitNumerator = 1;
    int splitDenominator = 1;
};

std::vector<QDate> tradingDays(QDate first, QDate last)
{
    std::vector<QDate> days;
    days.reserve(std::size_t(first.daysTo(last) + 1));
    for (QDate day = first; day <= last; day = day.addDays(1)) {
        if (BookGenerator::isTradingDay(day))
            days.push_back(day);
    }
    return days;
}

std::vector<AssetPlan> planAssets(const GeneratorOptions &options, int dayCount)
{
    struct ClassPlan
    {
        AssetClass assetClass;
        const char16_t *label;
        double weight;
        double volatility;
        double lowPrice;
        double highPrice;
    };
    static constexpr std::array Classes{
        ClassPlan{AssetClass::Stock, u"Stock", 0.40, 0.018, 5, 400},
        ClassPlan{AssetClass::Etf, u"ETF", 0.20, 0.011, 20, 300},
        ClassPlan{AssetClass::Fund, u"Fund", 0.10, 0.009, 10, 200},
        ClassPlan{AssetClass::Bond, u"Bond", 0.10, 0.003, 90, 110},
        ClassPlan{AssetClass::Crypto, u"Crypto", 0.10, 0.035, 0.5, 40000},
        ClassPlan{AssetClass::Commodity, u"Commodity", 0.10, 0.013, 10, 2000},
    };
    static constexpr std::array<std::array<int, 2>, 5> SplitRatios{{{2, 1}, {3, 1}, {4, 1}, {5, 1}, {3, 2}}};

    Random random(streamSeed(options.seed, Stream::Assets));
    std::vector<AssetPlan> plans;
    plans.reserve(std::size_t(options.assets));
    int firstSplittable = -1;
    bool anySplit = false;
    for (int i = 0; i < options.assets; ++i) {
        double pick = random.uniform();
        const ClassPlan *cls = &Classes.back();
        for (const ClassPlan &candidate : Classes) {
            if (pick < candidate.weight) {
                cls = &candidate;
                break;
            }
            pick -= candidate.weight;
        }
        AssetPlan plan;
        const QString number = QStringLiteral("%1").arg(i + 1, 4, 10, QLatin1Char('0'));
        plan.asset.symbol = u"SYN" + number;
        plan.asset.name = u"Synthetic " + QString::fromUtf16(cls->label) + u' ' + number;
        plan.asset.assetClass = cls->assetClass;
        const double currencyPick = random.uniform();
        if (cls->assetClass == AssetClass::Crypto || cls->assetClass == AssetClass::Commodity)
            plan.asset.currency = QStringLiteral("USD");
        else
            plan.asset.currency = currencyPick < 0.4 ? QStringLiteral("EUR")
                                  : currencyPick < 0.8 ? QStringLiteral("USD")
                                  : currencyPick < 0.9 ? QStringLiteral("GBP")
                                                       : QStringLiteral("CHF");
        plan.asset.synthetic = true;
        plan.volatility = cls->volatility * random.uniform(0.7, 1.3);
        plan.startPrice = random.uniform(cls->lowPrice, cls->highPrice);
        const bool splittable = cls->assetClass == AssetClass::Stock || cls->assetClass == AssetClass::Etf;
        const bool split = random.chance(0.12); // drawn for every asset to keep the stream aligned
        const auto ratio = SplitRatios[random.below(SplitRatios.size())];
        const int day = dayCount > 5 ? int(random.between(dayCount / 5, dayCount - 1)) : -1;
        if (splittable && firstSplittable < 0)
            firstSplittable = i;
        if (splittable && split && day >= 0) {
            plan.splitDay = day;
            plan.splitNumerator = ratio[0];
            plan.splitDenominator = ratio[1];
            anySplit = true;
        }
        plans.push_back(std::move(plan));
    }
    // A book with splittable assets always shows at least one split.
    if (!anySplit && firstSplittable >= 0 && dayCount > 5) {
        plans[std::size_t(firstSplittable)].splitDay = dayCount / 2;
        plans[std::size_t(firstSplittable)].splitNumerator = 2;
    }
    return plans;
}

// Closing prices, in ticks, asset-major: closes[asset * dayCount + day].
// A geometric random walk with a slight upward drift; on a split day the price
// first drops by the split ratio.
std::vector<std::int64_t> walkCloses(const GeneratorOptions &options, const std::vector<AssetPlan> &plans,
                                     int dayCount)
{
    std::vector<std::int64_t> closes(plans.size() * std::size_t(dayCount));
    for (std::size_t a = 0; a < plans.size(); ++a) {
        const AssetPlan &plan = plans[a];
        Random random(streamSeed(options.seed, Stream::Walk, a));
        const double drift = plan.volatility * plan.volatility / 2 + 0.0002;
        double price = plan.startPrice;
        std::int64_t *series = closes.data() + a * std::size_t(dayCount);
        for (int d = 0; d < dayCount; ++d) {
            if (d == plan.splitDay)
                price = price * plan.splitDenominator / plan.splitNumerator;
            price *= 1.0 + drift + plan.volatility * random.normal();
            price = std::max(price, 0.01);
            series[d] = toTicks(price);
        }
    }
    return closes;
}

// Plans the ledger entries against the generator's own running book.
// Entries refer to portfolios and assets by index + 1 until the rows exist.
class EntryPlanner
{
public:
    EntryPlanner(const GeneratorOptions &options, const std::vector<Portfolio> &portfolios,
                 const std::vector<AssetPlan> &assets, const std::vector<QDate> &days,
                 const std::vector<std::int64_t> &closes)
        : m_options(options), m_portfolios(portfolios), m_assets(assets), m_days(days), m_closes(closes),
          m_random(streamSeed(options.seed, Stream::Ledger)), m_books(portfolios.size())
    {
        for (Book &book : m_books) {
            book.quantity.assign(assets.size(), Decimal());
            book.boughtDay.assign(assets.size(), -1);
            book.boughtToday.assign(assets.size(), Decimal());
            book.heldIndex.assign(assets.size(), -1);
        }
    }

    std::vector<Transaction> plan()
    {
        m_entries.reserve(std::size_t(m_options.transactions));
        std::vector<int> slots(std::size_t(m_options.transactions));
        for (int &slot : slots)
            slot = int(m_random.below(m_days.size()));
        std::sort(slots.begin(), slots.end());

        std::vector<std::size_t> splitting; // assets with a split, by split day
        for (std::size_t a = 0; a < m_assets.size(); ++a) {
            if (m_assets[a].splitDay >= 0)
                splitting.push_back(a);
        }
        std::stable_sort(splitting.begin(), splitting.end(), [this](std::size_t x, std::size_t y) {
            return m_assets[x].splitDay < m_assets[y].splitDay;
        });
        auto nextSplit = splitting.begin();

        for (int day : slots) {
            for (; nextSplit != splitting.end() && m_assets[*nextSplit].splitDay <= day; ++nextSplit)
                applySplit(*nextSplit);
            if (full())
                break;
            addEntry(int(m_random.below(m_books.size())), day);
        }
        return std::move(m_entries);
    }

private:
    struct Book
    {
        std::vector<Decimal> quantity;    // by asset index
        std::vector<int> boughtDay;       // the last day with a buy
        std::vector<Decimal> boughtToday; // units bought on boughtDay
        std::vector<int> held;            // asset indexes with a quantity, for picking
        std::vector<int> heldIndex;       // position in `held`, -1 when not held
        std::map<QString, Decimal> cash;
        bool funded = false;
    };

    bool full() const { return std::int64_t(m_entries.size()) >= m_options.transactions; }
    Decimal close(std::size_t asset, int day) const
    {
        return fromTicks(m_closes[asset * m_days.size() + std::size_t(day)]);
    }
    bool isCrypto(std::size_t asset) const { return m_assets[asset].asset.assetClass == AssetClass::Crypto; }

    Transaction &emit(int portfolio, TransactionType type, int day, const QString &currency)
    {
        Transaction &entry = m_entries.emplace_back();
        entry.portfolioId = portfolio + 1;
        entry.type = type;
        entry.date = m_days[std::size_t(day)];
        entry.currency = currency;
        return entry;
    }

    void setQuantity(Book &book, int asset, Decimal quantity)
    {
        book.quantity[std::size_t(asset)] = quantity;
        int &index = book.heldIndex[std::size_t(asset)];
        if (quantity.isPositive() && index < 0) {
            index = int(book.held.size());
            book.held.push_back(asset);
        } else if (!quantity.isPositive() && index >= 0) {
            const int last = book.held.back();
            book.held[std::size_t(index)] = last;
            book.heldIndex[std::size_t(last)] = index;
            book.held.pop_back();
            index = -1;
        }
    }

    void applySplit(std::size_t asset)
    {
        const AssetPlan &plan = m_assets[asset];
        for (std::size_t p = 0; p < m_books.size() && !full(); ++p) {
            Book &book = m_books[p];
            if (!book.quantity[asset].isPositive())
                continue;
            Transaction &entry = emit(int(p), TransactionType::Split, plan.splitDay, plan.asset.currency);
            entry.assetId = RowId(asset) + 1;
            entry.splitNumerator = plan.splitNumerator;
            entry.splitDenominator = plan.splitDenominator;
            setQuantity(book, int(asset),
                        book.quantity[asset] * plan.splitNumerator / plan.splitDenominator);
        }
    }

    void addEntry(int portfolio, int day)
    {
        Book &book = m_books[std::size_t(portfolio)];
        const QString &base = m_portfolios[std::size_t(portfolio)].baseCurrency;
        if (!book.funded) {
            book.funded = true;
            deposit(portfolio, day, base, fromCents(m_random.between(20, 200) * 100'000));
            return;
        }
        const double pick = m_random.uniform();
        if (pick < 0.52)
            buy(portfolio, day);
        else if (pick < 0.80)
            sell(portfolio, day);
        else if (pick < 0.86)
            payIncome(portfolio, day);
        else if (pick < 0.88)
            cashEntry(portfolio, day, TransactionType::Interest, base, fromCents(m_random.between(100, 5000)));
        else if (pick < 0.90)
            cashEntry(portfolio, day, TransactionType::Fee, base, fromCents(m_random.between(100, 2500)));
        else if (pick < 0.92 && book.cash[base] > Decimal(2000))
            cashEntry(portfolio, day, TransactionType::Withdrawal, base,
                      truncated(book.cash[base] * fromCents(m_random.between(5, 25)), 0));
        else
            deposit(portfolio, day, base, fromCents(m_random.between(10, 100) * 100'000));
    }

    void deposit(int portfolio, int day, const QString &currency, Decimal amount)
    {
        cashEntry(portfolio, day, TransactionType::Deposit, currency, amount);
    }

    void cashEntry(int portfolio, int day, TransactionType type, const QString &currency, Decimal amount)
    {
        if (full())
            return;
        emit(portfolio, type, day, currency).amount = amount;
        Decimal &cash = m_books[std::size_t(portfolio)].cash[currency];
        cash += type == TransactionType::Deposit || type == TransactionType::Interest ? amount : -amount;
    }

    Decimal tradeFee() { return fromCents(m_random.chance(0.3) ? 0 : m_random.between(100, 995)); }

    void buy(int portfolio, int day)
    {
        const std::size_t asset = m_random.below(m_assets.size());
        const AssetPlan &plan = m_assets[asset];
        const QString &currency = plan.asset.currency;
        Book &book = m_books[std::size_t(portfolio)];
        if (plan.splitDay == day) { // no trades on a split day, see the class comment
            deposit(portfolio, day, currency, fromCents(m_random.between(10, 100) * 100'000));
            return;
        }
        const Decimal price = close(asset, day);
        Decimal quantity;
        if (isCrypto(asset)) {
            quantity = truncated(Decimal::fromDouble(m_random.uniform(200, 5000) / price.toDouble()), 6);
            if (!quantity.isPositive())
                quantity = fromMicros(1);
        } else {
            const double budget = m_random.uniform(300, 6000);
            quantity = Decimal::fromInteger(std::clamp<std::int64_t>(std::int64_t(budget / price.toDouble()), 1, 2000));
        }
        const Decimal fee = tradeFee();
        const Decimal cost = currency::roundToMinorUnit(quantity * price, currency) + fee;
        if (book.cash[currency] < cost) {
            const std::int64_t thousands = std::int64_t(cost.toDouble() / 1000) + 5;
            deposit(portfolio, day, currency, Decimal::fromInteger(thousands * 1000));
        }
        if (full())
            return;
        Transaction &entry = emit(portfolio, TransactionType::Buy, day, currency);
        entry.assetId = RowId(asset) + 1;
        entry.quantity = quantity;
        entry.price = price;
        entry.fee = fee;
        book.cash[currency] -= cost;
        if (book.boughtDay[asset] != day) {
            book.boughtDay[asset] = day;
            book.boughtToday[asset] = Decimal();
        }
        book.boughtToday[asset] += quantity;
        setQuantity(book, int(asset), book.quantity[asset] + quantity);
    }

    // Units that can be sold on `day` whatever the order of that day's entries.
    Decimal sellable(const Book &book, std::size_t asset, int day) const
    {
        Decimal units = book.quantity[asset];
        if (book.boughtDay[asset] == day)
            units -= book.boughtToday[asset];
        return units;
    }

    void sell(int portfolio, int day)
    {
        Book &book = m_books[std::size_t(portfolio)];
        if (book.held.empty())
            return buy(portfolio, day);
        const std::size_t asset = std::size_t(book.held[m_random.below(book.held.size())]);
        const Decimal available = sellable(book, asset, day);
        if (m_assets[asset].splitDay == day || !available.isPositive())
            return buy(portfolio, day);
        Decimal quantity = available;
        if (!m_random.chance(0.15)) {
            const Decimal whole = truncated(available, 0);
            if (isCrypto(asset) || whole < Decimal(1))
                quantity = truncated(available * fromCents(m_random.between(10, 90)), 6);
            else
                quantity = Decimal::fromInteger(m_random.between(1, std::int64_t(whole.toDouble())));
            if (!quantity.isPositive() || quantity > available)
                quantity = available;
        }
        const QString &currency = m_assets[asset].asset.currency;
        const Decimal price = close(asset, day);
        const Decimal fee = tradeFee();
        Transaction &entry = emit(portfolio, TransactionType::Sell, day, currency);
        entry.assetId = RowId(asset) + 1;
        entry.quantity = quantity;
        entry.price = price;
        entry.fee = fee;
        book.cash[currency] += currency::roundToMinorUnit(quantity * price, currency) - fee;
        setQuantity(book, int(asset), book.quantity[asset] - quantity);
    }

    // A dividend on a held stock, ETF or fund, with 15 % withheld, or interest
    // on a held bond (interest carries no fee in the ledger).
    void payIncome(int portfolio, int day)
    {
        Book &book = m_books[std::size_t(portfolio)];
        if (book.held.empty())
            return buy(portfolio, day);
        const std::size_t asset = std::size_t(book.held[m_random.below(book.held.size())]);
        const AssetClass cls = m_assets[asset].asset.assetClass;
        const bool bond = cls == AssetClass::Bond;
        if (!bond && cls != AssetClass::Stock && cls != AssetClass::Etf && cls != AssetClass::Fund)
            return buy(portfolio, day);
        const QString &currency = m_assets[asset].asset.currency;
        const Decimal yield = Decimal::fromRaw(Decimal::Raw(m_random.between(20, 150)) * (Decimal::ScaleFactor / 10'000));
        const Decimal amount = currency::roundToMinorUnit(book.quantity[asset] * close(asset, day) * yield, currency);
        if (!amount.isPositive())
            return buy(portfolio, day);
        const Decimal fee = bond ? Decimal() : currency::roundToMinorUnit(amount * fromCents(15), currency);
        Transaction &entry = emit(portfolio, bond ? TransactionType::Interest : TransactionType::Dividend, day, currency);
        entry.assetId = RowId(asset) + 1;
        entry.amount = amount;
        entry.fee = fee;
        book.cash[currency] += amount - fee;
    }

    const GeneratorOptions &m_options;
    const std::vector<Portfolio> &m_portfolios;
    const std::vector<AssetPlan> &m_assets;
    const std::vector<QDate> &m_days;
    const std::vector<std::int64_t> &m_closes;
    Random m_random;
    std::vector<Book> m_books;
    std::vector<Transaction> m_entries;
};

std::vector<Portfolio> planPortfolios(const GeneratorOptions &options)
{
    static constexpr std::array<const char16_t *, 4> BaseCurrencies{u"EUR", u"USD", u"GBP", u"CHF"};
    std::vector<Portfolio> portfolios(std::size_t(options.portfolios));
    for (std::size_t i = 0; i < portfolios.size(); ++i) {
        portfolios[i].name = QStringLiteral("Synthetic Portfolio %1").arg(i + 1);
        portfolios[i].baseCurrency = QString::fromUtf16(BaseCurrencies[i % BaseCurrencies.size()]);
        portfolios[i].costBasisMethod = i % 2 == 0 ? CostBasisMethod::Fifo : CostBasisMethod::AverageCost;
    }
    return portfolios;
}

} // namespace

QDate BookGenerator::defaultEndDate(std::uint64_t seed)
{
    return QDate(2024, 1, 1).addDays(qint64(seed % 366)); // 2024 is a leap year
}

bool BookGenerator::isHoliday(QDate date)
{
    const int month = date.month();
    const int day = date.day();
    return (month == 1 && day == 1) || (month == 5 && day == 1) || (month == 12 && (day == 25 || day == 26));
}

bool BookGenerator::isTradingDay(QDate date)
{
    return date.isValid() && date.dayOfWeek() <= 5 && !isHoliday(date);
}

Result<void> BookGenerator::validate(const GeneratorOptions &options)
{
    const auto outOfRange = [](const char16_t *name, std::int64_t value, std::int64_t low, std::int64_t high) {
        return Error{QStringLiteral("--%1: '%2' is out of range (%3 to %4)")
                         .arg(QString::fromUtf16(name)).arg(value).arg(low).arg(high)};
    };
    if (options.portfolios < 1 || options.portfolios > MaxPortfolios)
        return outOfRange(u"portfolios", options.portfolios, 1, MaxPortfolios);
    if (options.assets < 1 || options.assets > MaxAssets)
        return outOfRange(u"assets", options.assets, 1, MaxAssets);
    if (options.transactions < 0 || options.transactions > MaxTransactions)
        return outOfRange(u"transactions", options.transactions, 0, MaxTransactions);
    if (options.years < 1 || options.years > MaxYears)
        return outOfRange(u"years", options.years, 1, MaxYears);
    if (options.priceBatchRows < MinPriceBatchRows)
        return outOfRange(u"batch", options.priceBatchRows, MinPriceBatchRows, MaxPriceRows);
    if (!options.endDate.isNull() && !options.endDate.isValid())
        return Error{QStringLiteral("--end: not a valid date")};
    // About 261 trading days a year.
    const std::int64_t rows = std::int64_t(options.assets) * options.years * 261;
    if (rows > MaxPriceRows)
        return Error{QStringLiteral("--assets %1 over --years %2 gives about %3 price rows; the limit is %4")
                         .arg(options.assets).arg(options.years).arg(rows).arg(MaxPriceRows)};
    return {};
}

void BookGenerator::report(const QString &stage, std::int64_t done, std::int64_t total) const
{
    if (m_progress)
        m_progress(stage, done, total);
}

Result<GeneratorReport> BookGenerator::generate(const GeneratorOptions &options) const
{
    if (auto valid = validate(options); !valid)
        return Error{valid.error()};

    const store::AssetRepository assetRepository(m_database);
    auto existing = assetRepository.list();
    if (!existing)
        return Error{existing.error()};
    if (std::any_of(existing->begin(), existing->end(), [](const Asset &asset) { return asset.synthetic; }))
        return Error{QStringLiteral("the store already holds a synthetic book; generate into a new store")};

    // Plan the whole book in memory first: nothing is written if planning fails.
    const QDate lastDay = options.endDate.isNull() ? defaultEndDate(options.seed) : options.endDate;
    const QDate firstDay = lastDay.addYears(-options.years).addDays(1);
    const std::vector<QDate> days = tradingDays(firstDay, lastDay);
    const int dayCount = int(days.size());
    std::vector<AssetPlan> assetPlans = planAssets(options, dayCount);
    const std::vector<std::int64_t> closes = walkCloses(options, assetPlans, dayCount);
    std::vector<Portfolio> portfolios = planPortfolios(options);
    std::vector<Transaction> entries = EntryPlanner(options, portfolios, assetPlans, days, closes).plan();

    GeneratorReport result;
    result.firstDay = firstDay;
    result.lastDay = lastDay;

    const store::PortfolioRepository portfolioRepository(m_database);
    for (Portfolio &portfolio : portfolios) {
        auto added = portfolioRepository.add(portfolio);
        if (!added)
            return Error{added.error()};
        portfolio = std::move(added).value();
        report(QStringLiteral("portfolios"), ++result.portfolios, options.portfolios);
    }

    std::vector<Asset> assets;
    assets.reserve(assetPlans.size());
    for (const AssetPlan &plan : assetPlans)
        assets.push_back(plan.asset);
    if (auto added = assetRepository.addMany(assets); !added)
        return Error{added.error()};
    result.assets = int(assets.size());
    report(QStringLiteral("assets"), result.assets, options.assets);

    for (Transaction &entry : entries) {
        entry.portfolioId = portfolios[std::size_t(entry.portfolioId - 1)].id;
        if (entry.assetId != 0) {
            entry.assetId = assets[std::size_t(entry.assetId - 1)].id;
            if (entry.type == TransactionType::Split)
                ++result.splits;
        }
    }
    if (auto added = store::TransactionRepository(m_database).insertMany(entries); !added)
        return Error{added.error()};
    result.transactions = std::int64_t(entries.size());
    report(QStringLiteral("transactions"), result.transactions, options.transactions);
    entries = {};

    // Open, high and low around the close; adjusted closes scaled for later splits.
    const store::PriceRepository priceRepository(m_database);
    const std::int64_t totalRows = std::int64_t(assets.size()) * dayCount;
    std::vector<store::PriceRecord> batch;
    batch.reserve(std::size_t(std::min(options.priceBatchRows, totalRows)));
    const auto flush = [&]() -> Result<void> {
        if (auto written = priceRepository.upsertMany(batch, u"synthetic"); !written)
            return written;
        result.prices += std::int64_t(batch.size());
        batch.clear();
        report(QStringLiteral("prices"), result.prices, totalRows);
        return {};
    };
    for (std::size_t a = 0; a < assets.size(); ++a) {
        const AssetPlan &plan = assetPlans[a];
        Random random(streamSeed(options.seed, Stream::Bars, a));
        const std::int64_t *series = closes.data() + a * std::size_t(dayCount);
        const double splitRatio = double(plan.splitNumerator) / plan.splitDenominator;
        double previousClose = plan.startPrice;
        for (int d = 0; d < dayCount; ++d) {
            const std::int64_t closeTicks = series[d];
            const double close = double(closeTicks) / TicksPerUnit;
            const double reference = d == plan.splitDay ? previousClose / splitRatio : previousClose;
            const std::int64_t open = toTicks(reference * (1.0 + plan.volatility * 0.3 * random.normal()));
            const double top = double(std::max(open, closeTicks)) / TicksPerUnit;
            const double bottom = double(std::min(open, closeTicks)) / TicksPerUnit;
            const std::int64_t high = std::max(toTicks(top * (1.0 + plan.volatility * 0.5 * random.uniform())),
                                               std::max(open, closeTicks));
            const std::int64_t low = std::min(toTicks(bottom * (1.0 - plan.volatility * 0.5 * random.uniform())),
                                              std::min(open, closeTicks));
            const double adjustment = plan.splitDay >= 0 && d < plan.splitDay ? 1.0 / splitRatio : 1.0;
            store::PriceRecord &row = batch.emplace_back();
            row.assetId = assets[a].id;
            row.bar.date = days[std::size_t(d)];
            row.bar.open = fromTicks(open);
            row.bar.high = fromTicks(high);
            row.bar.low = fromTicks(low);
            row.bar.close = fromTicks(closeTicks);
            row.bar.adjustedClose = fromTicks(toTicks(double(closeTicks) * adjustment / TicksPerUnit));
            row.bar.volume = Decimal::fromInteger(random.between(1'000, 5'000'000));
            previousClose = close;
            if (std::int64_t(batch.size()) >= options.priceBatchRows) {
                if (auto written = flush(); !written)
                    return Error{written.error()};
            }
        }
    }
    if (!batch.empty()) {
        if (auto written = flush(); !written)
            return Error{written.error()};
    }
    return result;
}

} // namespace pt
