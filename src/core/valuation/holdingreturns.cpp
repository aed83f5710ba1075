#include "valuation/holdingreturns.h"

#include "domain/transactionrules.h"
#include "ledger/ledger.h"
#include "money/currency.h"
#include "valuation/marketlookup.h"

#include <algorithm>
#include <map>
#include <set>

namespace pt::valuation {

namespace {

// The portfolios a scope covers and the currency it reports in.
struct Scope
{
    std::set<RowId> portfolios;
    QString base;

    bool contains(RowId id) const { return portfolios.count(id) > 0; }
};

Result<Scope> scopeOf(const ValuationInputs &inputs, const ValuationOptions &options, RowId portfolioId)
{
    Scope scope;
    for (const Portfolio &portfolio : inputs.portfolios) {
        if (portfolioId == 0 || portfolio.id == portfolioId) {
            scope.portfolios.insert(portfolio.id);
            scope.base = portfolioId == 0 ? options.totalCurrency : portfolio.baseCurrency;
        }
    }
    if (portfolioId == 0)
        scope.base = options.totalCurrency;
    else if (scope.portfolios.empty())
        return Error { QStringLiteral("Portfolio id %1 is not among the portfolios valued").arg(portfolioId) };
    return scope;
}

const Asset *findAsset(const ValuationInputs &inputs, RowId id)
{
    const auto found
        = std::find_if(inputs.assets.begin(), inputs.assets.end(), [id](const Asset &asset) { return asset.id == id; });
    return found == inputs.assets.end() ? nullptr : &*found;
}

void reportMissing(QStringList &missing, const QString &message)
{
    if (!missing.contains(message))
        missing << message;
}

void markMissing(GainBreakdown &breakdown, const QString &message)
{
    breakdown.incomplete = true;
    reportMissing(breakdown.missing, message);
}

bool isLive(const Transaction &t)
{
    return !t.stamp.deleted && t.date.isValid();
}

} // namespace

Decimal GainBreakdown::reconciled() const
{
    return realized + unrealizedChange() + income - (fees - tradeFees) - taxes;
}

Result<ValueSeries> computeHoldingSeries(const ValuationInputs &inputs, const ValuationOptions &options,
                                         const HoldingScope &holding)
{
    const QDate lastDay = options.lastDay;
    if (!lastDay.isValid())
        return Error { QStringLiteral("The valuation needs a last day") };
    const Asset *asset = findAsset(inputs, holding.assetId);
    if (!asset)
        return Error { QStringLiteral("Asset id %1 is not in the catalog").arg(holding.assetId) };
    auto scope = scopeOf(inputs, options, holding.portfolioId);
    if (!scope)
        return Error { scope.error() };

    std::vector<const Transaction *> entries;
    for (const Transaction &t : inputs.transactions) {
        if (!isLive(t) || t.date > lastDay || t.assetId != asset->id)
            continue;
        const bool theirs = t.type == TransactionType::Transfer && scope->contains(t.counterpartyPortfolioId);
        if (scope->contains(t.portfolioId) || theirs)
            entries.push_back(&t);
    }
    std::stable_sort(entries.begin(), entries.end(),
                     [](const Transaction *a, const Transaction *b) { return replaysBefore(*a, *b); });

    ValueSeries series;
    series.baseCurrency = scope->base;
    if (entries.empty())
        return series;

    const MarketLookup lookup(inputs.closes, inputs.fxRates, lastDay);
    const QString &currency = asset->currency;
    const int minorUnits = currency::minorUnits(currency);
    std::map<RowId, Decimal> units; // by portfolio: a split scales one portfolio's units only
    Decimal invested;
    std::size_t next = 0;
    series.first = entries.front()->date.addDays(-1);
    const qint64 days = series.first.daysTo(lastDay) + 1;
    series.marketValue.reserve(std::size_t(days));
    series.externalFlow.reserve(std::size_t(days));
    series.invested.reserve(std::size_t(days));

    for (QDate day = series.first; day <= lastDay; day = day.addDays(1)) {
        Decimal flow; // asset currency
        Decimal unitsMoved; // units transferred in (+) or out (−) of the scope, valued at the close below
        for (; next < entries.size() && entries[next]->date == day; ++next) {
            const Transaction &t = *entries[next];
            const bool mine = scope->contains(t.portfolioId);
            Decimal &held = units[t.portfolioId];
            switch (t.type) {
            case TransactionType::Buy:
                held += t.quantity;
                flow += (t.quantity * t.price).rounded(minorUnits) + t.fee;
                break;
            case TransactionType::Sell:
                held -= t.quantity;
                flow -= (t.quantity * t.price).rounded(minorUnits) - t.fee;
                break;
            case TransactionType::Dividend:
                flow -= t.amount - t.fee;
                break;
            case TransactionType::Interest:
                flow -= t.amount;
                break;
            case TransactionType::Fee:
            case TransactionType::Tax:
                flow += t.amount;
                break;
            case TransactionType::Split:
                if (!held.isZero() && !t.splitDenominator.isZero())
                    held = held * t.splitNumerator / t.splitDenominator;
                break;
            case TransactionType::Transfer: {
                const bool theirs = scope->contains(t.counterpartyPortfolioId);
                if (mine)
                    held -= t.quantity;
                if (theirs)
                    units[t.counterpartyPortfolioId] += t.quantity;
                if (mine != theirs)
                    unitsMoved += theirs ? t.quantity : -t.quantity;
                break;
            }
            case TransactionType::Deposit:
            case TransactionType::Withdrawal:
                break; // never on an asset
            }
            if (!mine)
                units.erase(t.portfolioId); // the sending side of a transfer into the scope
        }

        Decimal quantity;
        for (const auto &[portfolio, held] : units)
            quantity += held;
        bool incomplete = false;
        bool stale = false;
        const store::DatedClose *close = lookup.closeOn(asset->id, day);
        Decimal value;
        if (!quantity.isZero() || !unitsMoved.isZero()) {
            if (close) {
                value = quantity * close->close;
                flow += unitsMoved * close->close;
                stale = close->date.daysTo(day) > options.staleAfterDays;
            } else {
                incomplete = true;
                reportMissing(series.missing, lookup.priceMissing(asset->id, asset->symbol, lastDay));
            }
        }
        QDate rateDay;
        Decimal valueBase;
        Decimal flowBase;
        if (!quantity.isZero()) {
            if (auto converted = lookup.convert(value, currency, scope->base, day, &rateDay)) {
                valueBase = *converted;
            } else {
                incomplete = true;
                reportMissing(series.missing, converted.error());
            }
        }
        if (!flow.isZero()) {
            if (auto converted = lookup.convert(flow, currency, scope->base, day, &rateDay)) {
                flowBase = *converted;
            } else {
                incomplete = true;
                reportMissing(series.missing, converted.error());
            }
        }
        if (rateDay.isValid() && rateDay.daysTo(day) > options.staleAfterDays)
            stale = true;
        invested += flowBase;
        series.marketValue.push_back(valueBase);
        series.externalFlow.push_back(flowBase);
        series.invested.push_back(invested);
        series.stale.push_back(stale);
        series.incomplete.push_back(incomplete);
    }
    return series;
}

namespace {

// Units and cost basis of one asset summed over the books of a scope.
struct Held
{
    Decimal quantity;
    Decimal cost;
};

std::map<RowId, Held> positionsOf(const std::vector<ledger::PortfolioBook> &books, const Scope &scope)
{
    std::map<RowId, Held> held;
    for (const ledger::PortfolioBook &book : books) {
        if (!scope.contains(book.portfolioId))
            continue;
        for (const auto &[assetId, position] : book.positions) {
            Held &sum = held[assetId];
            sum.quantity += position.quantity;
            sum.cost += position.costBasis;
        }
    }
    return held;
}

// The cost basis a transfer of units moves: the sender's cost basis just before
// it minus just after it, from a replay of that asset's entries alone (lots of
// one asset depend on nothing else).
Result<Decimal> transferredCost(const ValuationInputs &inputs, const Transaction &transfer)
{
    std::vector<const Transaction *> entries;
    for (const Transaction &t : inputs.transactions) {
        if (isLive(t) && t.assetId == transfer.assetId && !(t.date > transfer.date))
            entries.push_back(&t);
    }
    std::stable_sort(entries.begin(), entries.end(),
                     [](const Transaction *a, const Transaction *b) { return replaysBefore(*a, *b); });
    std::vector<Transaction> prefix;
    for (const Transaction *t : entries) {
        if (t == &transfer)
            break;
        prefix.push_back(*t);
    }
    const auto costOfSender = [&](std::span<const Transaction> replayed) -> Result<Decimal> {
        auto books = ledger::Ledger::replay(inputs.portfolios, inputs.assets, replayed);
        if (!books)
            return Error { books.error() };
        for (const ledger::PortfolioBook &book : *books) {
            if (book.portfolioId != transfer.portfolioId)
                continue;
            const auto position = book.positions.find(transfer.assetId);
            return position == book.positions.end() ? Decimal() : position->second.costBasis;
        }
        return Decimal();
    };
    const auto before = costOfSender(prefix);
    if (!before)
        return before;
    prefix.push_back(transfer);
    const auto after = costOfSender(prefix);
    if (!after)
        return after;
    return *before - *after;
}

// Builds a report: every amount lands in its holding's local and base figures
// and in the total, each converted at the rate of its own day.
class BreakdownBuilder
{
public:
    BreakdownBuilder(const ValuationInputs &inputs, const Scope &scope, BreakdownReport &report)
        : m_inputs(inputs)
        , m_scope(scope)
        , m_lookup(inputs.closes, inputs.fxRates)
        , m_report(report)
    {
        m_report.baseCurrency = scope.base;
        m_report.total.currency = scope.base;
    }

