// The Store tab of the settings dialog: SQLite or PostgreSQL, the password
// that goes to the keychain (or, only when allowed, the unencrypted file) and
// never to the settings file, Test Connection without freezing the window.
// Run by ctest without a secret service and inside scripts/with-secret-service.

#include "../common/secretservicetesting.h"
#include "gui/appsettings.h"
#include "gui/settingsdialog.h"
#include "secrets/keychain.h"
#include "secrets/plaintextsecretfile.h"
#include "store/database.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QLoggingCategory>
#include <QMutex>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

#include <sys/stat.h>

#include <memory>

using namespace pt;
using namespace pt::gui;

using namespace pt::test;

namespace {

template<typename T> T *child(const QWidget *parent, const char *name)
{
    auto *widget = parent->findChild<T *>(QString::fromLatin1(name));
    if (!widget)
        qFatal("no child %s", name);
    return widget;
}

QPushButton *okButton(const QWidget *dialog)
{
    return child<QDialogButtonBox>(dialog, "buttonBox")->button(QDialogButtonBox::Ok);
}

QString message(const QWidget *dialog)
{
    return child<QLabel>(dialog, "messageLabel")->text();
}

void retype(QWidget *field, const QString &text)
{
    field->setFocus();
    QTest::keyClick(field, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(field, Qt::Key_Delete);
    QTest::keyClicks(field, text);
}

int modeOf(const QString &path)
{
    struct stat info {};
    return ::stat(QFile::encodeName(path).constData(), &info) == 0 ? int(info.st_mode & 0777) : -1;
}

const QString Password = QStringLiteral("Pg-Passw0rd-In-Dialog");

} // namespace

class TestStoreSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanupTestCase();

    void defaultsAreSqlite();
    void postgresSettingsSaved();
    void postgresInputChecked_data();
    void postgresInputChecked();
    void invalidStoredValuesFallBack();
    void tabOrder();

    void passwordRefusedWithoutKeychain();
    void passwordToPlaintextFileWhenAllowed();
    void turningTheFileOffDeletesIt();
    void passwordToKeychain();

    void testConnectionKeepsTheWindowAlive();

    // Pictures of the Store tab, when PT_DIALOG_GRABS names a folder.
    void grabStoreTab();

private:
    std::unique_ptr<SettingsDialog> makeDialog();
    void choosePostgres(SettingsDialog &dialog);
    QByteArray confBytes() const;

    QTemporaryDir m_folder;
    std::unique_ptr<QSettings> m_settings;
    secrets::Keychain m_keychain { QStringLiteral("Portfolio Tracker tests %1").arg(QCoreApplication::applicationPid()) };
    secrets::PlaintextSecretFile m_file;
    int m_run = 0;
};

void TestStoreSettings::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_folder.isValid());
    // Ours in full; the rest of Qt at its warnings.
    QLoggingCategory::setFilterRules(QStringLiteral("pt.*.debug=true"));
    previousHandler = qInstallMessageHandler(captureMessage);
    m_file = secrets::PlaintextSecretFile(m_folder.filePath(QStringLiteral("config/unencrypted-secrets.json")));
    // The app's own settings file (a .conf, as QSettings writes it on Linux), in a folder of the test's.
    QCoreApplication::setOrganizationName(QStringLiteral("PortfolioTracker"));
    QCoreApplication::setApplicationName(QStringLiteral("Portfolio Tracker"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_folder.path());
}

void TestStoreSettings::init()
{
    ++m_run;
    m_settings = std::make_unique<QSettings>();
    m_settings->clear();
    m_settings->sync();
    (void)m_file.removeAll();
    (void)m_keychain.removeNow(QStringLiteral("postgresql://alice@127.0.0.1:1/portfolio"));
}

