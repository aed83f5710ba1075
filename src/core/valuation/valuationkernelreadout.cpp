// Pass 3 of the valuation kernel: the days (see valuationkernel_p.h).
#include "valuation/valuationkernel_p.h"

#include <algorithm>

namespace pt::valuation::detail {

void Kernel::readOutDays(int from, int until)
{
    std::size_t cash = 0; // the block's lists
    std::size_t flow = 0;
    std::size_t report = 0;
    std::size_t &key = m_nextKeyframe;
    std::size_t unitFlow = 0;
    std::size_t wide = 0;
    const std::size_t accounts = std::size_t(m_portfolioCount) * std::size_t(m_currencyCount);
    for (int day = from; day < until; ++day) {
        if (key < m_keyDays.size() && m_keyDays[key] == day) {
            KeyframeState &state = *m_keyStates[key++];
            state.cash = m_cashNow;
            state.holdingValues = m_holdings;
            state.held = m_held;
            state.unpriced = m_unpriced;
            state.stale = m_staleAssets;
            for (const SeriesBuilder &builder : m_series) {
                state.invested.push_back(builder.invested);
                state.missing.push_back(int(builder.series.missing.size()));
            }
        }
        for (; cash < m_cashChanges.size() && m_cashChanges[cash].day == day; ++cash)
            m_cashNow[std::size_t(m_cashChanges[cash].account)] = m_cashChanges[cash].cash;
        for (; report < m_reports.size() && m_reports[report].day == day; ++report) {
            SeriesBuilder &builder = m_series[std::size_t(m_reports[report].series)];
            builder.report(m_reports[report].message);
            if (m_reports[report].incomplete)
                builder.incompleteToday = true;
        }
        for (; flow < m_flowChanges.size() && m_flowChanges[flow].day == day; ++flow) {
            const FlowChange &change = m_flowChanges[flow];
            m_series[std::size_t(change.series)].flowToday[std::size_t(change.currency)] += change.amount;
        }
        for (; unitFlow < m_unitFlowValues.size() && m_unitFlowValues[unitFlow].day == day; ++unitFlow) {
            const FlowChange &change = m_unitFlowValues[unitFlow];
            m_series[std::size_t(change.series)].flowToday[std::size_t(change.currency)] += change.amount;
        }
        const std::size_t d = dayIndex(day);
        for (std::size_t a = 0; a < accounts; ++a) {
            const Decimal::Raw change = m_valueChanges[a * m_span + d];
            if (change != 0) {
                m_holdings[a].addRaw(change);
                m_holdingValue[a] = m_holdings[a].value();
            }
            m_held[a] += m_heldChanges[a * m_span + d];
        }
        for (; wide < m_wideChanges.size() && m_wideChanges[wide].day == day; ++wide) {
            const std::size_t a = m_wideChanges[wide].account;
            m_holdings[a].add(m_wideChanges[wide].sum);
            m_holdingValue[a] = m_holdings[a].value();
        }
        for (std::size_t p = 0; p < std::size_t(m_portfolioCount); ++p) {
            m_unpriced[p] += m_unpricedChanges[p * m_span + d];
            m_staleAssets[p] += m_staleChanges[p * m_span + d];
        }
        readOut(day);
    }
}

bool Kernel::rateOf(int currency, int day, Decimal &rate, int &since, bool &stale, SeriesBuilder &builder)
{
    if (currency == m_euro) {
        rate = Decimal(1);
        since = NoDay;
        return true;
    }
    const RateTable &table = m_rates[std::size_t(currency)];
    since = table.since[std::size_t(day)];
    if (since == NoDay) {
        const QString &code = m_currencies[currency];
        builder.report(table.firstDate.isValid()
                           ? QStringLiteral("no EUR→%1 rate before %2").arg(code, table.firstDate.toString(Qt::ISODate))
                           : QStringLiteral("no EUR→%1 rate up to %2").arg(code, m_options.lastDay.toString(Qt::ISODate)));
        return false;
    }
    rate = table.rate[std::size_t(day)];
    if (day - since > m_options.staleAfterDays)
        stale = true;
    return true;
}

bool Kernel::convert(Decimal amount, int from, int to, int day, Decimal &result, bool &stale, SeriesBuilder &builder,
                     ConversionCache *cache)
{
    if (from == to) {
        result = amount;
        return true;
    }
    Decimal fromRate;
    Decimal toRate;
    int fromSince = NoDay;
    int toSince = NoDay;
    const bool haveFrom = rateOf(from, day, fromRate, fromSince, stale, builder);
    const bool haveTo = rateOf(to, day, toRate, toSince, stale, builder);
    if (!haveFrom || !haveTo)
        return false;
    // The same rate rows give the same rates: the same amount converts the same.
    if (cache && cache->valid && cache->amount == amount && cache->fromSince == fromSince
        && cache->toSince == toSince) {
        result = cache->result;
        return true;
    }
    // 1 EUR = fromRate units of `from` = toRate units of `to`.
    if (from == m_euro)
        result = amount * toRate;
    else if (to == m_euro)
        result = amount / fromRate;
    else
        result = amount * toRate / fromRate;
    if (cache)
        *cache = ConversionCache{true, amount, fromSince, toSince, result};
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
                const std::size_t at = account(p, c);
                amount = m_cashNow[at] + m_holdingValue[at];
                held = m_held[at] > 0;
                totalAmounts[std::size_t(c)] += amount;
            }
            if (amount.isZero() && !held)
                continue;
            Decimal converted;
            ConversionCache *cache = &m_conversions[std::size_t(p) * std::size_t(m_currencyCount) + std::size_t(c)];
            if (convert(amount, c, builder.baseIndex, day, converted, stale, builder, cache))
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
            if (convert(today, c, builder.baseIndex, day, converted, stale, builder, nullptr))
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

} // namespace pt::valuation::detail
