#include "gui/holdingsmodel.h"

#include "gui/displaytext.h"
#include "gui/itemroles.h"
#include "jobs/latestprices.h"
#include "ledger/ledgerservice.h"
#include "money/currency.h"
#include "store/assetrepository.h"
#include "store/fxraterepository.h"
#include "store/portfoliorepository.h"
#include "valuation/marketlookup.h"

#include <QFont>

#include <algorithm>
#include <set>

namespace pt::gui {

namespace {

// Average cost is a quotient: two digits beyond the currency's minor unit are
// enough to read it, the tooltip has the exact value.
constexpr int ExtraAverageCostDecimals = 2;

bool isNumberColumn(int column)
{
    return column >= HoldingsModel::QuantityColumn && column <= HoldingsModel::IncomeColumn
        && column != HoldingsModel::PriceDateColumn;
}

// The latest ECB rate of each currency into `base`, converted the way the
// valuation converts (valuation::MarketLookup); currencies without a stored
// rate in the last 30 days are left out (their weight stays empty).
Result<std::map<QString, Decimal>> ratesInto(const store::Database &database, const QString &base,
                                             const std::set<QString> &currencies, QDate today)
{
    const store::FxRateRepository repository(database);
    std::vector<store::FxRate> rates;
    std::set<QString> quotes(currencies);
    quotes.insert(base);
    for (const QString &code : quotes) {
        if (code == u"EUR")
            continue;
        auto rows = repository.list(code, today.addDays(-30), today);
        if (!rows)
            return Error{rows.error()};
        rates.insert(rates.end(), rows->begin(), rows->end());
    }
    const valuation::MarketLookup::Closes noCloses;
    const valuation::MarketLookup lookup(noCloses, rates, today);
    std::map<QString, Decimal> toBase;
    for (const QString &code : currencies) {
        if (auto rate = lookup.convert(Decimal(1), code, base, today))
            toBase[code] = *rate;
    }
    return toBase;
}

} // namespace

HoldingsModel::HoldingsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

HoldingsModel::~HoldingsModel() = default;

ledger::PortfolioBook HoldingsModel::mergedBook(const std::vector<ledger::PortfolioBook> &books)
{
    // Positions of one asset add up across portfolios: units, cost and gains
    // are all in the asset's currency. Lots keep their dates, oldest first.
    ledger::PortfolioBook merged;
    for (const ledger::PortfolioBook &book : books) {
        for (const auto &[assetId, position] : book.positions) {
            auto [it, inserted] = merged.positions.try_emplace(assetId, position);
            if (inserted)
                continue;
            ledger::Position &sum = it->second;
            sum.quantity += position.quantity;
            sum.costBasis += position.costBasis;
            sum.realizedGain += position.realizedGain;
            sum.income += position.income;
            sum.fees += position.fees;
            sum.lots.insert(sum.lots.end(), position.lots.begin(), position.lots.end());
            std::stable_sort(sum.lots.begin(), sum.lots.end(),
                             [](const ledger::Lot &a, const ledger::Lot &b) { return a.acquired < b.acquired; });
        }
        for (const auto &[currency, amount] : book.cash)
            merged.cash[currency] += amount;
        for (const auto &[currency, amount] : book.income)
            merged.income[currency] += amount;
        for (const auto &[currency, amount] : book.fees)
            merged.fees[currency] += amount;
        for (const auto &[currency, amount] : book.taxes)
            merged.taxes[currency] += amount;
        merged.sales.insert(merged.sales.end(), book.sales.begin(), book.sales.end());
    }
    return merged;
}

Result<HoldingsModel::Content> HoldingsModel::load(const store::Database &database, RowId portfolioId,
                                                   jobs::PriceCache *cache, const QString &totalCurrency)
{
    auto assets = store::AssetRepository(database).list();
    if (!assets)
        return Error{assets.error()};
    auto books = ledger::LedgerService(database).books(portfolioId);
    if (!books)
        return Error{books.error()};
    Content content;
    if (portfolioId == 0) {
        content.book = mergedBook(*books);
    } else {
        const auto book = std::find_if(books->cbegin(), books->cend(), [&](const ledger::PortfolioBook &b) {
            return b.portfolioId == portfolioId;
        });
        if (book != books->cend())
            content.book = *book;
    }
    content.book.portfolioId = portfolioId;
    content.assets = std::move(assets).value();

    jobs::PriceCache ownCache;
    const jobs::LatestPrices latest(database, cache ? *cache : ownCache);
    for (const Asset &asset : content.assets) {
        if (!content.book.positions.count(asset.id))
            continue;
        auto price = latest.get(asset);
        if (!price)
            return Error{price.error()};
        if (price->has_value())
            content.prices.emplace(asset.id, **price);
    }

    // What weights are measured in: the portfolio's base currency.
    content.today = QDate::currentDate();
    content.baseCurrency = totalCurrency;
    if (portfolioId != 0) {
        auto portfolio = store::PortfolioRepository(database).find(portfolioId);
        if (!portfolio)
            return Error{portfolio.error()};
        content.baseCurrency = portfolio->baseCurrency;
    }
    std::set<QString> currencies;
    for (const auto &[assetId, position] : content.book.positions)
        currencies.insert(position.currency);
    auto rates = ratesInto(database, content.baseCurrency, currencies, content.today);
    if (!rates)
        return Error{rates.error()};
    content.toBase = std::move(rates).value();
    return content;
}

Result<void> HoldingsModel::reload(const store::Database &database, RowId portfolioId, jobs::PriceCache *cache)
{
    auto content = load(database, portfolioId, cache);
    if (!content) {
        clear();
        return Error{content.error()};
    }
    setContent(std::move(content).value());
    return {};
}

void HoldingsModel::setContent(Content content)
{
    std::vector<Holding> holdings;
    holdings.reserve(content.book.positions.size());
    for (const auto &[assetId, position] : content.book.positions) {
        const auto asset = std::find_if(content.assets.cbegin(), content.assets.cend(),
                                        [id = assetId](const Asset &a) { return a.id == id; });
        Holding holding{position, {}, {}, {}};
        if (const auto price = content.prices.find(assetId); price != content.prices.end())
            holding.price = price->second;
        if (asset != content.assets.cend()) {
            holding.symbol = asset->symbol;
            holding.name = asset->name;
        } else {
            holding.symbol = tr("#%1", "an asset missing from the catalog, by its id").arg(assetId);
        }
        if (holding.price) {
            holding.value = (position.quantity * holding.price->price).rounded(currency::minorUnits(position.currency));
            holding.stale = holding.price->time.date().daysTo(content.today) > StaleAfterDays
                && !position.quantity.isZero();
            if (const auto rate = content.toBase.find(position.currency); rate != content.toBase.end())
                holding.valueInBase = holding.value * rate->second;
        } else {
            holding.value = Decimal::invalid();
            holding.valueInBase = Decimal::invalid();
        }
        holdings.push_back(std::move(holding));
    }
    std::sort(holdings.begin(), holdings.end(), [](const Holding &a, const Holding &b) {
        return QString::compare(a.symbol, b.symbol, Qt::CaseInsensitive) < 0;
    });
    // Weights of the holdings that could be valued in the base currency.
    Decimal total;
    for (const Holding &holding : holdings) {
        if (holding.valueInBase.isValid())
            total += holding.valueInBase;
    }
    for (Holding &holding : holdings) {
        holding.weight = holding.valueInBase.isValid() && total.isPositive() ? holding.valueInBase / total
                                                                             : Decimal::invalid();
    }

    beginResetModel();
    m_book = std::move(content.book);
    m_baseCurrency = content.baseCurrency;
    m_holdings = std::move(holdings);
    endResetModel();
}

void HoldingsModel::clear()
{
    beginResetModel();
    m_book = {};
    m_holdings.clear();
    endResetModel();
}

const ledger::Position *HoldingsModel::positionAt(int row) const
{
    return row >= 0 && row < int(m_holdings.size()) ? &m_holdings[std::size_t(row)].position : nullptr;
}

int HoldingsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_holdings.size());
}

int HoldingsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HoldingsModel::rawValue(const Holding &holding, int column) const
{
    const ledger::Position &position = holding.position;
    switch (Column(column)) {
    case SymbolColumn:
        return holding.symbol;
    case NameColumn:
        return holding.name;
    case QuantityColumn:
        return QVariant::fromValue(position.quantity);
    case PriceColumn:
        return holding.price ? QVariant::fromValue(holding.price->price) : QVariant();
    case PriceDateColumn:
        return holding.price ? QVariant(holding.price->time.date()) : QVariant();
    case AverageCostColumn: {
        const Decimal average = position.averageCost();
        return average.isValid() ? QVariant::fromValue(average) : QVariant();
    }
    case ValueColumn:
        return holding.value.isValid() ? QVariant::fromValue(holding.value) : QVariant();
    case CostBasisColumn:
        return QVariant::fromValue(position.costBasis);
    case GainColumn:
        return holding.value.isValid() ? QVariant::fromValue(holding.value - position.costBasis) : QVariant();
    case GainPercentColumn:
        if (!holding.value.isValid() || !position.costBasis.isPositive())
            return {};
        return QVariant::fromValue((holding.value - position.costBasis) * Decimal(100) / position.costBasis);
    case WeightColumn:
        return holding.weight.isValid() ? QVariant::fromValue(holding.weight * Decimal(100)) : QVariant();
    case RealizedGainColumn:
        return QVariant::fromValue(position.realizedGain);
    case IncomeColumn:
        return QVariant::fromValue(position.income);
    case CurrencyColumn:
        return position.currency;
    case ColumnCount:
        break;
    }
    return {};
}

