#include "gui/portfoliodialog.h"

#include "gui/appsettings.h"
#include "gui/displaytext.h"
#include "money/currency.h"
#include "ui_portfoliodialog.h"

#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QStyle>

#include <algorithm>

namespace pt::gui {

PortfolioDialog::PortfolioDialog(std::vector<Portfolio> portfolios, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::PortfolioDialog>())
    , m_portfolios(std::move(portfolios))
{
    m_ui->setupUi(this);

    m_ui->currencyCombo->addItems(baseCurrencyChoices());
    m_ui->currencyCombo->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[A-Za-z0-9]{0,5}")), m_ui->currencyCombo));
    m_ui->currencyCombo->setCurrentText(m_original.baseCurrency);
    for (CostBasisMethod method : { CostBasisMethod::Fifo, CostBasisMethod::AverageCost })
        m_ui->methodCombo->addItem(costBasisMethodLabel(method), int(method));
    m_ui->methodCombo->setCurrentIndex(m_ui->methodCombo->findData(int(m_original.costBasisMethod)));

    m_ui->messageLabel->setMinimumHeight(3 * fontMetrics().lineSpacing());
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_ui->messageIcon->setPixmap(
        style()->standardIcon(QStyle::SP_MessageBoxWarning, nullptr, this).pixmap(iconSize, iconSize));
    m_ui->messageIcon->setFixedSize(iconSize, iconSize);
    // Keep the icon's space so the text does not jump when it appears.
    QSizePolicy policy = m_ui->messageIcon->sizePolicy();
    policy.setRetainSizeWhenHidden(true);
    m_ui->messageIcon->setSizePolicy(policy);

    connect(m_ui->nameEdit, &QLineEdit::textChanged, this, &PortfolioDialog::validateInput);
    connect(m_ui->currencyCombo, &QComboBox::editTextChanged, this, &PortfolioDialog::validateInput);
    connect(m_ui->methodCombo, &QComboBox::currentIndexChanged, this, &PortfolioDialog::validateInput);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &PortfolioDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &PortfolioDialog::reject);

    validateInput();
    m_ui->nameEdit->setFocus();
    resize(std::max(width(), sizeHint().width()), sizeHint().height());
}

PortfolioDialog::~PortfolioDialog() = default;

void PortfolioDialog::setPortfolio(const Portfolio &portfolio)
{
    m_original = portfolio;
    m_editing = true;
    setWindowTitle(tr("Edit Portfolio"));
    m_ui->nameEdit->setText(portfolio.name);
    m_ui->currencyCombo->setCurrentText(portfolio.baseCurrency);
    m_ui->methodCombo->setCurrentIndex(m_ui->methodCombo->findData(int(portfolio.costBasisMethod)));
    validateInput();
}

Portfolio PortfolioDialog::portfolio() const
{
    Portfolio portfolio = m_original;
    portfolio.name = m_ui->nameEdit->text().trimmed();
    portfolio.baseCurrency = m_ui->currencyCombo->currentText().trimmed().toUpper();
    portfolio.costBasisMethod = CostBasisMethod(m_ui->methodCombo->currentData().toInt());
    return portfolio;
}

bool PortfolioDialog::costBasisMethodChanged() const
{
    return m_editing && portfolio().costBasisMethod != m_original.costBasisMethod;
}

QString PortfolioDialog::readProblem(const Portfolio &portfolio) const
{
    if (portfolio.name.isEmpty())
        return tr("Name: enter a name for the portfolio.");
    const bool taken = std::any_of(m_portfolios.cbegin(), m_portfolios.cend(), [&](const Portfolio &other) {
        return other.id != m_original.id
            && QString::compare(other.name.trimmed(), portfolio.name, Qt::CaseInsensitive) == 0;
    });
    if (taken)
        return tr("Name: there is already a portfolio named '%1'.").arg(portfolio.name);
    if (portfolio.baseCurrency.isEmpty())
        return tr("Base currency: enter a currency code such as EUR.");
    if (!currency::isValidCode(portfolio.baseCurrency))
        return tr("Base currency: '%1' is not a currency code (3 to 5 letters or digits).").arg(portfolio.baseCurrency);
    return {};
}

// Accepted, but worth knowing before OK.
QString PortfolioDialog::note(const Portfolio &portfolio) const
{
    if (costBasisMethodChanged()) {
        return tr("Cost basis: with %1, the holdings, cost basis and realized gains of this portfolio are "
                  "recomputed from all its entries.")
            .arg(costBasisMethodLabel(portfolio.costBasisMethod));
    }
    if (!hasReferenceRates(portfolio.baseCurrency)) {
        return tr("Base currency: the ECB publishes no reference rates for %1, so amounts in other currencies "
                  "cannot be converted to it.")
            .arg(portfolio.baseCurrency);
    }
    return {};
}

void PortfolioDialog::validateInput()
{
    const Portfolio current = portfolio();
    m_problem = readProblem(current);
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(m_problem.isEmpty());
    if (!m_problem.isEmpty())
        showMessage(m_problem, true);
    else
        showMessage(note(current), true);
}

void PortfolioDialog::showMessage(const QString &text, bool warning)
{
    m_ui->messageLabel->setText(text);
    m_ui->messageIcon->setVisible(warning && !text.isEmpty());
}

void PortfolioDialog::accept()
{
    validateInput();
    if (!m_problem.isEmpty())
        return;
    QDialog::accept();
}

} // namespace pt::gui
