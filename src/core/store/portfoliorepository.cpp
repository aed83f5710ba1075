#include "store/portfoliorepository.h"

#include "money/currency.h"
#include "store/database.h"
#include "store/sqlrows.h"

#include <QSqlQuery>

namespace pt::store {

namespace {

const QString SelectColumns = QStringLiteral(
    "SELECT id, uuid, name, base_currency, cost_basis_method, created_at, updated_at, deleted FROM portfolio ");

Portfolio readPortfolio(const QSqlQuery &query)
{
    Portfolio portfolio;
    portfolio.id = query.value(0).toLongLong();
    portfolio.stamp.uuid = QUuid(query.value(1).toString());
    portfolio.name = query.value(2).toString();
    portfolio.baseCurrency = query.value(3).toString();
    portfolio.costBasisMethod = costBasisMethodFromKey(query.value(4).toString()).value_or(CostBasisMethod::Fifo);
    portfolio.stamp.createdAt = query.value(5).toLongLong();
    portfolio.stamp.updatedAt = query.value(6).toLongLong();
    portfolio.stamp.deleted = query.value(7).toBool();
    return portfolio;
}

Result<std::vector<Portfolio>> selectPortfolios(const Database &database, const QString &where,
                                                const QVariantList &values)
{
    QSqlQuery query(database.connection());
    setReadMode(query);
    query.prepare(SelectColumns + where);
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (auto done = execute(query, QStringLiteral("Reading portfolios")); !done)
        return Error{done.error()};
    std::vector<Portfolio> portfolios;
    while (query.next())
        portfolios.push_back(readPortfolio(query));
    return portfolios;
}

Result<void> checkNameFree(const Database &database, const Portfolio &portfolio)
{
    QSqlQuery query(database.connection());
    query.prepare(QStringLiteral("SELECT COUNT(*) FROM portfolio WHERE deleted = 0 AND name = ? AND id <> ?"));
    query.addBindValue(sqlText(portfolio.name));
    query.addBindValue(qlonglong(portfolio.id));
    if (auto done = execute(query, QStringLiteral("Checking the portfolio name")); !done)
        return done;
    if (query.next() && query.value(0).toInt() > 0)
        return Error{QStringLiteral("name: a portfolio named '%1' already exists").arg(portfolio.name)};
    return {};
}

} // namespace

Result<void> PortfolioRepository::validate(const Portfolio &portfolio)
{
    if (portfolio.name.trimmed().isEmpty())
        return Error{QStringLiteral("name: a portfolio needs a name")};
    if (portfolio.name.size() > 200)
        return Error{QStringLiteral("name: '%1…' is longer than 200 characters").arg(portfolio.name.left(20))};
    if (!currency::isValidCode(portfolio.baseCurrency))
        return Error{QStringLiteral("base currency: '%1' is not a currency code such as EUR or USD")
                         .arg(portfolio.baseCurrency)};
    return {};
}

Result<std::vector<Portfolio>> PortfolioRepository::list() const
{
    return selectPortfolios(
        m_database,
        QStringLiteral("WHERE deleted = 0 ORDER BY %1, id").arg(byCodePoint(m_database, QStringLiteral("name"))), {});
}

Result<Portfolio> PortfolioRepository::find(RowId id) const
{
    auto found = selectPortfolios(m_database, QStringLiteral("WHERE id = ?"), {qlonglong(id)});
    if (!found)
        return Error{found.error()};
    if (found->empty())
        return Error{QStringLiteral("portfolio: no portfolio with id %1").arg(id)};
    return found->front();
}

Result<Portfolio> PortfolioRepository::findByReference(QStringView reference) const
{
    auto byName = selectPortfolios(m_database, QStringLiteral("WHERE deleted = 0 AND name = ?"),
                                   {reference.toString()});
    if (!byName)
        return Error{byName.error()};
    if (!byName->empty())
        return byName->front();
    const auto id = findIdByUuidPrefix(m_database, QStringLiteral("portfolio"), reference);
    if (!id)
        return Error{QStringLiteral("portfolio: %1").arg(id.error())};
    if (*id == 0)
        return Error{QStringLiteral("portfolio: no portfolio named '%1'").arg(reference.toString())};
    return find(*id);
}

Result<Portfolio> PortfolioRepository::add(Portfolio portfolio) const
{
    portfolio.name = portfolio.name.trimmed();
    if (auto valid = validate(portfolio); !valid)
        return Error{valid.error()};
    if (auto free = checkNameFree(m_database, portfolio); !free)
        return Error{free.error()};
    portfolio.stamp = newStamp(m_database);

    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("INSERT INTO portfolio (uuid, name, base_currency, cost_basis_method, "
                                 "created_at, updated_at, deleted) VALUES (?, ?, ?, ?, ?, ?, 0)")
                  + returningId(m_database));
    query.addBindValue(uuidText(portfolio.stamp.uuid));
    query.addBindValue(sqlText(portfolio.name));
    query.addBindValue(sqlText(portfolio.baseCurrency));
    query.addBindValue(toKey(portfolio.costBasisMethod));
    query.addBindValue(qlonglong(portfolio.stamp.createdAt));
    query.addBindValue(qlonglong(portfolio.stamp.updatedAt));
    if (auto done = execute(query, QStringLiteral("Saving portfolio '%1'").arg(portfolio.name)); !done)
        return Error{done.error()};
    portfolio.id = insertedId(query);
    return portfolio;
}

