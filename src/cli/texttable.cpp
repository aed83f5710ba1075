#include "texttable.h"

#include <QTextStream>

#include <algorithm>

namespace pt::cli {

void TextTable::addColumn(const QString &header, Align align)
{
    m_columns.push_back({header, align});
}

void TextTable::addRow(const QStringList &cells)
{
    m_rows.push_back(cells);
}

void TextTable::write(QTextStream &stream) const
{
    std::vector<qsizetype> widths;
    for (const Column &column : m_columns)
        widths.push_back(column.header.size());
    for (const QStringList &row : m_rows) {
        for (std::size_t i = 0; i < widths.size(); ++i)
            widths[i] = std::max(widths[i], row.value(qsizetype(i)).size());
    }

    const auto writeLine = [&](const auto &cellAt) {
        QString line;
        for (std::size_t i = 0; i < m_columns.size(); ++i) {
            const QString cell = cellAt(i);
            if (i > 0)
                line += QStringLiteral("  ");
            const bool last = i + 1 == m_columns.size();
            if (m_columns[i].align == Align::Right)
                line += cell.rightJustified(widths[i]);
            else
                line += last ? cell : cell.leftJustified(widths[i]);
        }
        while (line.endsWith(u' ')) // blank trailing cells
            line.chop(1);
        stream << line << '\n';
    };
    writeLine([&](std::size_t i) { return m_columns[i].header; });
    writeLine([&](std::size_t i) { return QString(widths[i], u'-'); });
    for (const QStringList &row : m_rows)
        writeLine([&](std::size_t i) { return row.value(qsizetype(i)); });
    stream.flush();
}

} // namespace pt::cli