    HoldingBreakdown &holding(RowId assetId)
    {
        auto [it, added] = m_holdings.try_emplace(assetId);
        if (added) {
            const Asset *asset = findAsset(m_inputs, assetId);
            it->second.assetId = assetId;
            it->second.symbol = asset ? asset->symbol : QStringLiteral("#%1").arg(assetId);
            it->second.local.currency = asset ? asset->currency : QString();
            it->second.base.currency = m_scope.base;
        }
        return it->second;
    }

    // Adds `amount` (in `currency`, on `day`) to `field` of the holding (assetId 0: none) and of the total.
    void add(Decimal GainBreakdown::*field, Decimal amount, RowId assetId, const QString &currency, QDate day)
    {
        if (amount.isZero())
            return;
        HoldingBreakdown *held = assetId != 0 ? &holding(assetId) : nullptr;
        if (held)
            held->local.*field += amount;
        const auto converted = m_lookup.convert(amount, currency, m_scope.base, day);
        if (!converted) {
            if (held)
                markMissing(held->base, converted.error());
            markMissing(m_report.total, converted.error());
            return;
        }
        if (held)
            held->base.*field += *converted;
        m_report.total.*field += *converted;
    }

    // Market value − cost basis of what is held at the close of `day`.
    void addUnrealized(Decimal GainBreakdown::*field, RowId assetId, const Held &held, QDate day)
    {
        HoldingBreakdown &breakdown = holding(assetId);
        if (held.quantity.isZero())
            return;
        const store::DatedClose *close = m_lookup.closeOn(assetId, day);
        if (!close) {
            const QString message = m_lookup.priceMissing(assetId, breakdown.symbol, day);
            markMissing(breakdown.local, message);
            markMissing(breakdown.base, message);
            markMissing(m_report.total, message);
            return;
        }
        add(field, held.quantity * close->close - held.cost, assetId, breakdown.local.currency, day);
    }

