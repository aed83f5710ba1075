#pragma once

#include "result.h"
#include "store/database.h"

#include <QSqlDatabase>

namespace pt::store {

// Applies the numbered schema migrations in resources/migrations/ (the app's
// store) or resources/server-migrations/ (portfolio-server's database) in order,
// each in its own transaction, and records them in schema_migration. One set
// of files serves both backends: ${TOKENS} in them expand per dialect
// (see resources/migrations/README.md).
class Migrator
{
public:
    // The highest schema version this build knows.
    static int latestVersion(Schema schema = Schema::Store);

    // The version recorded in the store, 0 for an empty store. Reads only.
    static Result<int> currentVersion(QSqlDatabase &connection);

    // Brings the store to latestVersion(). Refuses, without writing anything,
    // a store whose version is newer than this build knows.
    static Result<int> migrate(QSqlDatabase &connection, Backend backend, Schema schema = Schema::Store);
};

} // namespace pt::store
