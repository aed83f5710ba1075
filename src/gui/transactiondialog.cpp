#include "gui/transactiondialog.h"

#include "domain/transactionrules.h"
#include "gui/decimalvalidator.h"
#include "gui/displaytext.h"
#include "gui/transactionfields.h"
#include "money/currency.h"
#include "ui_transactiondialog.h"

#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QStyle>

#include <algorithm>
#include <array>
#include <set>

namespace pt::gui {

namespace {

constexpr std::array AllTypes{
    TransactionType::Buy,     TransactionType::Sell,    TransactionType::Dividend,
    TransactionType::Interest, TransactionType::Fee,    TransactionType::Tax,
    TransactionType::Split,   TransactionType::Deposit, TransactionType::Withdrawal,
    TransactionType::Transfer,
};

// Offered in the currency box besides the portfolio's and the assets' own.
constexpr std::array CommonCurrencies{u"EUR", u"USD", u"GBP", u"CHF", u"JPY"};

} // namespace

TransactionDialog::TransactionDialog(Portfolio portfolio, std::vector<Asset> assets,
                                     std::vector<Portfolio> portfolios, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::TransactionDialog>())
    , m_decimalValidator(new DecimalValidator(this))
    , m_portfolio(std::move(portfolio))
    , m_assets(std::move(assets))
    , m_portfolios(std::move(portfolios))
{
    m_ui->setupUi(this);
    m_original.portfolioId = m_portfolio.id;
    m_original.type = TransactionType::Buy;
    m_original.date = QDate::currentDate();

    for (QLineEdit *edit : {m_ui->quantityEdit, m_ui->priceEdit, m_ui->amountEdit, m_ui->feeEdit,
                            m_ui->splitNumeratorEdit, m_ui->splitDenominatorEdit}) {
        edit->setValidator(m_decimalValidator);
        edit->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        connect(edit, &QLineEdit::textChanged, this, &TransactionDialog::validateInput);
    }
    m_ui->currencyCombo->setValidator(new QRegularExpressionValidator(
        QRegularExpression(QStringLiteral("[A-Za-z0-9]{0,5}")), m_ui->currencyCombo));
    m_ui->dateEdit->setDisplayFormat(dateFormat());
    m_ui->messageLabel->setMinimumHeight(2 * fontMetrics().lineSpacing());
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_ui->messageIcon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning, nullptr, this)
                                     .pixmap(iconSize, iconSize));
    m_ui->messageIcon->setFixedSize(iconSize, iconSize);

    populate();

    connect(m_ui->typeCombo, &QComboBox::currentIndexChanged, this, &TransactionDialog::updateFields);
    connect(m_ui->assetCombo, &QComboBox::currentIndexChanged, this, &TransactionDialog::updateFields);
    connect(m_ui->counterpartyCombo, &QComboBox::currentIndexChanged, this,
            &TransactionDialog::validateInput);
    connect(m_ui->currencyCombo, &QComboBox::editTextChanged, this, &TransactionDialog::validateInput);
    connect(m_ui->dateEdit, &QDateEdit::dateChanged, this, &TransactionDialog::validateInput);
    connect(m_ui->noteEdit, &QLineEdit::textChanged, this, &TransactionDialog::validateInput);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &TransactionDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &TransactionDialog::reject);

    updateFields();
    m_ui->typeCombo->setFocus();
    resize(std::max(width(), sizeHint().width()), height());
}

TransactionDialog::~TransactionDialog() = default;

void TransactionDialog::populate()
{
    for (TransactionType type : AllTypes)
        m_ui->typeCombo->addItem(transactionTypeLabel(type), int(type));

    m_ui->assetCombo->addItem(tr("None", "no asset"), QVariant::fromValue(qint64(0)));
    for (const Asset &asset : m_assets) {
        const QString text = asset.name.isEmpty() ? asset.symbol
                                                  : tr("%1 – %2", "asset: symbol – name").arg(asset.symbol, asset.name);
        m_ui->assetCombo->addItem(text, QVariant::fromValue(qint64(asset.id)));
    }
    if (!m_assets.empty())
        m_ui->assetCombo->setCurrentIndex(1);

    for (const Portfolio &portfolio : m_portfolios) {
        if (portfolio.id != m_original.portfolioId)
            m_ui->counterpartyCombo->addItem(portfolio.name, QVariant::fromValue(qint64(portfolio.id)));
    }

    std::set<QString> currencies{m_portfolio.baseCurrency};
    for (const Asset &asset : m_assets)
        currencies.insert(asset.currency);
    for (const char16_t *code : CommonCurrencies)
        currencies.insert(QString::fromUtf16(code));
    for (const QString &code : currencies) {
        if (!code.isEmpty())
            m_ui->currencyCombo->addItem(code);
    }
    m_ui->currencyCombo->setCurrentText(m_portfolio.baseCurrency);
    m_ui->dateEdit->setDate(m_original.date);
}

