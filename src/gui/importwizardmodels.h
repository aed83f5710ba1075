#pragma once

#include "io/transactionimport.h"

#include <QAbstractTableModel>
#include <QHash>

#include <vector>

namespace pt::gui {

// The first rows of a file as the import reads them (the wizard's preview
// table): each row's entry, or its raw values when it has errors, with the
// cells at fault highlighted and the reasons in the status column's tooltip.
class ImportPreviewModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportPreviewModel)

public:
    enum Column {
        RowColumn,
        StatusColumn,
        DateColumn,
        TypeColumn,
        AssetColumn,
        QuantityColumn,
        PriceColumn,
        AmountColumn,
        FeeColumn,
        CurrencyColumn,
        NoteColumn,
        ColumnCount
    };
    // Beyond ItemRole's (RawValueRole gives the row column's number):
    // true for a cell whose value is at fault, or the status of a row with errors.
    enum Role { HasIssueRole = Qt::UserRole + 32 };

    explicit ImportPreviewModel(QObject *parent = nullptr);
    ~ImportPreviewModel() override;

    // `symbols` names the assets the entries refer to.
    void setPreview(const io::ImportPreview &preview, QHash<RowId, QString> symbols);
    void clear();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString rawValue(const io::ImportRow &row, Column column) const;
    QString entryValue(const Transaction &t, Column column) const;
    bool hasIssue(const io::ImportRow &row, Column column) const;

    std::vector<io::ImportRow> m_rows;
    std::array<int, io::ImportFieldCount> m_columnOf{};
    QStringList m_header;
    QHash<RowId, QString> m_symbols;
};

// The errors of an import, one per line: row, column, reason.
class ImportIssuesModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportIssuesModel)

public:
    enum Column { RowColumn, ColumnColumn, ReasonColumn, ColumnCount };

    explicit ImportIssuesModel(QObject *parent = nullptr);
    ~ImportIssuesModel() override;

    void setIssues(std::vector<io::ImportIssue> issues);
    const io::ImportIssue &issue(int row) const { return m_issues[std::size_t(row)]; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<io::ImportIssue> m_issues;
};

} // namespace pt::gui
