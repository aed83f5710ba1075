// How the app opens its store at start (StoreOpener) on the offscreen
// platform, with QtKeychain's real backend. Run by ctest without a secret
// service (the keychain fails fast; the password prompt must appear and lead
// on) and inside scripts/with-secret-service (the password comes from the
// keychain without a prompt, or is remembered there). Every message logged
// during the whole run is captured: no password may appear in one, nor in any
// dialog's text.

#include "../common/secretservicetesting.h"
#include "gui/passwordprompt.h"
#include "gui/settingsdialog.h"
#include "gui/storeopener.h"
#include "secrets/keychain.h"
#include "secrets/plaintextsecretfile.h"
#include "store/database.h"

#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QMutex>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

#include <sys/stat.h>

#include <atomic>
#include <memory>

using namespace pt;
using namespace pt::gui;

using namespace pt::test;

namespace {

template<typename T> T *shown()
{
    const auto widgets = QApplication::topLevelWidgets();
    for (QWidget *widget : widgets) {
        if (auto *typed = qobject_cast<T *>(widget); typed && typed->isVisible())
            return typed;
    }
    return nullptr;
}

template<typename T> T *child(const QWidget *parent, const char *name)
{
    auto *widget = parent->findChild<T *>(QString::fromLatin1(name));
    if (!widget)
        qFatal("no child %s", name);
    return widget;
}

QAbstractButton *buttonNamed(QMessageBox *box, const QString &text)
{
    const auto buttons = box->buttons();
    for (QAbstractButton *button : buttons) {
        if (button->text().remove(u'&') == text)
            return button;
    }
    return nullptr;
}

int modeOf(const QString &path)
{
    struct stat info {};
    return ::stat(QFile::encodeName(path).constData(), &info) == 0 ? int(info.st_mode & 0777) : -1;
}

// What the opener asked the store to open, on its worker.
struct OpenCalls
{
    QMutex mutex;
    QStringList passwords;
    int count() { QMutexLocker lock(&mutex); return int(passwords.size()); }
    QString last() { QMutexLocker lock(&mutex); return passwords.value(passwords.size() - 1); }
};

const QString StoreName = QStringLiteral("postgres@db.example:5432/portfolio");

} // namespace

class TestStoreOpener : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();

    void sqliteOpensAtOnce();
    void failedSqliteOffersTheLocalStore();

    // Without a secret service.
    void promptAppearsAndProceeds();
    void cancelledPromptOffersAWayOut();
    void failureHidesThePassword();
    void realConnectionFailure();
    void plaintextFileOnlyWhenAllowed();
    void plaintextFileRemembersWhenAllowed();

    // With one.
    void keychainPasswordNeedsNoPrompt();
    void rememberedInKeychain();
    void sessionOnlyWhenUnticked();
    void wrongKeychainPasswordReplaced();

    // Either.
    void settingsLeadToAnotherStore();

    // Pictures of the prompt and the failure, when PT_DIALOG_GRABS names a folder.
    void grabDialogs();

private:
    std::unique_ptr<StoreOpener> makeOpener(bool fakeOpen = true);
    store::StoreLocation postgresLocation() const;
    void answerPrompt(const QString &password, bool remember);
    QMessageBox *failureBox();
    QByteArray settingsBytes() const;

    QTemporaryDir m_folder;
    std::unique_ptr<QSettings> m_settings;
    secrets::Keychain m_keychain { QStringLiteral("Portfolio Tracker tests %1").arg(QCoreApplication::applicationPid()) };
    secrets::PlaintextSecretFile m_file;
    std::shared_ptr<OpenCalls> m_calls;
    int m_run = 0;
};

void TestStoreOpener::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_folder.isValid());
    // Ours in full; the rest of Qt at its warnings.
    QLoggingCategory::setFilterRules(QStringLiteral("pt.*.debug=true"));
    previousHandler = qInstallMessageHandler(captureMessage);
    m_file = secrets::PlaintextSecretFile(m_folder.filePath(QStringLiteral("config/unencrypted-secrets.json")));
    qInfo("secret service: %s", withSecretService() ? "gnome-keyring" : "none");
}

void TestStoreOpener::init()
{
    ++m_run;
    m_settings = std::make_unique<QSettings>(m_folder.filePath(QStringLiteral("settings-%1.conf").arg(m_run)),
                                             QSettings::IniFormat);
    m_calls = std::make_shared<OpenCalls>();
    (void)m_file.removeAll();
    (void)m_keychain.removeNow(postgresLocation().secretKey());
}

