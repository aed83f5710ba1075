// `portfolio-cli sync` through the real executable: argument handling, the
// paths of a store with no account, and against a loopback server answering
// in portfolio-server's formats: register, and login, which keeps the sign-in
// in the keychain (the *_secretservice run: then status, sync now and logout)
// or, without a keychain, refuses and ends the session it just opened.
// Passwords go through standard input only. (The end-to-end run against a real
// portfolio-server is a test of its own.)

#include "../common/secretservicetesting.h"
#include "fakehttpserver.h"
#include "syncnettesting.h"

#include "sync/syncmessage.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace pt;
using namespace pt::test;
using namespace Qt::Literals::StringLiterals;

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

} // namespace

class TestSyncCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void usage_data();
    void usage();
    void freshStoreIsNotSignedIn();
    void freshStoreStatusJson();
    void syncWithoutAccountFails_data();
    void syncWithoutAccountFails();
    void logoutWithoutAccountIsNothingToDo();

    void registerReadsPasswordFromStdin();
    void registerRefusedPassword();
    void loginWithoutKeychainEndsTheSession();
    void loginSyncLogout();

private:
    Run run(const QStringList &arguments, const QByteArray &input = {}) const;

    QTemporaryDir m_home;
    QString m_store;
    std::unique_ptr<FakeHttpServer> m_server;
};

void TestSyncCli::initTestCase()
{
    QVERIFY2(QFile::exists(qEnvironmentVariable("PT_CLI")), "PT_CLI names no executable");
    QVERIFY(m_home.isValid());
}

void TestSyncCli::init()
{
    static int count = 0;
    m_store = m_home.filePath(QStringLiteral("store-%1.sqlite").arg(++count));
    m_server = std::make_unique<FakeHttpServer>();
    QVERIFY(m_server->listen());
}

void TestSyncCli::cleanup()
{
    m_server.reset();
}

Run TestSyncCli::run(const QStringList &arguments, const QByteArray &input) const
{
    QProcess process;
    // The child's files (unencrypted secrets file, settings) in a private home.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), m_home.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
    env.remove(QStringLiteral("PT_SYNC_CA_FILE"));
    process.setProcessEnvironment(env);
    process.start(qEnvironmentVariable("PT_CLI"), QStringList{QStringLiteral("--db"), m_store} + arguments);
    Run result;
    if (!process.waitForStarted()) {
        result.err = process.errorString();
        return result;
    }
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(90000)) {
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

void TestSyncCli::usage_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("expected"); // in stdout for 0, stderr otherwise

    QTest::newRow("help") << QStringList{u"sync"_s, u"--help"_s} << 0 << u"login"_s;
    QTest::newRow("unknown action") << QStringList{u"sync"_s, u"pull"_s} << 2 << u"sync: unknown action 'pull'"_s;
    QTest::newRow("login without server")
        << QStringList{u"sync"_s, u"login"_s, u"--email"_s, u"a@example.org"_s} << 2
        << u"sync login: missing --server"_s;
    QTest::newRow("login without email")
        << QStringList{u"sync"_s, u"login"_s, u"--server"_s, u"https://sync.example.org"_s} << 2
        << u"sync login: missing --email"_s;
    QTest::newRow("plain http elsewhere")
        << QStringList{u"sync"_s, u"register"_s, u"--server"_s, u"http://sync.example.org"_s, u"--email"_s,
                       u"a@example.org"_s}
        << 2 << u"plain http is refused for sync.example.org"_s;
    QTest::newRow("not an email")
        << QStringList{u"sync"_s, u"login"_s, u"--server"_s, u"https://sync.example.org"_s, u"--email"_s, u"alice"_s}
        << 2 << u"'alice' is not an email address"_s;
    QTest::newRow("unknown option") << QStringList{u"sync"_s, u"now"_s, u"--password"_s, u"x"_s} << 2
                                    << u"Unknown option 'password'"_s;
}

void TestSyncCli::usage()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, expected);
    const Run result = run(arguments);
    QCOMPARE(result.exitCode, exitCode);
    const QString text = exitCode == 0 ? result.out : result.err;
    QVERIFY2(text.contains(expected), qPrintable(text));
}

