#include "gui/importwizardmodels.h"

#include "gui/displaytext.h"
#include "gui/itemroles.h"

#include <QColor>

namespace pt::gui {

namespace {

using io::ImportField;

// The fields a preview column shows; the asset column shows whichever of
// symbol, ISIN and name the row has.
std::vector<ImportField> fieldsOf(ImportPreviewModel::Column column)
{
    switch (column) {
    case ImportPreviewModel::DateColumn:
        return {ImportField::Date};
    case ImportPreviewModel::TypeColumn:
        return {ImportField::Type};
    case ImportPreviewModel::AssetColumn:
        return {ImportField::Symbol, ImportField::Isin, ImportField::Name};
    case ImportPreviewModel::QuantityColumn:
        return {ImportField::Quantity};
    case ImportPreviewModel::PriceColumn:
        return {ImportField::Price};
    case ImportPreviewModel::AmountColumn:
        return {ImportField::Amount};
    case ImportPreviewModel::FeeColumn:
        return {ImportField::Fee};
    case ImportPreviewModel::CurrencyColumn:
        return {ImportField::Currency};
    case ImportPreviewModel::NoteColumn:
        return {ImportField::Note};
    default:
        return {};
    }
}

// A soft red that reads on light and dark palettes alike.
QColor issueColor()
{
    return QColor(220, 50, 47, 70);
}

} // namespace

ImportPreviewModel::ImportPreviewModel(QObject *parent) : QAbstractTableModel(parent)
{
    m_columnOf.fill(-1);
}

ImportPreviewModel::~ImportPreviewModel() = default;

void ImportPreviewModel::setPreview(const io::ImportPreview &preview, QHash<RowId, QString> symbols)
{
    beginResetModel();
    m_rows = preview.sample;
    m_columnOf = preview.columnOf;
    m_header = preview.header;
    m_symbols = std::move(symbols);
    endResetModel();
}

void ImportPreviewModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_columnOf.fill(-1);
    m_header.clear();
    m_symbols.clear();
    endResetModel();
}

int ImportPreviewModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ImportPreviewModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ImportPreviewModel::rawValue(const io::ImportRow &row, Column column) const
{
    for (const ImportField field : fieldsOf(column)) {
        const int at = m_columnOf[std::size_t(field)];
        if (at >= 0 && at < row.fields.size() && !row.fields.at(at).trimmed().isEmpty())
            return row.fields.at(at).trimmed();
    }
    return {};
}

QString ImportPreviewModel::entryValue(const Transaction &t, Column column) const
{
    const auto shown = [](Decimal value, const QString &text) { return value.isZero() ? QString() : text; };
    switch (column) {
    case DateColumn:
        return formatDate(t.date);
    case TypeColumn:
        return transactionTypeLabel(t.type);
    case AssetColumn:
        return m_symbols.value(t.assetId);
    case QuantityColumn:
        return shown(t.quantity, formatQuantity(t.quantity));
    case PriceColumn:
        return t.type == TransactionType::Buy || t.type == TransactionType::Sell ? formatPrice(t.price, t.currency)
                                                                                  : QString();
    case AmountColumn:
        return shown(t.amount, formatMoney(t.amount, t.currency));
    case FeeColumn:
        return shown(t.fee, formatMoney(t.fee, t.currency));
    case CurrencyColumn:
        return t.currency;
    case NoteColumn:
        return t.note;
    default:
        return {};
    }
}

bool ImportPreviewModel::hasIssue(const io::ImportRow &row, Column column) const
{
    for (const io::ImportIssue &issue : row.issues) {
        for (const ImportField field : fieldsOf(column)) {
            const int at = m_columnOf[std::size_t(field)];
            const QString name = at >= 0 ? m_header.value(at) : io::importFieldTitle(field);
            if (issue.column == name)
                return true;
        }
    }
    return false;
}

QVariant ImportPreviewModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const io::ImportRow &row = m_rows[std::size_t(index.row())];
    const auto column = Column(index.column());
    const bool failed = !row.transaction.has_value();
    switch (role) {
    case Qt::DisplayRole:
        if (column == RowColumn)
            return QString::number(row.row);
        if (column == StatusColumn) {
            if (failed)
                return tr("Error", "import row status");
            return row.alreadyPresent ? tr("Already present", "import row status") : tr("New", "import row status");
        }
        return failed ? rawValue(row, column) : entryValue(*row.transaction, column);
    case Qt::ToolTipRole:
        if (failed) {
            QStringList reasons;
            for (const io::ImportIssue &issue : row.issues)
                reasons << issue.text();
            return reasons.join(u'\n');
        }
        if (row.alreadyPresent)
            return tr("The portfolio already has this entry: it is skipped.");
        return {};
    case Qt::BackgroundRole:
        if (failed && (column == StatusColumn || hasIssue(row, column)))
            return issueColor();
        return {};
    case HasIssueRole:
        return failed && (column == StatusColumn || hasIssue(row, column));
    case RawValueRole:
        return column == RowColumn ? QVariant(row.row) : QVariant();
    case Qt::TextAlignmentRole:
        if (column == RowColumn || column == QuantityColumn || column == PriceColumn || column == AmountColumn
            || column == FeeColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QVariant ImportPreviewModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case RowColumn:
        return tr("Row");
    case StatusColumn:
        return tr("Status");
    case DateColumn:
        return tr("Date");
    case TypeColumn:
        return tr("Type");
    case AssetColumn:
        return tr("Asset");
    case QuantityColumn:
        return tr("Quantity");
    case PriceColumn:
        return tr("Price");
    case AmountColumn:
        return tr("Amount");
    case FeeColumn:
        return tr("Fee");
    case CurrencyColumn:
        return tr("Currency");
    case NoteColumn:
        return tr("Note");
    default:
        return {};
    }
}

ImportIssuesModel::ImportIssuesModel(QObject *parent) : QAbstractTableModel(parent) {}

ImportIssuesModel::~ImportIssuesModel() = default;

void ImportIssuesModel::setIssues(std::vector<io::ImportIssue> issues)
{
    beginResetModel();
    m_issues = std::move(issues);
    endResetModel();
}

int ImportIssuesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_issues.size());
}

int ImportIssuesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ImportIssuesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const io::ImportIssue &issue = m_issues[std::size_t(index.row())];
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case RowColumn:
            return issue.row > 0 ? QString::number(issue.row) : QString();
        case ColumnColumn:
            return issue.column;
        case ReasonColumn:
            return issue.message;
        default:
            return {};
        }
    }
    if (role == RawValueRole && index.column() == RowColumn)
        return issue.row;
    return {};
}

QVariant ImportIssuesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case RowColumn:
        return tr("Row");
    case ColumnColumn:
        return tr("Column");
    case ReasonColumn:
        return tr("Reason");
    default:
        return {};
    }
}

} // namespace pt::gui
