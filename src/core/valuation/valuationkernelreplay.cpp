// Pass 1 of the valuation kernel: the entries (see valuationkernel_p.h).
#include "valuation/valuationkernel_p.h"

namespace pt::valuation::detail {

QString Kernel::priceMissing(int asset) const
{
    const AssetInfo &info = m_assets[std::size_t(asset)];
    const QString &symbol = info.asset->symbol;
    if ((info.dated && !info.dated->empty()) || (info.compact && !info.compact->empty()))
        return QStringLiteral("no price for %1 before %2").arg(symbol, info.firstCloseDate.toString(Qt::ISODate));
    return QStringLiteral("no price for %1 up to %2").arg(symbol, m_options.lastDay.toString(Qt::ISODate));
}

void Kernel::reportPrice(int series, int asset, int day)
{
    const std::size_t key = std::size_t(series) * m_assets.size() + std::size_t(asset);
    if (m_reportedPrice[key])
        return;
    m_reportedPrice[key] = true;
    m_reports.push_back(Report{day, series, false, priceMissing(asset)});
}

void Kernel::setQuantity(int portfolio, int asset, Decimal quantity, int day)
{
    const std::size_t at = std::size_t(asset) * std::size_t(m_portfolioCount) + std::size_t(portfolio);
    Decimal &held = m_quantity[at];
    if (!m_holdingChanged[at]) {
        m_holdingChanged[at] = true;
        m_changedHoldings.push_back(at);
    }
    const bool wasHeld = !held.isZero();
    held = quantity;
    m_events[std::size_t(asset)].push_back(AssetEvent{day, portfolio, false, quantity});
    if (!wasHeld && !quantity.isZero() && !pricedOn(asset, day)) {
        reportPrice(portfolio, asset, day);
        reportPrice(m_portfolioCount, asset, day);
    }
}

void Kernel::addCash(int portfolio, int currency, Decimal amount, int day)
{
    const std::size_t at = account(portfolio, currency);
    m_cash[at] += amount;
    m_cashChanges.push_back(CashChange{day, int(at), m_cash[at]});
}

// The day's transfers of units, valued at the day's close once every close is known.
void Kernel::flushUnitFlows(int day)
{
    for (const UnitFlow &flow : m_unitFlows) {
        if (pricedOn(flow.asset, day))
            m_events[std::size_t(flow.asset)].push_back(AssetEvent{day, flow.series, true, flow.quantity});
        else
            m_reports.push_back(Report{day, flow.series, true, priceMissing(flow.asset)});
    }
    m_unitFlows.clear();
}

// The entries of the days before `until` not replayed yet. The block's lists
// (events, cash, flows, reports) start empty: their buffers are reused.
Result<void> Kernel::replay(int until)
{
    for (std::vector<AssetEvent> &events : m_events)
        events.clear();
    m_cashChanges.clear();
    m_flowChanges.clear();
    m_reports.clear();
    const auto keepQuantities = [this](std::size_t key) {
        // Keyframes keep the quantities at the start of their day, as changes.
        KeyframeState &state = *m_keyStates[key];
        for (const std::size_t at : m_changedHoldings) {
            const int a = int(at / std::size_t(m_portfolioCount));
            const int p = int(at % std::size_t(m_portfolioCount));
            state.holdingChanges.push_back(HoldingKeyState{p, a, m_quantity[at]});
            m_holdingChanged[at] = false;
        }
        m_changedHoldings.clear();
    };
    int today = NoDay;
    for (; m_nextEntry < m_entries.size() && m_entries[m_nextEntry].day < until; ++m_nextEntry) {
        const Entry &entry = m_entries[m_nextEntry];
        if (entry.day != today) {
            if (today != NoDay)
                flushUnitFlows(today);
            today = entry.day;
            for (; m_replayKeyframe < m_keyDays.size() && m_keyDays[m_replayKeyframe] <= today; ++m_replayKeyframe)
                keepQuantities(m_replayKeyframe);
        }
        if (auto applied = apply(entry); !applied)
            return applied;
    }
    if (today != NoDay)
        flushUnitFlows(today);
    for (; m_replayKeyframe < m_keyDays.size() && m_keyDays[m_replayKeyframe] <= until; ++m_replayKeyframe)
        keepQuantities(m_replayKeyframe);
    return {};
}

int Kernel::portfolioOf(RowId id) const
{
    if (m_portfolioIds.size() <= 16) { // a handful: a scan beats hashing
        const auto found = std::find(m_portfolioIds.begin(), m_portfolioIds.end(), id);
        return found == m_portfolioIds.end() ? -1 : int(found - m_portfolioIds.begin());
    }
    const auto found = m_portfolioIndex.find(id);
    return found == m_portfolioIndex.end() ? -1 : found->second;
}

int Kernel::assetOf(RowId id) const
{
    if (!m_assetSlot.empty())
        return id >= 0 && std::size_t(id) < m_assetSlot.size() ? m_assetSlot[std::size_t(id)] : -1;
    const auto found = m_assetIndex.find(id);
    return found == m_assetIndex.end() ? -1 : found->second;
}

Result<void> Kernel::apply(const Entry &entry)
{
    const Transaction &t = *entry.t;
    const int day = entry.day;
    const int p = entry.portfolio;
    const int asset = entry.asset;
    const int c = entry.currency;
    const auto quantityOf = [&](int portfolio) {
        return m_quantity[std::size_t(asset) * std::size_t(m_portfolioCount) + std::size_t(portfolio)];
    };
    const auto flow = [&](int series, Decimal amount) {
        m_flowChanges.push_back(FlowChange{day, series, c, amount});
    };
    const int total = m_portfolioCount;
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
        setQuantity(p, asset, buy ? quantityOf(p) + t.quantity : quantityOf(p) - t.quantity, day);
        addCash(p, c, buy ? -(gross + t.fee) : gross - t.fee, day);
        break;
    }
    case TransactionType::Dividend:
        addCash(p, c, t.amount - t.fee, day);
        break;
    case TransactionType::Interest:
        addCash(p, c, t.amount, day);
        break;
    case TransactionType::Fee:
    case TransactionType::Tax:
        addCash(p, c, -t.amount, day);
        break;
    case TransactionType::Split:
        if (asset >= 0 && !quantityOf(p).isZero() && !t.splitDenominator.isZero())
            setQuantity(p, asset, quantityOf(p) * t.splitNumerator / t.splitDenominator, day);
        break;
    case TransactionType::Deposit:
    case TransactionType::Withdrawal: {
        const Decimal amount = t.type == TransactionType::Deposit ? t.amount : -t.amount;
        addCash(p, c, amount, day);
        flow(p, amount);
        flow(total, amount);
        break;
    }
    case TransactionType::Transfer: {
        const int to = entry.counterparty;
        // A side outside the portfolios valued makes the transfer external to the total.
        const int external = (p < 0) == (to < 0) ? 0 : (p < 0 ? 1 : -1);
        if (asset < 0) {
            if (p >= 0) {
                addCash(p, c, -t.amount, day);
                flow(p, -t.amount);
            }
            if (to >= 0) {
                addCash(to, c, t.amount, day);
                flow(to, t.amount);
            }
            if (external != 0)
                flow(total, external > 0 ? t.amount : -t.amount);
            break;
        }
        if (p >= 0) {
            setQuantity(p, asset, quantityOf(p) - t.quantity, day);
            m_unitFlows.push_back(UnitFlow{p, asset, -t.quantity});
        }
        if (to >= 0) {
            setQuantity(to, asset, quantityOf(to) + t.quantity, day);
            m_unitFlows.push_back(UnitFlow{to, asset, t.quantity});
        }
        if (external != 0)
            m_unitFlows.push_back(UnitFlow{total, asset, external > 0 ? t.quantity : -t.quantity});
        break;
    }
    }
    return {};
}

} // namespace pt::valuation::detail
