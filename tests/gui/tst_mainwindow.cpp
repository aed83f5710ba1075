#include "teststore.h"

#include "gui/assetsearchdialog.h"
#include "gui/connectionindicator.h"
#include "gui/jobsmodel.h"
#include "gui/jobsview.h"
#include "gui/holdingsmodel.h"
#include "gui/mainwindow.h"
#include "gui/portfoliodialog.h"
#include "gui/searchresultsmodel.h"
#include "gui/transactiondialog.h"
#include "store/backup.h"
#include "store/jobrepository.h"
#include "store/portfoliorepository.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QPushButton>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace pt;
using namespace pt::gui;

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void opensOnStore();
    void selectingPortfolioUpdatesTables();
    void addsTransactionThroughDialog();
    void deletesTransactionAfterConfirmation();
    void undoesAndRedoesEditsAndDeletes();
    void anUndoTheLedgerRefusesClearsTheHistory();
    void scriptedFlowFromANewPortfolio();
    void nextAndPreviousPortfolioWrapAround();
    void layoutIsSavedAndRestored();
    void backsUpTheStore();
    void jobsDockShowsQueueAndProgress();
    void retriesFailedJob();
    void refreshQueuesPerTrackedSource();
    void addAssetOpensSearch();
    void connectionIndicatorFollowsState();

private:
    template<typename T>
    T *child(const char *name) const
    {
        auto *object = m_window->findChild<T *>(QString::fromLatin1(name));
        if (!object)
            qFatal("no child %s", name);
        return object;
    }
    // The window reads holdings and transactions on workers: every look at a
    // table waits until what the last action asked for has arrived.
    void settle() const
    {
        if (!QTest::qWaitFor([this] { return !m_window->isLoading(); }, 10'000))
            qWarning("the window is still loading");
    }
    QString cell(const char *view, int row, int column) const
    {
        settle();
        return child<QTableView>(view)->model()->index(row, column).data().toString();
    }
    int rows(const char *view) const
    {
        settle();
        return child<QTableView>(view)->model()->rowCount();
    }
    QString cashText() const
    {
        settle();
        return child<QLabel>("cashLabel")->text();
    }
    void clickPortfolio(int row)
    {
        auto *view = child<QTableView>("portfolioView");
        const QRect rect = view->visualRect(view->model()->index(row, 0));
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rect.center());
    }

    std::unique_ptr<test::TestStore> m_store;
    std::unique_ptr<MainWindow> m_window;
    Portfolio m_growth;
    Portfolio m_cash;
    Asset m_sap;
};

void TestMainWindow::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    m_store = std::make_unique<test::TestStore>();
    const test::TestStore &s = *m_store;

    // "Cash only" sorts first, so the window opens on it.
    auto cash = s.addPortfolio(QStringLiteral("Cash only"), QStringLiteral("USD"));
    PT_VERIFY_OK(cash);
    m_cash = *cash;
    auto growth = s.addPortfolio(QStringLiteral("Growth"), QStringLiteral("EUR"));
    PT_VERIFY_OK(growth);
    m_growth = *growth;
    auto sap = s.addAsset(QStringLiteral("SAP"), QStringLiteral("SAP SE"), QStringLiteral("EUR"));
    PT_VERIFY_OK(sap);
    m_sap = *sap;

    PT_VERIFY_OK(s.cash(TransactionType::Deposit, m_cash, QDate(2024, 1, 2), "250", QStringLiteral("USD")));
    PT_VERIFY_OK(s.cash(TransactionType::Deposit, m_growth, QDate(2024, 1, 2), "5000", QStringLiteral("EUR")));
    PT_VERIFY_OK(s.trade(TransactionType::Buy, m_growth, m_sap, QDate(2024, 1, 10), "10", "100", "2.5"));
}

