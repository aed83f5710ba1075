#include "benchmarkcommand.h"

#include "commandline.h"
#include "context.h"
#include "jsonformat.h"
#include "money/currency.h"
#include "performancecommand.h"
#include "store/assetrepository.h"
#include "store/portfoliorepository.h"
#include "texttable.h"
#include "valuation/benchmark.h"
#include "valuation/valuator.h"
#include "valueparsers.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace pt::cli {

namespace {

QString percent(double value)
{
    return QString::number(value * 100, 'f', 2) + u'%';
}

QJsonValue optionalDecimal(const std::optional<Decimal> &value)
{
    return value ? decimalJson(*value) : QJsonValue();
}

QJsonObject comparisonJson(const valuation::BenchmarkComparison &c, const QString &name, const QString &base)
{
    QJsonArray days;
    for (const valuation::BenchmarkDay &day : c.days) {
        days.append(QJsonObject {
            { QStringLiteral("date"), day.date.toString(Qt::ISODate) },
            { QStringLiteral("portfolioValue"), decimalJson(day.portfolioValue) },
            { QStringLiteral("portfolioIndex"), day.portfolioIndex },
            { QStringLiteral("benchmarkClose"), optionalDecimal(day.benchmarkClose) },
            { QStringLiteral("rebased"), optionalDecimal(day.rebased) },
            { QStringLiteral("benchmarkIndex"), day.benchmarkIndex ? QJsonValue(*day.benchmarkIndex) : QJsonValue() },
            { QStringLiteral("carried"), day.carried },
        });
    }
    return QJsonObject {
        { QStringLiteral("portfolio"), name },
        { QStringLiteral("benchmark"), c.symbol },
        { QStringLiteral("baseCurrency"), base }, // of the values and the rebased benchmark
        { QStringLiteral("closeCurrency"), c.currency }, // of benchmarkClose
        { QStringLiteral("from"), c.from.toString(Qt::ISODate) },
        { QStringLiteral("to"), c.to.toString(Qt::ISODate) },
        { QStringLiteral("anchor"), c.anchor.toString(Qt::ISODate) },
        { QStringLiteral("portfolioReturn"), c.portfolioReturn },
        { QStringLiteral("benchmarkReturn"), c.benchmarkReturn ? QJsonValue(*c.benchmarkReturn) : QJsonValue() },
        { QStringLiteral("days"), days },
        { QStringLiteral("missing"), QJsonArray::fromStringList(c.missing) },
    };
}

// The first and last day and each month's last day in between.
void writeComparison(QTextStream &out, const valuation::BenchmarkComparison &c, const QString &name,
                     const QString &portfolioCurrency)
{
    const int decimals = currency::minorUnits(portfolioCurrency);
    out << c.symbol << " rebased onto " << name << ", " << c.from.toString(Qt::ISODate) << ".."
        << c.to.toString(Qt::ISODate) << ", in " << portfolioCurrency << '\n';
    out << "Return of " << name << " (time-weighted): " << percent(c.portfolioReturn) << '\n';
    out << "Return of " << c.symbol << ": "
        << (c.benchmarkReturn ? percent(*c.benchmarkReturn) : QStringLiteral("no close at the end")) << '\n';
    TextTable table;
    table.addColumn(QStringLiteral("Date"));
    table.addColumn(QStringLiteral("Portfolio"), TextTable::Align::Right);
    table.addColumn(c.symbol + QStringLiteral(" rebased"), TextTable::Align::Right);
    table.addColumn(QStringLiteral("Portfolio index"), TextTable::Align::Right);
    table.addColumn(c.symbol + QStringLiteral(" index"), TextTable::Align::Right);
    bool carried = false;
    for (std::size_t i = 0; i < c.days.size(); ++i) {
        const valuation::BenchmarkDay &day = c.days[i];
        const bool monthEnd = day.date.day() == day.date.daysInMonth();
        if (i != 0 && i + 1 != c.days.size() && !monthEnd && day.date != c.anchor)
            continue;
        carried = carried || day.carried;
        table.addRow({ day.date.toString(Qt::ISODate), day.portfolioValue.toString(decimals),
                       day.rebased ? day.rebased->toString(decimals) + (day.carried ? QStringLiteral(" *") : QString())
                                   : QStringLiteral("-"),
                       QString::number(day.portfolioIndex, 'f', 2),
                       day.benchmarkIndex ? QString::number(*day.benchmarkIndex, 'f', 2) : QStringLiteral("-") });
    }
    table.write(out);
    if (carried)
        out << "* the last close before that day, carried forward.\n";
    for (const QString &missing : c.missing)
        out << "Missing: " << missing << '\n';
}

} // namespace

