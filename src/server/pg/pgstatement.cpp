#include "pg/pgstatement.h"

#include "store/database.h"
#include "store/sqlrows.h"

#include <QSqlDatabase>

#include <libpq-fe.h>

#include <charconv>
#include <set>
#include <vector>

namespace pt::server {

namespace {

// SQLSTATEs of a connection whose statements are not what this thread
// believes: invalid_sql_statement_name ("prepared statement … does not
// exist") and duplicate_prepared_statement ("… already exists").
constexpr char MissingStatement[] = "26000";
constexpr char DuplicateStatement[] = "42P05";

// The statements prepared on one connection. A connection is known by its
// PGconn and its server process: a reopened connection may reuse the address.
struct PreparedOnConnection
{
    const PGconn *connection = nullptr;
    int backendPid = 0;
    std::set<QByteArray> names;
    // Set when the connection disagreed with `names`: they are read back from
    // the server (pg_prepared_statements) before the next statement.
    bool unsure = false;
};

// This thread's connections (one per Database it works on, in practice one).
thread_local std::vector<PreparedOnConnection> t_prepared;

PreparedOnConnection &preparedOn(PGconn *connection)
{
    const int pid = PQbackendPID(connection);
    for (PreparedOnConnection &known : t_prepared) {
        if (known.connection == connection) {
            if (known.backendPid != pid) {
                known.backendPid = pid;
                known.names.clear();
            }
            return known;
        }
    }
    // Connections of databases closed long ago would pile up otherwise.
    if (t_prepared.size() >= 8)
        t_prepared.erase(t_prepared.begin());
    t_prepared.push_back(PreparedOnConnection{connection, pid, {}});
    return t_prepared.back();
}

QString errorOf(const PGresult *result, PGconn *connection)
{
    const char *message = result ? PQresultErrorMessage(result) : "";
    if (!message || !*message)
        message = PQerrorMessage(connection);
    return QString::fromUtf8(message).simplified();
}

bool isOutOfStep(const PGresult *result)
{
    const char *state = PQresultErrorField(result, PG_DIAG_SQLSTATE);
    return state && (qstrcmp(state, MissingStatement) == 0 || qstrcmp(state, DuplicateStatement) == 0);
}

// Reads the names the connection really has prepared. Not possible while a
// failed transaction waits for its rollback: then it stays unsure.
void readBack(PGconn *connection, PreparedOnConnection &prepared)
{
    if (PQtransactionStatus(connection) == PQTRANS_INERROR)
        return;
    PGresult *result = PQexec(connection, "SELECT name FROM pg_prepared_statements");
    if (PQresultStatus(result) == PGRES_TUPLES_OK) {
        prepared.names.clear();
        for (int row = 0; row < PQntuples(result); ++row)
            prepared.names.insert(QByteArray(PQgetvalue(result, row, 0)));
        prepared.unsure = false;
    }
    PQclear(result);
}

} // namespace

struct PgRows::Held
{
    PGresult *result = nullptr;
    ~Held() { PQclear(result); }
};

PgRows::PgRows() = default;
PgRows::~PgRows() = default;
PgRows::PgRows(PgRows &&other) noexcept = default;
PgRows &PgRows::operator=(PgRows &&other) noexcept = default;

int PgRows::count() const
{
    return m_held ? PQntuples(m_held->result) : 0;
}

QByteArrayView PgRows::text(int row, int column) const
{
    return {PQgetvalue(m_held->result, row, column), qsizetype(PQgetlength(m_held->result, row, column))};
}

qint64 PgRows::integer(int row, int column) const
{
    const QByteArrayView digits = text(row, column);
    qint64 value = 0;
    std::from_chars(digits.data(), digits.data() + digits.size(), value);
    return value;
}

bool PgRows::boolean(int row, int column) const
{
    const QByteArrayView value = text(row, column);
    return !value.isEmpty() && value.front() == 't';
}

PgStatement::PgStatement(QByteArray name, QByteArray sql) : m_name(std::move(name)), m_sql(std::move(sql)) {}

pt::Result<PgRows> PgStatement::execute(const store::Database &database,
                                        std::initializer_list<QByteArrayView> parameters, const QString &what) const
{
    PGconn *connection = store::rawPostgresHandle(database.connection());
    if (!connection)
        return Error{QStringLiteral("%1 failed: no PostgreSQL connection").arg(what)};

    // libpq reads text parameters up to their terminating NUL: QByteArray
    // copies guarantee one (a view into a larger buffer would not).
    std::vector<QByteArray> owned;
    std::vector<const char *> values;
    owned.reserve(parameters.size());
    values.reserve(parameters.size());
    for (const QByteArrayView parameter : parameters) {
        if (parameter.isNull()) {
            owned.emplace_back();
            values.push_back(nullptr);
        } else {
            owned.push_back(parameter.toByteArray());
            values.push_back(owned.back().constData());
        }
    }

    PreparedOnConnection &prepared = preparedOn(connection);
    // A second attempt only after the connection turned out to be out of step
    // outside a transaction (inside one, that error has failed the transaction).
    for (int attempt = 0; attempt < 2; ++attempt) {
        if (prepared.unsure)
            readBack(connection, prepared);
        PGresult *result = nullptr;
        if (prepared.names.count(m_name) == 0) {
            result = PQprepare(connection, m_name.constData(), m_sql.constData(), 0, nullptr);
            if (PQresultStatus(result) == PGRES_COMMAND_OK) {
                prepared.names.insert(m_name);
                PQclear(result);
                result = nullptr;
            }
        }
        if (!result) {
            result = PQexecPrepared(connection, m_name.constData(), int(values.size()), values.data(), nullptr,
                                    nullptr, 0);
            const ExecStatusType status = PQresultStatus(result);
            if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) {
                PgRows rows;
                rows.m_held = std::make_unique<PgRows::Held>();
                rows.m_held->result = result;
                return rows;
            }
        }
        if (isOutOfStep(result)) {
            prepared.unsure = true;
            if (attempt == 0 && PQtransactionStatus(connection) == PQTRANS_IDLE) {
                PQclear(result);
                continue;
            }
        }
        const QString error = errorOf(result, connection);
        PQclear(result);
        return Error{QStringLiteral("%1 failed: %2").arg(what, error)};
    }
    return Error{QStringLiteral("%1 failed: the statement could not be prepared").arg(what)};
}

} // namespace pt::server
