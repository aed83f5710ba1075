#pragma once

#include "auth/accesstoken.h"
#include "result.h"
#include "store/storelocation.h"

#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QProcessEnvironment>
#include <QString>

namespace pt::server {

// An address range: one address (a /32 or /128) or a CIDR subnet.
using AddressRange = QPair<QHostAddress, int>;

// portfolio-server's configuration: an INI file (QSettings::IniFormat, keys
// at the top level), each key overridable by the environment variable
// PT_SERVER_<KEY in upper case>. Secrets come from files readable by the
// server's user only (database_password_file, token_key_file) or from the
// environment (PT_SERVER_DATABASE_PASSWORD, PT_SERVER_TOKEN_KEY in base64),
// never from the command line.
struct ServerConfig
{
    static QString defaultPath(); // /etc/portfolio-server/portfolio-server.conf

    QHostAddress listenAddress = QHostAddress::LocalHost;
    quint16 listenPort = 8787; // 0: any free port (the "listening" log line says which)

    store::PostgresLocation database;
    QString databasePassword; // never logged

    TokenSettings tokens; // its signingKey is never logged

    int rateLimitPerMinute = 100;   // per account and per client IP; 0 = off
    int loginFailuresPerEmail = 5;  // per LoginWindowMinutes
    int loginFailuresPerIp = 20;    // per LoginWindowMinutes
    static constexpr int LoginWindowMinutes = 15;

    QList<AddressRange> trustedProxies; // may set X-Forwarded-For / X-Real-IP
    QList<AddressRange> metricsAllow;   // may read /metrics
    int workerThreads = 8;

    // The keys a file may hold, in the order of the example configuration.
    static const QStringList &keys();

    // Reads `path` and the environment. The error names the key and where it
    // came from (the file or the variable); nothing in it is secret.
    static Result<ServerConfig> load(const QString &path, const QProcessEnvironment &environment);
};

// Whether `address` lies in one of `ranges`. IPv4-mapped IPv6 addresses
// (::ffff:127.0.0.1, as a dual-stack socket reports them) count as IPv4.
bool addressInRanges(const QHostAddress &address, const QList<AddressRange> &ranges);

// "127.0.0.1, ::1, 10.0.0.0/8" → ranges, or what is wrong with which item.
Result<QList<AddressRange>> parseAddressRanges(const QString &text);

} // namespace pt::server
