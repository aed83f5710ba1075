#include "exportcommand.h"

#include "commandline.h"
#include "context.h"
#include "exportjsoncommand.h"

#include "io/csvexport.h"
#include "store/portfoliorepository.h"

#include <QFile>
#include <QSaveFile>

#include <cstdio>
#include <functional>

namespace pt::cli {

namespace {

const QString PortfolioOption = QStringLiteral("portfolio");
const QString OutputOption = QStringLiteral("output");

using Exporter = std::function<Result<qint64>(const store::Database &, RowId, QIODevice &)>;

// Runs one export into --output (written whole or not at all, through a
// temporary file) or to standard output.
int runExport(Context &context, const QStringList &arguments, const QString &command, const QString &description,
              const QString &rowsWord, const Exporter &exporter)
{
    CommandLine commandLine(command, description);
    commandLine.addValueOption(PortfolioOption, QStringLiteral("Only this portfolio (name or UUID)."),
                               QStringLiteral("ref"));
    commandLine.addValueOption(OutputOption,
                               QStringLiteral("The CSV file to write (replaced if it exists); default: standard "
                                              "output."),
                               QStringLiteral("file"));
    if (auto done = commandLine.parse(context, arguments))
        return *done;
    const QString output = commandLine.value(OutputOption);
    if (commandLine.isSet(OutputOption) && output.isEmpty())
        return context.badInput(QStringLiteral("--output: the file name is empty"));
    auto database = context.database();
    if (!database)
        return context.failure(database.error());
    RowId portfolioId = 0;
    if (commandLine.isSet(PortfolioOption)) {
        auto found = store::PortfolioRepository(**database).findByReference(commandLine.value(PortfolioOption));
        if (!found)
            return context.badInput(u"--portfolio: " + found.error());
        portfolioId = found->id;
    }

    if (output.isEmpty()) {
        context.out().flush();
        QFile standardOutput;
        if (!standardOutput.open(stdout, QIODevice::WriteOnly))
            return context.failure(QStringLiteral("cannot write to standard output"));
        auto rows = exporter(**database, portfolioId, standardOutput);
        if (!rows)
            return context.failure(rows.error());
        return ExitSuccess;
    }
    QSaveFile file(output);
    if (!file.open(QIODevice::WriteOnly))
        return context.failure(QStringLiteral("--output: '%1' cannot be written: %2").arg(output, file.errorString()));
    auto rows = exporter(**database, portfolioId, file);
    if (!rows) {
        file.cancelWriting();
        return context.failure(rows.error());
    }
    if (!file.commit())
        return context.failure(QStringLiteral("--output: '%1' cannot be written: %2").arg(output, file.errorString()));
    context.out() << "Exported " << *rows << ' ' << rowsWord << " to " << output << '\n';
    return ExitSuccess;
}

int exportTransactions(Context &context, const QStringList &arguments)
{
    return runExport(context, arguments, QStringLiteral("export transactions"),
                     QStringLiteral("Writes the ledger entries as CSV in the generic layout (docs/IMPORT.md): UTF-8, "
                                    "comma-separated, RFC 4180 quoting, ISO dates, exact decimals. 'import "
                                    "transactions --preset generic' reads it back."),
                     QStringLiteral("entries"), io::exportTransactions);
}

int exportHoldings(Context &context, const QStringList &arguments)
{
    return runExport(context, arguments, QStringLiteral("export holdings"),
                     QStringLiteral("Writes each portfolio's positions (quantity, cost basis, average cost, realized "
                                    "gain, income, fees) and cash per currency as CSV: UTF-8, comma-separated, "
                                    "exact decimals."),
                     QStringLiteral("rows"), io::exportHoldings);
}

} // namespace

int runExportCommand(Context &context, const QStringList &arguments)
{
    return runGroup(context, QStringLiteral("export"), QStringLiteral("Exports data to files."),
                    {
                        {QStringLiteral("transactions"), QStringLiteral("Export ledger entries as CSV"),
                         exportTransactions},
                        {QStringLiteral("holdings"), QStringLiteral("Export positions and cash as CSV"),
                         exportHoldings},
                        {QStringLiteral("json"), QStringLiteral("Export the book or some portfolios as JSON, to rebuild them exactly"),
                         runExportJsonCommand},
                    },
                    arguments);
}

} // namespace pt::cli
