// MainWindow: changes to the ledger — the transaction dialog, deletes, and
// their undo and redo through the window's QUndoStack. (The window's set-up
// and loading are in mainwindow.cpp, portfolios and settings in
// mainwindowportfolios.cpp.)

#include "gui/mainwindow.h"

#include "gui/displaytext.h"
#include "gui/jobsmodel.h"
#include "gui/portfoliolistmodel.h"
#include "gui/transactioncommands.h"
#include "gui/transactiondialog.h"
#include "gui/transactionfilterproxymodel.h"
#include "gui/transactionsmodel.h"
#include "gui/valuationservice.h"
#include "store/assetrepository.h"
#include "store/database.h"
#include "ui_mainwindow.h"

#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>
#include <QTimer>
#include <QUndoStack>

#include <optional>

namespace pt::gui {

void MainWindow::newTransaction()
{
    if (currentPortfolioId() != 0)
        openTransactionDialog(nullptr);
}

void MainWindow::editTransaction()
{
    if (const Transaction *transaction = selectedTransaction())
        openTransactionDialog(transaction);
}

void MainWindow::openTransactionDialog(const Transaction *existing)
{
    const RowId portfolioId = existing ? existing->portfolioId : currentPortfolioId();
    const int portfolioRow = m_portfolios->rowOf(portfolioId);
    if (portfolioRow < 0)
        return;
    auto assets = store::AssetRepository(*m_database).list();
    if (!assets) {
        QMessageBox::warning(this, tr("Transaction"), tr("The assets could not be read.\n\n%1").arg(assets.error()));
        return;
    }

    auto *dialog = new TransactionDialog(*m_portfolios->portfolioAt(portfolioRow), std::move(assets).value(),
                                         m_portfolios->portfolios(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (existing)
        dialog->setTransaction(*existing);
    dialog->setSaveFunction([this](const Transaction &transaction) {
        return transaction.id != 0 ? m_ledger.edit(transaction) : m_ledger.add(transaction);
    });
    std::optional<Transaction> before;
    if (existing)
        before = *existing;
    connect(dialog, &QDialog::accepted, this, [this, dialog, before] {
        applySavedTransaction(dialog->transaction(), before ? &*before : nullptr);
    });
    dialog->open();
}

void MainWindow::applySavedTransaction(const Transaction &saved, const Transaction *before)
{
    if (before)
        pushTransactionCommand(new EditTransactionCommand(m_ledger, *before, saved));
    else
        pushTransactionCommand(new AddTransactionCommand(m_ledger, saved));

    if (m_transactions->rowOf(saved.id) >= 0)
        m_transactions->updateTransaction(saved);
    else
        m_transactions->insertTransaction(saved);
    refreshHoldings();

    const int row = m_transactions->rowOf(saved.id);
    if (row >= 0) {
        const QModelIndex index = m_transactionsProxy->mapFromSource(m_transactions->index(row, 0));
        m_ui->transactionsView->setCurrentIndex(index);
        m_ui->transactionsView->scrollTo(index);
    }
    statusBar()->showMessage(tr("Transaction saved."), 5000);
    m_valuation->recompute();
    m_jobsModel->reload(); // a new holding may have queued a backfill
}

void MainWindow::deleteTransaction()
{
    const Transaction *transaction = selectedTransaction();
    if (!transaction)
        return;
    const RowId id = transaction->id;
    const QModelIndex assetIndex = m_transactions->index(m_transactions->rowOf(id), TransactionsModel::AssetColumn);
    // The type stays as it is labelled (capitalised in German), so it is quoted.
    const QString what = assetIndex.data().toString().isEmpty()
        ? tr("“%1” of %2", "<type> of <date>")
              .arg(transactionTypeLabel(transaction->type), formatDate(transaction->date))
        : tr("“%1 %2” of %3", "<type> <asset> of <date>")
              .arg(transactionTypeLabel(transaction->type), assetIndex.data().toString(),
                   formatDate(transaction->date));

    auto *box = new QMessageBox(QMessageBox::Question, tr("Delete Transaction"),
                                tr("Delete the entry %1?").arg(what), QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setInformativeText(tr("Holdings and cash are derived anew without it."));
    box->setDefaultButton(QMessageBox::Cancel);
    box->button(QMessageBox::Yes)->setText(tr("Delete"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    const Transaction deleted = *transaction;
    connect(box, &QMessageBox::finished, this, [this, id, deleted](int button) {
        if (button != QMessageBox::Yes)
            return;
        if (const auto removed = m_ledger.remove(id); !removed) {
            QMessageBox::warning(this, tr("Delete Transaction"),
                                 tr("The transaction was not deleted.\n\n%1").arg(removed.error()));
            return;
        }
        pushTransactionCommand(new DeleteTransactionCommand(m_ledger, deleted));
        m_transactions->removeTransaction(id);
        refreshHoldings();
        updateActions();
        statusBar()->showMessage(tr("Transaction deleted."), 5000);
        m_valuation->recompute();
    });
    box->open();
}

void MainWindow::pushTransactionCommand(TransactionCommand *command)
{
    command->setHandlers(
        [this](RowId) {
            loadSelection();
            m_valuation->recompute();
        },
                         [this](const QString &error) { undoFailed(error); });
    m_undoStack->push(command); // its first redo() does nothing: the change is made
}

void MainWindow::undoFailed(const QString &error)
{
    // The history no longer matches the store: drop it rather than offer
    // steps that would apply to entries in another state. Cleared once the
    // stack has finished the step that failed.
    QTimer::singleShot(0, m_undoStack, &QUndoStack::clear);
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Undo"),
                                tr("This step cannot be undone or redone: %1").arg(error), QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("undoFailedBox"));
    box->setInformativeText(tr("The undo history has been cleared; the book is as it was before this step."));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace pt::gui
