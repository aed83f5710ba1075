#include "snapshots/snapshotservice.h"

#include "alerts/alertevaluator.h"
#include "ledger/ledger.h"
#include "store/atomically.h"
#include "store/bookloader.h"
#include "store/database.h"
#include "store/fxraterepository.h"
#include "store/pricerepository.h"
#include "valuation/valuator.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

namespace pt::snapshots {

namespace {

const QString Euro = QStringLiteral("EUR");

// Exchange rates as the valuation uses them: ECB EUR -> currency, the last
// rate on or before a day carried forward, crossing through the euro.
class Rates
{
public:
    explicit Rates(const std::vector<store::FxRate> &rates)
    {
        for (const store::FxRate &rate : rates) {
            if (rate.base == Euro && rate.date.isValid() && rate.rate.isPositive())
                m_rates[rate.quote].emplace(rate.date, rate.rate);
        }
    }

    std::optional<Decimal> euroRate(const QString &currency, QDate day) const
    {
        if (currency == Euro)
            return Decimal(1);
        const auto table = m_rates.find(currency);
        if (table == m_rates.end())
            return std::nullopt;
        auto after = table->second.upper_bound(day);
        if (after == table->second.begin())
            return std::nullopt;
        return std::prev(after)->second;
    }

    std::optional<Decimal> convert(Decimal amount, const QString &from, const QString &to, QDate day) const
    {
        if (from == to)
            return amount;
        const auto fromRate = euroRate(from, day);
        const auto toRate = euroRate(to, day);
        if (!fromRate || !toRate)
            return std::nullopt;
        if (from == Euro)
            return amount * *toRate;
        if (to == Euro)
            return amount / *fromRate;
        return amount * *toRate / *fromRate;
    }

private:
    std::map<QString, std::map<QDate, Decimal>> m_rates;
};

// The last close on or before a day of each asset asked for, read once.
class Closes
{
public:
    explicit Closes(const store::Database &database)
        : m_prices(database)
    { }

