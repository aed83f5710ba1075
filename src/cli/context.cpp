#include "context.h"

#include "secrets/keychain.h"
#include "secrets/passwordlookup.h"
#include "secrets/plaintextsecretfile.h"
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
    if (location.backend != store::Backend::PostgreSql)
        return store::Database::open(location);

    // The keychain first; then the unencrypted file, which exists only when
    // the user allowed it in the app; else an empty password, with which libpq
    // looks for PGPASSWORD and ~/.pgpass.
    const secrets::PlaintextSecretFile file;
    const secrets::PasswordLookup lookup
        = secrets::lookUpPasswordNow(secrets::Keychain(), location.secretKey(), file.exists() ? &file : nullptr);
    auto opened = store::Database::open(location, lookup.password);
    if (!opened)
        return Error{secrets::redacted(QStringLiteral("%1; %2").arg(opened.error(), lookup.describe()),
                                       lookup.password)};
    return opened;
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