void TestStoreOpener::cleanup()
{
    // The stores opened on the pool close their threads' connections while
    // Qt SQL is still there to close them.
    QThreadPool::globalInstance()->waitForDone();
    // No dialog outlives its test.
    const auto widgets = QApplication::topLevelWidgets();
    for (QWidget *widget : widgets)
        widget->close();
}

void TestStoreOpener::cleanupTestCase()
{
    qInstallMessageHandler(previousHandler);
    QMutexLocker lock(&logMutex);
    for (const char *password : { "Typed-S3cret!", "Wr0ng-From-Keychain", "Right-One-2", "In-The-Keychain-9",
                                  "Plain-File-Secret", "Never-Shown-Pw", "Session-Only-5" }) {
        for (const QString &line : std::as_const(logLines))
            QVERIFY2(!line.contains(QLatin1String(password)), qPrintable(line));
    }
    QVERIFY(!logLines.isEmpty()); // the output was captured, so the check means something
}

store::StoreLocation TestStoreOpener::postgresLocation() const
{
    store::PostgresLocation postgres;
    postgres.host = QStringLiteral("db.example");
    postgres.database = QStringLiteral("portfolio");
    postgres.user = QStringLiteral("postgres");
    return store::StoreLocation::postgresql(postgres);
}

std::unique_ptr<StoreOpener> TestStoreOpener::makeOpener(bool fakeOpen)
{
    auto opener = std::make_unique<StoreOpener>(*m_settings);
    opener->setKeychain(m_keychain);
    opener->setPlaintextFile(m_file);
    opener->setLocalStorePath(m_folder.filePath(QStringLiteral("local-%1.sqlite").arg(m_run)));
    if (fakeOpen) {
        // Stands in for the server: takes any password and opens an SQLite file.
        opener->setOpenFunction([calls = m_calls, path = m_folder.filePath(QStringLiteral("pg-%1.sqlite").arg(m_run))](
                                    const store::StoreLocation &location,
                                    const QString &password) -> Result<std::shared_ptr<store::Database>> {
            if (location.backend == store::Backend::Sqlite)
                return store::Database::open(location);
            QMutexLocker lock(&calls->mutex);
            calls->passwords.append(password);
            if (password.startsWith(QStringLiteral("Wr0ng")))
                return Error { QStringLiteral("password authentication failed for user \"postgres\" (given: %1)")
                                   .arg(password) };
            return store::Database::openSqlite(path);
        });
    }
    return opener;
}

void TestStoreOpener::answerPrompt(const QString &password, bool remember)
{
    PasswordPrompt *prompt = nullptr;
    QTRY_VERIFY((prompt = shown<PasswordPrompt>()) != nullptr);
    QTest::keyClicks(child<QLineEdit>(prompt, "passwordEdit"), password);
    auto *check = child<QCheckBox>(prompt, "rememberCheck");
    if (check->isEnabled())
        check->setChecked(remember);
    QTest::mouseClick(child<QDialogButtonBox>(prompt, "buttonBox")->button(QDialogButtonBox::Ok), Qt::LeftButton);
}

QMessageBox *TestStoreOpener::failureBox()
{
    QMessageBox *box = nullptr;
    if (!QTest::qWaitFor([&box] { return (box = shown<QMessageBox>()) != nullptr; }, 20000))
        return nullptr;
    return box;
}

