#pragma once

#include "result.h"
#include "store/tablerows.h"

#include <QtGlobal>

#include <memory>
#include <span>

namespace pt::store {

class Database;

// Inserts rows into one table in bulk, on either backend, each value stored
// the way that backend's schema stores it (see ColumnKind). SQLite: multi-row
// statements bound straight to SQLite's prepared statement. PostgreSQL: COPY
// through libpq under Qt's connection, 8 MB a command, when the build has
// libpq (PT_HAVE_LIBPQ) and conflicts fail; else multi-row INSERTs of
// literals, a thousand rows a statement. Rows go in as they come, in the
// caller's transaction: wrap the writing in Database::inTransaction for all
// or nothing.
class TableWriter final
{
public:
    enum class OnConflict {
        Fail, // a row whose key is taken is an error
        Skip, // a row whose key is taken is left out (ON CONFLICT DO NOTHING)
    };

    // How PostgreSQL rows are sent: Fastest (COPY where it can) or Portable
    // (INSERTs through Qt SQL, so tests can check both write alike).
    enum class Path { Fastest, Portable };

    TableWriter(const Database &database, QString table, std::vector<Column> columns,
                OnConflict onConflict = OnConflict::Fail);
    ~TableWriter();
    Q_DISABLE_COPY_MOVE(TableWriter)

    // Before the first add().
    void setPath(Path path);

    // One row: a cell per column, in the order of the columns. Integer columns
    // take Integer cells, decimal columns Decimal cells, date columns Date
    // cells, text columns Text cells; any column takes NULL.
    Result<void> add(std::span<const Cell> row);
    // Writes what is still buffered; call it before committing.
    Result<void> finish();

    // Rows given to add() so far, and rows the store took (fewer when rows
    // were skipped as conflicts; known once they are written).
    std::int64_t rowsAdded() const;
    std::int64_t rowsInserted() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace pt::store
