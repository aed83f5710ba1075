#include "store/transactionrepository.h"

#include "store/database.h"
#include "store/sqlrows.h"

#include <QSqlQuery>

namespace pt::store {

namespace {

const QString SelectColumns = QStringLiteral(
    "SELECT id, uuid, portfolio_id, type, trade_date, asset_id, counterparty_portfolio_id, quantity, price, "
    "amount, fee, split_numerator, split_denominator, currency, note, created_at, updated_at, deleted "
    "FROM ledger_transaction ");

const QString ReplayOrder = QStringLiteral(" ORDER BY trade_date, created_at, uuid");

const QString InsertStatement = QStringLiteral(
    "INSERT INTO ledger_transaction (uuid, portfolio_id, type, trade_date, asset_id, counterparty_portfolio_id, "
    "quantity, price, amount, fee, split_numerator, split_denominator, currency, note, created_at, updated_at, "
    "deleted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)");

Transaction readTransaction(const QSqlQuery &query)
{
    Transaction t;
    t.id = query.value(0).toLongLong();
    t.stamp.uuid = QUuid(query.value(1).toString());
    t.portfolioId = query.value(2).toLongLong();
    t.type = transactionTypeFromKey(query.value(3).toString()).value_or(TransactionType::Buy);
    t.date = dateFrom(query.value(4));
    t.assetId = query.value(5).toLongLong();
    t.counterpartyPortfolioId = query.value(6).toLongLong();
    t.quantity = decimalFrom(query.value(7));
    t.price = decimalFrom(query.value(8));
    t.amount = decimalFrom(query.value(9));
    t.fee = decimalFrom(query.value(10));
    t.splitNumerator = decimalFrom(query.value(11));
    t.splitDenominator = decimalFrom(query.value(12));
    t.currency = query.value(13).toString();
    t.note = query.value(14).toString();
    t.stamp.createdAt = query.value(15).toLongLong();
    t.stamp.updatedAt = query.value(16).toLongLong();
    t.stamp.deleted = query.value(17).toBool();
    return t;
}

// The values after the UUID, in the order of InsertStatement (and of the update).
void bindFields(QSqlQuery &query, const Transaction &t)
{
    query.addBindValue(qlonglong(t.portfolioId));
    query.addBindValue(toKey(t.type));
    query.addBindValue(sqlValue(t.date));
    query.addBindValue(sqlIdOrNull(t.assetId));
    query.addBindValue(sqlIdOrNull(t.counterpartyPortfolioId));
    query.addBindValue(sqlValueOrNull(t.quantity));
    query.addBindValue(sqlValueOrNull(t.price));
    query.addBindValue(sqlValueOrNull(t.amount));
    query.addBindValue(sqlValueOrNull(t.fee));
    query.addBindValue(sqlValueOrNull(t.splitNumerator));
    query.addBindValue(sqlValueOrNull(t.splitDenominator));
    query.addBindValue(sqlText(t.currency));
    query.addBindValue(sqlText(t.note));
}

void bindInsert(QSqlQuery &query, const Transaction &t)
{
    query.addBindValue(uuidText(t.stamp.uuid));
    bindFields(query, t);
    query.addBindValue(qlonglong(t.stamp.createdAt));
    query.addBindValue(qlonglong(t.stamp.updatedAt));
}

Result<std::vector<Transaction>> selectTransactions(const Database &database, const QString &where,
                                                    const QVariantList &values)
{
    QSqlQuery query(database.connection());
    query.setForwardOnly(true);
    query.prepare(SelectColumns + where);
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (auto done = execute(query, QStringLiteral("Reading ledger entries")); !done)
        return Error{done.error()};
    std::vector<Transaction> transactions;
    while (query.next()) {
        transactions.push_back(readTransaction(query));
        const Transaction &t = transactions.back();
        for (const Decimal &value : {t.quantity, t.price, t.amount, t.fee, t.splitNumerator, t.splitDenominator}) {
            if (!value.isValid())
                return Error{QStringLiteral("ledger entry %1 holds a value that is not a decimal number; the "
                                            "store is damaged")
                                 .arg(uuidText(t.stamp.uuid))};
        }
    }
    return transactions;
}

} // namespace

Result<std::vector<Transaction>> TransactionRepository::list(RowId portfolioId) const
{
    if (portfolioId == 0)
        return selectTransactions(m_database, QStringLiteral("WHERE deleted = 0") + ReplayOrder, {});
    return selectTransactions(m_database,
                              QStringLiteral("WHERE deleted = 0 AND (portfolio_id = ? OR counterparty_portfolio_id = ?)")
                                  + ReplayOrder,
                              {qlonglong(portfolioId), qlonglong(portfolioId)});
}

Result<Transaction> TransactionRepository::find(RowId id) const
{
    auto found = selectTransactions(m_database, QStringLiteral("WHERE id = ?"), {qlonglong(id)});
    if (!found)
        return Error{found.error()};
    if (found->empty())
        return Error{QStringLiteral("transaction: no ledger entry with id %1").arg(id)};
    return found->front();
}

Result<Transaction> TransactionRepository::findByReference(QStringView reference) const
{
    const auto id = findIdByUuidPrefix(m_database, QStringLiteral("ledger_transaction"), reference);
    if (!id)
        return Error{QStringLiteral("transaction: %1").arg(id.error())};
    if (*id == 0)
        return Error{QStringLiteral("transaction: no ledger entry with id '%1'").arg(reference.toString())};
    return find(*id);
}

Result<Transaction> TransactionRepository::insert(Transaction transaction) const
{
    if (transaction.stamp.uuid.isNull())
        transaction.stamp = newStamp(m_database);
    QSqlQuery query(m_database.connection());
    query.prepare(InsertStatement);
    bindInsert(query, transaction);
    if (auto done = execute(query, QStringLiteral("Saving the ledger entry")); !done)
        return Error{done.error()};
    transaction.id = query.lastInsertId().toLongLong();
    return transaction;
}

Result<Transaction> TransactionRepository::update(Transaction transaction) const
{
    transaction.stamp.updatedAt = m_database.nextTimestamp();
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral(
        "UPDATE ledger_transaction SET portfolio_id = ?, type = ?, trade_date = ?, asset_id = ?, "
        "counterparty_portfolio_id = ?, quantity = ?, price = ?, amount = ?, fee = ?, split_numerator = ?, "
        "split_denominator = ?, currency = ?, note = ?, updated_at = ? WHERE id = ? AND deleted = 0"));
    bindFields(query, transaction);
    query.addBindValue(qlonglong(transaction.stamp.updatedAt));
    query.addBindValue(qlonglong(transaction.id));
    if (auto done = execute(query, QStringLiteral("Updating the ledger entry")); !done)
        return Error{done.error()};
    if (query.numRowsAffected() != 1)
        return Error{QStringLiteral("transaction: no ledger entry with id %1").arg(transaction.id)};
    return transaction;
}

