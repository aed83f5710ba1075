#include "gui/transactioncommands.h"

#include "gui/displaytext.h"
#include "ledger/ledgerservice.h"

#include <QCoreApplication>

namespace pt::gui {

namespace {

// "Add entry: Buy, 1/5/2024" and the like, for Edit ▸ Undo/Redo.
QString describe(const char *action, const Transaction &t)
{
    return QCoreApplication::translate("TransactionCommand", action)
        .arg(transactionTypeLabel(t.type), formatDate(t.date));
}

Result<void> withoutValue(const Result<Transaction> &result)
{
    if (!result)
        return Error{result.error()};
    return {};
}

} // namespace

TransactionCommand::TransactionCommand(const ledger::LedgerService &ledger, const QString &text)
    : QUndoCommand(text)
    , m_ledger(ledger)
{ }

void TransactionCommand::setHandlers(ChangeHandler changed, ErrorHandler failed)
{
    m_changed = std::move(changed);
    m_failed = std::move(failed);
}

void TransactionCommand::finish(const Result<void> &result, RowId portfolioId) const
{
    if (!result && m_failed)
        m_failed(result.error());
    if (m_changed)
        m_changed(portfolioId);
}

AddTransactionCommand::AddTransactionCommand(const ledger::LedgerService &ledger, const Transaction &added)
    : TransactionCommand(ledger, describe(QT_TRANSLATE_NOOP("TransactionCommand", "Add entry: %1, %2"), added))
    , m_added(added)
{ }

void AddTransactionCommand::undo()
{
    finish(m_ledger.remove(m_added.id), m_added.portfolioId);
}

void AddTransactionCommand::redo()
{
    if (firstRedo())
        return;
    finish(withoutValue(m_ledger.restore(m_added.id)), m_added.portfolioId);
}

EditTransactionCommand::EditTransactionCommand(const ledger::LedgerService &ledger, const Transaction &before,
                                               const Transaction &after)
    : TransactionCommand(ledger, describe(QT_TRANSLATE_NOOP("TransactionCommand", "Edit entry: %1, %2"), after))
    , m_before(before)
    , m_after(after)
{ }

void EditTransactionCommand::undo()
{
    finish(withoutValue(m_ledger.edit(m_before)), m_before.portfolioId);
}

void EditTransactionCommand::redo()
{
    if (firstRedo())
        return;
    finish(withoutValue(m_ledger.edit(m_after)), m_after.portfolioId);
}

DeleteTransactionCommand::DeleteTransactionCommand(const ledger::LedgerService &ledger, const Transaction &deleted)
    : TransactionCommand(ledger, describe(QT_TRANSLATE_NOOP("TransactionCommand", "Delete entry: %1, %2"), deleted))
    , m_deleted(deleted)
{ }

void DeleteTransactionCommand::undo()
{
    finish(withoutValue(m_ledger.restore(m_deleted.id)), m_deleted.portfolioId);
}

void DeleteTransactionCommand::redo()
{
    if (firstRedo())
        return;
    finish(m_ledger.remove(m_deleted.id), m_deleted.portfolioId);
}

} // namespace pt::gui
