// MainWindow: portfolios, the store and the app's settings — the portfolio
// dialog, backups, the settings dialog, the first-run offer and the sample
// portfolio. (The window's
// set-up and loading are in mainwindow.cpp, ledger changes in
// mainwindowtransactions.cpp.)

#include "gui/mainwindow.h"

#include "generator/samplebook.h"
#include "gui/appearance.h"
#include "gui/appsettings.h"
#include "gui/firstrundialog.h"
#include "gui/futures.h"
#include "gui/portfoliodialog.h"
#include "gui/portfoliolistmodel.h"
#include "gui/settingsdialog.h"
#include "gui/valuationservice.h"
#include "store/database.h"
#include "store/backup.h"
#include "store/portfoliorepository.h"
#include "ui_mainwindow.h"

#include <QDate>
#include <QDir>
#include <QFileDialog>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QUndoStack>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace pt::gui {

void MainWindow::newPortfolio()
{
    openPortfolioDialog(nullptr);
}

void MainWindow::editPortfolio()
{
    const int row = m_portfolios->rowOf(currentPortfolioId());
    if (const Portfolio *portfolio = m_portfolios->portfolioAt(row))
        openPortfolioDialog(portfolio);
}

void MainWindow::openPortfolioDialog(const Portfolio *existing)
{
    auto *dialog = new PortfolioDialog(m_portfolios->portfolios(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (existing)
        dialog->setPortfolio(*existing);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const Portfolio portfolio = dialog->portfolio();
        const store::PortfolioRepository repository(*m_database);
        const auto saved = portfolio.id == 0 ? repository.add(portfolio) : repository.update(portfolio);
        if (!saved) {
            QMessageBox::warning(this, dialog->windowTitle(),
                                 tr("The portfolio was not saved.\n\n%1").arg(saved.error()));
            return;
        }
        if (portfolio.id != 0)
            m_portfolios->removePortfolio(portfolio.id); // back in at its place by the new name
        const int row = m_portfolios->insertPortfolio(*saved);
        m_ui->portfolioView->setCurrentIndex(m_portfolios->index(row, PortfolioListModel::NameColumn));
        if (dialog->costBasisMethodChanged())
            loadSelection();
        m_valuation->recompute();
        statusBar()->showMessage(tr("Portfolio “%1” saved.").arg(saved->name), 5000);
    });
    dialog->open();
}

void MainWindow::backUp()
{
    const QString suggested = QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                                  .filePath(QStringLiteral("portfolio-%1.sqlite")
                                                .arg(QDate::currentDate().toString(Qt::ISODate)));
    const QString path = QFileDialog::getSaveFileName(this, tr("Back Up the Store"), suggested,
                                                      tr("Portfolio Tracker stores (*.sqlite)"));
    if (!path.isEmpty())
        backUpTo(path);
}

void MainWindow::backUpTo(const QString &path)
{
    statusBar()->showMessage(tr("Backing up to %1…").arg(QDir::toNativeSeparators(path)));
    auto database = m_database;
    // SQLite's backup API copies in steps: the app keeps working meanwhile.
    whenReady(QtConcurrent::run([database, path] { return store::backupTo(*database, path); }), this,
              [this, path](Result<store::BackupInfo> written) {
                  if (!written) {
                      statusBar()->clearMessage();
                      auto *box = new QMessageBox(QMessageBox::Warning, tr("Back Up the Store"),
                                                  tr("The backup was not written.\n\n%1").arg(written.error()),
                                                  QMessageBox::Ok, this);
                      box->setAttribute(Qt::WA_DeleteOnClose);
                      box->open();
                      Q_EMIT backedUp(path, written.error());
                      return;
                  }
                  statusBar()->showMessage(tr("Backed up %n entries to %1.", nullptr,
                                              int(written->summary.entries))
                                               .arg(QDir::toNativeSeparators(written->path)),
                                           10000);
                  Q_EMIT backedUp(path, QString());
              });
}

void MainWindow::openSettings()
{
    if (!m_settings || findChild<SettingsDialog *>())
        return;
    auto *dialog = new SettingsDialog(*m_settings, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const AppSettings values = dialog->values();
        applyTheme(values.theme);
        m_valuation->setTotalCurrency(values.totalCurrency);
        m_portfolios->setTotalCurrency(values.totalCurrency);
        m_valuation->recompute();
        Q_EMIT settingsChanged(values);
        statusBar()->showMessage(dialog->needsRestart()
                                     ? tr("Settings saved. The store, the language and the provider addresses "
                                          "change when Portfolio Tracker starts next.")
                                     : tr("Settings saved."),
                                 8000);
    });
    dialog->open();
}

QString MainWindow::cannotOpenStoreText(const QString &path, const QString &error)
{
    return tr("The store %1 could not be opened.\n\n%2").arg(QDir::toNativeSeparators(path), error);
}

void MainWindow::showJobsRunElsewhere()
{
    statusBar()->showMessage(tr("Another Portfolio Tracker process runs this store's background jobs; this window "
                                "shows them but does not run them."));
}

void MainWindow::offerFirstRun(QSettings &settings)
{
    const QString key = QStringLiteral("firstRun/offer");
    if (m_portfolios->rowCount() > 0 || !settings.value(key, true).toBool())
        return;
    FirstRunDialog dialog(this);
    const int choice = dialog.exec();
    if (dialog.dontShowAgain())
        settings.setValue(key, false);
    if (choice == FirstRunDialog::OpenSample)
        openSample();
    else if (choice == FirstRunDialog::CreatePortfolio)
        newPortfolio();
}

void MainWindow::openSample()
{
    statusBar()->showMessage(tr("Writing the sample portfolio…"));
    auto database = m_database;
    whenReady(QtConcurrent::run([database] { return createSampleBook(*database); }), this,
              [this](Result<SampleBook> sample) {
                  if (!sample) {
                      QMessageBox::warning(this, tr("Sample Portfolio"),
                                           tr("The sample portfolio was not written.\n\n%1").arg(sample.error()));
                      return;
                  }
                  reloadPortfolios();
                  selectPortfolio(sample->portfolio.id);
                  m_valuation->recompute();
                  updateSampleAction();
                  statusBar()->showMessage(tr("The sample portfolio uses made-up assets and prices. Remove it "
                                              "with File ▸ Remove Sample Portfolio."),
                                           15000);
              });
}

void MainWindow::removeSample()
{
    auto *box = new QMessageBox(QMessageBox::Question, tr("Remove Sample Portfolio"),
                                tr("Remove the sample portfolio, its entries and its made-up assets?"),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->button(QMessageBox::Yes)->setText(tr("Remove"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this](int button) {
        if (button != QMessageBox::Yes)
            return;
        auto database = m_database;
        whenReady(QtConcurrent::run([database] { return removeSampleBook(*database); }), this,
                  [this](Result<void> removed) {
                      if (!removed) {
                          QMessageBox::warning(this, tr("Remove Sample Portfolio"),
                                               tr("The sample portfolio was not removed.\n\n%1")
                                                   .arg(removed.error()));
                          return;
                      }
                      m_undoStack->clear(); // its steps may concern the sample's entries
                      reloadPortfolios();
                      m_valuation->recompute();
                      updateSampleAction();
                      statusBar()->showMessage(tr("The sample portfolio was removed."), 5000);
                  });
    });
    box->open();
}

void MainWindow::updateSampleAction()
{
    const auto &portfolios = m_portfolios->portfolios();
    m_removeSample->setVisible(std::any_of(portfolios.begin(), portfolios.end(), isSamplePortfolio));
}

} // namespace pt::gui