Result<void> TransactionRepository::markDeleted(RowId id) const
{
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("UPDATE ledger_transaction SET deleted = 1, updated_at = ? WHERE id = ? "
                                 "AND deleted = 0"));
    query.addBindValue(qlonglong(m_database.nextTimestamp()));
    query.addBindValue(qlonglong(id));
    if (auto done = execute(query, QStringLiteral("Deleting the ledger entry")); !done)
        return done;
    if (query.numRowsAffected() != 1)
        return Error{QStringLiteral("transaction: no ledger entry with id %1").arg(id)};
    return {};
}

Result<Transaction> TransactionRepository::restore(RowId id) const
{
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("UPDATE ledger_transaction SET deleted = 0, updated_at = ? WHERE id = ? "
                                 "AND deleted = 1"));
    query.addBindValue(qlonglong(m_database.nextTimestamp()));
    query.addBindValue(qlonglong(id));
    if (auto done = execute(query, QStringLiteral("Restoring the ledger entry")); !done)
        return Error{done.error()};
    if (query.numRowsAffected() != 1)
        return Error{QStringLiteral("transaction: no deleted ledger entry with id %1").arg(id)};
    return find(id);
}

Result<void> TransactionRepository::insertMany(std::vector<Transaction> &transactions) const
{
    return m_database.inTransaction([&]() -> Result<void> {
        QSqlQuery query(m_database.connection());
        query.prepare(InsertStatement);
        for (Transaction &transaction : transactions) {
            // Stamps come from one strictly increasing clock, so same-day
            // entries replay in the order they were given.
            if (transaction.stamp.uuid.isNull())
                transaction.stamp = newStamp(m_database);
            bindInsert(query, transaction);
            if (auto done = execute(query, QStringLiteral("Saving ledger entries")); !done)
                return done;
            transaction.id = query.lastInsertId().toLongLong();
        }
        return {};
    });
}

} // namespace pt::store
