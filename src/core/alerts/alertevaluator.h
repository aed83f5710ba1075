#pragma once

#include "domain/types.h"
#include "store/alertrepository.h"

#include <QDate>
#include <QString>

#include <cstdint>
#include <span>
#include <vector>

namespace pt::alerts {

// A portfolio as valued now: its holdings (cash left out) and their cost basis,
// both in the portfolio's base currency.
struct PortfolioObservation
{
    RowId portfolioId = 0;
    QString name;
    QString currency;
    QDate day;
    Decimal holdingsValue;
    Decimal costBasis;
    // False when some holding had no price or rate: a gain computed without it
    // would be wrong, so the portfolio's rules are not evaluated.
    bool complete = true;
};

// An asset's latest close.
struct PriceObservation
{
    RowId assetId = 0;
    QString symbol;
    QString currency;
    QDate day; // the close's date
    Decimal close;
};

struct Observations
{
    std::vector<PortfolioObservation> portfolios;
    std::vector<PriceObservation> prices;
};

struct Evaluation
{
    std::vector<store::AlertEvent> events; // to log (id, snapshotId unset)
    std::vector<store::ArmedState> changes; // only the states that changed
};

// Gain against the cost basis in percent, (value − cost) × 100 / cost, to 12
// fractional digits; invalid when there is no positive cost basis.
Decimal gainPercent(Decimal holdingsValue, Decimal costBasis);

// Evaluates the rules against what was observed. Pure: no store, no clock.
//
// A rule's condition holds when the observed value is at or beyond its
// threshold: gain % <= threshold (loss), gain % >= threshold (gain),
// close >= price (above), close <= price (below). An armed rule whose condition
// holds fires one event and is disarmed; it stays quiet while the condition
// keeps holding, and re-arms (without an event) at the first evaluation where
// it no longer holds — no hysteresis, so a value hovering at the threshold may
// fire again on every crossing back. A new or changed rule starts armed, so a
// value already beyond it fires at the next evaluation.
//
// Skipped, state unchanged: disabled rules; portfolio rules of a portfolio not
// observed, with no positive cost basis (nothing held), or incomplete; price
// rules of an asset without a close.
Evaluation evaluateAlerts(std::span<const store::AlertRule> rules, const Observations &observations,
                          std::int64_t firedAt);

} // namespace pt::alerts
