#pragma once

#include "domain/types.h"
#include "result.h"

#include <QDialog>

#include <functional>
#include <memory>
#include <vector>

class QLineEdit;

namespace Ui {
class TransactionDialog;
}

namespace pt::gui {

class DecimalValidator;

// Enters or edits one ledger entry. Shows only the fields the chosen type uses,
// checks the input on every edit (the numbers in the user's locale, then
// pt::validateTransaction()) and says why it is refused; OK stays disabled until
// the entry is valid. With a save function set, OK stores the entry through it
// and keeps the dialog open, with the reason, when it is refused (for example a
// sell of more units than held).
class TransactionDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransactionDialog)

public:
    // Stores an entry and returns it as stored, or why it was not.
    using SaveFunction = std::function<Result<Transaction>(const Transaction &)>;

    // `portfolio`: the one the entry belongs to; `assets`: the catalog to choose
    // from; `portfolios`: every portfolio, for the target of a transfer.
    TransactionDialog(Portfolio portfolio, std::vector<Asset> assets,
                      std::vector<Portfolio> portfolios, QWidget *parent = nullptr);
    ~TransactionDialog() override;

    // Fills the fields from an existing entry, to edit it.
    void setTransaction(const Transaction &transaction);
    // The entry as stored after the dialog was accepted with a save function;
    // otherwise the entry the fields describe.
    Transaction transaction() const;

    void setSaveFunction(SaveFunction save);

    // Whether the current input is a valid entry, and the reason when it is not.
    bool isInputValid() const { return m_problem.isEmpty(); }
    QString problem() const { return m_problem; }

    void accept() override;

private:
    struct Input
    {
        Transaction transaction;
        QString problem; // empty when the entry is valid
    };

    void populate();
    void updateFields();
    void validateInput();
    Input readInput() const;
    bool readDecimal(const QLineEdit *edit, const QString &field, bool required, Decimal &value,
                     QString &problem) const;
    const Asset *selectedAsset() const;
    QString summary(const Transaction &transaction) const;
    void showMessage(const QString &text, bool warning);
    void setDecimalText(QLineEdit *edit, Decimal value) const;

    std::unique_ptr<Ui::TransactionDialog> m_ui;
    DecimalValidator *m_decimalValidator = nullptr;
    Portfolio m_portfolio;
    std::vector<Asset> m_assets;
    std::vector<Portfolio> m_portfolios;
    Transaction m_original; // the entry being edited, or a new one of m_portfolio
    Transaction m_saved;
    SaveFunction m_save;
    QString m_problem;
    QString m_chosenCurrency;        // for entries without an asset
    bool m_currencyFromAsset = false; // the currency box shows the asset's
};

} // namespace pt::gui
