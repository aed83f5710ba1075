#include "valuation/valuationkernel_p.h"

#include "domain/transactionrules.h"
#include "money/currency.h"

#include <algorithm>

namespace pt::valuation::detail {

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
        AssetInfo info;
        info.asset = &asset;
        info.currency = currencyIndex(asset.currency);
        if (m_table) {
            info.compact = m_table->find(asset.id);
            if (info.compact && !info.compact->empty())
                info.firstCloseDate = QDate::fromJulianDay(info.compact->front().julianDay);
        } else {
            const auto closes = m_inputs.closes.find(asset.id);
            info.dated = closes == m_inputs.closes.end() ? nullptr : &closes->second;
            if (info.dated && !info.dated->empty())
                info.firstCloseDate = info.dated->front().date;
        }
        m_assets.push_back(info);
    }

    RowId maxAssetId = 0;
    for (const AssetInfo &info : m_assets)
        maxAssetId = std::max(maxAssetId, info.asset->id);
    if (maxAssetId >= 0 && std::size_t(maxAssetId) < 4 * m_assets.size() + 1024) {
        m_assetSlot.assign(std::size_t(maxAssetId) + 1, -1);
        for (std::size_t a = 0; a < m_assets.size(); ++a) {
            if (m_assets[a].asset->id >= 0)
                m_assetSlot[std::size_t(m_assets[a].asset->id)] = int(a);
        }
    }
    for (const Portfolio &portfolio : m_inputs.portfolios)
        m_portfolioIds.push_back(portfolio.id);

    // The entries that concern the portfolios valued, in replay order.
    qint64 firstJulian = lastDay.toJulianDay() + 1;
    m_entries.reserve(m_inputs.transactions.size());
    int lastCurrency = -1;
    const std::vector<Transaction> &transactions = m_inputs.transactions;
    for (std::size_t i = 0; i < transactions.size(); ++i) {
        // The one place that reads every entry: 100,000 of them are 25 MB and
        // their currencies one heap block each, so ask for the ones ahead.
        if (i + 8 < transactions.size())
            __builtin_prefetch(transactions[i + 8].currency.constData());
        const Transaction &t = transactions[i];
        if (t.stamp.deleted || !t.date.isValid() || t.date > lastDay)
            continue;
        const int mine = portfolioOf(t.portfolioId);
        const int theirs = t.type == TransactionType::Transfer ? portfolioOf(t.counterpartyPortfolioId) : -1;
        if (mine < 0 && theirs < 0)
            continue;
        int asset = -1;
        if (t.assetId != 0) {
            asset = assetOf(t.assetId);
            if (asset < 0) {
                return Error{QStringLiteral("Entry %1 of %2 names an unknown asset (id %3)")
                                 .arg(t.stamp.uuid.toString(QUuid::WithoutBraces), t.date.toString(Qt::ISODate))
                                 .arg(t.assetId)};
            }
            m_assets[std::size_t(asset)].used = true;
        }
        // Most entries are in the currency of the one before.
        if (lastCurrency < 0 || m_currencies[lastCurrency] != t.currency)
            lastCurrency = currencyIndex(t.currency);
        firstJulian = std::min(firstJulian, t.date.toJulianDay());
        const int currency = asset >= 0 ? m_assets[std::size_t(asset)].currency : lastCurrency;
        m_entries.push_back(Entry{&t, t.date.toJulianDay(), t.stamp.createdAt, 0, mine, theirs, asset, currency});
    }
    // replaysBefore(), from the entries' copies where they differ.
    const auto before = [](const Entry &a, const Entry &b) {
        if (a.julian != b.julian)
            return a.julian < b.julian;
        if (a.createdAt != b.createdAt)
            return a.createdAt < b.createdAt;
        return replaysBefore(*a.t, *b.t);
    };
    if (!std::is_sorted(m_entries.begin(), m_entries.end(), before))
        std::stable_sort(m_entries.begin(), m_entries.end(), before);

    m_firstJulian = firstJulian;
    m_days = int(lastDay.toJulianDay() - firstJulian + 1); // 0 when there is no entry
    for (Entry &entry : m_entries) {
        entry.day = int(entry.julian - m_firstJulian);
        for (int p : {entry.portfolio, entry.counterparty}) {
            if (p >= 0 && m_series[std::size_t(p)].firstDay == NoDay)
                m_series[std::size_t(p)].firstDay = entry.day;
        }
    }
    m_series.back().firstDay = m_entries.empty() ? NoDay : 0;
    m_currencyCount = int(m_currencies.size());

    // The first day each used asset has a close, as the asset pass will find it.
    for (AssetInfo &info : m_assets) {
        if (!info.used)
            continue;
        const auto first = [&](const auto &closes) {
            qint64 floor = 0;
            for (int i = 0; i < closes.count; ++i) {
                if (!closes.dated(i))
                    continue;
                floor = std::max(floor, closes.julian(i) - m_firstJulian);
                if (closes.close(i).isValid())
                    return floor < m_days ? int(floor) : NeverPriced;
            }
            return NeverPriced;
        };
        if (info.compact)
            info.firstPriced = first(CompactCloses{info.compact->data(), int(info.compact->size()), m_table});
        else if (info.dated)
            info.firstPriced = first(DatedCloses{info.dated->data(), int(info.dated->size())});
    }

    m_shape = std::make_shared<KernelShape>();
    m_shape->firstJulian = m_firstJulian;
    m_shape->days = m_days;
    m_shape->staleAfterDays = m_options.staleAfterDays;
    m_shape->keyframeInterval = m_options.keyframeInterval;
    m_shape->totalCurrency = m_options.totalCurrency;
    for (const Portfolio &portfolio : m_inputs.portfolios) {
        m_shape->portfolios.push_back(portfolio.id);
        m_shape->portfolioBases << portfolio.baseCurrency;
    }
    for (const AssetInfo &info : m_assets)
        m_shape->assets.push_back(info.asset->id);
    m_shape->currencies = m_currencies;

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

