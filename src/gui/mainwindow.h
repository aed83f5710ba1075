#pragma once

#include "domain/types.h"
#include "ledger/ledgerservice.h"

#include <QMainWindow>

#include <memory>

class QLabel;
class QTableView;

namespace Ui {
class MainWindow;
}

namespace pt::store {
class Database;
}

namespace pt::gui {

class DecimalSortProxyModel;
class HoldingsModel;
class PortfolioListModel;
class TransactionsModel;

// The desktop app's window: the portfolios on the left; the selected one's
// holdings and transactions on the right. Transactions are added, edited and
// deleted through the ledger service, which refuses changes that would leave
// the book inconsistent.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(std::shared_ptr<store::Database> database, QWidget *parent = nullptr);
    ~MainWindow() override;

    // The selected portfolio, 0 when there is none.
    RowId currentPortfolioId() const;
    void selectPortfolio(RowId id);

private:
    void setupViews();
    void setupActions();

    // Reading the store. Everything the window shows is read through these two,
    // on the GUI thread for now; a later change moves them to a worker.
    void reloadPortfolios();
    void loadPortfolio(RowId portfolioId);
    void refreshHoldings();

    void updateCash();
    void updateActions();
    void showLoadError(const QString &error);

    void newPortfolio();
    void newTransaction();
    void editTransaction();
    void deleteTransaction();
    void openTransactionDialog(const Transaction *existing);
    void applySavedTransaction(const Transaction &saved);
    void about();

    const Transaction *selectedTransaction() const;

    std::unique_ptr<Ui::MainWindow> m_ui;
    std::shared_ptr<store::Database> m_database;
    ledger::LedgerService m_ledger;
    PortfolioListModel *m_portfolios = nullptr;
    HoldingsModel *m_holdings = nullptr;
    TransactionsModel *m_transactions = nullptr;
    DecimalSortProxyModel *m_holdingsProxy = nullptr;
    DecimalSortProxyModel *m_transactionsProxy = nullptr;
    QLabel *m_storeLabel = nullptr;
    QString m_loadError;
};

} // namespace pt::gui
