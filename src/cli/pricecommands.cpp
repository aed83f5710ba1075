#include "pricecommands.h"

#include "commandline.h"
#include "context.h"
#include "jsonformat.h"
#include "pricecsv.h"
#include "store/assetrepository.h"
#include "store/pricerepository.h"
#include "texttable.h"
#include "valueparsers.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace pt::cli {

namespace {

const QString AssetOption = QStringLiteral("asset");
const QString AssetDescription = QStringLiteral("The asset (symbol or UUID). Required.");

int import(Context &context, const QStringList &arguments)
{
    CommandLine commandLine(QStringLiteral("prices import"),
                            QStringLiteral("Imports daily prices of one asset from a CSV file with the header "
                                           "date,open,high,low,close,adj_close,volume (date and close required, "
                                           "columns in any order). Every row is checked first; then all rows are "
                                           "written in one transaction, or none. Existing days are replaced."));
    commandLine.addValueOption(AssetOption, AssetDescription, QStringLiteral("ref"));
    commandLine.addValueOption(QStringLiteral("source"), QStringLiteral("Where the prices come from (default csv)."),
                               QStringLiteral("name"));
    commandLine.addArgument(QStringLiteral("FILE"), QStringLiteral("The CSV file."));
    if (auto done = commandLine.parse(context, arguments))
        return *done;
    if (!commandLine.isSet(AssetOption))
        return context.badInput(QStringLiteral("--asset: required"));
    const QString source = commandLine.isSet(QStringLiteral("source")) ? commandLine.value(QStringLiteral("source"))
                                                                       : QStringLiteral("csv");
    if (source.trimmed().isEmpty())
        return context.badInput(QStringLiteral("--source: '%1' is empty").arg(source));

    const QString fileName = commandLine.argument(0);
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly))
        return context.badInput(QStringLiteral("FILE: '%1' cannot be read: %2").arg(fileName, file.errorString()));
    auto bars = readPriceCsv(file.readAll());
    file.close();
    if (!bars)
        return context.badInput(fileName + u": " + bars.error());

    auto database = context.database();
    if (!database)
        return context.failure(database.error());
    auto asset = store::AssetRepository(**database).findByReference(commandLine.value(AssetOption));
    if (!asset)
        return context.badInput(u"--asset: " + asset.error());

    std::vector<store::PriceRecord> rows;
    rows.reserve(bars->size());
    for (const DailyPrice &bar : *bars)
        rows.push_back({asset->id, bar});
    bars->clear();
    // Said before writing, so a watcher (and the crash-safety test) knows the write began.
    context.out() << "Writing " << rows.size() << " rows for " << asset->symbol << "..." << Qt::endl;
    if (auto written = store::PriceRepository(**database).upsertMany(rows, source); !written)
        return context.failure(written.error());
    context.out() << "Imported " << rows.size() << " rows for " << asset->symbol << " ("
                  << rows.front().bar.date.toString(Qt::ISODate) << " to "
                  << rows.back().bar.date.toString(Qt::ISODate) << ")\n";
    return ExitSuccess;
}

int list(Context &context, const QStringList &arguments)
{
    CommandLine commandLine(QStringLiteral("prices list"), QStringLiteral("Lists the daily prices of one asset, oldest first."));
    commandLine.addValueOption(AssetOption, AssetDescription, QStringLiteral("ref"));
    commandLine.addValueOption(QStringLiteral("from"), QStringLiteral("First day, yyyy-MM-dd (default: the first)."),
                               QStringLiteral("date"));
    commandLine.addValueOption(QStringLiteral("to"), QStringLiteral("Last day, yyyy-MM-dd (default: the last)."),
                               QStringLiteral("date"));
    commandLine.addJsonFlag();
    if (auto done = commandLine.parse(context, arguments))
        return *done;
    if (!commandLine.isSet(AssetOption))
        return context.badInput(QStringLiteral("--asset: required"));
    QDate from, to;
    for (const auto &[name, target] : {std::pair{QStringLiteral("from"), &from}, std::pair{QStringLiteral("to"), &to}}) {
        if (!commandLine.isSet(name))
            continue;
        auto date = parseDate(u"--" + name, commandLine.value(name));
        if (!date)
            return context.badInput(date.error());
        *target = *date;
    }

    auto database = context.database();
    if (!database)
        return context.failure(database.error());
    auto asset = store::AssetRepository(**database).findByReference(commandLine.value(AssetOption));
    if (!asset)
        return context.badInput(u"--asset: " + asset.error());
    auto bars = store::PriceRepository(**database).list(asset->id, from, to);
    if (!bars)
        return context.failure(bars.error());

    if (commandLine.json()) {
        QJsonArray array;
        for (const DailyPrice &bar : *bars)
            array.append(priceJson(bar));
        writeJson(context.out(), QJsonDocument(array));
        return ExitSuccess;
    }
    const auto optional = [](Decimal value) { return value.isZero() ? QString() : value.toString(); };
    TextTable table;
    table.addColumn(QStringLiteral("Date"));
    for (const char16_t *header : {u"Open", u"High", u"Low", u"Close", u"Adj close", u"Volume"})
        table.addColumn(QString::fromUtf16(header), TextTable::Align::Right);
    for (const DailyPrice &bar : *bars)
        table.addRow({bar.date.toString(Qt::ISODate), optional(bar.open), optional(bar.high), optional(bar.low),
                      bar.close.toString(), optional(bar.adjustedClose), optional(bar.volume)});
    table.write(context.out());
    return ExitSuccess;
}

} // namespace

int runPriceCommand(Context &context, const QStringList &arguments)
{
    return runGroup(context, QStringLiteral("prices"), QStringLiteral("Manages daily prices."),
                    {
                        {QStringLiteral("import"), QStringLiteral("Import daily prices of an asset from CSV"), import},
                        {QStringLiteral("list"), QStringLiteral("List daily prices of an asset"), list},
                    },
                    arguments);
}

} // namespace pt::cli