void TestStoreSettings::cleanupTestCase()
{
    QThreadPool::globalInstance()->waitForDone(); // Test Connection's workers

    qInstallMessageHandler(previousHandler);
    QMutexLocker lock(&logMutex);
    for (const QString &line : std::as_const(logLines))
        QVERIFY2(!line.contains(Password), qPrintable(line));
}

std::unique_ptr<SettingsDialog> TestStoreSettings::makeDialog()
{
    auto dialog = std::make_unique<SettingsDialog>(*m_settings);
    dialog->setKeychain(m_keychain);
    dialog->setPlaintextFile(m_file);
    dialog->show();
    return dialog;
}

void TestStoreSettings::choosePostgres(SettingsDialog &dialog)
{
    auto *backend = child<QComboBox>(&dialog, "storeBackendCombo");
    backend->setCurrentIndex(backend->findData(int(store::Backend::PostgreSql)));
    retype(child<QLineEdit>(&dialog, "hostEdit"), QStringLiteral("127.0.0.1"));
    retype(child<QSpinBox>(&dialog, "portSpin"), QStringLiteral("1"));
    retype(child<QLineEdit>(&dialog, "databaseEdit"), QStringLiteral("portfolio"));
    retype(child<QLineEdit>(&dialog, "userEdit"), QStringLiteral("alice"));
    auto *ssl = child<QComboBox>(&dialog, "sslModeCombo");
    ssl->setCurrentIndex(ssl->findData(QStringLiteral("require")));
}

QByteArray TestStoreSettings::confBytes() const
{
    QFile file(m_settings->fileName());
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void TestStoreSettings::defaultsAreSqlite()
{
    auto dialog = makeDialog();
    QCOMPARE(child<QComboBox>(dialog.get(), "storeBackendCombo")->currentData().toInt(), int(store::Backend::Sqlite));
    QCOMPARE(child<QStackedWidget>(dialog.get(), "storeStack")->currentWidget()->objectName(),
             QStringLiteral("sqlitePage"));
    QVERIFY(!child<QCheckBox>(dialog.get(), "plaintextFallbackCheck")->isChecked());
    QVERIFY(child<QLabel>(dialog.get(), "plaintextWarningLabel")->text().contains(QStringLiteral("UNENCRYPTED")));
    QVERIFY(child<QLabel>(dialog.get(), "plaintextWarningLabel")->text().contains(m_file.path()));
    const AppSettings loaded = AppSettings::load(*m_settings);
    QCOMPARE(loaded.storeLocation(), store::StoreLocation::sqlite(store::Database::defaultSqlitePath()));
    QVERIFY(!loaded.plaintextPasswordFallback);
}

void TestStoreSettings::postgresSettingsSaved()
{
    auto dialog = makeDialog();
    choosePostgres(*dialog);
    QCOMPARE(child<QStackedWidget>(dialog.get(), "storeStack")->currentWidget()->objectName(),
             QStringLiteral("postgresPage"));
    QVERIFY2(okButton(dialog.get())->isEnabled(), qPrintable(message(dialog.get())));
    QVERIFY(dialog->needsRestart());
    QVERIFY2(message(dialog.get()).contains(QStringLiteral("next start")), qPrintable(message(dialog.get())));
    QTest::mouseClick(okButton(dialog.get()), Qt::LeftButton);
    QCOMPARE(dialog->result(), int(QDialog::Accepted));

    QSettings reread;
    QCOMPARE(reread.value(QStringLiteral("store/backend")).toString(), QStringLiteral("postgresql"));
    QCOMPARE(reread.value(QStringLiteral("store/postgres/host")).toString(), QStringLiteral("127.0.0.1"));
    QCOMPARE(reread.value(QStringLiteral("store/postgres/port")).toInt(), 1);
    QCOMPARE(reread.value(QStringLiteral("store/postgres/database")).toString(), QStringLiteral("portfolio"));
    QCOMPARE(reread.value(QStringLiteral("store/postgres/user")).toString(), QStringLiteral("alice"));
    QCOMPARE(reread.value(QStringLiteral("store/postgres/sslMode")).toString(), QStringLiteral("require"));
    const AppSettings loaded = AppSettings::load(reread);
    QCOMPARE(loaded.storeLocation().toString(), QStringLiteral("postgresql://alice@127.0.0.1:1/portfolio?sslmode=require"));
    QVERIFY(m_settings->fileName().endsWith(QStringLiteral(".conf")));

    // Opened again, it shows what was saved, unchanged.
    auto again = makeDialog();
    QCOMPARE(child<QLineEdit>(again.get(), "databaseEdit")->text(), QStringLiteral("portfolio"));
    QCOMPARE(child<QComboBox>(again.get(), "sslModeCombo")->currentData().toString(), QStringLiteral("require"));
    QVERIFY(!again->needsRestart());
}

void TestStoreSettings::postgresInputChecked_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("problem");
    QTest::newRow("no database") << QStringLiteral("databaseEdit") << QString() << QStringLiteral("Database: ");
    QTest::newRow("slash in database") << QStringLiteral("databaseEdit") << QStringLiteral("a/b")
                                       << QStringLiteral("Database: ");
    QTest::newRow("no user") << QStringLiteral("userEdit") << QString() << QStringLiteral("User: ");
    QTest::newRow("space in host") << QStringLiteral("hostEdit") << QStringLiteral("db example")
                                   << QStringLiteral("Host: ");
}

