#include "store/transactionrepository.h"

#include "store/atomically.h"
#include "store/database.h"
#include "store/sqlitetransactionwriter.h"
#include "store/sqlrows.h"

#include <QHash>
#include <QSqlError>
#include <QSqlQuery>

#include <sqlite3.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <optional>
#include <span>

namespace pt::store {

namespace {

const QString SelectColumns = QStringLiteral(
    "SELECT id, uuid, portfolio_id, type, trade_date, asset_id, counterparty_portfolio_id, quantity, price, "
    "amount, fee, split_numerator, split_denominator, currency, note, created_at, updated_at, deleted "
    "FROM ledger_transaction ");

const QString InsertColumns = QStringLiteral(
    "INSERT INTO ledger_transaction (uuid, portfolio_id, type, trade_date, asset_id, counterparty_portfolio_id, "
    "quantity, price, amount, fee, split_numerator, split_denominator, currency, note, created_at, updated_at, "
    "deleted) ");
const QString InsertStatement =
    InsertColumns + QStringLiteral("VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)");

// Rows per statement when PostgreSQL stores many entries: one round trip for
// each batch rather than each entry.
constexpr std::size_t RowsPerInsert = 500;

// A row of SelectColumns as read through QSqlQuery: any driver.
class QtSqlRow
{
public:
    explicit QtSqlRow(const QSqlQuery &query) : m_query(query) {}

    qint64 integer(int column) const { return m_query.value(column).toLongLong(); }
    QUuid uuid(int column) const { return QUuid::fromString(m_query.value(column).toString()); }
    std::optional<TransactionType> type(int column) const
    {
        return transactionTypeFromKey(m_query.value(column).toString());
    }
    QDate date(int column) const
    {
        const QVariant value = m_query.value(column);
        if (value.typeId() == QMetaType::QDate) // PostgreSQL's DATE
            return value.toDate();
        return isoDateFrom(value.toString()); // SQLite's TEXT
    }
    Decimal decimal(int column) const { return decimalFrom(m_query.value(column)); }
    QString text(int column) const { return m_query.value(column).toString(); }

private:
    const QSqlQuery &m_query;
};

// A row of SelectColumns straight from SQLite's statement: no QVariant per
// value and no QString for the UUID, date, type and decimals, so a large book
// loads several times faster. Currency codes repeat: each distinct one is
// made once and then shared.
class SqliteRow
{
public:
    explicit SqliteRow(sqlite3_stmt *statement) : m_statement(statement) {}

    qint64 integer(int column) const { return sqlite3_column_int64(m_statement, column); }
    QUuid uuid(int column) const { return QUuid::fromString(QUtf8StringView(bytes(column))); }
    std::optional<TransactionType> type(int column) const
    {
        const QByteArrayView key = bytes(column);
        char16_t wide[16];
        if (key.size() > qsizetype(std::size(wide)))
            return std::nullopt;
        for (qsizetype i = 0; i < key.size(); ++i)
            wide[i] = char16_t(static_cast<unsigned char>(key[i]));
        return transactionTypeFromKey(QStringView(wide, key.size()));
    }
    QDate date(int column) const { return isoDateFrom(bytes(column)); }
    Decimal decimal(int column) const
    {
        if (sqlite3_column_type(m_statement, column) == SQLITE_NULL)
            return {};
        return decimalFromUtf8(bytes(column));
    }
    QString text(int column) const
    {
        const QByteArrayView utf8 = bytes(column);
        return utf8.isEmpty() ? QString() : QString::fromUtf8(utf8);
    }
    QString sharedText(int column)
    {
        const QByteArrayView utf8 = bytes(column);
        for (const auto &[key, shared] : m_shared) {
            if (utf8 == key)
                return shared;
        }
        QString made = text(column);
        if (m_shared.size() < 64)
            m_shared.emplace_back(utf8.toByteArray(), made);
        return made;
    }

private:
    // Valid until the statement steps or its column is read in another form.
    QByteArrayView bytes(int column) const
    {
        const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(m_statement, column));
        return QByteArrayView(data, sqlite3_column_bytes(m_statement, column));
    }

