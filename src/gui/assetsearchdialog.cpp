#include "gui/assetsearchdialog.h"

#include "gui/decimalsortproxymodel.h"
#include "gui/futures.h"
#include "gui/logging.h"
#include "gui/marketdatatext.h"
#include "gui/searchresultsmodel.h"
#include "gui/viewsizing.h"
#include "marketdata/httpclient.h"
#include "marketdata/provider.h"
#include "marketdata/providerregistry.h"
#include "money/currency.h"
#include "store/assetrepository.h"
#include "store/database.h"
#include "ui_assetsearchdialog.h"

#include <QFuture>
#include <QKeyEvent>
#include <QPushButton>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <span>

namespace pt::gui {

namespace {

constexpr int MaxLocalMatches = 50;

// How well a catalog asset matches a query: 0 for none, higher is better.
int matchRank(const Asset &asset, const QString &query)
{
    if (asset.symbol.compare(query, Qt::CaseInsensitive) == 0)
        return 4;
    if (asset.symbol.startsWith(query, Qt::CaseInsensitive))
        return 3;
    if (asset.name.startsWith(query, Qt::CaseInsensitive))
        return 2;
    if (asset.symbol.contains(query, Qt::CaseInsensitive) || asset.name.contains(query, Qt::CaseInsensitive)
        || asset.sourceId.contains(query, Qt::CaseInsensitive))
        return 1;
    return 0;
}

} // namespace

AssetSearchDialog::AssetSearchDialog(std::shared_ptr<store::Database> database,
                                     const marketdata::ProviderRegistry *providers, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::AssetSearchDialog>())
    , m_database(std::move(database))
    , m_providers(providers)
    , m_results(new SearchResultsModel(this))
    , m_debounce(new QTimer(this))
{
    m_ui->setupUi(this);
    m_addButton = m_ui->buttonBox->addButton(tr("&Add to Catalog"), QDialogButtonBox::AcceptRole);
    m_addButton->setObjectName(QStringLiteral("addButton"));
    // Wide enough for either label, so the buttons do not move as rows are chosen.
    int buttonWidth = m_addButton->sizeHint().width();
    m_addButton->setText(tr("&Select"));
    buttonWidth = std::max(buttonWidth, m_addButton->sizeHint().width());
    m_addButton->setMinimumWidth(buttonWidth);

    m_ui->resultsView->setModel(m_results);
    QStringList classes;
    for (int c = int(AssetClass::Stock); c <= int(AssetClass::Currency); ++c)
        classes << assetClassLabel(AssetClass(c));
    setColumnWidths(m_ui->resultsView,
                    {{QStringLiteral("BRK-B.DE"), QStringLiteral("EURUSD=X")},
                     {QStringLiteral("Roundhill Apple WeeklyPay ETF")},
                     classes,
                     {QStringLiteral("NYSEArca"), QStringLiteral("XETRA")},
                     {QStringLiteral("USDT")}});
    m_ui->currencyEdit->setMaximumWidth(10 * fontMetrics().averageCharWidth());

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(DebounceMs);

    connect(m_ui->queryEdit, &QLineEdit::textChanged, this, &AssetSearchDialog::queryChanged);
    connect(m_debounce, &QTimer::timeout, this, &AssetSearchDialog::searchProviders);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &AssetSearchDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &AssetSearchDialog::reject);
    connect(m_ui->resultsView, &QTableView::doubleClicked, this, &AssetSearchDialog::accept);
    connect(m_ui->resultsView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &AssetSearchDialog::updateSelection);
    connect(m_ui->currencyEdit, &QLineEdit::textEdited, this, [this] {
        m_addError.clear();
        updateStatus();
    });
    // The first row becomes current when results arrive and nothing is chosen yet.
    connect(m_results, &SearchResultsModel::rowsInserted, this, [this] {
        if (!m_ui->resultsView->currentIndex().isValid() && m_results->rowCount() > 0)
            m_ui->resultsView->setCurrentIndex(m_results->index(0, SearchResultsModel::SymbolColumn));
    });
    connect(m_results, &SearchResultsModel::rowsRemoved, this, &AssetSearchDialog::updateSelection);

    loadCatalog();
    updateSelection();
    updateStatus();
}

AssetSearchDialog::~AssetSearchDialog() = default;

void AssetSearchDialog::setQuery(const QString &query)
{
    m_ui->queryEdit->setText(query);
}

QString AssetSearchDialog::query() const
{
    return m_ui->queryEdit->text().trimmed();
}

void AssetSearchDialog::loadCatalog()
{
    whenReady(QtConcurrent::run([database = m_database] { return store::AssetRepository(*database).list(); }), this,
              [this](Result<std::vector<Asset>> assets) {
                  m_catalogLoaded = true;
                  if (!assets) {
                      qCWarning(lcGui).noquote() << "asset search:" << assets.error();
                      m_catalogError = assets.error();
                  } else {
                      m_catalog = std::move(assets).value();
                  }
                  showLocalMatches();
                  updateStatus();
              });
}