void TestStoreSettings::postgresInputChecked()
{
    QFETCH(QString, field);
    QFETCH(QString, text);
    QFETCH(QString, problem);
    auto dialog = makeDialog();
    choosePostgres(*dialog);
    retype(child<QLineEdit>(dialog.get(), field.toLatin1().constData()), text);
    QVERIFY(!okButton(dialog.get())->isEnabled());
    QVERIFY2(message(dialog.get()).startsWith(problem), qPrintable(message(dialog.get())));
    dialog->accept();
    QVERIFY(dialog->isVisible());
    QVERIFY(!confBytes().contains("postgres"));
    // Back to SQLite: the server's fields do not matter.
    auto *backend = child<QComboBox>(dialog.get(), "storeBackendCombo");
    backend->setCurrentIndex(backend->findData(int(store::Backend::Sqlite)));
    QVERIFY2(okButton(dialog.get())->isEnabled(), qPrintable(message(dialog.get())));
}

void TestStoreSettings::invalidStoredValuesFallBack()
{
    m_settings->setValue(QStringLiteral("store/backend"), QStringLiteral("oracle"));
    m_settings->setValue(QStringLiteral("store/postgres/port"), 70000);
    m_settings->setValue(QStringLiteral("store/postgres/sslMode"), QStringLiteral("sometimes"));
    const AppSettings loaded = AppSettings::load(*m_settings);
    QCOMPARE(loaded.storeBackend, store::Backend::Sqlite);
    QCOMPARE(loaded.postgres.port, 5432);
    QCOMPARE(loaded.postgres.sslMode, QStringLiteral("prefer"));
    // Defaults are not written.
    m_settings->clear();
    AppSettings().save(*m_settings);
    QCOMPARE(m_settings->allKeys(), QStringList { QStringLiteral("settings/version") });
}

void TestStoreSettings::tabOrder()
{
    auto dialog = makeDialog();
    choosePostgres(*dialog);
    const QStringList names { QStringLiteral("storeBackendCombo"), QStringLiteral("hostEdit"),
                              QStringLiteral("portSpin"),          QStringLiteral("databaseEdit"),
                              QStringLiteral("userEdit"),          QStringLiteral("sslModeCombo"),
                              QStringLiteral("passwordEdit"),      QStringLiteral("testConnectionButton"),
                              QStringLiteral("plaintextFallbackCheck") };
    QStringList order;
    QWidget *first = child<QWidget>(dialog.get(), "storeBackendCombo");
    QWidget *widget = first;
    do {
        if (names.contains(widget->objectName()) && (widget->focusPolicy() & Qt::TabFocus))
            order.append(widget->objectName());
        widget = widget->nextInFocusChain();
    } while (widget != first);
    QCOMPARE(order, names);
}

