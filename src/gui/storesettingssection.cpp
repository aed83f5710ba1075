#include "gui/storesettingssection.h"

#include "gui/futures.h"
#include "gui/logging.h"
#include "store/database.h"

#include "ui_settingsdialog.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <atomic>

namespace pt::gui {

namespace {

enum StorePage { SqlitePage, PostgresPage };

} // namespace

StoreSettingsSection::StoreSettingsSection(Ui::SettingsDialog &ui, QWidget *dialog)
    : QObject(dialog), m_ui(ui), m_dialog(dialog)
{
    populate();
    m_statusDelay.setSingleShot(true);
    m_statusDelay.setInterval(400); // ask the keychain once typing pauses
    connect(&m_statusDelay, &QTimer::timeout, this, &StoreSettingsSection::refreshPasswordStatus);

    connect(m_ui.storeBackendCombo, &QComboBox::currentIndexChanged, this, &StoreSettingsSection::backendChanged);
    connect(m_ui.storePathEdit, &QLineEdit::textChanged, this, &StoreSettingsSection::changed);
    connect(m_ui.browseButton, &QPushButton::clicked, this, &StoreSettingsSection::browseForStore);
    for (QLineEdit *edit : { m_ui.hostEdit, m_ui.databaseEdit, m_ui.userEdit }) {
        connect(edit, &QLineEdit::textChanged, this, [this] {
            showTestResult(QString());
            m_statusDelay.start();
            Q_EMIT changed();
        });
    }
    connect(m_ui.portSpin, &QSpinBox::valueChanged, this, [this] {
        showTestResult(QString());
        m_statusDelay.start();
        Q_EMIT changed();
    });
    if (auto *portEditor = m_ui.portSpin->findChild<QLineEdit *>())
        connect(portEditor, &QLineEdit::textChanged, this, &StoreSettingsSection::changed);
    connect(m_ui.sslModeCombo, &QComboBox::currentIndexChanged, this, [this] {
        showTestResult(QString());
        Q_EMIT changed();
    });
    connect(m_ui.passwordEdit, &QLineEdit::textChanged, this, [this] { showTestResult(QString()); });
    connect(m_ui.testConnectionButton, &QPushButton::clicked, this, &StoreSettingsSection::testConnection);
    connect(m_ui.plaintextFallbackCheck, &QCheckBox::toggled, this, [this] {
        updatePlaintextWarning();
        m_statusDelay.start();
        Q_EMIT changed();
    });
}

StoreSettingsSection::~StoreSettingsSection() = default;

void StoreSettingsSection::setPlaintextFile(const secrets::PlaintextSecretFile &file)
{
    m_file = file;
    updatePlaintextWarning();
}

void StoreSettingsSection::populate()
{
    m_ui.storeBackendCombo->addItem(tr("SQLite file on this computer"), int(store::Backend::Sqlite));
    m_ui.storeBackendCombo->addItem(tr("PostgreSQL server"), int(store::Backend::PostgreSql));
    m_ui.storePathEdit->setPlaceholderText(QDir::toNativeSeparators(store::Database::defaultSqlitePath()));
    const QStringList descriptions {
        tr("disable: not encrypted", "sslmode"),
        tr("allow: encrypted if the server insists", "sslmode"),
        tr("prefer: encrypted if the server can", "sslmode"),
        tr("require: always encrypted", "sslmode"),
        tr("verify-ca: encrypted, server certificate checked", "sslmode"),
        tr("verify-full: encrypted, certificate and host name checked", "sslmode"),
    };
    const QStringList modes = AppSettings::sslModes();
    for (qsizetype i = 0; i < modes.size(); ++i)
        m_ui.sslModeCombo->addItem(descriptions.value(i, modes.at(i)), modes.at(i));
    updatePlaintextWarning();
}

void StoreSettingsSection::show(const AppSettings &values)
{
    m_ui.storeBackendCombo->setCurrentIndex(m_ui.storeBackendCombo->findData(int(values.storeBackend)));
    m_ui.storePathEdit->setText(QDir::toNativeSeparators(values.storePath));
    m_ui.hostEdit->setText(values.postgres.host);
    m_ui.portSpin->setValue(values.postgres.port);
    m_ui.databaseEdit->setText(values.postgres.database);
    m_ui.userEdit->setText(values.postgres.user);
    m_ui.sslModeCombo->setCurrentIndex(std::max(0, m_ui.sslModeCombo->findData(values.postgres.sslMode)));
    m_ui.passwordEdit->clear();
    m_ui.plaintextFallbackCheck->setChecked(values.plaintextPasswordFallback);
    backendChanged();
}

void StoreSettingsSection::apply(AppSettings &values) const
{
    values.storeBackend = postgresChosen() ? store::Backend::PostgreSql : store::Backend::Sqlite;
    const QString path = m_ui.storePathEdit->text().trimmed();
    values.storePath = path.isEmpty() ? QString() : QDir::cleanPath(QDir::fromNativeSeparators(path));
    values.postgres = postgresLocation();
    values.plaintextPasswordFallback = m_ui.plaintextFallbackCheck->isChecked();
}

bool StoreSettingsSection::postgresChosen() const
{
    return m_ui.storeBackendCombo->currentData().toInt() == int(store::Backend::PostgreSql);
}

store::PostgresLocation StoreSettingsSection::postgresLocation() const
{
    store::PostgresLocation location;
    const QString host = m_ui.hostEdit->text().trimmed();
    location.host = host.isEmpty() ? store::PostgresLocation().host : host;
    location.port = m_ui.portSpin->value();
    location.database = m_ui.databaseEdit->text().trimmed();
    location.user = m_ui.userEdit->text().trimmed();
    location.sslMode = m_ui.sslModeCombo->currentData().toString();
    return location;
}

QString StoreSettingsSection::problem() const
{
    if (!postgresChosen()) {
        const QString path = m_ui.storePathEdit->text().trimmed();
        if (path.isEmpty())
            return {};
        const QString cleaned = QDir::fromNativeSeparators(path);
        if (!QDir::isAbsolutePath(cleaned))
            return tr("Store file: enter the full path of the file, such as %1.")
                .arg(QDir::toNativeSeparators(store::Database::defaultSqlitePath()));
        if (QFileInfo(cleaned).isDir())
            return tr("Store file: %1 is a folder; choose a file in it.").arg(path);
        return {};
    }
    return postgresProblem();
}

QString StoreSettingsSection::postgresProblem() const
{
    const QString host = m_ui.hostEdit->text().trimmed();
    if (host.contains(u' ') || (host.contains(u'/') && !host.startsWith(u'/')))
        return tr("Host: '%1' is not a host name or address such as db.example.org.").arg(host);
    if (!m_ui.portSpin->hasAcceptableInput())
        return tr("Port: enter a whole number from 1 to 65535 (PostgreSQL's own is 5432).");
    const QString database = m_ui.databaseEdit->text().trimmed();
    if (database.isEmpty())
        return tr("Database: enter the name of the database on the server.");
    if (database.contains(u'/'))
        return tr("Database: a database name cannot contain '/'.");
    if (m_ui.userEdit->text().trimmed().isEmpty())
        return tr("User: enter the PostgreSQL user (role) to connect as.");
    return {};
}

bool StoreSettingsSection::hasNewPassword() const
{
    return postgresChosen() && !m_ui.passwordEdit->text().isEmpty();
}

void StoreSettingsSection::backendChanged()
{
    const bool postgres = postgresChosen();
    m_ui.storeStack->setCurrentIndex(postgres ? PostgresPage : SqlitePage);
    // The stack as tall as the page shown, not as the tallest.
    for (int i = 0; i < m_ui.storeStack->count(); ++i) {
        const QSizePolicy::Policy vertical = i == m_ui.storeStack->currentIndex() ? QSizePolicy::Preferred
                                                                                  : QSizePolicy::Ignored;
        m_ui.storeStack->widget(i)->setSizePolicy(QSizePolicy::Preferred, vertical);
    }
    m_ui.storeStack->adjustSize();
    showTestResult(QString());
    if (postgres)
        refreshPasswordStatus();
    Q_EMIT changed();
}

void StoreSettingsSection::browseForStore()
{
    const QString current = m_ui.storePathEdit->text().trimmed();
    const QString start = current.isEmpty() ? store::Database::defaultSqlitePath() : current;
    // An existing store, or the name of a new one: no overwrite question.
    const QString chosen = QFileDialog::getSaveFileName(m_dialog, tr("Store File"), start,
                                                        tr("SQLite stores (*.sqlite *.db);;All files (*)"), nullptr,
                                                        QFileDialog::DontConfirmOverwrite);
    if (!chosen.isEmpty())
        m_ui.storePathEdit->setText(QDir::toNativeSeparators(chosen));
}

void StoreSettingsSection::updatePlaintextWarning()
{
    m_ui.plaintextWarningLabel->setText(
        tr("Off by default. When on, and only where no keychain answers, a password is kept UNENCRYPTED in %1, "
           "which anyone who can read your account's files can read. Turning it off deletes that file.")
            .arg(QDir::toNativeSeparators(m_file.path())));
}

void StoreSettingsSection::refreshPasswordStatus()
{
    m_statusDelay.stop();
    const int request = ++m_statusRequest;
    if (!postgresChosen() || !postgresProblem().isEmpty()) {
        m_ui.passwordStatusLabel->clear();
        return;
    }
    const QString key = store::StoreLocation::postgresql(postgresLocation()).secretKey();
    const bool fileAllowed = m_ui.plaintextFallbackCheck->isChecked();
    secrets::lookUpPassword(m_keychain, key, fileAllowed ? &m_file : nullptr, this,
                            [this, request, fileAllowed](const secrets::PasswordLookup &lookup) {
                                if (request != m_statusRequest)
                                    return;
                                const secrets::KeychainResult &keychain = lookup.keychain;
                                QString text;
                                if (lookup.source == secrets::PasswordSource::Keychain)
                                    text = tr("A password for this store is kept in the keychain; type one to "
                                              "replace it.");
                                else if (lookup.source == secrets::PasswordSource::PlaintextFile)
                                    text = tr("A password for this store is kept in the unencrypted password file; "
                                              "type one to replace it.");
                                else if (keychain.notFound())
                                    text = tr("No password is kept for this store: type it here, or you will be "
                                              "asked for it at start.");
                                else if (keychain.unavailable())
                                    text = tr("No keychain available: %1").arg(keychain.reason) + u'\n'
                                        + (fileAllowed ? tr("A password typed here goes to the unencrypted file.")
                                                       : tr("You will be asked for the password at start; it then "
                                                            "serves that session only."));
                                else
                                    text = tr("The keychain refused access: %1").arg(keychain.reason);
                                if (!lookup.fileProblem.isEmpty())
                                    text += u'\n'
                                        + tr("The unencrypted password file cannot be used: %1")
                                              .arg(lookup.fileProblem);
                                m_ui.passwordStatusLabel->setText(text);
                            });
}

void StoreSettingsSection::testConnection()
{
    if (const QString problem = postgresProblem(); !problem.isEmpty()) {
        showTestResult(problem);
        return;
    }
    const store::PostgresLocation location = postgresLocation();
    m_ui.testConnectionButton->setEnabled(false);
    showTestResult(
        tr("Connecting to %1…").arg(store::StoreLocation::postgresql(location).secretKey()));
    const QString typed = m_ui.passwordEdit->text();
    if (!typed.isEmpty()) {
        secrets::PasswordLookup lookup;
        lookup.password = typed;
        lookup.source = secrets::PasswordSource::Entered;
        runTest(location, lookup);
        return;
    }
    // Nothing typed: the password the app would use at start.
    const int request = ++m_testRequest;
    const bool fileAllowed = m_ui.plaintextFallbackCheck->isChecked();
    secrets::lookUpPassword(m_keychain, store::StoreLocation::postgresql(location).secretKey(),
                            fileAllowed ? &m_file : nullptr, this,
                            [this, request, location](const secrets::PasswordLookup &lookup) {
                                if (request == m_testRequest)
                                    runTest(location, lookup);
                            });
}

void StoreSettingsSection::showTestResult(const QString &text)
{
    QLabel *label = m_ui.testResultLabel;
    label->setText(text);
    // A long server message wraps onto more lines: the tab grows to show them all.
    label->setMinimumHeight(text.isEmpty() ? 0 : label->heightForWidth(std::max(label->width(), 200)));
}

void StoreSettingsSection::runTest(const store::PostgresLocation &location, const secrets::PasswordLookup &lookup)
{
    const int request = ++m_testRequest;
    const secrets::PasswordSource source = lookup.source;
    whenReady(QtConcurrent::run([location, password = lookup.password] {
                  return testPostgresConnection(location, password);
              }),
              this, [this, request, source](const Result<QString> &result) {
                  if (request != m_testRequest)
                      return;
                  m_ui.testConnectionButton->setEnabled(true);
                  if (result) {
                      showTestResult(tr("Connected: PostgreSQL %1.").arg(*result));
                      return;
                  }
                  QString text = tr("Could not connect: %1").arg(result.error().simplified());
                  if (source == secrets::PasswordSource::None)
                      text += u' '
                          + tr("(No password was typed or kept for this store; the PostgreSQL client library "
                               "looked for PGPASSWORD and ~/.pgpass.)");
                  showTestResult(text);
              });
}

Result<QString> StoreSettingsSection::testPostgresConnection(const store::PostgresLocation &location,
                                                             const QString &password)
{
    static std::atomic<int> serial { 0 };
    const QString name = QStringLiteral("pt-connection-test-%1").arg(++serial);
    Result<QString> outcome = Error { QString() };
    {
        QSqlDatabase connection = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        if (!connection.isValid()) {
            outcome = Error { tr("Qt's PostgreSQL driver (QPSQL) is not installed.") };
        } else {
            connection.setHostName(location.host);
            connection.setPort(location.port);
            connection.setDatabaseName(location.database);
            connection.setUserName(location.user);
            connection.setPassword(password);
            connection.setConnectOptions(QStringLiteral("sslmode=%1;connect_timeout=10").arg(location.sslMode));
            if (!connection.open()) {
                outcome = Error { secrets::redacted(connection.lastError().text().trimmed(), password) };
            } else {
                QSqlQuery query(connection);
                if (query.exec(QStringLiteral("SHOW server_version")) && query.next())
                    outcome = query.value(0).toString();
                else
                    outcome = Error { secrets::redacted(query.lastError().text().trimmed(), password) };
                query.finish();
                connection.close();
            }
        }
    }
    QSqlDatabase::removeDatabase(name);
    return outcome;
}

void StoreSettingsSection::savePassword(const store::StoreLocation &location,
                                        std::function<void(const QString &problem)> done)
{
    const QString key = location.secretKey();
    const QString password = m_ui.passwordEdit->text();
    const bool fileAllowed = m_ui.plaintextFallbackCheck->isChecked();
    m_keychain.write(key, password, this,
                     [this, key, password, fileAllowed, done = std::move(done)](const secrets::KeychainResult &result) {
                         if (result.ok()) {
                             // The keychain has it now; an older copy in the file goes.
                             if (m_file.exists())
                                 (void)m_file.remove(key);
                             m_ui.passwordEdit->clear();
                             m_statusDelay.start();
                             done(QString());
                             return;
                         }
                         if (fileAllowed) {
                             const auto written = m_file.write(key, password);
                             if (!written) {
                                 done(tr("The password could not be kept in the unencrypted file: %1")
                                          .arg(written.error()));
                                 return;
                             }
                             m_ui.passwordEdit->clear();
                             done(QString());
                             return;
                         }
                         done(result.unavailable()
                                  ? tr("The password could not be kept: no keychain available (%1). Allow the "
                                       "unencrypted password file, or leave the password empty to be asked for "
                                       "it at each start.")
                                        .arg(result.reason)
                                  : tr("The password could not be kept: the keychain refused access (%1).")
                                        .arg(result.reason));
                     });
}

QString StoreSettingsSection::forgetPlaintextFile() const
{
    const auto removed = m_file.removeAll();
    return removed ? QString() : removed.error();
}

} // namespace pt::gui
