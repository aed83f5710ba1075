#pragma once

#include "result.h"
#include "store/tablerows.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <functional>
#include <vector>

namespace pt::store {

class Database;

// A table as copy-store moves it: its columns and the order rows are read in.
struct TableSpec
{
    QString name;
    std::vector<Column> columns;
    QString orderBy;
    bool hasIdentity = false; // an ${ID} column "id" (PostgreSQL: an identity sequence)
};

// Every table of the schema (migrations 001-004) but schema_migration and tablesNotCopied(), in an
// order that satisfies the foreign keys. A test checks it against the schema.
const std::vector<TableSpec> &storeTables();

// Tables copy-store leaves behind on purpose: the store's own sync state
// (migration 004: device id, clock, cursor, outbox). A copy is another
// store; it starts its own sync, as a new device, when it signs in.
const QStringList &tablesNotCopied();

// Rows of one table in the source and in the target.
struct TableCount
{
    QString table;
    std::int64_t source = 0;
    std::int64_t target = 0;
};

struct CopyReport
{
    std::vector<TableCount> tables;
    std::int64_t rows = 0; // copied in all
    qint64 copyMilliseconds = 0; // the copy and its commit, without the checks
    // The derived books (LedgerService::books) of both stores, as text.
    bool holdingsIdentical = false;
    int portfolios = 0;
    int positions = 0;
};

// table, rows of it copied so far, rows it has.
using CopyProgress = std::function<void(const QString &table, std::int64_t done, std::int64_t total)>;

// Copies every table of `source` into the empty store `target` (SQLite or
// PostgreSQL, either way), keeping ids, UUIDs and stamps, in one transaction
// on the target: all or nothing. The source is read in one read transaction,
// so a store in use elsewhere is copied as it was at one moment.
//
// Everything is copied: the ledger, the catalog and the alert rules (user
// data), the market data, and also what is derived or local (snapshots, the
// stored value series, the alerts log, armed states, the job queue): moving a
// store to another backend keeps its history, and jobs left running resume as
// pending when a runner starts. On PostgreSQL the identity sequences are set
// past the copied ids.
//
// Refuses a target that holds any row (after its migrations) or that is the
// source. Afterwards checks the counts of every table and that both stores
// derive identical books; a difference is an error (the copy stays written).
Result<CopyReport> copyStore(const Database &source, const Database &target, const CopyProgress &progress = {});

// Row counts of every table of storeTables() that holds any, as
// "table (n rows)"; empty for an empty store.
Result<QStringList> nonEmptyTables(const Database &database);

// Every live portfolio's derived book (positions with lots, cash, income,
// fees, taxes, sales), one line per fact, keyed by UUIDs rather than local ids,
// so books of two stores can be compared line by line.
Result<QStringList> describeHoldings(const Database &database);

} // namespace pt::store
