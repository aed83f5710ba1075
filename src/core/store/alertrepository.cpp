#include "store/alertrepository.h"

#include "store/assetrepository.h"
#include "store/atomically.h"
#include "store/database.h"
#include "store/portfoliorepository.h"
#include "store/sqlrows.h"

#include <QSqlQuery>

#include <algorithm>
#include <map>

namespace pt::store {

namespace {

const QString RuleColumns = QStringLiteral(
    "SELECT r.id, r.uuid, r.kind, r.portfolio_id, r.asset_id, r.threshold, r.enabled, r.created_at, r.updated_at, "
    "r.deleted FROM alert_rule r ");

const QString EventColumns = QStringLiteral(
    "SELECT id, rule_id, kind, portfolio_id, asset_id, snapshot_id, fired_at, day, observed, threshold, message, "
    "is_read FROM alert_event ");

AlertRule readRule(const QSqlQuery &query)
{
    AlertRule rule;
    rule.id = query.value(0).toLongLong();
    rule.stamp.uuid = QUuid(query.value(1).toString());
    rule.kind = alertKindFromKey(query.value(2).toString()).value_or(AlertKind::PortfolioLoss);
    rule.portfolioId = query.value(3).toLongLong();
    rule.assetId = query.value(4).toLongLong();
    rule.threshold = decimalFrom(query.value(5));
    rule.enabled = query.value(6).toBool();
    rule.stamp.createdAt = query.value(7).toLongLong();
    rule.stamp.updatedAt = query.value(8).toLongLong();
    rule.stamp.deleted = query.value(9).toBool();
    return rule;
}

AlertEvent readEvent(const QSqlQuery &query)
{
    AlertEvent event;
    event.id = query.value(0).toLongLong();
    event.ruleId = query.value(1).toLongLong();
    event.kind = alertKindFromKey(query.value(2).toString()).value_or(AlertKind::PortfolioLoss);
    event.portfolioId = query.value(3).toLongLong();
    event.assetId = query.value(4).toLongLong();
    event.snapshotId = query.value(5).toLongLong();
    event.firedAt = query.value(6).toLongLong();
    event.day = dateFrom(query.value(7));
    event.observed = decimalFrom(query.value(8));
    event.threshold = decimalFrom(query.value(9));
    event.message = query.value(10).toString();
    event.read = query.value(11).toBool();
    return event;
}

Result<std::vector<AlertRule>> selectRules(const Database &database, const QString &where, const QVariantList &values)
{
    QSqlQuery query(database.connection());
    setReadMode(query);
    query.prepare(RuleColumns + where);
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (auto done = execute(query, QStringLiteral("Reading alert rules")); !done)
        return Error { done.error() };
    std::vector<AlertRule> rules;
    while (query.next())
        rules.push_back(readRule(query));
    return rules;
}

Result<std::map<QString, bool>> readArmedStates(const Database &database)
{
    QSqlQuery query(database.connection());
    setReadMode(query);
    query.prepare(QStringLiteral("SELECT state_key, armed FROM alert_state"));
    if (auto done = execute(query, QStringLiteral("Reading the alerts' armed states")); !done)
        return Error { done.error() };
    std::map<QString, bool> states;
    while (query.next())
        states.emplace(query.value(0).toString(), query.value(1).toBool());
    return states;
}

Result<void> forgetState(const Database &database, const QString &stateKey)
{
    QSqlQuery query(database.connection());
    query.prepare(QStringLiteral("DELETE FROM alert_state WHERE state_key = ?"));
    query.addBindValue(stateKey);
    return execute(query, QStringLiteral("Re-arming alert '%1'").arg(stateKey));
}

Result<void> tombstoneRule(const Database &database, RowId id)
{
    QSqlQuery query(database.connection());
    query.prepare(QStringLiteral("UPDATE alert_rule SET deleted = 1, updated_at = ? WHERE id = ? AND deleted = 0"));
    query.addBindValue(qlonglong(database.nextTimestamp()));
    query.addBindValue(qlonglong(id));
    return execute(query, QStringLiteral("Removing alert rule %1").arg(id));
}

Result<AlertRule> insertRule(const Database &database, AlertRule rule)
{
    rule.stamp = newStamp(database);
    QSqlQuery query(database.connection());
    query.prepare(QStringLiteral("INSERT INTO alert_rule (uuid, kind, portfolio_id, asset_id, threshold, enabled, "
                                 "created_at, updated_at, deleted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)")
                  + returningId(database));
    query.addBindValue(uuidText(rule.stamp.uuid));
    query.addBindValue(toKey(rule.kind));
    query.addBindValue(sqlIdOrNull(rule.portfolioId));
    query.addBindValue(sqlIdOrNull(rule.assetId));
    query.addBindValue(sqlValue(rule.threshold));
    query.addBindValue(rule.enabled ? 1 : 0);
    query.addBindValue(qlonglong(rule.stamp.createdAt));
    query.addBindValue(qlonglong(rule.stamp.updatedAt));
    if (auto done = execute(query, QStringLiteral("Saving a %1 alert rule").arg(toKey(rule.kind))); !done)
        return Error { done.error() };
    rule.id = insertedId(query);
    rule.armed = true;
    return rule;
}

} // namespace

QString toKey(AlertKind kind)
{
    switch (kind) {
    case AlertKind::PortfolioLoss:
        return QStringLiteral("portfolio_loss");
    case AlertKind::PortfolioGain:
        return QStringLiteral("portfolio_gain");
    case AlertKind::PriceAbove:
        return QStringLiteral("price_above");
    case AlertKind::PriceBelow:
        return QStringLiteral("price_below");
    }
    return {};
}

std::optional<AlertKind> alertKindFromKey(QStringView key)
{
    for (const AlertKind kind :
         { AlertKind::PortfolioLoss, AlertKind::PortfolioGain, AlertKind::PriceAbove, AlertKind::PriceBelow }) {
        if (key == toKey(kind))
            return kind;
    }
    return std::nullopt;
}

QString AlertRule::stateKey() const
{
    switch (kind) {
    case AlertKind::PortfolioLoss:
        return QStringLiteral("portfolio/%1/loss").arg(portfolioId);
    case AlertKind::PortfolioGain:
        return QStringLiteral("portfolio/%1/gain").arg(portfolioId);
    case AlertKind::PriceAbove:
    case AlertKind::PriceBelow:
        break;
    }
    return QStringLiteral("rule/%1").arg(id);
}

Result<void> AlertRepository::validate(const AlertRule &rule)
{
    if (!rule.threshold.isValid())
        return Error { QStringLiteral("threshold: not a valid number") };
    switch (rule.kind) {
    case AlertKind::PortfolioLoss:
        if (rule.portfolioId == 0)
            return Error { QStringLiteral("portfolio: a loss threshold needs a portfolio") };
        if (!rule.threshold.isNegative() || rule.threshold <= Decimal(-100))
            return Error { QStringLiteral("loss: '%1' must be a percent between -100 and 0 (a 5 % loss is -5)")
                               .arg(rule.threshold.toString()) };
        return {};
    case AlertKind::PortfolioGain:
        if (rule.portfolioId == 0)
            return Error { QStringLiteral("portfolio: a gain threshold needs a portfolio") };
        if (!rule.threshold.isPositive())
            return Error { QStringLiteral("gain: '%1' must be a percent above 0 (a 10 % gain is 10)")
                               .arg(rule.threshold.toString()) };
        return {};
    case AlertKind::PriceAbove:
    case AlertKind::PriceBelow:
        if (rule.assetId == 0)
            return Error { QStringLiteral("asset: a price alert needs an asset") };
        if (!rule.threshold.isPositive())
            return Error { QStringLiteral("price: '%1' must be greater than zero").arg(rule.threshold.toString()) };
        return {};
    }
    return Error { QStringLiteral("kind: unknown alert kind") };
}

Result<std::vector<AlertRule>> AlertRepository::rules() const
{
    auto portfolios = PortfolioRepository(m_database).list();
    if (!portfolios)
        return Error { portfolios.error() };
    auto stored = selectRules(m_database,
                              QStringLiteral("LEFT JOIN asset a ON a.id = r.asset_id WHERE r.deleted = 0 "
                                             "ORDER BY lower(a.symbol), a.id, r.kind, r.id"),
                              {});
    if (!stored)
        return Error { stored.error() };
    auto states = readArmedStates(m_database);
    if (!states)
        return Error { states.error() };

    std::vector<AlertRule> rules;
    const auto withState = [&](AlertRule rule) {
        const auto found = states->find(rule.stateKey());
        rule.armed = found == states->end() || found->second;
        rules.push_back(std::move(rule));
    };
    for (const Portfolio &portfolio : *portfolios) {
        for (const AlertKind kind : { AlertKind::PortfolioLoss, AlertKind::PortfolioGain }) {
            const auto own = std::find_if(stored->begin(), stored->end(), [&](const AlertRule &rule) {
                return rule.kind == kind && rule.portfolioId == portfolio.id;
            });
            if (own != stored->end()) {
                withState(*own);
                continue;
            }
            AlertRule fallback;
            fallback.kind = kind;
            fallback.portfolioId = portfolio.id;
            fallback.threshold = kind == AlertKind::PortfolioLoss ? DefaultLossPercent : DefaultGainPercent;
            withState(fallback);
        }
    }
    for (const AlertRule &rule : *stored) {
        if (!isPortfolioKind(rule.kind))
            withState(rule);
    }
    return rules;
}

Result<AlertRule> AlertRepository::findRule(RowId id) const
{
    auto found = selectRules(m_database, QStringLiteral("WHERE r.id = ? AND r.deleted = 0"), { qlonglong(id) });
    if (!found)
        return Error { found.error() };
    if (found->empty())
        return Error { QStringLiteral("alert rule: no rule with id %1").arg(id) };
    auto states = readArmedStates(m_database);
    if (!states)
        return Error { states.error() };
    AlertRule rule = found->front();
    const auto state = states->find(rule.stateKey());
    rule.armed = state == states->end() || state->second;
    return rule;
}

Result<AlertRule> AlertRepository::findRuleByReference(QStringView reference) const
{
    const auto id = findIdByUuidPrefix(m_database, QStringLiteral("alert_rule"), reference);
    if (!id)
        return Error { QStringLiteral("alert rule: %1").arg(id.error()) };
    if (*id == 0)
        return Error {
            QStringLiteral("alert rule: no rule with the id '%1' (see 'alerts rules')").arg(reference.toString())
        };
    return findRule(*id);
}

Result<AlertRule> AlertRepository::setThreshold(RowId portfolioId, AlertKind kind, std::optional<Decimal> percent) const
{
    if (!isPortfolioKind(kind))
        return Error { QStringLiteral("kind: '%1' is not a portfolio threshold").arg(toKey(kind)) };
    AlertRule rule;
    rule.kind = kind;
    rule.portfolioId = portfolioId;
    rule.enabled = percent.has_value();
    rule.threshold = percent.value_or(kind == AlertKind::PortfolioLoss ? DefaultLossPercent : DefaultGainPercent);
    if (auto valid = validate(rule); !valid)
        return Error { valid.error() };
    auto portfolio = PortfolioRepository(m_database).find(portfolioId);
    if (!portfolio)
        return Error { portfolio.error() };
    if (portfolio->stamp.deleted)
        return Error { QStringLiteral("portfolio: '%1' was deleted").arg(portfolio->name) };

    AlertRule saved;
    auto done = atomically(m_database, [&]() -> Result<void> {
        auto existing
            = selectRules(m_database, QStringLiteral("WHERE r.deleted = 0 AND r.portfolio_id = ? AND r.kind = ?"),
                          { qlonglong(portfolioId), toKey(kind) });
        if (!existing)
            return Error { existing.error() };
        if (existing->empty()) {
            auto inserted = insertRule(m_database, rule);
            if (!inserted)
                return Error { inserted.error() };
            saved = *inserted;
        } else {
            saved = existing->front();
            saved.threshold = rule.threshold;
            saved.enabled = rule.enabled;
            saved.stamp.updatedAt = m_database.nextTimestamp();
            QSqlQuery query(m_database.connection());
            query.prepare(QStringLiteral("UPDATE alert_rule SET threshold = ?, enabled = ?, updated_at = ? "
                                         "WHERE id = ?"));
            query.addBindValue(sqlValue(saved.threshold));
            query.addBindValue(saved.enabled ? 1 : 0);
            query.addBindValue(qlonglong(saved.stamp.updatedAt));
            query.addBindValue(qlonglong(saved.id));
            if (auto updated = execute(query, QStringLiteral("Updating the thresholds of '%1'").arg(portfolio->name));
                !updated)
                return updated;
        }
        saved.armed = true;
        return forgetState(m_database, saved.stateKey());
    });
    if (!done)
        return Error { done.error() };
    return saved;
}

Result<void> AlertRepository::resetThreshold(RowId portfolioId, AlertKind kind) const
{
    if (!isPortfolioKind(kind))
        return Error { QStringLiteral("kind: '%1' is not a portfolio threshold").arg(toKey(kind)) };
    return atomically(m_database, [&]() -> Result<void> {
        auto existing
            = selectRules(m_database, QStringLiteral("WHERE r.deleted = 0 AND r.portfolio_id = ? AND r.kind = ?"),
                          { qlonglong(portfolioId), toKey(kind) });
        if (!existing)
            return Error { existing.error() };
        for (const AlertRule &rule : *existing) {
            if (auto removed = tombstoneRule(m_database, rule.id); !removed)
                return removed;
        }
        AlertRule fallback;
        fallback.kind = kind;
        fallback.portfolioId = portfolioId;
        return forgetState(m_database, fallback.stateKey());
    });
}

Result<AlertRule> AlertRepository::addPriceRule(RowId assetId, AlertKind kind, Decimal price) const
{
    if (isPortfolioKind(kind))
        return Error { QStringLiteral("kind: '%1' is not a price alert").arg(toKey(kind)) };
    AlertRule rule;
    rule.kind = kind;
    rule.assetId = assetId;
    rule.threshold = price;
    if (auto valid = validate(rule); !valid)
        return Error { valid.error() };
    auto asset = AssetRepository(m_database).find(assetId);
    if (!asset)
        return Error { asset.error() };
    if (asset->stamp.deleted)
        return Error { QStringLiteral("asset: '%1' was deleted").arg(asset->symbol) };
    AlertRule saved;
    auto done = atomically(m_database, [&]() -> Result<void> {
        auto inserted = insertRule(m_database, rule);
        if (!inserted)
            return Error { inserted.error() };
        saved = *inserted;
        // A rule id is never reused, but a state left by an old store copy must not disarm it.
        return forgetState(m_database, saved.stateKey());
    });
    if (!done)
        return Error { done.error() };
    return saved;
}

Result<void> AlertRepository::removeRule(RowId id) const
{
    auto rule = findRule(id);
    if (!rule)
        return Error { rule.error() };
    return atomically(m_database, [&]() -> Result<void> {
        if (auto removed = tombstoneRule(m_database, id); !removed)
            return removed;
        return forgetState(m_database, rule->stateKey());
    });
}

Result<void> AlertRepository::saveArmedStates(std::span<const ArmedState> states, std::int64_t at) const
{
    if (states.empty())
        return {};
    return atomically(m_database, [&]() -> Result<void> {
        QSqlQuery query(m_database.connection());
        query.prepare(QStringLiteral("INSERT INTO alert_state (state_key, armed, changed_at) VALUES (?, ?, ?) "
                                     "ON CONFLICT (state_key) DO UPDATE SET armed = excluded.armed, "
                                     "changed_at = excluded.changed_at"));
        for (const ArmedState &state : states) {
            query.addBindValue(state.stateKey);
            query.addBindValue(state.armed ? 1 : 0);
            query.addBindValue(qlonglong(at));
            if (auto done = execute(query, QStringLiteral("Saving the armed state of alert '%1'").arg(state.stateKey));
                !done)
                return done;
        }
        return {};
    });
}

Result<std::vector<AlertEvent>> AlertRepository::logEvents(std::vector<AlertEvent> events) const
{
    if (events.empty())
        return events;
    auto done = atomically(m_database, [&]() -> Result<void> {
        QSqlQuery query(m_database.connection());
        query.prepare(QStringLiteral("INSERT INTO alert_event (rule_id, kind, portfolio_id, asset_id, snapshot_id, "
                                     "fired_at, day, observed, threshold, message, is_read) "
                                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                      + returningId(m_database));
        for (AlertEvent &event : events) {
            if (!event.day.isValid())
                return Error { QStringLiteral("alert event '%1': the day is missing").arg(event.message) };
            query.addBindValue(sqlIdOrNull(event.ruleId));
            query.addBindValue(toKey(event.kind));
            query.addBindValue(sqlIdOrNull(event.portfolioId));
            query.addBindValue(sqlIdOrNull(event.assetId));
            query.addBindValue(sqlIdOrNull(event.snapshotId));
            query.addBindValue(qlonglong(event.firedAt));
            query.addBindValue(sqlValue(event.day));
            query.addBindValue(sqlValue(event.observed));
            query.addBindValue(sqlValue(event.threshold));
            query.addBindValue(sqlText(event.message));
            query.addBindValue(event.read ? 1 : 0);
            if (auto logged = execute(query, QStringLiteral("Logging alert '%1'").arg(event.message)); !logged)
                return logged;
            event.id = insertedId(query);
        }
        return {};
    });
    if (!done)
        return Error { done.error() };
    return events;
}

Result<std::vector<AlertEvent>> AlertRepository::events(int limit, bool unreadOnly) const
{
    QSqlQuery query(m_database.connection());
    setReadMode(query);
    query.prepare(EventColumns + (unreadOnly ? QStringLiteral("WHERE is_read = 0 ") : QString())
                  + QStringLiteral("ORDER BY fired_at DESC, id DESC LIMIT ?"));
    query.addBindValue(std::max(0, limit));
    if (auto done = execute(query, QStringLiteral("Reading the alerts log")); !done)
        return Error { done.error() };
    std::vector<AlertEvent> events;
    while (query.next())
        events.push_back(readEvent(query));
    return events;
}

Result<int> AlertRepository::unreadCount() const
{
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("SELECT COUNT(*) FROM alert_event WHERE is_read = 0"));
    if (auto done = execute(query, QStringLiteral("Counting unread alerts")); !done)
        return Error { done.error() };
    return query.next() ? query.value(0).toInt() : 0;
}

Result<void> AlertRepository::markRead(RowId eventId) const
{
    QSqlQuery query(m_database.connection());
    if (eventId == 0) {
        query.prepare(QStringLiteral("UPDATE alert_event SET is_read = 1 WHERE is_read = 0"));
    } else {
        query.prepare(QStringLiteral("UPDATE alert_event SET is_read = 1 WHERE id = ?"));
        query.addBindValue(qlonglong(eventId));
    }
    if (auto done = execute(query, QStringLiteral("Marking alerts read")); !done)
        return done;
    if (eventId != 0 && query.numRowsAffected() == 0)
        return Error { QStringLiteral("alert: no alert with id %1").arg(eventId) };
    return {};
}

} // namespace pt::store
