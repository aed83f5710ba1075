#include "performancecommand.h"

#include "commandline.h"
#include "context.h"
#include "jsonformat.h"
#include "money/currency.h"
#include "store/portfoliorepository.h"
#include "texttable.h"
#include "valuation/holdingreturns.h"
#include "valuation/returns.h"
#include "valuation/valuator.h"
#include "valueparsers.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <optional>

namespace pt::cli {

namespace {

using valuation::Range;

// The range asked for: a preset ending at `to`, or a custom first day.
struct RangeSpec
{
    Range::Preset preset = Range::Preset::All;
    QDate from; // set: a custom range [from, to]
    QDate to;

    // Clamped to a series' first day, as the returns read it.
    Range over(const valuation::ValueSeries &series) const
    {
        if (from.isValid())
            return Range { std::max(from, series.first), to };
        return Range::preset(preset, to, series.first);
    }
};

// One holding's figures over its portfolio's range.
struct HoldingPerformance
{
    QString symbol;
    Decimal quantity; // at the range's end
    valuation::Returns returns;
    valuation::GainBreakdown base; // in the portfolio's base currency
    valuation::GainBreakdown local; // in the asset's currency
    bool incomplete = false;
};

// One row of the report: a portfolio's (or the total's) figures over the range.
struct Performance
{
    QString name;
    QString currency;
    RowId portfolioId = 0; // 0: all portfolios
    Range range;
    bool empty = true; // no entries before the range's end
    valuation::Returns returns;
    valuation::Risk risk;
    bool incomplete = false; // some day in the range left out a price or rate
    valuation::GainBreakdown breakdown;
    std::vector<HoldingPerformance> holdings; // with --holdings
};

bool incompleteIn(const valuation::ValueSeries &series, const Range &range)
{
    const int begin = std::max(series.indexOf(range.from), 0);
    const int end = series.indexOf(range.to) < 0 ? series.size() - 1 : series.indexOf(range.to);
    for (int i = begin; i <= end && i < int(series.incomplete.size()); ++i) {
        if (series.incomplete[size_t(i)])
            return true;
    }
    return false;
}

Performance measure(const QString &name, RowId portfolioId, const valuation::ValueSeries &series, const RangeSpec &spec,
                    double riskFree)
{
    Performance result;
    result.name = name;
    result.portfolioId = portfolioId;
    result.currency = series.baseCurrency;
    if (series.size() == 0 || series.first > spec.to)
        return result;
    result.empty = false;
    result.range = spec.over(series);
    result.returns = valuation::computeReturns(series, result.range);
    result.risk = valuation::computeRisk(series, result.range, riskFree);
    result.incomplete = incompleteIn(series, result.range);
    return result;
}

// Nothing held at either end and nothing booked inside the range.
bool isIdle(const valuation::HoldingBreakdown &holding)
{
    const valuation::GainBreakdown &b = holding.local;
    return holding.quantityStart.isZero() && holding.quantityEnd.isZero() && b.realized.isZero() && b.income.isZero()
        && b.fees.isZero() && b.taxes.isZero() && b.unrealizedTransferred.isZero();
}

// The realized/unrealized/income split of the row and, when asked, its holdings.
Result<void> breakDown(Performance &row, const valuation::ValuationInputs &inputs,
                       const valuation::ValuationOptions &options, bool withHoldings)
{
    if (row.empty)
        return {};
    auto report = valuation::computeGainBreakdown(inputs, options, row.portfolioId, row.range);
    if (!report)
        return Error { report.error() };
    row.breakdown = report->total;
    if (!withHoldings)
        return {};
    for (const valuation::HoldingBreakdown &holding : report->holdings) {
        if (isIdle(holding))
            continue;
        auto series = valuation::computeHoldingSeries(inputs, options,
                                                      valuation::HoldingScope { holding.assetId, row.portfolioId });
        if (!series)
            return Error { series.error() };
        HoldingPerformance one;
        one.symbol = holding.symbol;
        one.quantity = holding.quantityEnd;
        one.returns = valuation::computeReturns(*series, row.range);
        one.base = holding.base;
        one.local = holding.local;
        one.incomplete = holding.base.incomplete || incompleteIn(*series, row.range);
        row.holdings.push_back(std::move(one));
    }
    return {};
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

QJsonObject breakdownJson(const valuation::GainBreakdown &b)
{
    return QJsonObject {
        { QStringLiteral("currency"), b.currency },
        { QStringLiteral("realized"), decimalJson(b.realized) },
        { QStringLiteral("unrealizedStart"), decimalJson(b.unrealizedStart) },
        { QStringLiteral("unrealizedEnd"), decimalJson(b.unrealizedEnd) },
        { QStringLiteral("unrealizedTransferred"), decimalJson(b.unrealizedTransferred) },
        { QStringLiteral("unrealizedChange"), decimalJson(b.unrealizedChange()) },
        { QStringLiteral("income"), decimalJson(b.income) },
        { QStringLiteral("fees"), decimalJson(b.fees) },
        { QStringLiteral("tradeFees"), decimalJson(b.tradeFees) },
        { QStringLiteral("taxes"), decimalJson(b.taxes) },
        { QStringLiteral("reconciled"), decimalJson(b.reconciled()) },
        { QStringLiteral("incomplete"), b.incomplete },
        { QStringLiteral("missing"), QJsonArray::fromStringList(b.missing) },
    };
}

void insertReturns(QJsonObject &object, const valuation::Returns &r)
{
    object.insert(QStringLiteral("startValue"), decimalJson(r.startValue));
    object.insert(QStringLiteral("endValue"), decimalJson(r.endValue));
    object.insert(QStringLiteral("netFlows"), decimalJson(r.netFlows));
    object.insert(QStringLiteral("absoluteGain"), decimalJson(r.absoluteGain));
    object.insert(QStringLiteral("simpleReturn"), r.simpleReturn);
    object.insert(QStringLiteral("timeWeighted"), r.timeWeighted);
    object.insert(QStringLiteral("timeWeightedAnnualised"), r.annualised);
    // null: XIRR has no solution for these flows.
    object.insert(QStringLiteral("moneyWeighted"), r.moneyWeighted ? QJsonValue(*r.moneyWeighted) : QJsonValue());
}

QJsonObject holdingJson(const HoldingPerformance &h)
{
    QJsonObject object { { QStringLiteral("symbol"), h.symbol },
                         { QStringLiteral("quantity"), decimalJson(h.quantity) } };
    insertReturns(object, h.returns);
    object.insert(QStringLiteral("breakdown"), breakdownJson(h.base));
    object.insert(QStringLiteral("localBreakdown"), breakdownJson(h.local));
    object.insert(QStringLiteral("incomplete"), h.incomplete);
    return object;
}

QJsonObject performanceJson(const Performance &p, bool withHoldings)
{
    QJsonObject object { { QStringLiteral("name"), p.name }, { QStringLiteral("currency"), p.currency } };
    if (p.empty) {
        object.insert(QStringLiteral("empty"), true);
        return object;
    }
    object.insert(QStringLiteral("from"), dateJson(p.range.from));
    object.insert(QStringLiteral("to"), dateJson(p.range.to));
    insertReturns(object, p.returns);
    object.insert(QStringLiteral("maxDrawdown"), p.risk.maxDrawdown);
    object.insert(QStringLiteral("drawdownPeak"), dateJson(p.risk.peak));
    object.insert(QStringLiteral("drawdownTrough"), dateJson(p.risk.trough));
    object.insert(QStringLiteral("volatility"), p.risk.volatility);
    object.insert(QStringLiteral("sharpe"), p.risk.sharpe);
    object.insert(QStringLiteral("incomplete"), p.incomplete);
    object.insert(QStringLiteral("breakdown"), breakdownJson(p.breakdown));
    if (withHoldings) {
        QJsonArray holdings;
        for (const HoldingPerformance &h : p.holdings)
            holdings.append(holdingJson(h));
        object.insert(QStringLiteral("holdings"), holdings);
    }
    return object;
}

QString money(Decimal value, const QString &code)
{
    return value.isValid() ? value.toString(currency::minorUnits(code)) : QStringLiteral("?");
}

QStringList breakdownRow(const Performance &p)
{
    if (p.empty)
        return { p.name, p.currency, QStringLiteral("no entries") };
    const valuation::GainBreakdown &b = p.breakdown;
    return { p.name,
             p.currency,
             money(b.realized, p.currency),
             money(b.unrealizedEnd, p.currency),
             money(b.unrealizedChange(), p.currency),
             money(b.income, p.currency),
             money(b.fees, p.currency),
             money(b.taxes, p.currency) + (b.incomplete ? QStringLiteral(" *") : QString()) };
}

void writeHoldings(QTextStream &out, const Performance &p)
{
    out << "\nHoldings of " << p.name << " in " << p.currency << ", " << date(p.range.from) << ".." << date(p.range.to)
        << '\n';
    if (p.holdings.empty()) {
        out << "No holdings in the range.\n";
        return;
    }
    TextTable table;
    table.addColumn(QStringLiteral("Asset"));
    for (const char16_t *header :
         { u"Value", u"Gain", u"Simple", u"TWR", u"XIRR", u"Realized", u"Unrealized", u"Unrealized \u0394", u"Income" })
        table.addColumn(QString::fromUtf16(header), TextTable::Align::Right);
    for (const HoldingPerformance &h : p.holdings) {
        const auto &r = h.returns;
        table.addRow({ h.symbol, money(r.endValue, p.currency), money(r.absoluteGain, p.currency),
                       percent(r.simpleReturn),
                       percent(r.timeWeighted) + (r.annualised ? QStringLiteral(" p.a.") : QString()),
                       r.moneyWeighted ? percent(*r.moneyWeighted) : QStringLiteral("no solution"),
                       money(h.base.realized, p.currency), money(h.base.unrealizedEnd, p.currency),
                       money(h.base.unrealizedChange(), p.currency),
                       money(h.base.income, p.currency) + (h.incomplete ? QStringLiteral(" *") : QString()) });
    }
    table.write(out);
}

QStringList performanceRow(const Performance &p)
{
    if (p.empty)
        return { p.name, p.currency, QStringLiteral("no entries") };
    const auto &r = p.returns;
    const int units = currency::minorUnits(p.currency);
    return { p.name,
             p.currency,
             date(p.range.from) + QStringLiteral("..") + date(p.range.to),
             r.absoluteGain.isValid() ? r.absoluteGain.toString(units) : QStringLiteral("?"),
             percent(r.timeWeighted) + (r.annualised ? QStringLiteral(" p.a.") : QString()),
             r.moneyWeighted ? percent(*r.moneyWeighted) : QStringLiteral("no solution"),
             percent(p.risk.maxDrawdown),
             p.risk.maxDrawdown > 0 ? date(p.risk.peak) + QStringLiteral("..") + date(p.risk.trough)
                                    : QStringLiteral("-"),
             percent(p.risk.volatility),
             QString::number(p.risk.sharpe, 'f', 2) + (p.incomplete ? QStringLiteral(" *") : QString()) };
}

} // namespace

std::optional<Range::Preset> parseRangePreset(const QString &text)
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

int runPerformanceCommand(Context &context, const QStringList &arguments)
{
    CommandLine commandLine(QStringLiteral("performance"),
                            QStringLiteral("Shows each portfolio's and the overall performance over a range: "
                                           "gain, time-weighted return (annualised past a year), money-weighted "
                                           "return (XIRR, p.a.), maximum drawdown with its dates, annualised "
                                           "volatility of daily returns and the Sharpe ratio; then where the gain "
                                           "came from: realized gain of the sales in the range, unrealized gain at "
                                           "its end and its change, income (dividends and interest, gross), fees "
                                           "(those on trades included) and taxes. --holdings adds the same per "
                                           "holding, each holding's flows being its buys, sells, income paid out "
                                           "and transfers."));
    commandLine.addValueOption(QStringLiteral("portfolio"), QStringLiteral("Only this portfolio (name or UUID)."),
                               QStringLiteral("ref"));
    commandLine.addValueOption(QStringLiteral("range"), QStringLiteral("1M, 3M, YTD, 1Y, 5Y or ALL (default)."),
                               QStringLiteral("range"));
    commandLine.addValueOption(QStringLiteral("from"),
                               QStringLiteral("First day of a custom range (its close is the start), instead of "
                                              "--range."),
                               QStringLiteral("yyyy-MM-dd"));
    commandLine.addValueOption(QStringLiteral("risk-free"),
                               QStringLiteral("Annual risk-free rate for the Sharpe ratio, e.g. 0.02 (default 0)."),
                               QStringLiteral("rate"));
    commandLine.addValueOption(QStringLiteral("to"), QStringLiteral("Last day of the range (default today)."),
                               QStringLiteral("yyyy-MM-dd"));
    commandLine.addFlag(QStringLiteral("holdings"),
                        QStringLiteral("Also show each holding: value, gain, simple return, TWR, XIRR, realized, "
                                       "unrealized and income."));
    commandLine.addJsonFlag();
    if (auto done = commandLine.parse(context, arguments))
        return *done;

    RangeSpec spec;
    if (commandLine.isSet(QStringLiteral("range"))) {
        if (commandLine.isSet(QStringLiteral("from")))
            return context.badInput(QStringLiteral("--from: give either --range or --from, not both"));
        const auto parsed = parseRangePreset(commandLine.value(QStringLiteral("range")));
        if (!parsed)
            return context.badInput(QStringLiteral("--range: '%1' is not one of 1M, 3M, YTD, 1Y, 5Y, ALL")
                                        .arg(commandLine.value(QStringLiteral("range"))));
        spec.preset = *parsed;
    }
    double riskFree = 0;
    if (commandLine.isSet(QStringLiteral("risk-free"))) {
        const auto parsed = parseDecimal(QStringLiteral("--risk-free"), commandLine.value(QStringLiteral("risk-free")));
        if (!parsed)
            return context.badInput(parsed.error());
        riskFree = parsed->toDouble();
    }
    spec.to = QDate::currentDate();
    if (commandLine.isSet(QStringLiteral("to"))) {
        const auto parsed = parseDate(QStringLiteral("--to"), commandLine.value(QStringLiteral("to")));
        if (!parsed)
            return context.badInput(parsed.error());
        spec.to = *parsed;
    }
    if (commandLine.isSet(QStringLiteral("from"))) {
        const auto parsed = parseDate(QStringLiteral("--from"), commandLine.value(QStringLiteral("from")));
        if (!parsed)
            return context.badInput(parsed.error());
        if (*parsed > spec.to)
            return context.badInput(QStringLiteral("--from %1 is after --to %2")
                                        .arg(parsed->toString(Qt::ISODate), spec.to.toString(Qt::ISODate)));
        spec.from = *parsed;
    }
    const bool withHoldings = commandLine.isSet(QStringLiteral("holdings"));

    auto database = context.database();
    if (!database)
        return context.failure(database.error());
    RowId portfolioId = 0;
    if (commandLine.isSet(QStringLiteral("portfolio"))) {
        auto found
            = store::PortfolioRepository(**database).findByReference(commandLine.value(QStringLiteral("portfolio")));
        if (!found)
            return context.badInput(u"--portfolio: " + found.error());
        portfolioId = found->id;
    }
    valuation::ValuationOptions options;
    options.lastDay = spec.to;
    auto inputs = valuation::loadValuationInputs(**database, spec.to, options.totalCurrency);
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
        rows.push_back(measure(name, entry.portfolioId, entry.series, spec, riskFree));
    }
    std::optional<Performance> total;
    if (portfolioId == 0)
        total = measure(QStringLiteral("All portfolios"), 0, valuation->total, spec, riskFree);
    for (Performance &row : rows) {
        if (auto done = breakDown(row, *inputs, options, withHoldings); !done)
            return context.failure(done.error());
    }
    if (total) {
        if (auto done = breakDown(*total, *inputs, options, withHoldings); !done)
            return context.failure(done.error());
    }

