#include "store/tablereader.h"

#include "store/database.h"
#include "store/sqlrows.h"

#include <QSqlQuery>

#include <sqlite3.h>

#include <atomic>

namespace pt::store {

namespace {

std::atomic<quint64> s_nextCursor { 1 };

struct StatementDeleter
{
    void operator()(sqlite3_stmt *statement) const { sqlite3_finalize(statement); }
};

QString kindName(ColumnKind kind)
{
    switch (kind) {
    case ColumnKind::Integer:
        return QStringLiteral("an integer");
    case ColumnKind::Text:
        return QStringLiteral("text");
    case ColumnKind::Decimal:
    case ColumnKind::ScaledDecimal:
        return QStringLiteral("a decimal");
    case ColumnKind::Date:
    case ColumnKind::PriceDay:
        return QStringLiteral("a date");
    }
    return {};
}

// What to SELECT for a column: SQLite's day of a bar is read through its key.
QString selectExpression(const Column &column, Backend backend)
{
    if (column.kind == ColumnKind::PriceDay && backend == Backend::Sqlite)
        return QStringLiteral("price_key");
    return column.name;
}

} // namespace

struct TableReader::Private
{
    Private(const Database &db, QString name, std::vector<Column> list)
        : database(db)
        , table(std::move(name))
        , columns(std::move(list))
    { }

    const Database &database;
    QString table;
    std::vector<Column> columns;
    QString sql;
    bool started = false;
    bool finished = false;
    // SQLite
    sqlite3 *handle = nullptr;
    std::unique_ptr<sqlite3_stmt, StatementDeleter> statement;
    // PostgreSQL
    QString cursor;

    Error damaged(const Column &column, const QString &text) const
    {
        return Error { QStringLiteral("%1.%2 holds '%3', which is not %4; the store is damaged")
                           .arg(table, column.name, text, kindName(column.kind)) };
    }

    Result<void> start();
    Result<int> nextSqlite(CellRows &rows, int maxRows);
    Result<int> nextPostgres(CellRows &rows, int maxRows);
    Result<Cell> sqliteCell(int index) const;
    Result<Cell> postgresCell(const QVariant &value, int index) const;
};

TableReader::TableReader(const Database &database, QString table, std::vector<Column> columns, QString where,
                         QString orderBy)
    : d(new Private(database, std::move(table), std::move(columns)))
{
    QStringList select;
    for (const Column &column : d->columns)
        select << selectExpression(column, database.backend());
    d->sql = QStringLiteral("SELECT %1 FROM %2").arg(select.join(QStringLiteral(", ")), d->table);
    if (!where.isEmpty())
        d->sql += QStringLiteral(" WHERE ") + where;
    if (!orderBy.isEmpty())
        d->sql += QStringLiteral(" ORDER BY ") + orderBy;
}

TableReader::~TableReader()
{
    if (!d->cursor.isEmpty() && !d->finished) {
        QSqlQuery query(d->database.connection());
        (void)query.exec(QStringLiteral("CLOSE ") + d->cursor);
    }
}

const std::vector<Column> &TableReader::columns() const
{
    return d->columns;
}

Result<void> TableReader::Private::start()
{
    started = true;
    const QSqlDatabase connection = database.connection();
    if (database.backend() == Backend::Sqlite) {
        handle = rawSqliteHandle(connection);
        if (!handle)
            return Error { QStringLiteral("cannot reach the SQLite connection to read %1").arg(table) };
        sqlite3_stmt *raw = nullptr;
        if (sqlite3_prepare_v2(handle, sql.toUtf8().constData(), -1, &raw, nullptr) != SQLITE_OK)
            return Error {
                QStringLiteral("Reading %1 failed: %2").arg(table, QString::fromUtf8(sqlite3_errmsg(handle)))
            };
        statement.reset(raw);
        return {};
    }
    cursor = QStringLiteral("pt_reader_%1").arg(s_nextCursor.fetch_add(1));
    QSqlQuery query(connection);
    if (!query.exec(QStringLiteral("DECLARE %1 NO SCROLL CURSOR FOR %2").arg(cursor, sql))) {
        const QString error = describeSqlError(QStringLiteral("Reading %1").arg(table), query.lastError());
        cursor.clear();
        return Error { error };
    }
    return {};
}

Result<int> TableReader::next(CellRows &rows, int maxRows)
{
    rows.clear();
    if (d->finished)
        return 0;
    if (!d->started) {
        if (auto started = d->start(); !started) {
            d->finished = true;
            return Error { started.error() };
        }
    }
    auto read = d->handle ? d->nextSqlite(rows, maxRows) : d->nextPostgres(rows, maxRows);
    if (!read || *read == 0)
        d->finished = true;
    if (d->finished && d->handle)
        d->statement.reset();
    if (read && *read == 0 && !d->cursor.isEmpty()) {
        QSqlQuery query(d->database.connection());
        (void)query.exec(QStringLiteral("CLOSE ") + d->cursor);
    }
    return read;
}

Result<Cell> TableReader::Private::sqliteCell(int index) const
{
    sqlite3_stmt *raw = statement.get();
    const Column &column = columns[std::size_t(index)];
    const int type = sqlite3_column_type(raw, index);
    if (type == SQLITE_NULL)
        return Cell::null();
    const auto bytes = [&] {
        const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(raw, index));
        return QByteArrayView(data, sqlite3_column_bytes(raw, index));
    };
    switch (column.kind) {
    case ColumnKind::Integer:
        if (type != SQLITE_INTEGER)
            return damaged(column, QString::fromUtf8(bytes()));
        return Cell::fromInteger(sqlite3_column_int64(raw, index));
    case ColumnKind::Text:
        return Cell::fromText(QString::fromUtf8(bytes()));
    case ColumnKind::Decimal:
    case ColumnKind::ScaledDecimal: {
        if (type == SQLITE_INTEGER) {
            const std::int64_t value = sqlite3_column_int64(raw, index);
            return Cell::fromDecimal(column.kind == ColumnKind::ScaledDecimal
                                         ? Decimal::fromRaw(Decimal::Raw(value) * RawPerScaledUnit)
                                         : Decimal::fromInteger(value));
        }
        if (type == SQLITE_FLOAT)
            return damaged(column, QString::fromUtf8(bytes()));
        const Decimal value = decimalFromUtf8(bytes());
        if (!value.isValid())
            return damaged(column, QString::fromUtf8(bytes()));
        return Cell::fromDecimal(value);
    }
    case ColumnKind::Date: {
        const QDate date = isoDateFrom(bytes());
        if (!date.isValid())
            return damaged(column, QString::fromUtf8(bytes()));
        return Cell::fromDate(date);
    }
    case ColumnKind::PriceDay:
        if (type != SQLITE_INTEGER)
            return damaged(column, QString::fromUtf8(bytes()));
        return Cell::fromDate(priceKeyDay(sqlite3_column_int64(raw, index)));
    }
    return Cell::null();
}

