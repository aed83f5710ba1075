#pragma once

#include "valuation/valuator.h"

#include <QDate>
#include <QObject>
#include <QString>

#include <memory>

namespace pt::store {
class Database;
}

namespace pt::gui {

// Owns the app's current valuation: every portfolio's and the total's daily
// value series, with the inputs they were computed from (for per-holding
// figures and allocation). recompute() loads and values the whole store on
// the global thread pool; the GUI thread never waits. Requests coalesce: at
// most one computation runs, and a request made meanwhile runs once after it,
// however many there were. Each finished computation replaces result() and
// emits ready(); a failure emits failed() and keeps the previous result.
// The very first request also reads the series the last snapshot stored, which
// come back long before a large book is valued: they are published first as a
// provisional result, so the dashboard draws at once.
class ValuationService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ValuationService)

public:
    // One valuation and what it was computed from; immutable once published,
    // so any thread may read it through the shared pointer.
    struct Result
    {
        valuation::ValuationInputs inputs;
        valuation::ValuationOptions options;
        valuation::Valuation valuation;
        // Read from the series the last snapshot stored (value_series_day), to
        // draw at once while the store is valued again: no inputs, so nothing
        // per holding, and replaced by the real result as soon as it is in.
        bool provisional = false;

        // The series of one portfolio, or the total for 0; nullptr for an unknown id.
        const valuation::ValueSeries *series(RowId portfolioId) const;
        // Whether the store has any live entry at all.
        bool hasEntries() const;
    };

    explicit ValuationService(QObject *parent = nullptr);
    ~ValuationService() override;

    // The store to value; a computation running for the previous one is
    // dropped when it ends. Does not recompute by itself.
    void setDatabase(std::shared_ptr<store::Database> database);
    std::shared_ptr<store::Database> database() const { return m_database; }

    // The series end on this day; null (the default) means today when the
    // computation starts.
    void setLastDay(QDate day);
    QDate lastDay() const { return m_lastDay; }
    // Base currency of the all-portfolios series (default EUR).
    void setTotalCurrency(const QString &currency);
    QString totalCurrency() const { return m_totalCurrency; }

    // Values the store again (see the class comment). Without a database it
    // fails at once.
    void recompute();
    bool isRunning() const { return m_running; }

    // The latest valuation; nullptr until the first one is ready.
    std::shared_ptr<const Result> result() const { return m_result; }

Q_SIGNALS:
    void started();
    void ready();
    void failed(const QString &message);

private:
    struct Outcome
    {
        std::shared_ptr<const Result> result;
        QString error;
    };

    void start();
    void finish(const Outcome &outcome, quint64 generation);
    // Before the first valuation: the stored series, published if they come first.
    void loadStoredSeries();

    std::shared_ptr<store::Database> m_database;
    std::shared_ptr<const Result> m_result;
    QDate m_lastDay;
    QString m_totalCurrency = QStringLiteral("EUR");
    quint64 m_generation = 0; // bumped by setDatabase(): older results are dropped
    bool m_running = false;
    bool m_pending = false;
    bool m_triedStored = false;
};

} // namespace pt::gui
