#include "gui/portfoliolistmodel.h"

#include "gui/displaytext.h"
#include "gui/itemroles.h"
#include "store/portfoliorepository.h"

#include <algorithm>

namespace pt::gui {

namespace {

// By name as people read a list: ignoring case.
bool namedBefore(const Portfolio &a, const Portfolio &b)
{
    return QString::compare(a.name, b.name, Qt::CaseInsensitive) < 0;
}

} // namespace

PortfolioListModel::PortfolioListModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

PortfolioListModel::~PortfolioListModel() = default;

Result<std::vector<Portfolio>> PortfolioListModel::load(const store::Database &database)
{
    return store::PortfolioRepository(database).list();
}

Result<void> PortfolioListModel::reload(const store::Database &database)
{
    auto portfolios = load(database);
    if (!portfolios)
        return Error{portfolios.error()};
    setPortfolios(std::move(portfolios).value());
    return {};
}

void PortfolioListModel::setPortfolios(std::vector<Portfolio> portfolios)
{
    std::stable_sort(portfolios.begin(), portfolios.end(), namedBefore);
    beginResetModel();
    m_portfolios = std::move(portfolios);
    endResetModel();
}

int PortfolioListModel::insertPortfolio(const Portfolio &portfolio)
{
    const auto it = std::upper_bound(m_portfolios.cbegin(), m_portfolios.cend(), portfolio, namedBefore);
    const int row = int(it - m_portfolios.cbegin());
    beginInsertRows(QModelIndex(), row, row);
    m_portfolios.insert(m_portfolios.begin() + row, portfolio);
    endInsertRows();
    return row;
}

void PortfolioListModel::removePortfolio(RowId id)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    beginRemoveRows(QModelIndex(), row, row);
    m_portfolios.erase(m_portfolios.begin() + row);
    endRemoveRows();
}

const Portfolio *PortfolioListModel::portfolioAt(int row) const
{
    return row >= 0 && row < int(m_portfolios.size()) ? &m_portfolios[std::size_t(row)] : nullptr;
}

int PortfolioListModel::rowOf(RowId id) const
{
    const auto it = std::find_if(m_portfolios.cbegin(), m_portfolios.cend(),
                                 [id](const Portfolio &p) { return p.id == id; });
    return it == m_portfolios.cend() ? -1 : int(it - m_portfolios.cbegin());
}

int PortfolioListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_portfolios.size());
}

int PortfolioListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PortfolioListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Portfolio &portfolio = m_portfolios[std::size_t(index.row())];

    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (Column(index.column())) {
        case NameColumn:
            return portfolio.name;
        case BaseCurrencyColumn:
            return portfolio.baseCurrency;
        case CostBasisMethodColumn:
            return costBasisMethodLabel(portfolio.costBasisMethod);
        case ColumnCount:
            break;
        }
        break;
    case RawValueRole:
        switch (Column(index.column())) {
        case NameColumn:
            return portfolio.name;
        case BaseCurrencyColumn:
            return portfolio.baseCurrency;
        case CostBasisMethodColumn:
            return toKey(portfolio.costBasisMethod);
        case ColumnCount:
            break;
        }
        break;
    case IdRole:
        return QVariant::fromValue(qint64(portfolio.id));
    default:
        break;
    }
    return {};
}

QVariant PortfolioListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::TextAlignmentRole)
        return int(Qt::AlignLeft | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case NameColumn:
        return tr("Portfolio");
    case BaseCurrencyColumn:
        return tr("Currency");
    case CostBasisMethodColumn:
        return tr("Cost basis", "cost-basis method: FIFO or average cost");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace pt::gui
