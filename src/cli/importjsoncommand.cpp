#include "importjsoncommand.h"

#include "commandline.h"
#include "context.h"
#include "exportjsoncommand.h"

#include "exchange/bookdocument.h"
#include "exchange/bookjson.h"

#include <QTextStream>

namespace pt::cli {

int runImportJsonCommand(Context &context, const QStringList &arguments)
{
    CommandLine commandLine(
        QStringLiteral("import json"),
        QStringLiteral("Adds the portfolios of a JSON document (written by export json) to the store, with their "
                       "UUIDs and stamps, all or nothing. The whole document is checked first; any error names "
                       "where it is (\"transactions[17].quantity: 'abc' is not a number\") and nothing is "
                       "written (exit 2). A document whose portfolios, entries or alert rules the store already "
                       "has is refused; assets already in the catalog (same UUID, or same symbol and exchange) are "
                       "used as they are, and market data the store already has for a day is kept. To replace "
                       "the whole store with a document, use restore."));
    commandLine.addArgument(QStringLiteral("file"), QStringLiteral("The JSON document to import."));
    commandLine.addFlag(QStringLiteral("dry-run"),
                        QStringLiteral("Check the document against the store and show what it holds; write nothing."));
    if (auto done = commandLine.parse(context, arguments))
        return *done;

    auto document = exchange::BookDocument::read(commandLine.argument(0));
    if (!document)
        return context.badInput(document.error() + QStringLiteral("; nothing was imported"));
    auto database = context.database();
    if (!database)
        return context.failure(database.error());
    if (auto checked = exchange::checkImport(**database, *document, exchange::ImportMode::Add); !checked)
        return context.badInput(QStringLiteral("%1: %2; nothing was imported").arg(document->path(), checked.error()));
    context.out() << "Document " << document->path() << ":\n";
    printBookSummary(context.out(), document->summary());
    if (commandLine.isSet(QStringLiteral("dry-run"))) {
        context.out() << "Checked; nothing was imported (--dry-run).\n";
        return ExitSuccess;
    }
    auto imported = exchange::importBook(**database, *document, exchange::ImportMode::Add);
    if (!imported)
        return context.failure(imported.error());
    const exchange::BookCounts &written = imported->written;
    context.out() << "Imported " << written.portfolios << " portfolios, " << written.transactions << " entries, "
                  << written.assets << " assets (" << imported->assetsReused << " already in the catalog), "
                  << written.alertRules << " alert rules, " << written.prices << " prices, " << written.fxRates
                  << " fx rates and " << written.corporateActions << " corporate actions";
    const std::int64_t kept = imported->pricesKept + imported->fxRatesKept + imported->corporateActionsKept;
    if (kept > 0)
        context.out() << " (" << kept << " days of market data the store already had were kept)";
    context.out() << ".\n";
    return ExitSuccess;
}

} // namespace pt::cli