QByteArray TestStoreOpener::settingsBytes() const
{
    m_settings->sync();
    QFile file(m_settings->fileName());
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void TestStoreOpener::sqliteOpensAtOnce()
{
    auto opener = makeOpener(false);
    const QString path = m_folder.filePath(QStringLiteral("direct.sqlite"));
    opener->open(store::StoreLocation::sqlite(path));
    QVERIFY(opener->isFinished()); // no event loop needed
    QVERIFY(opener->database());
    QCOMPARE(opener->database()->backend(), store::Backend::Sqlite);
    QVERIFY(!shown<PasswordPrompt>());
}

void TestStoreOpener::failedSqliteOffersTheLocalStore()
{
    auto opener = makeOpener(false);
    opener->open(store::StoreLocation::sqlite(m_folder.path())); // a folder is no store
    QVERIFY(!opener->isFinished());
    QMessageBox *box = failureBox();
    QVERIFY(box);
    QVERIFY2(box->text().contains(QStringLiteral("could not open the store")), qPrintable(box->text()));
    QVERIFY(!buttonNamed(box, QStringLiteral("Enter Password…"))); // SQLite has none
    QTest::mouseClick(buttonNamed(box, QStringLiteral("Use Local Store")), Qt::LeftButton);
    QTRY_VERIFY(opener->isFinished());
    QVERIFY(opener->database());
    QCOMPARE(opener->location().sqlitePath, m_folder.filePath(QStringLiteral("local-%1.sqlite").arg(m_run)));
}

void TestStoreOpener::promptAppearsAndProceeds()
{
    REQUIRE_SECRET_SERVICE(false);
    auto opener = makeOpener();
    QSignalSpy finished(opener.get(), &StoreOpener::finished);
    opener->open(postgresLocation());
    QVERIFY(!opener->isFinished());

    PasswordPrompt *prompt = nullptr;
    QTRY_VERIFY((prompt = shown<PasswordPrompt>()) != nullptr);
    QVERIFY2(child<QLabel>(prompt, "promptLabel")->text().contains(StoreName),
             qPrintable(child<QLabel>(prompt, "promptLabel")->text()));
    const QString reason = child<QLabel>(prompt, "reasonLabel")->text();
    QVERIFY2(reason.startsWith(QStringLiteral("No keychain available: ")), qPrintable(reason));
    QVERIFY(reason.size() > QStringLiteral("No keychain available: ").size()); // the keychain's own words
    // Nothing can keep it: no keychain, and the unencrypted file is not allowed.
    QVERIFY(!child<QCheckBox>(prompt, "rememberCheck")->isEnabled());
    QVERIFY(child<QLabel>(prompt, "rememberNoteLabel")->text().contains(QStringLiteral("this session only")));
    QCOMPARE(child<QLineEdit>(prompt, "passwordEdit")->echoMode(), QLineEdit::Password);

    answerPrompt(QStringLiteral("Session-Only-5"), false);
    QTRY_COMPARE(finished.count(), 1);
    QVERIFY(opener->database());
    QCOMPARE(m_calls->last(), QStringLiteral("Session-Only-5"));
    QVERIFY(!m_file.exists());
    QVERIFY(!settingsBytes().contains("Session-Only-5"));
}

void TestStoreOpener::cancelledPromptOffersAWayOut()
{
    REQUIRE_SECRET_SERVICE(false);
    auto opener = makeOpener();
    opener->open(postgresLocation());
    PasswordPrompt *prompt = nullptr;
    QTRY_VERIFY((prompt = shown<PasswordPrompt>()) != nullptr);
    QTest::mouseClick(child<QDialogButtonBox>(prompt, "buttonBox")->button(QDialogButtonBox::Cancel), Qt::LeftButton);

    QMessageBox *box = failureBox();
    QVERIFY(box);
    QVERIFY2(box->text().contains(StoreName), qPrintable(box->text()));
    for (const char *name : { "Enter Password…", "Try Again", "Settings…", "Use Local Store", "Quit" })
        QVERIFY2(buttonNamed(box, QString::fromUtf8(name)), name);
    QTest::mouseClick(buttonNamed(box, QStringLiteral("Quit")), Qt::LeftButton);
    QTRY_VERIFY(opener->isFinished());
    QVERIFY(!opener->database()); // the user quit
    QCOMPARE(m_calls->count(), 0);
}

void TestStoreOpener::failureHidesThePassword()
{
    REQUIRE_SECRET_SERVICE(false);
    auto opener = makeOpener();
    opener->open(postgresLocation());
    answerPrompt(QStringLiteral("Wr0ng-Typed-Twice"), false);
    QMessageBox *box = failureBox();
    QVERIFY(box);
    QVERIFY2(!box->text().contains(QStringLiteral("Wr0ng-Typed-Twice")), qPrintable(box->text()));
    QVERIFY(box->text().contains(QStringLiteral("password authentication failed")));
    QVERIFY(box->text().contains(QStringLiteral("*****")));
    QVERIFY(box->text().contains(QStringLiteral("The password was the one you entered.")));

    // Another go, with the right one.
    QTest::mouseClick(buttonNamed(box, QStringLiteral("Enter Password…")), Qt::LeftButton);
    answerPrompt(QStringLiteral("Right-One-2"), false);
    QTRY_VERIFY(opener->isFinished());
    QVERIFY(opener->database());
    QCOMPARE(m_calls->last(), QStringLiteral("Right-One-2"));
    QMutexLocker lock(&logMutex);
    for (const QString &line : std::as_const(logLines))
        QVERIFY2(!line.contains(QStringLiteral("Wr0ng-Typed-Twice")), qPrintable(line));
}

void TestStoreOpener::realConnectionFailure()
{
    REQUIRE_SECRET_SERVICE(false);
    // Database::open itself, against a port where no server listens.
    auto opener = makeOpener(false);
    store::PostgresLocation postgres;
    postgres.host = QStringLiteral("127.0.0.1");
    postgres.port = 1;
    postgres.database = QStringLiteral("nothing");
    postgres.user = QStringLiteral("nobody");
    opener->open(store::StoreLocation::postgresql(postgres));
    answerPrompt(QStringLiteral("Never-Shown-Pw"), false);
    QMessageBox *box = failureBox();
    QVERIFY(box);
    QVERIFY2(box->text().startsWith(QStringLiteral("Portfolio Tracker could not open the store nobody@127.0.0.1:1/nothing")),
             qPrintable(box->text()));
    QVERIFY(!box->text().contains(QStringLiteral("Never-Shown-Pw")));
    QTest::mouseClick(buttonNamed(box, QStringLiteral("Quit")), Qt::LeftButton);
    QTRY_VERIFY(opener->isFinished());
}

void TestStoreOpener::plaintextFileOnlyWhenAllowed()
{
    REQUIRE_SECRET_SERVICE(false);
    // A file someone left there is not read unless the setting allows it.
    QVERIFY(m_file.write(postgresLocation().secretKey(), QStringLiteral("Plain-File-Secret")).ok());
    auto opener = makeOpener();
    opener->open(postgresLocation());
    QTRY_VERIFY(shown<PasswordPrompt>() != nullptr);
    QCOMPARE(m_calls->count(), 0);
}

void TestStoreOpener::plaintextFileRemembersWhenAllowed()
{
    REQUIRE_SECRET_SERVICE(false);
    m_settings->setValue(QStringLiteral("secrets/plaintextFallback"), true);
    {
        auto opener = makeOpener();
        opener->open(postgresLocation());
        PasswordPrompt *prompt = nullptr;
        QTRY_VERIFY((prompt = shown<PasswordPrompt>()) != nullptr);
        auto *remember = child<QCheckBox>(prompt, "rememberCheck");
        QVERIFY(remember->isEnabled());
        QVERIFY(!remember->isChecked()); // opting in to the file allows it; each password is still asked
        QVERIFY(remember->text().contains(QStringLiteral("unencrypted")));
        answerPrompt(QStringLiteral("Plain-File-Secret"), true);
        QTRY_VERIFY(opener->isFinished());
        QVERIFY(opener->database());
    }
    QVERIFY(m_file.exists());
    QCOMPARE(modeOf(m_file.path()), 0600);
    QCOMPARE(m_file.read(postgresLocation().secretKey())->value_or(QString()), QStringLiteral("Plain-File-Secret"));
    QVERIFY(!settingsBytes().contains("Plain-File-Secret"));

    // Next start: from the file, no prompt.
    auto again = makeOpener();
    again->open(postgresLocation());
    QTRY_VERIFY(again->isFinished());
    QVERIFY(again->database());
    QCOMPARE(m_calls->last(), QStringLiteral("Plain-File-Secret"));
}

void TestStoreOpener::keychainPasswordNeedsNoPrompt()
{
    REQUIRE_SECRET_SERVICE(true);
    QVERIFY(m_keychain.writeNow(postgresLocation().secretKey(), QStringLiteral("In-The-Keychain-9")).ok());
    auto opener = makeOpener();
    opener->open(postgresLocation());
    QTRY_VERIFY(opener->isFinished());
    QVERIFY(opener->database());
    QCOMPARE(m_calls->count(), 1);
    QCOMPARE(m_calls->last(), QStringLiteral("In-The-Keychain-9"));
}

void TestStoreOpener::rememberedInKeychain()
{
    REQUIRE_SECRET_SERVICE(true);
    auto opener = makeOpener();
    opener->open(postgresLocation());
    PasswordPrompt *prompt = nullptr;
    QTRY_VERIFY((prompt = shown<PasswordPrompt>()) != nullptr);
    QCOMPARE(child<QLabel>(prompt, "reasonLabel")->text(),
             QStringLiteral("No password for this store is kept in the keychain."));
    QVERIFY(child<QCheckBox>(prompt, "rememberCheck")->isEnabled());
    QVERIFY(child<QCheckBox>(prompt, "rememberCheck")->text().contains(QStringLiteral("keychain")));
    answerPrompt(QStringLiteral("Typed-S3cret!"), true);
    QTRY_VERIFY(opener->isFinished());
    QVERIFY(opener->database());
    QCOMPARE(m_keychain.readNow(postgresLocation().secretKey()).secret, QStringLiteral("Typed-S3cret!"));
    QVERIFY(!m_file.exists());
    QVERIFY(!settingsBytes().contains("Typed-S3cret!"));
}

void TestStoreOpener::sessionOnlyWhenUnticked()
{
    REQUIRE_SECRET_SERVICE(true);
    auto opener = makeOpener();
    opener->open(postgresLocation());
    PasswordPrompt *prompt = nullptr;
    QTRY_VERIFY((prompt = shown<PasswordPrompt>()) != nullptr);
    QVERIFY(child<QCheckBox>(prompt, "rememberCheck")->isChecked()); // offered, and can be declined
    answerPrompt(QStringLiteral("Session-Only-5"), false);
    QTRY_VERIFY(opener->isFinished());
    QVERIFY(opener->database());
    QCOMPARE(m_calls->last(), QStringLiteral("Session-Only-5"));
    QVERIFY(m_keychain.readNow(postgresLocation().secretKey()).notFound());
}

void TestStoreOpener::wrongKeychainPasswordReplaced()
{
    REQUIRE_SECRET_SERVICE(true);
    QVERIFY(m_keychain.writeNow(postgresLocation().secretKey(), QStringLiteral("Wr0ng-From-Keychain")).ok());
    auto opener = makeOpener();
    opener->open(postgresLocation());
    QMessageBox *box = failureBox();
    QVERIFY(box);
    QVERIFY2(box->text().contains(QStringLiteral("The password came from the keychain.")), qPrintable(box->text()));
    QVERIFY(!box->text().contains(QStringLiteral("Wr0ng-From-Keychain")));
    QTest::mouseClick(buttonNamed(box, QStringLiteral("Enter Password…")), Qt::LeftButton);
    answerPrompt(QStringLiteral("Right-One-2"), true);
    QTRY_VERIFY(opener->isFinished());
    QVERIFY(opener->database());
    QCOMPARE(m_keychain.readNow(postgresLocation().secretKey()).secret, QStringLiteral("Right-One-2"));
}

void TestStoreOpener::settingsLeadToAnotherStore()
{
    auto opener = makeOpener();
    opener->open(store::StoreLocation::sqlite(m_folder.path())); // fails: a folder
    QMessageBox *box = failureBox();
    QVERIFY(box);
    QTest::mouseClick(buttonNamed(box, QStringLiteral("Settings…")), Qt::LeftButton);
    SettingsDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = shown<SettingsDialog>()) != nullptr);
    const QString chosen = m_folder.filePath(QStringLiteral("chosen.sqlite"));
    child<QLineEdit>(dialog, "storePathEdit")->setText(chosen);
    QTest::mouseClick(child<QDialogButtonBox>(dialog, "buttonBox")->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QTRY_VERIFY(opener->isFinished());
    QVERIFY(opener->database());
    QCOMPARE(opener->location().sqlitePath, chosen);
    QCOMPARE(m_settings->value(QStringLiteral("store/path")).toString(), chosen);
}

