#include "store/tablewriter.h"

#include "store/database.h"
#include "store/sqlrows.h"

#include <QSqlDriver>
#include <QSqlQuery>

#include <sqlite3.h>

#ifdef PT_HAVE_LIBPQ
#include <libpq-fe.h>
#endif

namespace pt::store {

namespace {

// SQLite: bound values per statement (its per-statement cost is then paid once
// for many rows). PostgreSQL: rows per statement, and a ceiling on its text.
constexpr int SqliteValuesPerStatement = 500;
constexpr int PostgresRowsPerStatement = 1000;
constexpr qsizetype PostgresStatementChars = 4 * 1024 * 1024;
// PostgreSQL's COPY: bytes of rows sent per COPY command.
constexpr qsizetype CopyChunkBytes = 8 * 1024 * 1024;

struct StatementDeleter
{
    void operator()(sqlite3_stmt *statement) const { sqlite3_finalize(statement); }
};
using Statement = std::unique_ptr<sqlite3_stmt, StatementDeleter>;

// "YYYY-MM-DD" into `out`; the date must be valid and in years 1 to 9999.
void isoDateChars(QDate date, char (&out)[10])
{
    int year = date.year();
    const int month = date.month();
    const int day = date.day();
    for (int i = 3; i >= 0; --i) {
        out[i] = char('0' + year % 10);
        year /= 10;
    }
    out[4] = '-';
    out[5] = char('0' + month / 10);
    out[6] = char('0' + month % 10);
    out[7] = '-';
    out[8] = char('0' + day / 10);
    out[9] = char('0' + day % 10);
}

bool accepts(ColumnKind kind, Cell::Type type)
{
    switch (type) {
    case Cell::Type::Null:
        return true;
    case Cell::Type::Integer:
        return kind == ColumnKind::Integer;
    case Cell::Type::Decimal:
        return kind == ColumnKind::Decimal || kind == ColumnKind::ScaledDecimal;
    case Cell::Type::Date:
        return kind == ColumnKind::Date || kind == ColumnKind::PriceDay;
    case Cell::Type::Text:
        return kind == ColumnKind::Text;
    }
    return false;
}

// A text literal PostgreSQL reads back as exactly `text` whatever
// standard_conforming_strings says: E'...' with \ and ' escaped.
void appendTextLiteral(QString &sql, const QString &text)
{
    sql += QStringLiteral("E'");
    for (const QChar c : text) {
        if (c == u'\\')
            sql += QStringLiteral("\\\\");
        else if (c == u'\'')
            sql += QStringLiteral("''");
        else
            sql += c;
    }
    sql += u'\'';
}

// One value in COPY's text format: \\N for NULL; backslash, tab, new line and
// carriage return escaped.
void appendCopyValue(QByteArray &out, const Cell &cell, char (&scratch)[Decimal::MaxCanonicalLength])
{
    switch (cell.type) {
    case Cell::Type::Null:
        out += "\\N";
        return;
    case Cell::Type::Integer:
        out += QByteArray::number(qlonglong(cell.integer));
        return;
    case Cell::Type::Decimal: {
        const std::string_view canonical = cell.decimal.toCanonicalChars(scratch);
        out.append(canonical.data(), qsizetype(canonical.size()));
        return;
    }
    case Cell::Type::Date: {
        char text[10];
        isoDateChars(cell.date(), text);
        out.append(text, 10);
        return;
    }
    case Cell::Type::Text:
        for (const char c : cell.text.toUtf8()) {
            switch (c) {
            case '\\':
                out += "\\\\";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            default:
                out += c;
            }
        }
        return;
    }
}

} // namespace

struct TableWriter::Private
{
    Private(const Database &db, QString name, std::vector<Column> list, OnConflict conflict)
        : database(db)
        , table(std::move(name))
        , columns(std::move(list))
        , onConflict(conflict)
    { }

