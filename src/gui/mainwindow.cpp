// MainWindow: set-up, the selection and what it loads, market data and the
// docks. Portfolios and settings are in mainwindowportfolios.cpp, ledger
// changes in mainwindowtransactions.cpp.

#include "gui/mainwindow.h"

#include "gui/alertsmodel.h"
#include "gui/alertsview.h"
#include "gui/assetdetailview.h"
#include "gui/assetsearchdialog.h"
#include "gui/connectionindicator.h"
#include "gui/dashboardview.h"
#include "gui/decimalsortproxymodel.h"
#include "gui/displaytext.h"
#include "gui/futures.h"
#include "gui/holdingsmodel.h"
#include "gui/importwizard.h"
#include "gui/jobsmodel.h"
#include "gui/jobsview.h"
#include "gui/lingeringvisibility.h"
#include "gui/logging.h"
#include "gui/marketdatatext.h"
#include "gui/portfoliolistmodel.h"
#include "gui/transactionfilterbar.h"
#include "gui/transactionfilterproxymodel.h"
#include "gui/transactionsmodel.h"
#include "gui/valuationservice.h"
#include "gui/viewsizing.h"
#include "jobs/jobrunner.h"
#include "jobs/pricecache.h"
#include "marketdata/providerregistry.h"
#include "secrets/keychain.h"
#include "store/assetrepository.h"
#include "store/database.h"
#include "store/jobrepository.h"
#include "ui_mainwindow.h"

#include <QCloseEvent>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QSettings>
#include <QtConcurrent/QtConcurrentRun>
#include <QTimer>
#include <QUndoStack>

#include <optional>
#include <utility>
#include <set>

