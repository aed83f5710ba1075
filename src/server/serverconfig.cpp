#include "serverconfig.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSettings>

#include <sys/stat.h>

namespace pt::server {

namespace {

constexpr int MinimumKeyBytes = 32;
constexpr qint64 MaximumSecretFileBytes = 64 * 1024;

// Where one setting's text came from, for error messages: the file's key or
// the environment variable that overrode it.
struct Source
{
    QString text;
    QString where; // "'/etc/…/portfolio-server.conf': listen_port" or "environment variable PT_SERVER_LISTEN_PORT"
    bool present = false;
};

QString environmentName(const QString &key)
{
    return QStringLiteral("PT_SERVER_") + key.toUpper();
}

class Reader
{
public:
    Reader(const QString &path, QSettings &file, const QProcessEnvironment &environment)
        : m_path(path), m_file(file), m_environment(environment)
    {
    }

    Source get(const QString &key) const
    {
        const QString variable = environmentName(key);
        if (m_environment.contains(variable))
            return {m_environment.value(variable), QStringLiteral("environment variable %1").arg(variable), true};
        const QString where = QStringLiteral("'%1': %2").arg(m_path, key);
        if (!m_file.contains(key))
            return {{}, where, false};
        const QVariant value = m_file.value(key);
        // QSettings splits an unquoted value at commas into a list.
        const QString text = value.userType() == QMetaType::QStringList ? value.toStringList().join(u',')
                                                                        : value.toString();
        return {text.trimmed(), where, true};
    }

private:
    QString m_path;
    QSettings &m_file;
    const QProcessEnvironment &m_environment;
};

Error invalid(const Source &source, const QString &why)
{
    return Error{QStringLiteral("%1: %2").arg(source.where, why)};
}

Result<int> integer(const Source &source, int minimum, int maximum, int fallback)
{
    if (!source.present || source.text.isEmpty())
        return fallback;
    bool ok = false;
    const int value = source.text.toInt(&ok);
    if (!ok || value < minimum || value > maximum)
        return invalid(source, QStringLiteral("'%1' is not a whole number from %2 to %3").arg(source.text).arg(minimum).arg(maximum));
    return value;
}

QString textOr(const Source &source, const QString &fallback)
{
    return source.present && !source.text.isEmpty() ? source.text : fallback;
}

// A secret's file: a regular file that only its owner may read, since
// anyone who reads it can sign tokens or reach the database.
Result<QByteArray> readSecretFile(const Source &source)
{
    const QString path = source.text;
    struct stat status {};
    if (::stat(QFile::encodeName(path).constData(), &status) != 0 || !S_ISREG(status.st_mode))
        return invalid(source, QStringLiteral("'%1' is not a readable file").arg(path));
    if ((status.st_mode & (S_IRGRP | S_IWGRP | S_IROTH | S_IWOTH)) != 0)
        return invalid(source, QStringLiteral("'%1' may be read or written by other users (mode %2); make it "
                                              "readable by the server's user only: chmod 600 '%1'")
                                   .arg(path)
                                   .arg(status.st_mode & 0777, 3, 8, QLatin1Char('0')));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return invalid(source, QStringLiteral("cannot read '%1': %2").arg(path, file.errorString()));
    if (file.size() > MaximumSecretFileBytes)
        return invalid(source, QStringLiteral("'%1' is larger than %2 bytes").arg(path).arg(MaximumSecretFileBytes));
    return file.readAll();
}

Result<QByteArray> tokenKey(const Reader &reader)
{
    const Source encoded = reader.get(QStringLiteral("token_key"));
    QByteArray key;
    Source from = encoded;
    if (encoded.present && encoded.where.startsWith(u"environment")) {
        const auto decoded = QByteArray::fromBase64Encoding(encoded.text.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded)
            return invalid(encoded, QStringLiteral("not base64"));
        key = *decoded;
    } else {
        from = reader.get(QStringLiteral("token_key_file"));
        if (!from.present || from.text.isEmpty())
            return invalid(from, QStringLiteral("missing: the file with the key that signs access tokens (at least %1 "
                                                "random bytes, e.g. head -c 32 /dev/urandom > FILE; chmod 600 FILE)")
                                     .arg(MinimumKeyBytes));
        auto read = readSecretFile(from);
        if (!read)
            return Error{read.error()};
        key = *read;
    }
    if (key.size() < MinimumKeyBytes)
        return invalid(from, QStringLiteral("the token signing key has %1 bytes; at least %2 random bytes are needed")
                                 .arg(key.size())
                                 .arg(MinimumKeyBytes));
    return key;
}

Result<QString> readDatabasePassword(const Reader &reader)
{
    const Source direct = reader.get(QStringLiteral("database_password"));
    if (direct.present && direct.where.startsWith(u"environment"))
        return direct.text;
    const Source file = reader.get(QStringLiteral("database_password_file"));
    if (!file.present || file.text.isEmpty())
        return QString(); // libpq's own ways: ~/.pgpass, peer authentication on the socket
    auto read = readSecretFile(file);
    if (!read)
        return Error{read.error()};
    QByteArray text = *read;
    while (text.endsWith('\n') || text.endsWith('\r'))
        text.chop(1);
    return QString::fromUtf8(text);
}

} // namespace

QString ServerConfig::defaultPath()
{
    return QStringLiteral("/etc/portfolio-server/portfolio-server.conf");
}

const QStringList &ServerConfig::keys()
{
    static const QStringList list{
        QStringLiteral("listen_address"),        QStringLiteral("listen_port"),
        QStringLiteral("database_host"),         QStringLiteral("database_port"),
        QStringLiteral("database_name"),         QStringLiteral("database_user"),
        QStringLiteral("database_sslmode"),      QStringLiteral("database_password_file"),
        QStringLiteral("token_key_file"),        QStringLiteral("issuer"),
        QStringLiteral("audience"),              QStringLiteral("rate_limit_per_minute"),
        QStringLiteral("login_failures_per_email"), QStringLiteral("login_failures_per_ip"),
        QStringLiteral("trusted_proxies"),       QStringLiteral("metrics_allow"),
        QStringLiteral("worker_threads")};
    return list;
}

Result<QList<AddressRange>> parseAddressRanges(const QString &text)
{
    QList<AddressRange> ranges;
    const QStringList items = text.split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts);
    for (const QString &item : items) {
        AddressRange range;
        if (item.contains(u'/')) {
            range = QHostAddress::parseSubnet(item);
        } else {
            const QHostAddress address(item);
            range = {address, address.protocol() == QAbstractSocket::IPv6Protocol ? 128 : 32};
        }
        if (range.first.isNull())
            return Error{QStringLiteral("'%1' is not an IP address or subnet").arg(item)};
        ranges.append(range);
    }
    return ranges;
}

