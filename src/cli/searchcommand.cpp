#include "searchcommand.h"

#include "commandline.h"
#include "context.h"
#include "jsonformat.h"
#include "offline.h"
#include "texttable.h"

#include "marketdata/httpclient.h"
#include "marketdata/providerregistry.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace pt::cli {

namespace {

QJsonObject hitJson(const marketdata::SearchHit &hit)
{
    return QJsonObject{
        {QStringLiteral("symbol"), hit.symbol},
        {QStringLiteral("name"), hit.name},
        {QStringLiteral("assetClass"), toKey(hit.assetClass)},
        {QStringLiteral("exchange"), hit.exchange},
        {QStringLiteral("currency"), hit.currency},
        {QStringLiteral("source"), hit.dataSource},
        {QStringLiteral("sourceId"), hit.sourceId},
    };
}

} // namespace

int runSearchCommand(Context &context, const QStringList &arguments)
{
    CommandLine commandLine(QStringLiteral("search"),
                            QStringLiteral("Searches the market-data sources for instruments matching QUERY (a "
                                           "name or a symbol) and lists what each source calls them, ready for "
                                           "'asset add --source --source-id'. Exit status 3 when no source can be "
                                           "reached (offline)."));
    commandLine.addValueOption(QStringLiteral("source"),
                               QStringLiteral("Only this source: yahoo, coingecko, binance or ecb (default: all)."),
                               QStringLiteral("name"));
    commandLine.addJsonFlag();
    commandLine.addArgument(QStringLiteral("QUERY"), QStringLiteral("What to look for."));
    if (auto done = commandLine.parse(context, arguments))
        return *done;
    const QString query = commandLine.argument(0).trimmed();
    if (query.isEmpty())
        return context.badInput(QStringLiteral("QUERY: empty"));

    marketdata::ProviderRegistry providers;
    QStringList sources = providers.keys();
    if (commandLine.isSet(QStringLiteral("source"))) {
        const QString source = commandLine.value(QStringLiteral("source")).toLower();
        if (!providers.provider(source))
            return context.badInput(QStringLiteral("--source: '%1' is not one of %2")
                                        .arg(source, sources.join(QStringLiteral(", "))));
        sources = {source};
    }

    // Providers block until the answer is parsed; a terminal command may wait.
    std::vector<marketdata::SearchHit> hits;
    QString firstFailedSource, firstError;
    int failures = 0;
    for (const QString &source : sources) {
        auto found = providers.provider(source)->search(query);
        if (!found) {
            ++failures;
            if (firstFailedSource.isEmpty()) {
                firstFailedSource = source;
                firstError = found.error();
            }
            context.err() << "warning: " << source << ": " << found.error() << Qt::endl;
            continue;
        }
        hits.insert(hits.end(), found->begin(), found->end());
    }
    if (failures == sources.size()) {
        if (!providers.http().isOnline())
            return reportOffline(context, firstFailedSource, firstError);
        return context.failure(QStringLiteral("no source could be searched"));
    }

    if (commandLine.json()) {
        QJsonArray array;
        for (const marketdata::SearchHit &hit : hits)
            array.append(hitJson(hit));
        writeJson(context.out(), QJsonDocument(array));
        return ExitSuccess;
    }
    if (hits.empty()) {
        context.out() << "Nothing found for \"" << query << "\".\n";
        return ExitSuccess;
    }
    TextTable table;
    for (const char16_t *header : {u"Symbol", u"Name", u"Class", u"Exchange", u"Currency", u"Source", u"Source id"})
        table.addColumn(QString::fromUtf16(header));
    for (const marketdata::SearchHit &hit : hits)
        table.addRow({hit.symbol, hit.name, toKey(hit.assetClass), hit.exchange, hit.currency, hit.dataSource,
                      hit.sourceId});
    table.write(context.out());
    return ExitSuccess;
}

} // namespace pt::cli
