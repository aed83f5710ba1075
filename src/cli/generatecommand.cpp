#include "generatecommand.h"

#include "commandline.h"
#include "context.h"
#include "generator/bookgenerator.h"
#include "valueparsers.h"

#include <QElapsedTimer>

#include <limits>

namespace pt::cli {

namespace {

struct CountOption
{
    const char16_t *name;
    const char16_t *description;
    std::int64_t minimum;
    std::int64_t maximum;
};

constexpr CountOption Counts[] = {
    {u"portfolios", u"Number of portfolios (default 2).", 1, 1000},
    {u"assets", u"Number of assets (default 10).", 1, 100'000},
    {u"transactions", u"Number of ledger entries in all (default 200).", 0, 100'000'000},
    {u"years", u"Years of daily prices (default 1).", 1, 50},
    {u"seed", u"Seed of the generator (default 1); equal seeds give equal books.", 0,
     std::numeric_limits<std::int64_t>::max()},
};

} // namespace

int runGenerateCommand(Context &context, const QStringList &arguments)
{
    CommandLine commandLine(
        QStringLiteral("generate"),
        QStringLiteral("Writes a deterministic synthetic book for tests, benchmarks and demonstrations: portfolios, "
                       "assets marked synthetic (SYN0001...), ledger entries that replay without error, and daily "
                       "prices on trading days (Monday to Friday except Jan 1, May 1, Dec 25 and Dec 26) over the "
                       "years ending at --end. Use a new store: one holding a synthetic book is refused."));
    for (const CountOption &count : Counts)
        commandLine.addValueOption(QString::fromUtf16(count.name), QString::fromUtf16(count.description),
                                   QStringLiteral("n"));
    commandLine.addValueOption(QStringLiteral("end"),
                               QStringLiteral("Last day of the prices, yyyy-MM-dd (default: a day in 2024 derived "
                                              "from the seed, never today)."),
                               QStringLiteral("date"));
    if (auto done = commandLine.parse(context, arguments))
        return *done;

    GeneratorOptions options;
    std::int64_t values[std::size(Counts)] = {options.portfolios, options.assets, options.transactions,
                                              options.years, std::int64_t(options.seed)};
    for (std::size_t i = 0; i < std::size(Counts); ++i) {
        const QString name = QString::fromUtf16(Counts[i].name);
        if (!commandLine.isSet(name))
            continue;
        auto value = parseInteger(u"--" + name, commandLine.value(name), Counts[i].minimum, Counts[i].maximum);
        if (!value)
            return context.badInput(value.error());
        values[i] = *value;
    }
    options.portfolios = int(values[0]);
    options.assets = int(values[1]);
    options.transactions = values[2];
    options.years = int(values[3]);
    options.seed = std::uint64_t(values[4]);
    if (commandLine.isSet(QStringLiteral("end"))) {
        auto end = parseDate(QStringLiteral("--end"), commandLine.value(QStringLiteral("end")));
        if (!end)
            return context.badInput(end.error());
        options.endDate = *end;
    }
    if (auto valid = BookGenerator::validate(options); !valid)
        return context.badInput(valid.error());

    auto database = context.database();
    if (!database)
        return context.failure(database.error());
    QElapsedTimer timer;
    timer.start();
    BookGenerator generator(**database);
    QTextStream &out = context.out();
    generator.setProgressHandler([&out, &timer](const QString &stage, std::int64_t done, std::int64_t total) {
        out << QStringLiteral("%1: %2/%3 (%4 s)").arg(stage).arg(done).arg(total).arg(timer.elapsed() / 1000.0, 0, 'f', 1)
            << Qt::endl;
    });
    auto report = generator.generate(options);
    if (!report)
        return context.failure(report.error());
    out << QStringLiteral("Generated %1 portfolios, %2 assets, %3 transactions (%4 splits) and %5 prices from %6 "
                          "to %7 in %8 s")
               .arg(report->portfolios)
               .arg(report->assets)
               .arg(report->transactions)
               .arg(report->splits)
               .arg(report->prices)
               .arg(report->firstDay.toString(Qt::ISODate), report->lastDay.toString(Qt::ISODate))
               .arg(timer.elapsed() / 1000.0, 0, 'f', 1)
        << Qt::endl;
    return ExitSuccess;
}

} // namespace pt::cli
