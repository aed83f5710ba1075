#pragma once

#include "domain/types.h"
#include "result.h"

#include <QAbstractTableModel>

#include <map>
#include <vector>

namespace pt::store {
class Database;
}

namespace pt::gui {

// The live entries of one portfolio in the order the ledger replays them,
// including transfers from other portfolios into it. Cells a type does not use
// (see TransactionFields) are empty; the amount of a buy or sell is its gross
// value, quantity times price rounded to the currency's minor unit.
class TransactionsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransactionsModel)

public:
    enum Column {
        DateColumn,
        TypeColumn,
        AssetColumn,
        QuantityColumn,
        PriceColumn,
        AmountColumn,
        FeeColumn,
        CurrencyColumn,
        NoteColumn,
        ColumnCount
    };

    // What the table shows, read from the store.
    struct Content
    {
        RowId portfolioId = 0;
        std::vector<Transaction> transactions; // in replay order
        std::vector<Asset> assets;             // for symbols
    };

    explicit TransactionsModel(QObject *parent = nullptr);
    ~TransactionsModel() override;

    // Reads the portfolio's entries; safe on any thread that may use `database`.
    static Result<Content> load(const store::Database &database, RowId portfolioId);
    // load() and setContent() in one, on the GUI thread. On failure the model is
    // emptied and the error returned.
    Result<void> reload(const store::Database &database, RowId portfolioId);
    // Replaces every row (a model reset).
    void setContent(Content content);
    void clear();
    // The catalog changed (an asset added or renamed): symbols are shown anew.
    void setAssets(std::vector<Asset> assets);

    // Single-entry changes after the ledger service stored them. Entries that do
    // not concern this portfolio are ignored (or removed, when an edit moves
    // them out of it).
    void insertTransaction(const Transaction &transaction);
    void updateTransaction(const Transaction &transaction);
    void removeTransaction(RowId id);

    RowId portfolioId() const { return m_portfolioId; }
    const Transaction *transactionAt(int row) const;
    int rowOf(RowId id) const; // -1 when absent

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    bool concernsPortfolio(const Transaction &transaction) const;
    int insertionRow(const Transaction &transaction) const;
    QVariant rawValue(const Transaction &transaction, int column) const;
    QString displayText(const Transaction &transaction, int column) const;
    QString assetSymbol(RowId assetId) const;

    RowId m_portfolioId = 0;
    std::vector<Transaction> m_transactions;
    std::map<RowId, Asset> m_assets;
};

} // namespace pt::gui
