#pragma once

#include "result.h"

#include <QMap>
#include <QString>

#include <optional>

namespace pt::secrets {

// The fallback for computers without a keychain, used only when the user turns
// it on in the app's settings (off by default): secrets kept UNENCRYPTED in a
// file of their own that only the user's account may read (mode 0600, its
// folder 0700 when created here), never in the settings file. Anyone who can
// read the user's files (backups, an administrator, malware running as the
// user) can read them.
//
// Where: <config>/portfolio-tracker/unencrypted-secrets.json, <config> being
// ~/.config on Linux (XDG_CONFIG_HOME), ~/Library/Preferences on macOS and
// %LOCALAPPDATA% on Windows (QStandardPaths::GenericConfigLocation). A JSON
// object {"secrets": {key: secret}}, the keys those of the keychain
// (StoreLocation::secretKey()). Like libpq's ~/.pgpass, a file others could
// read is refused rather than used. The app deletes it when the option is
// turned off; portfolio-cli reads it only when it exists.
class PlaintextSecretFile final
{
public:
    static QString defaultPath();

    explicit PlaintextSecretFile(QString path = defaultPath());

    QString path() const { return m_path; }
    bool exists() const;

    // The secret under `key`, nullopt when the file or the key is missing.
    Result<std::optional<QString>> read(const QString &key) const;
    // Adds or replaces `key`, creating the file with mode 0600.
    Result<void> write(const QString &key, const QString &secret) const;
    // Removes `key`; the file goes when it holds nothing more.
    Result<void> remove(const QString &key) const;
    // Removes the file and every secret in it.
    Result<void> removeAll() const;

private:
    Result<QMap<QString, QString>> readAll() const;
    Result<void> save(const QMap<QString, QString> &secrets) const;

    QString m_path;
};

} // namespace pt::secrets
