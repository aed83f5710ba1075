#pragma once

#include "secrets/keychain.h"

#include <QString>

#include <functional>

class QObject;

namespace pt::secrets {

class PlaintextSecretFile;

// Where a password was found.
enum class PasswordSource {
    None,          // nowhere: libpq falls back to PGPASSWORD and ~/.pgpass
    Keychain,      // the OS keychain
    PlaintextFile, // the unencrypted file the user opted into
    Entered,       // typed by the user for this session (set by the app)
};

// The outcome of looking for a secret: the keychain first, then, when allowed,
// the unencrypted file.
struct PasswordLookup
{
    QString password;
    PasswordSource source = PasswordSource::None;
    KeychainResult keychain;  // what the keychain said
    QString fileProblem;      // the unencrypted file could not be used, and why

    bool found() const { return source != PasswordSource::None; }
    // In English, for the command line: where the password came from, e.g.
    // "the password came from the keychain", "no password from the keychain
    // (no keychain available: ...), so libpq looked for PGPASSWORD and ~/.pgpass".
    QString describe() const;
};

// Looks `key` up in `keychain` and then, unless found, in `file` (nullptr: not
// allowed); calls `done` on the application's thread, not before returning,
// unless `context` is gone by then.
void lookUpPassword(const Keychain &keychain, const QString &key, const PlaintextSecretFile *file, QObject *context,
                    std::function<void(const PasswordLookup &)> done);
// The same, waiting for the answer (portfolio-cli; see Keychain::readNow).
PasswordLookup lookUpPasswordNow(const Keychain &keychain, const QString &key, const PlaintextSecretFile *file);

} // namespace pt::secrets