void TestSyncCli::freshStoreIsNotSignedIn()
{
    const Run result = run({QStringLiteral("sync"), QStringLiteral("status")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QVERIFY2(result.out.startsWith(QStringLiteral("Not signed in to a sync server: run 'portfolio-cli sync login")),
             qPrintable(result.out));
}

void TestSyncCli::freshStoreStatusJson()
{
    const Run result = run({QStringLiteral("sync"), QStringLiteral("status"), QStringLiteral("--json")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    const QJsonObject status = QJsonDocument::fromJson(result.out.toUtf8()).object();
    QCOMPARE(status.value(QStringLiteral("enabled")), QJsonValue(false));
    QVERIFY(status.value(QStringLiteral("account")).isNull());
    QVERIFY(status.value(QStringLiteral("lastSyncAt")).isNull());
    QVERIFY(status.contains(QStringLiteral("pending")));
}

void TestSyncCli::syncWithoutAccountFails_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("sync") << QStringList{u"sync"_s};
    QTest::newRow("sync now") << QStringList{u"sync"_s, u"now"_s};
    QTest::newRow("sync --ca-file") << QStringList{u"sync"_s, u"--ca-file"_s, u"/nonexistent.pem"_s};
    QTest::newRow("sync password") << QStringList{u"sync"_s, u"password"_s};
}

void TestSyncCli::syncWithoutAccountFails()
{
    QFETCH(QStringList, arguments);
    const Run result = run(arguments, "a password\nanother password\nanother password\n");
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains(QStringLiteral("not signed in to a sync server: run 'portfolio-cli sync login")),
             qPrintable(result.err));
}

void TestSyncCli::logoutWithoutAccountIsNothingToDo()
{
    const Run result = run({QStringLiteral("sync"), QStringLiteral("logout")});
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(result.out.contains(QStringLiteral("nothing to do")), qPrintable(result.out));
}

void TestSyncCli::registerReadsPasswordFromStdin()
{
    m_server->on("/v1/accounts", [](const RecordedRequest &) { return FakeReply::json(R"({"accountId": "1"})", 201); });
    const QString server = m_server->baseUrl().toString();
    const Run result = run({QStringLiteral("sync"), QStringLiteral("register"), QStringLiteral("--server"), server,
                            QStringLiteral("--email"), QStringLiteral("alice@example.org")},
                           "correct horse battery\n");
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QVERIFY2(result.out.contains(QStringLiteral("Created the account alice@example.org on ") + server), qPrintable(result.out));
    const auto requests = requestsTo(*m_server, "/v1/accounts");
    QCOMPARE(requests.size(), 1);
    QCOMPARE(bodyOf(requests[0]).value(QStringLiteral("password")).toString(), QStringLiteral("correct horse battery"));
    QVERIFY(!result.out.contains(QStringLiteral("correct horse")));
    QVERIFY(!result.err.contains(QStringLiteral("correct horse")));
}

void TestSyncCli::registerRefusedPassword()
{
    m_server->on("/v1/accounts", [](const RecordedRequest &) {
        return FakeReply::json(errorJson(QStringLiteral("weak_password"), QStringLiteral("at least 12 characters")), 400);
    });
    const Run result = run({QStringLiteral("sync"), QStringLiteral("register"), QStringLiteral("--server"),
                            m_server->baseUrl().toString(), QStringLiteral("--email"), QStringLiteral("alice@example.org")},
                           "short\n");
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains(QStringLiteral("the server refused the password: at least 12 characters")),
             qPrintable(result.err));

    const Run empty = run({QStringLiteral("sync"), QStringLiteral("register"), QStringLiteral("--server"),
                           m_server->baseUrl().toString(), QStringLiteral("--email"), QStringLiteral("alice@example.org")});
    QCOMPARE(empty.exitCode, 2);
    QVERIFY2(empty.err.contains(QStringLiteral("no password on standard input")), qPrintable(empty.err));
}

void TestSyncCli::loginWithoutKeychainEndsTheSession()
{
    REQUIRE_SECRET_SERVICE(false);
    m_server->on("/v1/auth/login", [](const RecordedRequest &) {
        return FakeReply::json(tokenPairJson(QStringLiteral("access-1"), QStringLiteral("refresh-1")));
    });
    m_server->on("/v1/auth/logout", [](const RecordedRequest &) { return FakeReply::text({}, 204); });
    const Run result = run({QStringLiteral("sync"), QStringLiteral("login"), QStringLiteral("--server"),
                            m_server->baseUrl().toString(), QStringLiteral("--email"), QStringLiteral("alice@example.org")},
                           "correct horse battery\n");
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains(QStringLiteral("cannot keep the sync sign-in")), qPrintable(result.err));
    QVERIFY2(result.err.contains(QStringLiteral("no keychain available")), qPrintable(result.err));
    QVERIFY(!result.err.contains(QStringLiteral("refresh-1")));
    const auto logouts = requestsTo(*m_server, "/v1/auth/logout");
    QCOMPARE(logouts.size(), 1);
    QCOMPARE(headerOf(logouts[0], "authorization"), QByteArray("Bearer access-1"));

    const Run status = run({QStringLiteral("sync"), QStringLiteral("status")});
    QVERIFY2(status.out.startsWith(QStringLiteral("Not signed in")), qPrintable(status.out));
}