void TestMainWindow::init()
{
    m_window = std::make_unique<MainWindow>(m_store->database);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestMainWindow::cleanup()
{
    m_window.reset();
}

void TestMainWindow::opensOnStore()
{
    QCOMPARE(m_window->windowTitle(), QStringLiteral("Portfolio Tracker"));
    // The overview first: every portfolio together.
    QCOMPARE(rows("portfolioView"), 3);
    QCOMPARE(cell("portfolioView", 0, 0), QStringLiteral("All portfolios"));
    QCOMPARE(cell("portfolioView", 1, 0), QStringLiteral("Cash only"));
    QVERIFY(m_window->allPortfoliosSelected());
    QCOMPARE(m_window->currentPortfolioId(), 0);
    QCOMPARE(rows("holdingsView"), 1);
    QCOMPARE(rows("transactionsView"), 3);
    QCOMPARE(cashText(), QStringLiteral("Cash: 3,997.50 EUR · 250.00 USD"));
    QVERIFY(!child<QAction>("actionNewTransaction")->isEnabled()); // which portfolio would it go to?
    // Every toolbar action has an icon; without a desktop theme (here) our own
    // SVGs, which render at any size.
    for (const char *name : {"actionNewTransaction", "actionEditTransaction", "actionDeleteTransaction",
                             "actionUndo", "actionRedo", "actionAddAsset", "actionRefreshPrices", "actionSettings"}) {
        const QIcon icon = child<QAction>(name)->icon();
        QVERIFY2(!icon.pixmap(QSize(64, 64)).isNull(), name);
    }
    QCOMPARE(QIcon(QStringLiteral(":/icons/actions/edit-undo.svg")).pixmap(QSize(96, 96)).size(), QSize(96, 96));

    clickPortfolio(1);
    QCOMPARE(m_window->currentPortfolioId(), m_cash.id);
    QCOMPARE(rows("holdingsView"), 0);
    QCOMPARE(rows("transactionsView"), 1);
    QCOMPARE(cashText(), QStringLiteral("Cash: 250.00 USD"));

    const auto labels = m_window->statusBar()->findChildren<QLabel *>();
    const bool showsPath = std::any_of(labels.cbegin(), labels.cend(), [&](const QLabel *label) {
        return label->text().contains(m_store->database->location());
    });
    QVERIFY(showsPath);
}

void TestMainWindow::selectingPortfolioUpdatesTables()
{
    clickPortfolio(2);
    QCOMPARE(m_window->currentPortfolioId(), m_growth.id);

    QCOMPARE(rows("holdingsView"), 1);
    QCOMPARE(cell("holdingsView", 0, HoldingsModel::SymbolColumn), QStringLiteral("SAP"));
    QCOMPARE(cell("holdingsView", 0, HoldingsModel::QuantityColumn), QStringLiteral("10"));
    QCOMPARE(cell("holdingsView", 0, HoldingsModel::CostBasisColumn), QStringLiteral("1,002.50"));
    QCOMPARE(cell("holdingsView", 0, HoldingsModel::PriceColumn), QString()); // no price stored yet
    QCOMPARE(cashText(), QStringLiteral("Cash: 3,997.50 EUR"));
    // Newest first.
    QCOMPARE(rows("transactionsView"), 2);
    QCOMPARE(cell("transactionsView", 0, 1), QStringLiteral("Buy"));
    QCOMPARE(cell("transactionsView", 1, 1), QStringLiteral("Deposit"));

    clickPortfolio(1);
    QCOMPARE(m_window->currentPortfolioId(), m_cash.id);
    QCOMPARE(rows("holdingsView"), 0);
    QCOMPARE(rows("transactionsView"), 1);
}

void TestMainWindow::addsTransactionThroughDialog()
{
    m_window->selectPortfolio(m_growth.id);
    child<QAction>("actionNewTransaction")->trigger();
    auto *dialog = m_window->findChild<TransactionDialog *>();
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    auto *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    auto *type = dialog->findChild<QComboBox *>(QStringLiteral("typeCombo"));
    auto *quantity = dialog->findChild<QLineEdit *>(QStringLiteral("quantityEdit"));
    auto *message = dialog->findChild<QLabel *>(QStringLiteral("messageLabel"));

    // Selling more than held is valid on its own; the ledger service refuses it
    // and the dialog stays open saying why.
    type->setCurrentIndex(type->findData(int(TransactionType::Sell)));
    QTest::keyClicks(quantity, QStringLiteral("20"));
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("priceEdit")), QStringLiteral("110"));
    QVERIFY2(ok->isEnabled(), qPrintable(message->text()));
    QTest::mouseClick(ok, Qt::LeftButton);
    QVERIFY(dialog->isVisible());
    QVERIFY2(message->text().startsWith(QStringLiteral("Not saved:")), qPrintable(message->text()));
    QCOMPARE(rows("transactionsView"), 2);

    quantity->setText(QStringLiteral("4"));
    QTest::mouseClick(ok, Qt::LeftButton);
    QTRY_VERIFY(!m_window->findChild<TransactionDialog *>()); // closed and deleted

    QCOMPARE(rows("transactionsView"), 3);
    QCOMPARE(cell("holdingsView", 0, HoldingsModel::QuantityColumn), QStringLiteral("6"));
    QCOMPARE(child<QTableView>("transactionsView")->currentIndex().row(), 0); // the new sell, selected
}