namespace pt::gui {

namespace {

// The desktop theme's icon where there is one (so the app looks native), else
// our own SVG, crisp at any scale (resources/icons/actions).
QIcon actionIcon(const QString &name)
{
    return QIcon::fromTheme(name, QIcon(QStringLiteral(":/icons/actions/%1.svg").arg(name)));
}

} // namespace

MainWindow::MainWindow(std::shared_ptr<store::Database> database, QWidget *parent)
    : QMainWindow(parent)
    , m_ui(std::make_unique<Ui::MainWindow>())
    , m_database(std::move(database))
    , m_ledger(*m_database)
    , m_portfolios(new PortfolioListModel(this))
    , m_holdings(new HoldingsModel(this))
    , m_transactions(new TransactionsModel(this))
    , m_holdingsProxy(new DecimalSortProxyModel(this))
    , m_transactionsProxy(new TransactionFilterProxyModel(this))
    , m_jobsModel(new JobsModel(this))
    , m_alertsModel(new AlertsModel(this))
    , m_undoStack(new QUndoStack(this))
    , m_valuation(new ValuationService(this))
{
    m_ui->setupUi(this);
    setupViews();
    setupActions();
    setupJobs();
    setupAlerts();
    setupDashboard();
    setupSync(secrets::Keychain());

    m_storeLabel = new QLabel(tr("Store: %1").arg(QDir::toNativeSeparators(m_database->location())), this);
    m_storeLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statusBar()->addPermanentWidget(m_jobsProgress);
    statusBar()->addPermanentWidget(m_connection);
    statusBar()->addPermanentWidget(m_storeLabel);

    reloadPortfolios();
    m_jobsModel->reload();
    m_alertsModel->reload();
    m_valuation->recompute();
}

MainWindow::~MainWindow() = default;

void MainWindow::setupViews()
{
    // Typical widest values, in the user's locale.
    const Decimal money = Decimal::fromInteger(123456789) / Decimal(100);   // 1,234,567.89
    const Decimal quantity = Decimal::fromInteger(123412345678) / Decimal::fromInteger(100000000);
    const Decimal price = Decimal::fromInteger(123456789) / Decimal::fromInteger(10000);
    const QString moneyText = formatMoney(money, u"EUR");
    QStringList dates;
    for (int month = 1; month <= 12; ++month)
        dates << formatDate(QDate(2024, month, 28));
    QStringList types{TransactionsModel::tr("Transfer out"), TransactionsModel::tr("Transfer in")};
    for (int type = int(TransactionType::Buy); type <= int(TransactionType::Transfer); ++type)
        types << transactionTypeLabel(TransactionType(type));

    m_portfolios->setShowAll(true);
    m_ui->portfolioView->setModel(m_portfolios);
    setColumnWidths(m_ui->portfolioView, {{PortfolioListModel::tr("All portfolios"), QStringLiteral("Sample portfolio")},
                                          {QStringLiteral("EUR")}});

    m_holdingsProxy->setSourceModel(m_holdings);
    m_ui->holdingsView->setModel(m_holdingsProxy);
    const QString percent = HoldingsModel::tr("%1 %").arg(formatTrimmed(Decimal(-10000) / Decimal(100), 2, 2));
    setColumnWidths(m_ui->holdingsView,
                    {{QStringLiteral("SAMPLE-WORLD")}, {QStringLiteral("Deutsche Telekom AG")},
                     {formatQuantity(quantity)}, {formatPrice(price, u"EUR")},
                     {HoldingsModel::tr("%1 (stale)", "a price date older than the staleness limit")
                          .arg(QLocale().toString(QDate(2024, 12, 28), QLocale::ShortFormat))},
                     {moneyText}, {moneyText}, {u'-' + moneyText}, {percent}, {percent},
                     {formatPrice(price, u"EUR")}, {u'-' + moneyText}, {moneyText}});
    m_ui->holdingsView->sortByColumn(HoldingsModel::SymbolColumn, Qt::AscendingOrder);

    m_transactionsProxy->setSourceModel(m_transactions);
    m_ui->transactionsView->setModel(m_transactionsProxy);
    m_ui->transactionsLayout->insertWidget(0, new TransactionFilterBar(m_transactionsProxy, m_ui->transactionsTab));

    // Holdings filter by what any column shows (symbol, name, currency).
    auto *holdingsFilter = new QLineEdit(m_ui->holdingsTab);
    holdingsFilter->setObjectName(QStringLiteral("holdingsFilterEdit"));
    holdingsFilter->setPlaceholderText(tr("Filter holdings by symbol, name or currency"));
    holdingsFilter->setClearButtonEnabled(true);
    m_ui->holdingsLayout->insertWidget(0, holdingsFilter);
    m_holdingsProxy->setFilterKeyColumn(-1);
    m_holdingsProxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    connect(holdingsFilter, &QLineEdit::textChanged, m_holdingsProxy, &QSortFilterProxyModel::setFilterFixedString);
    setColumnWidths(m_ui->transactionsView,
                    {dates, types, {QStringLiteral("BTC-EUR")}, {formatQuantity(quantity)},
                     {formatPrice(price, u"EUR")}, {moneyText},
                     {formatMoney(Decimal::fromInteger(123456) / Decimal(100), u"EUR")},
                     {QStringLiteral("USDT")}});
    m_ui->transactionsView->sortByColumn(TransactionsModel::DateColumn, Qt::DescendingOrder);

    m_ui->splitter->setStretchFactor(0, 0);
    m_ui->splitter->setStretchFactor(1, 1);
    m_ui->splitter->setSizes({300, 940});

    connect(m_ui->portfolioView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &) { loadSelection(); });
    connect(m_ui->transactionsView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::updateActions);
    connect(m_ui->transactionsView, &QTableView::doubleClicked, this, &MainWindow::editTransaction);
}