int runBenchmarkCommand(Context &context, const QStringList &arguments)
{
    CommandLine commandLine(QStringLiteral("benchmark"),
                            QStringLiteral("Compares a portfolio, or all together, with an asset or index of the "
                                           "catalog: the benchmark rebased so that it starts at the portfolio's "
                                           "value on the range's first day, day by day (closes carried over "
                                           "weekends and holidays, converted into the portfolio's currency at each "
                                           "day's rate), both as indices starting at 100 (the portfolio's "
                                           "time-weighted, so deposits are not performance) and both returns over "
                                           "the range. The text shows the first day, each month's last day and the "
                                           "last day; --json shows every day."));
    commandLine.addValueOption(QStringLiteral("asset"), QStringLiteral("The benchmark (symbol or UUID); required."),
                               QStringLiteral("ref"));
    commandLine.addValueOption(QStringLiteral("portfolio"), QStringLiteral("Only this portfolio (name or UUID)."),
                               QStringLiteral("ref"));
    commandLine.addValueOption(QStringLiteral("range"), QStringLiteral("1M, 3M, YTD, 1Y, 5Y or ALL (default)."),
                               QStringLiteral("range"));
    commandLine.addValueOption(QStringLiteral("from"),
                               QStringLiteral("First day of a custom range, instead of --range."),
                               QStringLiteral("yyyy-MM-dd"));
    commandLine.addValueOption(QStringLiteral("to"), QStringLiteral("Last day of the range (default today)."),
                               QStringLiteral("yyyy-MM-dd"));
    commandLine.addValueOption(QStringLiteral("currency"),
                               QStringLiteral("Base currency of all portfolios together (default EUR)."),
                               QStringLiteral("code"));
    commandLine.addFlag(QStringLiteral("no-convert"),
                        QStringLiteral("Keep the benchmark in its own currency instead of the portfolio's."));
    commandLine.addJsonFlag();
    if (auto done = commandLine.parse(context, arguments))
        return *done;

    if (!commandLine.isSet(QStringLiteral("asset")))
        return context.badInput(QStringLiteral("--asset: the benchmark is required, e.g. --asset SPY"));
    valuation::Range::Preset preset = valuation::Range::Preset::All;
    if (commandLine.isSet(QStringLiteral("range"))) {
        if (commandLine.isSet(QStringLiteral("from")))
            return context.badInput(QStringLiteral("--from: give either --range or --from, not both"));
        const auto parsed = parseRangePreset(commandLine.value(QStringLiteral("range")));
        if (!parsed)
            return context.badInput(QStringLiteral("--range: '%1' is not one of 1M, 3M, YTD, 1Y, 5Y, ALL")
                                        .arg(commandLine.value(QStringLiteral("range"))));
        preset = *parsed;
    }
    valuation::ValuationOptions options;
    options.lastDay = QDate::currentDate();
    if (commandLine.isSet(QStringLiteral("to"))) {
        auto parsed = parseDate(QStringLiteral("--to"), commandLine.value(QStringLiteral("to")));
        if (!parsed)
            return context.badInput(parsed.error());
        options.lastDay = *parsed;
    }
    QDate from;
    if (commandLine.isSet(QStringLiteral("from"))) {
        auto parsed = parseDate(QStringLiteral("--from"), commandLine.value(QStringLiteral("from")));
        if (!parsed)
            return context.badInput(parsed.error());
        if (*parsed > options.lastDay)
            return context.badInput(QStringLiteral("--from %1 is after --to %2")
                                        .arg(parsed->toString(Qt::ISODate), options.lastDay.toString(Qt::ISODate)));
        from = *parsed;
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
    auto asset = store::AssetRepository(**database).findByReference(commandLine.value(QStringLiteral("asset")));
    if (!asset)
        return context.badInput(u"--asset: " + asset.error());
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
    auto valuation = valuation::computeValuation(*inputs, options);
    if (!valuation)
        return context.failure(valuation.error());
    const valuation::ValueSeries *series = &valuation->total;
    for (const valuation::PortfolioSeries &one : valuation->portfolios) {
        if (one.portfolioId == portfolioId)
            series = &one.series;
    }
    if (series->size() == 0)
        return context.badInput(
            QStringLiteral("--portfolio: %1 has no entries up to %2").arg(name, options.lastDay.toString(Qt::ISODate)));

    // The inputs hold the closes of assets with entries and the rates of their
    // currencies; a benchmark is usually neither.
    valuation::Benchmark benchmark;
    benchmark.symbol = asset->symbol;
    benchmark.currency = asset->currency;
    if (const auto held = inputs->closes.find(asset->id); held != inputs->closes.end()) {
        benchmark.closes = held->second;
    } else {
        auto closes = store::PriceRepository(**database).closes({ asset->id }, options.lastDay);
        if (!closes)
            return context.failure(closes.error());
        benchmark.closes = std::move((*closes)[asset->id]);
    }
    const bool known = std::any_of(inputs->fxRates.begin(), inputs->fxRates.end(),
                                   [&](const store::FxRate &rate) { return rate.quote == asset->currency; });
    if (!known && asset->currency != u"EUR") {
        auto rates = store::FxRateRepository(**database).list(asset->currency, {}, options.lastDay);
        if (!rates)
            return context.failure(rates.error());
        inputs->fxRates.insert(inputs->fxRates.end(), rates->begin(), rates->end());
    }

    const valuation::Range range = from.isValid() ? valuation::Range { std::max(from, series->first), options.lastDay }
                                                  : valuation::Range::preset(preset, options.lastDay, series->first);
    auto comparison = valuation::compareWithBenchmark(*series, range, benchmark, inputs->fxRates,
                                                      !commandLine.isSet(QStringLiteral("no-convert")));
    if (!comparison)
        return context.badInput(u"--asset: " + comparison.error());

    if (commandLine.json())
        writeJson(context.out(), QJsonDocument(comparisonJson(*comparison, name, series->baseCurrency)));
    else
        writeComparison(context.out(), *comparison, name, series->baseCurrency);
    return ExitSuccess;
}

} // namespace pt::cli
