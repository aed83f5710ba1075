// portfolio-cli password set / forget / status, and how every command finds a
// PostgreSQL store's password (Context::openStore), through the real
// executable. With a secret service (scripts/with-secret-service) the password
// goes to gnome-keyring and is read back through secrets::Keychain; without
// one the commands say "no keychain available" and fall back. The password
// never appears in a process's command line, nor in any error text.

#include "../common/secretservicetesting.h"
#include "secrets/keychain.h"
#include "secrets/plaintextsecretfile.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace pt::secrets;

using namespace pt::test;

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

} // namespace

class TestPasswordCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void setOverwriteForget();
    void openStoreUsesKeychainPassword();

    void setFailsWithoutKeychain();
    void openStoreSaysWhereThePasswordCameFrom();
    void plaintextFileIsReadAndForgotten();

    void passwordNeverOnCommandLine();
    void refusals_data();
    void refusals();

private:
    QProcessEnvironment environment() const;
    Run run(const QStringList &arguments, const QByteArray &input = {}) const;
    // A store URL no server answers (port 1 is closed): the connection fails fast.
    QString storeUrl(const QString &database) const
    {
        return QStringLiteral("postgresql://tester@127.0.0.1:1/%1_%2").arg(database).arg(QCoreApplication::applicationPid());
    }
    QString secretKey(const QString &database) const { return storeUrl(database); }

    QTemporaryDir m_home;
};

void TestPasswordCli::initTestCase()
{
    QVERIFY2(QFile::exists(qEnvironmentVariable("PT_CLI")), "PT_CLI names no executable");
    QVERIFY(m_home.isValid());
}

QProcessEnvironment TestPasswordCli::environment() const
{
    // The child's files (default store, unencrypted password file) in a
    // private home, never the user's.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), m_home.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
    env.remove(QStringLiteral("PGPASSWORD"));
    return env;
}

Run TestPasswordCli::run(const QStringList &arguments, const QByteArray &input) const
{
    QProcess process;
    process.setProcessEnvironment(environment());
    process.start(qEnvironmentVariable("PT_CLI"), arguments);
    Run result;
    if (!process.waitForStarted()) {
        result.err = process.errorString();
        return result;
    }
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        result.err = QStringLiteral("timed out");
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

void TestPasswordCli::setOverwriteForget()
{
    REQUIRE_SECRET_SERVICE(true);
    const QString url = storeUrl(QStringLiteral("roundtrip"));
    const Keychain keychain; // the CLI's own service, "Portfolio Tracker"

    Run result = run({ QStringLiteral("password"), QStringLiteral("set"), QStringLiteral("--store"), url },
                     "first pässword\n");
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QVERIFY2(result.out.contains(QStringLiteral("Stored the password of ") + secretKey(QStringLiteral("roundtrip"))),
             qPrintable(result.out));
    KeychainResult read = keychain.readNow(secretKey(QStringLiteral("roundtrip")));
    QVERIFY2(read.ok(), qPrintable(read.message()));
    QCOMPARE(read.secret, QStringLiteral("first pässword"));

    // Overwritten; a pipe without a final newline works too. --db names the store as well.
    result = run({ QStringLiteral("password"), QStringLiteral("set"), QStringLiteral("--db"), url }, "second");
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QCOMPARE(keychain.readNow(secretKey(QStringLiteral("roundtrip"))).secret, QStringLiteral("second"));

    result = run({ QStringLiteral("password"), QStringLiteral("status"), QStringLiteral("--store"), url });
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(result.out.contains(QStringLiteral("a password is stored in the keychain")), qPrintable(result.out));
    QVERIFY(!result.out.contains(QStringLiteral("second")));

    result = run({ QStringLiteral("password"), QStringLiteral("forget"), QStringLiteral("--store"), url });
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QVERIFY(result.out.contains(QStringLiteral("Removed the password of")));
    read = keychain.readNow(secretKey(QStringLiteral("roundtrip")));
    QVERIFY2(read.notFound(), qPrintable(read.message()));

    result = run({ QStringLiteral("password"), QStringLiteral("status"), QStringLiteral("--store"), url });
    QVERIFY2(result.out.contains(QStringLiteral("no password stored (none in the keychain)")), qPrintable(result.out));
}

void TestPasswordCli::openStoreUsesKeychainPassword()
{
    REQUIRE_SECRET_SERVICE(true);
    const QString url = storeUrl(QStringLiteral("opens"));
    const QString password = QStringLiteral("K3ychain-Only!");
    QVERIFY(Keychain().writeNow(secretKey(QStringLiteral("opens")), password).ok());

    const Run result = run({ QStringLiteral("--db"), url, QStringLiteral("portfolio"), QStringLiteral("list") });
    QCOMPARE(result.exitCode, 1); // no server on port 1
    QVERIFY2(result.err.contains(QStringLiteral("; the password came from the keychain")), qPrintable(result.err));
    QVERIFY(!result.err.contains(password));
    QVERIFY(!result.out.contains(password));
    QVERIFY(Keychain().removeNow(secretKey(QStringLiteral("opens"))).ok());
}

void TestPasswordCli::setFailsWithoutKeychain()
{
    REQUIRE_SECRET_SERVICE(false);
    const QString password = QStringLiteral("never-stored-anywhere");
    const Run result = run({ QStringLiteral("password"), QStringLiteral("set"), QStringLiteral("--store"),
                             storeUrl(QStringLiteral("nokeychain")) },
                           password.toUtf8() + '\n');
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains(QStringLiteral("no keychain available: ")), qPrintable(result.err));
    QVERIFY(result.err.contains(QStringLiteral("~/.pgpass")));
    QVERIFY(!result.err.contains(password));
    QVERIFY(!PlaintextSecretFile(m_home.filePath(QStringLiteral("config/portfolio-tracker/unencrypted-secrets.json")))
                 .exists());
}

