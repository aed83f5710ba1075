#pragma once

#include "domain/types.h"
#include "result.h"

#include <QAbstractTableModel>

#include <vector>

namespace pt::store {
class Database;
}

namespace pt::gui {

// The live portfolios of the store, one per row, ordered by name ignoring case.
class PortfolioListModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PortfolioListModel)

public:
    enum Column {
        NameColumn,
        BaseCurrencyColumn,
        CostBasisMethodColumn,
        ColumnCount
    };

    explicit PortfolioListModel(QObject *parent = nullptr);
    ~PortfolioListModel() override;

    // Reads the list from the store; safe on any thread that may use `database`.
    static Result<std::vector<Portfolio>> load(const store::Database &database);
    // load() and setPortfolios() in one, on the GUI thread.
    Result<void> reload(const store::Database &database);
    // Replaces every row (a model reset).
    void setPortfolios(std::vector<Portfolio> portfolios);
    // Inserts one portfolio at its place by name and returns its row.
    int insertPortfolio(const Portfolio &portfolio);
    void removePortfolio(RowId id);

    const std::vector<Portfolio> &portfolios() const { return m_portfolios; }
    const Portfolio *portfolioAt(int row) const;
    int rowOf(RowId id) const; // -1 when absent

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    std::vector<Portfolio> m_portfolios;
};

} // namespace pt::gui
