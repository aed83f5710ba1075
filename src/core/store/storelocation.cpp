#include "store/storelocation.h"

#include <QUrl>
#include <QUrlQuery>

namespace pt::store {

namespace {

const QStringList SslModes = {QStringLiteral("disable"), QStringLiteral("allow"),   QStringLiteral("prefer"),
                              QStringLiteral("require"), QStringLiteral("verify-ca"), QStringLiteral("verify-full")};

Result<StoreLocation> parsePostgresUrl(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid())
        return Error{QStringLiteral("'%1' is not a valid PostgreSQL URL: %2").arg(text, url.errorString())};
    if (!url.password().isEmpty())
        return Error{QStringLiteral("the store URL must not contain a password (it would be visible to other "
                                    "users of this computer); keep it in the keychain, PGPASSWORD or ~/.pgpass")};
    PostgresLocation location;
    if (!url.host().isEmpty())
        location.host = url.host();
    location.port = url.port(5432);
    location.user = url.userName();
    location.database = url.path().mid(1);
    if (location.database.isEmpty() || location.database.contains(u'/'))
        return Error{QStringLiteral("'%1' names no database: write postgresql://user@host:port/database").arg(text)};

    const QUrlQuery query(url);
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (key == u"sslmode") {
            if (!SslModes.contains(value))
                return Error{QStringLiteral("sslmode '%1' is not one of %2").arg(value, SslModes.join(u", "))};
            location.sslMode = value;
        } else {
            return Error{QStringLiteral("'%1' has an unknown parameter '%2' (only sslmode is understood)")
                             .arg(text, key)};
        }
    }
    return StoreLocation::postgresql(location);
}

} // namespace

StoreLocation StoreLocation::sqlite(const QString &path)
{
    StoreLocation location;
    location.backend = Backend::Sqlite;
    location.sqlitePath = path;
    return location;
}

StoreLocation StoreLocation::postgresql(const PostgresLocation &postgres)
{
    StoreLocation location;
    location.backend = Backend::PostgreSql;
    location.postgres = postgres;
    return location;
}

Result<StoreLocation> StoreLocation::parse(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return Error{QStringLiteral("no store given")};
    if (trimmed.startsWith(u"postgresql://") || trimmed.startsWith(u"postgres://"))
        return parsePostgresUrl(trimmed);
    if (trimmed.startsWith(u"sqlite://")) {
        const QUrl url(trimmed);
        if (!url.isValid() || url.path().isEmpty())
            return Error{QStringLiteral("'%1' is not a valid sqlite:// URL").arg(trimmed)};
        return sqlite(url.path());
    }
    if (trimmed.contains(u"://"))
        return Error{QStringLiteral("'%1': only SQLite files and postgresql:// URLs are stores").arg(trimmed)};
    return sqlite(text);
}

QString StoreLocation::toString() const
{
    if (backend == Backend::Sqlite)
        return sqlitePath;
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    url.setUserName(postgres.user);
    url.setHost(postgres.host);
    url.setPort(postgres.port);
    url.setPath(u'/' + postgres.database);
    if (postgres.sslMode != u"prefer")
        url.setQuery(QStringLiteral("sslmode=") + postgres.sslMode);
    return url.toString();
}

QString StoreLocation::secretKey() const
{
    if (backend == Backend::Sqlite)
        return {};
    return QStringLiteral("postgresql://%1@%2:%3/%4")
        .arg(postgres.user, postgres.host)
        .arg(postgres.port)
        .arg(postgres.database);
}

} // namespace pt::store