void TestMainWindow::deletesTransactionAfterConfirmation()
{
    m_window->selectPortfolio(m_growth.id);
    auto *view = child<QTableView>("transactionsView");
    const int before = rows("transactionsView");
    QVERIFY(before >= 2);
    view->selectRow(0); // the newest: deleting it keeps the book consistent
    QVERIFY(child<QAction>("actionDeleteTransaction")->isEnabled());

    // Cancelling changes nothing.
    child<QAction>("actionDeleteTransaction")->trigger();
    auto *box = m_window->findChild<QMessageBox *>();
    QVERIFY(box);
    box->button(QMessageBox::Cancel)->click();
    QTRY_VERIFY(!m_window->findChild<QMessageBox *>());
    QCOMPARE(rows("transactionsView"), before);

    // The Delete key acts on the transactions table when it has the focus.
    child<QTabWidget>("tabs")->setCurrentWidget(child<QWidget>("transactionsTab"));
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    view->setFocus();
    QCOMPARE(QApplication::focusWidget(), view);
    view->selectRow(0);
    QTest::keyClick(view, Qt::Key_Delete);
    box = m_window->findChild<QMessageBox *>();
    QVERIFY(box);
    box->button(QMessageBox::Yes)->click();
    QTRY_COMPARE(rows("transactionsView"), before - 1);
}

