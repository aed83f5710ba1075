#pragma once

#include "domain/types.h"
#include "ledger/ledgerservice.h"

#include <QMainWindow>
#include <QTimer>

#include <memory>
#include <optional>

class QAction;
class QLabel;
class QSettings;
class QProgressBar;
class QTableView;
class QUndoStack;

namespace Ui {
class MainWindow;
}

namespace pt::store {
class Database;
}

namespace pt::marketdata {
class ProviderRegistry;
}

namespace pt::secrets {
class Keychain;
}

namespace pt::jobs {
class JobRunner;
class PriceCache;
}

namespace pt::gui {

class AlertsModel;
class AssetDetailView;
class DashboardView;
class ValuationService;
struct AppSettings;
class SyncController;
class SyncStatusButton;
struct AppSettings;
class AlertsView;
class ConnectionIndicator;
class DecimalSortProxyModel;
class HoldingsModel;
class JobsModel;
class JobsView;
class LingeringVisibility;
class PortfolioListModel;
class TransactionCommand;
class TransactionFilterProxyModel;
class TransactionsModel;

// The desktop app's window: the portfolios on the left; the selected one's
// holdings and transactions on the right. Transactions are added, edited and
// deleted through the ledger service, which refuses changes that would leave
// the book inconsistent. Market data runs in the background: the jobs dock
// and the status bar follow the job runner, the asset search asks the
// providers on worker threads, and nothing here waits for the network. The
// alerts dock shows the alerts log (C7).
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(std::shared_ptr<store::Database> database, QWidget *parent = nullptr);
    ~MainWindow() override;

    // The selected portfolio, 0 when there is none or "All portfolios" is selected.
    RowId currentPortfolioId() const;
    bool allPortfoliosSelected() const;
    void selectPortfolio(RowId id);

    // Market data, both optional and owned by the caller, which keeps them
    // alive longer than the window (and than the searches it starts). Without
    // providers the asset search covers the local catalog only; without a
    // runner the jobs view shows the queue as stored.
    void setProviders(const marketdata::ProviderRegistry *providers);
    void setJobRunner(const jobs::JobRunner *runner);
    JobsModel *jobsModel() const { return m_jobsModel; }
    AlertsModel *alertsModel() const { return m_alertsModel; }
    // Window size and position, docks, toolbar and splitter: restored from and
    // saved to `settings` (when the window closes, once setSettings() named it).
    void restoreLayout(const QSettings &settings);
    void saveLayout(QSettings &settings) const;
    // The app's settings, read again when Settings is accepted; also applies
    // the sync settings (interval, CA file).
    void setSettings(QSettings *settings);
    SyncController *syncController() const { return m_sync; }

    // Whether the holdings or transactions of the selection are still being
    // read (on workers); loaded() follows when both are in.
    bool isLoading() const { return m_holdingsLoading || m_transactionsLoading; }
    // The valuation behind the dashboard; recomputed after every change.
    ValuationService *valuationService() const { return m_valuation; }
    void showAssetDetail(RowId assetId, RowId portfolioId);

    // Said when the store cannot be opened (before there is a window).
    static QString cannotOpenStoreText(const QString &path, const QString &error);
    // Said when another process runs this store's job queue.
    void showJobsRunElsewhere();

    // On a store without portfolios, offers to create one or to explore the
    // sample portfolio (unless the user said not to, in `settings`).
    void offerFirstRun(QSettings &settings);
    // An online copy of the store into `path` (on a worker); backedUp() or
    // the status bar says how it went. File ▸ Back Up… asks for the path.
    void backUpTo(const QString &path);
    // File ▸ Restore… once a file is chosen: checks it (on a worker), shows
    // what it holds and asks; if the user agrees it becomes the store's pending
    // restore (see exchange/pendingrestore.h) and the window closes so the app
    // restarts and applies it. restoreScheduled() says how it went.
    void restoreFrom(const QString &path);
    // A file named on the command line (a double click on a backup): once the
    // event loop runs, restoreFrom() with it, relative to the current folder.
    void restoreWhenShown(const QString &path);
    // The user chose to restart (to restore a backup): main() starts the app again.
    bool restartRequested() const { return m_restartRequested; }

