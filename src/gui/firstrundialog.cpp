#include "gui/firstrundialog.h"

#include "ui_firstrundialog.h"

#include <QPushButton>

namespace pt::gui {

FirstRunDialog::FirstRunDialog(QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::FirstRunDialog>())
{
    m_ui->setupUi(this);
    QFont title = m_ui->titleLabel->font();
    title.setPointSizeF(title.pointSizeF() * 1.4);
    title.setBold(true);
    m_ui->titleLabel->setFont(title);

    connect(m_ui->createButton, &QCommandLinkButton::clicked, this, [this] { done(CreatePortfolio); });
    connect(m_ui->sampleButton, &QCommandLinkButton::clicked, this, [this] { done(OpenSample); });
    connect(m_ui->notNowButton, &QPushButton::clicked, this, &FirstRunDialog::reject);

    m_ui->createButton->setFocus();
    resize(std::max(width(), sizeHint().width()), sizeHint().height());
}

FirstRunDialog::~FirstRunDialog() = default;

FirstRunDialog::Choice FirstRunDialog::choice() const
{
    switch (result()) {
    case CreatePortfolio:
        return CreatePortfolio;
    case OpenSample:
        return OpenSample;
    default:
        return NotNow;
    }
}

bool FirstRunDialog::dontShowAgain() const
{
    return m_ui->dontShowCheck->isChecked();
}

void FirstRunDialog::setDontShowAgain(bool dontShow)
{
    m_ui->dontShowCheck->setChecked(dontShow);
}

} // namespace pt::gui
