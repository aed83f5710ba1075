#pragma once

#include <QLoggingCategory>
#include <QString>

#include <chrono>
#include <functional>

class QObject;

namespace pt::secrets {

Q_DECLARE_LOGGING_CATEGORY(lcSecrets)

// What one keychain operation came to. `reason` is the keychain's own words
// (QtKeychain's error string); a secret never appears in it.
struct KeychainResult
{
    enum class Status {
        Ok,
        NotFound,    // the keychain answered: nothing is stored under the key
        Denied,      // the keychain is there but refused: locked, or the user said no
        Unavailable, // no keychain answered: no backend, no D-Bus session or secret
                     // service, or no answer in time
    };

    Status status = Status::Ok;
    QString secret; // what read() found; empty otherwise
    QString reason; // why, when status is not Ok

    bool ok() const { return status == Status::Ok; }
    bool notFound() const { return status == Status::NotFound; }
    bool unavailable() const { return status == Status::Unavailable; }
    // Whether a keychain is there to keep a secret (it answered Ok or NotFound).
    bool keychainAnswered() const { return status == Status::Ok || status == Status::NotFound; }
    // In English, for the command line and the log: "found", "not found",
    // "no keychain available: <reason>", "the keychain refused access: <reason>".
    QString message() const;
};

// The OS keychain through QtKeychain: the Secret Service (GNOME Keyring,
// KWallet's) or KWallet on Linux, the Keychain on macOS, the Credential Store
// on Windows. Secrets are kept under `service` ("Portfolio Tracker") and a
// key: a store's StoreLocation::secretKey(), later the sync account's tokens.
//
// QtKeychain's jobs are asynchronous and run one at a time, process-wide, on
// the thread of the application object; so every call here is made on that
// thread. A call that gets no answer within the timeout (an unlock prompt left
// open, a secret service that hangs) reports Unavailable; its job is left to
// finish on its own and deletes itself.
class Keychain final
{
public:
    using Callback = std::function<void(const KeychainResult &)>;

    static constexpr std::chrono::milliseconds DefaultTimeout = std::chrono::seconds(30);
    // "Portfolio Tracker".
    static QString defaultService();

    explicit Keychain(QString service = defaultService());

    QString service() const { return m_service; }
    std::chrono::milliseconds timeout() const { return m_timeout; }
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }

    // Each starts one job and calls `done` once, on the application's thread,
    // with the answer; never before returning. Nothing is called when
    // `context` is destroyed first.
    void read(const QString &key, QObject *context, Callback done) const;
    void write(const QString &key, const QString &secret, QObject *context, Callback done) const;
    // Removing a key that holds nothing is Ok.
    void remove(const QString &key, QObject *context, Callback done) const;

    // The same, waiting for the answer in a local event loop: for portfolio-cli,
    // whose main thread runs no event loop while a command opens its store.
    // Not for the app, whose GUI thread never waits.
    KeychainResult readNow(const QString &key) const;
    KeychainResult writeNow(const QString &key, const QString &secret) const;
    KeychainResult removeNow(const QString &key) const;

private:
    enum class Operation { Read, Write, Remove };
    void start(Operation operation, const QString &key, const QString &secret, QObject *context,
               Callback done) const;
    KeychainResult wait(Operation operation, const QString &key, const QString &secret) const;

    QString m_service;
    std::chrono::milliseconds m_timeout = DefaultTimeout;
};

// `text` with every occurrence of `secret` replaced by "*****": for error
// texts that pass through code we do not own (drivers, libpq) on their way to
// a person or the log. Secrets shorter than 3 characters are left alone
// (masking every "a" would garble the message and protect nothing).
QString redacted(QString text, const QString &secret);

} // namespace pt::secrets
