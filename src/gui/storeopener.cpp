#include "gui/storeopener.h"

#include "gui/appsettings.h"
#include "gui/futures.h"
#include "gui/logging.h"
#include "gui/passwordprompt.h"
#include "gui/settingsdialog.h"
#include "store/database.h"

#include <QDir>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QSettings>
#include <QtConcurrent/QtConcurrentRun>

#include <limits>
#include <utility>

namespace pt::gui {

namespace {

// Closes a dialog and lets Qt delete it once its signals are done.
template<typename Dialog> void dispose(std::unique_ptr<Dialog> &dialog)
{
    if (!dialog)
        return;
    dialog->disconnect();
    dialog->hide();
    dialog.release()->deleteLater();
}

} // namespace

QString storeDisplayName(const store::StoreLocation &location)
{
    if (location.backend == store::Backend::Sqlite)
        return QDir::toNativeSeparators(location.sqlitePath);
    const store::PostgresLocation &postgres = location.postgres;
    const QString user = postgres.user.isEmpty() ? QString() : postgres.user + u'@';
    return QStringLiteral("%1%2:%3/%4").arg(user, postgres.host).arg(postgres.port).arg(postgres.database);
}

StoreOpener::StoreOpener(QSettings &settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_open([](const store::StoreLocation &location, const QString &password) {
        return store::Database::open(location, password);
    })
    , m_localStorePath(store::Database::defaultSqlitePath())
{
    m_busyDelay.setSingleShot(true);
    m_busyDelay.setInterval(600); // a quick keychain and server show nothing
    connect(&m_busyDelay, &QTimer::timeout, this, [this] {
        if (m_progress)
            m_progress->show();
    });
}

StoreOpener::~StoreOpener() = default;

void StoreOpener::open(const store::StoreLocation &location)
{
    ++m_attempt;
    m_location = location;
    m_password.clear();
    m_source = secrets::PasswordSource::None;
    m_lookup = {};
    m_rememberInKeychain = false;
    m_rememberInFile = false;
    m_plaintextAllowed = AppSettings::load(m_settings).plaintextPasswordFallback;
    qCInfo(lcGui).noquote() << "opening the store" << location.toString();
    if (location.backend == store::Backend::Sqlite) {
        // An SQLite file opens in moments: on this thread, as it always has.
        connected(m_open(location, QString()));
        return;
    }
    readPassword();
}

void StoreOpener::readPassword()
{
    setBusy(tr("Reading the password of %1 from the keychain…").arg(storeDisplayName(m_location)));
    const int attempt = m_attempt;
    secrets::lookUpPassword(m_keychain, m_location.secretKey(), m_plaintextAllowed ? &m_file : nullptr, this,
                            [this, attempt](const secrets::PasswordLookup &lookup) {
                                if (attempt == m_attempt)
                                    passwordLookedUp(lookup);
                            });
}

void StoreOpener::passwordLookedUp(const secrets::PasswordLookup &lookup)
{
    m_lookup = lookup;
    m_lookup.password.clear();
    const secrets::KeychainResult &keychain = lookup.keychain;
    qCInfo(lcGui).noquote() << QStringLiteral("password of %1: keychain %2%3")
                                   .arg(m_location.secretKey(), keychain.message(),
                                        lookup.source == secrets::PasswordSource::PlaintextFile
                                            ? QStringLiteral(", found in the unencrypted file")
                                            : QString());
    if (lookup.found()) {
        connectWith(lookup.password, lookup.source);
        return;
    }
    cancelBusy();
    QStringList reasons;
    switch (keychain.status) {
    case secrets::KeychainResult::Status::Ok:
        break;
    case secrets::KeychainResult::Status::NotFound:
        reasons << tr("No password for this store is kept in the keychain.");
        break;
    case secrets::KeychainResult::Status::Denied:
        reasons << tr("The keychain refused access: %1").arg(keychain.reason);
        break;
    case secrets::KeychainResult::Status::Unavailable:
        reasons << tr("No keychain available: %1").arg(keychain.reason);
        break;
    }
    if (!lookup.fileProblem.isEmpty())
        reasons << tr("The unencrypted password file cannot be used: %1").arg(lookup.fileProblem);
    askForPassword(reasons.join(u'\n'), !keychain.notFound());
}

void StoreOpener::askForPassword(const QString &reason, bool warning)
{
    dispose(m_prompt);
    m_prompt = std::make_unique<PasswordPrompt>(storeDisplayName(m_location));
    m_prompt->setReason(reason, warning);
    const PasswordPrompt::Remember where = m_lookup.keychain.keychainAnswered() ? PasswordPrompt::Remember::InKeychain
        : m_plaintextAllowed                                                   ? PasswordPrompt::Remember::InPlaintextFile
                                                                               : PasswordPrompt::Remember::NotPossible;
    m_prompt->setRemember(where);
    const int attempt = m_attempt;
    connect(m_prompt.get(), &QDialog::accepted, this, [this, attempt, where] {
        if (attempt != m_attempt)
            return;
        const bool remember = m_prompt->rememberPassword();
        m_rememberInKeychain = remember && where == PasswordPrompt::Remember::InKeychain;
        m_rememberInFile = remember && where == PasswordPrompt::Remember::InPlaintextFile;
        const QString password = m_prompt->password();
        dispose(m_prompt);
        connectWith(password, password.isEmpty() ? secrets::PasswordSource::None : secrets::PasswordSource::Entered);
    });
    connect(m_prompt.get(), &QDialog::rejected, this, [this, attempt] {
        if (attempt != m_attempt)
            return;
        dispose(m_prompt);
        showFailure(tr("No password was entered for the store %1.").arg(storeDisplayName(m_location)));
    });
    m_prompt->open();
}

void StoreOpener::connectWith(const QString &password, secrets::PasswordSource source)
{
    m_password = password;
    m_source = source;
    setBusy(tr("Connecting to %1…").arg(storeDisplayName(m_location)));
    const int attempt = m_attempt;
    // The connection and the migrations run on a worker: the GUI thread never waits.
    whenReady(QtConcurrent::run([open = m_open, location = m_location, password] { return open(location, password); }),
              this, [this, attempt](const OpenResult &result) {
                  if (attempt == m_attempt)
                      connected(result);
              });
}

void StoreOpener::connected(const OpenResult &result)
{
    cancelBusy();
    if (result) {
        if (m_rememberInKeychain || m_rememberInFile)
            rememberPassword(*result);
        else
            finish(*result);
        return;
    }
    const QString error = secrets::redacted(result.error(), m_password);
    qCWarning(lcGui).noquote() << QStringLiteral("cannot open the store %1: %2").arg(m_location.toString(), error);
    QString message = tr("Portfolio Tracker could not open the store %1:").arg(storeDisplayName(m_location))
        + u"\n\n" + error;
    if (m_location.backend == store::Backend::PostgreSql)
        message += u"\n\n" + passwordSourceText();
    m_password.clear();
    showFailure(message);
}

void StoreOpener::rememberPassword(const std::shared_ptr<store::Database> &database)
{
    const QString key = m_location.secretKey();
    if (m_rememberInFile) {
        if (const auto written = m_file.write(key, m_password); !written)
            m_notice = tr("The password could not be kept in the unencrypted file: %1").arg(written.error());
        finish(database);
        return;
    }
    setBusy(tr("Keeping the password in the keychain…"));
    const int attempt = m_attempt;
    m_keychain.write(key, m_password, this, [this, attempt, database](const secrets::KeychainResult &result) {
        if (attempt != m_attempt)
            return;
        if (!result.ok())
            m_notice = tr("The password could not be kept in the keychain (%1); it serves this session only.")
                           .arg(result.reason);
        finish(database);
    });
}

QString StoreOpener::passwordSourceText() const
{
    switch (m_source) {
    case secrets::PasswordSource::Keychain:
        return tr("The password came from the keychain.");
    case secrets::PasswordSource::PlaintextFile:
        return tr("The password came from the unencrypted password file.");
    case secrets::PasswordSource::Entered:
        return tr("The password was the one you entered.");
    case secrets::PasswordSource::None:
        break;
    }
    return tr("No password was given, so the PostgreSQL client library looked for PGPASSWORD and ~/.pgpass.");
}

void StoreOpener::showFailure(const QString &message)
{
    cancelBusy();
    m_lastFailure = message;
    dispose(m_failure);
    m_failure = std::make_unique<QMessageBox>(QMessageBox::Critical, tr("Cannot Open the Store"), message,
                                              QMessageBox::NoButton);
    m_failure->setObjectName(QStringLiteral("storeFailureBox"));
    m_failure->setTextFormat(Qt::PlainText);
    const bool postgres = m_location.backend == store::Backend::PostgreSql;
    m_enterPasswordButton
        = postgres ? m_failure->addButton(tr("Enter &Password…"), QMessageBox::AcceptRole) : nullptr;
    m_retryButton = m_failure->addButton(tr("&Try Again"), QMessageBox::AcceptRole);
    m_settingsButton = m_failure->addButton(tr("&Settings…"), QMessageBox::ActionRole);
    const bool local = m_location.backend == store::Backend::Sqlite
        && QDir::cleanPath(m_location.sqlitePath) == QDir::cleanPath(m_localStorePath);
    m_localButton = local ? nullptr : m_failure->addButton(tr("Use &Local Store"), QMessageBox::ActionRole);
    QAbstractButton *quit = m_failure->addButton(tr("&Quit"), QMessageBox::RejectRole);
    m_failure->setEscapeButton(quit);
    m_failure->setDefaultButton(qobject_cast<QPushButton *>(postgres ? m_enterPasswordButton : m_retryButton));
    if (m_localButton)
        m_failure->setInformativeText(tr("Use Local Store opens the store on this computer, %1, for this session; "
                                         "the settings stay as they are.")
                                          .arg(QDir::toNativeSeparators(m_localStorePath)));
    connect(m_failure.get(), &QMessageBox::buttonClicked, this, &StoreOpener::failureAnswered);
    m_failure->open();
}

void StoreOpener::failureAnswered(QAbstractButton *button)
{
    const bool enterPassword = button && button == m_enterPasswordButton;
    const bool retry = button && button == m_retryButton;
    const bool settings = button && button == m_settingsButton;
    const bool local = button && button == m_localButton;
    m_enterPasswordButton = m_retryButton = m_settingsButton = m_localButton = nullptr;
    dispose(m_failure);
    if (enterPassword) {
        ++m_attempt;
        askForPassword(tr("Enter the password again, or another one."), false);
    } else if (retry) {
        open(m_location);
    } else if (settings) {
        openSettings();
    } else if (local) {
        open(store::StoreLocation::sqlite(m_localStorePath));
    } else {
        finish(nullptr);
    }
}

void StoreOpener::openSettings()
{
    dispose(m_settingsDialog);
    m_settingsDialog = std::make_unique<SettingsDialog>(m_settings);
    connect(m_settingsDialog.get(), &QDialog::accepted, this, [this] {
        dispose(m_settingsDialog);
        open(AppSettings::load(m_settings).storeLocation());
    });
    connect(m_settingsDialog.get(), &QDialog::rejected, this, [this] {
        dispose(m_settingsDialog);
        showFailure(m_lastFailure);
    });
    m_settingsDialog->open();
}

void StoreOpener::setBusy(const QString &text)
{
    if (!m_progress) {
        m_progress = std::make_unique<QProgressDialog>();
        m_progress->setObjectName(QStringLiteral("storeProgress"));
        m_progress->setWindowTitle(tr("Opening the Store"));
        m_progress->setRange(0, 0);
        m_progress->setCancelButtonText(tr("Cancel"));
        // Shown by m_busyDelay, not by the dialog's own timer.
        m_progress->setMinimumDuration(std::numeric_limits<int>::max());
        connect(m_progress.get(), &QProgressDialog::canceled, this, [this] {
            ++m_attempt; // whatever answers now is dropped
            showFailure(tr("Opening the store %1 was cancelled.").arg(storeDisplayName(m_location)));
        });
    }
    m_progress->setLabelText(text);
    if (!m_progress->isVisible())
        m_busyDelay.start();
}

void StoreOpener::cancelBusy()
{
    m_busyDelay.stop();
    dispose(m_progress);
}

void StoreOpener::finish(std::shared_ptr<store::Database> database)
{
    cancelBusy();
    dispose(m_prompt);
    dispose(m_failure);
    dispose(m_settingsDialog);
    m_password.clear();
    m_database = std::move(database);
    m_finished = true;
    if (m_database)
        qCInfo(lcGui).noquote() << "opened the store" << m_location.toString();
    else
        qCInfo(lcGui, "no store opened: the user quit");
    Q_EMIT finished();
}

} // namespace pt::gui
