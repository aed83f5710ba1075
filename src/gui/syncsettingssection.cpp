#include "gui/syncsettingssection.h"

#include "gui/synccontroller.h"
#include "gui/syncstatusbutton.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace pt::gui {

SyncSettingsSection::SyncSettingsSection(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("syncTab"));
    auto *accountBox = new QGroupBox(tr("Account"), this);
    m_accountLabel = new QLabel(accountBox);
    m_accountLabel->setObjectName(QStringLiteral("syncAccountLabel"));
    m_accountLabel->setWordWrap(true);
    m_serverEdit = new QLineEdit(accountBox);
    m_serverEdit->setObjectName(QStringLiteral("syncServerEdit"));
    m_serverEdit->setPlaceholderText(QStringLiteral("https://sync.example.org"));
    m_emailEdit = new QLineEdit(accountBox);
    m_emailEdit->setObjectName(QStringLiteral("syncEmailEdit"));
    m_passwordEdit = new QLineEdit(accountBox);
    m_passwordEdit->setObjectName(QStringLiteral("syncPasswordEdit"));
    m_passwordEdit->setEchoMode(QLineEdit::Password);
    m_passwordEdit->setPlaceholderText(tr("at least 12 characters"));
    m_signInButton = new QPushButton(tr("Sign In"), accountBox);
    m_signInButton->setObjectName(QStringLiteral("syncSignInButton"));
    m_registerButton = new QPushButton(tr("Create Account"), accountBox);
    m_registerButton->setObjectName(QStringLiteral("syncRegisterButton"));
    m_signOutButton = new QPushButton(tr("Sign Out"), accountBox);
    m_signOutButton->setObjectName(QStringLiteral("syncSignOutButton"));
    m_messageLabel = new QLabel(accountBox);
    m_messageLabel->setObjectName(QStringLiteral("syncMessageLabel"));
    m_messageLabel->setWordWrap(true);
    m_messageLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_signInButton);
    buttons->addWidget(m_registerButton);
    buttons->addStretch();
    buttons->addWidget(m_signOutButton);
    auto *accountForm = new QFormLayout;
    accountForm->addRow(tr("&Server:"), m_serverEdit);
    accountForm->addRow(tr("&Email:"), m_emailEdit);
    accountForm->addRow(tr("&Password:"), m_passwordEdit);
    auto *accountLayout = new QVBoxLayout(accountBox);
    accountLayout->addWidget(m_accountLabel);
    accountLayout->addLayout(accountForm);
    accountLayout->addLayout(buttons);
    accountLayout->addWidget(m_messageLabel);

    auto *scheduleBox = new QGroupBox(tr("Schedule and connection"), this);
    m_intervalSpin = new QSpinBox(scheduleBox);
    m_intervalSpin->setObjectName(QStringLiteral("syncIntervalSpin"));
    m_intervalSpin->setRange(0, AppSettings::MaxSyncIntervalMinutes);
    m_intervalSpin->setSuffix(tr(" min"));
    m_intervalSpin->setSpecialValueText(tr("Only after edits and on request"));
    m_caFileEdit = new QLineEdit(scheduleBox);
    m_caFileEdit->setObjectName(QStringLiteral("syncCaFileEdit"));
    m_caFileEdit->setPlaceholderText(tr("the system's trusted certificates"));
    auto *browse = new QPushButton(tr("Browse…"), scheduleBox);
    auto *caRow = new QHBoxLayout;
    caRow->addWidget(m_caFileEdit);
    caRow->addWidget(browse);
    auto *scheduleForm = new QFormLayout(scheduleBox);
    scheduleForm->addRow(tr("Sync &every:"), m_intervalSpin);
    // A row whose field is a layout gets no buddy of its own, so its
    // mnemonic would show as a literal '&'.
    auto *caLabel = new QLabel(tr("Trusted &CA certificate:"), scheduleBox);
    caLabel->setBuddy(m_caFileEdit);
    scheduleForm->addRow(caLabel, caRow);
    auto *note = new QLabel(tr("Portfolio Tracker works fully without a server. Signed in, it sends your changes "
                               "and fetches those of your other devices; your password is not stored, the "
                               "sign-in is kept in the system keychain."),
                            this);
    note->setWordWrap(true);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(accountBox);
    layout->addWidget(scheduleBox);
    layout->addWidget(note);
    layout->addStretch();

    connect(m_signInButton, &QPushButton::clicked, this, [this] { startSignIn(false); });
    connect(m_registerButton, &QPushButton::clicked, this, [this] { startSignIn(true); });
    connect(m_signOutButton, &QPushButton::clicked, this, [this] {
        if (!m_controller)
            return;
        m_waiting = true;
        m_messageLabel->setText(tr("Signing out…"));
        updateButtons();
        m_controller->signOut();
    });
    connect(browse, &QPushButton::clicked, this, &SyncSettingsSection::browseForCaFile);
    for (QLineEdit *edit : {m_serverEdit, m_emailEdit, m_passwordEdit})
        connect(edit, &QLineEdit::textChanged, this, &SyncSettingsSection::updateButtons);
    connect(m_caFileEdit, &QLineEdit::textChanged, this, &SyncSettingsSection::changed);
    setController(nullptr);
}

