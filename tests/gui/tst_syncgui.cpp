// The app's sync against a real portfolio-server (a fresh database on the
// test PostgreSQL server): the Sync tab creates an account and signs the
// store in, a local change goes out by itself, a second store signed in to the
// same account receives it, and signing out hides the status. Run twice
// (pt_add_keychain_test): with a secret service the refresh token is kept;
// without one signing in is refused with the keychain's reason and the store
// stays signed out.

#include "gui/synccontroller.h"
#include "gui/syncsettingssection.h"
#include "gui/syncstatusbutton.h"
#include "postgresstore.h"
#include "secretservicetesting.h"
#include "serverprocess.h"
#include "store/portfoliorepository.h"
#include "testsupport.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace pt;
using namespace pt::gui;

namespace {

const QString Password = QStringLiteral("correct horse battery staple");

void fillAndClick(SyncSettingsSection &tab, const QString &server, const QString &email, const char *button)
{
    tab.findChild<QLineEdit *>(QStringLiteral("syncServerEdit"))->setText(server);
    tab.findChild<QLineEdit *>(QStringLiteral("syncEmailEdit"))->setText(email);
    tab.findChild<QLineEdit *>(QStringLiteral("syncPasswordEdit"))->setText(Password);
    auto *push = tab.findChild<QPushButton *>(QString::fromLatin1(button));
    QVERIFY(push->isEnabled());
    QTest::mouseClick(push, Qt::LeftButton);
}

} // namespace

class TestSyncGui : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void signInSyncAndReceiveOnAnotherStore();
    void withoutKeychainSigningInIsRefused();

private:
    QString m_databaseName;
    std::unique_ptr<test::ServerProcess> m_server;
};

void TestSyncGui::initTestCase()
{
    auto location = test::createPostgresTestDatabase();
    QVERIFY2(location, qPrintable(location ? QString() : location.error()));
    m_databaseName = location->database;
    m_server = std::make_unique<test::ServerProcess>(QStringLiteral(PT_SERVER_BINARY), *location,
                                                     QStringLiteral("rate_limit_per_minute = 0"));
    QVERIFY(m_server->waitUntilListening());
}

void TestSyncGui::cleanupTestCase()
{
    m_server.reset();
    if (!m_databaseName.isEmpty())
        QVERIFY(test::dropPostgresTestDatabase(m_databaseName));
}

void TestSyncGui::signInSyncAndReceiveOnAnotherStore()
{
    REQUIRE_SECRET_SERVICE(true);
    test::TemporaryStore first(QStringLiteral("first.sqlite"));
    test::TemporaryStore second(QStringLiteral("second.sqlite"));
    const QString email = QStringLiteral("gui@example.org");

    SyncController controller(first.database, secrets::Keychain());
    SyncSettingsSection tab;
    tab.setController(&controller);
    SyncStatusButton button;
    connect(&controller, &SyncController::snapshotChanged, &button, &SyncStatusButton::showSnapshot);
    QSignalSpy account(&controller, &SyncController::accountChanged);
    QSignalSpy rounds(&controller, &SyncController::syncFinished);

    fillAndClick(tab, m_server->baseUrl(), email, "syncRegisterButton");
    QVERIFY(account.wait(30'000));
    QCOMPARE(account.takeFirst().at(0).toString(), QString());
    QVERIFY(controller.snapshot().enabled);
    QCOMPARE(controller.snapshot().email, email);
    QVERIFY(tab.findChild<QLabel *>(QStringLiteral("syncAccountLabel"))->text().contains(email));
    QVERIFY(tab.findChild<QPushButton *>(QStringLiteral("syncSignOutButton"))->isEnabled());
    // Signing in starts the first round at once.
    QVERIFY(rounds.wait(30'000));
    QCOMPARE(rounds.takeFirst().at(0).value<SyncResult>().error, QString());

    // A local change goes out a few seconds later without being asked.
    Portfolio portfolio;
    portfolio.name = QStringLiteral("Synced from the app");
    QVERIFY(store::PortfolioRepository(*first.database).add(portfolio));
    controller.noteLocalEdit();
    QVERIFY(rounds.wait(SyncController::AfterEditDelayMs + 30'000));
    const SyncResult result = rounds.takeFirst().at(0).value<SyncResult>();
    QCOMPARE(result.error, QString());
    QCOMPARE(result.pushed, 1);
    QTRY_COMPARE(controller.snapshot().pending, qint64(0));
    QVERIFY(!button.isHidden());
    QTRY_VERIFY2(button.text().startsWith(QStringLiteral("Synced")), qPrintable(button.text()));

    // Another store signed in to the same account receives it.
    SyncController other(second.database, secrets::Keychain());
    SyncSettingsSection otherTab;
    otherTab.setController(&other);
    QSignalSpy otherAccount(&other, &SyncController::accountChanged);
    QSignalSpy applied(&other, &SyncController::remoteChangesApplied);
    fillAndClick(otherTab, m_server->baseUrl(), email, "syncSignInButton");
    QVERIFY(otherAccount.wait(30'000));
    QCOMPARE(otherAccount.takeFirst().at(0).toString(), QString());
    QVERIFY(applied.count() > 0 || applied.wait(30'000));
    auto received = store::PortfolioRepository(*second.database).findByReference(portfolio.name);
    QVERIFY2(received, qPrintable(received ? QString() : received.error()));

    // Signing out ends it: the status goes, the tab asks for an account again.
    QTest::mouseClick(tab.findChild<QPushButton *>(QStringLiteral("syncSignOutButton")), Qt::LeftButton);
    QVERIFY(account.wait(30'000));
    QCOMPARE(account.takeFirst().at(0).toString(), QString());
    QTRY_VERIFY(!controller.snapshot().enabled);
    QTRY_VERIFY(button.isHidden());
}

void TestSyncGui::withoutKeychainSigningInIsRefused()
{
    REQUIRE_SECRET_SERVICE(false);
    test::TemporaryStore store;
    SyncController controller(store.database, secrets::Keychain());
    SyncSettingsSection tab;
    tab.setController(&controller);
    QSignalSpy account(&controller, &SyncController::accountChanged);

    fillAndClick(tab, m_server->baseUrl(), QStringLiteral("nokeychain@example.org"), "syncRegisterButton");
    QVERIFY(account.wait(60'000));
    const QString error = account.takeFirst().at(0).toString();
    QVERIFY2(error.contains(QStringLiteral("keychain")), qPrintable(error));
    QVERIFY(tab.findChild<QLabel *>(QStringLiteral("syncMessageLabel"))->text().contains(QStringLiteral("keychain")));
    QVERIFY(!controller.snapshot().enabled);
    // The password typed is gone from the field.
    QVERIFY(tab.findChild<QLineEdit *>(QStringLiteral("syncPasswordEdit"))->text().isEmpty());
}

QTEST_MAIN(TestSyncGui)
#include "tst_syncgui.moc"
