#include "context.h"

#include "store/database.h"

#include <cstdio>

namespace pt::cli {

Context::Context()
    : m_out(stdout), m_err(stderr), m_databasePath(store::Database::defaultSqlitePath())
{
}

Context::~Context()
{
    m_out.flush();
    m_err.flush();
}

Result<const store::Database *> Context::database()
{
    if (!m_database) {
        const auto location = store::StoreLocation::parse(m_databasePath);
        if (!location)
            return Error{QStringLiteral("cannot open the store: %1").arg(location.error())};
        auto opened = openStore(*location);
        if (!opened)
            return Error{QStringLiteral("cannot open the store %1: %2").arg(m_databasePath, opened.error())};
        m_database = std::move(opened).value();
    }
    return static_cast<const store::Database *>(m_database.get());
}

Result<std::shared_ptr<store::Database>> Context::openStore(const store::StoreLocation &location)
{
    // An empty password lets libpq use PGPASSWORD or ~/.pgpass.
    return store::Database::open(location);
}

Result<std::shared_ptr<store::Database>> Context::sharedDatabase()
{
    if (auto opened = database(); !opened)
        return Error{opened.error()};
    return m_database;
}

int Context::badInput(const QString &message)
{
    m_out.flush();
    m_err << "error: " << message << Qt::endl;
    return ExitBadInput;
}

int Context::failure(const QString &message)
{
    m_out.flush();
    m_err << "error: " << message << Qt::endl;
    return ExitFailure;
}

} // namespace pt::cli
