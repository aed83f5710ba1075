#include "gui/transactionsmodel.h"

#include "domain/transactionrules.h"
#include "gui/displaytext.h"
#include "gui/itemroles.h"
#include "gui/transactionfields.h"
#include "money/currency.h"
#include "store/assetrepository.h"
#include "store/transactionrepository.h"

#include <algorithm>

namespace pt::gui {

namespace {

bool isNumberColumn(int column)
{
    return column >= TransactionsModel::QuantityColumn && column <= TransactionsModel::FeeColumn;
}

bool isTrade(TransactionType type)
{
    return type == TransactionType::Buy || type == TransactionType::Sell;
}

// The gross value of a trade, as the ledger moves cash by it.
Decimal tradeValue(const Transaction &transaction)
{
    return currency::roundToMinorUnit(transaction.quantity * transaction.price, transaction.currency);
}

} // namespace

TransactionsModel::TransactionsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

TransactionsModel::~TransactionsModel() = default;

Result<TransactionsModel::Content> TransactionsModel::load(const store::Database &database,
                                                           RowId portfolioId)
{
    auto assets = store::AssetRepository(database).list();
    if (!assets)
        return Error{assets.error()};
    auto transactions = store::TransactionRepository(database).list(portfolioId);
    if (!transactions)
        return Error{transactions.error()};
    return Content{portfolioId, std::move(transactions).value(), std::move(assets).value()};
}

Result<void> TransactionsModel::reload(const store::Database &database, RowId portfolioId)
{
    auto content = load(database, portfolioId);
    if (!content) {
        clear();
        return Error{content.error()};
    }
    setContent(std::move(content).value());
    return {};
}

void TransactionsModel::setContent(Content content)
{
    std::map<RowId, Asset> assets;
    for (Asset &asset : content.assets)
        assets.emplace(asset.id, std::move(asset));

    beginResetModel();
    m_portfolioId = content.portfolioId;
    m_transactions = std::move(content.transactions);
    m_assets = std::move(assets);
    endResetModel();
}

void TransactionsModel::clear()
{
    setContent(Content{});
}

void TransactionsModel::setAssets(std::vector<Asset> assets)
{
    m_assets.clear();
    for (Asset &asset : assets)
        m_assets.emplace(asset.id, std::move(asset));
    if (!m_transactions.empty())
        Q_EMIT dataChanged(index(0, AssetColumn), index(rowCount() - 1, AssetColumn));
}

bool TransactionsModel::concernsPortfolio(const Transaction &transaction) const
{
    if (m_portfolioId == 0)
        return true;
    return transaction.portfolioId == m_portfolioId
           || (transaction.type == TransactionType::Transfer
               && transaction.counterpartyPortfolioId == m_portfolioId);
}

int TransactionsModel::insertionRow(const Transaction &transaction) const
{
    const auto it = std::find_if(m_transactions.cbegin(), m_transactions.cend(),
                                 [&](const Transaction &t) { return replaysBefore(transaction, t); });
    return int(it - m_transactions.cbegin());
}

void TransactionsModel::insertTransaction(const Transaction &transaction)
{
    if (transaction.stamp.deleted || !concernsPortfolio(transaction) || rowOf(transaction.id) >= 0)
        return;
    const int row = insertionRow(transaction);
    beginInsertRows(QModelIndex(), row, row);
    m_transactions.insert(m_transactions.begin() + row, transaction);
    endInsertRows();
}

void TransactionsModel::updateTransaction(const Transaction &transaction)
{
    const int row = rowOf(transaction.id);
    if (row < 0) {
        insertTransaction(transaction);
        return;
    }
    if (transaction.stamp.deleted || !concernsPortfolio(transaction)) {
        removeTransaction(transaction.id);
        return;
    }
    // Stay in place when the replay order allows it; otherwise move the row.
    const auto position = m_transactions.begin() + row;
    const bool afterPrevious = row == 0 || !replaysBefore(transaction, *(position - 1));
    const bool beforeNext = row + 1 == int(m_transactions.size()) || !replaysBefore(*(position + 1), transaction);
    if (afterPrevious && beforeNext) {
        *position = transaction;
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return;
    }
    removeTransaction(transaction.id);
    insertTransaction(transaction);
}

void TransactionsModel::removeTransaction(RowId id)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    beginRemoveRows(QModelIndex(), row, row);
    m_transactions.erase(m_transactions.begin() + row);
    endRemoveRows();
}

const Transaction *TransactionsModel::transactionAt(int row) const
{
    return row >= 0 && row < int(m_transactions.size()) ? &m_transactions[std::size_t(row)] : nullptr;
}

int TransactionsModel::rowOf(RowId id) const
{
    const auto it = std::find_if(m_transactions.cbegin(), m_transactions.cend(),
                                 [id](const Transaction &t) { return t.id == id; });
    return it == m_transactions.cend() ? -1 : int(it - m_transactions.cbegin());
}

int TransactionsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_transactions.size());
}

int TransactionsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString TransactionsModel::assetSymbol(RowId assetId) const
{
    if (assetId == 0)
        return {};
    const auto it = m_assets.find(assetId);
    return it != m_assets.end() ? it->second.symbol
                                : tr("#%1", "an asset missing from the catalog, by its id").arg(assetId);
}

QVariant TransactionsModel::rawValue(const Transaction &transaction, int column) const
{
    const auto fields = TransactionFields::of(transaction.type, transaction.assetId != 0);
    switch (Column(column)) {
    case DateColumn:
        return transaction.date;
    case TypeColumn:
        return toKey(transaction.type);
    case AssetColumn:
        return assetSymbol(transaction.assetId);
    case QuantityColumn:
        if (fields.split)
            return QVariant::fromValue(transaction.splitNumerator / transaction.splitDenominator);
        return fields.quantity ? QVariant::fromValue(transaction.quantity) : QVariant();
    case PriceColumn:
        return fields.price ? QVariant::fromValue(transaction.price) : QVariant();
    case AmountColumn:
        if (isTrade(transaction.type))
            return QVariant::fromValue(tradeValue(transaction));
        return fields.amount ? QVariant::fromValue(transaction.amount) : QVariant();
    case FeeColumn:
        return fields.fee ? QVariant::fromValue(transaction.fee) : QVariant();
    case CurrencyColumn:
        return transaction.currency;
    case NoteColumn:
        return transaction.note;
    case ColumnCount:
        break;
    }
    return {};
}

QString TransactionsModel::displayText(const Transaction &transaction, int column) const
{
    const auto fields = TransactionFields::of(transaction.type, transaction.assetId != 0);
    const QString &currency = transaction.currency;
    switch (Column(column)) {
    case DateColumn:
        return formatDate(transaction.date);
    case TypeColumn:
        if (transaction.type == TransactionType::Transfer && m_portfolioId != 0) {
            return transaction.portfolioId == m_portfolioId ? tr("Transfer out")
                                                            : tr("Transfer in");
        }
        return transactionTypeLabel(transaction.type);
    case AssetColumn:
        if (transaction.type == TransactionType::Transfer && transaction.assetId == 0)
            return tr("Cash");
        return assetSymbol(transaction.assetId);
    case QuantityColumn:
        if (fields.split) {
            return tr("%1 for %2", "split ratio: new units for old units")
                .arg(formatQuantity(transaction.splitNumerator), formatQuantity(transaction.splitDenominator));
        }
        return fields.quantity ? formatQuantity(transaction.quantity) : QString();
    case PriceColumn:
        return fields.price ? formatPrice(transaction.price, currency) : QString();
    case AmountColumn:
        if (isTrade(transaction.type))
            return formatMoney(tradeValue(transaction), currency);
        return fields.amount ? formatMoney(transaction.amount, currency) : QString();
    case FeeColumn:
        return fields.fee ? formatMoney(transaction.fee, currency) : QString();
    case CurrencyColumn:
        return currency;
    case NoteColumn:
        return transaction.note;
    case ColumnCount:
        break;
    }
    return {};
}

QVariant TransactionsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Transaction &transaction = m_transactions[std::size_t(index.row())];
    const int column = index.column();

    switch (role) {
    case Qt::DisplayRole:
        return displayText(transaction, column);
    case Qt::ToolTipRole: {
        if (column == NoteColumn && !transaction.note.isEmpty())
            return transaction.note;
        const QVariant raw = rawValue(transaction, column);
        if (raw.metaType() == QMetaType::fromType<Decimal>())
            return raw.value<Decimal>().toString(); // the exact value behind the rounding
        return {};
    }
    case Qt::TextAlignmentRole:
        return int(isNumberColumn(column) ? Qt::AlignRight | Qt::AlignVCenter
                                          : Qt::AlignLeft | Qt::AlignVCenter);
    case RawValueRole:
        return rawValue(transaction, column);
    case IdRole:
        return QVariant::fromValue(qint64(transaction.id));
    default:
        break;
    }
    return {};
}

QVariant TransactionsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::TextAlignmentRole)
        return int((isNumberColumn(section) ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case DateColumn:
        return tr("Date");
    case TypeColumn:
        return tr("Type", "kind of transaction");
    case AssetColumn:
        return tr("Asset");
    case QuantityColumn:
        return tr("Quantity");
    case PriceColumn:
        return tr("Price", "per unit");
    case AmountColumn:
        return tr("Amount");
    case FeeColumn:
        return tr("Fee");
    case CurrencyColumn:
        return tr("Currency");
    case NoteColumn:
        return tr("Note");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace pt::gui