    const Database &database;
    QString table;
    std::vector<Column> columns;
    OnConflict onConflict = OnConflict::Fail;
    std::vector<int> written; // the columns in the statement (SQLite derives a bar's day)
    std::int64_t added = 0;
    std::int64_t inserted = 0;
    // SQLite: rows buffered until a statement's worth is there.
    sqlite3 *handle = nullptr;
    int rowsPerStatement = 1;
    CellRows buffer;
    int bufferedRows = 0;
    Statement full;
    // PostgreSQL: the statement being built, or the rows for COPY.
    QString sql;
    int sqlRows = 0;
    Path path = Path::Fastest;
    QByteArray copyData;
    qsizetype copyRows = 0;

    QString insertPrefix() const;
    QString conflictClause() const
    {
        return onConflict == OnConflict::Skip ? QStringLiteral(" ON CONFLICT DO NOTHING") : QString();
    }
    Result<void> flushSqlite();
    Result<void> bindSqlite(sqlite3_stmt *statement, int rows);
    void appendPostgresRow(std::span<const Cell> row);
    Result<void> flushPostgres();
    // COPY through libpq under Qt's connection: Path::Fastest, when this build
    // has libpq and rows must not be skipped (COPY cannot skip conflicts).
    bool copies() const;
    void appendCopyRow(std::span<const Cell> row);
    Result<void> flushCopy();
};

bool TableWriter::Private::copies() const
{
#ifdef PT_HAVE_LIBPQ
    return path == Path::Fastest && onConflict == OnConflict::Fail;
#else
    return false;
#endif
}

void TableWriter::Private::appendCopyRow(std::span<const Cell> row)
{
    char scratch[Decimal::MaxCanonicalLength];
    bool first = true;
    for (const int c : written) {
        if (!first)
            copyData += '\t';
        first = false;
        appendCopyValue(copyData, row[std::size_t(c)], scratch);
    }
    copyData += '\n';
    ++copyRows;
}

Result<void> TableWriter::Private::flushCopy()
{
#ifdef PT_HAVE_LIBPQ
    PGconn *connection = rawPostgresHandle(database.connection());
    if (!connection)
        return Error { QStringLiteral("cannot reach the PostgreSQL connection to write %1").arg(table) };
    const auto failed = [&](PGresult *result) {
        const QString message
            = QString::fromUtf8(result ? PQresultErrorMessage(result) : PQerrorMessage(connection)).trimmed();
        if (result)
            PQclear(result);
        while (PGresult *rest = PQgetResult(connection))
            PQclear(rest);
        return Error { QStringLiteral("Writing %1 failed: %2").arg(table, message) };
    };
    QStringList names;
    for (const int index : written)
        names << columns[std::size_t(index)].name;
    const QByteArray command = QStringLiteral("COPY %1 (%2) FROM STDIN").arg(table, names.join(u',')).toUtf8();
    PGresult *started = PQexec(connection, command.constData());
    if (PQresultStatus(started) != PGRES_COPY_IN)
        return failed(started);
    PQclear(started);
    if (PQputCopyData(connection, copyData.constData(), int(copyData.size())) != 1
        || PQputCopyEnd(connection, nullptr) != 1)
        return failed(nullptr);
    PGresult *ended = PQgetResult(connection);
    if (PQresultStatus(ended) != PGRES_COMMAND_OK)
        return failed(ended);
    inserted += QByteArray(PQcmdTuples(ended)).toLongLong();
    PQclear(ended);
    while (PGresult *rest = PQgetResult(connection))
        PQclear(rest);
    copyData.clear();
    copyRows = 0;
    return {};
#else
    return Error { QStringLiteral("this build writes PostgreSQL without COPY") };
#endif
}

QString TableWriter::Private::insertPrefix() const
{
    QStringList names;
    for (const int index : written)
        names << columns[std::size_t(index)].name;
    return QStringLiteral("INSERT INTO %1 (%2) VALUES ").arg(table, names.join(QStringLiteral(", ")));
}

TableWriter::TableWriter(const Database &database, QString table, std::vector<Column> columns, OnConflict onConflict)
    : d(new Private(database, std::move(table), std::move(columns), onConflict))
{
    const bool sqlite = database.backend() == Backend::Sqlite;
    for (int i = 0; i < int(d->columns.size()); ++i) {
        if (!(sqlite && d->columns[std::size_t(i)].kind == ColumnKind::PriceDay))
            d->written.push_back(i);
    }
    d->rowsPerStatement = std::max(1, SqliteValuesPerStatement / std::max(1, int(d->written.size())));
}

TableWriter::~TableWriter() = default;

void TableWriter::setPath(Path path)
{
    d->path = path;
}

std::int64_t TableWriter::rowsAdded() const
{
    return d->added;
}

std::int64_t TableWriter::rowsInserted() const
{
    return d->inserted;
}

Result<void> TableWriter::add(std::span<const Cell> row)
{
    if (row.size() != d->columns.size())
        return Error {
            QStringLiteral("%1: %2 values for %3 columns").arg(d->table).arg(row.size()).arg(d->columns.size())
        };
    for (std::size_t i = 0; i < row.size(); ++i) {
        const Cell &cell = row[i];
        const Column &column = d->columns[i];
        if (!accepts(column.kind, cell.type))
            return Error { QStringLiteral("%1.%2: a value of the wrong type").arg(d->table, column.name) };
        if (cell.type == Cell::Type::Decimal && !cell.decimal.isValid())
            return Error { QStringLiteral("%1.%2: an invalid decimal").arg(d->table, column.name) };
        if (cell.type == Cell::Type::Date) {
            const QDate date = cell.date();
            if (!date.isValid() || date.year() < 1 || date.year() > 9999)
                return Error { QStringLiteral("%1.%2: a date outside the years 1 to 9999").arg(d->table, column.name) };
        }
        if (cell.type == Cell::Type::Text && cell.text.contains(QChar(0)))
            return Error { QStringLiteral("%1.%2: text with a NUL character").arg(d->table, column.name) };
    }
    ++d->added;
    if (d->database.backend() == Backend::Sqlite) {
        d->buffer.insert(d->buffer.end(), row.begin(), row.end());
        if (++d->bufferedRows == d->rowsPerStatement)
            return d->flushSqlite();
        return {};
    }
    if (d->copies()) {
        d->appendCopyRow(row);
        return d->copyData.size() >= CopyChunkBytes ? d->flushCopy() : Result<void>();
    }
    d->appendPostgresRow(row);
    if (d->sqlRows >= PostgresRowsPerStatement || d->sql.size() >= PostgresStatementChars)
        return d->flushPostgres();
    return {};
}

Result<void> TableWriter::finish()
{
    if (d->database.backend() == Backend::Sqlite)
        return d->bufferedRows > 0 ? d->flushSqlite() : Result<void>();
    if (d->copyRows > 0)
        return d->flushCopy();
    return d->sqlRows > 0 ? d->flushPostgres() : Result<void>();
}

Result<void> TableWriter::Private::bindSqlite(sqlite3_stmt *statement, int rows)
{
    const int columnCount = int(columns.size());
    int index = 1;
    for (int row = 0; row < rows; ++row) {
        for (const int c : written) {
            const Cell &cell = buffer[std::size_t(row * columnCount + c)];
            const ColumnKind kind = columns[std::size_t(c)].kind;
            int rc = SQLITE_OK;
            switch (cell.type) {
            case Cell::Type::Null:
                rc = sqlite3_bind_null(statement, index);
                break;
            case Cell::Type::Integer:
                rc = sqlite3_bind_int64(statement, index, cell.integer);
                break;
            case Cell::Type::Text:
                // The buffer keeps the text alive until the statement has run.
                rc = sqlite3_bind_text16(statement, index, cell.text.utf16(), int(cell.text.size() * 2), SQLITE_STATIC);
                break;
            case Cell::Type::Decimal: {
                if (kind == ColumnKind::ScaledDecimal) {
                    if (const auto units = scaledInteger(cell.decimal)) {
                        rc = sqlite3_bind_int64(statement, index, *units);
                        break;
                    }
                }
                char text[Decimal::MaxCanonicalLength];
                const std::string_view canonical = cell.decimal.toCanonicalChars(text);
                rc = sqlite3_bind_text(statement, index, canonical.data(), int(canonical.size()), SQLITE_TRANSIENT);
                break;
            }
            case Cell::Type::Date: {
                char text[10];
                isoDateChars(cell.date(), text);
                rc = sqlite3_bind_text(statement, index, text, 10, SQLITE_TRANSIENT);
                break;
            }
            }
            if (rc != SQLITE_OK)
                return Error {
                    QStringLiteral("Writing %1 failed: %2").arg(table, QString::fromUtf8(sqlite3_errmsg(handle)))
                };
            ++index;
        }
    }
    return {};
}

Result<void> TableWriter::Private::flushSqlite()
{
    if (!handle) {
        handle = rawSqliteHandle(database.connection());
        if (!handle)
            return Error { QStringLiteral("cannot reach the SQLite connection to write %1").arg(table) };
    }
    const auto prepare = [this](int rows, Statement &statement) -> Result<void> {
        QString text = insertPrefix();
        QString placeholders = QStringLiteral("(");
        for (std::size_t i = 0; i < written.size(); ++i)
            placeholders += i == 0 ? QStringLiteral("?") : QStringLiteral(",?");
        placeholders += u')';
        for (int row = 0; row < rows; ++row) {
            if (row > 0)
                text += u',';
            text += placeholders;
        }
        text += conflictClause();
        sqlite3_stmt *raw = nullptr;
        if (sqlite3_prepare_v3(handle, text.toUtf8().constData(), -1, SQLITE_PREPARE_PERSISTENT, &raw, nullptr)
            != SQLITE_OK)
            return Error {
                QStringLiteral("Preparing to write %1 failed: %2").arg(table, QString::fromUtf8(sqlite3_errmsg(handle)))
            };
        statement.reset(raw);
        return {};
    };
    Statement tail;
    Statement &statement = bufferedRows == rowsPerStatement ? full : tail;
    if (!statement) {
        if (auto prepared = prepare(bufferedRows, statement); !prepared)
            return prepared;
    }
    if (auto bound = bindSqlite(statement.get(), bufferedRows); !bound) {
        sqlite3_reset(statement.get());
        return bound;
    }
    const int step = sqlite3_step(statement.get());
    const QString error = step == SQLITE_DONE ? QString() : QString::fromUtf8(sqlite3_errmsg(handle));
    sqlite3_reset(statement.get());
    sqlite3_clear_bindings(statement.get());
    if (step != SQLITE_DONE)
        return Error { QStringLiteral("Writing %1 failed: %2").arg(table, error) };
    inserted += sqlite3_changes(handle);
    buffer.clear();
    bufferedRows = 0;
    return {};
}

void TableWriter::Private::appendPostgresRow(std::span<const Cell> row)
{
    if (sqlRows == 0) {
        sql = insertPrefix();
        sql.reserve(PostgresStatementChars + 4096);
    } else {
        sql += u',';
    }
    sql += u'(';
    bool first = true;
    for (const int c : written) {
        if (!first)
            sql += u',';
        first = false;
        const Cell &cell = row[std::size_t(c)];
        switch (cell.type) {
        case Cell::Type::Null:
            sql += QStringLiteral("NULL");
            break;
        case Cell::Type::Integer:
            sql += QString::number(cell.integer);
            break;
        case Cell::Type::Text:
            appendTextLiteral(sql, cell.text);
            break;
        case Cell::Type::Decimal: {
            char text[Decimal::MaxCanonicalLength];
            const std::string_view canonical = cell.decimal.toCanonicalChars(text);
            sql += u'\'';
            sql += QLatin1StringView(canonical.data(), qsizetype(canonical.size()));
            sql += u'\'';
            break;
        }
        case Cell::Type::Date: {
            char text[10];
            isoDateChars(cell.date(), text);
            sql += u'\'';
            sql += QLatin1StringView(text, 10);
            sql += u'\'';
            break;
        }
        }
    }
    sql += u')';
    ++sqlRows;
}

Result<void> TableWriter::Private::flushPostgres()
{
    sql += conflictClause();
    QSqlQuery query(database.connection());
    const bool done = query.exec(sql);
    sql.clear();
    sqlRows = 0;
    if (!done)
        return Error { describeSqlError(QStringLiteral("Writing %1").arg(table), query.lastError()) };
    inserted += std::max(0, query.numRowsAffected());
    return {};
}

} // namespace pt::store
