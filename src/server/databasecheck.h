#pragma once

namespace pt::store {
class Database;
}

namespace pt::server {

// Whether the database answers `SELECT 1` on the calling thread's connection.
// A connection that broke (the server restarted, the network dropped) is
// reopened once first: Qt's drivers do not reconnect by themselves, and a
// pool thread keeps its connection for the life of the process.
bool databaseAnswers(const store::Database &database);

} // namespace pt::server

#include "result.h"
#include "store/storelocation.h"

namespace pt::server {

// Connects to `location` on a connection of its own, runs SELECT 1 and
// disconnects, changing nothing (for --check-config). The error never holds
// the password.
Result<void> checkDatabaseConnection(const store::PostgresLocation &location, const QString &password);

} // namespace pt::server
