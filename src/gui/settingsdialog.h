#pragma once

#include "gui/appsettings.h"

#include <QDialog>

#include <memory>

class QLineEdit;
class QSettings;

namespace Ui {
class SettingsDialog;
}

namespace pt::secrets {
class Keychain;
class PlaintextSecretFile;
}

namespace pt::gui {

class StoreSettingsSection;
class SyncController;
class SyncSettingsSection;

// The app's settings (AppSettings) in five tabs: the store (an SQLite file or
// a PostgreSQL server, its password and Test Connection; StoreSettingsSection), the market
// data providers' addresses and the refresh interval, valuation (total's
// currency, daily close, risk-free rate, staleness limit), and appearance
// (language, theme), and sync (the account, SyncSettingsSection). Reads them from a QSettings object when it opens; OK
// writes them all back, Cancel nothing. A PostgreSQL password typed on the
// Store tab goes to the keychain (or the unencrypted file the user allowed)
// when OK is pressed, before the settings are written, and never into them;
// if it cannot be kept, the dialog says why and stays open, having written
// nothing. Input is checked on every edit: while
// something is invalid OK stays disabled, the reason shows under the tabs and
// the tab holding the field carries a warning icon.
class SettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)

public:
    // `settings` must outlive the dialog (the app's QSettings; a temporary INI
    // file in tests).
    explicit SettingsDialog(QSettings &settings, QWidget *parent = nullptr);
    ~SettingsDialog() override;

    // What the fields say; meaningful when isInputValid().
    AppSettings values() const;
    // The settings as the dialog found them.
    AppSettings initialValues() const { return m_initial; }
    // Whether the changes made take effect only at the next start (store,
    // language, provider addresses).
    bool needsRestart() const;

    // Whether the current input is valid, and the reason when it is not.
    bool isInputValid() const { return m_problem.isEmpty(); }
    QString problem() const { return m_problem; }

    // Writes every setting to the QSettings object and closes; first, and
    // asynchronously, keeps a typed password (see above).
    void accept() override;

    // Where passwords go; the real keychain and file by default (tests use their own).
    void setKeychain(const secrets::Keychain &keychain);
    void setPlaintextFile(const secrets::PlaintextSecretFile &file);
    // The app's sync, for the Sync tab's account buttons (none: they are disabled).
    void setSyncController(SyncController *controller);

private:
    struct UrlField
    {
        QLineEdit *edit;
        QString name; // for messages, e.g. "CoinGecko"
    };

    void populate();
    void showValues(const AppSettings &values);
    void restoreMarketDataDefaults();
    void save(const AppSettings &values);
    void updateSuffixes();
    void validateInput();
    // The reason the input is refused and the tab of the field, or an empty reason.
    QString readProblem(QWidget *&tab) const;
    QList<UrlField> urlFields() const;
    void showMessage(const QString &text, bool warning);

    std::unique_ptr<Ui::SettingsDialog> m_ui;
    QSettings &m_settings;
    AppSettings m_initial;
    QString m_problem;
    StoreSettingsSection *m_store = nullptr; // a child
    SyncSettingsSection *m_sync = nullptr;   // the Sync tab
    bool m_savingPassword = false;
};

} // namespace pt::gui