void TestMainWindow::undoesAndRedoesEditsAndDeletes()
{
    m_window->selectPortfolio(m_growth.id);
    QUndoStack *stack = m_window->undoStack();
    stack->clear();
    auto *undo = child<QAction>("actionUndo");
    auto *redo = child<QAction>("actionRedo");
    QVERIFY(!undo->isEnabled());
    const QString quantityBefore = cell("holdingsView", 0, HoldingsModel::QuantityColumn);
    const int entries = rows("transactionsView");

    // Add a buy of 3 through the dialog.
    child<QAction>("actionNewTransaction")->trigger();
    auto *dialog = m_window->findChild<TransactionDialog *>();
    QVERIFY(dialog);
    auto *type = dialog->findChild<QComboBox *>(QStringLiteral("typeCombo"));
    type->setCurrentIndex(type->findData(int(TransactionType::Buy)));
    auto *asset = dialog->findChild<QComboBox *>(QStringLiteral("assetCombo"));
    if (asset)
        asset->setCurrentIndex(asset->findText(QStringLiteral("SAP"), Qt::MatchStartsWith));
    dialog->findChild<QLineEdit *>(QStringLiteral("quantityEdit"))->setText(QStringLiteral("3"));
    dialog->findChild<QLineEdit *>(QStringLiteral("priceEdit"))->setText(QStringLiteral("120"));
    QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QTRY_VERIFY(!m_window->findChild<TransactionDialog *>());
    QCOMPARE(rows("transactionsView"), entries + 1);
    const Decimal held = *Decimal::parse(quantityBefore);
    QCOMPARE(cell("holdingsView", 0, HoldingsModel::QuantityColumn), (held + Decimal(3)).toString());
    QVERIFY(undo->isEnabled());
    QVERIFY2(undo->text().contains(QStringLiteral("Add entry: Buy")), qPrintable(undo->text()));

    // Undo the add: gone from the store and the tables; redo brings it back.
    undo->trigger();
    QCOMPARE(rows("transactionsView"), entries);
    QCOMPARE(cell("holdingsView", 0, HoldingsModel::QuantityColumn), quantityBefore);
    QVERIFY(redo->isEnabled());
    redo->trigger();
    QCOMPARE(rows("transactionsView"), entries + 1);
    QCOMPARE(cell("holdingsView", 0, HoldingsModel::QuantityColumn), (held + Decimal(3)).toString());

    // Edit it to 5 through the dialog, then undo the edit: 3 again.
    auto *view = child<QTableView>("transactionsView");
    view->selectRow(0);
    child<QAction>("actionEditTransaction")->trigger();
    dialog = m_window->findChild<TransactionDialog *>();
    QVERIFY(dialog);
    dialog->findChild<QLineEdit *>(QStringLiteral("quantityEdit"))->setText(QStringLiteral("5"));
    QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QTRY_VERIFY(!m_window->findChild<TransactionDialog *>());
    QCOMPARE(cell("holdingsView", 0, HoldingsModel::QuantityColumn), (held + Decimal(5)).toString());
    undo->trigger();
    QCOMPARE(cell("holdingsView", 0, HoldingsModel::QuantityColumn), (held + Decimal(3)).toString());
    redo->trigger();
    QCOMPARE(cell("holdingsView", 0, HoldingsModel::QuantityColumn), (held + Decimal(5)).toString());

    // Delete it, undo the delete: back with the same UUID.
    view->selectRow(0);
    child<QAction>("actionDeleteTransaction")->trigger();
    auto *box = m_window->findChild<QMessageBox *>();
    QVERIFY(box);
    box->button(QMessageBox::Yes)->click();
    QTRY_COMPARE(rows("transactionsView"), entries);
    QCOMPARE(cell("holdingsView", 0, HoldingsModel::QuantityColumn), quantityBefore);
    undo->trigger();
    QCOMPARE(rows("transactionsView"), entries + 1);
    QCOMPARE(cell("holdingsView", 0, HoldingsModel::QuantityColumn), (held + Decimal(5)).toString());

    // Leave the book as the other tests expect it.
    while (stack->canUndo())
        undo->trigger();
    QCOMPARE(rows("transactionsView"), entries);
    QCOMPARE(cell("holdingsView", 0, HoldingsModel::QuantityColumn), quantityBefore);
}

void TestMainWindow::anUndoTheLedgerRefusesClearsTheHistory()
{
    m_window->selectPortfolio(m_growth.id);
    QUndoStack *stack = m_window->undoStack();
    stack->clear();
    const int entries = rows("transactionsView");
    const QString quantityBefore = cell("holdingsView", 0, HoldingsModel::QuantityColumn);

    // Delete the buy (allowed: nothing sells it yet) ...
    auto *view = child<QTableView>("transactionsView");
    int buyRow = -1;
    for (int row = 0; row < rows("transactionsView"); ++row) {
        if (cell("transactionsView", row, 1) == QStringLiteral("Buy"))
            buyRow = row;
    }
    QVERIFY(buyRow >= 0);
    view->selectRow(buyRow);
    child<QAction>("actionDeleteTransaction")->trigger();
    m_window->findChild<QMessageBox *>()->button(QMessageBox::Yes)->click();
    QTRY_COMPARE(rows("transactionsView"), entries - 1);
    QVERIFY(stack->canUndo());
    // ... and meanwhile it comes back another way (the CLI, or another
    // window on the same store), behind this window's history.
    RowId deletedId = 0;
    {
        QSqlQuery query(m_store->db().connection());
        QVERIFY(query.exec(QStringLiteral("SELECT id FROM ledger_transaction WHERE deleted = 1 ORDER BY updated_at DESC LIMIT 1")));
        QVERIFY(query.next());
        deletedId = query.value(0).toLongLong();
    }
    PT_VERIFY_OK(ledger::LedgerService(m_store->db()).restore(deletedId));

    // Undo would restore it again: refused, reported, history cleared.
    child<QAction>("actionUndo")->trigger();
    auto *box = m_window->findChild<QMessageBox *>(QStringLiteral("undoFailedBox"));
    QVERIFY(box);
    QVERIFY2(box->text().contains(QStringLiteral("not deleted")), qPrintable(box->text()));
    box->button(QMessageBox::Ok)->click();
    QTRY_VERIFY(!stack->canUndo() && !stack->canRedo());
    // The tables show the store as it is.
    QCOMPARE(rows("transactionsView"), entries);
    QCOMPARE(cell("holdingsView", 0, HoldingsModel::QuantityColumn), quantityBefore);
}