void MainWindow::setupActions()
{
    m_ui->actionNewTransaction->setIcon(actionIcon(QStringLiteral("document-new")));
    m_ui->actionEditTransaction->setIcon(
        actionIcon(QStringLiteral("document-edit")));
    m_ui->actionDeleteTransaction->setIcon(actionIcon(QStringLiteral("edit-delete")));
    m_ui->actionQuit->setShortcut(QKeySequence::Quit);

    // Enter and Delete act on the transactions table only, not on every widget.
    m_ui->actionEditTransaction->setShortcuts({QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)});
    m_ui->actionDeleteTransaction->setShortcut(QKeySequence::Delete);
    for (QAction *action : {m_ui->actionEditTransaction, m_ui->actionDeleteTransaction}) {
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        m_ui->transactionsView->addAction(action);
    }

    QAction *undo = m_undoStack->createUndoAction(this, tr("&Undo"));
    undo->setObjectName(QStringLiteral("actionUndo"));
    undo->setShortcut(QKeySequence::Undo);
    undo->setIcon(actionIcon(QStringLiteral("edit-undo")));
    QAction *redo = m_undoStack->createRedoAction(this, tr("&Redo"));
    redo->setObjectName(QStringLiteral("actionRedo"));
    redo->setShortcuts(QKeySequence::keyBindings(QKeySequence::Redo) << QKeySequence(tr("Ctrl+Y", "Edit|Redo")));
    redo->setIcon(actionIcon(QStringLiteral("edit-redo")));
    m_ui->editMenu->addAction(undo);
    m_ui->editMenu->addAction(redo);
    QAction *beforeSearch = m_ui->mainToolBar->insertSeparator(m_ui->actionAddAsset);
    m_ui->mainToolBar->insertAction(beforeSearch, undo);
    m_ui->mainToolBar->insertAction(beforeSearch, redo);
    m_ui->editMenu->addSeparator();
    auto *settings = new QAction(tr("&Settings…"), this);
    settings->setObjectName(QStringLiteral("actionSettings"));
    settings->setMenuRole(QAction::PreferencesRole);
    settings->setShortcuts(QKeySequence::keyBindings(QKeySequence::Preferences)
                           << QKeySequence(tr("Ctrl+,", "Edit|Settings")));
    settings->setIcon(actionIcon(QStringLiteral("configure")));
    connect(settings, &QAction::triggered, this, &MainWindow::openSettings);
    m_ui->editMenu->addAction(settings);

    auto *editPortfolio = new QAction(tr("&Edit Portfolio…"), this);
    editPortfolio->setObjectName(QStringLiteral("actionEditPortfolio"));
    connect(editPortfolio, &QAction::triggered, this, &MainWindow::editPortfolio);
    m_ui->fileMenu->insertAction(m_ui->actionQuit, editPortfolio);
    auto *backUp = new QAction(tr("&Back Up…"), this);
    backUp->setObjectName(QStringLiteral("actionBackUp"));
    backUp->setToolTip(tr("Copy the whole store into a file, while the app keeps working"));
    connect(backUp, &QAction::triggered, this, &MainWindow::backUp);
    m_ui->fileMenu->insertAction(m_ui->actionQuit, backUp);
    auto *restore = new QAction(tr("&Restore…"), this);
    restore->setObjectName(QStringLiteral("actionRestore"));
    restore->setToolTip(tr("Replace the store with a backup; Portfolio Tracker restarts to do it"));
    connect(restore, &QAction::triggered, this, &MainWindow::restore);
    m_ui->fileMenu->insertAction(m_ui->actionQuit, restore);
    auto *importTransactions = new QAction(tr("&Import Transactions…"), this);
    importTransactions->setObjectName(QStringLiteral("actionImportTransactions"));
    importTransactions->setToolTip(tr("Read transactions from a CSV file into the selected portfolio"));
    connect(importTransactions, &QAction::triggered, this, &MainWindow::importTransactions);
    m_ui->fileMenu->insertAction(m_ui->actionQuit, importTransactions);
    m_removeSample = new QAction(tr("Remove &Sample Portfolio"), this);
    m_removeSample->setObjectName(QStringLiteral("actionRemoveSample"));
    m_removeSample->setVisible(false);
    connect(m_removeSample, &QAction::triggered, this, &MainWindow::removeSample);
    m_ui->fileMenu->insertAction(m_ui->actionQuit, m_removeSample);
    m_ui->fileMenu->insertSeparator(m_ui->actionQuit);

    // Next and previous portfolio, as tabs switch in browsers.
    auto *nextPortfolio = new QAction(tr("&Next Portfolio"), this);
    nextPortfolio->setObjectName(QStringLiteral("actionNextPortfolio"));
    nextPortfolio->setShortcut(QKeySequence(tr("Ctrl+PgDown", "View|Next Portfolio")));
    connect(nextPortfolio, &QAction::triggered, this, [this] { stepPortfolio(1); });
    auto *previousPortfolio = new QAction(tr("&Previous Portfolio"), this);
    previousPortfolio->setObjectName(QStringLiteral("actionPreviousPortfolio"));
    previousPortfolio->setShortcut(QKeySequence(tr("Ctrl+PgUp", "View|Previous Portfolio")));
    connect(previousPortfolio, &QAction::triggered, this, [this] { stepPortfolio(-1); });
    m_ui->viewMenu->addAction(nextPortfolio);
    m_ui->viewMenu->addAction(previousPortfolio);
    m_ui->viewMenu->addSeparator();

    connect(m_ui->actionNewPortfolio, &QAction::triggered, this, &MainWindow::newPortfolio);
    connect(m_ui->actionQuit, &QAction::triggered, this, &MainWindow::close);
    connect(m_ui->actionNewTransaction, &QAction::triggered, this, &MainWindow::newTransaction);
    connect(m_ui->actionEditTransaction, &QAction::triggered, this, &MainWindow::editTransaction);
    connect(m_ui->actionDeleteTransaction, &QAction::triggered, this, &MainWindow::deleteTransaction);
    connect(m_ui->actionAbout, &QAction::triggered, this, &MainWindow::about);

    m_ui->actionAddAsset->setIcon(actionIcon(QStringLiteral("edit-find")));
    m_ui->actionRefreshPrices->setIcon(actionIcon(QStringLiteral("view-refresh")));
    connect(m_ui->actionAddAsset, &QAction::triggered, this, &MainWindow::searchAssets);
    connect(m_ui->actionRefreshPrices, &QAction::triggered, this, &MainWindow::refreshPrices);
    updateActions();
}