void TestStoreSettings::passwordRefusedWithoutKeychain()
{
    REQUIRE_SECRET_SERVICE(false);
    auto dialog = makeDialog();
    choosePostgres(*dialog);
    QTRY_VERIFY2(child<QLabel>(dialog.get(), "passwordStatusLabel")->text().startsWith(QStringLiteral("No keychain available: ")),
                 qPrintable(child<QLabel>(dialog.get(), "passwordStatusLabel")->text()));
    QTest::keyClicks(child<QLineEdit>(dialog.get(), "passwordEdit"), Password);
    QTest::mouseClick(okButton(dialog.get()), Qt::LeftButton);
    QTRY_VERIFY2(message(dialog.get()).contains(QStringLiteral("no keychain available")), qPrintable(message(dialog.get())));
    QVERIFY(dialog->isVisible()); // stays open
    QVERIFY(dialog->result() != int(QDialog::Accepted));
    QVERIFY(confBytes().isEmpty() || !confBytes().contains("store/")); // nothing written
    QVERIFY(!m_file.exists());
    QVERIFY(okButton(dialog.get())->isEnabled());

    // Without the password, the settings go through (it is asked for at start).
    child<QLineEdit>(dialog.get(), "passwordEdit")->clear();
    QTest::mouseClick(okButton(dialog.get()), Qt::LeftButton);
    QCOMPARE(dialog->result(), int(QDialog::Accepted));
    QVERIFY(confBytes().contains("postgresql"));
    QVERIFY(!confBytes().contains(Password.toUtf8()));
}

void TestStoreSettings::passwordToPlaintextFileWhenAllowed()
{
    REQUIRE_SECRET_SERVICE(false);
    auto dialog = makeDialog();
    choosePostgres(*dialog);
    child<QCheckBox>(dialog.get(), "plaintextFallbackCheck")->setChecked(true);
    QTest::keyClicks(child<QLineEdit>(dialog.get(), "passwordEdit"), Password);
    QTest::mouseClick(okButton(dialog.get()), Qt::LeftButton);
    QTRY_COMPARE(dialog->result(), int(QDialog::Accepted));

    QVERIFY(m_file.exists());
    QCOMPARE(modeOf(m_file.path()), 0600);
    const QString key = QStringLiteral("postgresql://alice@127.0.0.1:1/portfolio");
    QCOMPARE(m_file.read(key)->value_or(QString()), Password);
    // The settings file: the store and the opt-in, never the password.
    const QByteArray conf = confBytes();
    QVERIFY(conf.contains("plaintextFallback=true"));
    QVERIFY(conf.contains("database=portfolio"));
    QVERIFY2(!conf.contains(Password.toUtf8()), conf.constData());
    QVERIFY(m_settings->fileName() != m_file.path());

    // Reopened: the tab says where the password is.
    auto again = makeDialog();
    QTRY_VERIFY2(child<QLabel>(again.get(), "passwordStatusLabel")->text().contains(QStringLiteral("unencrypted password file")),
                 qPrintable(child<QLabel>(again.get(), "passwordStatusLabel")->text()));
    QVERIFY(child<QLineEdit>(again.get(), "passwordEdit")->text().isEmpty());
}

void TestStoreSettings::turningTheFileOffDeletesIt()
{
    REQUIRE_SECRET_SERVICE(false);
    m_settings->setValue(QStringLiteral("secrets/plaintextFallback"), true);
    QVERIFY(m_file.write(QStringLiteral("postgresql://x@h:5432/db"), QStringLiteral("kept")).ok());
    auto dialog = makeDialog();
    child<QCheckBox>(dialog.get(), "plaintextFallbackCheck")->setChecked(false);
    QTest::mouseClick(okButton(dialog.get()), Qt::LeftButton);
    QCOMPARE(dialog->result(), int(QDialog::Accepted));
    QVERIFY(!m_file.exists());
    QVERIFY(!AppSettings::load(*m_settings).plaintextPasswordFallback);
}

