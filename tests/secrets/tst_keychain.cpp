// The keychain wrapper against QtKeychain's real backend. Run twice by ctest:
// inside scripts/with-secret-service (gnome-keyring on a private D-Bus session,
// PT_SECRET_SERVICE set), where secrets are written, read back, overwritten and
// removed; and with a D-Bus address that leads nowhere, where every call must
// fail fast with "no keychain available".

#include "../common/secretservicetesting.h"
#include "secrets/keychain.h"
#include "secrets/passwordlookup.h"
#include "secrets/plaintextsecretfile.h"

#include <QElapsedTimer>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

using namespace pt::secrets;
using namespace std::chrono_literals;

using namespace pt::test;

namespace {

// A test's own service name, so nothing it writes meets another test's keys.
Keychain testKeychain()
{
    return Keychain(QStringLiteral("Portfolio Tracker tests %1").arg(QCoreApplication::applicationPid()));
}

// Runs one asynchronous call and waits (in the test, not the code) for its answer.
template<typename Start> std::optional<KeychainResult> answerOf(Start &&start, int timeoutMs = 20000)
{
    QObject context;
    std::optional<KeychainResult> answer;
    int calls = 0;
    start(&context, [&](const KeychainResult &result) {
        answer = result;
        ++calls;
    });
    if (answer) // never before returning
        return KeychainResult{KeychainResult::Status::Denied, {}, QStringLiteral("answered synchronously")};
    if (!QTest::qWaitFor([&answer] { return answer.has_value(); }, timeoutMs))
        return std::nullopt;
    QTest::qWait(50); // a second answer would come now
    if (calls != 1)
        return KeychainResult{KeychainResult::Status::Denied, {}, QStringLiteral("answered %1 times").arg(calls)};
    return answer;
}

} // namespace

class TestKeychain : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    // With a secret service.
    void roundTripAsync();
    void roundTripBlocking();
    void keysAndServicesAreSeparate();
    void removingNothingIsOk();
    void callerGoneGetsNothing();
    void lookupPrefersKeychain();

    // Without one.
    void failsFastWithoutKeychain();
    void lookupFallsBackToFile();

    // Either way.
    void timeoutReportsUnavailable();
    void messages();
    void redaction_data();
    void redaction();

private:
    QTemporaryDir m_folder;
};

void TestKeychain::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_folder.isValid());
    qInfo("secret service: %s; D-Bus session: %s", withSecretService() ? "gnome-keyring" : "none",
          qgetenv("DBUS_SESSION_BUS_ADDRESS").constData());
}

void TestKeychain::roundTripAsync()
{
    REQUIRE_SECRET_SERVICE(true);
    const Keychain keychain = testKeychain();
    const QString key = QStringLiteral("postgresql://alice@db.example:5432/portfolio");
    const QString first = QStringLiteral("first s3cret");
    const QString second = QStringLiteral("zweites Passwört ✓ 🔑");

    auto answer = answerOf([&](QObject *c, auto done) { keychain.read(key, c, done); });
    QVERIFY(answer);
    QVERIFY2(answer->notFound(), qPrintable(answer->message()));

    answer = answerOf([&](QObject *c, auto done) { keychain.write(key, first, c, done); });
    QVERIFY(answer);
    QVERIFY2(answer->ok(), qPrintable(answer->message()));
    QVERIFY(answer->secret.isEmpty());
    answer = answerOf([&](QObject *c, auto done) { keychain.read(key, c, done); });
    QVERIFY(answer);
    QVERIFY2(answer->ok(), qPrintable(answer->message()));
    QCOMPARE(answer->secret, first);

    // Overwritten, not added beside.
    answer = answerOf([&](QObject *c, auto done) { keychain.write(key, second, c, done); });
    QVERIFY(answer && answer->ok());
    answer = answerOf([&](QObject *c, auto done) { keychain.read(key, c, done); });
    QVERIFY(answer && answer->ok());
    QCOMPARE(answer->secret, second);

    answer = answerOf([&](QObject *c, auto done) { keychain.remove(key, c, done); });
    QVERIFY(answer);
    QVERIFY2(answer->ok(), qPrintable(answer->message()));
    answer = answerOf([&](QObject *c, auto done) { keychain.read(key, c, done); });
    QVERIFY(answer);
    QVERIFY2(answer->notFound(), qPrintable(answer->message()));
    QCOMPARE(answer->message(), QStringLiteral("not found"));
}

