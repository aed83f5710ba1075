#include "valuation/marketlookup.h"

#include <algorithm>

namespace pt::valuation {

namespace {

const QString Euro = QStringLiteral("EUR");

} // namespace

MarketLookup::MarketLookup(const Closes &closes, std::span<const store::FxRate> fxRates, QDate horizon)
    : m_closes(closes)
    , m_horizon(horizon)
{
    for (const store::FxRate &rate : fxRates) {
        // The same rows the valuator accepts: EUR-based, dated, positive.
        if (rate.base != Euro || !rate.date.isValid() || !rate.rate.isPositive() || rate.quote == Euro)
            continue;
        m_rates[rate.quote].push_back(DatedRate { rate.date, rate.rate });
    }
    for (auto &list : m_rates)
        std::stable_sort(list.begin(), list.end(),
                         [](const DatedRate &a, const DatedRate &b) { return a.date < b.date; });
}

const store::DatedClose *MarketLookup::closeOn(const std::vector<store::DatedClose> &closes, QDate day)
{
    const auto after = std::upper_bound(closes.begin(), closes.end(), day,
                                        [](QDate date, const store::DatedClose &close) { return date < close.date; });
    // Skip back over unusable rows, as the valuator does.
    for (auto it = after; it != closes.begin();) {
        --it;
        if (it->close.isValid() && it->date.isValid())
            return &*it;
    }
    return nullptr;
}

const store::DatedClose *MarketLookup::closeOn(RowId assetId, QDate day) const
{
    const auto found = m_closes.find(assetId);
    return found == m_closes.end() ? nullptr : closeOn(found->second, day);
}

QString MarketLookup::priceMissing(RowId assetId, const QString &symbol, QDate day) const
{
    const auto found = m_closes.find(assetId);
    if (found != m_closes.end() && !found->second.empty())
        return QStringLiteral("no price for %1 before %2")
            .arg(symbol, found->second.front().date.toString(Qt::ISODate));
    return QStringLiteral("no price for %1 up to %2").arg(symbol, day.toString(Qt::ISODate));
}

Result<Decimal> MarketLookup::euroRate(const QString &currency, QDate day, QDate *rateDay) const
{
    if (currency == Euro)
        return Decimal(1);
    const auto found = m_rates.constFind(currency);
    if (found != m_rates.constEnd()) {
        const std::vector<DatedRate> &list = *found;
        const auto after = std::upper_bound(list.begin(), list.end(), day,
                                            [](QDate date, const DatedRate &rate) { return date < rate.date; });
        if (after != list.begin()) {
            const DatedRate &rate = *(after - 1);
            if (rateDay && (!rateDay->isValid() || rate.date < *rateDay))
                *rateDay = rate.date;
            return rate.rate;
        }
        return Error {
            QStringLiteral("no EUR→%1 rate before %2").arg(currency, list.front().date.toString(Qt::ISODate))
        };
    }
    const QDate upTo = m_horizon.isValid() ? m_horizon : day;
    return Error { QStringLiteral("no EUR→%1 rate up to %2").arg(currency, upTo.toString(Qt::ISODate)) };
}

Result<Decimal> MarketLookup::convert(Decimal amount, const QString &from, const QString &to, QDate day,
                                      QDate *rateDay) const
{
    if (from == to)
        return amount;
    const auto fromRate = euroRate(from, day, rateDay);
    if (!fromRate)
        return Error { fromRate.error() };
    const auto toRate = euroRate(to, day, rateDay);
    if (!toRate)
        return Error { toRate.error() };
    // 1 EUR = fromRate units of `from` = toRate units of `to`.
    if (from == Euro)
        return amount * *toRate;
    if (to == Euro)
        return amount / *fromRate;
    return amount * *toRate / *fromRate;
}

} // namespace pt::valuation
