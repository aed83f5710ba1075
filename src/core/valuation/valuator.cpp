#include "valuation/valuator.h"

#include "domain/transactionrules.h"
#include "money/currency.h"
#include "store/bookloader.h"
#include "store/database.h"
#include "store/pricerepository.h"

#include <QSet>

#include <algorithm>
#include <climits>
#include <set>

namespace pt::valuation {

namespace {

// The kernel walks the calendar once, from the first entry to the last day.
// State is flat and indexed: assets, portfolios and currencies get small
// integer indices up front, so the per-day work is array arithmetic, not map
// lookups keyed by QString. Holdings are valued incrementally: an entry that
// changes a quantity adds (Δquantity × carried close), a new close adds
// (quantity × Δclose), so a day costs what changed on it, not what is held.

const QString Euro = QStringLiteral("EUR");
constexpr Decimal::Raw Scale = Decimal::ScaleFactor;
constexpr int NoDay = INT_MIN;

// Σ quantity × price, kept exact: raw products (10^-24 units) add up in `lo`,
// which spills into `hi` (a Decimal, 10^-12 units) before it could overflow.
// Read out rounded half away from zero to 12 digits, once, so no rounding
// accumulates over thousands of days.
struct ExactSum
{
    Decimal::Raw lo = 0;
    Decimal hi;

    void spill()
    {
        hi += Decimal::fromRaw(lo / Scale);
        lo %= Scale;
    }
    void addProduct(Decimal a, Decimal b)
    {
        Decimal::Raw product = 0;
        const auto small = [](Decimal::Raw raw) {
            return raw == Decimal::Raw(std::int64_t(raw));
        };
        if (small(a.raw()) && small(b.raw())) {
            // Both below 9.2 × 10^6 (nearly every quantity and price): one
            // 64 × 64 → 128-bit multiply that cannot overflow.
            product = Decimal::Raw(std::int64_t(a.raw())) * std::int64_t(b.raw());
        } else if (!a.isValid() || !b.isValid() || __builtin_mul_overflow(a.raw(), b.raw(), &product)) {
            hi += a * b; // beyond the fast path: rounded to 12 digits, or invalid
            return;
        }
        Decimal::Raw sum = 0;
        if (!__builtin_add_overflow(lo, product, &sum)) {
            lo = sum;
            return;
        }
        spill();
        hi += Decimal::fromRaw(product / Scale);
        lo += product % Scale;
    }
    Decimal value() const
    {
        Decimal::Raw units = lo / Scale;
        const Decimal::Raw rest = lo % Scale;
        if (2 * (rest < 0 ? -rest : rest) >= Scale)
            units += lo < 0 ? -1 : 1;
        return hi + Decimal::fromRaw(units);
    }
};

struct AssetState
{
    const Asset *asset = nullptr;
    int currency = 0;
    const std::vector<Close> *closes = nullptr;
    // The closes not consumed yet, as raw pointers: the day loop reads them
    // without going through the vector (kept in a hash node elsewhere).
    const Close *next = nullptr;
    const Close *end = nullptr;
    qint64 nextJulian = LLONG_MAX; // day of *next, cached here so days without a close skip it
    Decimal price; // last known close; zero until there is one
    int priceDay = NoDay;
    bool priced = false;
    bool stale = false;
    bool used = false; // named by an entry of the portfolios valued
};

// One day-indexed rate table per currency: EUR -> currency, carried forward.
struct RateTable
{
    std::vector<Decimal> rate;
    std::vector<int> since; // day index of the rate used, NoDay when none yet
    QDate firstDate; // of the first rate row; null when there is none
};

// A transfer of units valued at the day's close once every close is known.
struct UnitFlow
{
    int series; // portfolio index, or -1 for the total
    int asset;
    Decimal quantity; // signed: + in, − out
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
    Kernel(const ValuationInputs &inputs, const ValuationOptions &options)
        : m_inputs(inputs)
        , m_options(options)
    { }
    Result<Valuation> run();

private:
    int currencyIndex(const QString &code);
    Result<void> setUp();
    void buildRates();
    Result<void> apply(const Transaction &t, int day);
    void setQuantity(int portfolio, int asset, Decimal quantity);
    void advancePrices(int day);
    void valueUnitFlows();
    void readOut(int day);
    // amount in currency `from` in currency `to` on `day`; false when a rate is missing.
    bool convert(Decimal amount, int from, int to, int day, Decimal &result, bool &stale, SeriesBuilder &builder);
    QString priceMissing(const AssetState &state) const;
    QDate dateOf(int day) const{return QDate::fromJulianDay(m_firstJulian + day);}