void AssetSearchDialog::queryChanged()
{
    ++m_generation; // answers to the previous query are stale now
    m_pendingProviders = 0;
    m_providerErrors.clear();
    m_searchedQuery.clear();
    m_addError.clear();
    m_results->clearProviderHits();
    showLocalMatches();
    if (m_providers && !query().isEmpty())
        m_debounce->start();
    else
        m_debounce->stop();
    updateStatus();
}

void AssetSearchDialog::showLocalMatches()
{
    const QString text = query();
    std::vector<std::pair<int, const Asset *>> ranked;
    if (!text.isEmpty()) {
        for (const Asset &asset : m_catalog) {
            if (const int rank = matchRank(asset, text); rank > 0)
                ranked.emplace_back(rank, &asset);
        }
    }
    std::stable_sort(ranked.begin(), ranked.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
    std::vector<Asset> matches;
    for (const auto &[rank, asset] : ranked) {
        if (int(matches.size()) == MaxLocalMatches)
            break;
        matches.push_back(*asset);
    }
    m_results->setLocalMatches(matches);
}

void AssetSearchDialog::searchProviders()
{
    m_debounce->stop();
    const QString text = query();
    if (!m_providers || text.isEmpty() || (text == m_searchedQuery))
        return;
    m_searchedQuery = text;
    m_providerErrors.clear();
    m_results->clearProviderHits();
    const quint64 generation = m_generation;
    const QStringList keys = m_providers->keys();
    m_pendingProviders = 0;
    for (const QString &key : keys) {
        marketdata::Provider *provider = m_providers->provider(key);
        if (!provider)
            continue;
        ++m_pendingProviders;
        // The provider blocks until its answer is parsed: on the pool, never here.
        whenReady(QtConcurrent::run([provider, text] { return provider->search(text); }), this,
                  [this, key, generation](Result<std::vector<marketdata::SearchHit>> hits) {
                      if (generation != m_generation)
                          return; // the query changed meanwhile
                      --m_pendingProviders;
                      if (hits)
                          applyHits(key, *hits);
                      else
                          m_providerErrors.insert_or_assign(key, hits.error());
                      updateStatus();
                      if (m_pendingProviders == 0)
                          Q_EMIT searchFinished();
                  });
    }
    updateStatus();
    if (m_pendingProviders == 0)
        Q_EMIT searchFinished();
}

void AssetSearchDialog::applyHits(const QString &key, const std::vector<marketdata::SearchHit> &hits)
{
    // Hits already in the catalog are not offered twice.
    std::vector<marketdata::SearchHit> fresh;
    for (const marketdata::SearchHit &hit : hits) {
        marketdata::SearchHit copy = hit;
        if (copy.dataSource.isEmpty())
            copy.dataSource = key;
        if (copy.symbol.isEmpty() || catalogAsset(SearchResultsModel::assetFromHit(copy)))
            continue;
        fresh.push_back(std::move(copy));
    }
    m_results->setProviderHits(key, fresh);
}

const Asset *AssetSearchDialog::catalogAsset(const Asset &hit) const
{
    const auto it = std::find_if(m_catalog.cbegin(), m_catalog.cend(), [&hit](const Asset &asset) {
        return asset.dataSource == hit.dataSource
            && (asset.sourceId == hit.sourceId || asset.symbol.compare(hit.symbol, Qt::CaseInsensitive) == 0);
    });
    return it == m_catalog.cend() ? nullptr : &*it;
}

void AssetSearchDialog::updateStatus()
{
    QStringList parts;
    const QString text = query();
    if (!m_addError.isEmpty()) {
        parts << m_addError;
    } else if (m_busy) {
        parts << tr("Adding to the catalog…");
    } else if (text.isEmpty()) {
        parts << tr("Type a symbol or a name. The catalog is searched as you type, the providers when you pause.");
    } else {
        if (!m_catalogLoaded)
            parts << tr("Reading the catalog…");
        else if (!m_catalogError.isEmpty())
            parts << tr("The catalog could not be read: %1").arg(m_catalogError);
        else
            parts << tr("Matches in the catalog: %1.").arg(m_results->localCount());

        if (!m_providers) {
            parts << tr("Provider search is not available.");
        } else if (m_pendingProviders > 0 || m_debounce->isActive()) {
            QStringList names;
            for (const QString &key : m_providers->keys())
                names << sourceLabel(key);
            parts << (m_providers->http().isOnline()
                          ? tr("Searching %1…").arg(names.join(QStringLiteral(", ")))
                          : tr("The last request found no network; asking %1 again…")
                                .arg(names.join(QStringLiteral(", "))));
        } else if (m_searchedQuery == text) {
            const int found = m_results->rowCount() - m_results->localCount();
            if (!m_providerErrors.empty() && !m_providers->http().isOnline()) {
                parts << tr("Offline: the providers could not be reached, so only the catalog was searched.");
            } else {
                parts << tr("Results from the providers: %1.").arg(found);
                for (const auto &[key, error] : m_providerErrors)
                    parts << tr("%1 failed: %2", "<provider> failed: <reason>").arg(sourceLabel(key), error);
            }
        }
    }
    m_ui->statusLabel->setText(parts.join(u' '));
    QStringList details;
    for (const auto &[key, error] : m_providerErrors)
        details << tr("%1: %2", "<provider>: <error>").arg(sourceLabel(key), error);
    m_ui->statusLabel->setToolTip(details.join(u'\n'));
}

void AssetSearchDialog::updateSelection()
{
    const SearchResultsModel::Entry *entry = m_results->entryAt(m_ui->resultsView->currentIndex().row());
    m_addError.clear();
    m_ui->currencyEdit->setText(entry ? entry->asset.currency : QString());
    m_ui->currencyEdit->setPlaceholderText(entry && !entry->inCatalog() ? tr("look up") : QString());
    updateButtons();
    updateStatus();
}

void AssetSearchDialog::updateButtons()
{
    const SearchResultsModel::Entry *entry = m_results->entryAt(m_ui->resultsView->currentIndex().row());
    m_addButton->setEnabled(entry != nullptr && !m_busy);
    m_addButton->setText(entry && entry->inCatalog() ? tr("&Select") : tr("&Add to Catalog"));
    m_ui->currencyEdit->setEnabled(entry != nullptr && !entry->inCatalog() && !m_busy);
}

void AssetSearchDialog::setBusy(bool busy)
{
    m_busy = busy;
    updateButtons();
    updateStatus();
}

void AssetSearchDialog::accept()
{
    const SearchResultsModel::Entry *entry = m_results->entryAt(m_ui->resultsView->currentIndex().row());
    if (!entry || m_busy)
        return;
    if (entry->inCatalog()) {
        m_asset = entry->asset;
        QDialog::accept();
        return;
    }

    Asset asset = entry->asset;
    asset.currency = m_ui->currencyEdit->text().trimmed().toUpper();
    if (!asset.currency.isEmpty() && !currency::isValidCode(asset.currency)) {
        m_addError = tr("“%1” is not a currency code such as EUR or USD.").arg(asset.currency);
        updateStatus();
        m_ui->currencyEdit->setFocus();
        return;
    }
    if (asset.currency.isEmpty())
        lookUpCurrency(std::move(asset));
    else
        addAsset(std::move(asset));
}

void AssetSearchDialog::lookUpCurrency(Asset asset)
{
    marketdata::Provider *provider = m_providers ? m_providers->provider(asset.dataSource) : nullptr;
    if (!provider) {
        m_addError = tr("Enter the currency %1 trades in.").arg(asset.symbol);
        updateStatus();
        m_ui->currencyEdit->setFocus();
        return;
    }
    setBusy(true);
    // Search answers seldom name the currency; the latest quote does.
    whenReady(QtConcurrent::run([provider, asset] { return provider->latest(std::span<const Asset>(&asset, 1)); }),
              this, [this, asset](Result<std::vector<marketdata::Quote>> quotes) mutable {
                  if (quotes && !quotes->empty() && currency::isValidCode(quotes->front().currency.toUpper())) {
                      asset.currency = quotes->front().currency.toUpper();
                      addAsset(std::move(asset));
                      return;
                  }
                  setBusy(false);
                  const QString reason
                      = quotes ? tr("%1 did not say.").arg(sourceLabel(asset.dataSource)) : quotes.error();
                  m_addError
                      = tr("The currency of %1 is not known (%2) Enter it and add again.").arg(asset.symbol, reason);
                  updateStatus();
                  m_ui->currencyEdit->setFocus();
              });
}

void AssetSearchDialog::addAsset(Asset asset)
{
    setBusy(true);
    whenReady(
        QtConcurrent::run([database = m_database, asset] { return store::AssetRepository(*database).add(asset); }),
        this, [this](Result<Asset> added) {
            setBusy(false);
            if (!added) {
                m_addError = tr("Not added: %1").arg(added.error());
                updateStatus();
                return;
            }
            m_asset = *added;
            m_catalog.push_back(m_asset);
            Q_EMIT assetAdded(m_asset);
            QDialog::accept();
        });
}

void AssetSearchDialog::keyPressEvent(QKeyEvent *event)
{
    if (m_ui->queryEdit->hasFocus()) {
        // Enter searches at once instead of adding the highlighted row; Down
        // goes to the results.
        if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) {
            searchProviders();
            event->accept();
            return;
        }
        if (event->key() == Qt::Key_Down && m_results->rowCount() > 0) {
            m_ui->resultsView->setFocus();
            if (!m_ui->resultsView->currentIndex().isValid())
                m_ui->resultsView->setCurrentIndex(m_results->index(0, 0));
            event->accept();
            return;
        }
    }
    QDialog::keyPressEvent(event);
}

} // namespace pt::gui
