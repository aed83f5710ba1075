#pragma once

#include "result.h"

#include <QByteArray>
#include <QByteArrayView>

#include <initializer_list>
#include <memory>

namespace pt::store {
class Database;
}

namespace pt::server {

// The rows a PgStatement returned, as PostgreSQL's text: the bytes libpq
// received, read in place (no QVariant, no UTF-16 copy).
class PgRows
{
public:
    PgRows();
    ~PgRows();
    PgRows(PgRows &&other) noexcept;
    PgRows &operator=(PgRows &&other) noexcept;
    Q_DISABLE_COPY(PgRows)

    int count() const;
    // The value's text (UTF-8), valid as long as these rows are.
    QByteArrayView text(int row, int column) const;
    // An integer column's value (0 for NULL).
    qint64 integer(int row, int column) const;
    // A boolean column's value ('t').
    bool boolean(int row, int column) const;

private:
    friend class PgStatement;
    struct Held;
    std::unique_ptr<Held> m_held;
};

// One SQL statement of the server's hot paths, prepared once on each of the
// store's connections (each pool thread has its own) and then executed by
// name with text parameters: one round trip per use, where QSqlQuery::prepare
// prepares, executes and deallocates every time (three, measured by
// bench/sync-server/run-load). Runs on the calling thread's connection of
// `database`, so inside Database::inTransaction's transaction when called from
// its work. A reopened connection (a new server process) gets its statements
// prepared again before their first use. When a live connection turns out to
// hold other statements than this thread believes (DEALLOCATE ALL, a pooler in
// transaction mode), the names are read back from the server and the
// statement prepared again: at once outside a transaction; inside one the
// error has failed that transaction, so the next one is right.
class PgStatement
{
public:
    // `name` is the statement's name on the connection, unique in the server.
    PgStatement(QByteArray name, QByteArray sql);

    // Runs it with `parameters` ($1, $2, … as text; a null view is SQL NULL).
    // The error says `what` failed and PostgreSQL's reason.
    pt::Result<PgRows> execute(const store::Database &database, std::initializer_list<QByteArrayView> parameters,
                               const QString &what) const;

private:
    QByteArray m_name;
    QByteArray m_sql;
};

} // namespace pt::server