    Result<std::optional<store::DatedClose>> on(RowId assetId, QDate day)
    {
        const auto key = std::make_pair(assetId, day);
        if (const auto found = m_cache.find(key); found != m_cache.end())
            return found->second;
        auto latest = m_prices.latest(assetId, day);
        if (!latest)
            return Error { latest.error() };
        m_cache.emplace(key, *latest);
        return *latest;
    }

private:
    store::PriceRepository m_prices;
    std::map<std::pair<RowId, QDate>, std::optional<store::DatedClose>> m_cache;
};

// Rates of every currency the book and the totals use, EUR -> currency, up to `lastDay`.
Result<std::vector<store::FxRate>> loadRates(const store::Database &database, const store::LoadedBook &book,
                                             const QString &totalCurrency, QDate lastDay)
{
    std::set<QString> currencies { totalCurrency };
    for (const Portfolio &portfolio : book.portfolios)
        currencies.insert(portfolio.baseCurrency);
    for (const Asset &asset : book.assets)
        currencies.insert(asset.currency);
    for (const Transaction &entry : book.transactions)
        currencies.insert(entry.currency);
    std::vector<store::FxRate> rates;
    const store::FxRateRepository repository(database);
    for (const QString &code : currencies) {
        if (code == Euro || code.isEmpty())
            continue;
        auto rows = repository.list(code, {}, lastDay);
        if (!rows)
            return Error { rows.error() };
        rates.insert(rates.end(), rows->begin(), rows->end());
    }
    return rates;
}

// What a snapshot of one day holds, and what the alerts observe on it.
struct Figures
{
    std::vector<store::SnapshotTotal> totals;
    std::vector<store::SnapshotPosition> positions;
    std::vector<alerts::PortfolioObservation> observations;
};

void takeFromSeries(store::SnapshotTotal &total, const valuation::ValueSeries &series, QDate day)
{
    const int index = series.indexOf(day);
    if (index < 0)
        return;
    total.marketValue = series.marketValue[std::size_t(index)];
    total.invested = series.invested[std::size_t(index)];
    total.stale = series.stale[std::size_t(index)];
    total.incomplete = series.incomplete[std::size_t(index)];
}

// The books as of `day` (entries up to it), valued at the day's closes and rates.
Result<Figures> figuresOn(const store::LoadedBook &whole, const valuation::Valuation &valuation, const Rates &rates,
                          Closes &closes, QDate day, const QString &totalCurrency)
{
    std::vector<Transaction> entries;
    entries.reserve(whole.transactions.size());
    for (const Transaction &entry : whole.transactions) {
        if (entry.date <= day)
            entries.push_back(entry);
    }
    auto books = ledger::Ledger::replay(whole.portfolios, whole.assets, entries);
    if (!books)
        return Error {
            QStringLiteral("Replaying the ledger up to %1: %2").arg(day.toString(Qt::ISODate), books.error())
        };

    Figures figures;
    store::SnapshotTotal all;
    all.portfolioId = 0;
    all.currency = valuation.total.baseCurrency.isEmpty() ? totalCurrency : valuation.total.baseCurrency;
    takeFromSeries(all, valuation.total, day);
    figures.totals.push_back(all); // filled in below

    for (std::size_t p = 0; p < whole.portfolios.size() && p < books->size(); ++p) {
        const Portfolio &portfolio = whole.portfolios[p];
        const ledger::PortfolioBook &book = (*books)[p];
        store::SnapshotTotal total;
        total.portfolioId = portfolio.id;
        total.currency = portfolio.baseCurrency;
        for (const valuation::PortfolioSeries &one : valuation.portfolios) {
            if (one.portfolioId == portfolio.id)
                takeFromSeries(total, one.series, day);
        }
        bool holdingsComplete = true;
        const auto add = [&](Decimal amount, const QString &currency, Decimal store::SnapshotTotal::*field) {
            const auto mine = rates.convert(amount, currency, total.currency, day);
            const auto overall = rates.convert(amount, currency, figures.totals.front().currency, day);
            if (mine)
                total.*field += *mine;
            if (overall)
                figures.totals.front().*field += *overall;
            if (!mine || !overall) {
                total.incomplete = true;
                figures.totals.front().incomplete = true;
            }
            return mine.has_value();
        };
        for (const auto &[assetId, position] : book.positions) {
            if (position.quantity.isZero())
                continue;
            store::SnapshotPosition kept;
            kept.portfolioId = portfolio.id;
            kept.assetId = assetId;
            kept.currency = position.currency;
            kept.quantity = position.quantity;
            kept.costBasis = position.costBasis;
            auto close = closes.on(assetId, day);
            if (!close)
                return Error { close.error() };
            if (*close) {
                kept.close = (*close)->close;
                kept.closeDay = (*close)->date;
                kept.value = position.quantity * (*close)->close;
                if (!add(kept.value, position.currency, &store::SnapshotTotal::holdingsValue))
                    holdingsComplete = false;
            } else {
                holdingsComplete = false;
                total.incomplete = true;
                figures.totals.front().incomplete = true;
            }
            if (!add(position.costBasis, position.currency, &store::SnapshotTotal::costBasis))
                holdingsComplete = false;
            figures.positions.push_back(std::move(kept));
        }
        for (const auto &[currency, amount] : book.cash)
            add(amount, currency, &store::SnapshotTotal::cash);

        alerts::PortfolioObservation observation;
        observation.portfolioId = portfolio.id;
        observation.name = portfolio.name;
        observation.currency = portfolio.baseCurrency;
        observation.day = day;
        observation.holdingsValue = total.holdingsValue;
        observation.costBasis = total.costBasis;
        observation.complete = holdingsComplete && total.holdingsValue.isValid() && total.costBasis.isValid();
        figures.observations.push_back(std::move(observation));
        figures.totals.push_back(std::move(total));
    }
    return figures;
}

std::vector<store::SeriesDay> seriesDays(const valuation::ValueSeries &series)
{
    std::vector<store::SeriesDay> days(std::size_t(series.size()));
    for (int i = 0; i < series.size(); ++i) {
        store::SeriesDay &day = days[std::size_t(i)];
        const auto at = std::size_t(i);
        day.day = series.day(i);
        day.currency = series.baseCurrency;
        day.marketValue = series.marketValue[at];
        day.externalFlow = series.externalFlow[at];
        day.invested = series.invested[at];
        day.stale = series.stale[at];
        day.incomplete = series.incomplete[at];
    }
    return days;
}

// The latest close on or before `day` of every asset a price rule watches.
Result<std::vector<alerts::PriceObservation>> priceObservations(const store::LoadedBook &book, Closes &closes,
                                                                const std::vector<store::AlertRule> &rules, QDate day)
{
    std::map<RowId, const Asset *> assets;
    for (const Asset &asset : book.assets)
        assets.emplace(asset.id, &asset);
    std::vector<alerts::PriceObservation> prices;
    std::set<RowId> seen;
    for (const store::AlertRule &rule : rules) {
        if (store::isPortfolioKind(rule.kind) || !rule.enabled || !seen.insert(rule.assetId).second)
            continue;
        auto close = closes.on(rule.assetId, day);
        if (!close)
            return Error { close.error() };
        if (!*close)
            continue;
        alerts::PriceObservation price;
        price.assetId = rule.assetId;
        price.day = (*close)->date;
        price.close = (*close)->close;
        const auto asset = assets.find(rule.assetId);
        price.symbol = asset != assets.end() ? asset->second->symbol : QStringLiteral("#%1").arg(rule.assetId);
        price.currency = asset != assets.end() ? asset->second->currency : QString();
        prices.push_back(std::move(price));
    }
    return prices;
}

} // namespace

Result<SnapshotOutcome> takeSnapshot(const store::Database &database, const QDateTime &now,
                                     store::SnapshotKind requested, const SnapshotOptions &options)
{
    if (!now.isValid())
        return Error { QStringLiteral("snapshot: the time it is taken at is invalid") };
    const std::int64_t takenAt = now.toMSecsSinceEpoch();
    const QDateTime local = now.toTimeZone(options.timeZone);
    SnapshotOutcome outcome;
    outcome.day = local.date();
    const QDate today = outcome.day;
    const QDate yesterday = today.addDays(-1);

    // The heavy reading and computing happen before the write transaction.
    valuation::ValuationOptions valuationOptions;
    valuationOptions.lastDay = today;
    valuationOptions.staleAfterDays = options.staleAfterDays;
    valuationOptions.totalCurrency = options.totalCurrency;
    auto valuation = valuation::valueFromStore(database, valuationOptions);
    if (!valuation)
        return Error { QStringLiteral("Snapshot: %1").arg(valuation.error()) };
    auto book = store::loadWholeBook(database);
    if (!book)
        return Error { QStringLiteral("Snapshot: %1").arg(book.error()) };
    auto rateRows = loadRates(database, *book, options.totalCurrency, today);
    if (!rateRows)
        return Error { QStringLiteral("Snapshot: %1").arg(rateRows.error()) };
    const Rates rates(*rateRows);
    Closes closes(database);
    auto figures = figuresOn(*book, *valuation, rates, closes, today, options.totalCurrency);
    if (!figures)
        return Error { figures.error() };

    const store::SnapshotRepository snapshots(database);
    const store::AlertRepository alerts(database);
    auto written = store::atomically(database, [&]() -> Result<void> {
        // The series totals, from the first day that changed.
        const auto writeSeries = [&](RowId portfolioId, const valuation::ValueSeries &series) -> Result<void> {
            const std::vector<store::SeriesDay> days = seriesDays(series);
            auto count = snapshots.writeSeries(portfolioId, days);
            if (!count)
                return Error { count.error() };
            outcome.seriesDaysWritten += *count;
            return {};
        };
        if (auto done = writeSeries(0, valuation->total); !done)
            return done;
        std::vector<RowId> valued;
        for (const valuation::PortfolioSeries &one : valuation->portfolios) {
            if (auto done = writeSeries(one.portfolioId, one.series); !done)
                return done;
            valued.push_back(one.portfolioId);
        }
        if (auto removed = snapshots.removeOtherSeries(valued); !removed)
            return Error { removed.error() };

        // A close the previous day missed (nothing ran at its close time).
        if (valuation->total.indexOf(yesterday) >= 0) {
            auto closed = snapshots.hasClose(yesterday);
            if (!closed)
                return Error { closed.error() };
            if (!*closed) {
                auto late = figuresOn(*book, *valuation, rates, closes, yesterday, options.totalCurrency);
                if (!late)
                    return Error { late.error() };
                auto id = snapshots.add({ 0, store::SnapshotKind::Close, takenAt, yesterday, std::move(late->totals),
                                          std::move(late->positions) });
                if (!id)
                    return Error { id.error() };
                outcome.missedCloseId = *id;
            }
        }

        // The snapshot of now: the day's close when due, else this hour's.
        auto closed = snapshots.hasClose(today);
        if (!closed)
            return Error { closed.error() };
        const bool closeDue = (requested == store::SnapshotKind::Close || local.time() >= options.closeTime);
        outcome.kind = closeDue && !*closed ? store::SnapshotKind::Close : store::SnapshotKind::Hourly;
        bool slotFree = true;
        if (outcome.kind == store::SnapshotKind::Hourly) {
            auto taken = snapshots.hasHourly(takenAt);
            if (!taken)
                return Error { taken.error() };
            // Today's close counts as the snapshot of its hour.
            auto todaysClose = snapshots.list(store::SnapshotKind::Close, today, today, 1);
            if (!todaysClose)
                return Error { todaysClose.error() };
            const std::int64_t slot = store::SnapshotRepository::hourSlot(takenAt);
            slotFree
                = !*taken && std::none_of(todaysClose->begin(), todaysClose->end(), [&](const store::Snapshot &close) {
                      return store::SnapshotRepository::hourSlot(close.takenAt) == slot;
                  });
        }
        if (slotFree) {
            auto id = snapshots.add({ 0, outcome.kind, takenAt, today, figures->totals, figures->positions });
            if (!id)
                return Error { id.error() };
            outcome.snapshotId = *id;
        }

        // Alerts, against this valuation.
        auto rules = alerts.rules();
        if (!rules)
            return Error { rules.error() };
        alerts::Observations observations;
        observations.portfolios = figures->observations;
        auto prices = priceObservations(*book, closes, *rules, today);
        if (!prices)
            return Error { prices.error() };
        observations.prices = std::move(*prices);
        alerts::Evaluation evaluation = alerts::evaluateAlerts(*rules, observations, takenAt);
        for (store::AlertEvent &event : evaluation.events)
            event.snapshotId = outcome.snapshotId;
        auto logged = alerts.logEvents(std::move(evaluation.events));
        if (!logged)
            return Error { logged.error() };
        outcome.events = std::move(*logged);
        return alerts.saveArmedStates(evaluation.changes, takenAt);
    });
    if (!written)
        return Error { QStringLiteral("Snapshot not stored: %1").arg(written.error()) };
    return outcome;
}

} // namespace pt::snapshots
