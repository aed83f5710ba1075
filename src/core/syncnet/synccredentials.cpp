#include "syncnet/synccredentials.h"

#include "secrets/plaintextsecretfile.h"
#include "syncnet/serverconnection.h"

#include <QCoreApplication>
#include <QThread>

#include <future>
#include <memory>
#include <utility>

namespace pt::syncnet {

namespace {

enum class Operation { Read, Write, Remove };

bool onApplicationThread()
{
    const QCoreApplication *application = QCoreApplication::instance();
    return application && QThread::currentThread() == application->thread();
}

// One keychain operation, on the application's thread whichever thread asks:
// QtKeychain's jobs live there (secrets/keychain.h). From another thread the
// job is started there asynchronously and this thread waits for its answer,
// so the application's thread never blocks.
secrets::KeychainResult runKeychain(const secrets::Keychain &keychain, Operation operation, const QString &key,
                                    const QString &secret = {})
{
    if (onApplicationThread()) {
        switch (operation) {
        case Operation::Read:
            return keychain.readNow(key);
        case Operation::Write:
            return keychain.writeNow(key, secret);
        case Operation::Remove:
            return keychain.removeNow(key);
        }
    }
    QCoreApplication *application = QCoreApplication::instance();
    if (!application)
        return {secrets::KeychainResult::Status::Unavailable, {}, QStringLiteral("no application object")};

    auto answer = std::make_shared<std::promise<secrets::KeychainResult>>();
    std::future<secrets::KeychainResult> future = answer->get_future();
    QMetaObject::invokeMethod(
        application,
        [keychain, operation, key, secret, answer, application] {
            auto deliver = [answer](const secrets::KeychainResult &result) { answer->set_value(result); };
            switch (operation) {
            case Operation::Read:
                keychain.read(key, application, deliver);
                break;
            case Operation::Write:
                keychain.write(key, secret, application, deliver);
                break;
            case Operation::Remove:
                keychain.remove(key, application, deliver);
                break;
            }
        },
        Qt::QueuedConnection);
    // The keychain's own timeout answers first; the margin covers an
    // application thread too busy to start the job at all.
    if (future.wait_for(keychain.timeout() + std::chrono::seconds(10)) != std::future_status::ready)
        return {secrets::KeychainResult::Status::Unavailable, {},
                QStringLiteral("the application did not pass the request to the keychain in time")};
    return future.get();
}

QString keychainProblem(const secrets::KeychainResult &result)
{
    return result.message();
}

} // namespace

Result<SyncAccount> SyncAccount::parse(const QString &text)
{
    const QStringList parts = text.trimmed().split(u' ', Qt::SkipEmptyParts);
    if (parts.size() != 2)
        return Error{QStringLiteral("'%1' is not a sync account (\"<server url> <email>\")").arg(text)};
    auto server = parseServerUrl(parts[0]);
    if (!server)
        return Error{server.error()};
    if (!parts[1].contains(u'@'))
        return Error{QStringLiteral("'%1' is not an email address").arg(parts[1])};
    return SyncAccount{*server, parts[1]};
}

QString SyncAccount::toString() const
{
    return server.toString() + u' ' + email;
}

QString SyncAccount::keychainKey() const
{
    return QStringLiteral("portfolio-server ") + toString();
}

SyncCredentials::SyncCredentials(SyncAccount account, secrets::Keychain keychain,
                                 const secrets::PlaintextSecretFile *fallback)
    : m_account(std::move(account)), m_keychain(std::move(keychain)), m_fallback(fallback)
{
}

Result<std::optional<QString>> SyncCredentials::refreshToken() const
{
    const QString key = m_account.keychainKey();
    const secrets::KeychainResult stored = runKeychain(m_keychain, Operation::Read, key);
    if (stored.ok())
        return std::optional<QString>(stored.secret);
    // As for store passwords: the unencrypted file when the user allowed it.
    if (m_fallback && m_fallback->exists()) {
        auto inFile = m_fallback->read(key);
        if (!inFile)
            return Error{QStringLiteral("cannot read the sync sign-in of %1: %2").arg(m_account.toString(), inFile.error())};
        if (inFile->has_value() || stored.notFound())
            return *inFile;
    }
    if (stored.notFound())
        return std::optional<QString>();
    return Error{QStringLiteral("cannot read the sync sign-in of %1 from the keychain: %2")
                     .arg(m_account.toString(), keychainProblem(stored))};
}

Result<void> SyncCredentials::storeRefreshToken(const QString &token)
{
    const QString key = m_account.keychainKey();
    const secrets::KeychainResult written = runKeychain(m_keychain, Operation::Write, key, token);
    if (written.ok()) {
        // An older token left in the file would only be a spent one.
        if (m_fallback && m_fallback->exists())
            (void)m_fallback->remove(key);
        return {};
    }
    if (m_fallback) {
        if (auto inFile = m_fallback->write(key, token); !inFile)
            return Error{QStringLiteral("cannot keep the sync sign-in of %1: the keychain failed (%2) and so did "
                                        "the unencrypted file (%3)")
                             .arg(m_account.toString(), keychainProblem(written), inFile.error())};
        return {};
    }
    return Error{QStringLiteral("cannot keep the sync sign-in of %1 in the keychain: %2")
                     .arg(m_account.toString(), keychainProblem(written))};
}

Result<void> SyncCredentials::forget()
{
    clearAccessToken();
    const QString key = m_account.keychainKey();
    bool wasInFile = false;
    if (m_fallback && m_fallback->exists()) {
        const auto inFile = m_fallback->read(key);
        wasInFile = inFile && inFile->has_value();
        if (auto removed = m_fallback->remove(key); !removed)
            return Error{removed.error()};
    }
    const secrets::KeychainResult removed = runKeychain(m_keychain, Operation::Remove, key);
    if (removed.ok() || wasInFile)
        return {};
    return Error{QStringLiteral("cannot remove the sync sign-in of %1 from the keychain: %2")
                     .arg(m_account.toString(), keychainProblem(removed))};
}

QString SyncCredentials::accessToken() const
{
    if (m_accessToken.isEmpty() || QDateTime::currentDateTimeUtc().secsTo(m_accessExpiresAt) < 60)
        return {};
    return m_accessToken;
}

void SyncCredentials::setAccessToken(const QString &token, std::chrono::seconds expiresIn)
{
    m_accessToken = token;
    m_accessExpiresAt = QDateTime::currentDateTimeUtc().addSecs(expiresIn.count());
}

void SyncCredentials::clearAccessToken()
{
    m_accessToken.clear();
    m_accessExpiresAt = {};
}

} // namespace pt::syncnet