void MainWindow::setupJobs()
{
    m_jobsModel->setDatabase(m_database);
    m_jobsView = new JobsView(m_jobsModel, m_database, m_ui->jobsDockContents);
    m_ui->jobsDockLayout->addWidget(m_jobsView);
    resizeDocks({m_ui->jobsDock}, {fontMetrics().height() * 11}, Qt::Vertical);

    QAction *toggleJobs = m_ui->jobsDock->toggleViewAction();
    toggleJobs->setObjectName(QStringLiteral("actionShowJobs"));
    toggleJobs->setText(tr("&Jobs"));
    toggleJobs->setToolTip(tr("Show or hide the background jobs (Ctrl+J)"));
    toggleJobs->setShortcut(QKeySequence(tr("Ctrl+J", "View|Jobs")));
    m_ui->viewMenu->addAction(toggleJobs);

    m_jobsProgress = new QProgressBar(this);
    m_jobsProgress->setObjectName(QStringLiteral("statusProgressBar"));
    m_jobsProgress->setRange(0, 100);
    m_jobsProgress->setMaximumWidth(fontMetrics().averageCharWidth() * 22);
    m_jobsProgress->setMaximumHeight(fontMetrics().height() + 4);
    m_jobsProgress->setVisible(false);
    m_jobsProgressVisibility = new LingeringVisibility(m_jobsProgress);
    m_connection = new ConnectionIndicator(this);
    m_connection->setVisible(false); // until there are providers to be on- or offline for

    connect(m_jobsModel, &JobsModel::activityChanged, this, &MainWindow::updateJobActivity);
    connect(m_jobsModel, &JobsModel::loaded, this,
            [this] { m_connection->setLastRefresh(m_jobsModel->lastRefresh()); });
    connect(m_jobsView, &JobsView::retried, this,
            [this](const QString &message) { statusBar()->showMessage(message, 5000); });
}