    const ValuationInputs &m_inputs;
    const ValuationOptions &m_options;

    qint64 m_firstJulian = 0;
    int m_days = 0;
    std::vector<const Transaction *> m_entries; // in replay order, up to the last day

    std::unordered_map<RowId, int> m_portfolioIndex;
    std::unordered_map<RowId, int> m_assetIndex;
    QStringList m_currencies;
    std::vector<int> m_minorUnits;
    int m_euro = 0;
    std::vector<AssetState> m_assets;
    std::vector<int> m_usedAssets;
    std::vector<RateTable> m_rates;

    int m_portfolioCount = 0;
    int m_currencyCount = 0;
    std::vector<Decimal> m_quantity; // [asset * portfolios + portfolio]
    std::vector<ExactSum> m_holdings; // [portfolio * currencies + currency]
    std::vector<Decimal> m_cash; // [portfolio * currencies + currency]
    std::vector<int> m_held; // assets held, [portfolio * currencies + currency]
    std::vector<int> m_unpriced; // held assets without any close yet, per portfolio
    std::vector<int> m_staleAssets; // held assets with a stale close, per portfolio
    std::vector<UnitFlow> m_unitFlows; // today's transfers of units
    std::vector<Decimal> m_totalAmounts; // all portfolios' amounts of the day, by currency

