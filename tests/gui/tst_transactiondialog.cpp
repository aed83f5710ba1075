#include "teststore.h"

#include "gui/decimalvalidator.h"
#include "domain/transactionrules.h"
#include "gui/transactiondialog.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>

using namespace pt;
using namespace pt::gui;
using pt::test::dec;

Q_DECLARE_METATYPE(QValidator::State)

class TestTransactionDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void startsRefusingEmptyInput();
    void refusesNegativeQuantity();
    void refusesIncompleteAndInvalidNumbers();
    void acceptsValidBuy();
    void refusesANoteTooLongToSync();
    void typeShowsItsFields();
    void transferWithoutAssetMovesCash();
    void editsExistingEntry();
    void keepsOpenWhenSaveIsRefused();
    void validatorStates_data();
    void validatorStates();

private:
    template<typename T>
    T *child(const char *name) const
    {
        auto *widget = m_dialog->findChild<T *>(QString::fromLatin1(name));
        if (!widget)
            qFatal("no child %s", name);
        return widget;
    }
    QPushButton *okButton() const
    {
        return child<QDialogButtonBox>("buttonBox")->button(QDialogButtonBox::Ok);
    }
    QString message() const { return child<QLabel>("messageLabel")->text(); }
    bool shown(const char *name) const { return child<QWidget>(name)->isVisible(); }
    void chooseType(TransactionType type)
    {
        auto *combo = child<QComboBox>("typeCombo");
        combo->setCurrentIndex(combo->findData(int(type)));
    }

    Portfolio m_portfolio;
    Portfolio m_other;
    std::vector<Asset> m_assets;
    std::unique_ptr<TransactionDialog> m_dialog;
};

void TestTransactionDialog::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    m_portfolio.id = 1;
    m_portfolio.name = QStringLiteral("Growth");
    m_portfolio.baseCurrency = QStringLiteral("EUR");
    m_other.id = 2;
    m_other.name = QStringLiteral("Savings");
    m_other.baseCurrency = QStringLiteral("EUR");

    Asset sap;
    sap.id = 10;
    sap.symbol = QStringLiteral("SAP");
    sap.name = QStringLiteral("SAP SE");
    sap.currency = QStringLiteral("EUR");
    Asset aapl;
    aapl.id = 11;
    aapl.symbol = QStringLiteral("AAPL");
    aapl.name = QStringLiteral("Apple");
    aapl.currency = QStringLiteral("USD");
    m_assets = {sap, aapl};
}

void TestTransactionDialog::init()
{
    m_dialog = std::make_unique<TransactionDialog>(m_portfolio, m_assets, std::vector<Portfolio>{m_portfolio, m_other});
    m_dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
}

void TestTransactionDialog::cleanup()
{
    m_dialog.reset();
}

void TestTransactionDialog::startsRefusingEmptyInput()
{
    // A buy of the first asset, nothing typed yet.
    QCOMPARE(child<QComboBox>("typeCombo")->currentData().toInt(), int(TransactionType::Buy));
    QCOMPARE(child<QComboBox>("typeCombo")->count(), 10);
    QCOMPARE(child<QComboBox>("assetCombo")->currentText(), QStringLiteral("SAP – SAP SE"));
    QVERIFY(!okButton()->isEnabled());
    QVERIFY(!m_dialog->isInputValid());
    QVERIFY2(message().startsWith(QStringLiteral("Quantity")), qPrintable(message()));
    QVERIFY(shown("messageIcon"));
}

void TestTransactionDialog::refusesNegativeQuantity()
{
    QTest::keyClicks(child<QLineEdit>("quantityEdit"), QStringLiteral("-5"));
    QTest::keyClicks(child<QLineEdit>("priceEdit"), QStringLiteral("100"));
    QCOMPARE(child<QLineEdit>("quantityEdit")->text(), QStringLiteral("-5"));
    QVERIFY(!okButton()->isEnabled());
    // The ledger's own rule, naming the field and the value.
    QVERIFY2(message().contains(QStringLiteral("-5")), qPrintable(message()));
    QVERIFY2(message().contains(QStringLiteral("quantity"), Qt::CaseInsensitive), qPrintable(message()));
}