void TransactionDialog::setTransaction(const Transaction &transaction)
{
    m_original = transaction;
    setWindowTitle(tr("Edit Transaction"));

    // The target of a transfer is any portfolio but the entry's own.
    m_ui->counterpartyCombo->clear();
    for (const Portfolio &portfolio : m_portfolios) {
        if (portfolio.id != transaction.portfolioId)
            m_ui->counterpartyCombo->addItem(portfolio.name, QVariant::fromValue(qint64(portfolio.id)));
    }

    m_ui->typeCombo->setCurrentIndex(m_ui->typeCombo->findData(int(transaction.type)));
    m_ui->dateEdit->setDate(transaction.date);
    m_ui->assetCombo->setCurrentIndex(
        std::max(0, m_ui->assetCombo->findData(QVariant::fromValue(qint64(transaction.assetId)))));
    m_ui->counterpartyCombo->setCurrentIndex(
        m_ui->counterpartyCombo->findData(QVariant::fromValue(qint64(transaction.counterpartyPortfolioId))));

    const auto fields = TransactionFields::of(transaction.type, transaction.assetId != 0);
    setDecimalText(m_ui->quantityEdit, fields.quantity ? transaction.quantity : Decimal());
    setDecimalText(m_ui->priceEdit, fields.price ? transaction.price : Decimal());
    setDecimalText(m_ui->amountEdit, fields.amount ? transaction.amount : Decimal());
    setDecimalText(m_ui->feeEdit, fields.fee ? transaction.fee : Decimal());
    setDecimalText(m_ui->splitNumeratorEdit, fields.split ? transaction.splitNumerator : Decimal());
    setDecimalText(m_ui->splitDenominatorEdit, fields.split ? transaction.splitDenominator : Decimal());
    m_ui->currencyCombo->setCurrentText(transaction.currency);
    m_ui->noteEdit->setText(transaction.note);
    updateFields();
}

void TransactionDialog::setDecimalText(QLineEdit *edit, Decimal value) const
{
    // Exact, in the user's locale; a zero reads as an empty (optional) field.
    edit->setText(value.isZero() || !value.isValid()
                      ? QString()
                      : formatTrimmed(value, 0, Decimal::Scale, m_decimalValidator->locale()));
}

Transaction TransactionDialog::transaction() const
{
    return result() == QDialog::Accepted && m_save ? m_saved : readInput().transaction;
}

void TransactionDialog::setSaveFunction(SaveFunction save)
{
    m_save = std::move(save);
}

const Asset *TransactionDialog::selectedAsset() const
{
    const RowId id = m_ui->assetCombo->currentData().toLongLong();
    const auto it = std::find_if(m_assets.cbegin(), m_assets.cend(), [id](const Asset &a) { return a.id == id; });
    return it != m_assets.cend() ? &*it : nullptr;
}

void TransactionDialog::updateFields()
{
    const auto type = TransactionType(m_ui->typeCombo->currentData().toInt());
    const Asset *asset = selectedAsset();
    const auto fields = TransactionFields::of(type, asset != nullptr);

    QFormLayout *form = m_ui->formLayout;
    form->setRowVisible(m_ui->assetCombo, fields.asset);
    form->setRowVisible(m_ui->counterpartyCombo, fields.counterparty);
    form->setRowVisible(m_ui->quantityEdit, fields.quantity);
    form->setRowVisible(m_ui->priceEdit, fields.price);
    form->setRowVisible(m_ui->amountEdit, fields.amount);
    form->setRowVisible(m_ui->feeEdit, fields.fee);
    form->setRowVisible(m_ui->splitLayout, fields.split);

    // An entry about an asset is in the asset's currency; other entries get
    // back the currency chosen before.
    if (fields.asset && asset) {
        if (!m_currencyFromAsset)
            m_chosenCurrency = m_ui->currencyCombo->currentText();
        m_currencyFromAsset = true;
        m_ui->currencyCombo->setCurrentText(asset->currency);
        m_ui->currencyCombo->setEnabled(false);
    } else {
        if (m_currencyFromAsset)
            m_ui->currencyCombo->setCurrentText(m_chosenCurrency);
        m_currencyFromAsset = false;
        m_ui->currencyCombo->setEnabled(true);
    }
    m_ui->amountLabel->setText(type == TransactionType::Dividend ? tr("Gross a&mount:") : tr("A&mount:"));
    m_ui->feeLabel->setText(type == TransactionType::Dividend ? tr("&Withheld:") : tr("&Fee:"));

    validateInput();
    // Fit the height to the rows shown; keep the width the user chose.
    resize(width(), sizeHint().height());
}

bool TransactionDialog::readDecimal(const QLineEdit *edit, const QString &field, bool required,
                                    Decimal &value, QString &problem) const
{
    const QString text = edit->text().trimmed();
    if (text.isEmpty()) {
        value = Decimal();
        if (required)
            problem = tr("%1: enter a number.", "%1 is a field name").arg(field);
        return !required;
    }
    const auto parsed = Decimal::parse(text, m_decimalValidator->locale());
    if (!parsed) {
        problem = tr("%1: %2", "field name: why its value is refused").arg(field, parsed.error());
        return false;
    }
    value = *parsed;
    return true;
}