void TestKeychain::roundTripBlocking()
{
    REQUIRE_SECRET_SERVICE(true);
    const Keychain keychain = testKeychain();
    const QString key = QStringLiteral("postgresql://bob@localhost:5433/books");
    QVERIFY(keychain.readNow(key).notFound());
    QVERIFY(keychain.writeNow(key, QStringLiteral("one")).ok());
    QCOMPARE(keychain.readNow(key).secret, QStringLiteral("one"));
    QVERIFY(keychain.writeNow(key, QStringLiteral("two")).ok());
    QCOMPARE(keychain.readNow(key).secret, QStringLiteral("two"));
    QVERIFY(keychain.removeNow(key).ok());
    QVERIFY(keychain.readNow(key).notFound());
}

void TestKeychain::keysAndServicesAreSeparate()
{
    REQUIRE_SECRET_SERVICE(true);
    const Keychain keychain = testKeychain();
    const Keychain other(keychain.service() + QStringLiteral(" (other)"));
    const QString a = QStringLiteral("postgresql://a@h:5432/db");
    const QString b = QStringLiteral("postgresql://b@h:5432/db");
    QVERIFY(keychain.writeNow(a, QStringLiteral("for a")).ok());
    QVERIFY(keychain.writeNow(b, QStringLiteral("for b")).ok());
    QCOMPARE(keychain.readNow(a).secret, QStringLiteral("for a"));
    QCOMPARE(keychain.readNow(b).secret, QStringLiteral("for b"));
    QVERIFY(other.readNow(a).notFound());
    QVERIFY(keychain.removeNow(a).ok());
    QCOMPARE(keychain.readNow(b).secret, QStringLiteral("for b"));
    QVERIFY(keychain.removeNow(b).ok());
}

void TestKeychain::removingNothingIsOk()
{
    REQUIRE_SECRET_SERVICE(true);
    const KeychainResult result = testKeychain().removeNow(QStringLiteral("postgresql://nobody@h:1/none"));
    QVERIFY2(result.ok(), qPrintable(result.message()));
}

void TestKeychain::callerGoneGetsNothing()
{
    REQUIRE_SECRET_SERVICE(true);
    const Keychain keychain = testKeychain();
    const QString key = QStringLiteral("postgresql://gone@h:5432/db");
    bool called = false;
    {
        auto context = std::make_unique<QObject>();
        keychain.write(key, QStringLiteral("written anyway"), context.get(),
                       [&called](const KeychainResult &) { called = true; });
    } // gone before the job even started
    // The job still runs to its end, and the queue moves on to the next.
    const KeychainResult read = keychain.readNow(key);
    QVERIFY(!called);
    QVERIFY2(read.ok(), qPrintable(read.message()));
    QCOMPARE(read.secret, QStringLiteral("written anyway"));
    QVERIFY(keychain.removeNow(key).ok());
}

void TestKeychain::lookupPrefersKeychain()
{
    REQUIRE_SECRET_SERVICE(true);
    const Keychain keychain = testKeychain();
    const QString key = QStringLiteral("postgresql://carol@h:5432/db");
    const PlaintextSecretFile file(m_folder.filePath(QStringLiteral("prefers/secrets.json")));
    QVERIFY(file.write(key, QStringLiteral("from the file")).ok());

    PasswordLookup lookup = lookUpPasswordNow(keychain, key, &file);
    QCOMPARE(lookup.source, PasswordSource::PlaintextFile); // the keychain has none yet
    QCOMPARE(lookup.password, QStringLiteral("from the file"));
    QVERIFY(lookup.keychain.notFound());

    QVERIFY(keychain.writeNow(key, QStringLiteral("from the keychain")).ok());
    std::optional<PasswordLookup> async;
    QObject context;
    lookUpPassword(keychain, key, &file, &context, [&async](const PasswordLookup &found) { async = found; });
    QTRY_VERIFY(async.has_value());
    QCOMPARE(async->source, PasswordSource::Keychain);
    QCOMPARE(async->password, QStringLiteral("from the keychain"));
    QVERIFY(async->keychain.secret.isEmpty()); // one copy of the password, not two
    QCOMPARE(async->describe(), QStringLiteral("the password came from the keychain"));
    QVERIFY(keychain.removeNow(key).ok());

    lookup = lookUpPasswordNow(keychain, key, nullptr); // the file not allowed
    QCOMPARE(lookup.source, PasswordSource::None);
    QVERIFY(lookup.password.isEmpty());
    QCOMPARE(lookup.describe(),
             QStringLiteral("no password stored in the keychain, so libpq looked for PGPASSWORD and ~/.pgpass"));
}