    // Writes the sample portfolio (on a worker), then selects it.
    void openSample();
    void removeSample();

    // Adds, edits and deletes of transactions, undoable (Ctrl+Z) and redoable.
    QUndoStack *undoStack() const { return m_undoStack; }
    // Raises the alerts log (from a notification, or View ▸ Alerts).
    void showAlerts();

Q_SIGNALS:
    void loaded();
    // The settings dialog was accepted; what it changed that lives outside
    // the window (refresh interval, close time) is for the caller to apply.
    void settingsChanged(const pt::gui::AppSettings &settings);
    // A backup finished: `error` is empty when it was written.
    void backedUp(const QString &path, const QString &error);
    // A restore from `path` was scheduled (`error` empty), refused or cancelled.
    void restoreScheduled(const QString &path, const QString &error);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void setupViews();
    void setupActions();
    void setupJobs();
    void setupAlerts();
    void setupSync(const secrets::Keychain &keychain);
    void applySyncSettings(const AppSettings &settings);

    // Reading the store: the portfolio list on the GUI thread (it is small),
    // the selection's holdings and transactions on workers.
    void reloadPortfolios();
    // Selects the portfolio `step` rows below (or above) the current one, wrapping.
    void stepPortfolio(int step);
    // What the sidebar selects: a portfolio's id, 0 for "All portfolios", or nothing.
    std::optional<RowId> selectedScope() const;
    void loadSelection();
    void finishLoading();
    void refreshHoldings();

    void updateCash();
    void updateActions();
    void showLoadError(const QString &error);

    void setupDashboard();
    void newPortfolio();
    void editPortfolio();
    void openPortfolioDialog(const Portfolio *existing);
    void openSettings();
    void backUp();
    void restore();
    // File ▸ Import Transactions…: the CSV import wizard for the selected portfolio.
    void importTransactions();
    void updateSampleAction();
    void newTransaction();
    void editTransaction();
    void deleteTransaction();
    void openTransactionDialog(const Transaction *existing);
    void applySavedTransaction(const Transaction &saved, const Transaction *before);
    void pushTransactionCommand(TransactionCommand *command);
    void undoFailed(const QString &error);
    void searchAssets();
    void refreshPrices();
    void updateJobActivity(int running, int percent);
    void about();

    const Transaction *selectedTransaction() const;

    std::unique_ptr<Ui::MainWindow> m_ui;
    std::shared_ptr<store::Database> m_database;
    std::shared_ptr<jobs::PriceCache> m_priceCache; // the runner's: refreshes fill it
    ledger::LedgerService m_ledger;
    PortfolioListModel *m_portfolios = nullptr;
    HoldingsModel *m_holdings = nullptr;
    TransactionsModel *m_transactions = nullptr;
    DecimalSortProxyModel *m_holdingsProxy = nullptr;
    TransactionFilterProxyModel *m_transactionsProxy = nullptr;
    QLabel *m_storeLabel = nullptr;
    JobsModel *m_jobsModel = nullptr;
    JobsView *m_jobsView = nullptr;
    ConnectionIndicator *m_connection = nullptr;
    QProgressBar *m_jobsProgress = nullptr;
    LingeringVisibility *m_jobsProgressVisibility = nullptr;
    QTimer m_revalueLater;
    bool m_pricesChanged = false;
    AlertsModel *m_alertsModel = nullptr;
    AlertsView *m_alertsView = nullptr;
    QUndoStack *m_undoStack = nullptr;
    QSettings *m_settings = nullptr;
    SyncController *m_sync = nullptr;
    SyncStatusButton *m_syncButton = nullptr;
    QAction *m_syncNow = nullptr;
    ValuationService *m_valuation = nullptr;
    DashboardView *m_dashboard = nullptr;
    AssetDetailView *m_assetDetail = nullptr;
    int m_assetTab = -1;
    QAction *m_removeSample = nullptr;
    quint64 m_holdingsGeneration = 0;
    quint64 m_transactionsGeneration = 0;
    bool m_holdingsLoading = false;
    bool m_transactionsLoading = false;
    const marketdata::ProviderRegistry *m_providers = nullptr;
    QString m_loadError;
    bool m_restartRequested = false;
};

} // namespace pt::gui
