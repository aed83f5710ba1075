#include "store/corporateactionrepository.h"

#include "store/atomically.h"
#include "store/database.h"
#include "store/sqlrows.h"

#include <QDateTime>
#include <QSqlQuery>

namespace pt::store {

namespace {

using marketdata::CorporateAction;

QString kindKey(CorporateAction::Kind kind)
{
    return kind == CorporateAction::Kind::Split ? QStringLiteral("split") : QStringLiteral("dividend");
}

Result<void> validate(RowId assetId, const CorporateAction &action)
{
    const QString where = QStringLiteral("%1 of asset %2 on %3")
                              .arg(kindKey(action.kind))
                              .arg(assetId)
                              .arg(action.date.toString(Qt::ISODate));
    if (!action.date.isValid())
        return Error{QStringLiteral("corporate action of asset %1: the date is missing or invalid").arg(assetId)};
    if (action.kind == CorporateAction::Kind::Split) {
        if (!action.numerator.isPositive() || !action.denominator.isPositive())
            return Error{QStringLiteral("%1: the ratio %2:%3 must be positive")
                             .arg(where, action.numerator.toString(), action.denominator.toString())};
    } else if (!action.amount.isPositive()) {
        return Error{
            QStringLiteral("%1: the amount '%2' must be greater than zero").arg(where, action.amount.toString())};
    }
    return {};
}

} // namespace

Result<void> CorporateActionRepository::upsertMany(RowId assetId, std::span<const CorporateAction> actions,
                                                   QStringView source) const
{
    for (const CorporateAction &action : actions) {
        if (auto valid = validate(assetId, action); !valid)
            return valid;
    }
    if (actions.empty())
        return {};
    return atomically(m_database, [&]() -> Result<void> {
        QSqlQuery query(m_database.connection());
        // Identical rows are left alone, so a refetch writes nothing.
        query.prepare(QStringLiteral(
                          "INSERT INTO corporate_action (asset_id, day, kind, split_numerator, split_denominator, "
                          "amount, currency, source, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                          "ON CONFLICT (asset_id, day, kind) DO UPDATE SET split_numerator = excluded.split_numerator, "
                          "split_denominator = excluded.split_denominator, amount = excluded.amount, "
                          "currency = excluded.currency, source = excluded.source, fetched_at = excluded.fetched_at "
                          "WHERE corporate_action.split_numerator%1excluded.split_numerator "
                          "OR corporate_action.split_denominator%1excluded.split_denominator "
                          "OR corporate_action.amount%1excluded.amount "
                          "OR corporate_action.currency%1excluded.currency")
                          .arg(isDistinctFrom(m_database)));
        const qlonglong fetchedAt = QDateTime::currentMSecsSinceEpoch();
        for (const CorporateAction &action : actions) {
            const bool split = action.kind == CorporateAction::Kind::Split;
            query.addBindValue(qlonglong(assetId));
            query.addBindValue(sqlValue(action.date));
            query.addBindValue(kindKey(action.kind));
            query.addBindValue(split ? sqlValue(action.numerator) : sqlValueOrNull(Decimal()));
            query.addBindValue(split ? sqlValue(action.denominator) : sqlValueOrNull(Decimal()));
            query.addBindValue(split ? sqlValueOrNull(Decimal()) : sqlValue(action.amount));
            query.addBindValue(sqlText(action.currency));
            query.addBindValue(sqlText(source.toString()));
            query.addBindValue(fetchedAt);
            if (auto done = execute(query, QStringLiteral("Storing the %1 of asset %2 on %3")
                                               .arg(kindKey(action.kind))
                                               .arg(assetId)
                                               .arg(action.date.toString(Qt::ISODate)));
                !done)
                return done;
        }
        return {};
    });
}

Result<std::vector<CorporateAction>> CorporateActionRepository::list(RowId assetId, QDate from, QDate to) const
{
    QSqlQuery query(m_database.connection());
    setReadMode(query);
    QString sql = QStringLiteral("SELECT day, kind, split_numerator, split_denominator, amount, currency "
                                 "FROM corporate_action WHERE asset_id = ?");
    QVariantList values{qlonglong(assetId)};
    if (from.isValid()) {
        sql += QStringLiteral(" AND day >= ?");
        values << sqlValue(from);
    }
    if (to.isValid()) {
        sql += QStringLiteral(" AND day <= ?");
        values << sqlValue(to);
    }
    query.prepare(sql + QStringLiteral(" ORDER BY day, kind"));
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (auto done = execute(query, QStringLiteral("Reading corporate actions")); !done)
        return Error{done.error()};
    std::vector<CorporateAction> actions;
    while (query.next()) {
        CorporateAction action;
        action.date = dateFrom(query.value(0));
        action.kind = query.value(1).toString() == u"split" ? CorporateAction::Kind::Split
                                                            : CorporateAction::Kind::Dividend;
        action.numerator = decimalFrom(query.value(2));
        action.denominator = decimalFrom(query.value(3));
        action.amount = decimalFrom(query.value(4));
        action.currency = query.value(5).toString();
        actions.push_back(action);
    }
    return actions;
}

} // namespace pt::store
