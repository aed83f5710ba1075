// SyncCredentials against QtKeychain's real backend, run twice by ctest (see
// tests/secrets/CMakeLists.txt): with gnome-keyring's secret service, where
// the refresh token is written, read back, overwritten and forgotten, also
// from a worker thread as the app's sync runs; and without one, where every
// operation fails fast naming the keychain's reason, unless the user allowed
// the unencrypted file.

#include "../common/secretservicetesting.h"
#include "syncnettesting.h"

#include "secrets/plaintextsecretfile.h"
#include "syncnet/synccredentials.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <optional>

using namespace pt;
using namespace pt::test;
using namespace std::chrono_literals;

namespace {

syncnet::SyncAccount account(const QString &email = QStringLiteral("alice@example.org"))
{
    return {QUrl(QStringLiteral("https://sync.example.org")), email};
}

} // namespace

class TestSyncCredentials : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void accountText();
    void accountParseRefusals_data();
    void accountParseRefusals();
    void accessTokenOnlyWhileFresh();

    void writeReadOverwriteForget();
    void accountsAreKeptApart();
    void storedFromWorkerThread();

    void clearErrorWithoutKeychain();
    void unencryptedFileWhenAllowed();
};

void TestSyncCredentials::accountText()
{
    const auto parsed = syncnet::SyncAccount::parse(QStringLiteral("https://sync.example.org/ alice@example.org"));
    PT_VERIFY_OK(parsed);
    QCOMPARE(parsed->server, QUrl(QStringLiteral("https://sync.example.org")));
    QCOMPARE(parsed->email, QStringLiteral("alice@example.org"));
    QCOMPARE(parsed->toString(), QStringLiteral("https://sync.example.org alice@example.org"));
    QCOMPARE(parsed->keychainKey(), QStringLiteral("portfolio-server https://sync.example.org alice@example.org"));
}

void TestSyncCredentials::accountParseRefusals_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("email only") << "alice@example.org" << "is not a sync account";
    QTest::newRow("plain http") << "http://sync.example.org alice@example.org" << "plain http is refused";
    QTest::newRow("not an email") << "https://sync.example.org alice" << "'alice' is not an email address";
}

void TestSyncCredentials::accountParseRefusals()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const auto parsed = syncnet::SyncAccount::parse(text);
    QVERIFY(!parsed);
    QVERIFY2(parsed.error().contains(expected), qPrintable(parsed.error()));
}

void TestSyncCredentials::accessTokenOnlyWhileFresh()
{
    syncnet::SyncCredentials credentials(account(), testKeychain());
    QVERIFY(credentials.accessToken().isEmpty());
    credentials.setAccessToken(QStringLiteral("access-1"), 3600s);
    QCOMPARE(credentials.accessToken(), QStringLiteral("access-1"));
    // Less than a minute left: renewed before use rather than refused mid-sync.
    credentials.setAccessToken(QStringLiteral("access-2"), 30s);
    QVERIFY(credentials.accessToken().isEmpty());
    credentials.setAccessToken(QStringLiteral("access-3"), 3600s);
    credentials.clearAccessToken();
    QVERIFY(credentials.accessToken().isEmpty());
}

void TestSyncCredentials::writeReadOverwriteForget()
{
    REQUIRE_SECRET_SERVICE(true);
    syncnet::SyncCredentials credentials(account(), testKeychain());
    auto read = credentials.refreshToken();
    PT_VERIFY_OK(read);
    QVERIFY(!read->has_value());

    QVERIFY2(credentials.storeRefreshToken(QStringLiteral("refresh-1")), "first write");
    read = credentials.refreshToken();
    PT_VERIFY_OK(read);
    QCOMPARE(read->value_or(QString()), QStringLiteral("refresh-1"));

    // What the keychain holds, under the documented key.
    const secrets::KeychainResult raw
        = testKeychain().readNow(QStringLiteral("portfolio-server https://sync.example.org alice@example.org"));
    QVERIFY2(raw.ok(), qPrintable(raw.message()));
    QCOMPARE(raw.secret, QStringLiteral("refresh-1"));

    QVERIFY(credentials.storeRefreshToken(QStringLiteral("refresh-2")));
    QCOMPARE(credentials.refreshToken()->value_or(QString()), QStringLiteral("refresh-2"));

    credentials.setAccessToken(QStringLiteral("access-1"), 3600s);
    const auto forgotten = credentials.forget();
    PT_VERIFY_OK(forgotten);
    QVERIFY(credentials.accessToken().isEmpty());
    read = credentials.refreshToken();
    PT_VERIFY_OK(read);
    QVERIFY(!read->has_value());
    QVERIFY2(credentials.forget(), "forgetting nothing is fine");
}

