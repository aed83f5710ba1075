#include "secrets/passwordlookup.h"

#include "secrets/plaintextsecretfile.h"

#include <optional>
#include <utility>

namespace pt::secrets {

namespace {

// The rest of a lookup once the keychain has answered.
PasswordLookup complete(const KeychainResult &keychain, const QString &key, const PlaintextSecretFile *file)
{
    PasswordLookup lookup;
    lookup.keychain = keychain;
    lookup.keychain.secret.clear();
    if (keychain.ok()) {
        lookup.password = keychain.secret;
        lookup.source = PasswordSource::Keychain;
        return lookup;
    }
    if (file && file->exists()) {
        const auto secret = file->read(key);
        if (!secret) {
            lookup.fileProblem = secret.error();
        } else if (secret->has_value()) {
            lookup.password = **secret;
            lookup.source = PasswordSource::PlaintextFile;
        }
    }
    return lookup;
}

} // namespace

QString PasswordLookup::describe() const
{
    switch (source) {
    case PasswordSource::Keychain:
        return QStringLiteral("the password came from the keychain");
    case PasswordSource::PlaintextFile:
        return QStringLiteral("the password came from the unencrypted password file");
    case PasswordSource::Entered:
        return QStringLiteral("the password was the one entered");
    case PasswordSource::None:
        break;
    }
    QString text = keychain.notFound() ? QStringLiteral("no password stored in the keychain")
                                       : QStringLiteral("no password from the keychain (%1)").arg(keychain.message());
    if (!fileProblem.isEmpty())
        text += QStringLiteral(" nor from the unencrypted file (%1)").arg(fileProblem);
    return text + QStringLiteral(", so libpq looked for PGPASSWORD and ~/.pgpass");
}

void lookUpPassword(const Keychain &keychain, const QString &key, const PlaintextSecretFile *file, QObject *context,
                    std::function<void(const PasswordLookup &)> done)
{
    // The file is read when the keychain has answered: copied, so the caller's may go.
    std::optional<PlaintextSecretFile> fileCopy;
    if (file)
        fileCopy.emplace(*file);
    keychain.read(key, context,
                  [key, fileCopy = std::move(fileCopy), done = std::move(done)](const KeychainResult &result) {
                      done(complete(result, key, fileCopy ? &*fileCopy : nullptr));
                  });
}

PasswordLookup lookUpPasswordNow(const Keychain &keychain, const QString &key, const PlaintextSecretFile *file)
{
    return complete(keychain.readNow(key), key, file);
}

} // namespace pt::secrets