void TestStoreSettings::passwordToKeychain()
{
    REQUIRE_SECRET_SERVICE(true);
    auto dialog = makeDialog();
    choosePostgres(*dialog);
    QTRY_VERIFY2(child<QLabel>(dialog.get(), "passwordStatusLabel")->text().startsWith(QStringLiteral("No password is kept")),
                 qPrintable(child<QLabel>(dialog.get(), "passwordStatusLabel")->text()));
    QTest::keyClicks(child<QLineEdit>(dialog.get(), "passwordEdit"), Password);
    QTest::mouseClick(okButton(dialog.get()), Qt::LeftButton);
    QTRY_COMPARE(dialog->result(), int(QDialog::Accepted));

    const QString key = QStringLiteral("postgresql://alice@127.0.0.1:1/portfolio");
    QCOMPARE(m_keychain.readNow(key).secret, Password);
    QVERIFY(!m_file.exists()); // a keychain answered: no file, opt-in or not
    QVERIFY(!confBytes().contains(Password.toUtf8()));

    auto again = makeDialog();
    QTRY_VERIFY2(child<QLabel>(again.get(), "passwordStatusLabel")->text().contains(QStringLiteral("kept in the keychain")),
                 qPrintable(child<QLabel>(again.get(), "passwordStatusLabel")->text()));
}

void TestStoreSettings::testConnectionKeepsTheWindowAlive()
{
    auto dialog = makeDialog();
    choosePostgres(*dialog); // port 1: nobody listens
    QTest::keyClicks(child<QLineEdit>(dialog.get(), "passwordEdit"), Password);
    auto *button = child<QPushButton>(dialog.get(), "testConnectionButton");
    auto *result = child<QLabel>(dialog.get(), "testResultLabel");
    QTest::mouseClick(button, Qt::LeftButton);
    // Returned at once: the connection is tried on a worker.
    QVERIFY(!button->isEnabled());
    QVERIFY2(result->text().startsWith(QStringLiteral("Connecting to postgresql://alice@127.0.0.1:1/portfolio")),
             qPrintable(result->text()));
    QTRY_VERIFY_WITH_TIMEOUT(button->isEnabled(), 20000);
    QVERIFY2(result->text().startsWith(QStringLiteral("Could not connect: ")), qPrintable(result->text()));
    QVERIFY(!result->text().contains(Password));
    QVERIFY(confBytes().isEmpty() || !confBytes().contains("postgres")); // a test writes nothing
}

void TestStoreSettings::grabStoreTab()
{
    const QString folder = qEnvironmentVariable("PT_DIALOG_GRABS");
    if (folder.isEmpty())
        QSKIP("set PT_DIALOG_GRABS to a folder to save pictures of the dialogs");
    auto dialog = makeDialog();
    QVERIFY(QTest::qWaitForWindowExposed(dialog.get()));
    dialog->grab().save(QDir(folder).filePath(QStringLiteral("dlg-settings-store-sqlite.png")));
    choosePostgres(*dialog);
    QTest::keyClicks(child<QLineEdit>(dialog.get(), "passwordEdit"), Password);
    QTest::mouseClick(child<QPushButton>(dialog.get(), "testConnectionButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(child<QPushButton>(dialog.get(), "testConnectionButton")->isEnabled(), 20000);
    QTest::qWait(500); // the password status
    QVERIFY(dialog->grab().save(QDir(folder).filePath(QStringLiteral("dlg-settings-store-postgres-%1.png")
                                                         .arg(withSecretService() ? u"keychain" : u"nokeychain"))));
}

QTEST_MAIN(TestStoreSettings)
#include "tst_storesettings.moc"