void TestSyncCli::loginSyncLogout()
{
    REQUIRE_SECRET_SERVICE(true);
    m_server->on("/v1/auth/login", [](const RecordedRequest &) {
        return FakeReply::json(tokenPairJson(QStringLiteral("access-1"), QStringLiteral("refresh-1")));
    });
    // Each run of the CLI starts without an access token: it refreshes.
    m_server->on("/v1/auth/refresh", [](const RecordedRequest &request) {
        const QString used = bodyOf(request).value(QStringLiteral("refreshToken")).toString();
        return FakeReply::json(tokenPairJson(QStringLiteral("access-") + used, used + QStringLiteral("+")));
    });
    m_server->on("/v1/sync/push", [](const RecordedRequest &request) {
        const auto pushed = sync::decodePushRequest(request.body);
        return pushed ? FakeReply::json(sync::encodePushReply({int(pushed->changes.size()), 0, 1}))
                      : FakeReply::json(errorJson(QStringLiteral("bad_request"), pushed.error()), 400);
    });
    m_server->on("/v1/sync/pull", [](const RecordedRequest &) {
        return FakeReply::json(R"({"changes": [], "cursor": 1, "more": false})");
    });
    m_server->on("/v1/auth/logout", [](const RecordedRequest &) { return FakeReply::text({}, 204); });
    const QString server = m_server->baseUrl().toString();

    Run result = run({QStringLiteral("sync"), QStringLiteral("login"), QStringLiteral("--server"), server,
                      QStringLiteral("--email"), QStringLiteral("alice@example.org"), QStringLiteral("--device-name"),
                      QStringLiteral("test box")},
                     "correct horse battery\n");
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QCOMPARE(bodyOf(requestsTo(*m_server, "/v1/auth/login").value(0)).value(QStringLiteral("deviceName")).toString(),
             QStringLiteral("test box"));

    result = run({QStringLiteral("sync"), QStringLiteral("status")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QVERIFY2(result.out.contains(QStringLiteral("Account: %1 alice@example.org").arg(server)), qPrintable(result.out));

    result = run({QStringLiteral("sync")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QVERIFY2(result.out.contains(QStringLiteral(", pulled 0 (0 applied), 0 pending")), qPrintable(result.out));
    QCOMPARE(bodyOf(requestsTo(*m_server, "/v1/auth/refresh").value(0)).value(QStringLiteral("refreshToken")).toString(),
             QStringLiteral("refresh-1"));

    // The second run uses the rotated token the first one stored.
    result = run({QStringLiteral("sync"), QStringLiteral("now")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QCOMPARE(bodyOf(requestsTo(*m_server, "/v1/auth/refresh").value(1)).value(QStringLiteral("refreshToken")).toString(),
             QStringLiteral("refresh-1+"));

    result = run({QStringLiteral("sync"), QStringLiteral("logout")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QCOMPARE(m_server->requestCount("/v1/auth/logout"), 1);
    const secrets::KeychainResult gone
        = secrets::Keychain().readNow(QStringLiteral("portfolio-server %1 alice@example.org").arg(server));
    QVERIFY2(gone.notFound(), qPrintable(gone.message()));

    result = run({QStringLiteral("sync"), QStringLiteral("now")});
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains(QStringLiteral("not signed in")), qPrintable(result.err));
}

QTEST_GUILESS_MAIN(TestSyncCli)
#include "tst_synccli.moc"