void MainWindow::setupAlerts()
{
    m_alertsModel->setDatabase(m_database);
    m_alertsView = new AlertsView(m_alertsModel, m_ui->alertsDockContents);
    m_ui->alertsDockLayout->addWidget(m_alertsView);
    tabifyDockWidget(m_ui->jobsDock, m_ui->alertsDock);
    m_ui->jobsDock->raise();

    QAction *toggleAlerts = m_ui->alertsDock->toggleViewAction();
    toggleAlerts->setObjectName(QStringLiteral("actionShowAlerts"));
    toggleAlerts->setText(tr("&Alerts"));
    toggleAlerts->setToolTip(tr("Show or hide the alerts log (Ctrl+Shift+A)"));
    toggleAlerts->setShortcut(QKeySequence(tr("Ctrl+Shift+A", "View|Alerts")));
    m_ui->viewMenu->addAction(toggleAlerts);

    // The dock's tab says how many alerts are unread.
    connect(m_alertsModel, &AlertsModel::unreadCountChanged, this, [this](int unread) {
        m_ui->alertsDock->setWindowTitle(unread > 0 ? tr("Alerts (%1)").arg(unread) : tr("Alerts"));
    });
    connect(m_alertsModel, &AlertsModel::loadFailed, this, &MainWindow::showLoadError);
}

void MainWindow::importTransactions()
{
    const Portfolio *portfolio = m_portfolios->portfolioAt(m_ui->portfolioView->currentIndex().row());
    if (!portfolio) {
        statusBar()->showMessage(tr("Select the portfolio to import into."), 5000);
        return;
    }
    auto *wizard = new ImportWizard(m_database, *portfolio, this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    connect(wizard, &ImportWizard::imported, this, [this](RowId portfolioId, qint64 added) {
        statusBar()->showMessage(tr("Imported %n transaction(s).", "", int(added)), 5000);
        if (currentPortfolioId() == portfolioId || allPortfoliosSelected())
            loadSelection();
        m_valuation->recompute();
        m_jobsModel->reload(); // new holdings may have queued backfills
    });
    wizard->open();
}

void MainWindow::showAlerts()
{
    m_ui->alertsDock->show();
    m_ui->alertsDock->raise();
    activateWindow();
}

void MainWindow::setProviders(const marketdata::ProviderRegistry *providers)
{
    m_providers = providers;
    if (m_providers) {
        m_connection->setHttpClient(&m_providers->http());
        m_connection->setVisible(true);
    }
}

void MainWindow::setJobRunner(const jobs::JobRunner *runner)
{
    if (!runner)
        return;
    m_jobsModel->follow(runner);
    m_connection->follow(runner);
    m_priceCache = runner->priceCache();
    // New latest prices show in the holdings as soon as a refresh stores them.
    // New prices or rates: revalue, but not after every one of a thousand
    // backfills — at most every couple of seconds while the runner works, and
    // at once when it is done.
    m_revalueLater.setSingleShot(true);
    m_revalueLater.setInterval(std::chrono::seconds(2));
    connect(&m_revalueLater, &QTimer::timeout, m_valuation, &ValuationService::recompute);
    connect(runner, &jobs::JobRunner::jobFinished, this, [this](const store::Job &job) {
        if (job.state != store::Job::State::Done)
            return;
        if (job.kind == store::Job::Kind::Refresh)
            refreshHoldings();
        m_pricesChanged = true;
        if (!m_revalueLater.isActive())
            m_revalueLater.start();
    });
    // Jobs queued elsewhere (a backfill for a new holding) show once the
    // runner has worked through what was due.
    connect(runner, &jobs::JobRunner::idle, this, [this] {
        m_jobsModel->reload();
        if (std::exchange(m_pricesChanged, false)) {
            m_revalueLater.stop();
            m_valuation->recompute();
        }
    });
}

void MainWindow::updateJobActivity(int running, int percent)
{
    m_jobsProgressVisibility->setBusy(running > 0);
    m_jobsProgress->setValue(std::max(percent, 0));
    m_jobsProgress->setToolTip(tr("Jobs running: %1").arg(running));
}

void MainWindow::searchAssets()
{
    if (findChild<AssetSearchDialog *>())
        return; // one at a time
    auto *dialog = new AssetSearchDialog(m_database, m_providers, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const Asset &asset = dialog->asset();
        statusBar()->showMessage(asset.dataSource.isEmpty() || asset.tracked
                                     ? tr("%1 is in the catalog.").arg(asset.symbol)
                                     : tr("%1 is in the catalog; its prices come from %2.")
                                           .arg(asset.symbol, sourceLabel(asset.dataSource)),
                                 5000);
    });
    dialog->open();
}

