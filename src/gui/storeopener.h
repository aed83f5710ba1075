#pragma once

#include "result.h"
#include "secrets/keychain.h"
#include "secrets/passwordlookup.h"
#include "secrets/plaintextsecretfile.h"
#include "store/storelocation.h"

#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>

class QAbstractButton;
class QMessageBox;
class QProgressDialog;
class QSettings;

namespace pt::store {
class Database;
}

namespace pt::gui {

class PasswordPrompt;
class SettingsDialog;

// A store's name for people: the SQLite file, or "user@host:port/database".
QString storeDisplayName(const store::StoreLocation &location);

// Opens the store the app starts with, before the main window exists, and
// asks the user for what it needs without ever blocking the GUI thread:
//
//  * SQLite: opened at once, as before.
//  * PostgreSQL: the password is read from the keychain (asynchronously; then
//    from the unencrypted file if the user allowed one in the settings); when
//    there is none, or no keychain answers, a PasswordPrompt asks for it,
//    naming the store and the keychain's reason, and offers to remember it
//    (in the keychain, or the allowed file) once the connection succeeds;
//    otherwise it serves this session only. The connection and migrations run
//    on a worker thread. A progress window appears when this takes a moment.
//  * Failure (or a cancelled prompt): a message naming the store, the error
//    (any password masked) and where the password came from, with Enter
//    Password (PostgreSQL), Try Again, Settings (then the chosen store), Use
//    Local Store (the SQLite store on this computer, for this session) and Quit.
//
// finished() is emitted once, with database() set, or null when the user quit.
// Every dialog is shown with open(); nothing runs a nested event loop.
class StoreOpener final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StoreOpener)

public:
    // Opens a store with a password (empty: libpq's PGPASSWORD or ~/.pgpass).
    // Runs on a worker thread. Database::open unless a test sets another.
    using OpenFunction = std::function<Result<std::shared_ptr<store::Database>>(const store::StoreLocation &,
                                                                                const QString &)>;

    // `settings` (the app's) must outlive the opener: it says whether the
    // unencrypted password file is allowed, and Settings edits it.
    explicit StoreOpener(QSettings &settings, QObject *parent = nullptr);
    ~StoreOpener() override;

    void setOpenFunction(OpenFunction open) { m_open = std::move(open); }
    void setKeychain(const secrets::Keychain &keychain) { m_keychain = keychain; }
    void setPlaintextFile(const secrets::PlaintextSecretFile &file) { m_file = file; }
    // The store "Use Local Store" opens; Database::defaultSqlitePath() by default.
    void setLocalStorePath(const QString &path) { m_localStorePath = path; }

    // Starts opening `location`; may finish before returning (SQLite).
    void open(const store::StoreLocation &location);

    bool isFinished() const { return m_finished; }
    std::shared_ptr<store::Database> database() const { return m_database; }
    // The store being opened, or opened.
    store::StoreLocation location() const { return m_location; }
    // Something to tell once the store is open (a password that could not be
    // remembered), or empty; for the status bar.
    QString notice() const { return m_notice; }

Q_SIGNALS:
    void finished();

private:
    using OpenResult = Result<std::shared_ptr<store::Database>>;

    void readPassword();
    void passwordLookedUp(const secrets::PasswordLookup &lookup);
    void askForPassword(const QString &reason, bool warning);
    void connectWith(const QString &password, secrets::PasswordSource source);
    void connected(const OpenResult &result);
    void rememberPassword(const std::shared_ptr<store::Database> &database);
    void showFailure(const QString &message);
    void failureAnswered(QAbstractButton *button);
    void openSettings();
    void setBusy(const QString &text);
    void cancelBusy();
    void finish(std::shared_ptr<store::Database> database);
    QString passwordSourceText() const;

    QSettings &m_settings;
    OpenFunction m_open;
    secrets::Keychain m_keychain;
    secrets::PlaintextSecretFile m_file;
    QString m_localStorePath;

    store::StoreLocation m_location;
    bool m_plaintextAllowed = false;
    int m_attempt = 0; // answers to an abandoned attempt are dropped
    QString m_password; // this session's; cleared when finished
    secrets::PasswordSource m_source = secrets::PasswordSource::None;
    secrets::PasswordLookup m_lookup;
    bool m_rememberInKeychain = false;
    bool m_rememberInFile = false;
    QString m_lastFailure;
    QString m_notice;
    bool m_finished = false;
    std::shared_ptr<store::Database> m_database;

    QTimer m_busyDelay;
    std::unique_ptr<QProgressDialog> m_progress;
    std::unique_ptr<PasswordPrompt> m_prompt;
    std::unique_ptr<QMessageBox> m_failure;
    std::unique_ptr<SettingsDialog> m_settingsDialog;
    QAbstractButton *m_enterPasswordButton = nullptr;
    QAbstractButton *m_retryButton = nullptr;
    QAbstractButton *m_settingsButton = nullptr;
    QAbstractButton *m_localButton = nullptr;
};

} // namespace pt::gui
