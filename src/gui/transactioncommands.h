#pragma once

#include "domain/types.h"
#include "result.h"

#include <QUndoCommand>

#include <functional>
#include <utility>

namespace pt::ledger {
class LedgerService;
}

namespace pt::gui {

// Undoable changes to the ledger, for the window's QUndoStack. Every step
// goes through the LedgerService, so an undo or redo that would leave a book
// inconsistent (undoing a buy a later sell needs) is refused like any other
// change; the command then reports the error through `onError` and the
// window clears the history, which no longer matches the store.
//
// A change is made before its command is pushed (the dialog saves it), so
// the first redo() only records that it happened.
class TransactionCommand : public QUndoCommand
{
public:
    using ErrorHandler = std::function<void(const QString &error)>;
    using ChangeHandler = std::function<void(RowId portfolioId)>;

    // Called after every undo and redo: `changed` with the portfolio whose
    // entries changed, `failed` with the ledger's refusal.
    void setHandlers(ChangeHandler changed, ErrorHandler failed);

protected:
    TransactionCommand(const ledger::LedgerService &ledger, const QString &text);
    // The first redo() of a pushed command: the change is already made.
    bool firstRedo() { return std::exchange(m_firstRedo, false); }
    void finish(const Result<void> &result, RowId portfolioId) const;

    const ledger::LedgerService &m_ledger;

private:
    ChangeHandler m_changed;
    ErrorHandler m_failed;
    bool m_firstRedo = true;
};

// An entry was added: undo deletes it (a tombstone), redo restores it.
class AddTransactionCommand final : public TransactionCommand
{
public:
    AddTransactionCommand(const ledger::LedgerService &ledger, const Transaction &added);
    void undo() override;
    void redo() override;

private:
    Transaction m_added;
};

// An entry was edited: undo writes the old values back, redo the new ones.
class EditTransactionCommand final : public TransactionCommand
{
public:
    EditTransactionCommand(const ledger::LedgerService &ledger, const Transaction &before, const Transaction &after);
    void undo() override;
    void redo() override;

private:
    Transaction m_before;
    Transaction m_after;
};

// An entry was deleted: undo restores it, redo deletes it again.
class DeleteTransactionCommand final : public TransactionCommand
{
public:
    DeleteTransactionCommand(const ledger::LedgerService &ledger, const Transaction &deleted);
    void undo() override;
    void redo() override;

private:
    Transaction m_deleted;
};

} // namespace pt::gui