    // A transfer of units into (+) or out of (−) the scope brings or takes its unrealized gain.
    void addTransfer(const Transaction &t, bool in)
    {
        HoldingBreakdown &breakdown = holding(t.assetId);
        const store::DatedClose *close = m_lookup.closeOn(t.assetId, t.date);
        const auto cost = transferredCost(m_inputs, t);
        QString problem = !cost ? cost.error() : QString();
        if (!close)
            problem = m_lookup.priceMissing(t.assetId, breakdown.symbol, t.date);
        if (!problem.isEmpty()) {
            markMissing(breakdown.local, problem);
            markMissing(breakdown.base, problem);
            markMissing(m_report.total, problem);
            return;
        }
        const Decimal carried = t.quantity * close->close - *cost;
        add(&GainBreakdown::unrealizedTransferred, in ? carried : -carried, t.assetId, breakdown.local.currency,
            t.date);
    }

    void finish()
    {
        for (auto &[assetId, breakdown] : m_holdings) {
            for (const QString &message : breakdown.local.missing)
                reportMissing(m_report.total.missing, message);
            m_report.holdings.push_back(std::move(breakdown));
        }
        std::stable_sort(m_report.holdings.begin(), m_report.holdings.end(),
                         [](const HoldingBreakdown &a, const HoldingBreakdown &b) { return a.symbol < b.symbol; });
    }

private:
    const ValuationInputs &m_inputs;
    const Scope &m_scope;
    const MarketLookup m_lookup;
    BreakdownReport &m_report;
    std::map<RowId, HoldingBreakdown> m_holdings;
};

} // namespace

Result<BreakdownReport> computeGainBreakdown(const ValuationInputs &inputs, const ValuationOptions &options,
                                             RowId portfolioId, const Range &range)
{
    if (!range.from.isValid() || !range.to.isValid() || range.from > range.to)
        return Error { QStringLiteral("The range must have a first day on or before its last day (%1..%2)")
                           .arg(range.from.toString(Qt::ISODate), range.to.toString(Qt::ISODate)) };
    auto scope = scopeOf(inputs, options, portfolioId);
    if (!scope)
        return Error { scope.error() };

    std::vector<Transaction> upToStart;
    std::vector<Transaction> upToEnd;
    for (const Transaction &t : inputs.transactions) {
        if (!isLive(t) || t.date > range.to)
            continue;
        upToEnd.push_back(t);
        if (!(t.date > range.from))
            upToStart.push_back(t);
    }
    auto startBooks = ledger::Ledger::replay(inputs.portfolios, inputs.assets, upToStart);
    if (!startBooks)
        return Error { startBooks.error() };
    auto endBooks = ledger::Ledger::replay(inputs.portfolios, inputs.assets, upToEnd);
    if (!endBooks)
        return Error { endBooks.error() };

    BreakdownReport report;
    report.range = range;
    BreakdownBuilder builder(inputs, *scope, report);

    const std::map<RowId, Held> atStart = positionsOf(*startBooks, *scope);
    const std::map<RowId, Held> atEnd = positionsOf(*endBooks, *scope);
    for (const auto &[assetId, held] : atStart) {
        builder.holding(assetId).quantityStart = held.quantity;
        builder.addUnrealized(&GainBreakdown::unrealizedStart, assetId, held, range.from);
    }
    for (const auto &[assetId, held] : atEnd) {
        builder.holding(assetId).quantityEnd = held.quantity;
        builder.addUnrealized(&GainBreakdown::unrealizedEnd, assetId, held, range.to);
    }

    for (const ledger::PortfolioBook &book : *endBooks) {
        if (!scope->contains(book.portfolioId))
            continue;
        for (const ledger::Sale &sale : book.sales) {
            if (!(sale.date > range.from))
                continue;
            const auto position = book.positions.find(sale.assetId);
            const QString currency = position != book.positions.end() ? position->second.currency : QString();
            builder.add(&GainBreakdown::realized, sale.gain, sale.assetId, currency, sale.date);
        }
    }

    // Entries inside the range, read from the inputs (transferredCost() finds a transfer by its address).
    for (const Transaction &t : inputs.transactions) {
        if (!isLive(t) || !(t.date > range.from) || t.date > range.to)
            continue;
        const bool mine = scope->contains(t.portfolioId);
        const bool theirs = t.type == TransactionType::Transfer && scope->contains(t.counterpartyPortfolioId);
        if (!mine && !theirs)
            continue;
        switch (t.type) {
        case TransactionType::Buy:
        case TransactionType::Sell:
            builder.add(&GainBreakdown::fees, t.fee, t.assetId, t.currency, t.date);
            builder.add(&GainBreakdown::tradeFees, t.fee, t.assetId, t.currency, t.date);
            break;
        case TransactionType::Dividend:
            builder.add(&GainBreakdown::income, t.amount, t.assetId, t.currency, t.date);
            builder.add(&GainBreakdown::fees, t.fee, t.assetId, t.currency, t.date);
            break;
        case TransactionType::Interest:
            builder.add(&GainBreakdown::income, t.amount, t.assetId, t.currency, t.date);
            break;
        case TransactionType::Fee:
            builder.add(&GainBreakdown::fees, t.amount, t.assetId, t.currency, t.date);
            break;
        case TransactionType::Tax:
            builder.add(&GainBreakdown::taxes, t.amount, t.assetId, t.currency, t.date);
            break;
        case TransactionType::Transfer:
            if (t.assetId != 0 && mine != theirs)
                builder.addTransfer(t, theirs);
            break;
        case TransactionType::Split:
        case TransactionType::Deposit:
        case TransactionType::Withdrawal:
            break;
        }
    }
    builder.finish();
    return report;
}

} // namespace pt::valuation