void TestKeychain::failsFastWithoutKeychain()
{
    REQUIRE_SECRET_SERVICE(false);
    const Keychain keychain = testKeychain();
    const QString key = QStringLiteral("postgresql://alice@db.example:5432/portfolio");
    QElapsedTimer timer;
    timer.start();
    auto answer = answerOf([&](QObject *c, auto done) { keychain.read(key, c, done); });
    QVERIFY(answer);
    QVERIFY2(answer->unavailable(), qPrintable(answer->message()));
    QVERIFY2(answer->message().startsWith(QStringLiteral("no keychain available: ")), qPrintable(answer->message()));
    QVERIFY(!answer->reason.isEmpty());
    QVERIFY(!answer->keychainAnswered());

    answer = answerOf([&](QObject *c, auto done) { keychain.write(key, QStringLiteral("pw"), c, done); });
    QVERIFY(answer && answer->unavailable());
    QVERIFY(keychain.removeNow(key).unavailable());
    QVERIFY(keychain.readNow(key).unavailable());
    // Fast: well within the timeout, not by it.
    QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
    QVERIFY(!answer->reason.contains(QStringLiteral("did not answer")));
}

void TestKeychain::lookupFallsBackToFile()
{
    REQUIRE_SECRET_SERVICE(false);
    const Keychain keychain = testKeychain();
    const QString key = QStringLiteral("postgresql://dave@h:5432/db");
    const PlaintextSecretFile file(m_folder.filePath(QStringLiteral("fallback/secrets.json")));

    PasswordLookup lookup = lookUpPasswordNow(keychain, key, &file); // no file yet
    QCOMPARE(lookup.source, PasswordSource::None);
    QVERIFY(lookup.keychain.unavailable());
    QVERIFY2(lookup.describe().startsWith(QStringLiteral("no password from the keychain (no keychain available: ")),
             qPrintable(lookup.describe()));
    QVERIFY(lookup.describe().endsWith(QStringLiteral(", so libpq looked for PGPASSWORD and ~/.pgpass")));

    QVERIFY(file.write(key, QStringLiteral("kept in the file")).ok());
    lookup = lookUpPasswordNow(keychain, key, &file);
    QCOMPARE(lookup.source, PasswordSource::PlaintextFile);
    QCOMPARE(lookup.password, QStringLiteral("kept in the file"));
    // Not allowed: the file is not looked at.
    QCOMPARE(lookUpPasswordNow(keychain, key, nullptr).source, PasswordSource::None);
}

void TestKeychain::timeoutReportsUnavailable()
{
    Keychain keychain = testKeychain();
    keychain.setTimeout(0ms); // no keychain answers in no time
    const QString key = QStringLiteral("postgresql://slow@h:5432/db");
    const KeychainResult result = keychain.readNow(key);
    QVERIFY(result.unavailable());
    QVERIFY2(result.reason.startsWith(QStringLiteral("the keychain did not answer within 0 seconds")),
             qPrintable(result.reason));
    // The job left behind finishes on its own; the next call is answered.
    keychain.setTimeout(Keychain::DefaultTimeout);
    const KeychainResult next = keychain.readNow(key);
    QVERIFY2(withSecretService() ? next.notFound() : next.unavailable(), qPrintable(next.message()));
}

void TestKeychain::messages()
{
    QCOMPARE(Keychain::defaultService(), QStringLiteral("Portfolio Tracker"));
    QCOMPARE((KeychainResult{KeychainResult::Status::Unavailable, {}, QStringLiteral("no D-Bus")}).message(),
             QStringLiteral("no keychain available: no D-Bus"));
    QCOMPARE((KeychainResult{KeychainResult::Status::Denied, {}, QStringLiteral("locked")}).message(),
             QStringLiteral("the keychain refused access: locked"));
    QVERIFY((KeychainResult{KeychainResult::Status::NotFound, {}, {}}).keychainAnswered());
    QVERIFY(!(KeychainResult{KeychainResult::Status::Denied, {}, {}}).keychainAnswered());
}

void TestKeychain::redaction_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QString>("expected");
    QTest::newRow("in the middle") << QStringLiteral("auth failed for 'hunter2' today") << QStringLiteral("hunter2")
                                   << QStringLiteral("auth failed for '*****' today");
    QTest::newRow("amid look-alikes") << QStringLiteral("pw pw!pw") << QStringLiteral("pw!") << QStringLiteral("pw *****pw");
    QTest::newRow("repeated") << QStringLiteral("abc-abc") << QStringLiteral("abc") << QStringLiteral("*****-*****");
    QTest::newRow("absent") << QStringLiteral("connection refused") << QStringLiteral("hunter2")
                            << QStringLiteral("connection refused");
    QTest::newRow("too short to mask") << QStringLiteral("a cat") << QStringLiteral("a") << QStringLiteral("a cat");
    QTest::newRow("empty secret") << QStringLiteral("text") << QString() << QStringLiteral("text");
}

void TestKeychain::redaction()
{
    QFETCH(QString, text);
    QFETCH(QString, secret);
    QFETCH(QString, expected);
    QCOMPARE(redacted(text, secret), expected);
}

QTEST_GUILESS_MAIN(TestKeychain)
#include "tst_keychain.moc"