void MainWindow::refreshPrices()
{
    // Reading the catalog and queueing run on the pool; the runner picks the
    // jobs up from the queue.
    auto queue = [database = m_database]() -> Result<std::vector<store::Job>> {
        const auto assets = store::AssetRepository(*database).list();
        if (!assets)
            return Error{assets.error()};
        std::set<QString> sources;
        for (const Asset &asset : *assets) {
            if (asset.tracked && !asset.synthetic && !asset.dataSource.isEmpty())
                sources.insert(asset.dataSource);
        }
        std::vector<store::Job> queued;
        const store::JobRepository jobs(*database);
        for (const QString &source : sources) {
            auto job = jobs.enqueueRefresh(source);
            if (!job)
                return Error{job.error()};
            queued.push_back(std::move(job).value());
        }
        return queued;
    };
    whenReady(QtConcurrent::run(std::move(queue)), this, [this](Result<std::vector<store::Job>> queued) {
        if (!queued) {
            const QString message = tr("The refresh was not queued: %1").arg(queued.error());
            qCWarning(lcGui).noquote() << message;
            statusBar()->showMessage(message, 10000);
            return;
        }
        if (queued->empty()) {
            statusBar()->showMessage(tr("No tracked assets to refresh. An asset is tracked once a "
                                        "transaction brings it into a portfolio."),
                                     8000);
            return;
        }
        QStringList names;
        for (const store::Job &job : *queued) {
            m_jobsModel->updateJob(job);
            names << sourceLabel(job.source);
        }
        statusBar()->showMessage(tr("Refreshing prices from %1…").arg(names.join(QStringLiteral(", "))), 5000);
    });
}

RowId MainWindow::currentPortfolioId() const
{
    const Portfolio *portfolio = m_portfolios->portfolioAt(m_ui->portfolioView->currentIndex().row());
    return portfolio ? portfolio->id : 0;
}

std::optional<RowId> MainWindow::selectedScope() const
{
    const int row = m_ui->portfolioView->currentIndex().row();
    if (m_portfolios->isAllRow(row))
        return RowId(0);
    if (const Portfolio *portfolio = m_portfolios->portfolioAt(row))
        return portfolio->id;
    return std::nullopt;
}

bool MainWindow::allPortfoliosSelected() const
{
    return selectedScope() == RowId(0);
}

void MainWindow::selectPortfolio(RowId id)
{
    const int row = m_portfolios->rowOf(id);
    if (row >= 0)
        m_ui->portfolioView->setCurrentIndex(m_portfolios->index(row, PortfolioListModel::NameColumn));
}

