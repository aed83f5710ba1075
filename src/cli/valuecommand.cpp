#include "valuecommand.h"

#include "commandline.h"
#include "context.h"
#include "jsonformat.h"
#include "money/currency.h"
#include "store/portfoliorepository.h"
#include "texttable.h"
#include "valuation/valuator.h"
#include "valueparsers.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace pt::cli {

namespace {

QString statusOf(const valuation::ValueSeries &series, int index)
{
    QStringList words;
    if (series.incomplete[std::size_t(index)])
        words << QStringLiteral("incomplete");
    if (series.stale[std::size_t(index)])
        words << QStringLiteral("stale");
    return words.join(u' ');
}

QJsonObject seriesJson(const valuation::ValueSeries &series, const QString &name, int from, int to)
{
    QJsonArray days;
    for (int i = from; i <= to; ++i) {
        days.append(QJsonObject{
            { QStringLiteral("date"), series.day(i).toString(Qt::ISODate) },
            { QStringLiteral("marketValue"), decimalJson(series.marketValue[std::size_t(i)]) },
            { QStringLiteral("invested"), decimalJson(series.invested[std::size_t(i)]) },
            { QStringLiteral("flow"), decimalJson(series.externalFlow[std::size_t(i)]) },
            { QStringLiteral("stale"), bool(series.stale[std::size_t(i)]) },
            { QStringLiteral("incomplete"), bool(series.incomplete[std::size_t(i)]) },
        });
    }
    return QJsonObject{
        { QStringLiteral("portfolio"), name },
        { QStringLiteral("baseCurrency"), series.baseCurrency },
        { QStringLiteral("days"), days },
        { QStringLiteral("missing"), QJsonArray::fromStringList(series.missing) },
    };
}

void writeSeries(QTextStream &out, const valuation::ValueSeries &series, const QString &name, int from, int to)
{
    const int decimals = currency::minorUnits(series.baseCurrency);
    const auto money = [decimals](Decimal value) {
        return value.isValid() ? value.toString(decimals) : QStringLiteral("invalid");
    };
    out << "Value of " << name << " in " << series.baseCurrency << '\n';
    if (from > to) {
        out << "No days in the range.\n";
    } else {
        TextTable table;
        table.addColumn(QStringLiteral("Date"));
        table.addColumn(QStringLiteral("Market value"), TextTable::Align::Right);
        table.addColumn(QStringLiteral("Invested"), TextTable::Align::Right);
        table.addColumn(QStringLiteral("Flow"), TextTable::Align::Right);
        table.addColumn(QStringLiteral("Status"));
        for (int i = from; i <= to; ++i) {
            const Decimal flow = series.externalFlow[std::size_t(i)];
            table.addRow({ series.day(i).toString(Qt::ISODate), money(series.marketValue[std::size_t(i)]),
                           money(series.invested[std::size_t(i)]), flow.isZero() ? QString() : money(flow),
                           statusOf(series, i) });
        }
        table.write(out);
    }
    for (const QString &missing : series.missing)
        out << "Missing: " << missing << '\n';
}

} // namespace

int runValueCommand(Context &context, const QStringList &arguments)
{
    CommandLine commandLine(QStringLiteral("value"),
                            QStringLiteral("Shows the daily value series of one portfolio, or of all together, in its "
                                           "base currency: market value at each day's close (last close carried "
                                           "forward), invested (cumulative external flows) and the day's flow. "
                                           "Days valued with a price or rate older than the staleness limit are "
                                           "marked stale; days missing a price or rate are marked incomplete and "
                                           "what was missing is listed."));
    commandLine.addValueOption(QStringLiteral("portfolio"), QStringLiteral("Only this portfolio (name or UUID)."),
                               QStringLiteral("ref"));
    commandLine.addValueOption(QStringLiteral("from"), QStringLiteral("First day shown (default: the first entry)."),
                               QStringLiteral("YYYY-MM-DD"));
    commandLine.addValueOption(QStringLiteral("to"), QStringLiteral("Last day valued and shown (default: today)."),
                               QStringLiteral("YYYY-MM-DD"));
    commandLine.addValueOption(QStringLiteral("currency"),
                               QStringLiteral("Base currency of the all-portfolios series (default EUR)."),
                               QStringLiteral("code"));
    commandLine.addValueOption(QStringLiteral("stale-days"),
                               QStringLiteral("A price or rate older than this many days is stale (default 5)."),
                               QStringLiteral("N"));
    commandLine.addJsonFlag();
    if (auto done = commandLine.parse(context, arguments))
        return *done;

    valuation::ValuationOptions options;
    options.lastDay = QDate::currentDate();
    QDate from;
    if (commandLine.isSet(QStringLiteral("to"))) {
        auto to = parseDate(QStringLiteral("--to"), commandLine.value(QStringLiteral("to")));
        if (!to)
            return context.badInput(to.error());
        options.lastDay = *to;
    }
    if (commandLine.isSet(QStringLiteral("from"))) {
        auto parsed = parseDate(QStringLiteral("--from"), commandLine.value(QStringLiteral("from")));
        if (!parsed)
            return context.badInput(parsed.error());
        from = *parsed;
        if (from > options.lastDay)
            return context.badInput(QStringLiteral("--from %1 is after --to %2")
                                        .arg(from.toString(Qt::ISODate), options.lastDay.toString(Qt::ISODate)));
    }
    if (commandLine.isSet(QStringLiteral("currency"))) {
        auto code = parseCurrency(QStringLiteral("--currency"), commandLine.value(QStringLiteral("currency")));
        if (!code)
            return context.badInput(code.error());
        options.totalCurrency = *code;
    }
    if (commandLine.isSet(QStringLiteral("stale-days"))) {
        auto days
            = parseInteger(QStringLiteral("--stale-days"), commandLine.value(QStringLiteral("stale-days")), 0, 3650);
        if (!days)
            return context.badInput(days.error());
        options.staleAfterDays = int(*days);
    }

    auto database = context.database();
    if (!database)
        return context.failure(database.error());
    std::optional<Portfolio> portfolio;
    if (commandLine.isSet(QStringLiteral("portfolio"))) {
        auto found
            = store::PortfolioRepository(**database).findByReference(commandLine.value(QStringLiteral("portfolio")));
        if (!found)
            return context.badInput(u"--portfolio: " + found.error());
        portfolio = *found;
    }
    auto valuation = valuation::valueFromStore(**database, options);
    if (!valuation)
        return context.failure(valuation.error());

    const valuation::ValueSeries *series = &valuation->total;
    QString name = QStringLiteral("all portfolios");
    if (portfolio) {
        name = portfolio->name;
        for (const valuation::PortfolioSeries &one : valuation->portfolios) {
            if (one.portfolioId == portfolio->id)
                series = &one.series;
        }
    }
    int first = 0;
    if (from.isValid() && series->size() > 0)
        first = std::max(0, int(series->first.daysTo(from)));
    const int last = series->size() - 1;

    if (commandLine.json()) {
        writeJson(context.out(), QJsonDocument(seriesJson(*series, name, first, last)));
        return ExitSuccess;
    }
    writeSeries(context.out(), *series, name, first, last);
    return ExitSuccess;
}

} // namespace pt::cli
