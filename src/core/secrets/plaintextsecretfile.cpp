#include "secrets/plaintextsecretfile.h"

#include "secrets/keychain.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

#include <utility>

namespace pt::secrets {

namespace {

constexpr QFileDevice::Permissions OwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr QFileDevice::Permissions OthersAny = QFileDevice::ReadGroup | QFileDevice::WriteGroup
    | QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;

const QString SecretsKey = QStringLiteral("secrets");

} // namespace

QString PlaintextSecretFile::defaultPath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation))
        .filePath(QStringLiteral("portfolio-tracker/unencrypted-secrets.json"));
}

PlaintextSecretFile::PlaintextSecretFile(QString path) : m_path(std::move(path)) {}

bool PlaintextSecretFile::exists() const
{
    return QFileInfo::exists(m_path);
}

Result<std::optional<QString>> PlaintextSecretFile::read(const QString &key) const
{
    auto secrets = readAll();
    if (!secrets)
        return Error{secrets.error()};
    const auto found = secrets->constFind(key);
    if (found == secrets->cend())
        return std::optional<QString>();
    return std::optional<QString>(found.value());
}

Result<void> PlaintextSecretFile::write(const QString &key, const QString &secret) const
{
    auto secrets = readAll();
    if (!secrets)
        return Error{secrets.error()};
    secrets->insert(key, secret);
    return save(*secrets);
}

Result<void> PlaintextSecretFile::remove(const QString &key) const
{
    if (!exists())
        return {};
    auto secrets = readAll();
    if (!secrets)
        return Error{secrets.error()};
    if (secrets->remove(key) == 0)
        return {};
    return save(*secrets);
}

Result<void> PlaintextSecretFile::removeAll() const
{
    if (exists() && !QFile::remove(m_path))
        return Error{QStringLiteral("cannot delete the unencrypted password file %1").arg(m_path)};
    qCInfo(lcSecrets).noquote() << "deleted the unencrypted password file" << m_path;
    return {};
}

Result<QMap<QString, QString>> PlaintextSecretFile::readAll() const
{
    QMap<QString, QString> secrets;
    const QFileInfo info(m_path);
    if (!info.exists())
        return secrets;
    if (info.permissions() & OthersAny)
        return Error{QStringLiteral("the unencrypted password file %1 may be read or changed by other users; "
                                    "it is not used until only you can (chmod 600 '%1')")
                         .arg(m_path)};
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("cannot read the unencrypted password file %1: %2").arg(m_path, file.errorString())};
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!document.isObject() || !document.object().value(SecretsKey).isObject())
        return Error{QStringLiteral("the unencrypted password file %1 is damaged (%2); delete it to start afresh")
                         .arg(m_path,
                              parseError.error != QJsonParseError::NoError ? parseError.errorString()
                                                                           : QStringLiteral("no \"secrets\" object"))};
    const QJsonObject object = document.object().value(SecretsKey).toObject();
    for (auto it = object.begin(); it != object.end(); ++it)
        secrets.insert(it.key(), it.value().toString());
    return secrets;
}

Result<void> PlaintextSecretFile::save(const QMap<QString, QString> &secrets) const
{
    if (secrets.isEmpty())
        return removeAll();

    const QFileInfo info(m_path);
    QDir folder = info.absoluteDir();
    if (!folder.exists()) {
        if (!folder.mkpath(QStringLiteral(".")))
            return Error{QStringLiteral("cannot create the folder %1").arg(folder.path())};
        QFile::setPermissions(folder.path(), OwnerOnly | QFileDevice::ExeOwner);
    }

    QJsonObject object;
    for (auto it = secrets.cbegin(); it != secrets.cend(); ++it)
        object.insert(it.key(), it.value());
    const QJsonObject root{
        {QStringLiteral("comment"),
         QStringLiteral("Passwords Portfolio Tracker keeps UNENCRYPTED because you allowed it in its settings "
                        "(no keychain was available). Delete this file to forget them.")},
        {SecretsKey, object},
    };

    QSaveFile file(m_path);
    // Owner-only before a byte is written (the temporary file that replaces the old one).
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(OwnerOnly))
        return Error{QStringLiteral("cannot write the unencrypted password file %1: %2").arg(m_path, file.errorString())};
    file.write(QJsonDocument(root).toJson(QJsonDocument::Indented));
    if (!file.commit())
        return Error{QStringLiteral("cannot write the unencrypted password file %1: %2").arg(m_path, file.errorString())};
    if ((QFileInfo(m_path).permissions() & OthersAny) && !QFile::setPermissions(m_path, OwnerOnly)) {
        QFile::remove(m_path);
        return Error{QStringLiteral("cannot make %1 readable by you alone; it was deleted").arg(m_path)};
    }
    qCInfo(lcSecrets).noquote() << "wrote" << secrets.size() << "secret(s) to the unencrypted password file" << m_path;
    return {};
}

} // namespace pt::secrets
