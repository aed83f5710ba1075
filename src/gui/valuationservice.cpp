#include "gui/valuationservice.h"

#include "gui/futures.h"
#include "gui/logging.h"
#include "store/database.h"
#include "store/portfoliorepository.h"
#include "store/snapshotrepository.h"

#include <QElapsedTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace pt::gui {

const valuation::ValueSeries *ValuationService::Result::series(RowId portfolioId) const
{
    if (portfolioId == 0)
        return &valuation.total;
    const auto found = std::find_if(valuation.portfolios.cbegin(), valuation.portfolios.cend(),
                                    [&](const valuation::PortfolioSeries &p) { return p.portfolioId == portfolioId; });
    return found != valuation.portfolios.cend() ? &found->series : nullptr;
}

bool ValuationService::Result::hasEntries() const
{
    if (provisional)
        return valuation.total.size() > 0;
    return std::any_of(inputs.transactions.cbegin(), inputs.transactions.cend(),
                       [](const Transaction &t) { return !t.stamp.deleted; });
}

namespace {

valuation::ValueSeries seriesOf(const std::vector<store::SeriesDay> &days, const QString &currency)
{
    valuation::ValueSeries series;
    series.baseCurrency = days.empty() ? currency : days.front().currency;
    if (days.empty())
        return series;
    series.first = days.front().day;
    for (const store::SeriesDay &day : days) {
        // Stored days are consecutive; a gap would mean a damaged table: stop there.
        if (series.day(series.size()) != day.day)
            break;
        series.marketValue.push_back(day.marketValue);
        series.externalFlow.push_back(day.externalFlow);
        series.invested.push_back(day.invested);
        series.stale.push_back(day.stale);
        series.incomplete.push_back(day.incomplete);
    }
    return series;
}

// The stored series of every live portfolio and of all together; nothing when
// none was stored yet (a store no snapshot has seen).
std::shared_ptr<const ValuationService::Result> storedResult(const store::Database &database,
                                                            const QString &totalCurrency)
{
    auto portfolios = store::PortfolioRepository(database).list();
    if (!portfolios)
        return nullptr;
    const store::SnapshotRepository repository(database);
    auto total = repository.series(0);
    if (!total || total->empty() || total->front().currency != totalCurrency)
        return nullptr;
    auto result = std::make_shared<ValuationService::Result>();
    result->provisional = true;
    result->options.lastDay = total->back().day;
    result->options.totalCurrency = totalCurrency;
    result->valuation.total = seriesOf(*total, totalCurrency);
    for (const Portfolio &portfolio : *portfolios) {
        auto days = repository.series(portfolio.id);
        if (!days)
            return nullptr;
        result->inputs.portfolios.push_back(portfolio);
        result->valuation.portfolios.push_back({portfolio.id, seriesOf(*days, portfolio.baseCurrency)});
    }
    return result;
}

} // namespace

ValuationService::ValuationService(QObject *parent)
    : QObject(parent)
{
}

ValuationService::~ValuationService() = default;

void ValuationService::setDatabase(std::shared_ptr<store::Database> database)
{
    m_database = std::move(database);
    m_result.reset();
    m_triedStored = false;
    // A computation for the old store still running finishes unseen, and a
    // request made meanwhile starts after it.
    ++m_generation;
}

void ValuationService::setLastDay(QDate day)
{
    m_lastDay = day;
}

void ValuationService::setTotalCurrency(const QString &currency)
{
    m_totalCurrency = currency;
}

void ValuationService::recompute()
{
    if (!m_database) {
        Q_EMIT failed(tr("There is no store to value."));
        return;
    }
    if (m_running) {
        m_pending = true;
        return;
    }
    if (!m_result && !m_triedStored)
        loadStoredSeries();
    start();
}

void ValuationService::loadStoredSeries()
{
    m_triedStored = true;
    const quint64 generation = m_generation;
    auto future = QtConcurrent::run([database = m_database, currency = m_totalCurrency] {
        return storedResult(*database, currency);
    });
    whenReady(future, this, [this, generation](std::shared_ptr<const Result> stored) {
        // Only while nothing better is there.
        if (!stored || generation != m_generation || m_result)
            return;
        qCDebug(lcGui) << "valuation: drawing the stored series until the book is valued";
        m_result = std::move(stored);
        Q_EMIT ready();
    });
}

void ValuationService::start()
{
    if (!m_database) {
        m_running = false;
        m_pending = false;
        return;
    }
    m_running = true;
    m_pending = false;
    valuation::ValuationOptions options;
    options.lastDay = m_lastDay.isValid() ? m_lastDay : QDate::currentDate();
    options.totalCurrency = m_totalCurrency;
    const quint64 generation = m_generation;
    auto future = QtConcurrent::run([database = m_database, options]() -> Outcome {
        QElapsedTimer timer;
        timer.start();
        auto inputs = valuation::loadValuationInputs(*database, options.lastDay, options.totalCurrency);
        if (!inputs)
            return {nullptr, inputs.error()};
        const qint64 loaded = timer.elapsed();
        auto valued = valuation::computeValuation(*inputs, options);
        if (!valued)
            return {nullptr, valued.error()};
        qCDebug(lcGui) << "valuation: loaded in" << loaded << "ms, valued in" << timer.elapsed() - loaded << "ms";
        auto result = std::make_shared<Result>();
        result->inputs = std::move(inputs).value();
        result->options = options;
        result->valuation = std::move(valued).value();
        return {std::move(result), {}};
    });
    Q_EMIT started();
    whenReady(future, this, [this, generation](const Outcome &outcome) { finish(outcome, generation); });
}

void ValuationService::finish(const Outcome &outcome, quint64 generation)
{
    m_running = false;
    if (generation != m_generation) {
        // For a store no longer shown: dropped.
    } else if (outcome.result) {
        m_result = outcome.result;
        Q_EMIT ready();
    } else {
        qCWarning(lcGui) << "valuation failed:" << outcome.error;
        Q_EMIT failed(outcome.error);
    }
    if (m_pending)
        start();
}

} // namespace pt::gui
