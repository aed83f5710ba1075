#pragma once

#include "domain/types.h"
#include "result.h"

#include <QAbstractTableModel>

#include <vector>

namespace pt::store {
class Database;
}

namespace pt::gui {

// The live portfolios of the store, one per row, ordered by name ignoring case;
// with setShowAll(true), an "All portfolios" row comes first whenever there
// is a portfolio (its id is AllPortfolios, its currency the total's).
class PortfolioListModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PortfolioListModel)

public:
    // The id the "All portfolios" row answers for IdRole and rowOf().
    static constexpr RowId AllPortfolios = -1;

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

    void setShowAll(bool show);
    void setTotalCurrency(const QString &currency);
    bool isAllRow(int row) const { return hasAllRow() && row == 0; }

    const std::vector<Portfolio> &portfolios() const { return m_portfolios; }
    const Portfolio *portfolioAt(int row) const; // nullptr for the "All portfolios" row
    int rowOf(RowId id) const; // -1 when absent

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    bool hasAllRow() const { return m_showAll && !m_portfolios.empty(); }
    QVariant allRowData(const QModelIndex &index, int role) const;
    int firstPortfolioRow() const { return hasAllRow() ? 1 : 0; }

    std::vector<Portfolio> m_portfolios;
    bool m_showAll = false;
    QString m_totalCurrency = QStringLiteral("EUR");
};

} // namespace pt::gui
