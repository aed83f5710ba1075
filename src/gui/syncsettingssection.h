#pragma once

#include "gui/appsettings.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace pt::gui {

class SyncController;
struct SyncSnapshot;

// The Sync tab of the settings dialog: the account (server address, email,
// password; Sign In, Create Account, Sign Out, which act at once through the
// SyncController rather than on OK — they talk to the server), and two
// settings saved with the dialog: how often to sync and a private CA's
// certificate for a self-hosted server. The password is sent to the server
// to sign in and then dropped; what keeps the device signed in is a refresh
// token in the OS keychain.
class SyncSettingsSection final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncSettingsSection)

public:
    explicit SyncSettingsSection(QWidget *parent = nullptr);

    // Without a controller (tests of the dialog alone) the account part is disabled.
    void setController(SyncController *controller);

    // Not show(): that would hide QWidget::show().
    void showValues(const AppSettings &values);
    void apply(AppSettings &values) const;
    // Why the tab's input is refused, or empty.
    QString problem() const;

Q_SIGNALS:
    void changed();

private:
    void showSnapshot(const SyncSnapshot &snapshot);
    void startSignIn(bool createAccount);
    void accountFinished(const QString &error);
    void browseForCaFile();
    void updateButtons();

    QPointer<SyncController> m_controller;
    QLabel *m_accountLabel;
    QLineEdit *m_serverEdit;
    QLineEdit *m_emailEdit;
    QLineEdit *m_passwordEdit;
    QPushButton *m_signInButton;
    QPushButton *m_registerButton;
    QPushButton *m_signOutButton;
    QLabel *m_messageLabel;
    QSpinBox *m_intervalSpin;
    QLineEdit *m_caFileEdit;
    bool m_waiting = false;
};

} // namespace pt::gui