void TestSyncCredentials::accountsAreKeptApart()
{
    REQUIRE_SECRET_SERVICE(true);
    syncnet::SyncCredentials alice(account(), testKeychain());
    syncnet::SyncCredentials bob(account(QStringLiteral("bob@example.org")), testKeychain());
    QVERIFY(alice.storeRefreshToken(QStringLiteral("refresh-alice")));
    QVERIFY(bob.storeRefreshToken(QStringLiteral("refresh-bob")));
    QCOMPARE(alice.refreshToken()->value_or(QString()), QStringLiteral("refresh-alice"));
    QVERIFY(bob.forget());
    QCOMPARE(alice.refreshToken()->value_or(QString()), QStringLiteral("refresh-alice"));
    QVERIFY(alice.forget());
}

void TestSyncCredentials::storedFromWorkerThread()
{
    REQUIRE_SECRET_SERVICE(true);
    // The app syncs on a worker thread while its own thread runs the event
    // loop: the rotated token must reach the keychain all the same.
    std::optional<QString> error;
    std::optional<QString> readBack;
    QThread *worker = QThread::create([&] {
        syncnet::SyncCredentials credentials(account(QStringLiteral("worker@example.org")), testKeychain());
        if (auto stored = credentials.storeRefreshToken(QStringLiteral("refresh-worker")); !stored) {
            error = stored.error();
            return;
        }
        auto read = credentials.refreshToken();
        if (!read)
            error = read.error();
        else
            readBack = read->value_or(QStringLiteral("(nothing)"));
    });
    worker->start();
    QVERIFY(QTest::qWaitFor([worker] { return worker->isFinished(); }, 60000));
    delete worker;
    QVERIFY2(!error, qPrintable(error.value_or(QString())));
    QCOMPARE(readBack.value_or(QString()), QStringLiteral("refresh-worker"));

    syncnet::SyncCredentials here(account(QStringLiteral("worker@example.org")), testKeychain());
    QCOMPARE(here.refreshToken()->value_or(QString()), QStringLiteral("refresh-worker"));
    QVERIFY(here.forget());
}

void TestSyncCredentials::clearErrorWithoutKeychain()
{
    REQUIRE_SECRET_SERVICE(false);
    syncnet::SyncCredentials credentials(account(), testKeychain());
    QElapsedTimer clock;
    clock.start();
    const auto stored = credentials.storeRefreshToken(QStringLiteral("refresh-1"));
    QVERIFY(!stored);
    QVERIFY2(stored.error().startsWith(QStringLiteral(
                 "cannot keep the sync sign-in of https://sync.example.org alice@example.org in the keychain: "
                 "no keychain available: ")),
             qPrintable(stored.error()));
    QVERIFY(!stored.error().contains(QStringLiteral("refresh-1")));
    const auto read = credentials.refreshToken();
    QVERIFY(!read);
    QVERIFY2(read.error().contains(QStringLiteral("no keychain available")), qPrintable(read.error()));
    const auto forgotten = credentials.forget();
    QVERIFY(!forgotten);
    QVERIFY2(forgotten.error().contains(QStringLiteral("no keychain available")), qPrintable(forgotten.error()));
    QVERIFY2(clock.elapsed() < 15000, "without a keychain every call fails fast");
}

void TestSyncCredentials::unencryptedFileWhenAllowed()
{
    REQUIRE_SECRET_SERVICE(false);
    QTemporaryDir folder;
    const secrets::PlaintextSecretFile file(folder.filePath(QStringLiteral("config/unencrypted-secrets.json")));
    syncnet::SyncCredentials credentials(account(), testKeychain(), &file);
    const auto stored = credentials.storeRefreshToken(QStringLiteral("refresh-1"));
    PT_VERIFY_OK(stored);
    const auto inFile = file.read(QStringLiteral("portfolio-server https://sync.example.org alice@example.org"));
    PT_VERIFY_OK(inFile);
    QCOMPARE(inFile->value_or(QString()), QStringLiteral("refresh-1"));
    QVERIFY(credentials.storeRefreshToken(QStringLiteral("refresh-2")));
    QCOMPARE(credentials.refreshToken()->value_or(QString()), QStringLiteral("refresh-2"));
    QVERIFY2(credentials.forget(), "forget from the file");
    QVERIFY(!file.exists()); // its only secret gone, the file goes
}

QTEST_GUILESS_MAIN(TestSyncCredentials)
#include "tst_synccredentials.moc"
