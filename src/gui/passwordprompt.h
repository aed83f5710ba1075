#pragma once

#include <QDialog>

#include <memory>

namespace Ui {
class PasswordPrompt;
}

namespace pt::gui {

// Asks for the password of a PostgreSQL store the app is about to open, naming
// the store ("alice@db.example:5432/portfolio") and saying why it asks (no
// password in the keychain, no keychain available and the keychain's reason,
// or the server refused the last one). Offers to remember the password where
// that is possible: in the keychain, or, where none answers and the user
// allowed it in the settings, in the unencrypted password file; otherwise the
// password serves this session only, and the dialog says so. Shown with
// open(); the caller reads password() and rememberPassword() on accepted().
class PasswordPrompt final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PasswordPrompt)

public:
    // Where a password entered here can be kept.
    enum class Remember {
        InKeychain,      // the keychain answered
        InPlaintextFile, // no keychain, and the unencrypted file is allowed
        NotPossible,     // neither: this session only
    };

    explicit PasswordPrompt(const QString &storeName, QWidget *parent = nullptr);
    ~PasswordPrompt() override;

    // Why the password is asked for; `warning` shows a warning icon.
    void setReason(const QString &text, bool warning);
    void setRemember(Remember where);

    QString password() const;
    // Whether the user asked for the password to be kept (and it can be).
    bool rememberPassword() const;

private:
    std::unique_ptr<Ui::PasswordPrompt> m_ui;
    Remember m_remember = Remember::NotPossible;
};

} // namespace pt::gui