bool addressInRanges(const QHostAddress &address, const QList<AddressRange> &ranges)
{
    QHostAddress plain = address;
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    if (isV4)
        plain = QHostAddress(v4);
    for (const AddressRange &range : ranges) {
        if (plain.isInSubnet(range.first, range.second))
            return true;
    }
    return false;
}

Result<ServerConfig> ServerConfig::load(const QString &path, const QProcessEnvironment &environment)
{
    if (!QFileInfo(path).isFile())
        return Error{QStringLiteral("'%1': the configuration file does not exist or is not a file").arg(path)};
    QSettings file(path, QSettings::IniFormat);
    if (file.status() != QSettings::NoError)
        return Error{QStringLiteral("'%1': cannot read the configuration file (%2)")
                         .arg(path, file.status() == QSettings::FormatError ? QStringLiteral("not INI")
                                                                             : QStringLiteral("access denied"))};
    // A misspelt key would otherwise be ignored in silence.
    for (const QString &key : file.allKeys()) {
        if (key.startsWith(u'#'))
            return Error{QStringLiteral("'%1': '%2': comments start with ';' in this file, not '#'").arg(path, key)};
        if (!keys().contains(key))
            return Error{QStringLiteral("'%1': %2: unknown key (known: %3)").arg(path, key, keys().join(QStringLiteral(", ")))};
    }
    const Reader reader(path, file, environment);
    auto get = [&reader](const char *key) { return reader.get(QString::fromLatin1(key)); };

    ServerConfig config;

    const Source address = get("listen_address");
    if (address.present && !address.text.isEmpty()) {
        config.listenAddress = QHostAddress(address.text);
        if (config.listenAddress.isNull())
            return invalid(address, QStringLiteral("'%1' is not an IP address").arg(address.text));
    }
    auto port = integer(get("listen_port"), 0, 65535, 8787);
    if (!port)
        return Error{port.error()};
    config.listenPort = quint16(*port);

    config.database.host = textOr(get("database_host"), QStringLiteral("localhost"));
    auto databasePort = integer(get("database_port"), 1, 65535, 5432);
    if (!databasePort)
        return Error{databasePort.error()};
    config.database.port = *databasePort;
    config.database.database = textOr(get("database_name"), QStringLiteral("portfolio_server"));
    config.database.user = textOr(get("database_user"), QStringLiteral("portfolio_server"));
    const Source sslMode = get("database_sslmode");
    config.database.sslMode = textOr(sslMode, QStringLiteral("prefer"));
    static const QStringList sslModes{QStringLiteral("disable"), QStringLiteral("allow"),   QStringLiteral("prefer"),
                                      QStringLiteral("require"), QStringLiteral("verify-ca"), QStringLiteral("verify-full")};
    if (!sslModes.contains(config.database.sslMode))
        return invalid(sslMode, QStringLiteral("'%1' is not one of %2").arg(config.database.sslMode, sslModes.join(u", ")));
    auto password = readDatabasePassword(reader);
    if (!password)
        return Error{password.error()};
    config.databasePassword = *password;

    auto key = tokenKey(reader);
    if (!key)
        return Error{key.error()};
    config.tokens.signingKey = *key;
    config.tokens.issuer = textOr(get("issuer"), config.tokens.issuer);
    config.tokens.audience = textOr(get("audience"), config.tokens.audience);

    auto rate = integer(get("rate_limit_per_minute"), 0, 1'000'000, 100);
    if (!rate)
        return Error{rate.error()};
    config.rateLimitPerMinute = *rate;
    auto perEmail = integer(get("login_failures_per_email"), 1, 10'000, 5);
    if (!perEmail)
        return Error{perEmail.error()};
    config.loginFailuresPerEmail = *perEmail;
    auto perIp = integer(get("login_failures_per_ip"), 1, 100'000, 20);
    if (!perIp)
        return Error{perIp.error()};
    config.loginFailuresPerIp = *perIp;

    const Source proxies = get("trusted_proxies");
    auto trusted = parseAddressRanges(textOr(proxies, QStringLiteral("127.0.0.1, ::1")));
    if (!trusted)
        return invalid(proxies, trusted.error());
    config.trustedProxies = *trusted;
    const Source allow = get("metrics_allow");
    auto metrics = parseAddressRanges(textOr(allow, QStringLiteral("127.0.0.1, ::1")));
    if (!metrics)
        return invalid(allow, metrics.error());
    config.metricsAllow = *metrics;

    auto threads = integer(get("worker_threads"), 1, 256, 8);
    if (!threads)
        return Error{threads.error()};
    config.workerThreads = *threads;
    return config;
}

} // namespace pt::server