// Fresh state: nothing held, nothing reported, from the first day.
void Kernel::allocate()
{
    const std::size_t accounts = std::size_t(m_portfolioCount) * std::size_t(m_currencyCount);
    const std::size_t series = m_series.size();
    m_quantity.assign(m_assets.size() * std::size_t(m_portfolioCount), Decimal());
    m_holdingChanged.assign(m_quantity.size(), false);
    m_cash.assign(accounts, Decimal());
    m_events.assign(m_assets.size(), {});
    m_reportedPrice.assign(series * m_assets.size(), false);
    m_holdings.assign(accounts, ExactSum());
    m_holdingValue.assign(accounts, Decimal());
    m_cashNow.assign(accounts, Decimal());
    m_held.assign(accounts, 0);
    m_unpriced.assign(std::size_t(m_portfolioCount), 0);
    m_staleAssets.assign(std::size_t(m_portfolioCount), 0);
    m_totalAmounts.assign(std::size_t(m_currencyCount), Decimal());
    m_conversions.assign(series * std::size_t(m_currencyCount), ConversionCache());
    for (SeriesBuilder &builder : m_series)
        builder.flowToday.assign(std::size_t(m_currencyCount), Decimal());
}

// Takes the state of previous's last keyframe on or before the change, when
// the previous valuation was computed for the same shape; false when it cannot.
bool Kernel::resume(const Valuation &previous, QDate changedFrom)
{
    if (!changedFrom.isValid() || previous.keyframes.empty() || m_days <= 0)
        return false;
    const KeyframeState *first = previous.keyframes.front().state.get();
    if (!first || !first->shape || !(*first->shape == *m_shape))
        return false;
    if (previous.portfolios.size() != std::size_t(m_portfolioCount))
        return false;
    const qint64 changed = changedFrom.toJulianDay() - m_firstJulian;
    const KeyframeState *from = nullptr;
    for (const Keyframe &keyframe : previous.keyframes) {
        if (keyframe.state && keyframe.state->day <= changed)
            from = keyframe.state.get();
    }
    if (!from)
        return false;
    const int start = from->day;
    // Every series must be the same up to the keyframe.
    for (std::size_t s = 0; s < m_series.size(); ++s) {
        const ValueSeries &old = s < previous.portfolios.size() ? previous.portfolios[s].series : previous.total;
        const int oldFirst = old.size() > 0 ? int(old.first.toJulianDay() - m_firstJulian) : NoDay;
        const int newFirst = m_series[s].firstDay;
        if (oldFirst != NoDay && oldFirst < start) {
            if (newFirst != oldFirst || old.size() < start - oldFirst)
                return false;
        } else if (newFirst != NoDay && newFirst < start) {
            return false;
        }
    }

    m_start = start;
    for (const Keyframe &keyframe : previous.keyframes) {
        if (!keyframe.state || keyframe.state->day > start)
            break;
        for (const HoldingKeyState &holding : keyframe.state->holdingChanges)
            m_quantity[std::size_t(holding.asset) * std::size_t(m_portfolioCount) + std::size_t(holding.portfolio)]
                = holding.quantity;
    }
    for (std::size_t a = 0; a < m_assets.size() && a < from->consumed.size(); ++a) {
        if (from->consumed[a] < 0)
            continue;
        AssetInfo &info = m_assets[a];
        info.hasStart = true;
        info.start = priceAfter(int(a), from->consumed[a], start);
    }
    m_cash = from->cash;
    m_cashNow = from->cash;
    m_holdings = from->holdingValues;
    for (std::size_t a = 0; a < m_holdings.size(); ++a)
        m_holdingValue[a] = m_holdings[a].value();
    m_held = from->held;
    m_unpriced = from->unpriced;
    m_staleAssets = from->stale;
    for (std::size_t s = 0; s < m_series.size(); ++s) {
        SeriesBuilder &builder = m_series[s];
        const ValueSeries &old = s < previous.portfolios.size() ? previous.portfolios[s].series : previous.total;
        builder.invested = from->invested[s];
        builder.series.missing = old.missing.mid(0, from->missing[s]);
        for (const QString &message : std::as_const(builder.series.missing))
            builder.reported.insert(message);
        if (builder.firstDay == NoDay || builder.firstDay >= start)
            continue;
        const auto copy = [&](const auto &source, auto &target) {
            target.assign(source.begin(), source.begin() + (start - builder.firstDay));
        };
        copy(old.marketValue, builder.series.marketValue);
        copy(old.externalFlow, builder.series.externalFlow);
        copy(old.invested, builder.series.invested);
        copy(old.stale, builder.series.stale);
        copy(old.incomplete, builder.series.incomplete);
    }
    for (const Keyframe &keyframe : previous.keyframes) {
        if (keyframe.state && keyframe.state->day <= start)
            m_keptKeyframes.push_back(keyframe);
    }
    const auto firstEntry = std::lower_bound(m_entries.begin(), m_entries.end(), start,
                                             [](const Entry &entry, int day) { return entry.day < day; });
    m_nextEntry = std::size_t(firstEntry - m_entries.begin());
    return true;
}

