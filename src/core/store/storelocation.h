#pragma once

#include "result.h"

#include <QString>

namespace pt::store {

enum class Backend { Sqlite, PostgreSql };

// Which set of migrations a database carries: the app's store (the ledger and
// its market data) or portfolio-server's (accounts and every user's sync log).
enum class Schema { Store, SyncServer };

// A database on a PostgreSQL server. The password is not part of it: it lives
// in the OS keychain (or libpq's PGPASSWORD / ~/.pgpass for the CLI) and is
// handed to Database::open separately, so a location can be shown, logged and
// kept in the settings file without leaking it.
struct PostgresLocation
{
    QString host = QStringLiteral("localhost");
    int port = 5432;
    QString database;
    QString user;
    // libpq's sslmode: disable, allow, prefer, require, verify-ca, verify-full.
    QString sslMode = QStringLiteral("prefer");

    friend bool operator==(const PostgresLocation &, const PostgresLocation &) = default;
};

// Where a store lives: an SQLite file or a PostgreSQL database. Written as
//   /path/to/book.sqlite  or  sqlite:///path/to/book.sqlite
//   postgresql://user@host:5432/database?sslmode=require   (postgres:// too)
// A URL that carries a password is refused: command lines and settings files
// are readable by others, so secrets never travel in one.
struct StoreLocation
{
    Backend backend = Backend::Sqlite;
    QString sqlitePath;
    PostgresLocation postgres;

    static StoreLocation sqlite(const QString &path);
    static StoreLocation postgresql(const PostgresLocation &location);
    static Result<StoreLocation> parse(const QString &text);

    // The URL form of parse() (never with a password); for SQLite, the path.
    QString toString() const;
    // The name a secret for this store is kept under in the keychain:
    // "postgresql://user@host:port/database". Empty for SQLite.
    QString secretKey() const;

    friend bool operator==(const StoreLocation &, const StoreLocation &) = default;
};

} // namespace pt::store