void SyncSettingsSection::setController(SyncController *controller)
{
    if (m_controller)
        disconnect(m_controller, nullptr, this, nullptr);
    m_controller = controller;
    if (controller) {
        connect(controller, &SyncController::snapshotChanged, this, &SyncSettingsSection::showSnapshot);
        connect(controller, &SyncController::accountChanged, this, &SyncSettingsSection::accountFinished);
        showSnapshot(controller->snapshot());
    } else {
        showSnapshot(SyncSnapshot{});
    }
}

void SyncSettingsSection::showValues(const AppSettings &values)
{
    m_intervalSpin->setValue(values.syncIntervalMinutes);
    m_caFileEdit->setText(values.syncCaFile);
}

void SyncSettingsSection::apply(AppSettings &values) const
{
    values.syncIntervalMinutes = m_intervalSpin->value();
    values.syncCaFile = m_caFileEdit->text().trimmed();
}

QString SyncSettingsSection::problem() const
{
    const QString caFile = m_caFileEdit->text().trimmed();
    if (!caFile.isEmpty() && !QFileInfo(caFile).isFile())
        return tr("Sync: the CA certificate file '%1' does not exist.").arg(caFile);
    return {};
}

void SyncSettingsSection::showSnapshot(const SyncSnapshot &snapshot)
{
    if (snapshot.enabled) {
        m_accountLabel->setText(SyncStatusButton::details(snapshot).section(u'\n', 0, 2));
        m_serverEdit->setText(snapshot.server);
        m_emailEdit->setText(snapshot.email);
    } else {
        m_accountLabel->setText(m_controller ? tr("Not signed in. Sign in to an account on your sync server, or "
                                                  "create one there.")
                                             : tr("Sync is not available here."));
    }
    if (snapshot.enabled && !m_waiting && !snapshot.lastError.isEmpty())
        m_messageLabel->setText(tr("Last sync failed: %1").arg(snapshot.lastError));
    updateButtons();
}

void SyncSettingsSection::startSignIn(bool createAccount)
{
    if (!m_controller)
        return;
    m_waiting = true;
    m_messageLabel->setText(createAccount ? tr("Creating the account…") : tr("Signing in…"));
    updateButtons();
    m_controller->signIn(m_serverEdit->text().trimmed(), m_emailEdit->text().trimmed(), m_passwordEdit->text(),
                         createAccount);
    m_passwordEdit->clear(); // sent; not kept anywhere
}

void SyncSettingsSection::accountFinished(const QString &error)
{
    m_waiting = false;
    m_messageLabel->setText(error.isEmpty() ? QString() : error);
    if (m_controller)
        showSnapshot(m_controller->snapshot());
}

void SyncSettingsSection::browseForCaFile()
{
    const QString file = QFileDialog::getOpenFileName(this, tr("Trusted CA Certificate"), m_caFileEdit->text(),
                                                      tr("PEM certificates (*.pem *.crt);;All files (*)"));
    if (!file.isEmpty())
        m_caFileEdit->setText(file);
}

void SyncSettingsSection::updateButtons()
{
    const bool signedIn = m_controller && m_controller->snapshot().enabled;
    const bool available = m_controller && !m_waiting;
    const bool filled = !m_serverEdit->text().trimmed().isEmpty() && !m_emailEdit->text().trimmed().isEmpty()
        && !m_passwordEdit->text().isEmpty();
    m_signInButton->setEnabled(available && !signedIn && filled);
    m_registerButton->setEnabled(available && !signedIn && filled);
    m_signOutButton->setEnabled(available && signedIn);
    for (QLineEdit *edit : {m_serverEdit, m_emailEdit, m_passwordEdit})
        edit->setEnabled(available && !signedIn);
}

} // namespace pt::gui