void MainWindow::stepPortfolio(int step)
{
    const int count = m_portfolios->rowCount();
    if (count == 0)
        return;
    const int row = m_ui->portfolioView->currentIndex().row();
    const int next = ((row < 0 ? 0 : row + step) % count + count) % count; // wraps around
    m_ui->portfolioView->setCurrentIndex(m_portfolios->index(next, PortfolioListModel::NameColumn));
}

void MainWindow::restoreLayout(const QSettings &settings)
{
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    m_ui->splitter->restoreState(settings.value(QStringLiteral("window/splitter")).toByteArray());
}

void MainWindow::saveLayout(QSettings &settings) const
{
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/splitter"), m_ui->splitter->saveState());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_settings)
        saveLayout(*m_settings);
    QMainWindow::closeEvent(event);
}

void MainWindow::reloadPortfolios()
{
    const std::optional<RowId> previous = selectedScope();
    if (const auto loaded = m_portfolios->reload(*m_database); !loaded) {
        showLoadError(tr("The portfolios could not be read: %1").arg(loaded.error()));
        return;
    }
    updateSampleAction();
    if (m_portfolios->rowCount() == 0) {
        loadSelection();
        return;
    }
    // The same portfolio as before; else "All portfolios", the overview.
    const RowId wanted = previous && *previous != 0 ? *previous : PortfolioListModel::AllPortfolios;
    const int row = std::max(0, m_portfolios->rowOf(wanted));
    m_ui->portfolioView->setCurrentIndex(m_portfolios->index(row, PortfolioListModel::NameColumn));
}

void MainWindow::loadSelection()
{
    m_loadError.clear();
    const std::optional<RowId> scope = selectedScope();
    if (m_dashboard)
        m_dashboard->setPortfolioId(scope.value_or(0));
    const quint64 generation = ++m_transactionsGeneration;
    if (!scope) {
        m_transactions->clear();
        m_transactionsLoading = false;
    } else {
        // Read on a worker: a large book takes a while, and the window stays
        // usable meanwhile. Scope 0 is every portfolio's entries.
        m_transactionsLoading = true;
        auto database = m_database;
        const RowId id = *scope;
        whenReady(QtConcurrent::run([database, id] { return TransactionsModel::load(*database, id); }), this,
                  [this, generation](Result<TransactionsModel::Content> content) {
                      if (generation != m_transactionsGeneration)
                          return; // another selection since
                      m_transactionsLoading = false;
                      if (content)
                          m_transactions->setContent(std::move(content).value());
                      else
                          showLoadError(tr("The transactions could not be read: %1").arg(content.error()));
                      updateActions();
                      finishLoading();
                  });
    }
    refreshHoldings();
    updateActions();
}

void MainWindow::refreshHoldings()
{
    const std::optional<RowId> scope = selectedScope();
    const quint64 generation = ++m_holdingsGeneration;
    if (!scope) {
        m_holdings->clear();
        m_holdingsLoading = false;
        updateCash();
        finishLoading();
        return;
    }
    // The ledger replay and the latest prices, on a worker (scope 0: every
    // portfolio's positions added up).
    m_holdingsLoading = true;
    auto database = m_database;
    auto cache = m_priceCache;
    const RowId id = *scope;
    const QString totalCurrency = m_valuation->totalCurrency();
    whenReady(QtConcurrent::run([database, cache, id, totalCurrency] {
                  return HoldingsModel::load(*database, id, cache.get(), totalCurrency);
              }),
              this, [this, generation](Result<HoldingsModel::Content> content) {
                  if (generation != m_holdingsGeneration)
                      return;
                  m_holdingsLoading = false;
                  if (content) {
                      m_loadError.clear();
                      m_holdings->setContent(std::move(content).value());
                  } else {
                      m_holdings->clear();
                      showLoadError(tr("The holdings could not be derived: %1").arg(content.error()));
                  }
                  updateCash();
                  finishLoading();
              });
    if (m_holdings->rowCount() == 0 && m_loadError.isEmpty())
        m_ui->cashLabel->setText(tr("Loading…"));
}