    if (commandLine.json()) {
        QJsonArray portfolios;
        for (const Performance &row : rows)
            portfolios.append(performanceJson(row, withHoldings));
        QJsonObject root { { QStringLiteral("portfolios"), portfolios } };
        if (total)
            root.insert(QStringLiteral("total"), performanceJson(*total, withHoldings));
        writeJson(context.out(), QJsonDocument(root));
        return ExitSuccess;
    }
    if (rows.empty()) {
        context.out() << "No portfolios.\n";
        return ExitSuccess;
    }
    std::vector<const Performance *> all;
    for (const Performance &row : rows)
        all.push_back(&row);
    if (total)
        all.push_back(&*total);

    TextTable table;
    table.addColumn(QStringLiteral("Portfolio"));
    table.addColumn(QStringLiteral("Currency"));
    table.addColumn(QStringLiteral("Range"));
    for (const char16_t *header : { u"Gain", u"TWR", u"XIRR", u"Max drawdown" })
        table.addColumn(QString::fromUtf16(header), TextTable::Align::Right);
    table.addColumn(QStringLiteral("Peak..trough"));
    table.addColumn(QStringLiteral("Volatility"), TextTable::Align::Right);
    table.addColumn(QStringLiteral("Sharpe"), TextTable::Align::Right);
    bool incomplete = false;
    for (const Performance *row : all) {
        table.addRow(performanceRow(*row));
        incomplete = incomplete || row->incomplete || row->breakdown.incomplete;
    }
    table.write(context.out());

    context.out() << "\nWhere the gain came from (realized + unrealized change + income - fees not on trades - "
                     "taxes):\n";
    TextTable breakdown;
    breakdown.addColumn(QStringLiteral("Portfolio"));
    breakdown.addColumn(QStringLiteral("Currency"));
    for (const char16_t *header : { u"Realized", u"Unrealized", u"Unrealized \u0394", u"Income", u"Fees", u"Taxes" })
        breakdown.addColumn(QString::fromUtf16(header), TextTable::Align::Right);
    for (const Performance *row : all)
        breakdown.addRow(breakdownRow(*row));
    breakdown.write(context.out());

    if (withHoldings) {
        for (const Performance *row : all) {
            if (!row->empty)
                writeHoldings(context.out(), *row);
        }
    }
    if (incomplete)
        context.out() << "* some days in the range lack a price or an exchange rate; see 'portfolio-cli value'.\n";
    return ExitSuccess;
}

} // namespace pt::cli