    sqlite3_stmt *m_statement;
    std::vector<std::pair<QByteArray, QString>> m_shared;
};

QString sharedText(const QtSqlRow &row, int column)
{
    return row.text(column);
}

QString sharedText(SqliteRow &row, int column)
{
    return row.sharedText(column);
}

Error damaged(const Transaction &t, const QString &what, const QString &text)
{
    const QString entry = t.stamp.uuid.isNull() ? QStringLiteral("with id %1").arg(t.id) : uuidText(t.stamp.uuid);
    return Error{QStringLiteral("ledger entry %1 holds %2 '%3' that is not valid; the store is damaged")
                     .arg(entry, what, text)};
}

// The one definition of how a stored row becomes a Transaction, whichever
// way it is read. A value the store cannot have written is an error naming
// the entry, never a silently wrong record.
template<typename Row>
Result<Transaction> readTransaction(Row &row)
{
    enum Column {
        Id, Uuid, PortfolioId, Type, TradeDate, AssetId, CounterpartyId, Quantity, Price, Amount, Fee,
        SplitNumerator, SplitDenominator, Currency, Note, CreatedAt, UpdatedAt, Deleted
    };
    Transaction t;
    t.id = row.integer(Id);
    t.stamp.uuid = row.uuid(Uuid);
    if (t.stamp.uuid.isNull())
        return damaged(t, QStringLiteral("a UUID"), row.text(Uuid));
    t.portfolioId = row.integer(PortfolioId);
    const auto type = row.type(Type);
    if (!type)
        return damaged(t, QStringLiteral("a type"), row.text(Type));
    t.type = *type;
    t.date = row.date(TradeDate);
    if (!t.date.isValid())
        return damaged(t, QStringLiteral("a trade date"), row.text(TradeDate));
    t.assetId = row.integer(AssetId);
    t.counterpartyPortfolioId = row.integer(CounterpartyId);
    struct DecimalColumn
    {
        int column;
        Decimal Transaction::*field;
        const char16_t *name;
    };
    static constexpr DecimalColumn Decimals[] = {
        {Quantity, &Transaction::quantity, u"a quantity"},
        {Price, &Transaction::price, u"a price"},
        {Amount, &Transaction::amount, u"an amount"},
        {Fee, &Transaction::fee, u"a fee"},
        {SplitNumerator, &Transaction::splitNumerator, u"a split numerator"},
        {SplitDenominator, &Transaction::splitDenominator, u"a split denominator"},
    };
    for (const DecimalColumn &decimal : Decimals) {
        t.*decimal.field = row.decimal(decimal.column);
        if (!(t.*decimal.field).isValid())
            return damaged(t, QString::fromUtf16(decimal.name), row.text(decimal.column));
    }
    t.currency = sharedText(row, Currency);
    t.note = row.text(Note);
    t.stamp.createdAt = row.integer(CreatedAt);
    t.stamp.updatedAt = row.integer(UpdatedAt);
    t.stamp.deleted = row.integer(Deleted) != 0;
    return t;
}

// The values after the UUID, in the order of InsertStatement (and of the update).
QVariantList fieldValues(const Transaction &t)
{
    return {qlonglong(t.portfolioId),
            toKey(t.type),
            sqlValue(t.date),
            sqlIdOrNull(t.assetId),
            sqlIdOrNull(t.counterpartyPortfolioId),
            sqlValueOrNull(t.quantity),
            sqlValueOrNull(t.price),
            sqlValueOrNull(t.amount),
            sqlValueOrNull(t.fee),
            sqlValueOrNull(t.splitNumerator),
            sqlValueOrNull(t.splitDenominator),
            sqlText(t.currency),
            sqlText(t.note)};
}

// The values of InsertStatement's placeholders.
QVariantList insertValues(const Transaction &t)
{
    QVariantList values{uuidText(t.stamp.uuid)};
    values += fieldValues(t);
    values << qlonglong(t.stamp.createdAt) << qlonglong(t.stamp.updatedAt);
    return values;
}

void bindValues(QSqlQuery &query, const QVariantList &values)
{
    for (const QVariant &value : values)
        query.addBindValue(value);
}

// PostgreSQL: the entries in multi-row INSERTs, each row's new id read back
// by its UUID.
Result<void> insertInBatches(const Database &database, std::vector<Transaction> &transactions)
{
    QSqlDatabase connection = database.connection();
    QSqlQuery query(connection);
    for (std::size_t start = 0; start < transactions.size(); start += RowsPerInsert) {
        const std::size_t end = std::min(transactions.size(), start + RowsPerInsert);
        QHash<QUuid, Transaction *> byUuid;
        QString sql = InsertColumns + u"VALUES ";
        for (std::size_t i = start; i < end; ++i) {
            Transaction &transaction = transactions[i];
            if (transaction.stamp.uuid.isNull())
                transaction.stamp = newStamp(database);
            byUuid.insert(transaction.stamp.uuid, &transaction);
            sql += i == start ? u"(" : u", (";
            for (const QVariant &value : insertValues(transaction))
                sql += sqlLiteral(connection, value) + u", ";
            sql += u"0)";
        }
        sql += u" RETURNING uuid, id";
        if (!query.exec(sql))
            return Error{describeSqlError(QStringLiteral("Saving ledger entries"), query.lastError())};
        while (query.next()) {
            if (Transaction *stored = byUuid.value(QUuid::fromString(query.value(0).toString())))
                stored->id = query.value(1).toLongLong();
        }
        query.finish();
    }
    return {};
}

// The order of the UUIDs' canonical text (lower-case hex, as uuidText writes
// and the store keeps them), compared field by field without making the text.
bool uuidTextBefore(const QUuid &a, const QUuid &b)
{
    if (a.data1 != b.data1)
        return a.data1 < b.data1;
    if (a.data2 != b.data2)
        return a.data2 < b.data2;
    if (a.data3 != b.data3)
        return a.data3 < b.data3;
    return std::memcmp(a.data4, b.data4, sizeof(a.data4)) < 0;
}

// The order list() returns, for every driver: by trade date, then creation
// stamp, then UUID text (what ORDER BY trade_date, created_at, uuid gave on
// SQLite). Sorting here rather than in SQL spares SQLite a sorter carrying every
// column, and most books are stored in this order already, so check first.
void sortInListOrder(std::vector<Transaction> &transactions)
{
    struct Key
    {
        qint64 julian;
        std::int64_t createdAt;
        Transaction *transaction;
    };
    const auto before = [](const Key &a, const Key &b) {
        if (a.julian != b.julian)
            return a.julian < b.julian;
        if (a.createdAt != b.createdAt)
            return a.createdAt < b.createdAt;
        return uuidTextBefore(a.transaction->stamp.uuid, b.transaction->stamp.uuid);
    };
    std::vector<Key> keys;
    keys.reserve(transactions.size());
    for (Transaction &t : transactions)
        keys.push_back(Key{t.date.toJulianDay(), t.stamp.createdAt, &t});
    if (std::is_sorted(keys.begin(), keys.end(), before))
        return;
    std::sort(keys.begin(), keys.end(), before); // UUIDs are unique: no two keys tie
    std::vector<Transaction> sorted;
    sorted.reserve(transactions.size());
    for (const Key &key : keys)
        sorted.push_back(std::move(*key.transaction));
    transactions = std::move(sorted);
}

struct StatementDeleter
{
    void operator()(sqlite3_stmt *statement) const { sqlite3_finalize(statement); }
};

Result<std::vector<Transaction>> selectThroughSqlite(sqlite3 *db, const QString &sql,
                                                     std::span<const qint64> values)
{
    const auto failed = [db] {
        return Error{describeSqlError(QStringLiteral("Reading ledger entries"),
                                      QSqlError(QString(), QString::fromUtf8(sqlite3_errmsg(db)),
                                                QSqlError::StatementError))};
    };
    sqlite3_stmt *raw = nullptr;
    if (sqlite3_prepare_v2(db, sql.toUtf8().constData(), -1, &raw, nullptr) != SQLITE_OK)
        return failed();
    const std::unique_ptr<sqlite3_stmt, StatementDeleter> statement(raw);
    for (size_t i = 0; i < values.size(); ++i)
        sqlite3_bind_int64(raw, int(i) + 1, values[i]);
    std::vector<Transaction> transactions;
    SqliteRow row(raw);
    int step = SQLITE_ROW;
    while ((step = sqlite3_step(raw)) == SQLITE_ROW) {
        auto transaction = readTransaction(row);
        if (!transaction)
            return Error{transaction.error()};
        transactions.push_back(std::move(*transaction));
    }
    if (step != SQLITE_DONE)
        return failed();
    return transactions;
}

Result<std::vector<Transaction>> selectThroughQtSql(const QSqlDatabase &connection, const QString &sql,
                                                    std::span<const qint64> values)
{
    QSqlQuery query(connection);
    setReadMode(query);
    query.prepare(sql);
    for (const qint64 value : values)
        query.addBindValue(qlonglong(value));
    if (auto done = execute(query, QStringLiteral("Reading ledger entries")); !done)
        return Error{done.error()};
    std::vector<Transaction> transactions;
    QtSqlRow row(query);
    while (query.next()) {
        auto transaction = readTransaction(row);
        if (!transaction)
            return Error{transaction.error()};
        transactions.push_back(std::move(*transaction));
    }
    return transactions;
}

// `where` binds only integers (ids), as `?` in order.
Result<std::vector<Transaction>> selectTransactions(const Database &database, TransactionRepository::ReadPath path,
                                                    const QString &where, std::initializer_list<qint64> values)
{
    const QString sql = SelectColumns + where;
    const QSqlDatabase connection = database.connection();
    sqlite3 *db = path == TransactionRepository::ReadPath::Fastest ? rawSqliteHandle(connection) : nullptr;
    auto transactions = db ? selectThroughSqlite(db, sql, values) : selectThroughQtSql(connection, sql, values);
    if (transactions)
        sortInListOrder(*transactions);
    return transactions;
}

} // namespace

