#include "gui/searchresultsmodel.h"

#include "gui/itemroles.h"
#include "gui/marketdatatext.h"

#include <algorithm>

namespace pt::gui {

SearchResultsModel::SearchResultsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

SearchResultsModel::~SearchResultsModel() = default;

Asset SearchResultsModel::assetFromHit(const marketdata::SearchHit &hit)
{
    Asset asset;
    asset.symbol = hit.symbol;
    asset.name = hit.name.isEmpty() ? hit.symbol : hit.name;
    asset.assetClass = hit.assetClass;
    asset.exchange = hit.exchange;
    asset.currency = hit.currency.toUpper();
    asset.dataSource = hit.dataSource;
    asset.sourceId = hit.sourceId.isEmpty() ? hit.symbol : hit.sourceId;
    return asset;
}

void SearchResultsModel::setLocalMatches(const std::vector<Asset> &assets)
{
    removeRange(0, m_localCount - 1);
    m_localCount = 0;
    std::vector<Entry> results;
    results.reserve(assets.size());
    for (const Asset &asset : assets)
        results.push_back(Entry{asset});
    m_localCount = int(results.size());
    insertAt(0, std::move(results));
}

void SearchResultsModel::setProviderHits(const QString &key, const std::vector<marketdata::SearchHit> &hits)
{
    // A provider's rows are adjacent: remove them, then append the new ones.
    const auto isOfKey = [&key](const Entry &r) { return !r.inCatalog() && r.asset.dataSource == key; };
    const auto first = std::find_if(m_entries.cbegin() + m_localCount, m_entries.cend(), isOfKey);
    if (first != m_entries.cend()) {
        const auto last = std::find_if_not(first, m_entries.cend(), isOfKey);
        removeRange(int(first - m_entries.cbegin()), int(last - m_entries.cbegin()) - 1);
    }
    std::vector<Entry> results;
    results.reserve(hits.size());
    for (const marketdata::SearchHit &hit : hits) {
        Entry result{assetFromHit(hit)};
        if (result.asset.dataSource.isEmpty())
            result.asset.dataSource = key;
        results.push_back(std::move(result));
    }
    insertAt(int(m_entries.size()), std::move(results));
}

void SearchResultsModel::clearProviderHits()
{
    removeRange(m_localCount, int(m_entries.size()) - 1);
}

void SearchResultsModel::clear()
{
    removeRange(0, int(m_entries.size()) - 1);
    m_localCount = 0;
}

int SearchResultsModel::providerCount(const QString &key) const
{
    return int(std::count_if(m_entries.cbegin() + m_localCount, m_entries.cend(),
                             [&key](const Entry &r) { return r.asset.dataSource == key; }));
}

void SearchResultsModel::removeRange(int first, int last)
{
    if (first > last)
        return;
    beginRemoveRows(QModelIndex(), first, last);
    m_entries.erase(m_entries.begin() + first, m_entries.begin() + last + 1);
    if (first < m_localCount)
        m_localCount -= std::min(last, m_localCount - 1) - first + 1;
    endRemoveRows();
}

void SearchResultsModel::insertAt(int row, std::vector<Entry> results)
{
    if (results.empty())
        return;
    beginInsertRows(QModelIndex(), row, row + int(results.size()) - 1);
    m_entries.insert(m_entries.begin() + row, std::make_move_iterator(results.begin()),
                     std::make_move_iterator(results.end()));
    endInsertRows();
}

const SearchResultsModel::Entry *SearchResultsModel::entryAt(int row) const
{
    return row >= 0 && row < int(m_entries.size()) ? &m_entries[std::size_t(row)] : nullptr;
}

int SearchResultsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int SearchResultsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SearchResultsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &result = m_entries[std::size_t(index.row())];
    const Asset &asset = result.asset;

    switch (role) {
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case SymbolColumn:
            return asset.symbol;
        case NameColumn:
            return asset.name;
        case ClassColumn:
            return assetClassLabel(asset.assetClass);
        case ExchangeColumn:
            return asset.exchange;
        case CurrencyColumn:
            return asset.currency;
        case SourceColumn:
            if (result.inCatalog())
                return tr("Catalog", "the local list of assets");
            return sourceLabel(asset.dataSource);
        case ColumnCount:
            break;
        }
        break;
    case Qt::ToolTipRole:
        if (result.inCatalog())
            return tr("Already in the catalog");
        return tr("From %1 (id %2)").arg(sourceLabel(asset.dataSource), asset.sourceId);
    case RawValueRole:
        switch (Column(index.column())) {
        case SymbolColumn:
            return asset.symbol;
        case NameColumn:
            return asset.name;
        case ClassColumn:
            return toKey(asset.assetClass);
        case ExchangeColumn:
            return asset.exchange;
        case CurrencyColumn:
            return asset.currency;
        case SourceColumn:
            return result.inCatalog() ? QString() : asset.dataSource;
        case ColumnCount:
            break;
        }
        break;
    case IdRole:
        return QVariant::fromValue(qint64(asset.id));
    default:
        break;
    }
    return {};
}

QVariant SearchResultsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::TextAlignmentRole)
        return int(Qt::AlignLeft | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case SymbolColumn:
        return tr("Symbol");
    case NameColumn:
        return tr("Name");
    case ClassColumn:
        return tr("Class", "asset class");
    case ExchangeColumn:
        return tr("Exchange");
    case CurrencyColumn:
        return tr("Currency");
    case SourceColumn:
        return tr("Source", "where a search result comes from");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace pt::gui
