#pragma once

// What the syncnet tests share: portfolio-server's answers in their real
// formats (docs/SYNC.md), a request's header, a loopback port nobody listens
// on, and credentials kept the way the app keeps them: the OS keychain when a
// secret service runs (the *_secretservice run), else the unencrypted file
// the user may opt into, here in a temporary folder.

#include "fakehttpserver.h"
#include "secrets/keychain.h"
#include "secrets/plaintextsecretfile.h"
#include "syncnet/synccredentials.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace pt::test {

inline QByteArray tokenPairJson(const QString &access, const QString &refresh, int expiresIn = 3600)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("accessToken"), access},
                                     {QStringLiteral("refreshToken"), refresh},
                                     {QStringLiteral("expiresIn"), expiresIn},
                                     {QStringLiteral("refreshExpiresIn"), 30 * 24 * 3600}})
        .toJson(QJsonDocument::Compact);
}

inline QByteArray errorJson(const QString &code, const QString &message)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("error"), code}, {QStringLiteral("message"), message}})
        .toJson(QJsonDocument::Compact);
}

inline QByteArray headerOf(const RecordedRequest &request, const QByteArray &lowerCaseName)
{
    for (const auto &[name, value] : request.headers) {
        if (name == lowerCaseName)
            return value;
    }
    return {};
}

inline QJsonObject bodyOf(const RecordedRequest &request)
{
    return QJsonDocument::fromJson(request.body).object();
}

// The requests under `path`, in order.
inline QList<RecordedRequest> requestsTo(const FakeHttpServer &server, const QByteArray &path)
{
    QList<RecordedRequest> found;
    for (const RecordedRequest &request : server.requests()) {
        if (request.url.path().toLatin1().startsWith(path))
            found.append(request);
    }
    return found;
}

// A loopback URL whose port was free a moment ago: connections are refused.
inline QUrl closedPortUrl()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    const quint16 port = probe.serverPort();
    probe.close();
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
}

// A keychain service of the test's own, so nothing meets another run's keys.
inline secrets::Keychain testKeychain()
{
    secrets::Keychain keychain(QStringLiteral("Portfolio Tracker syncnet tests %1").arg(QCoreApplication::applicationPid()));
    keychain.setTimeout(std::chrono::seconds(20));
    return keychain;
}

// Credentials of `server` and a test email, with the unencrypted file of a
// temporary folder as the allowed fallback.
struct TestCredentials
{
    QTemporaryDir folder;
    secrets::PlaintextSecretFile file{folder.filePath(QStringLiteral("config/unencrypted-secrets.json"))};
    std::unique_ptr<syncnet::SyncCredentials> credentials;

    explicit TestCredentials(const QUrl &server, const QString &email = QStringLiteral("alice@example.org"))
    {
        credentials = std::make_unique<syncnet::SyncCredentials>(syncnet::SyncAccount{server, email}, testKeychain(),
                                                                 &file);
    }
    ~TestCredentials() { (void)credentials->forget(); }
    syncnet::SyncCredentials &operator*() { return *credentials; }
    syncnet::SyncCredentials *operator->() { return credentials.get(); }
};

} // namespace pt::test

// Verifies a pt::Result succeeded, printing its error when it did not (as
// testsupport.h's, without that header's store dependencies).
#ifndef PT_VERIFY_OK
#define PT_VERIFY_OK(expression)                                                                   \
    do {                                                                                           \
        const auto &pt_result_ = (expression);                                                     \
        QVERIFY2(pt_result_.ok(), qPrintable(pt_result_.ok() ? QString() : pt_result_.error()));   \
    } while (false)
#endif