TransactionDialog::Input TransactionDialog::readInput() const
{
    Input input;
    Transaction &t = input.transaction;
    t = m_original;
    t.type = TransactionType(m_ui->typeCombo->currentData().toInt());
    t.date = m_ui->dateEdit->date();
    const Asset *asset = selectedAsset();
    const auto fields = TransactionFields::of(t.type, asset != nullptr);
    if (!fields.asset)
        asset = nullptr;
    t.assetId = asset ? asset->id : 0;
    t.counterpartyPortfolioId = fields.counterparty ? m_ui->counterpartyCombo->currentData().toLongLong() : 0;
    t.quantity = t.price = t.amount = t.fee = t.splitNumerator = t.splitDenominator = Decimal();
    t.currency = asset ? asset->currency : m_ui->currencyCombo->currentText().trimmed().toUpper();
    t.note = m_ui->noteEdit->text().trimmed();

    QString &problem = input.problem;
    if (fields.assetRequired && !asset) {
        problem = m_assets.empty() ? tr("Asset: the catalog has no assets yet.")
                                   : tr("Asset: choose the asset of this entry (%1).").arg(transactionTypeLabel(t.type));
        return input;
    }
    if (fields.counterparty && t.counterpartyPortfolioId == 0) {
        problem = tr("To portfolio: choose the portfolio to transfer to.");
        return input;
    }
    const bool ok = (!fields.quantity || readDecimal(m_ui->quantityEdit, tr("Quantity"), true, t.quantity, problem))
                    && (!fields.price || readDecimal(m_ui->priceEdit, tr("Price"), true, t.price, problem))
                    && (!fields.amount || readDecimal(m_ui->amountEdit, tr("Amount"), true, t.amount, problem))
                    && (!fields.fee || readDecimal(m_ui->feeEdit, tr("Fee"), false, t.fee, problem))
                    && (!fields.split
                        || (readDecimal(m_ui->splitNumeratorEdit, tr("New units"), true, t.splitNumerator, problem)
                            && readDecimal(m_ui->splitDenominatorEdit, tr("Old units"), true,
                                           t.splitDenominator, problem)));
    if (!ok)
        return input;
    if (t.currency.isEmpty()) {
        problem = tr("Currency: enter a currency code such as EUR.");
        return input;
    }
    if (!currency::isValidCode(t.currency)) {
        problem = tr("Currency: '%1' is not a currency code (3 to 5 letters or digits).").arg(t.currency);
        return input;
    }
    // Refused rather than cut off by a maximum length on the field, which
    // would shorten an older, longer note silently when its entry is edited.
    if (t.note.size() > MaxNoteLength) {
        problem = tr("Note: %1 characters long, at most %2 are allowed (a longer note could not be synced).")
                      .arg(t.note.size())
                      .arg(MaxNoteLength);
        return input;
    }
    if (const auto valid = validateTransaction(t, asset); !valid)
        problem = valid.error();
    return input;
}

QString TransactionDialog::summary(const Transaction &t) const
{
    if (t.type != TransactionType::Buy && t.type != TransactionType::Sell)
        return {};
    const Decimal gross = currency::roundToMinorUnit(t.quantity * t.price, t.currency);
    if (t.type == TransactionType::Buy)
        return tr("Cost: %1 %2, fee included.").arg(formatMoney(gross + t.fee, t.currency), t.currency);
    return tr("Proceeds: %1 %2, after the fee.").arg(formatMoney(gross - t.fee, t.currency), t.currency);
}

void TransactionDialog::validateInput()
{
    const Input input = readInput();
    m_problem = input.problem;
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(m_problem.isEmpty());
    if (m_problem.isEmpty())
        showMessage(summary(input.transaction), false);
    else
        showMessage(m_problem, true);
}

void TransactionDialog::showMessage(const QString &text, bool warning)
{
    m_ui->messageLabel->setText(text);
    // Keep the icon's space so the text does not jump when it appears.
    QSizePolicy policy = m_ui->messageIcon->sizePolicy();
    policy.setRetainSizeWhenHidden(true);
    m_ui->messageIcon->setSizePolicy(policy);
    m_ui->messageIcon->setVisible(warning && !text.isEmpty());
}

void TransactionDialog::accept()
{
    const Input input = readInput();
    if (!input.problem.isEmpty()) {
        showMessage(input.problem, true);
        return;
    }
    if (m_save) {
        auto saved = m_save(input.transaction);
        if (!saved) {
            showMessage(tr("Not saved: %1").arg(saved.error()), true);
            return;
        }
        m_saved = std::move(saved).value();
    }
    QDialog::accept();
}

} // namespace pt::gui
