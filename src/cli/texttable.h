#pragma once

#include <QString>
#include <QStringList>

#include <vector>

class QTextStream;

namespace pt::cli {

// A table of aligned text columns for terminals: a header, a rule, the rows.
// Numbers are right-aligned so their digits line up.
class TextTable
{
public:
    enum class Align { Left, Right };

    void addColumn(const QString &header, Align align = Align::Left);
    // One cell per column; missing cells are blank.
    void addRow(const QStringList &cells);
    bool isEmpty() const { return m_rows.empty(); }

    void write(QTextStream &stream) const;

private:
    struct Column
    {
        QString header;
        Align align;
    };
    std::vector<Column> m_columns;
    std::vector<QStringList> m_rows;
};

} // namespace pt::cli
