#include "gui/portfoliolistmodel.h"

#include "gui/displaytext.h"
#include "gui/itemroles.h"
#include "store/portfoliorepository.h"

#include <QFont>

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

void PortfolioListModel::setShowAll(bool show)
{
    if (show == m_showAll)
        return;
    if (m_portfolios.empty()) {
        m_showAll = show;
        return;
    }
    if (show) {
        beginInsertRows(QModelIndex(), 0, 0);
        m_showAll = true;
        endInsertRows();
    } else {
        beginRemoveRows(QModelIndex(), 0, 0);
        m_showAll = false;
        endRemoveRows();
    }
}

void PortfolioListModel::setTotalCurrency(const QString &currency)
{
    m_totalCurrency = currency;
    if (hasAllRow())
        Q_EMIT dataChanged(index(0, BaseCurrencyColumn), index(0, BaseCurrencyColumn));
}

int PortfolioListModel::insertPortfolio(const Portfolio &portfolio)
{
    const auto it = std::upper_bound(m_portfolios.cbegin(), m_portfolios.cend(), portfolio, namedBefore);
    const int position = int(it - m_portfolios.cbegin());
    // The first portfolio brings the "All portfolios" row with it.
    const bool bringsAllRow = m_showAll && m_portfolios.empty();
    const int row = position + (m_showAll ? 1 : 0);
    beginInsertRows(QModelIndex(), bringsAllRow ? 0 : row, row);
    m_portfolios.insert(m_portfolios.begin() + position, portfolio);
    endInsertRows();
    return row;
}

void PortfolioListModel::removePortfolio(RowId id)
{
    const int row = rowOf(id);
    if (row < 0 || isAllRow(row))
        return;
    // The last portfolio takes the "All portfolios" row with it.
    const bool takesAllRow = hasAllRow() && m_portfolios.size() == 1;
    beginRemoveRows(QModelIndex(), takesAllRow ? 0 : row, row);
    m_portfolios.erase(m_portfolios.begin() + (row - firstPortfolioRow()));
    endRemoveRows();
}

const Portfolio *PortfolioListModel::portfolioAt(int row) const
{
    const int position = row - firstPortfolioRow();
    return position >= 0 && position < int(m_portfolios.size()) ? &m_portfolios[std::size_t(position)] : nullptr;
}

int PortfolioListModel::rowOf(RowId id) const
{
    if (id == AllPortfolios)
        return hasAllRow() ? 0 : -1;
    const auto it = std::find_if(m_portfolios.cbegin(), m_portfolios.cend(),
                                 [id](const Portfolio &p) { return p.id == id; });
    return it == m_portfolios.cend() ? -1 : int(it - m_portfolios.cbegin()) + firstPortfolioRow();
}

int PortfolioListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_portfolios.size()) + firstPortfolioRow();
}

int PortfolioListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PortfolioListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (isAllRow(index.row()))
        return allRowData(index, role);
    const Portfolio &portfolio = *portfolioAt(index.row());

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

QVariant PortfolioListModel::allRowData(const QModelIndex &index, int role) const
{
    switch (role) {
    case Qt::DisplayRole:
    case RawValueRole:
        if (index.column() == NameColumn)
            return tr("All portfolios");
        if (index.column() == BaseCurrencyColumn)
            return m_totalCurrency;
        return {};
    case Qt::ToolTipRole:
        return tr("Every portfolio together, in %1").arg(m_totalCurrency);
    case Qt::FontRole: {
        QFont font;
        font.setItalic(true);
        return font;
    }
    case IdRole:
        return QVariant::fromValue(qint64(AllPortfolios));
    default:
        return {};
    }
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