    std::vector<SeriesBuilder> m_series; // the portfolios, then the total last
};

int Kernel::currencyIndex(const QString &code)
{
    const qsizetype found = m_currencies.indexOf(code);
    if (found >= 0)
        return int(found);
    m_currencies << code;
    m_minorUnits.push_back(currency::minorUnits(code));
    return int(m_currencies.size() - 1);
}

Result<void> Kernel::setUp()
{
    const QDate lastDay = m_options.lastDay;
    if (!lastDay.isValid())
        return Error{QStringLiteral("The valuation needs a last day")};
    if (m_options.staleAfterDays < 0)
        return Error{QStringLiteral("The staleness limit must not be negative (%1)").arg(m_options.staleAfterDays)};

    m_euro = currencyIndex(Euro);
    const int totalBase = currencyIndex(m_options.totalCurrency);
    m_portfolioCount = int(m_inputs.portfolios.size());
    for (int p = 0; p < m_portfolioCount; ++p) {
        const Portfolio &portfolio = m_inputs.portfolios[std::size_t(p)];
        if (!m_portfolioIndex.emplace(portfolio.id, p).second)
            return Error{QStringLiteral("Portfolio '%1' was given twice to the valuation").arg(portfolio.name)};
        SeriesBuilder builder;
        builder.base = portfolio.baseCurrency;
        builder.baseIndex = currencyIndex(portfolio.baseCurrency);
        m_series.push_back(std::move(builder));
    }
    SeriesBuilder total;
    total.base = m_options.totalCurrency;
    total.baseIndex = totalBase;
    m_series.push_back(std::move(total));

    m_assets.reserve(m_inputs.assets.size());
    for (const Asset &asset : m_inputs.assets) {
        if (!m_assetIndex.emplace(asset.id, int(m_assets.size())).second)
            continue;
        AssetState state;
        state.asset = &asset;
        state.currency = currencyIndex(asset.currency);
        const auto closes = m_inputs.closes.find(asset.id);
        state.closes = closes == m_inputs.closes.end() ? nullptr : &closes->second;
        if (state.closes) {
            state.next = state.closes->data();
            state.end = state.next + state.closes->size();
            if (state.next != state.end)
                state.nextJulian = state.next->date.toJulianDay();
        }
        m_assets.push_back(state);
    }

    // The entries that concern the portfolios valued, in replay order.
    qint64 firstJulian = lastDay.toJulianDay() + 1;
    for (const Transaction &t : m_inputs.transactions) {
        if (t.stamp.deleted || !t.date.isValid() || t.date > lastDay)
            continue;
        const auto mine = m_portfolioIndex.find(t.portfolioId);
        const auto theirs = t.type == TransactionType::Transfer ? m_portfolioIndex.find(t.counterpartyPortfolioId)
                                                                : m_portfolioIndex.end();
        if (mine == m_portfolioIndex.end() && theirs == m_portfolioIndex.end())
            continue;
        if (t.assetId != 0) {
            const auto asset = m_assetIndex.find(t.assetId);
            if (asset == m_assetIndex.end()) {
                return Error { QStringLiteral("Entry %1 of %2 names an unknown asset (id %3)")
                                   .arg(t.stamp.uuid.toString(QUuid::WithoutBraces), t.date.toString(Qt::ISODate))
                                   .arg(t.assetId) };
            }
            m_assets[std::size_t(asset->second)].used = true;
        }
        currencyIndex(t.currency);
        firstJulian = std::min(firstJulian, t.date.toJulianDay());
        m_entries.push_back(&t);
    }
    const auto before = [](const Transaction *a, const Transaction *b) {
        return replaysBefore(*a, *b);
    };
    if (!std::is_sorted(m_entries.begin(), m_entries.end(), before))
        std::stable_sort(m_entries.begin(), m_entries.end(), before);

    m_firstJulian = firstJulian;
    m_days = int(lastDay.toJulianDay() - firstJulian + 1); // 0 when there is no entry
    for (const Transaction *t : m_entries) {
        const int day = int(t->date.toJulianDay() - m_firstJulian);
        for (RowId id : {t->portfolioId, t->type == TransactionType::Transfer ? t->counterpartyPortfolioId : 0}) {
            const auto found = m_portfolioIndex.find(id);
            if (found != m_portfolioIndex.end() && m_series[std::size_t(found->second)].firstDay == NoDay)
                m_series[std::size_t(found->second)].firstDay = day;
        }
    }
    m_series.back().firstDay = m_entries.empty() ? NoDay : 0;

    for (int a = 0; a < int(m_assets.size()); ++a) {
        if (m_assets[std::size_t(a)].used)
            m_usedAssets.push_back(a);
    }
    m_currencyCount = int(m_currencies.size());
    m_quantity.assign(m_assets.size() * std::size_t(m_portfolioCount), Decimal());
    const std::size_t accounts = std::size_t(m_portfolioCount) * std::size_t(m_currencyCount);
    m_holdings.assign(accounts, ExactSum());
    m_cash.assign(accounts, Decimal());
    m_held.assign(accounts, 0);
    m_unpriced.assign(std::size_t(m_portfolioCount), 0);
    m_staleAssets.assign(std::size_t(m_portfolioCount), 0);
    m_totalAmounts.assign(std::size_t(m_currencyCount), Decimal());
    for (SeriesBuilder &builder : m_series) {
        builder.flowToday.assign(std::size_t(m_currencyCount), Decimal());
        if (builder.firstDay == NoDay)
            continue;
        const std::size_t size = std::size_t(m_days - builder.firstDay);
        builder.series.baseCurrency = builder.base;
        builder.series.first = dateOf(builder.firstDay);
        builder.series.marketValue.reserve(size);
        builder.series.externalFlow.reserve(size);
        builder.series.invested.reserve(size);
        builder.series.stale.reserve(size);
        builder.series.incomplete.reserve(size);
    }
    buildRates();
    return {};
}

void Kernel::buildRates()
{
    m_rates.assign(std::size_t(m_currencyCount), RateTable());
    auto rows = std::vector<std::vector<const store::FxRate *>>(std::size_t(m_currencyCount));
    for (const store::FxRate &rate : m_inputs.fxRates) {
        if (rate.base != Euro || !rate.date.isValid() || !rate.rate.isPositive())
            continue;
        const qsizetype found = m_currencies.indexOf(rate.quote);
        if (found >= 0 && int(found) != m_euro)
            rows[std::size_t(found)].push_back(&rate);
    }
    for (int c = 0; c < m_currencyCount; ++c) {
        if (c == m_euro)
            continue;
        auto &list = rows[std::size_t(c)];
        std::sort(list.begin(), list.end(),
                  [](const store::FxRate *a, const store::FxRate *b) { return a->date < b->date; });
        RateTable &table = m_rates[std::size_t(c)];
        table.rate.assign(std::size_t(m_days), Decimal());
        table.since.assign(std::size_t(m_days), NoDay);
        if (!list.empty())
            table.firstDate = list.front()->date;
        std::size_t next = 0;
        Decimal rate;
        int since = NoDay;
        for (int day = 0; day < m_days; ++day) {
            while (next < list.size() && list[next]->date.toJulianDay() - m_firstJulian <= day) {
                rate = list[next]->rate;
                since = int(list[next]->date.toJulianDay() - m_firstJulian);
                ++next;
            }
            table.rate[std::size_t(day)] = rate;
            table.since[std::size_t(day)] = since;
        }
    }
}

void Kernel::setQuantity(int portfolio, int asset, Decimal quantity)
{
    AssetState &state = m_assets[std::size_t(asset)];
    Decimal &held = m_quantity[std::size_t(asset) * std::size_t(m_portfolioCount) + std::size_t(portfolio)];
    const std::size_t account = std::size_t(portfolio) * std::size_t(m_currencyCount) + std::size_t(state.currency);
    if (state.priced)
        m_holdings[account].addProduct(quantity - held, state.price);
    const bool wasHeld = !held.isZero();
    const bool isHeld = !quantity.isZero();
    held = quantity;
    if (wasHeld == isHeld)
        return;
    const int step = isHeld ? 1 : -1;
    m_held[account] += step;
    if (state.stale)
        m_staleAssets[std::size_t(portfolio)] += step;
    if (!state.priced) {
        m_unpriced[std::size_t(portfolio)] += step;
        if (isHeld) {
            const QString message = priceMissing(state);
            m_series[std::size_t(portfolio)].report(message);
            m_series.back().report(message);
        }
    }
}

QString Kernel::priceMissing(const AssetState &state) const
{
    const QString &symbol = state.asset->symbol;
    if (state.closes && !state.closes->empty())
        return QStringLiteral("no price for %1 before %2")
            .arg(symbol, state.closes->front().date.toString(Qt::ISODate));
    return QStringLiteral("no price for %1 up to %2").arg(symbol, m_options.lastDay.toString(Qt::ISODate));
}

Result<void> Kernel::apply(const Transaction &t, int day)
{
    const auto mine = m_portfolioIndex.find(t.portfolioId);
    const int p = mine == m_portfolioIndex.end() ? -1 : mine->second;
    const int asset = t.assetId != 0 ? m_assetIndex.find(t.assetId)->second : -1;
    const int c = asset >= 0 ? m_assets[std::size_t(asset)].currency : int(m_currencies.indexOf(t.currency));
    const auto quantityOf = [&](int portfolio) -> Decimal & {
        return m_quantity[std::size_t(asset) * std::size_t(m_portfolioCount) + std::size_t(portfolio)];
    };
    const auto cash = [&](int portfolio) -> Decimal & {
        return m_cash[std::size_t(portfolio) * std::size_t(m_currencyCount) + std::size_t(c)];
    };
    const auto flow = [&](int series, Decimal amount) {
        m_series[std::size_t(series)].flowToday[std::size_t(c)] += amount;
    };
    const int total = m_portfolioCount;
    Q_UNUSED(day);
    // setUp() kept only entries of the portfolios valued and transfers touching one.
    if (p < 0 && t.type != TransactionType::Transfer)
        return Error{QStringLiteral("Entry %1 is outside the portfolios valued").arg(t.stamp.uuid.toString())};

    switch (t.type) {
    case TransactionType::Buy:
    case TransactionType::Sell: {
        if (asset < 0)
            break;
        const Decimal gross = (t.quantity * t.price).rounded(m_minorUnits[std::size_t(c)]);
        const bool buy = t.type == TransactionType::Buy;
        setQuantity(p, asset, buy ? quantityOf(p) + t.quantity : quantityOf(p) - t.quantity);
        cash(p) += buy ? -(gross + t.fee) : gross - t.fee;
        break;
    }
    case TransactionType::Dividend:
        cash(p) += t.amount - t.fee;
        break;
    case TransactionType::Interest:
        cash(p) += t.amount;
        break;
    case TransactionType::Fee:
    case TransactionType::Tax:
        cash(p) -= t.amount;
        break;
    case TransactionType::Split:
        if (asset >= 0 && !quantityOf(p).isZero() && !t.splitDenominator.isZero())
            setQuantity(p, asset, quantityOf(p) * t.splitNumerator / t.splitDenominator);
        break;
    case TransactionType::Deposit:
    case TransactionType::Withdrawal: {
        const Decimal amount = t.type == TransactionType::Deposit ? t.amount : -t.amount;
        cash(p) += amount;
        flow(p, amount);
        flow(total, amount);
        break;
    }
    case TransactionType::Transfer: {
        const auto theirs = m_portfolioIndex.find(t.counterpartyPortfolioId);
        const int to = theirs == m_portfolioIndex.end() ? -1 : theirs->second;
        // A side outside the portfolios valued makes the transfer external to the total.
        const int external = (p < 0) == (to < 0) ? 0 : (p < 0 ? 1 : -1);
        if (asset < 0) {
            if (p >= 0) {
                cash(p) -= t.amount;
                flow(p, -t.amount);
            }
            if (to >= 0) {
                cash(to) += t.amount;
                flow(to, t.amount);
            }
            if (external != 0)
                flow(total, external > 0 ? t.amount : -t.amount);
            break;
        }
        if (p >= 0) {
            setQuantity(p, asset, quantityOf(p) - t.quantity);
            m_unitFlows.push_back(UnitFlow{p, asset, -t.quantity});
        }
        if (to >= 0) {
            setQuantity(to, asset, quantityOf(to) + t.quantity);
            m_unitFlows.push_back(UnitFlow{to, asset, t.quantity});
        }
        if (external != 0)
            m_unitFlows.push_back(UnitFlow{-1, asset, external > 0 ? t.quantity : -t.quantity});
        break;
    }
    }
    return {};
}

void Kernel::advancePrices(int day)
{
    const int limit = m_options.staleAfterDays;
    const qint64 lastJulian = m_firstJulian + day;
    // A thousand assets are a thousand streams of closes, too many for the
    // hardware prefetcher: ask for the next close of the asset a few ahead.
    constexpr std::size_t Ahead = 32;
    for (std::size_t i = 0; i < m_usedAssets.size(); ++i) {
        if (i + Ahead < m_usedAssets.size()) {
            const AssetState &later = m_assets[std::size_t(m_usedAssets[i + Ahead])];
            if (later.next != later.end)
                __builtin_prefetch(later.next);
        }
        const int a = m_usedAssets[i];
        AssetState &state = m_assets[std::size_t(a)];
        bool changed = false;
        Decimal price = state.price;
        if (state.nextJulian <= lastJulian) {
            while (state.next != state.end && state.next->date.toJulianDay() <= lastJulian) {
                const Close &close = *state.next++;
                if (!close.close.isValid() || !close.date.isValid())
                    continue;
                price = close.close;
                state.priceDay = int(close.date.toJulianDay() - m_firstJulian);
                changed = true;
            }
            state.nextJulian = state.next != state.end ? state.next->date.toJulianDay() : LLONG_MAX;
        }
        const Decimal *quantities = m_quantity.data() + std::size_t(a) * std::size_t(m_portfolioCount);
        if (changed) {
            const Decimal change = price - state.price;
            for (int p = 0; p < m_portfolioCount; ++p) {
                if (quantities[p].isZero())
                    continue;
                const std::size_t account = std::size_t(p) * std::size_t(m_currencyCount) + std::size_t(state.currency);
                m_holdings[account].addProduct(quantities[p], change);
                if (!state.priced)
                    --m_unpriced[std::size_t(p)];
            }
            state.price = price;
            state.priced = true;
        }
        const bool stale = state.priced && day - state.priceDay > limit;
        if (stale != state.stale) {
            state.stale = stale;
            for (int p = 0; p < m_portfolioCount; ++p) {
                if (!quantities[p].isZero())
                    m_staleAssets[std::size_t(p)] += stale ? 1 : -1;
            }
        }
    }
}

void Kernel::valueUnitFlows()
{
    for (const UnitFlow &unitFlow : m_unitFlows) {
        const AssetState &state = m_assets[std::size_t(unitFlow.asset)];
        SeriesBuilder &builder = m_series[std::size_t(unitFlow.series < 0 ? m_portfolioCount : unitFlow.series)];
        if (!state.priced) {
            builder.incompleteToday = true;
            builder.report(priceMissing(state));
            continue;
        }
        builder.flowToday[std::size_t(state.currency)] += unitFlow.quantity * state.price;
    }
    m_unitFlows.clear();
}

bool Kernel::convert(Decimal amount, int from, int to, int day, Decimal &result, bool &stale, SeriesBuilder &builder)
{
    if (from == to) {
        result = amount;
        return true;
    }
    const auto rateOf = [&](int c, Decimal &rate) {
        if (c == m_euro) {
            rate = Decimal(1);
            return true;
        }
        const RateTable &table = m_rates[std::size_t(c)];
        const int since = table.since[std::size_t(day)];
        if (since == NoDay) {
            const QString &code = m_currencies[c];
            builder.report(
                table.firstDate.isValid()
                    ? QStringLiteral("no EUR→%1 rate before %2").arg(code, table.firstDate.toString(Qt::ISODate))
                    : QStringLiteral("no EUR→%1 rate up to %2").arg(code, m_options.lastDay.toString(Qt::ISODate)));
            return false;
        }
        rate = table.rate[std::size_t(day)];
        if (day - since > m_options.staleAfterDays)
            stale = true;
        return true;
    };
    Decimal fromRate;
    Decimal toRate;
    const bool haveFrom = rateOf(from, fromRate);
    const bool haveTo = rateOf(to, toRate);
    if (!haveFrom || !haveTo)
        return false;
    // 1 EUR = fromRate units of `from` = toRate units of `to`.
    if (from == m_euro)
        result = amount * toRate;
    else if (to == m_euro)
        result = amount / fromRate;
    else
        result = amount * toRate / fromRate;
    return true;
}

void Kernel::readOut(int day)
{
    std::vector<Decimal> &totalAmounts = m_totalAmounts;
    std::fill(totalAmounts.begin(), totalAmounts.end(), Decimal());
    bool assetsStale = false;
    bool assetsMissing = false;
    for (int p = 0; p <= m_portfolioCount; ++p) {
        SeriesBuilder &builder = m_series[std::size_t(p)];
        const bool isTotal = p == m_portfolioCount;
        Decimal value;
        bool stale = isTotal ? assetsStale : m_staleAssets[std::size_t(p)] > 0;
        bool incomplete = builder.incompleteToday || (isTotal ? assetsMissing : m_unpriced[std::size_t(p)] > 0);
        for (int c = 0; c < m_currencyCount; ++c) {
            Decimal amount;
            bool held = false;
            if (isTotal) {
                amount = totalAmounts[std::size_t(c)];
            } else {
                const std::size_t account = std::size_t(p) * std::size_t(m_currencyCount) + std::size_t(c);
                amount = m_cash[account] + m_holdings[account].value();
                held = m_held[account] > 0;
                totalAmounts[std::size_t(c)] += amount;
            }
            if (amount.isZero() && !held)
                continue;
            Decimal converted;
            if (convert(amount, c, builder.baseIndex, day, converted, stale, builder))
                value += converted;
            else
                incomplete = true;
        }
        Decimal flow;
        for (int c = 0; c < m_currencyCount; ++c) {
            Decimal &today = builder.flowToday[std::size_t(c)];
            if (today.isZero())
                continue;
            Decimal converted;
            if (convert(today, c, builder.baseIndex, day, converted, stale, builder))
                flow += converted;
            else
                incomplete = true;
            today = Decimal();
        }
        builder.incompleteToday = false;
        if (!isTotal) {
            assetsStale = assetsStale || m_staleAssets[std::size_t(p)] > 0;
            assetsMissing = assetsMissing || m_unpriced[std::size_t(p)] > 0;
        }
        if (builder.firstDay == NoDay || day < builder.firstDay)
            continue;
        builder.invested += flow;
        builder.series.marketValue.push_back(value);
        builder.series.externalFlow.push_back(flow);
        builder.series.invested.push_back(builder.invested);
        builder.series.stale.push_back(stale);
        builder.series.incomplete.push_back(incomplete);
    }
}

Result<Valuation> Kernel::run()
{
    if (auto ready = setUp(); !ready)
        return Error{ready.error()};
    std::size_t next = 0;
    for (int day = 0; day < m_days; ++day) {
        // The day's closes first, so an entry of the day finds its close: the
        // sums end at (quantity × close) of the day's end either way.
        advancePrices(day);
        while (next < m_entries.size() && m_entries[next]->date.toJulianDay() - m_firstJulian == day) {
            if (auto applied = apply(*m_entries[next], day); !applied)
                return Error{applied.error()};
            ++next;
        }
        valueUnitFlows();
        readOut(day);
    }

    Valuation valuation;
    for (int p = 0; p <= m_portfolioCount; ++p) {
        ValueSeries &series = m_series[std::size_t(p)].series;
        const auto invalid = std::find_if(series.marketValue.begin(), series.marketValue.end(),
                                          [](Decimal value) { return !value.isValid(); });
        if (invalid != series.marketValue.end()) {
            series.missing << QStringLiteral("value beyond the exact range from %1")
                                  .arg(series.day(int(invalid - series.marketValue.begin())).toString(Qt::ISODate));
        }
        if (p == m_portfolioCount)
            valuation.total = std::move(series);
        else
            valuation.portfolios.push_back(
                PortfolioSeries{m_inputs.portfolios[std::size_t(p)].id, std::move(series)});
    }
    if (valuation.total.baseCurrency.isEmpty())
        valuation.total.baseCurrency = m_options.totalCurrency;
    for (std::size_t p = 0; p < valuation.portfolios.size(); ++p) {
        if (valuation.portfolios[p].series.baseCurrency.isEmpty())
            valuation.portfolios[p].series.baseCurrency = m_inputs.portfolios[p].baseCurrency;
    }
    return valuation;
}

} // namespace

Result<Valuation> computeValuation(const ValuationInputs &inputs, const ValuationOptions &options)
{
    return Kernel(inputs, options).run();
}

Result<ValuationInputs> loadValuationInputs(const store::Database &database, QDate lastDay,
                                            const QString &totalCurrency)
{
    auto book = store::loadWholeBook(database);
    if (!book)
        return Error{book.error()};
    ValuationInputs inputs;
    inputs.portfolios = std::move(book->portfolios);
    inputs.assets = std::move(book->assets);
    inputs.transactions = std::move(book->transactions);

    std::set<RowId> used;
    QSet<QString> currencies{totalCurrency};
    for (const Transaction &t : inputs.transactions) {
        if (t.stamp.deleted)
            continue;
        if (t.assetId != 0)
            used.insert(t.assetId);
        currencies.insert(t.currency);
    }
    for (const Portfolio &portfolio : inputs.portfolios)
        currencies.insert(portfolio.baseCurrency);

    for (const Asset &asset : inputs.assets) {
        if (used.count(asset.id))
            currencies.insert(asset.currency);
    }
    auto closes = store::PriceRepository(database).closes(used, lastDay);
    if (!closes)
        return Error{closes.error()};
    inputs.closes = std::move(*closes);
    const store::FxRateRepository rates(database);
    for (const QString &code : std::as_const(currencies)) {
        if (code == Euro || code.isEmpty())
            continue;
        auto rows = rates.list(code, {}, lastDay);
        if (!rows)
            return Error{rows.error()};
        inputs.fxRates.insert(inputs.fxRates.end(), rows->begin(), rows->end());
    }
    return inputs;
}

Result<Valuation> valueFromStore(const store::Database &database, const ValuationOptions &options)
{
    auto inputs = loadValuationInputs(database, options.lastDay, options.totalCurrency);
    if (!inputs)
        return Error{inputs.error()};
    return computeValuation(*inputs, options);
}

} // namespace pt::valuation
