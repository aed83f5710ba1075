#pragma once

#include "domain/types.h"
#include "marketdata/marketdata.h"

#include <QAbstractTableModel>

#include <vector>

namespace pt::gui {

// The answers to one asset search: first the matches from the local catalog,
// then each provider's hits in the order the providers answered. A provider's
// rows are replaced as a whole when it answers again.
class SearchResultsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SearchResultsModel)

public:
    enum Column {
        SymbolColumn,
        NameColumn,
        ClassColumn,
        ExchangeColumn,
        CurrencyColumn,
        SourceColumn,
        ColumnCount
    };

    // One row: an asset of the catalog (id != 0), or a provider's hit described
    // as the asset it would become (id 0, dataSource and sourceId set).
    struct Entry
    {
        Asset asset;
        bool inCatalog() const { return asset.id != 0; }
    };

    explicit SearchResultsModel(QObject *parent = nullptr);
    ~SearchResultsModel() override;

    // The asset a provider's hit would become in the catalog.
    static Asset assetFromHit(const marketdata::SearchHit &hit);

    void setLocalMatches(const std::vector<Asset> &assets);
    // Replaces the rows of provider `key` (the hits' dataSource).
    void setProviderHits(const QString &key, const std::vector<marketdata::SearchHit> &hits);
    void clearProviderHits();
    void clear();

    const Entry *entryAt(int row) const;
    int localCount() const { return m_localCount; }
    int providerCount(const QString &key) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    void removeRange(int first, int last);
    void insertAt(int row, std::vector<Entry> results);

    std::vector<Entry> m_entries;
    int m_localCount = 0;
};

} // namespace pt::gui
