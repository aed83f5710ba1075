#pragma once

#include "domain/types.h"
#include "result.h"

#include <QDate>
#include <QString>

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace pt::store {

class Database;

// What an alert rule watches (C7).
enum class AlertKind {
    PortfolioLoss, // a portfolio's gain against the cost basis of its holdings at or below a (negative) percent
    PortfolioGain, // the same at or above a (positive) percent
    PriceAbove, // an asset's latest close at or above a price
    PriceBelow, // an asset's latest close at or below a price
};

// Stable lower-case words used in the store, the CLI and JSON: "portfolio_loss",
// "portfolio_gain", "price_above", "price_below".
QString toKey(AlertKind kind);
std::optional<AlertKind> alertKindFromKey(QStringView key);
inline bool isPortfolioKind(AlertKind kind)
{
    return kind == AlertKind::PortfolioLoss || kind == AlertKind::PortfolioGain;
}

// The thresholds of a portfolio that has none of its own (from the seeds):
// alert at a 5 % loss and at a 10 % gain against the cost basis.
inline constexpr Decimal DefaultLossPercent { -5 };
inline constexpr Decimal DefaultGainPercent { 10 };

// One rule in force. Stored rules are user data (UUID, stamps, tombstone) and
// will sync; a portfolio without a stored loss or gain rule gets the default
// one, which is not a row (id 0). Whether a rule is armed is local to this
// device and never synced.
struct AlertRule
{
    RowId id = 0; // 0: a portfolio's default threshold, not stored
    RecordStamp stamp;
    AlertKind kind = AlertKind::PortfolioLoss;
    RowId portfolioId = 0; // portfolio kinds
    RowId assetId = 0; // price kinds
    // Portfolio kinds: percent gain against the cost basis of the holdings
    // (-5 is a 5 % loss). Price kinds: a price in the asset's currency.
    Decimal threshold;
    bool enabled = true; // a disabled portfolio threshold is "off": no default either
    // False once the rule fired, until its condition no longer holds (see
    // alerts/alertevaluator.h).
    bool armed = true;

    bool isDefault() const { return id == 0; }
    // The key of the armed state: "portfolio/<id>/loss", "portfolio/<id>/gain"
    // (shared by a portfolio's default and stored threshold) or "rule/<id>".
    QString stateKey() const;
};

// One entry of the alerts log: a rule fired.
struct AlertEvent
{
    RowId id = 0;
    RowId ruleId = 0; // 0 when a default threshold fired
    AlertKind kind = AlertKind::PortfolioLoss;
    RowId portfolioId = 0;
    RowId assetId = 0;
    std::int64_t firedAt = 0; // ms since the epoch, UTC
    QDate day; // the day observed (for prices, the close's date)
    Decimal observed; // gain percent, or the close
    Decimal threshold; // as the rule had it when it fired
    QString message; // one line for a person (English; the GUI may compose its own)
    bool read = false;
    RowId snapshotId = 0; // the snapshot taken with the valuation that fired it; 0 when none was stored
};

// A rule's armed state after an evaluation.
struct ArmedState
{
    QString stateKey;
    bool armed = true;
};

// Alert rules, their armed state and the alerts log (tables alert_rule,
// alert_state and alert_event, migration 003). Every write is all or nothing
// and joins the caller's transaction when one is open.
class AlertRepository
{
public:
    explicit AlertRepository(const Database &database)
        : m_database(database)
    { }

    // Every rule in force, with its armed state: for each live portfolio (by
    // name) its loss and gain threshold (stored, disabled or the default), then
    // the price rules (by asset symbol, kind, threshold).
    Result<std::vector<AlertRule>> rules() const;
    // A stored live rule, by id or by UUID / unique UUID prefix (8+ characters).
    Result<AlertRule> findRule(RowId id) const;
    Result<AlertRule> findRuleByReference(QStringView reference) const;

    // Sets a portfolio's loss (kind PortfolioLoss, percent < 0) or gain
    // (PortfolioGain, percent > 0) threshold; nothing turns it off. The rule is
    // re-armed, so a portfolio already beyond the new threshold fires at the
    // next evaluation.
    Result<AlertRule> setThreshold(RowId portfolioId, AlertKind kind, std::optional<Decimal> percent) const;
    // Back to the default threshold (the stored rule is tombstoned), re-armed.
    Result<void> resetThreshold(RowId portfolioId, AlertKind kind) const;
    // A price rule (PriceAbove or PriceBelow, price > 0) on a live asset, armed.
    Result<AlertRule> addPriceRule(RowId assetId, AlertKind kind, Decimal price) const;
    // Tombstones a stored rule (a price rule, or a portfolio threshold, which
    // then falls back to the default). Its log entries stay.
    Result<void> removeRule(RowId id) const;

    // Saves armed states after an evaluation.
    Result<void> saveArmedStates(std::span<const ArmedState> states, std::int64_t at) const;
    // Appends to the log; returns the events with their ids.
    Result<std::vector<AlertEvent>> logEvents(std::vector<AlertEvent> events) const;
    // The log, newest first.
    Result<std::vector<AlertEvent>> events(int limit = 500, bool unreadOnly = false) const;
    Result<int> unreadCount() const;
    // Marks one event (or, with 0, every event) read.
    Result<void> markRead(RowId eventId = 0) const;

    // Checks a rule's kind, subject and threshold; the message names the field.
    static Result<void> validate(const AlertRule &rule);

private:
    const Database &m_database;
};

} // namespace pt::store
