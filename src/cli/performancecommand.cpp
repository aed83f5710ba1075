#include "performancecommand.h"

#include "commandline.h"
#include "context.h"
#include "jsonformat.h"
#include "money/currency.h"
#include "store/portfoliorepository.h"
#include "texttable.h"
#include "valuation/returns.h"
#include "valuation/valuator.h"
#include "valueparsers.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <optional>

namespace pt::cli {

namespace {

using valuation::Range;

std::optional<Range::Preset> parsePreset(const QString &text)
{
    const QString key = text.toUpper();
    if (key == u"1M")
        return Range::Preset::OneMonth;
    if (key == u"3M")
        return Range::Preset::ThreeMonths;
    if (key == u"YTD")
        return Range::Preset::YearToDate;
    if (key == u"1Y")
        return Range::Preset::OneYear;
    if (key == u"5Y")
        return Range::Preset::FiveYears;
    if (key == u"ALL")
        return Range::Preset::All;
    return std::nullopt;
}

// One row of the report: a portfolio's (or the total's) figures over the range.
struct Performance
{
    QString name;
    QString currency;
    Range range;
    bool empty = true; // no entries before the range's end
    valuation::Returns returns;
    valuation::Risk risk;
    bool incomplete = false; // some day in the range left out a price or rate
};

Performance measure(const QString &name, const valuation::ValueSeries &series, Range::Preset preset, QDate to,
                    double riskFree)
{
    Performance result;
    result.name = name;
    result.currency = series.baseCurrency;
    if (series.size() == 0 || series.first > to)
        return result;
    result.empty = false;
    result.range = Range::preset(preset, to, series.first);
    result.returns = valuation::computeReturns(series, result.range);
    result.risk = valuation::computeRisk(series, result.range, riskFree);
    const int begin = std::max(series.indexOf(result.range.from), 0);
    const int end = series.indexOf(result.range.to) < 0 ? series.size() - 1 : series.indexOf(result.range.to);
    for (int i = begin; i <= end && i < int(series.incomplete.size()); ++i)
        result.incomplete = result.incomplete || series.incomplete[size_t(i)];
    return result;
}

QString percent(double value)
{
    return QString::number(value * 100, 'f', 2) + u'%';
}

QString date(QDate day)
{
    return day.isValid() ? day.toString(Qt::ISODate) : QStringLiteral("-");
}

QJsonValue dateJson(QDate day)
{
    return day.isValid() ? QJsonValue(day.toString(Qt::ISODate)) : QJsonValue();
}

QJsonObject performanceJson(const Performance &p)
{
    QJsonObject object{{QStringLiteral("name"), p.name}, {QStringLiteral("currency"), p.currency}};
    if (p.empty) {
        object.insert(QStringLiteral("empty"), true);
        return object;
    }
    const auto &r = p.returns;
    object.insert(QStringLiteral("from"), dateJson(p.range.from));
    object.insert(QStringLiteral("to"), dateJson(p.range.to));
    object.insert(QStringLiteral("startValue"), decimalJson(r.startValue));
    object.insert(QStringLiteral("endValue"), decimalJson(r.endValue));
    object.insert(QStringLiteral("netFlows"), decimalJson(r.netFlows));
    object.insert(QStringLiteral("absoluteGain"), decimalJson(r.absoluteGain));
    object.insert(QStringLiteral("simpleReturn"), r.simpleReturn);
    object.insert(QStringLiteral("timeWeighted"), r.timeWeighted);
    object.insert(QStringLiteral("timeWeightedAnnualised"), r.annualised);
    // null: XIRR has no solution for these flows.
    object.insert(QStringLiteral("moneyWeighted"), r.moneyWeighted ? QJsonValue(*r.moneyWeighted) : QJsonValue());
    object.insert(QStringLiteral("maxDrawdown"), p.risk.maxDrawdown);
    object.insert(QStringLiteral("drawdownPeak"), dateJson(p.risk.peak));
    object.insert(QStringLiteral("drawdownTrough"), dateJson(p.risk.trough));
    object.insert(QStringLiteral("volatility"), p.risk.volatility);
    object.insert(QStringLiteral("sharpe"), p.risk.sharpe);
    object.insert(QStringLiteral("incomplete"), p.incomplete);
    return object;
}

QStringList performanceRow(const Performance &p)
{
    if (p.empty)
        return {p.name, p.currency, QStringLiteral("no entries")};
    const auto &r = p.returns;
    const int units = currency::minorUnits(p.currency);
    return {p.name,
            p.currency,
            date(p.range.from) + QStringLiteral("..") + date(p.range.to),
            r.absoluteGain.isValid() ? r.absoluteGain.toString(units) : QStringLiteral("?"),
            percent(r.timeWeighted) + (r.annualised ? QStringLiteral(" p.a.") : QString()),
            r.moneyWeighted ? percent(*r.moneyWeighted) : QStringLiteral("no solution"),
            percent(p.risk.maxDrawdown),
            p.risk.maxDrawdown > 0 ? date(p.risk.peak) + QStringLiteral("..") + date(p.risk.trough)
                                   : QStringLiteral("-"),
            percent(p.risk.volatility),
            QString::number(p.risk.sharpe, 'f', 2) + (p.incomplete ? QStringLiteral(" *") : QString())};
}

} // namespace

int runPerformanceCommand(Context &context, const QStringList &arguments)
{
    CommandLine commandLine(QStringLiteral("performance"),
                            QStringLiteral("Shows each portfolio's and the overall performance over a range: "
                                           "gain, time-weighted return (annualised past a year), money-weighted "
                                           "return (XIRR, p.a.), maximum drawdown with its dates, annualised "
                                           "volatility of daily returns and the Sharpe ratio."));
    commandLine.addValueOption(QStringLiteral("portfolio"), QStringLiteral("Only this portfolio (name or UUID)."),
                               QStringLiteral("ref"));
    commandLine.addValueOption(QStringLiteral("range"), QStringLiteral("1M, 3M, YTD, 1Y, 5Y or ALL (default)."),
                               QStringLiteral("range"));
    commandLine.addValueOption(QStringLiteral("risk-free"),
                               QStringLiteral("Annual risk-free rate for the Sharpe ratio, e.g. 0.02 (default 0)."),
                               QStringLiteral("rate"));
    commandLine.addValueOption(QStringLiteral("to"), QStringLiteral("Last day of the range (default today)."),
                               QStringLiteral("yyyy-MM-dd"));
    commandLine.addJsonFlag();
    if (auto done = commandLine.parse(context, arguments))
        return *done;

    Range::Preset preset = Range::Preset::All;
    if (commandLine.isSet(QStringLiteral("range"))) {
        const auto parsed = parsePreset(commandLine.value(QStringLiteral("range")));
        if (!parsed)
            return context.badInput(QStringLiteral("--range: '%1' is not one of 1M, 3M, YTD, 1Y, 5Y, ALL")
                                        .arg(commandLine.value(QStringLiteral("range"))));
        preset = *parsed;
    }
    double riskFree = 0;
    if (commandLine.isSet(QStringLiteral("risk-free"))) {
        const auto parsed = parseDecimal(QStringLiteral("--risk-free"), commandLine.value(QStringLiteral("risk-free")));
        if (!parsed)
            return context.badInput(parsed.error());
        riskFree = parsed->toDouble();
    }
    QDate to = QDate::currentDate();
    if (commandLine.isSet(QStringLiteral("to"))) {
        const auto parsed = parseDate(QStringLiteral("--to"), commandLine.value(QStringLiteral("to")));
        if (!parsed)
            return context.badInput(parsed.error());
        to = *parsed;
    }

    auto database = context.database();
    if (!database)
        return context.failure(database.error());
    RowId portfolioId = 0;
    if (commandLine.isSet(QStringLiteral("portfolio"))) {
        auto found = store::PortfolioRepository(**database).findByReference(commandLine.value(QStringLiteral("portfolio")));
        if (!found)
            return context.badInput(u"--portfolio: " + found.error());
        portfolioId = found->id;
    }
    valuation::ValuationOptions options;
    options.lastDay = to;
    auto inputs = valuation::loadValuationInputs(**database, to, options.totalCurrency);
    if (!inputs)
        return context.failure(inputs.error());
    auto valuation = valuation::computeValuation(*inputs, options);
    if (!valuation)
        return context.failure(valuation.error());

    std::vector<Performance> rows;
    for (size_t i = 0; i < valuation->portfolios.size(); ++i) {
        const valuation::PortfolioSeries &entry = valuation->portfolios[i];
        if (portfolioId != 0 && entry.portfolioId != portfolioId)
            continue;
        const QString name = i < inputs->portfolios.size() ? inputs->portfolios[i].name : QString();
        rows.push_back(measure(name, entry.series, preset, to, riskFree));
    }
    std::optional<Performance> total;
    if (portfolioId == 0)
        total = measure(QStringLiteral("All portfolios"), valuation->total, preset, to, riskFree);

    if (commandLine.json()) {
        QJsonArray portfolios;
        for (const Performance &row : rows)
            portfolios.append(performanceJson(row));
        QJsonObject root{{QStringLiteral("portfolios"), portfolios}};
        if (total)
            root.insert(QStringLiteral("total"), performanceJson(*total));
        writeJson(context.out(), QJsonDocument(root));
        return ExitSuccess;
    }
    if (rows.empty()) {
        context.out() << "No portfolios.\n";
        return ExitSuccess;
    }
    TextTable table;
    table.addColumn(QStringLiteral("Portfolio"));
    table.addColumn(QStringLiteral("Currency"));
    table.addColumn(QStringLiteral("Range"));
    for (const char16_t *header : {u"Gain", u"TWR", u"XIRR", u"Max drawdown"})
        table.addColumn(QString::fromUtf16(header), TextTable::Align::Right);
    table.addColumn(QStringLiteral("Peak..trough"));
    table.addColumn(QStringLiteral("Volatility"), TextTable::Align::Right);
    table.addColumn(QStringLiteral("Sharpe"), TextTable::Align::Right);
    bool incomplete = false;
    for (const Performance &row : rows) {
        table.addRow(performanceRow(row));
        incomplete = incomplete || row.incomplete;
    }
    if (total) {
        table.addRow(performanceRow(*total));
        incomplete = incomplete || total->incomplete;
    }
    table.write(context.out());
    if (incomplete)
        context.out() << "* some days in the range lack a price or an exchange rate; see 'portfolio-cli value'.\n";
    return ExitSuccess;
}

} // namespace pt::cli
