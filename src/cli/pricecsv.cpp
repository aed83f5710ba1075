#include "pricecsv.h"

#include "valueparsers.h"

#include <QStringList>

#include <array>
#include <map>
#include <optional>

namespace pt::cli {

namespace {

constexpr int MaxReportedErrors = 20;

enum Column { Date, Open, High, Low, Close, AdjClose, Volume, ColumnCount };

constexpr std::array<const char16_t *, ColumnCount> ColumnNames{u"date",  u"open",      u"high",  u"low",
                                                                u"close", u"adj_close", u"volume"};

std::optional<Column> columnFromHeader(QString header)
{
    header = header.trimmed().toLower().replace(u' ', u'_');
    if (header == u"adjclose" || header == u"adjusted_close")
        header = QStringLiteral("adj_close");
    for (int i = 0; i < ColumnCount; ++i) {
        if (header == QStringView(ColumnNames[std::size_t(i)]))
            return Column(i);
    }
    return std::nullopt;
}

// Splits one CSV record into fields. Unquoted fields are views into `line`,
// so a large file costs no allocation per field; a quoted field ("a,b" or
// "say ""hi""") is unescaped into `storage`, which the views then point into.
void splitRecord(QStringView line, std::vector<QStringView> &fields, std::vector<QString> &storage)
{
    fields.clear();
    storage.clear();
    if (!line.contains(u'"')) {
        qsizetype start = 0;
        for (qsizetype comma; (comma = line.indexOf(u',', start)) >= 0; start = comma + 1)
            fields.push_back(line.sliced(start, comma - start));
        fields.push_back(line.sliced(start));
        return;
    }
    std::vector<QString> unescaped(1);
    bool quoted = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line[i];
        if (quoted && c == u'"' && i + 1 < line.size() && line[i + 1] == u'"') {
            unescaped.back() += u'"';
            ++i;
        } else if (c == u'"') {
            quoted = !quoted;
        } else if (c == u',' && !quoted) {
            unescaped.emplace_back();
        } else {
            unescaped.back() += c;
        }
    }
    storage = std::move(unescaped); // moving QStrings keeps their characters where they are
    for (const QString &field : storage)
        fields.push_back(field);
}

} // namespace

Result<std::vector<DailyPrice>> readPriceCsv(QByteArrayView data)
{
    const QString text = QString::fromUtf8(data);
    std::vector<QStringView> lines; // views into `text`
    for (qsizetype start = 0; start <= text.size();) {
        qsizetype end = text.indexOf(u'\n', start);
        if (end < 0)
            end = text.size();
        lines.push_back(QStringView(text).sliced(start, end - start));
        start = end + 1;
    }
    std::size_t headerLine = 0;
    while (headerLine < lines.size() && lines[headerLine].trimmed().isEmpty())
        ++headerLine;
    if (headerLine == lines.size())
        return Error{QStringLiteral("the file is empty; expected a header such as %1")
                         .arg(QStringLiteral("date,open,high,low,close,adj_close,volume"))};

    // Which column of the file holds each of ours (-1: absent).
    std::array<qsizetype, ColumnCount> position;
    position.fill(-1);
    std::vector<QStringView> fields;
    std::vector<QString> storage;
    splitRecord(lines[headerLine].trimmed(), fields, storage);
    QStringList headers;
    for (QStringView header : fields)
        headers << header.toString();
    for (qsizetype i = 0; i < headers.size(); ++i) {
        const auto column = columnFromHeader(headers[i]);
        if (!column)
            return Error{QStringLiteral("header: unknown column '%1' (known: date, open, high, low, close, "
                                        "adj_close, volume)").arg(headers[i])};
        if (position[*column] >= 0)
            return Error{QStringLiteral("header: column '%1' appears twice").arg(headers[i])};
        position[*column] = i;
    }
    for (Column required : {Date, Close}) {
        if (position[required] < 0)
            return Error{QStringLiteral("header: the column '%1' is required")
                             .arg(QString::fromUtf16(ColumnNames[required]))};
    }

    std::array<QString, ColumnCount> fieldNames; // "column close", for the messages
    for (std::size_t c = 0; c < fieldNames.size(); ++c)
        fieldNames[c] = QStringLiteral("column ") + QString::fromUtf16(ColumnNames[c]);
    std::vector<DailyPrice> bars;
    bars.reserve(lines.size());
    QStringList errors;
    int errorCount = 0;
    std::map<QDate, int> rowOfDate;
    int row = 0;
    const auto complain = [&](int lineNumber, const QString &what) {
        if (++errorCount <= MaxReportedErrors)
            errors << QStringLiteral("row %1 (line %2), %3").arg(row).arg(lineNumber).arg(what);
    };
    for (std::size_t i = headerLine + 1; i < lines.size(); ++i) {
        const QStringView line = lines[i].trimmed();
        if (line.isEmpty())
            continue;
        ++row;
        const int lineNumber = int(i) + 1;
        splitRecord(line, fields, storage);
        if (qsizetype(fields.size()) != headers.size()) {
            complain(lineNumber, QStringLiteral("has %1 fields where the header has %2").arg(fields.size()).arg(headers.size()));
            continue;
        }
        DailyPrice bar;
        bool good = true;
        const auto field = [&](Column column) { return fields[std::size_t(position[column])].trimmed(); };
        const QStringView dateText = field(Date);
        auto date = parseDate(fieldNames[Date], dateText);
        if (!date) {
            complain(lineNumber, date.error());
            good = false;
        } else if (const auto [it, inserted] = rowOfDate.emplace(*date, row); !inserted) {
            complain(lineNumber, QStringLiteral("column date: '%1' appears twice (first on row %2)")
                                     .arg(dateText.toString()).arg(it->second));
            good = false;
        } else {
            bar.date = *date;
        }
        Decimal *const targets[ColumnCount] = {nullptr, &bar.open, &bar.high, &bar.low, &bar.close,
                                               &bar.adjustedClose, &bar.volume};
        for (int c = Open; c < ColumnCount; ++c) {
            const Column column = Column(c);
            if (position[column] < 0)
                continue;
            const QString &name = fieldNames[std::size_t(c)];
            const QStringView value = field(column);
            if (value.isEmpty()) {
                if (column == Close) {
                    complain(lineNumber, name + QStringLiteral(": the close is required"));
                    good = false;
                }
                continue; // an optional value left out
            }
            auto number = parseDecimal(name, value);
            if (!number) {
                complain(lineNumber, number.error());
                good = false;
            } else if (column == Volume ? number->isNegative() : !number->isPositive()) {
                complain(lineNumber, QStringLiteral("%1: '%2' must be %3").arg(name, value.toString(),
                         column == Volume ? QStringLiteral("zero or more") : QStringLiteral("greater than zero")));
                good = false;
            } else {
                *targets[c] = *number;
            }
        }
        if (good && !bar.high.isZero() && !bar.low.isZero() && bar.high < bar.low) {
            complain(lineNumber, QStringLiteral("column high: '%1' is below the low '%2'")
                                     .arg(field(High).toString(), field(Low).toString()));
            good = false;
        }
        if (good)
            bars.push_back(bar);
    }
    if (errorCount > 0) {
        if (errorCount > MaxReportedErrors)
            errors << QStringLiteral("... and %1 more").arg(errorCount - MaxReportedErrors);
        return Error{QStringLiteral("%1 bad row(s), nothing imported:\n  %2").arg(errorCount).arg(errors.join(QStringLiteral("\n  ")))};
    }
    if (bars.empty())
        return Error{QStringLiteral("the file has a header but no rows")};
    return bars;
}

} // namespace pt::cli
