#pragma once

#include "gui/appsettings.h"
#include "result.h"
#include "secrets/keychain.h"
#include "secrets/passwordlookup.h"
#include "secrets/plaintextsecretfile.h"
#include "store/storelocation.h"

#include <QObject>
#include <QTimer>

#include <functional>

namespace Ui {
class SettingsDialog;
}

namespace pt::gui {

// The Store tab of the settings dialog (its widgets are in
// ui/settingsdialog.ui; SettingsDialog owns this and them): an SQLite file, or
// a PostgreSQL server (host, port, database, user, TLS mode) with its password,
// Test Connection, and the opt-in to keep passwords in an unencrypted file
// where no keychain answers (off by default, with the warning next to it).
//
// The password field is never read into AppSettings: when the dialog is
// accepted, savePassword() puts what was typed into the keychain (or the
// allowed file) under the store's secret key, before the settings are
// written. Below the field, the tab says whether a password is kept for the
// store shown, asking the keychain (asynchronously) as the fields change.
class StoreSettingsSection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StoreSettingsSection)

public:
    StoreSettingsSection(Ui::SettingsDialog &ui, QWidget *dialog);
    ~StoreSettingsSection() override;

    // Connects to a PostgreSQL database with `password` (empty: libpq looks
    // for PGPASSWORD and ~/.pgpass), asks the server for its version and
    // disconnects: writes nothing, migrates nothing. Waits at most 10 s for
    // the server, so it runs on a worker thread. A password in an error text
    // is masked. Test Connection runs it.
    static Result<QString> testPostgresConnection(const store::PostgresLocation &location, const QString &password);

    void setKeychain(const secrets::Keychain &keychain) { m_keychain = keychain; }
    void setPlaintextFile(const secrets::PlaintextSecretFile &file);

    void show(const AppSettings &values);
    // Writes the tab's fields (backend, SQLite file, server, the opt-in) into `values`.
    void apply(AppSettings &values) const;
    // Why the tab's input is refused, or empty.
    QString problem() const;

    // Whether a password was typed (for a PostgreSQL store).
    bool hasNewPassword() const;
    // Keeps the typed password for the PostgreSQL store `location`: in the
    // keychain, else, when the opt-in is ticked, in the unencrypted file.
    // Calls `done` with an empty text, or why it could not; never before
    // returning.
    void savePassword(const store::StoreLocation &location, std::function<void(const QString &problem)> done);
    // Deletes the unencrypted file (the opt-in was turned off); why not, or empty.
    QString forgetPlaintextFile() const;

Q_SIGNALS:
    // The input changed (validate it again).
    void changed();

private:
    void populate();
    void backendChanged();
    void browseForStore();
    void testConnection();
    void runTest(const store::PostgresLocation &location, const secrets::PasswordLookup &lookup);
    void showTestResult(const QString &text);
    void refreshPasswordStatus();
    void updatePlaintextWarning();
    bool postgresChosen() const;
    store::PostgresLocation postgresLocation() const;
    // The server fields' problem, or empty.
    QString postgresProblem() const;

    Ui::SettingsDialog &m_ui;
    QWidget *m_dialog;
    secrets::Keychain m_keychain;
    secrets::PlaintextSecretFile m_file;
    QTimer m_statusDelay;
    int m_statusRequest = 0; // answers to an older question are dropped
    int m_testRequest = 0;
};

} // namespace pt::gui
