#include "allocationcommand.h"

#include "commandline.h"
#include "context.h"
#include "jsonformat.h"
#include "money/currency.h"
#include "store/portfoliorepository.h"
#include "texttable.h"
#include "valuation/allocation.h"
#include "valueparsers.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace pt::cli {

namespace {

const std::vector<valuation::AllocationSlice> &slicesBy(const valuation::Allocation &allocation, const QString &by)
{
    if (by == u"currency")
        return allocation.byCurrency;
    if (by == u"asset")
        return allocation.byAsset;
    return allocation.byClass;
}

QString percent(double weight)
{
    return QString::number(weight * 100, 'f', 2) + u'%';
}

QJsonObject lineJson(const valuation::AllocationLine &line)
{
    const bool priced = line.assetId == 0 || line.priceDate.isValid(); // cash is its own price
    return QJsonObject {
        { QStringLiteral("symbol"), line.symbol },
        { QStringLiteral("name"), line.name },
        { QStringLiteral("class"), line.assetClass },
        { QStringLiteral("currency"), line.currency },
        { QStringLiteral("quantity"), decimalJson(line.quantity) },
        { QStringLiteral("price"), priced ? decimalJson(line.price) : QJsonValue() },
        { QStringLiteral("priceDate"),
          line.priceDate.isValid() ? QJsonValue(line.priceDate.toString(Qt::ISODate)) : QJsonValue() },
        { QStringLiteral("localValue"), priced ? decimalJson(line.localValue) : QJsonValue() },
        { QStringLiteral("value"), line.valued ? decimalJson(line.value) : QJsonValue() }, // null: left out
        { QStringLiteral("valued"), line.valued },
    };
}

QJsonObject allocationJson(const valuation::Allocation &allocation, const QString &name, const QString &by)
{
    QJsonArray slices;
    for (const valuation::AllocationSlice &slice : slicesBy(allocation, by)) {
        slices.append(QJsonObject { { QStringLiteral("key"), slice.key },
                                    { QStringLiteral("value"), decimalJson(slice.value) },
                                    { QStringLiteral("weight"), slice.weight } });
    }
    QJsonArray lines;
    for (const valuation::AllocationLine &line : allocation.lines)
        lines.append(lineJson(line));
    return QJsonObject {
        { QStringLiteral("portfolio"), name },
        { QStringLiteral("date"), allocation.date.toString(Qt::ISODate) },
        { QStringLiteral("baseCurrency"), allocation.baseCurrency },
        { QStringLiteral("by"), by },
        { QStringLiteral("total"), decimalJson(allocation.total) },
        { QStringLiteral("slices"), slices },
        { QStringLiteral("lines"), lines },
        { QStringLiteral("missing"), QJsonArray::fromStringList(allocation.missing) },
    };
}

void writeAllocation(QTextStream &out, const valuation::Allocation &allocation, const QString &name, const QString &by)
{
    const int decimals = currency::minorUnits(allocation.baseCurrency);
    out << "Allocation of " << name << " on " << allocation.date.toString(Qt::ISODate) << " by " << by << ", in "
        << allocation.baseCurrency << '\n';
    const auto &slices = slicesBy(allocation, by);
    if (slices.empty()) {
        out << "Nothing held.\n";
    } else {
        TextTable table;
        table.addColumn(by == u"class" ? QStringLiteral("Class")
                                       : (by == u"currency" ? QStringLiteral("Currency") : QStringLiteral("Asset")));
        table.addColumn(QStringLiteral("Value"), TextTable::Align::Right);
        table.addColumn(QStringLiteral("Weight"), TextTable::Align::Right);
        for (const valuation::AllocationSlice &slice : slices)
            table.addRow({ slice.key, slice.value.toString(decimals), percent(slice.weight) });
        table.addRow({ QStringLiteral("Total"), allocation.total.toString(decimals), percent(slices.empty() ? 0 : 1) });
        table.write(out);
    }
    for (const QString &missing : allocation.missing)
        out << "Missing: " << missing << " (left out of the total)\n";
}

} // namespace

int runAllocationCommand(Context &context, const QStringList &arguments)
{
    CommandLine commandLine(QStringLiteral("allocation"),
                            QStringLiteral("Shows what one portfolio, or all together, held at the close of a day, "
                                           "grouped by asset class, currency or asset: each group's value in the "
                                           "base currency (last close on or before the day, that day's exchange "
                                           "rate) and its weight. Cash is a group of its own, class 'Cash'. "
                                           "Holdings without a price or rate are listed, never counted as zero."));
    commandLine.addValueOption(QStringLiteral("portfolio"), QStringLiteral("Only this portfolio (name or UUID)."),
                               QStringLiteral("ref"));
    commandLine.addValueOption(QStringLiteral("by"), QStringLiteral("class (default), currency or asset."),
                               QStringLiteral("grouping"));
    commandLine.addValueOption(QStringLiteral("date"), QStringLiteral("The day (default today)."),
                               QStringLiteral("yyyy-MM-dd"));
    commandLine.addValueOption(QStringLiteral("currency"),
                               QStringLiteral("Base currency of all portfolios together (default EUR)."),
                               QStringLiteral("code"));
    commandLine.addJsonFlag();
    if (auto done = commandLine.parse(context, arguments))
        return *done;

    QString by = QStringLiteral("class");
    if (commandLine.isSet(QStringLiteral("by"))) {
        by = commandLine.value(QStringLiteral("by")).toLower();
        if (by != u"class" && by != u"currency" && by != u"asset")
            return context.badInput(QStringLiteral("--by: '%1' is not one of class, currency, asset")
                                        .arg(commandLine.value(QStringLiteral("by"))));
    }
    valuation::ValuationOptions options;
    options.lastDay = QDate::currentDate();
    if (commandLine.isSet(QStringLiteral("date"))) {
        auto parsed = parseDate(QStringLiteral("--date"), commandLine.value(QStringLiteral("date")));
        if (!parsed)
            return context.badInput(parsed.error());
        options.lastDay = *parsed;
    }
    if (commandLine.isSet(QStringLiteral("currency"))) {
        auto code = parseCurrency(QStringLiteral("--currency"), commandLine.value(QStringLiteral("currency")));
        if (!code)
            return context.badInput(code.error());
        options.totalCurrency = *code;
    }

    auto database = context.database();
    if (!database)
        return context.failure(database.error());
    RowId portfolioId = 0;
    QString name = QStringLiteral("all portfolios");
    if (commandLine.isSet(QStringLiteral("portfolio"))) {
        auto found
            = store::PortfolioRepository(**database).findByReference(commandLine.value(QStringLiteral("portfolio")));
        if (!found)
            return context.badInput(u"--portfolio: " + found.error());
        portfolioId = found->id;
        name = found->name;
    }
    auto inputs = valuation::loadValuationInputs(**database, options.lastDay, options.totalCurrency);
    if (!inputs)
        return context.failure(inputs.error());
    auto allocation = valuation::computeAllocation(*inputs, options, portfolioId);
    if (!allocation)
        return context.failure(allocation.error());

    if (commandLine.json())
        writeJson(context.out(), QJsonDocument(allocationJson(*allocation, name, by)));
    else
        writeAllocation(context.out(), *allocation, name, by);
    return ExitSuccess;
}

} // namespace pt::cli
