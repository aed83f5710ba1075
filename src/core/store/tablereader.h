#pragma once

#include "result.h"
#include "store/tablerows.h"

#include <QtGlobal>

#include <memory>

namespace pt::store {

class Database;

// Reads the rows of one table in batches, as cells, on either backend:
// straight through SQLite's statement for an SQLite store, and through a
// server-side cursor on PostgreSQL, so a table of millions of rows never sits
// in memory at once. On PostgreSQL the calling thread must be inside a
// transaction (a ReadSnapshot, or Database::inTransaction): cursors live in one.
// A value the store cannot have written is an error naming the table and column.
class TableReader final
{
public:
    // `where` is an SQL condition without parameters (built from ids only);
    // `orderBy` a column list. Both may be empty.
    TableReader(const Database &database, QString table, std::vector<Column> columns, QString where = {},
                QString orderBy = {});
    ~TableReader();
    Q_DISABLE_COPY_MOVE(TableReader)

    const std::vector<Column> &columns() const;

    // Clears `rows` and reads up to `maxRows` rows into it; returns how many
    // (0 at the end).
    Result<int> next(CellRows &rows, int maxRows = 4096);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

// A consistent view of a store for the calling thread's reads: a read
// transaction (REPEATABLE READ on PostgreSQL; a WAL read snapshot on SQLite),
// rolled back when the object goes. Writers elsewhere are not held up.
class ReadSnapshot final
{
public:
    explicit ReadSnapshot(const Database &database)
        : m_database(database)
    { }
    ~ReadSnapshot();
    Q_DISABLE_COPY_MOVE(ReadSnapshot)

    Result<void> begin();
    void end();

private:
    const Database &m_database;
    bool m_open = false;
};

// SELECT COUNT(*) FROM `table` [WHERE `where`].
Result<std::int64_t> countRows(const Database &database, const QString &table, const QString &where = {});

} // namespace pt::store