Result<Portfolio> PortfolioRepository::update(Portfolio portfolio) const
{
    portfolio.name = portfolio.name.trimmed();
    if (auto valid = validate(portfolio); !valid)
        return Error{valid.error()};
    if (auto free = checkNameFree(m_database, portfolio); !free)
        return Error{free.error()};
    portfolio.stamp.updatedAt = m_database.nextTimestamp();

    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("UPDATE portfolio SET name = ?, base_currency = ?, cost_basis_method = ?, "
                                 "updated_at = ? WHERE id = ? AND deleted = 0"));
    query.addBindValue(sqlText(portfolio.name));
    query.addBindValue(sqlText(portfolio.baseCurrency));
    query.addBindValue(toKey(portfolio.costBasisMethod));
    query.addBindValue(qlonglong(portfolio.stamp.updatedAt));
    query.addBindValue(qlonglong(portfolio.id));
    if (auto done = execute(query, QStringLiteral("Updating portfolio '%1'").arg(portfolio.name)); !done)
        return Error{done.error()};
    if (query.numRowsAffected() != 1)
        return Error{QStringLiteral("portfolio: no portfolio with id %1").arg(portfolio.id)};
    return portfolio;
}

Result<void> PortfolioRepository::remove(RowId id) const
{
    const auto portfolio = find(id);
    if (!portfolio)
        return Error{portfolio.error()};
    return m_database.inTransaction([&]() -> Result<void> {
        QSqlQuery query(m_database.connection());
        // Transfers tie two books together; deleting one side would silently
        // change the other, so such a portfolio must lose its transfers first.
        query.prepare(QStringLiteral("SELECT COUNT(*) FROM ledger_transaction WHERE deleted = 0 "
                                     "AND type = 'transfer' AND (portfolio_id = ? OR counterparty_portfolio_id = ?)"));
        query.addBindValue(qlonglong(id));
        query.addBindValue(qlonglong(id));
        if (auto done = execute(query, QStringLiteral("Checking transfers")); !done)
            return done;
        if (query.next() && query.value(0).toInt() > 0)
            return Error{QStringLiteral("portfolio '%1' has transfers to or from other portfolios; delete "
                                        "those first")
                             .arg(portfolio->name)};
        const qlonglong now = m_database.nextTimestamp();
        query.prepare(QStringLiteral(
            "UPDATE ledger_transaction SET deleted = 1, updated_at = ? WHERE portfolio_id = ? AND deleted = 0"));
        query.addBindValue(now);
        query.addBindValue(qlonglong(id));
        if (auto done = execute(query, QStringLiteral("Deleting the portfolio's entries")); !done)
            return done;
        query.prepare(QStringLiteral("UPDATE portfolio SET deleted = 1, updated_at = ? WHERE id = ?"));
        query.addBindValue(now);
        query.addBindValue(qlonglong(id));
        return execute(query, QStringLiteral("Deleting portfolio '%1'").arg(portfolio->name));
    });
}

} // namespace pt::store