Result<std::vector<Transaction>> TransactionRepository::list(RowId portfolioId) const
{
    if (portfolioId == 0)
        return selectTransactions(m_database, m_readPath, QStringLiteral("WHERE deleted = 0"), {});
    return selectTransactions(m_database, m_readPath,
                              QStringLiteral("WHERE deleted = 0 AND (portfolio_id = ? OR counterparty_portfolio_id = ?)"),
                              {portfolioId, portfolioId});
}

Result<Transaction> TransactionRepository::find(RowId id) const
{
    auto found = selectTransactions(m_database, m_readPath, QStringLiteral("WHERE id = ?"), {id});
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
    query.prepare(InsertStatement + returningId(m_database));
    bindValues(query, insertValues(transaction));
    if (auto done = execute(query, QStringLiteral("Saving the ledger entry")); !done)
        return Error{done.error()};
    transaction.id = insertedId(query);
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
    bindValues(query, fieldValues(transaction));
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
    // Stamps come from one strictly increasing clock, so same-day entries
    // replay in the order they were given. Atomically: an import joins the
    // transaction it checked the book in.
    return atomically(m_database, [&]() -> Result<void> {
        if (sqlite3 *db = rawSqliteHandle(m_database.connection()))
            return insertTransactionsIntoSqlite(m_database, db, transactions);
        return insertInBatches(m_database, transactions);
    });
}

} // namespace pt::store
