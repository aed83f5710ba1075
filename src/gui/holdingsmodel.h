#pragma once

#include "jobs/pricecache.h"

#include "domain/types.h"
#include "ledger/ledger.h"
#include "result.h"

#include <QAbstractTableModel>

#include <map>
#include <vector>

namespace pt::store {
class Database;
}

namespace pt::gui {

// The positions of one portfolio as the ledger derives them, one asset per row
// ordered by symbol; positions sold out stay listed for their realized gain and
// income. Cash is not a row: cash() gives the balance per currency.
class HoldingsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HoldingsModel)

public:
    enum Column {
        SymbolColumn,
        NameColumn,
        QuantityColumn,
        PriceColumn,     // the latest known price
        PriceDateColumn, // when that price was; marked when stale
        ValueColumn,     // quantity × latest price, in the asset's currency
        CostBasisColumn,
        GainColumn,      // value − cost basis (unrealized)
        GainPercentColumn,
        WeightColumn,    // share of the holdings' value, in the base currency
        AverageCostColumn,
        RealizedGainColumn,
        IncomeColumn,
        CurrencyColumn,
        ColumnCount
    };

    // A price older than this many days is marked stale (the valuation's default).
    static constexpr int StaleAfterDays = 5;

    // What one portfolio's holdings are made of, read from the store.
    struct Content
    {
        ledger::PortfolioBook book;
        std::vector<Asset> assets;
        std::map<RowId, jobs::PriceCache::Entry> prices; // by asset id; missing when none is known
        QString baseCurrency;                     // of the portfolio, or the total's for all
        std::map<QString, Decimal> toBase;        // latest rate: 1 unit of a currency in the base currency
        QDate today;
    };

    explicit HoldingsModel(QObject *parent = nullptr);
    ~HoldingsModel() override;

    // Replays the portfolio's ledger (every portfolio's, merged, when
    // `portfolioId` is 0) and reads the latest prices (through `cache` when
    // given: the runner's, which refreshes fill); safe on any thread that may
    // use `database`.
    static Result<Content> load(const store::Database &database, RowId portfolioId,
                                jobs::PriceCache *cache = nullptr,
                                const QString &totalCurrency = QStringLiteral("EUR"));
    // load() and setContent() in one, on the GUI thread. On failure the model is
    // emptied and the error returned.
    Result<void> reload(const store::Database &database, RowId portfolioId, jobs::PriceCache *cache = nullptr);
    // Replaces every row (a model reset).
    void setContent(Content content);
    void clear();
    // Every portfolio's positions added up by asset, and cash by currency.
    static ledger::PortfolioBook mergedBook(const std::vector<ledger::PortfolioBook> &books);

    RowId portfolioId() const { return m_book.portfolioId; }
    const std::map<QString, Decimal> &cash() const { return m_book.cash; }
    const ledger::Position *positionAt(int row) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct Holding
    {
        ledger::Position position;
        QString symbol;
        QString name;
        std::optional<jobs::PriceCache::Entry> price;
        Decimal value;       // invalid without a price
        Decimal valueInBase; // invalid without a price or a rate
        Decimal weight;      // fraction of all valued holdings; invalid when not valued
        bool stale = false;
    };

    QVariant rawValue(const Holding &holding, int column) const;

    QString m_baseCurrency;
    ledger::PortfolioBook m_book;
    std::vector<Holding> m_holdings;
};

} // namespace pt::gui