QVariant HoldingsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Holding &holding = m_holdings[std::size_t(index.row())];
    const ledger::Position &position = holding.position;
    const int column = index.column();

    switch (role) {
    case Qt::DisplayRole:
        switch (Column(column)) {
        case QuantityColumn:
            return formatQuantity(position.quantity);
        case PriceColumn:
            return holding.price ? formatPrice(holding.price->price, position.currency) : QString();
        case AverageCostColumn: {
            const Decimal average = position.averageCost();
            if (!average.isValid())
                return QString();
            return formatPrice(average, position.currency,
                               currency::minorUnits(position.currency) + ExtraAverageCostDecimals);
        }
        case PriceDateColumn:
            if (!holding.price)
                return QString();
            return holding.stale ? tr("%1 (stale)", "a price date older than the staleness limit")
                                       .arg(QLocale().toString(holding.price->time.date(), QLocale::ShortFormat))
                                 : QLocale().toString(holding.price->time.date(), QLocale::ShortFormat);
        case ValueColumn:
            return holding.value.isValid() ? formatMoney(holding.value, position.currency) : QString();
        case GainColumn:
            return holding.value.isValid() ? formatMoney(holding.value - position.costBasis, position.currency)
                                           : QString();
        case GainPercentColumn:
        case WeightColumn: {
            const QVariant raw = rawValue(holding, column);
            return raw.isValid() ? tr("%1 %").arg(formatTrimmed(raw.value<Decimal>().rounded(2), 2, 2)) : QString();
        }
        case CostBasisColumn:
            return formatMoney(position.costBasis, position.currency);
        case RealizedGainColumn:
            return formatMoney(position.realizedGain, position.currency);
        case IncomeColumn:
            return formatMoney(position.income, position.currency);
        default:
            return rawValue(holding, column);
        }
    case Qt::ToolTipRole: {
        if (column == PriceDateColumn && holding.stale)
            return tr("This price is %n day(s) old: newer prices have not been fetched.", nullptr,
                      int(holding.price->time.date().daysTo(QDate::currentDate())));
        if (column == WeightColumn && !holding.weight.isValid() && holding.value.isValid())
            return tr("No exchange rate into %1 yet").arg(m_baseCurrency);
        const QVariant raw = rawValue(holding, column);
        if (raw.metaType() == QMetaType::fromType<Decimal>())
            return raw.value<Decimal>().toString(); // the exact value behind the rounding
        return column == NameColumn ? raw : QVariant();
    }
    case Qt::TextAlignmentRole:
        return int(isNumberColumn(column) ? Qt::AlignRight | Qt::AlignVCenter
                                          : Qt::AlignLeft | Qt::AlignVCenter);
    case RawValueRole:
        return rawValue(holding, column);
    case Qt::FontRole:
        if (column == PriceDateColumn && holding.stale) {
            QFont italic;
            italic.setItalic(true);
            return italic;
        }
        return {};
    case IdRole:
        return QVariant::fromValue(qint64(position.assetId));
    default:
        break;
    }
    return {};
}

QVariant HoldingsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::TextAlignmentRole)
        return int((isNumberColumn(section) ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case SymbolColumn:
        return tr("Symbol");
    case NameColumn:
        return tr("Name");
    case QuantityColumn:
        return tr("Quantity");
    case PriceColumn:
        return tr("Last price");
    case PriceDateColumn:
        return tr("Price date");
    case ValueColumn:
        return tr("Value");
    case GainColumn:
        return tr("Gain", "unrealized gain of a holding");
    case GainPercentColumn:
        return tr("Gain %");
    case WeightColumn:
        return tr("Weight");
    case AverageCostColumn:
        return tr("Avg. cost", "average cost per unit");
    case CostBasisColumn:
        return tr("Cost basis");
    case RealizedGainColumn:
        return tr("Realized gain");
    case IncomeColumn:
        return tr("Income", "dividends and interest");
    case CurrencyColumn:
        return tr("Currency");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace pt::gui
