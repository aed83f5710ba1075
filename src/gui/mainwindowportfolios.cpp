// MainWindow: portfolios, the store and the app's settings — the portfolio
// dialog, backups and restores, the settings dialog, the first-run offer and
// the sample portfolio. (The window's
// set-up and loading are in mainwindow.cpp, ledger changes in
// mainwindowtransactions.cpp.)

#include "gui/mainwindow.h"

#include "exchange/bookjson.h"
#include "exchange/pendingrestore.h"
#include "generator/samplebook.h"
#include "gui/appearance.h"
#include "gui/appsettings.h"
#include "gui/firstrundialog.h"
#include "gui/futures.h"
#include "gui/portfoliodialog.h"
#include "gui/portfoliolistmodel.h"
#include "gui/settingsdialog.h"
#include "gui/valuationservice.h"
#include "store/backup.h"
#include "store/database.h"
#include "store/portfoliorepository.h"
#include "ui_mainwindow.h"

#include <QDate>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTimer>
#include <QUndoStack>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace pt::gui {

namespace {

// backUpTo()'s work, on a worker: SQLite's online copy of an SQLite store; the
// JSON export of the whole book for a PostgreSQL store. The entries backed up.
Result<std::int64_t> writeBackup(const store::Database &database, const QString &path)
{
    if (database.backend() == store::Backend::Sqlite) {
        auto info = store::backupTo(database, path);
        if (!info)
            return Error { info.error() };
        return info->summary.entries;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error { QStringLiteral("cannot write '%1': %2").arg(path, file.errorString()) };
    auto summary = exchange::exportBook(database, file);
    if (!summary) {
        file.cancelWriting();
        return Error { QStringLiteral("backup to '%1' failed, nothing written: %2").arg(path, summary.error()) };
    }
    if (!file.commit())
        return Error { QStringLiteral("cannot write '%1': %2").arg(path, file.errorString()) };
    return summary->counts.liveTransactions;
}

} // namespace

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
    const bool sqlite = m_database->backend() == store::Backend::Sqlite;
    const QString suggested = QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                                  .filePath(QStringLiteral("portfolio-%1.%2")
                                                .arg(QDate::currentDate().toString(Qt::ISODate),
                                                     sqlite ? QStringLiteral("sqlite") : QStringLiteral("json")));
    const QString path = QFileDialog::getSaveFileName(this, tr("Back Up the Store"), suggested,
                                                      sqlite ? tr("Portfolio Tracker stores (*.sqlite)")
                                                             : tr("Portfolio Tracker JSON exports (*.json)"));
    if (!path.isEmpty())
        backUpTo(path);
}

void MainWindow::backUpTo(const QString &path)
{
    statusBar()->showMessage(tr("Backing up to %1…").arg(QDir::toNativeSeparators(path)));
    auto database = m_database;
    // SQLite's backup API copies in steps, and the JSON export reads one
    // snapshot: the app keeps working meanwhile.
    whenReady(QtConcurrent::run([database, path] { return writeBackup(*database, path); }), this,
              [this, path](Result<std::int64_t> written) {
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
                  statusBar()->showMessage(tr("Backed up %n entries to %1.", nullptr, int(*written))
                                               .arg(QDir::toNativeSeparators(QFileInfo(path).absoluteFilePath())),
                                           10000);
                  Q_EMIT backedUp(path, QString());
              });
}

void MainWindow::restore()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Restore the Store"), QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation),
        tr("Portfolio Tracker backups (*.sqlite *.json);;All files (*)"));
    if (!path.isEmpty())
        restoreFrom(path);
}

