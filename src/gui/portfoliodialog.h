#pragma once

#include "domain/types.h"

#include <QDialog>

#include <memory>
#include <vector>

namespace Ui {
class PortfolioDialog;
}

namespace pt::gui {

// Creates a portfolio or edits one: its name (required, unique among the live
// portfolios), base currency and cost-basis method. Checks the input on every
// edit and says why it is refused; OK stays disabled until it is valid.
// Changing an existing portfolio's method is allowed, with a warning that its
// holdings and gains are recomputed. The dialog does not write to the store:
// the caller stores portfolio() through store::PortfolioRepository (add or
// update) after exec() returns Accepted.
class PortfolioDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PortfolioDialog)

public:
    // `portfolios`: the live portfolios, whose names a new name must not repeat.
    explicit PortfolioDialog(std::vector<Portfolio> portfolios, QWidget *parent = nullptr);
    ~PortfolioDialog() override;

    // Fills the fields from an existing portfolio, to edit it.
    void setPortfolio(const Portfolio &portfolio);
    // The portfolio the fields describe: a new one (id 0), or the edited one
    // (id and stamp kept) with the new values.
    Portfolio portfolio() const;
    // Whether an existing portfolio's cost-basis method was changed.
    bool costBasisMethodChanged() const;

    // Whether the current input is valid, and the reason when it is not.
    bool isInputValid() const { return m_problem.isEmpty(); }
    QString problem() const { return m_problem; }

    void accept() override;

private:
    void validateInput();
    QString readProblem(const Portfolio &portfolio) const;
    QString note(const Portfolio &portfolio) const;
    void showMessage(const QString &text, bool warning);

    std::unique_ptr<Ui::PortfolioDialog> m_ui;
    std::vector<Portfolio> m_portfolios;
    Portfolio m_original; // the portfolio being edited, or a new one
    bool m_editing = false;
    QString m_problem;
};

} // namespace pt::gui