// The flow a new user goes through, checked at each step: create a portfolio,
// add a buy, see it in the holdings, edit it, undo the edit, delete it.
void TestMainWindow::scriptedFlowFromANewPortfolio()
{
    // Create "Flow" (EUR) through the portfolio dialog; a duplicate name is refused first.
    child<QAction>("actionNewPortfolio")->trigger();
    auto *portfolioDialog = m_window->findChild<PortfolioDialog *>();
    QVERIFY(portfolioDialog);
    auto *name = portfolioDialog->findChild<QLineEdit *>(QStringLiteral("nameEdit"));
    auto *save = portfolioDialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    name->setText(QStringLiteral("Growth"));
    QVERIFY(!save->isEnabled()); // already taken
    name->setText(QStringLiteral("Flow"));
    auto *currency = portfolioDialog->findChild<QComboBox *>(QStringLiteral("currencyCombo"));
    currency->setCurrentText(QStringLiteral("EUR"));
    QVERIFY(save->isEnabled());
    QTest::mouseClick(save, Qt::LeftButton);
    QTRY_VERIFY(!m_window->findChild<PortfolioDialog *>());
    QCOMPARE(cell("portfolioView", m_window->findChild<QTableView *>(QStringLiteral("portfolioView"))
                                       ->currentIndex().row(), 0),
             QStringLiteral("Flow"));
    const RowId flow = m_window->currentPortfolioId();
    QVERIFY(flow != 0);
    QCOMPARE(rows("holdingsView"), 0);

    // Add a buy of 8 SAP at 100.
    child<QAction>("actionNewTransaction")->trigger();
    auto *dialog = m_window->findChild<TransactionDialog *>();
    QVERIFY(dialog);
    auto *type = dialog->findChild<QComboBox *>(QStringLiteral("typeCombo"));
    type->setCurrentIndex(type->findData(int(TransactionType::Buy)));
    auto *asset = dialog->findChild<QComboBox *>(QStringLiteral("assetCombo"));
    asset->setCurrentIndex(asset->findText(QStringLiteral("SAP"), Qt::MatchStartsWith));
    dialog->findChild<QLineEdit *>(QStringLiteral("quantityEdit"))->setText(QStringLiteral("8"));
    dialog->findChild<QLineEdit *>(QStringLiteral("priceEdit"))->setText(QStringLiteral("100"));
    QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QTRY_VERIFY(!m_window->findChild<TransactionDialog *>());

    // In the holdings: 8 units costing 800.00.
    QCOMPARE(rows("holdingsView"), 1);
    QCOMPARE(cell("holdingsView", 0, HoldingsModel::SymbolColumn), QStringLiteral("SAP"));
    QCOMPARE(cell("holdingsView", 0, HoldingsModel::QuantityColumn), QStringLiteral("8"));
    QCOMPARE(cell("holdingsView", 0, HoldingsModel::CostBasisColumn), QStringLiteral("800.00"));

    // Edit it to 12 units.
    auto *transactions = child<QTableView>("transactionsView");
    QCOMPARE(rows("transactionsView"), 1);
    transactions->selectRow(0);
    child<QAction>("actionEditTransaction")->trigger();
    dialog = m_window->findChild<TransactionDialog *>();
    QVERIFY(dialog);
    dialog->findChild<QLineEdit *>(QStringLiteral("quantityEdit"))->setText(QStringLiteral("12"));
    QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QTRY_VERIFY(!m_window->findChild<TransactionDialog *>());
    QCOMPARE(cell("holdingsView", 0, HoldingsModel::QuantityColumn), QStringLiteral("12"));
    QCOMPARE(cell("holdingsView", 0, HoldingsModel::CostBasisColumn), QStringLiteral("1,200.00"));

    // Undo the edit: 8 again, in the store too.
    child<QAction>("actionUndo")->trigger();
    QCOMPARE(cell("holdingsView", 0, HoldingsModel::QuantityColumn), QStringLiteral("8"));
    QCOMPARE(ledger::LedgerService(m_store->db()).books(flow)->front().positions.begin()->second.quantity,
             test::dec("8"));

    // Delete it: no holdings, no entries.
    transactions->selectRow(0);
    child<QAction>("actionDeleteTransaction")->trigger();
    auto *box = m_window->findChild<QMessageBox *>();
    QVERIFY(box);
    box->button(QMessageBox::Yes)->click();
    QTRY_COMPARE(rows("transactionsView"), 0);
    QCOMPARE(rows("holdingsView"), 0);

    // Leave the store as the other tests expect it.
    PT_VERIFY_OK(store::PortfolioRepository(m_store->db()).remove(flow));
}