// An asset's price state at the start of `day`, when `consumed` of its closes
// had been: the last valid one of those is the price.
PriceState Kernel::priceAfter(int asset, int consumed, int day) const
{
    PriceState state;
    state.consumed = consumed;
    const auto find = [&](const auto &closes) {
        for (int i = std::min(consumed, closes.count) - 1; i >= 0; --i) {
            if (closes.dated(i) && closes.close(i).isValid()) {
                state.price = closes.close(i);
                state.priceDay = int(closes.julian(i) - m_firstJulian);
                state.priced = true;
                return;
            }
        }
    };
    const AssetInfo &info = m_assets[std::size_t(asset)];
    if (info.compact)
        find(CompactCloses{info.compact->data(), int(info.compact->size()), m_table});
    else if (info.dated)
        find(DatedCloses{info.dated->data(), int(info.dated->size())});
    state.stale = state.priced && day - 1 - state.priceDay > m_options.staleAfterDays;
    return state;
}

void Kernel::planKeyframes()
{
    const int interval = m_options.keyframeInterval;
    if (interval <= 0)
        return;
    for (int day = interval; day < m_days; day += interval) {
        if (day <= m_start)
            continue;
        m_keyDays.push_back(day);
        auto state = std::make_shared<KeyframeState>();
        state->shape = m_shape;
        state->day = day;
        state->consumed.assign(m_assets.size(), -1);
        m_keyStates.push_back(std::move(state));
    }
}

Result<Valuation> Kernel::run(const Valuation *previous, QDate changedFrom)
{
    if (auto ready = setUp(); !ready)
        return Error{ready.error()};
    allocate();
    if (previous && !resume(*previous, changedFrom))
        previous = nullptr;
    m_walkQuantity = m_quantity;
    m_walks.assign(m_assets.size(), Walk());
    for (std::size_t a = 0; a < m_assets.size(); ++a) {
        if (m_assets[a].hasStart) {
            // It has consumed every close before m_start.
            m_walks[a].state = m_assets[a].start;
            m_walks[a].floor = m_start;
        }
    }
    for (SeriesBuilder &builder : m_series) {
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
    planKeyframes();

    for (int from = m_start; from < m_days; from += BlockDays) {
        const int until = std::min(from + BlockDays, m_days);
        if (auto replayed = replay(until); !replayed)
            return Error{replayed.error()};
        walkAssets(from, until);
        readOutDays(from, until);
    }
    return finish();
}


Valuation Kernel::finish()
{
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
            valuation.portfolios.push_back(PortfolioSeries{m_inputs.portfolios[std::size_t(p)].id, std::move(series)});
    }
    if (valuation.total.baseCurrency.isEmpty())
        valuation.total.baseCurrency = m_options.totalCurrency;
    for (std::size_t p = 0; p < valuation.portfolios.size(); ++p) {
        if (valuation.portfolios[p].series.baseCurrency.isEmpty())
            valuation.portfolios[p].series.baseCurrency = m_inputs.portfolios[p].baseCurrency;
    }
    valuation.keyframes = std::move(m_keptKeyframes);
    for (std::size_t k = 0; k < m_keyStates.size(); ++k)
        valuation.keyframes.push_back(Keyframe{dateOf(m_keyDays[k]), std::move(m_keyStates[k])});
    return valuation;
}

Result<Valuation> runKernel(const ValuationInputs &inputs, const ValuationOptions &options, const CloseTable *table,
                            const Valuation *previous, QDate changedFrom)
{
    return Kernel(inputs, options, table).run(previous, changedFrom);
}

} // namespace pt::valuation::detail