void MainWindow::finishLoading()
{
    if (!isLoading())
        Q_EMIT loaded();
}

void MainWindow::showLoadError(const QString &error)
{
    qCWarning(lcGui).noquote() << error;
    m_loadError = error;
    statusBar()->showMessage(error);
}

void MainWindow::updateCash()
{
    if (!m_loadError.isEmpty()) {
        m_ui->cashLabel->setText(m_loadError);
        return;
    }
    if (m_portfolios->rowCount() == 0) {
        m_ui->cashLabel->setText(tr("No portfolios yet. Create one with File ▸ New Portfolio…"));
        return;
    }
    QStringList balances;
    for (const auto &[currency, amount] : m_holdings->cash()) {
        balances << tr("%1 %2", "cash balance: amount currency").arg(formatMoney(amount, currency), currency);
    }
    m_ui->cashLabel->setText(balances.isEmpty() ? tr("Cash: none")
                                                : tr("Cash: %1").arg(balances.join(QStringLiteral(" · "))));
}

void MainWindow::updateActions()
{
    const bool hasPortfolio = currentPortfolioId() != 0;
    const bool hasSelection = selectedTransaction() != nullptr;
    m_ui->actionNewTransaction->setEnabled(hasPortfolio);
    if (auto *editPortfolio = findChild<QAction *>(QStringLiteral("actionEditPortfolio")))
        editPortfolio->setEnabled(hasPortfolio);
    m_ui->actionEditTransaction->setEnabled(hasSelection);
    m_ui->actionDeleteTransaction->setEnabled(hasSelection);
}

const Transaction *MainWindow::selectedTransaction() const
{
    const QModelIndexList rows = m_ui->transactionsView->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return nullptr;
    return m_transactions->transactionAt(m_transactionsProxy->mapToSource(rows.first()).row());
}

void MainWindow::setupDashboard()
{
    m_valuation->setDatabase(m_database);
    m_dashboard = new DashboardView(m_valuation, m_ui->tabs);
    m_ui->tabs->insertTab(0, m_dashboard, tr("&Dashboard"));
    m_ui->tabs->setCurrentIndex(0);

    // The asset detail is a tab of its own, shown once an asset is opened.
    m_assetDetail = new AssetDetailView(m_ui->tabs);
    m_assetDetail->setDatabase(m_database);
    m_assetTab = m_ui->tabs->addTab(m_assetDetail, tr("&Asset"));
    m_ui->tabs->setTabVisible(m_assetTab, false);

    connect(m_dashboard, &DashboardView::holdingActivated, this,
            [this](RowId assetId, RowId portfolioId) { showAssetDetail(assetId, portfolioId); });
    connect(m_ui->holdingsView, &QTableView::activated, this, [this](const QModelIndex &index) {
        const ledger::Position *position = m_holdings->positionAt(m_holdingsProxy->mapToSource(index).row());
        if (position)
            showAssetDetail(position->assetId, currentPortfolioId());
    });
    connect(m_valuation, &ValuationService::failed, this, [this](const QString &message) {
        statusBar()->showMessage(tr("The valuation failed: %1").arg(message), 10000);
    });
}

void MainWindow::showAssetDetail(RowId assetId, RowId portfolioId)
{
    m_assetDetail->setAsset(assetId, portfolioId);
    m_ui->tabs->setTabVisible(m_assetTab, true);
    m_ui->tabs->setCurrentIndex(m_assetTab);
}

void MainWindow::about()
{
    QMessageBox::about(this, tr("About Portfolio Tracker"),
                       tr("<h3>Portfolio Tracker %1</h3>"
                          "<p>Tracks investment portfolios offline, exactly.</p>")
                           .arg(QStringLiteral(PT_VERSION)));
}

} // namespace pt::gui