void TestStoreOpener::grabDialogs()
{
    const QString folder = qEnvironmentVariable("PT_DIALOG_GRABS");
    if (folder.isEmpty())
        QSKIP("set PT_DIALOG_GRABS to a folder to save pictures of the dialogs");
    const QString suffix = withSecretService() ? QStringLiteral("keychain") : QStringLiteral("nokeychain");
    m_settings->setValue(QStringLiteral("secrets/plaintextFallback"), !withSecretService());
    auto opener = makeOpener();
    opener->open(postgresLocation());
    PasswordPrompt *prompt = nullptr;
    QTRY_VERIFY((prompt = shown<PasswordPrompt>()) != nullptr);
    QVERIFY(QTest::qWaitForWindowExposed(prompt));
    QVERIFY(prompt->grab().save(QDir(folder).filePath(QStringLiteral("dlg-password-%1.png").arg(suffix))));
    answerPrompt(QStringLiteral("Wr0ng-Grabbed"), false);
    QMessageBox *box = failureBox();
    QVERIFY(box);
    QVERIFY(QTest::qWaitForWindowExposed(box));
    QVERIFY(box->grab().save(QDir(folder).filePath(QStringLiteral("dlg-storefailure-%1.png").arg(suffix))));
}

QTEST_MAIN(TestStoreOpener)
#include "tst_storeopener.moc"
