// The opt-in unencrypted password file: mode 0600 (folder 0700), refused when
// others could read it, one file apart from the settings.

#include "secrets/plaintextsecretfile.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace pt::secrets;

namespace {

// The file's permission bits as the system has them (0600).
int modeOf(const QString &path)
{
    struct stat info {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return -1;
    return int(info.st_mode & 07777);
}

QString octal(int mode)
{
    return QString::number(mode, 8).rightJustified(4, u'0');
}

} // namespace

class TestPlaintextSecretFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void defaultPathIsApartFromSettings();
    void writeReadRemove();
    void modeIsOwnerOnly();
    void refusesFileOthersCanRead();
    void reportsDamagedFile();

private:
    QString path(const QString &name) const { return m_folder.filePath(name); }
    QTemporaryDir m_folder;
};

void TestPlaintextSecretFile::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_folder.isValid());
}

void TestPlaintextSecretFile::defaultPathIsApartFromSettings()
{
    const QString file = PlaintextSecretFile::defaultPath();
    QVERIFY(file.endsWith(QStringLiteral("/portfolio-tracker/unencrypted-secrets.json")));
    QVERIFY(file.startsWith(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)));
    QVERIFY(!file.endsWith(QStringLiteral(".conf")));
}

void TestPlaintextSecretFile::writeReadRemove()
{
    const PlaintextSecretFile file(path(QStringLiteral("rw/secrets.json")));
    const QString a = QStringLiteral("postgresql://a@h:5432/db");
    const QString b = QStringLiteral("postgresql://b@h:5432/db");
    QVERIFY(!file.exists());
    auto read = file.read(a);
    QVERIFY(read.ok());
    QVERIFY(!read->has_value());

    QVERIFY(file.write(a, QStringLiteral("first")).ok());
    QVERIFY(file.write(b, QStringLiteral("für b ✓")).ok());
    QVERIFY(file.write(a, QStringLiteral("second")).ok()); // replaced
    QCOMPARE(file.read(a)->value_or(QString()), QStringLiteral("second"));
    QCOMPARE(file.read(b)->value_or(QString()), QStringLiteral("für b ✓"));
    QVERIFY(!file.read(QStringLiteral("postgresql://c@h:5432/db"))->has_value());

    QVERIFY(file.remove(a).ok());
    QVERIFY(!file.read(a)->has_value());
    QVERIFY(file.exists());
    QVERIFY(file.remove(b).ok());
    QVERIFY(!file.exists()); // nothing left: no file
    QVERIFY(file.remove(b).ok());

    QVERIFY(file.write(a, QStringLiteral("x")).ok());
    QVERIFY(file.removeAll().ok());
    QVERIFY(!file.exists());
}

void TestPlaintextSecretFile::modeIsOwnerOnly()
{
    const QString folder = path(QStringLiteral("created/here"));
    const PlaintextSecretFile file(folder + QStringLiteral("/secrets.json"));
    // Whatever the umask says.
    const mode_t previous = ::umask(0);
    const bool written = file.write(QStringLiteral("k"), QStringLiteral("v")).ok();
    QVERIFY(file.write(QStringLiteral("k2"), QStringLiteral("v2")).ok()); // rewritten: still 0600
    ::umask(previous);
    QVERIFY(written);
    QCOMPARE(octal(modeOf(file.path())), QStringLiteral("0600"));
    QCOMPARE(octal(modeOf(folder)), QStringLiteral("0700"));
}

void TestPlaintextSecretFile::refusesFileOthersCanRead()
{
    const PlaintextSecretFile file(path(QStringLiteral("open/secrets.json")));
    QVERIFY(file.write(QStringLiteral("k"), QStringLiteral("v")).ok());
    QVERIFY(QFile::setPermissions(file.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup
                                                   | QFile::ReadOther));
    const auto read = file.read(QStringLiteral("k"));
    QVERIFY(!read.ok());
    QVERIFY2(read.error().contains(QStringLiteral("other users")), qPrintable(read.error()));
    QVERIFY(read.error().contains(QStringLiteral("chmod 600")));
    QVERIFY(!file.write(QStringLiteral("k"), QStringLiteral("w")).ok()); // nor rewritten
}

void TestPlaintextSecretFile::reportsDamagedFile()
{
    const QString name = path(QStringLiteral("damaged.json"));
    QFile raw(name);
    QVERIFY(raw.open(QIODevice::WriteOnly));
    raw.write("{ not json");
    raw.close();
    QVERIFY(QFile::setPermissions(name, QFile::ReadOwner | QFile::WriteOwner));
    const auto read = PlaintextSecretFile(name).read(QStringLiteral("k"));
    QVERIFY(!read.ok());
    QVERIFY2(read.error().contains(QStringLiteral("damaged")), qPrintable(read.error()));
}

QTEST_GUILESS_MAIN(TestPlaintextSecretFile)
#include "tst_plaintextsecretfile.moc"