void TestMainWindow::nextAndPreviousPortfolioWrapAround()
{
    m_window->selectPortfolio(m_cash.id);
    child<QAction>("actionNextPortfolio")->trigger();
    QCOMPARE(m_window->currentPortfolioId(), m_growth.id);
    child<QAction>("actionNextPortfolio")->trigger();
    QVERIFY(m_window->allPortfoliosSelected()); // wrapped to the top
    child<QAction>("actionPreviousPortfolio")->trigger();
    QCOMPARE(m_window->currentPortfolioId(), m_growth.id);
    QCOMPARE(child<QAction>("actionNextPortfolio")->shortcut(), QKeySequence(QStringLiteral("Ctrl+PgDown")));
}

void TestMainWindow::layoutIsSavedAndRestored()
{
    QTemporaryDir folder;
    QSettings settings(folder.filePath(QStringLiteral("layout.ini")), QSettings::IniFormat);
    m_window->resize(1111, 777);
    child<QDockWidget>("jobsDock")->hide();
    m_window->setSettings(&settings);
    m_window->close(); // saves
    QVERIFY(settings.contains(QStringLiteral("window/geometry")));

    MainWindow again(m_store->database);
    again.restoreLayout(settings);
    again.show();
    QVERIFY(QTest::qWaitForWindowExposed(&again));
    QCOMPARE(again.size(), QSize(1111, 777));
    QVERIFY(!again.findChild<QDockWidget *>(QStringLiteral("jobsDock"))->isVisible());
}