void TestTransactionDialog::refusesIncompleteAndInvalidNumbers()
{
    auto *quantity = child<QLineEdit>("quantityEdit");
    QTest::keyClicks(child<QLineEdit>("priceEdit"), QStringLiteral("100"));

    // A lone sign is text on its way to a number: kept, and explained.
    QTest::keyClicks(quantity, QStringLiteral("-"));
    QCOMPARE(quantity->text(), QStringLiteral("-"));
    QVERIFY(!okButton()->isEnabled());
    QVERIFY2(message().startsWith(QStringLiteral("Quantity: '-'")), qPrintable(message()));

    // Junk keys never reach the field.
    quantity->clear();
    QTest::keyClicks(quantity, QStringLiteral("12a.5.x"));
    QCOMPARE(quantity->text(), QStringLiteral("12.5"));
    QVERIFY(okButton()->isEnabled());

    // Text set without the keyboard is still checked.
    quantity->setText(QStringLiteral("1.2.3"));
    QVERIFY(!okButton()->isEnabled());
    QVERIFY2(message().startsWith(QStringLiteral("Quantity: '1.2.3'")), qPrintable(message()));

    // An empty price is refused by name.
    quantity->setText(QStringLiteral("1"));
    child<QLineEdit>("priceEdit")->clear();
    QVERIFY(!okButton()->isEnabled());
    QVERIFY2(message().startsWith(QStringLiteral("Price")), qPrintable(message()));
}

void TestTransactionDialog::acceptsValidBuy()
{
    child<QDateEdit>("dateEdit")->setDate(QDate(2024, 3, 1));
    QTest::keyClicks(child<QLineEdit>("quantityEdit"), QStringLiteral("10"));
    QTest::keyClicks(child<QLineEdit>("priceEdit"), QStringLiteral("1,120.5"));
    QTest::keyClicks(child<QLineEdit>("feeEdit"), QStringLiteral("4.95"));
    QVERIFY2(okButton()->isEnabled(), qPrintable(message()));
    QVERIFY(m_dialog->isInputValid());
    QVERIFY(!shown("messageIcon"));
    QCOMPARE(message(), QStringLiteral("Cost: 11,209.95 EUR, fee included."));
    // The currency is the asset's and cannot be changed.
    QVERIFY(!child<QComboBox>("currencyCombo")->isEnabled());

    const Transaction t = m_dialog->transaction();
    QCOMPARE(t.portfolioId, m_portfolio.id);
    QCOMPARE(t.type, TransactionType::Buy);
    QCOMPARE(t.date, QDate(2024, 3, 1));
    QCOMPARE(t.assetId, RowId(10));
    QCOMPARE(t.quantity, dec("10"));
    QCOMPARE(t.price, dec("1120.5"));
    QCOMPARE(t.fee, dec("4.95"));
    QCOMPARE(t.currency, QStringLiteral("EUR"));
    QCOMPARE(t.amount, Decimal());

    // Choosing the US asset switches the currency with it.
    child<QComboBox>("assetCombo")->setCurrentIndex(2);
    QCOMPARE(m_dialog->transaction().currency, QStringLiteral("USD"));
    QCOMPARE(m_dialog->transaction().assetId, RowId(11));

    QTest::mouseClick(okButton(), Qt::LeftButton);
    QCOMPARE(m_dialog->result(), int(QDialog::Accepted));
}

void TestTransactionDialog::refusesANoteTooLongToSync()
{
    child<QDateEdit>("dateEdit")->setDate(QDate(2024, 3, 1));
    QTest::keyClicks(child<QLineEdit>("quantityEdit"), QStringLiteral("10"));
    QTest::keyClicks(child<QLineEdit>("priceEdit"), QStringLiteral("100"));
    auto *note = child<QLineEdit>("noteEdit");
    note->setText(QString(MaxNoteLength, u'n'));
    QVERIFY2(okButton()->isEnabled(), qPrintable(message()));
    // One more: refused with the reason, not cut off (the field has no
    // maximum length, which would shorten an older note silently).
    note->setText(QString(MaxNoteLength + 1, u'n'));
    QCOMPARE(note->text().size(), MaxNoteLength + 1);
    QVERIFY(!okButton()->isEnabled());
    QCOMPARE(message(), QStringLiteral("Note: 2001 characters long, at most 2000 are allowed (a longer note could not "
                                       "be synced)."));
}

