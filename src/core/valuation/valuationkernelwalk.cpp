// Pass 2 of the valuation kernel: the assets (see valuationkernel_p.h).
#include "valuation/valuationkernel_p.h"

#include <algorithm>

namespace pt::valuation::detail {

void Kernel::walkAssets(int from, int until)
{
    const std::size_t accounts = std::size_t(m_portfolioCount) * std::size_t(m_currencyCount);
    m_blockStart = from;
    // Rows a little longer than the block: rows of a whole number of KiB would
    // put each holder's change of a day at the same 4 KiB offset (4K aliasing).
    m_span = std::size_t(until - from) + 3;
    m_valueChanges.assign(accounts * m_span, 0);
    m_wideChanges.clear();
    m_heldChanges.assign(accounts * m_span, 0);
    m_unpricedChanges.assign(std::size_t(m_portfolioCount) * m_span, 0);
    m_staleChanges.assign(std::size_t(m_portfolioCount) * m_span, 0);
    m_unitFlowValues.clear();
    for (Walk &walk : m_walks)
        walk.nextEvent = 0; // the block's events
    for (int a = 0; a < int(m_assets.size()); ++a) {
        const AssetInfo &info = m_assets[std::size_t(a)];
        if (!info.used && !info.hasStart)
            continue;
        if (info.compact)
            walkAsset(a, CompactCloses{info.compact->data(), int(info.compact->size()), m_table}, until);
        else if (info.dated)
            walkAsset(a, DatedCloses{info.dated->data(), int(info.dated->size())}, until);
        else
            walkAsset(a, DatedCloses{}, until);
    }
    std::stable_sort(m_unitFlowValues.begin(), m_unitFlowValues.end(),
                     [](const FlowChange &a, const FlowChange &b) { return a.day < b.day; });
    std::stable_sort(m_wideChanges.begin(), m_wideChanges.end(),
                     [](const WideChange &a, const WideChange &b) { return a.day < b.day; });
}

// Adds quantity × price (raw) to an account's change of the day: one 64 × 64 →
// 128-bit multiply for nearly every pair, exact for every other.
void Kernel::addProduct(Decimal::Raw *cells, std::size_t account, int day, Decimal quantity, Decimal price)
{
    const auto small = [](Decimal::Raw raw) { return raw == Decimal::Raw(std::int64_t(raw)); };
    Decimal::Raw product = 0;
    if (small(quantity.raw()) && small(price.raw()))
        product = Decimal::Raw(std::int64_t(quantity.raw())) * std::int64_t(price.raw());
    else if (!quantity.isValid() || !price.isValid() || __builtin_mul_overflow(quantity.raw(), price.raw(), &product))
        return addWide(account, day, quantity, price);
    addRaw(cells, account, day, product);
}

void Kernel::addWide(std::size_t account, int day, Decimal quantity, Decimal price)
{
    WideChange change{day, account, ExactSum()};
    change.sum.addProduct(quantity, price);
    m_wideChanges.push_back(change);
}

void Kernel::moveHolder(int portfolio, Decimal quantity, Decimal::Raw *cells)
{
    const auto found = std::find_if(m_holders.begin(), m_holders.end(),
                                    [&](const Holder &holder) { return holder.portfolio == portfolio; });
    if (quantity.isZero()) {
        if (found != m_holders.end())
            m_holders.erase(found);
        return;
    }
    const bool small = quantity.raw() == Decimal::Raw(std::int64_t(quantity.raw()));
    const Holder holder{portfolio, small, small ? std::int64_t(quantity.raw()) : 0, cells};
    if (found != m_holders.end())
        *found = holder;
    else
        m_holders.push_back(holder);
}

// The common stretch of walkAsset(), on its own: closes that change nothing but
// the price (priced already, not stale before or after, before the next entry,
// keyframe or the block's end), each adding quantity × Δclose for the holders.
// Returns the day of the next close for walkAsset() to take over.
template<typename Closes>
qint64 Kernel::walkCloses(const Closes &closes, Walk &walk, const Decimal *quantities, std::size_t currency,
                          qint64 stop)
{
    PriceState &state = walk.state;
    const int limit = m_options.staleAfterDays;
    const std::size_t currencies = std::size_t(m_currencyCount);
    const auto fits = [](Decimal::Raw raw) { return raw == Decimal::Raw(std::int64_t(raw)); };

    // First the stretch's closes as (day, Δclose) in 64 bits, then each
    // holder's products in one tight loop per holder.
    m_stretch.clear();
    qint64 next = Never;
    for (; state.consumed < closes.count; ++state.consumed) {
        const int i = state.consumed;
        __builtin_prefetch(closes.data + i + 8); // past the end is harmless: a prefetch never faults
        if (!closes.dated(i))
            continue; // no date: consumed at once, changes nothing
        const qint64 date = closes.julian(i) - m_firstJulian;
        const qint64 day = std::max(walk.floor, date);
        // Past the stretch, or stale on the way (the onset day itself is
        // fine when its close is of that day).
        if (day >= stop || day > qint64(state.priceDay) + limit + 1 || day - date > limit) {
            next = day;
            break;
        }
        const Decimal close = closes.close(i);
        if (!close.isValid()) {
            walk.floor = day;
            continue;
        }
        Decimal::Raw change = 0;
        if (!fits(close.raw()) || !fits(state.price.raw())
            || __builtin_sub_overflow(close.raw(), state.price.raw(), &change) || !fits(change)) {
            next = day; // beyond 64 bits: walkAsset() takes it
            break;
        }
        walk.floor = day;
        m_stretch.push_back(StretchClose{std::size_t(day - m_blockStart), std::int64_t(change)});
        state.price = close;
        state.priceDay = int(date);
    }
    for (const Holder &holder : m_holders) {
        if (!holder.small) {
            for (const StretchClose &close : m_stretch)
                addProduct(holder.cells, std::size_t(holder.portfolio) * currencies + currency,
                           int(close.day) + m_blockStart, quantities[holder.portfolio],
                           Decimal::fromRaw(close.change));
            continue;
        }
        const Decimal::Raw quantity = holder.quantity;
        for (const StretchClose &close : m_stretch) {
            Decimal::Raw &cell = holder.cells[close.day];
            const Decimal::Raw product = quantity * close.change;
            Decimal::Raw sum = 0;
            if (!__builtin_add_overflow(cell, product, &sum))
                cell = sum;
            else
                addRaw(holder.cells, std::size_t(holder.portfolio) * currencies + currency,
                       int(close.day) + m_blockStart, product);
        }
    }
    return next;
}

// One asset up to `until` (excluded): each close consumed on the first
// day on or after its date (and after the close before it: the list is read
// in order), the day's closes before the day's entries, so an entry finds the
// close of its day.
template<typename Closes>
void Kernel::walkAsset(int asset, const Closes &closes, int until)
{
    const AssetInfo &info = m_assets[std::size_t(asset)];
    const std::size_t c = std::size_t(info.currency);
    const std::size_t currencies = std::size_t(m_currencyCount);
    const int limit = m_options.staleAfterDays;
    Walk &walk = m_walks[std::size_t(asset)];
    PriceState &state = walk.state;
    qint64 &floor = walk.floor;
    std::size_t &next = walk.nextEvent;
    std::size_t &key = walk.nextKeyframe;
    qint64 &nextClose = walk.nextClose;
    Decimal *quantities = m_walkQuantity.data() + std::size_t(asset) * std::size_t(m_portfolioCount);

    const auto cellsOf = [&](std::size_t p) {
        return m_valueChanges.data() + (p * currencies + c) * m_span;
    };
    m_holders.clear();
    for (int p = 0; p < m_portfolioCount; ++p)
        moveHolder(p, quantities[p], cellsOf(std::size_t(p)));
    const std::vector<AssetEvent> &events = m_events[std::size_t(asset)];

    const auto closeDay = [&]() -> qint64 {
        while (state.consumed < closes.count && !closes.dated(state.consumed))
            ++state.consumed; // no date: consumed at once, changes nothing
        if (state.consumed >= closes.count)
            return Never;
        return std::max(floor, closes.julian(state.consumed) - m_firstJulian);
    };
    if (!walk.primed) {
        nextClose = closeDay();
        walk.primed = true;
    }

    for (;;) {
        if (state.priced && !state.stale && !m_holders.empty() && nextClose < until) {
            qint64 stop = until;
            if (next < events.size())
                stop = std::min<qint64>(stop, events[next].day);
            if (key < m_keyDays.size())
                stop = std::min<qint64>(stop, m_keyDays[key]);
            if (nextClose < stop)
                nextClose = walkCloses(closes, walk, quantities, c, stop);
        }
        qint64 day = nextClose;
        if (next < events.size())
            day = std::min<qint64>(day, events[next].day);
        if (!m_holders.empty() && state.priced && !state.stale)
            day = std::min<qint64>(day, qint64(state.priceDay) + limit + 1); // turns stale
        for (; key < m_keyDays.size() && m_keyDays[key] <= day; ++key)
            m_keyStates[key]->consumed[std::size_t(asset)] = state.consumed;
        if (day >= until)
            break;
        const int today = int(day);
        const std::size_t d = dayIndex(today);

        if (nextClose == day) {
            Decimal price = state.price;
            bool changed = false;
            do {
                const Decimal close = closes.close(state.consumed);
                if (close.isValid()) {
                    price = close;
                    state.priceDay = int(closes.julian(state.consumed) - m_firstJulian);
                    changed = true;
                }
                ++state.consumed;
                floor = day;
                nextClose = closeDay();
            } while (nextClose == day);
            if (changed) {
                const Decimal change = price - state.price;
                if (change.raw() == Decimal::Raw(std::int64_t(change.raw()))) {
                    const std::int64_t delta = std::int64_t(change.raw());
                    for (const Holder &holder : m_holders) {
                        if (holder.small) {
                            addRaw(holder.cells, std::size_t(holder.portfolio) * currencies + c, today,
                                   Decimal::Raw(holder.quantity) * delta);
                            continue;
                        }
                        addProduct(holder.cells, std::size_t(holder.portfolio) * currencies + c, today,
                                   quantities[holder.portfolio], change);
                    }
                } else {
                    for (const Holder &holder : m_holders)
                        addProduct(holder.cells, std::size_t(holder.portfolio) * currencies + c, today,
                                   quantities[holder.portfolio], change);
                }
                if (!state.priced) {
                    for (const Holder &holder : m_holders)
                        --m_unpricedChanges[std::size_t(holder.portfolio) * m_span + d];
                }
                state.price = price;
                state.priced = true;
            }
        }
        const bool stale = state.priced && today - state.priceDay > limit;
        if (stale != state.stale) {
            state.stale = stale;
            for (const Holder &holder : m_holders)
                m_staleChanges[std::size_t(holder.portfolio) * m_span + d] += stale ? 1 : -1;
        }

        for (; next < events.size() && events[next].day == today; ++next) {
            const AssetEvent &event = events[next];
            if (event.unitFlow) {
                m_unitFlowValues.push_back(FlowChange{today, event.target, int(c), event.quantity * state.price});
                continue;
            }
            const std::size_t p = std::size_t(event.target);
            Decimal &held = quantities[p];
            const std::size_t at = (p * currencies + c) * m_span + d;
            if (state.priced)
                addProduct(cellsOf(p), p * currencies + c, today, event.quantity - held, state.price);
            const bool wasHeld = !held.isZero();
            const bool isHeld = !event.quantity.isZero();
            held = event.quantity;
            moveHolder(event.target, held, cellsOf(p));
            if (wasHeld == isHeld)
                continue;
            const int step = isHeld ? 1 : -1;
            m_heldChanges[at] += step;
            if (state.stale)
                m_staleChanges[p * m_span + d] += step;
            if (!state.priced)
                m_unpricedChanges[p * m_span + d] += step;
        }
    }
}

} // namespace pt::valuation::detail
