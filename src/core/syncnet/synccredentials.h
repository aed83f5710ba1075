#pragma once

#include "result.h"
#include "secrets/keychain.h"

#include <QDateTime>
#include <QString>
#include <QUrl>

#include <chrono>
#include <optional>

namespace pt::secrets {
class PlaintextSecretFile;
}

namespace pt::syncnet {

// The account a store syncs with: the server and the email signed in with.
// Written as "<server url> <email>", which is what SyncEngine::enable() gets
// and SyncStatus::account gives back.
struct SyncAccount
{
    QUrl server; // as parseServerUrl() returns it
    QString email;

    // "https://sync.example.org alice@example.org"; the URL checked by parseServerUrl().
    static Result<SyncAccount> parse(const QString &text);
    QString toString() const;
    // The keychain key of the account's refresh token:
    // "portfolio-server <server url> <email>".
    QString keychainKey() const;
};

// The tokens of one signed-in account. The refresh token (30 days, rotated on
// every use) lives in the OS keychain through pt_secrets, service "Portfolio
// Tracker", key SyncAccount::keychainKey(); when the keychain cannot keep it
// and the user opted into the unencrypted file (secrets/plaintextsecretfile.h),
// there. The access token (1 hour) lives only in this object's memory.
//
// The keychain works only on the application's thread (secrets/keychain.h);
// called from another thread, each operation is handed to that thread and
// waited for (at most the keychain's timeout plus a little), so a sync worker
// can store a rotated refresh token. The application's thread must then be
// running its event loop, as the app's GUI thread always is.
//
// Keep one object per account for as long as the account is in use (the app:
// on its sync worker), so the access token is reused instead of refreshed.
// Not thread-safe; use one object on one thread.
class SyncCredentials final
{
public:
    // `fallback`: the unencrypted file the user allowed, or nullptr (never
    // used). It must outlive this object.
    explicit SyncCredentials(SyncAccount account, secrets::Keychain keychain = secrets::Keychain(),
                             const secrets::PlaintextSecretFile *fallback = nullptr);

    const SyncAccount &account() const { return m_account; }

    // The stored refresh token; nullopt when none is stored. Errors name the
    // keychain's reason ("no keychain available: …").
    Result<std::optional<QString>> refreshToken() const;
    // Stores (replaces) the refresh token.
    Result<void> storeRefreshToken(const QString &token);
    // Removes the refresh token from the keychain and the unencrypted file, and
    // the access token from memory. Nothing stored is not an error.
    Result<void> forget();

    // The access token while it has at least a minute left; empty otherwise.
    QString accessToken() const;
    void setAccessToken(const QString &token, std::chrono::seconds expiresIn);
    void clearAccessToken();

private:
    SyncAccount m_account;
    secrets::Keychain m_keychain;
    const secrets::PlaintextSecretFile *m_fallback = nullptr;
    QString m_accessToken;
    QDateTime m_accessExpiresAt;
};

} // namespace pt::syncnet