void TestPasswordCli::openStoreSaysWhereThePasswordCameFrom()
{
    REQUIRE_SECRET_SERVICE(false);
    const Run result = run({ QStringLiteral("--db"), storeUrl(QStringLiteral("fallback")), QStringLiteral("portfolio"),
                             QStringLiteral("list") });
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains(QStringLiteral("no password from the keychain (no keychain available: ")),
             qPrintable(result.err));
    QVERIFY(result.err.contains(QStringLiteral(", so libpq looked for PGPASSWORD and ~/.pgpass")));
}

void TestPasswordCli::plaintextFileIsReadAndForgotten()
{
    REQUIRE_SECRET_SERVICE(false);
    // The app wrote it (the user allowed the unencrypted file); the CLI reads it.
    const PlaintextSecretFile file(m_home.filePath(QStringLiteral("config/portfolio-tracker/unencrypted-secrets.json")));
    const QString password = QStringLiteral("From-The-File-42");
    QVERIFY(file.write(secretKey(QStringLiteral("file")), password).ok());

    Run result = run({ QStringLiteral("--db"), storeUrl(QStringLiteral("file")), QStringLiteral("portfolio"),
                       QStringLiteral("list") });
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains(QStringLiteral("; the password came from the unencrypted password file")),
             qPrintable(result.err));
    QVERIFY(!result.err.contains(password));

    result = run({ QStringLiteral("password"), QStringLiteral("status"), QStringLiteral("--store"),
                   storeUrl(QStringLiteral("file")) });
    QVERIFY2(result.out.contains(QStringLiteral("stored UNENCRYPTED in")), qPrintable(result.out));
    QVERIFY(!result.out.contains(password));

    result = run({ QStringLiteral("password"), QStringLiteral("forget"), QStringLiteral("--store"),
                   storeUrl(QStringLiteral("file")) });
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QVERIFY2(result.out.contains(QStringLiteral("from the unencrypted password file (no keychain available: ")),
             qPrintable(result.out));
    QVERIFY(!file.exists());
}

