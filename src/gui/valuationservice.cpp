#include "gui/valuationservice.h"

#include "gui/futures.h"
#include "gui/logging.h"
#include "store/database.h"

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
    return std::any_of(inputs.transactions.cbegin(), inputs.transactions.cend(),
                       [](const Transaction &t) { return !t.stamp.deleted; });
}

ValuationService::ValuationService(QObject *parent)
    : QObject(parent)
{
}

ValuationService::~ValuationService() = default;

void ValuationService::setDatabase(std::shared_ptr<store::Database> database)
{
    m_database = std::move(database);
    m_result.reset();
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
    start();
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
