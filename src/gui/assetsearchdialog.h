#pragma once

#include "domain/types.h"

#include <QDialog>
#include <QStringList>

#include <map>
#include <memory>
#include <vector>

class QPushButton;
class QTimer;

namespace Ui {
class AssetSearchDialog;
}

namespace pt::store {
class Database;
}

namespace pt::marketdata {
class ProviderRegistry;
struct SearchHit;
}

namespace pt::gui {

class SearchResultsModel;

// Finds an asset by symbol or name and adds it to the catalog. Matches from
// the local catalog show as the query is typed; the providers are asked once
// typing pauses, on the global thread pool, and their hits join the table as
// each answers (answers to an older query are dropped). Failures, such as
// being offline, are said in the dialog, never in a message box. Accepting
// adds the chosen hit to the catalog (or picks the catalog asset chosen) and
// asset() returns it.
class AssetSearchDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AssetSearchDialog)

public:
    // How long typing must pause before the providers are asked.
    static constexpr int DebounceMs = 300;

    // `providers` may be null (local search only); it must outlive the
    // searches this dialog starts, which may outlive the dialog.
    AssetSearchDialog(std::shared_ptr<store::Database> database, const marketdata::ProviderRegistry *providers,
                      QWidget *parent = nullptr);
    ~AssetSearchDialog() override;

    void setQuery(const QString &query);
    QString query() const;
    // The asset added or chosen, once accepted.
    const Asset &asset() const { return m_asset; }
    SearchResultsModel *resultsModel() const { return m_results; }
    // Whether the catalog is read and whether providers are still answering.
    bool isCatalogLoaded() const { return m_catalogLoaded; }
    bool isSearching() const { return m_pendingProviders > 0; }

    void accept() override;

Q_SIGNALS:
    // Every provider asked for the current query has answered.
    void searchFinished();
    // The chosen hit is in the catalog now.
    void assetAdded(const pt::Asset &asset);

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void loadCatalog();
    void queryChanged();
    void showLocalMatches();
    void searchProviders();
    void applyHits(const QString &key, const std::vector<marketdata::SearchHit> &hits);
    void updateStatus();
    void updateSelection();
    void updateButtons();
    void addAsset(Asset asset);
    void lookUpCurrency(Asset asset);
    void setBusy(bool busy);
    const Asset *catalogAsset(const Asset &hit) const;

    std::unique_ptr<Ui::AssetSearchDialog> m_ui;
    std::shared_ptr<store::Database> m_database;
    const marketdata::ProviderRegistry *m_providers;
    SearchResultsModel *m_results;
    QTimer *m_debounce;
    QPushButton *m_addButton = nullptr;
    std::vector<Asset> m_catalog;
    bool m_catalogLoaded = false;
    QString m_catalogError;
    quint64 m_generation = 0; // bumped by every change of the query
    QString m_searchedQuery;  // what the providers were last asked
    int m_pendingProviders = 0;
    std::map<QString, QString> m_providerErrors; // by provider key
    bool m_busy = false;
    QString m_addError;
    Asset m_asset;
};

} // namespace pt::gui