Result<int> TableReader::Private::nextSqlite(CellRows &rows, int maxRows)
{
    sqlite3_stmt *raw = statement.get();
    const int columnCount = int(columns.size());
    int count = 0;
    while (count < maxRows) {
        const int step = sqlite3_step(raw);
        if (step == SQLITE_DONE) {
            finished = true; // stepping again would run the statement again
            break;
        }
        if (step != SQLITE_ROW)
            return Error {
                QStringLiteral("Reading %1 failed: %2").arg(table, QString::fromUtf8(sqlite3_errmsg(handle)))
            };
        for (int i = 0; i < columnCount; ++i) {
            auto cell = sqliteCell(i);
            if (!cell)
                return Error { cell.error() };
            rows.push_back(std::move(*cell));
        }
        ++count;
    }
    return count;
}

Result<Cell> TableReader::Private::postgresCell(const QVariant &value, int index) const
{
    const Column &column = columns[std::size_t(index)];
    if (value.isNull())
        return Cell::null();
    switch (column.kind) {
    case ColumnKind::Integer: {
        bool ok = false;
        const qlonglong integer = value.toLongLong(&ok);
        if (!ok)
            return damaged(column, value.toString());
        return Cell::fromInteger(integer);
    }
    case ColumnKind::Text:
        return Cell::fromText(value.toString());
    case ColumnKind::Decimal:
    case ColumnKind::ScaledDecimal: {
        const QString text = value.toString();
        const auto parsed = Decimal::parse(text);
        if (!parsed)
            return damaged(column, text);
        return Cell::fromDecimal(*parsed);
    }
    case ColumnKind::Date:
    case ColumnKind::PriceDay: {
        const QDate date = value.typeId() == QMetaType::QDate ? value.toDate() : isoDateFrom(value.toString());
        if (!date.isValid())
            return damaged(column, value.toString());
        return Cell::fromDate(date);
    }
    }
    return Cell::null();
}

Result<int> TableReader::Private::nextPostgres(CellRows &rows, int maxRows)
{
    QSqlQuery query(database.connection());
    query.setForwardOnly(true);
    // NUMERIC as text, never through a double.
    query.setNumericalPrecisionPolicy(QSql::HighPrecision);
    if (!query.exec(QStringLiteral("FETCH FORWARD %1 FROM %2").arg(maxRows).arg(cursor)))
        return Error { describeSqlError(QStringLiteral("Reading %1").arg(table), query.lastError()) };
    const int columnCount = int(columns.size());
    int count = 0;
    while (query.next()) {
        for (int i = 0; i < columnCount; ++i) {
            auto cell = postgresCell(query.value(i), i);
            if (!cell)
                return Error { cell.error() };
            rows.push_back(std::move(*cell));
        }
        ++count;
    }
    return count;
}

ReadSnapshot::~ReadSnapshot()
{
    end();
}

Result<void> ReadSnapshot::begin()
{
    QSqlDatabase connection = m_database.connection();
    if (!connection.transaction())
        return Error { describeSqlError(QStringLiteral("Starting a read transaction"), connection.lastError()) };
    m_open = true;
    QSqlQuery query(connection);
    // PostgreSQL: every statement of the transaction sees the same data.
    // SQLite: the first read fixes the snapshot that later reads see.
    const QString first = m_database.backend() == Backend::PostgreSql
        ? QStringLiteral("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        : QStringLiteral("SELECT COUNT(*) FROM schema_migration");
    if (!query.exec(first)) {
        const QString error = describeSqlError(QStringLiteral("Starting a read transaction"), query.lastError());
        end();
        return Error { error };
    }
    return {};
}

void ReadSnapshot::end()
{
    if (!m_open)
        return;
    m_open = false;
    m_database.connection().rollback();
}

Result<std::int64_t> countRows(const Database &database, const QString &table, const QString &where)
{
    QSqlQuery query(database.connection());
    QString sql = QStringLiteral("SELECT COUNT(*) FROM ") + table;
    if (!where.isEmpty())
        sql += QStringLiteral(" WHERE ") + where;
    if (!query.exec(sql) || !query.next())
        return Error { describeSqlError(QStringLiteral("Counting the rows of %1").arg(table), query.lastError()) };
    return std::int64_t(query.value(0).toLongLong());
}

} // namespace pt::store
