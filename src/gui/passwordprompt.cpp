#include "gui/passwordprompt.h"

#include "ui_passwordprompt.h"

#include <QPushButton>
#include <QStyle>

namespace pt::gui {

PasswordPrompt::PasswordPrompt(const QString &storeName, QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::PasswordPrompt>())
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("passwordPrompt"));
    m_ui->promptLabel->setText(tr("Enter the password of the PostgreSQL store %1.").arg(storeName));
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("&Connect", "open the store with this password"));
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    setReason(QString(), false);
    setRemember(Remember::NotPossible);
    m_ui->passwordEdit->setFocus();
}

PasswordPrompt::~PasswordPrompt() = default;

void PasswordPrompt::setReason(const QString &text, bool warning)
{
    m_ui->reasonLabel->setText(text);
    m_ui->reasonLabel->setVisible(!text.isEmpty());
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_ui->reasonIcon->setPixmap(style()
                                    ->standardIcon(warning ? QStyle::SP_MessageBoxWarning
                                                           : QStyle::SP_MessageBoxInformation,
                                                   nullptr, this)
                                    .pixmap(size, size));
    m_ui->reasonIcon->setVisible(!text.isEmpty());
}

void PasswordPrompt::setRemember(Remember where)
{
    m_remember = where;
    switch (where) {
    case Remember::InKeychain:
        m_ui->rememberCheck->setText(tr("&Remember the password in the keychain"));
        m_ui->rememberCheck->setEnabled(true);
        m_ui->rememberCheck->setChecked(true); // where it is safe, the convenient choice
        m_ui->rememberNoteLabel->setText(tr("Otherwise it is used for this session only."));
        break;
    case Remember::InPlaintextFile:
        m_ui->rememberCheck->setText(tr("&Remember the password in the unencrypted password file"));
        m_ui->rememberCheck->setEnabled(true);
        m_ui->rememberCheck->setChecked(false); // each time a choice of the user's
        m_ui->rememberNoteLabel->setText(
            tr("Warning: the file is not encrypted; anyone who can read your account's files can read the "
               "password. Otherwise it is used for this session only."));
        break;
    case Remember::NotPossible:
        m_ui->rememberCheck->setText(tr("&Remember the password"));
        m_ui->rememberCheck->setChecked(false);
        m_ui->rememberCheck->setEnabled(false);
        m_ui->rememberNoteLabel->setText(
            tr("The password is used for this session only: without a keychain it cannot be kept safely. "
               "To keep it anyway, allow the unencrypted password file in Settings, on the Store tab."));
        break;
    }
}

QString PasswordPrompt::password() const
{
    return m_ui->passwordEdit->text();
}

bool PasswordPrompt::rememberPassword() const
{
    return m_remember != Remember::NotPossible && m_ui->rememberCheck->isChecked();
}

} // namespace pt::gui