void TestMainWindow::backsUpTheStore()
{
    QVERIFY(child<QAction>("actionBackUp"));
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("copy.sqlite"));
    QSignalSpy done(m_window.get(), &MainWindow::backedUp);
    m_window->backUpTo(path);
    QVERIFY(done.wait(20'000));
    QCOMPARE(done.takeFirst().at(1).toString(), QString()); // no error
    // A store with the same entries, as a backup restore would check it.
    auto check = store::checkBackup(path);
    PT_VERIFY_OK(check);
    QCOMPARE(check->summary.portfolios, 2);
    QCOMPARE(check->summary.entries, 3);
    QVERIFY(m_window->statusBar()->currentMessage().contains(QStringLiteral("3 entries")));

    // Into the store itself: refused and said.
    m_window->backUpTo(m_store->database->location());
    QVERIFY(done.wait(20'000));
    QVERIFY(!done.takeFirst().at(1).toString().isEmpty());
    auto *box = m_window->findChild<QMessageBox *>();
    QVERIFY(box);
    QVERIFY2(box->text().contains(QStringLiteral("not written")), qPrintable(box->text()));
    box->close();
}

void TestMainWindow::jobsDockShowsQueueAndProgress()
{
    auto *dock = child<QDockWidget>("jobsDock");
    QVERIFY(dock->isVisible());
    auto *table = child<QTableView>("jobsTable");
    JobsModel *jobs = m_window->jobsModel();
    QTRY_VERIFY(!jobs->isLoading());

    // What the runner reports shows at once, and so does the overall progress.
    store::Job job;
    job.id = 1'000'001;
    job.kind = store::Job::Kind::Backfill;
    job.state = store::Job::State::Running;
    job.assetId = m_sap.id;
    job.source = QStringLiteral("yahoo");
    job.rangeFrom = QDate(2023, 1, 10);
    job.rangeTo = QDate(2024, 1, 10);
    job.attempts = 1;
    jobs->updateJob(job);
    jobs->setProgress(job.id, 60);
    QCOMPARE(table->model()->rowCount(), jobs->rowCount());
    auto *progress = child<QProgressBar>("statusProgressBar");
    QVERIFY(progress->isVisible());
    QCOMPARE(progress->value(), 60);
    QVERIFY(child<QProgressBar>("jobsProgressBar")->isVisible());
    QCOMPARE(child<QLabel>("jobsSummaryLabel")->text(), QStringLiteral("Jobs running: 1"));

    job.state = store::Job::State::Done;
    job.progress = 100;
    jobs->updateJob(job);
    // The bars linger a moment, so a queue running job after job does not
    // make them flicker (and the window relayout) between every two jobs.
    QVERIFY(progress->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(!progress->isVisible(), 5000);
    QVERIFY(!child<QProgressBar>("jobsProgressBar")->isVisible());

    // View ▸ Jobs hides and shows the dock.
    QAction *toggle = child<QAction>("actionShowJobs");
    toggle->trigger();
    QVERIFY(!dock->isVisible());
    toggle->trigger();
    QVERIFY(dock->isVisible());
}

void TestMainWindow::retriesFailedJob()
{
    // A failed backfill in the store, as the runner leaves one.
    const store::JobRepository repository(m_store->db());
    auto queued = repository.enqueueBackfill(m_sap.id, QStringLiteral("yahoo"), QDate(2023, 1, 10), QDate(2024, 1, 10));
    PT_VERIFY_OK(queued);
    auto claimed = repository.claimNext(QDateTime::currentMSecsSinceEpoch() + 1000);
    PT_VERIFY_OK(claimed);
    QVERIFY(claimed->has_value());
    QCOMPARE((*claimed)->id, queued->id);
    // Every attempt fails, until there are none left.
    for (int attempt = 1; attempt <= (*claimed)->maxAttempts; ++attempt) {
        PT_VERIFY_OK(repository.markFailed(queued->id, QStringLiteral("yahoo: connection refused"), 0));
        auto now = repository.find(queued->id);
        PT_VERIFY_OK(now);
        if (now->state == store::Job::State::Failed)
            break;
        auto again = repository.claimNext(QDateTime::currentMSecsSinceEpoch() + 1000);
        PT_VERIFY_OK(again);
        QVERIFY(again->has_value() && (*again)->id == queued->id);
    }
    auto failed = repository.find(queued->id);
    PT_VERIFY_OK(failed);
    QCOMPARE(failed->state, store::Job::State::Failed);

    // A window opened now reads it; Retry queues it again.
    cleanup();
    init();
    JobsModel *jobs = m_window->jobsModel();
    QTRY_VERIFY(jobs->rowOf(queued->id) >= 0);
    auto *view = m_window->findChild<JobsView *>();
    auto *table = child<QTableView>("jobsTable");
    auto *retry = child<QPushButton>("retryJobButton");
    QVERIFY(!retry->isEnabled());
    const int row = jobs->rowOf(queued->id);
    QCOMPARE(jobs->index(row, JobsModel::StateColumn).data().toString(), QStringLiteral("Failed"));
    QCOMPARE(jobs->index(row, JobsModel::LastErrorColumn).data().toString(), QStringLiteral("yahoo: connection refused"));
    table->setCurrentIndex(table->model()->index(row, 0)); // unsorted: the proxy keeps the model's order
    QCOMPARE(view->selectedJob()->id, queued->id);
    QVERIFY(retry->isEnabled());
    const int before = jobs->rowCount();
    QTest::mouseClick(retry, Qt::LeftButton);
    QTRY_COMPARE(jobs->rowCount(), before + 1);
    QCOMPARE(jobs->jobAt(0)->state, store::Job::State::Pending);
    QCOMPARE(jobs->jobAt(0)->assetId, m_sap.id);
    QCOMPARE(view->selectedJob()->id, jobs->jobAt(0)->id);
}

void TestMainWindow::refreshQueuesPerTrackedSource()
{
    // Nothing tracked yet: nothing to refresh.
    child<QAction>("actionRefreshPrices")->trigger();
    QTRY_VERIFY(m_window->statusBar()->currentMessage().startsWith(QStringLiteral("No tracked assets")));

    Asset bitcoin;
    bitcoin.symbol = QStringLiteral("BTC-EUR");
    bitcoin.name = QStringLiteral("Bitcoin");
    bitcoin.assetClass = AssetClass::Crypto;
    bitcoin.currency = QStringLiteral("EUR");
    bitcoin.dataSource = QStringLiteral("coingecko");
    bitcoin.sourceId = QStringLiteral("bitcoin");
    bitcoin.tracked = true;
    PT_VERIFY_OK(store::AssetRepository(m_store->db()).add(bitcoin));

    QCOMPARE(child<QAction>("actionRefreshPrices")->shortcut(), QKeySequence(Qt::Key_F5));
    child<QAction>("actionRefreshPrices")->trigger();
    QTRY_COMPARE(m_window->statusBar()->currentMessage(), QStringLiteral("Refreshing prices from CoinGecko…"));
    JobsModel *jobs = m_window->jobsModel();
    const store::Job *refresh = jobs->jobAt(0);
    QVERIFY(refresh);
    QCOMPARE(refresh->kind, store::Job::Kind::Refresh);
    QCOMPARE(refresh->source, QStringLiteral("coingecko"));
    QCOMPARE(refresh->state, store::Job::State::Pending);

    // Asking again while it is pending queues nothing new.
    const int rows = jobs->rowCount();
    m_window->statusBar()->clearMessage();
    child<QAction>("actionRefreshPrices")->trigger();
    QTRY_VERIFY(!m_window->statusBar()->currentMessage().isEmpty());
    QCOMPARE(jobs->rowCount(), rows);
}

void TestMainWindow::addAssetOpensSearch()
{
    QAction *add = child<QAction>("actionAddAsset");
    QCOMPARE(add->shortcut(), QKeySequence(QStringLiteral("Ctrl+F")));
    QCOMPARE(add->iconText(), QStringLiteral("Search"));
    add->trigger();
    auto *dialog = m_window->findChild<AssetSearchDialog *>();
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    add->trigger(); // one at a time
    QCOMPARE(m_window->findChildren<AssetSearchDialog *>().size(), 1);

    QTRY_VERIFY(dialog->isCatalogLoaded());
    dialog->setQuery(QStringLiteral("sap"));
    QCOMPARE(dialog->resultsModel()->rowCount(), 1);
    dialog->accept();
    QTRY_VERIFY(!m_window->findChild<AssetSearchDialog *>());
    QCOMPARE(m_window->statusBar()->currentMessage(), QStringLiteral("SAP is in the catalog."));
}

void TestMainWindow::connectionIndicatorFollowsState()
{
    auto *indicator = m_window->findChild<ConnectionIndicator *>();
    QVERIFY(indicator);
    QVERIFY(!indicator->isVisible()); // no providers given to this window
    indicator->setOnline(false);
    QVERIFY(child<QLabel>("onlineLabel")->text().endsWith(QStringLiteral("Offline")));
    indicator->setOnline(true);
    QVERIFY(child<QLabel>("onlineLabel")->text().endsWith(QStringLiteral("Online")));
    QCOMPARE(child<QLabel>("lastRefreshLabel")->text(), QStringLiteral("Last refresh: never"));
    const QDateTime when(QDate::currentDate(), QTime(9, 30));
    indicator->setLastRefresh(when);
    QCOMPARE(child<QLabel>("lastRefreshLabel")->text(), QStringLiteral("Last refresh: 9:30 AM"));
    indicator->setLastRefresh(when.addSecs(-60)); // older: ignored
    QCOMPARE(indicator->lastRefresh(), when);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
