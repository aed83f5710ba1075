#include "alerts/alertevaluator.h"

#include <map>

namespace pt::alerts {

namespace {

// Percentages in messages: two decimals, the sign kept ("-6.25 %").
QString percentText(Decimal percent)
{
    return percent.toString(2) + QStringLiteral(" %");
}

QString message(const store::AlertRule &rule, const PortfolioObservation &portfolio, Decimal gain)
{
    const bool loss = rule.kind == store::AlertKind::PortfolioLoss;
    return QStringLiteral("Portfolio '%1' is %2 %3 against its cost basis on %4 (%5 threshold %6)")
        .arg(portfolio.name, gain.isNegative() ? QStringLiteral("down") : QStringLiteral("up"), percentText(gain.abs()),
             portfolio.day.toString(Qt::ISODate), loss ? QStringLiteral("loss") : QStringLiteral("gain"),
             percentText(rule.threshold));
}

QString message(const store::AlertRule &rule, const PriceObservation &price)
{
    const bool above = rule.kind == store::AlertKind::PriceAbove;
    return QStringLiteral("%1 closed at %2 %3 on %4, %5 %6 %3")
        .arg(price.symbol, price.close.toString(), price.currency, price.day.toString(Qt::ISODate),
             above ? QStringLiteral("at or above") : QStringLiteral("at or below"), rule.threshold.toString());
}

bool conditionHolds(store::AlertKind kind, Decimal observed, Decimal threshold)
{
    switch (kind) {
    case store::AlertKind::PortfolioLoss:
    case store::AlertKind::PriceBelow:
        return observed <= threshold;
    case store::AlertKind::PortfolioGain:
    case store::AlertKind::PriceAbove:
        return observed >= threshold;
    }
    return false;
}

} // namespace

Decimal gainPercent(Decimal holdingsValue, Decimal costBasis)
{
    if (!holdingsValue.isValid() || !costBasis.isPositive())
        return Decimal::invalid();
    return (holdingsValue - costBasis) * Decimal(100) / costBasis;
}

Evaluation evaluateAlerts(std::span<const store::AlertRule> rules, const Observations &observations,
                          std::int64_t firedAt)
{
    std::map<RowId, const PortfolioObservation *> portfolios;
    for (const PortfolioObservation &portfolio : observations.portfolios)
        portfolios.emplace(portfolio.portfolioId, &portfolio);
    std::map<RowId, const PriceObservation *> prices;
    for (const PriceObservation &price : observations.prices)
        prices.emplace(price.assetId, &price);

    Evaluation evaluation;
    for (const store::AlertRule &rule : rules) {
        if (!rule.enabled || !rule.threshold.isValid())
            continue;
        store::AlertEvent event;
        event.ruleId = rule.id;
        event.kind = rule.kind;
        event.threshold = rule.threshold;
        event.firedAt = firedAt;
        if (store::isPortfolioKind(rule.kind)) {
            const auto found = portfolios.find(rule.portfolioId);
            if (found == portfolios.end() || !found->second->complete)
                continue;
            const PortfolioObservation &portfolio = *found->second;
            const Decimal gain = gainPercent(portfolio.holdingsValue, portfolio.costBasis);
            if (!gain.isValid())
                continue;
            event.portfolioId = portfolio.portfolioId;
            event.day = portfolio.day;
            event.observed = gain;
            event.message = message(rule, portfolio, gain);
        } else {
            const auto found = prices.find(rule.assetId);
            if (found == prices.end() || !found->second->close.isPositive() || !found->second->day.isValid())
                continue;
            const PriceObservation &price = *found->second;
            event.assetId = price.assetId;
            event.day = price.day;
            event.observed = price.close;
            event.message = message(rule, price);
        }
        const bool holds = conditionHolds(rule.kind, event.observed, rule.threshold);
        if (holds && rule.armed) {
            evaluation.events.push_back(std::move(event));
            evaluation.changes.push_back({ rule.stateKey(), false });
        } else if (!holds && !rule.armed) {
            evaluation.changes.push_back({ rule.stateKey(), true });
        }
    }
    return evaluation;
}

} // namespace pt::alerts