void TestTransactionDialog::typeShowsItsFields()
{
    // Buy: asset, quantity, price, fee.
    QVERIFY(shown("assetCombo") && shown("quantityEdit") && shown("priceEdit") && shown("feeEdit"));
    QVERIFY(!shown("amountEdit") && !shown("splitNumeratorEdit") && !shown("counterpartyCombo"));

    child<QComboBox>("assetCombo")->setCurrentIndex(2); // AAPL, in USD
    QCOMPARE(child<QComboBox>("currencyCombo")->currentText(), QStringLiteral("USD"));

    chooseType(TransactionType::Deposit);
    QVERIFY(shown("amountEdit"));
    QVERIFY(!shown("assetCombo") && !shown("quantityEdit") && !shown("priceEdit") && !shown("feeEdit"));
    QVERIFY(child<QComboBox>("currencyCombo")->isEnabled());
    QVERIFY2(message().startsWith(QStringLiteral("Amount")), qPrintable(message()));
    QTest::keyClicks(child<QLineEdit>("amountEdit"), QStringLiteral("2500"));
    QVERIFY2(okButton()->isEnabled(), qPrintable(message()));
    const Transaction deposit = m_dialog->transaction();
    QCOMPARE(deposit.type, TransactionType::Deposit);
    QCOMPARE(deposit.assetId, RowId(0)); // the hidden asset does not leak in
    QCOMPARE(deposit.amount, dec("2500"));
    QCOMPARE(deposit.currency, QStringLiteral("EUR")); // the portfolio's again, not the asset's

    chooseType(TransactionType::Dividend);
    QVERIFY(shown("assetCombo") && shown("amountEdit") && shown("feeEdit"));
    QVERIFY(!shown("quantityEdit") && !shown("priceEdit"));

    chooseType(TransactionType::Split);
    QVERIFY(shown("assetCombo") && shown("splitNumeratorEdit") && shown("splitDenominatorEdit"));
    QVERIFY(!shown("quantityEdit") && !shown("amountEdit") && !shown("feeEdit"));

    chooseType(TransactionType::Transfer);
    QVERIFY(shown("counterpartyCombo") && shown("assetCombo") && shown("quantityEdit"));
    QVERIFY(!shown("amountEdit") && !shown("priceEdit"));
    // Only the other portfolio is a target.
    QCOMPARE(child<QComboBox>("counterpartyCombo")->count(), 1);
    QCOMPARE(child<QComboBox>("counterpartyCombo")->currentText(), QStringLiteral("Savings"));
}

void TestTransactionDialog::transferWithoutAssetMovesCash()
{
    chooseType(TransactionType::Transfer);
    child<QComboBox>("assetCombo")->setCurrentIndex(0); // none
    QVERIFY(shown("amountEdit") && !shown("quantityEdit"));
    QTest::keyClicks(child<QLineEdit>("amountEdit"), QStringLiteral("300"));
    QVERIFY2(okButton()->isEnabled(), qPrintable(message()));
    const Transaction t = m_dialog->transaction();
    QCOMPARE(t.counterpartyPortfolioId, m_other.id);
    QCOMPARE(t.assetId, RowId(0));
    QCOMPARE(t.amount, dec("300"));
}

void TestTransactionDialog::editsExistingEntry()
{
    Transaction sell;
    sell.id = 42;
    sell.portfolioId = m_portfolio.id;
    sell.type = TransactionType::Sell;
    sell.date = QDate(2023, 6, 30);
    sell.assetId = 11;
    sell.quantity = dec("2.5");
    sell.price = dec("1234.5678");
    sell.currency = QStringLiteral("USD");
    sell.note = QStringLiteral("rebalance");
    m_dialog->setTransaction(sell);

    QCOMPARE(m_dialog->windowTitle(), QStringLiteral("Edit Transaction"));
    QCOMPARE(child<QLineEdit>("quantityEdit")->text(), QStringLiteral("2.5"));
    QCOMPARE(child<QLineEdit>("priceEdit")->text(), QStringLiteral("1,234.5678"));
    QCOMPARE(child<QLineEdit>("feeEdit")->text(), QString());
    QVERIFY2(okButton()->isEnabled(), qPrintable(message()));
    const Transaction t = m_dialog->transaction();
    QCOMPARE(t.id, RowId(42));
    QCOMPARE(t.type, TransactionType::Sell);
    QCOMPARE(t.price, dec("1234.5678"));
    QCOMPARE(t.note, QStringLiteral("rebalance"));
}