void MainWindow::restoreFrom(const QString &path)
{
    // The store is not replaced while this process holds connections to it
    // on several threads: the backup is checked now, kept aside as the
    // store's pending restore, and applied when the app starts again, before
    // anything opens the store (exchange/pendingrestore.h).
    statusBar()->showMessage(tr("Checking %1…").arg(QDir::toNativeSeparators(path)));
    const store::StoreLocation location = m_database->storeLocation();
    const auto refuse = [this, path](const QString &error) {
        statusBar()->clearMessage();
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Restore the Store"),
                                    tr("This backup cannot be restored; the store was not changed.\n\n%1").arg(error),
                                    QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("restoreError"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        Q_EMIT restoreScheduled(path, error);
    };
    // The store's own file (a double click on it): a copy taken while it is
    // open could miss what is still in its write-ahead log.
    if (location.backend == store::Backend::Sqlite) {
        const QString backupFile = QFileInfo(path).canonicalFilePath();
        if (!backupFile.isEmpty() && backupFile == QFileInfo(location.sqlitePath).canonicalFilePath()) {
            refuse(tr("%1 is the store Portfolio Tracker has open, not a backup of it.")
                       .arg(QDir::toNativeSeparators(backupFile)));
            return;
        }
    }
    whenReady(
        QtConcurrent::run([path, location] { return exchange::inspectBackup(path, location); }), this,
        [this, path, location, refuse](Result<exchange::BackupContents> contents) {
            if (!contents) {
                refuse(contents.error());
                return;
            }
            statusBar()->clearMessage();
            const QString size = QLocale().formattedDataSize(contents->bytes);
            const QString newest = contents->newestEntry.isValid()
                ? QLocale().toString(contents->newestEntry, QLocale::ShortFormat)
                : tr("none", "newest entry");
            QString what = contents->kind == exchange::BackupContents::Kind::SqliteFile
                ? tr("An SQLite backup of %1 (schema %2).").arg(size).arg(contents->version)
                : tr("A JSON export of %1 made %2 (format version %3).")
                      .arg(size, contents->exportedAt)
                      .arg(contents->version);
            what += u'\n' + tr("It holds %n portfolios, ", nullptr, int(contents->portfolios))
                + tr("%n entries and ", nullptr, int(contents->entries))
                + tr("%n daily prices; the newest entry is of %1.", nullptr, int(contents->prices)).arg(newest);
            auto *box = new QMessageBox(QMessageBox::Question, tr("Restore the Store"),
                                        tr("Replace the store with the backup %1?").arg(QDir::toNativeSeparators(path)),
                                        QMessageBox::NoButton, this);
            box->setObjectName(QStringLiteral("restoreConfirmation"));
            box->setInformativeText(what + u"\n\n"
                                    + tr("Everything in the store %1 is replaced, including the changes made since "
                                         "the backup. Portfolio Tracker closes, and restores the backup when it "
                                         "starts again.")
                                          .arg(QDir::toNativeSeparators(location.toString())));
            QPushButton *restart = box->addButton(tr("Restore and Restart"), QMessageBox::AcceptRole);
            restart->setObjectName(QStringLiteral("restoreAndRestart"));
            box->addButton(QMessageBox::Cancel);
            box->setDefaultButton(QMessageBox::Cancel);
            box->setAttribute(Qt::WA_DeleteOnClose);
            connect(box, &QMessageBox::finished, this, [this, box, restart, path, location, refuse] {
                if (box->clickedButton() != restart) {
                    statusBar()->showMessage(tr("Not restored; the store was not changed."), 5000);
                    Q_EMIT restoreScheduled(path, tr("cancelled"));
                    return;
                }
                statusBar()->showMessage(tr("Preparing the restore…"));
                whenReady(QtConcurrent::run([path, location] { return exchange::scheduleRestore(location, path); }),
                          this, [this, path, refuse](Result<exchange::BackupContents> scheduled) {
                              if (!scheduled) {
                                  refuse(scheduled.error());
                                  return;
                              }
                              m_restartRequested = true;
                              Q_EMIT restoreScheduled(path, QString());
                              close(); // main() restarts the app, which restores the backup first
                          });
            });
            box->open();
        });
}

void MainWindow::restoreWhenShown(const QString &path)
{
    // After show(): the check runs on a worker and its question is a
    // window-modal box over the window.
    QTimer::singleShot(0, this, [this, file = QFileInfo(path).absoluteFilePath()] { restoreFrom(file); });
}

void MainWindow::openSettings()
{
    if (!m_settings || findChild<SettingsDialog *>())
        return;
    auto *dialog = new SettingsDialog(*m_settings, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setSyncController(m_sync);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const AppSettings values = dialog->values();
        applyTheme(values.theme);
        applySyncSettings(values);
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