void TestPasswordCli::passwordNeverOnCommandLine()
{
#ifndef Q_OS_LINUX
    QSKIP("reads /proc");
#else
    // While `password set` waits for its input and while it stores it, the
    // command line and the environment the system shows hold no password.
    const QByteArray password = "Visible-To-Nobody-7";
    QProcess process;
    process.setProcessEnvironment(environment());
    process.start(qEnvironmentVariable("PT_CLI"), { QStringLiteral("password"), QStringLiteral("set"),
                                                    QStringLiteral("--store"), storeUrl(QStringLiteral("argv")) });
    QVERIFY(process.waitForStarted());
    const QString proc = QStringLiteral("/proc/%1/").arg(process.processId());
    const auto readProc = [&proc](const char *name) {
        QFile file(proc + QLatin1String(name));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    };
    QTest::qWait(200); // running, blocked on stdin
    const QByteArray cmdline = readProc("cmdline");
    QVERIFY(cmdline.contains("password"));
    QVERIFY(!cmdline.contains(password));
    QVERIFY(!readProc("environ").contains(password));

    process.write(password + '\n');
    QVERIFY(process.waitForBytesWritten());
    const QByteArray during = readProc("cmdline"); // empty once it has ended
    QVERIFY(!during.contains(password));
    process.closeWriteChannel();
    QVERIFY(process.waitForFinished(60000));
    const QString output = QString::fromUtf8(process.readAllStandardOutput() + process.readAllStandardError());
    QVERIFY2(!output.contains(QString::fromUtf8(password)), qPrintable(output));
    if (withSecretService())
        QVERIFY(Keychain().removeNow(secretKey(QStringLiteral("argv"))).ok());
#endif
}

void TestPasswordCli::refusals_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("message");
    const QString url = QStringLiteral("postgresql://tester@127.0.0.1:1/refused");
    QTest::newRow("password on the command line") << QStringList { QStringLiteral("password"), QStringLiteral("set"),
                                                                   QStringLiteral("--store"), url,
                                                                   QStringLiteral("--password"),
                                                                   QStringLiteral("secret") }
                                                  << QByteArray() << QStringLiteral("Unknown option 'password'");
    QTest::newRow("password as an argument") << QStringList { QStringLiteral("password"), QStringLiteral("set"),
                                                              QStringLiteral("--store"), url, QStringLiteral("secret") }
                                             << QByteArray("x\n") << QStringLiteral("unexpected argument");
    QTest::newRow("empty password") << QStringList { QStringLiteral("password"), QStringLiteral("set"),
                                                     QStringLiteral("--store"), url }
                                    << QByteArray("\n") << QStringLiteral("the password is empty");
    QTest::newRow("no input") << QStringList { QStringLiteral("password"), QStringLiteral("set"),
                                               QStringLiteral("--store"), url }
                              << QByteArray() << QStringLiteral("no password on standard input");
    QTest::newRow("SQLite store") << QStringList { QStringLiteral("password"), QStringLiteral("set"),
                                                   QStringLiteral("--store"), QStringLiteral("/tmp/book.sqlite") }
                                  << QByteArray("x\n") << QStringLiteral("is an SQLite file");
    QTest::newRow("password in the URL") << QStringList { QStringLiteral("password"), QStringLiteral("forget"),
                                                          QStringLiteral("--store"),
                                                          QStringLiteral("postgresql://u:secret@h/db") }
                                         << QByteArray() << QStringLiteral("must not contain a password");
    QTest::newRow("unknown action") << QStringList { QStringLiteral("password"), QStringLiteral("show") }
                                    << QByteArray() << QStringLiteral("unknown action 'show'");
}

void TestPasswordCli::refusals()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, input);
    QFETCH(QString, message);
    const Run result = run(arguments, input);
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(message), qPrintable(result.err));
}

QTEST_GUILESS_MAIN(TestPasswordCli)
#include "tst_passwordcli.moc"