void TestTransactionDialog::keepsOpenWhenSaveIsRefused()
{
    int calls = 0;
    bool refuse = true;
    m_dialog->setSaveFunction([&](const Transaction &t) -> Result<Transaction> {
        ++calls;
        if (refuse)
            return Error{QStringLiteral("Selling 5 SAP on 2024-03-01, but only 2 are held")};
        Transaction stored = t;
        stored.id = 7;
        return stored;
    });
    chooseType(TransactionType::Sell);
    QTest::keyClicks(child<QLineEdit>("quantityEdit"), QStringLiteral("5"));
    QTest::keyClicks(child<QLineEdit>("priceEdit"), QStringLiteral("100"));
    QVERIFY2(okButton()->isEnabled(), qPrintable(message()));

    QTest::mouseClick(okButton(), Qt::LeftButton);
    QCOMPARE(calls, 1);
    QVERIFY(m_dialog->isVisible());
    QVERIFY2(message().contains(QStringLiteral("only 2 are held")), qPrintable(message()));
    QVERIFY(shown("messageIcon"));

    refuse = false;
    QTest::mouseClick(okButton(), Qt::LeftButton);
    QCOMPARE(calls, 2);
    QVERIFY(!m_dialog->isVisible());
    QCOMPARE(m_dialog->result(), int(QDialog::Accepted));
    QCOMPARE(m_dialog->transaction().id, RowId(7));
}

void TestTransactionDialog::validatorStates_data()
{
    QTest::addColumn<QString>("locale");
    QTest::addColumn<QString>("input");
    QTest::addColumn<QValidator::State>("state");

    const QString en = QStringLiteral("en_US");
    const QString de = QStringLiteral("de_DE");
    QTest::newRow("empty") << en << QString() << QValidator::Intermediate;
    QTest::newRow("integer") << en << QStringLiteral("12") << QValidator::Acceptable;
    QTest::newRow("negative") << en << QStringLiteral("-12.5") << QValidator::Acceptable;
    QTest::newRow("grouped") << en << QStringLiteral("1,234.5") << QValidator::Acceptable;
    QTest::newRow("satoshi") << en << QStringLiteral("0.00000001") << QValidator::Acceptable;
    QTest::newRow("12 decimals") << en << QStringLiteral("0.123456789012") << QValidator::Acceptable;
    QTest::newRow("lone minus") << en << QStringLiteral("-") << QValidator::Intermediate;
    QTest::newRow("lone point") << en << QStringLiteral(".") << QValidator::Intermediate;
    QTest::newRow("group being typed") << en << QStringLiteral("1,23") << QValidator::Intermediate;
    QTest::newRow("trailing group") << en << QStringLiteral("1,") << QValidator::Intermediate;
    QTest::newRow("letters") << en << QStringLiteral("abc") << QValidator::Invalid;
    QTest::newRow("trailing letter") << en << QStringLiteral("12a") << QValidator::Invalid;
    QTest::newRow("two points") << en << QStringLiteral("1.2.3") << QValidator::Invalid;
    QTest::newRow("group after point") << en << QStringLiteral("1.234,5") << QValidator::Invalid;
    QTest::newRow("13 decimals") << en << QStringLiteral("0.1234567890123") << QValidator::Invalid;
    QTest::newRow("too many digits") << en << QStringLiteral("1234567890123456789012345678") << QValidator::Invalid;
    QTest::newRow("minus inside") << en << QStringLiteral("1-2") << QValidator::Invalid;
    QTest::newRow("de grouped") << de << QStringLiteral("1.234,5") << QValidator::Acceptable;
    QTest::newRow("de plain") << de << QStringLiteral("1234,5") << QValidator::Acceptable;
    QTest::newRow("de negative") << de << QStringLiteral("-0,75") << QValidator::Acceptable;
    QTest::newRow("de group being typed") << de << QStringLiteral("1.2") << QValidator::Intermediate;
    QTest::newRow("de trailing comma") << de << QStringLiteral("1,") << QValidator::Acceptable;
    QTest::newRow("de two commas") << de << QStringLiteral("1,2,3") << QValidator::Invalid;
    QTest::newRow("de letters") << de << QStringLiteral("1,5 EUR") << QValidator::Invalid;
}

void TestTransactionDialog::validatorStates()
{
    QFETCH(QString, locale);
    QFETCH(QString, input);
    QFETCH(QValidator::State, state);

    DecimalValidator validator;
    validator.setLocale(QLocale(locale));
    int position = int(input.size());
    QCOMPARE(validator.validate(input, position), state);
}

QTEST_MAIN(TestTransactionDialog)
#include "tst_transactiondialog.moc"
