#include "exportjsoncommand.h"

#include "commandline.h"
#include "context.h"

#include "exchange/bookjson.h"
#include "store/portfoliorepository.h"

#include <QFile>
#include <QLocale>
#include <QSaveFile>
#include <QTextStream>

#include <cstdio>

namespace pt::cli {

namespace {

const QString PortfolioOption = QStringLiteral("portfolio");
const QString OutputOption = QStringLiteral("output");

} // namespace

void printBookSummary(QTextStream &out, const exchange::BookSummary &summary)
{
    const exchange::BookCounts &counts = summary.counts;
    out << "  format version: " << summary.version << " (" << summary.scope << ")\n";
    if (!summary.exportedAt.isEmpty())
        out << "  exported:       " << summary.exportedAt << '\n';
    out << "  portfolios:     " << counts.livePortfolios;
    if (counts.portfolios != counts.livePortfolios)
        out << " (and " << counts.portfolios - counts.livePortfolios << " deleted)";
    out << '\n' << "  entries:        " << counts.liveTransactions;
    if (counts.transactions != counts.liveTransactions)
        out << " (and " << counts.transactions - counts.liveTransactions << " deleted)";
    out << '\n'
        << "  assets:         " << counts.assets << '\n'
        << "  alert rules:    " << counts.alertRules << '\n'
        << "  prices:         " << counts.prices << '\n'
        << "  fx rates:       " << counts.fxRates << '\n'
        << "  actions:        " << counts.corporateActions << '\n'
        << "  newest entry:   "
        << (counts.newestEntry.isValid() ? counts.newestEntry.toString(Qt::ISODate) : QStringLiteral("none")) << '\n';
}

int runExportJsonCommand(Context &context, const QStringList &arguments)
{
    CommandLine commandLine(
        QStringLiteral("export json"),
        QStringLiteral("Writes the whole book, or some portfolios, as one JSON document that rebuilds them exactly "
                       "in another store (import json): the portfolios and all their entries (deleted ones too) "
                       "with their UUIDs and stamps, the assets they use with their provider ids, the alert rules, "
                       "and the daily bars, corporate actions and exchange rates their valuation needs. Decimals "
                       "are exact strings, dates ISO. A portfolio with transfers to or from others brings those "
                       "along. The format is described in docs/BACKUP.md."));
    commandLine.addValueOption(PortfolioOption,
                               QStringLiteral("Export this portfolio (name or UUID; repeat for several). Default: "
                                              "the whole book."),
                               QStringLiteral("ref"));
    commandLine.addValueOption(OutputOption,
                               QStringLiteral("The file to write (replaced only once the document is complete); "
                                              "default: standard output."),
                               QStringLiteral("file"));
    if (auto done = commandLine.parse(context, arguments))
        return *done;
    const QString output = commandLine.value(OutputOption);
    if (commandLine.isSet(OutputOption) && output.isEmpty())
        return context.badInput(QStringLiteral("--output: the file name is empty"));
    auto database = context.database();
    if (!database)
        return context.failure(database.error());

    exchange::ExportOptions options;
    for (const QString &reference : commandLine.values(PortfolioOption)) {
        auto found = store::PortfolioRepository(**database).findByReference(reference);
        if (!found)
            return context.badInput(u"--portfolio: " + found.error());
        options.portfolios.push_back(found->id);
    }

    if (output.isEmpty()) {
        context.out().flush();
        QFile standardOutput;
        if (!standardOutput.open(stdout, QIODevice::WriteOnly))
            return context.failure(QStringLiteral("cannot write to standard output"));
        auto summary = exchange::exportBook(**database, standardOutput, options);
        if (!summary)
            return context.failure(summary.error());
        return ExitSuccess;
    }
    QSaveFile file(output);
    if (!file.open(QIODevice::WriteOnly))
        return context.failure(QStringLiteral("cannot write '%1': %2").arg(output, file.errorString()));
    auto summary = exchange::exportBook(**database, file, options);
    if (!summary) {
        file.cancelWriting();
        return context.failure(QStringLiteral("%1; '%2' was not written").arg(summary.error(), output));
    }
    const qint64 bytes = file.size();
    if (!file.commit())
        return context.failure(QStringLiteral("cannot write '%1': %2").arg(output, file.errorString()));
    context.out() << "Exported "
                  << (options.portfolios.empty() ? QStringLiteral("the book") : QStringLiteral("portfolios")) << " to "
                  << output << ": " << QLocale::c().formattedDataSize(bytes) << " (" << bytes << " bytes)\n";
    printBookSummary(context.out(), *summary);
    return ExitSuccess;
}

} // namespace pt::cli
