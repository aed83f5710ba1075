#include "copystorecommand.h"

#include "commandline.h"
#include "context.h"

#include "store/database.h"
#include "store/storecopy.h"
#include "valuation/valuator.h"

#include <QElapsedTimer>
#include <QTextStream>

namespace pt::cli {

namespace {

const QString FromOption = QStringLiteral("from");
const QString ToOption = QStringLiteral("to");
const QString NoValuesOption = QStringLiteral("skip-value-check");

// The first difference between two value series, or nothing.
QString seriesDifference(const QString &name, const valuation::ValueSeries &a, const valuation::ValueSeries &b)
{
    if (a.baseCurrency != b.baseCurrency || a.first != b.first || a.size() != b.size())
        return QStringLiteral("%1: the series span or currency differ").arg(name);
    for (int i = 0; i < a.size(); ++i) {
        const auto at = std::size_t(i);
        if (a.marketValue[at] != b.marketValue[at] || a.externalFlow[at] != b.externalFlow[at]
            || a.invested[at] != b.invested[at] || a.stale[at] != b.stale[at] || a.incomplete[at] != b.incomplete[at])
            return QStringLiteral("%1: the values on %2 differ (%3 and %4)")
                .arg(name, a.day(i).toString(Qt::ISODate), a.marketValue[at].toString(), b.marketValue[at].toString());
    }
    if (a.missing != b.missing)
        return QStringLiteral("%1: what is missing differs").arg(name);
    return {};
}

} // namespace

int runCopyStoreCommand(Context &context, const QStringList &arguments)
{
    CommandLine commandLine(
        QStringLiteral("copy-store"),
        QStringLiteral("Copies every table of one store into another, empty one, either way between SQLite files "
                       "and PostgreSQL databases (postgresql://user@host:port/database): the ledger, catalog and "
                       "alert rules with their ids, UUIDs and stamps, the market data, and the derived and local "
                       "tables too (snapshots, stored value series, alerts log, job queue). One transaction on the "
                       "target: all or nothing. A target that holds any data is refused (exit 2). Afterwards the "
                       "row counts of every table, the holdings and the value series of both stores are compared "
                       "and printed; a difference is exit 1."));
    commandLine.addValueOption(FromOption,
                               QStringLiteral("The store to copy: an SQLite file or a postgresql:// URL (default: "
                                              "the --db store)."),
                               QStringLiteral("store"));
    commandLine.addValueOption(ToOption,
                               QStringLiteral("The empty store to copy into: an SQLite file (created if missing) or "
                                              "a postgresql:// URL of an existing database."),
                               QStringLiteral("store"));
    commandLine.addFlag(NoValuesOption,
                        QStringLiteral("Compare counts and holdings only, not the value series (faster)."));
    if (auto done = commandLine.parse(context, arguments))
        return *done;
    if (!commandLine.isSet(ToOption))
        return context.badInput(QStringLiteral("copy-store: --to is missing (see 'copy-store --help')"));
    const QString fromText = commandLine.isSet(FromOption) ? commandLine.value(FromOption) : context.databasePath();
    auto from = store::StoreLocation::parse(fromText);
    if (!from)
        return context.badInput(u"--from: " + from.error());
    auto to = store::StoreLocation::parse(commandLine.value(ToOption));
    if (!to)
        return context.badInput(u"--to: " + to.error());
    if (*from == *to)
        return context.badInput(QStringLiteral("--from and --to name the same store"));

    auto source = context.openStore(*from);
    if (!source)
        return context.failure(QStringLiteral("cannot open the source %1: %2").arg(from->toString(), source.error()));
    auto target = context.openStore(*to);
    if (!target)
        return context.failure(QStringLiteral("cannot open the target %1: %2").arg(to->toString(), target.error()));
    auto filled = store::nonEmptyTables(**target);
    if (!filled)
        return context.failure(filled.error());
    if (!filled->isEmpty())
        return context.badInput(QStringLiteral("the target %1 already holds data: %2. copy-store writes only into "
                                               "an empty store; nothing was copied.")
                                    .arg(to->toString(), filled->join(QStringLiteral(", "))));

    QTextStream &out = context.out();
    out << "Copying " << from->toString() << " to " << to->toString() << '\n' << Qt::flush;
    QElapsedTimer sinceLine;
    sinceLine.start();
    auto report
        = store::copyStore(**source, **target, [&](const QString &table, std::int64_t done, std::int64_t total) {
              // A line per table, and every few seconds within a long one.
              if (done == total || sinceLine.elapsed() >= 2000) {
                  if (done == total || done > 0)
                      out << "  " << table << ": " << done << " / " << total << " rows\n" << Qt::flush;
                  sinceLine.restart();
              }
          });
    if (!report)
        return context.failure(report.error());

    out << "Copied " << report->rows << " rows in "
        << QString::number(double(report->copyMilliseconds) / 1000.0, 'f', 1) << " s (one transaction).\n";
    out << QStringLiteral("  %1 %2 %3\n")
               .arg(QStringLiteral("table").leftJustified(20), QStringLiteral("source").rightJustified(10),
                    QStringLiteral("target").rightJustified(10));
    for (const store::TableCount &count : report->tables)
        out << QStringLiteral("  %1 %2 %3\n")
                   .arg(count.table.leftJustified(20), QString::number(count.source).rightJustified(10),
                        QString::number(count.target).rightJustified(10));
    out << "Holdings: identical (" << report->portfolios << " portfolios, " << report->positions << " positions).\n";

    if (commandLine.isSet(NoValuesOption))
        return ExitSuccess;
    valuation::ValuationOptions options;
    options.lastDay = QDate::currentDate();
    auto before = valuation::valueFromStore(**source, options);
    if (!before)
        return context.failure(QStringLiteral("cannot value the source: %1").arg(before.error()));
    auto after = valuation::valueFromStore(**target, options);
    if (!after)
        return context.failure(QStringLiteral("cannot value the target: %1").arg(after.error()));
    QString difference = before->portfolios.size() == after->portfolios.size()
        ? seriesDifference(QStringLiteral("all portfolios"), before->total, after->total)
        : QStringLiteral("the number of portfolios differs");
    for (std::size_t i = 0; difference.isEmpty() && i < before->portfolios.size(); ++i)
        difference = seriesDifference(QStringLiteral("portfolio %1").arg(before->portfolios[i].portfolioId),
                                      before->portfolios[i].series, after->portfolios[i].series);
    if (!difference.isEmpty())
        return context.failure(QStringLiteral("the copy's value series differ from the source's: %1").arg(difference));
    const valuation::ValueSeries &total = after->total;
    out << "Value series: identical (" << after->portfolios.size() << " portfolios and all together";
    if (total.size() > 0)
        out << ", " << total.size() << " days; all on " << total.day(total.size() - 1).toString(Qt::ISODate) << ": "
            << total.marketValue.back().toString(2) << ' ' << total.baseCurrency;
    out << ").\n";
    return ExitSuccess;
}

} // namespace pt::cli
