#pragma once

#include "domain/types.h"
#include "valuation/allocation.h"
#include "valuation/returns.h"

#include <QWidget>

#include <memory>
#include <vector>
#include <optional>

class QAbstractButton;
class QLabel;
class QButtonGroup;

namespace Ui {
class DashboardView;
}

namespace pt::gui {

class ValuationService;

// The dashboard of one portfolio, or of all together (portfolio id 0, in the
// service's total currency): its value, the last day's change, the gain,
// time- and money-weighted returns and the deepest drawdown over a range
// (1M, 3M, YTD, 1Y, 5Y, All), the value over that range with the invested
// capital beneath it, the allocation (by class, currency or asset) and each
// holding's gain over the range. Missing prices and rates, and stale or
// incomplete days, are said in a warning above the charts, never hidden.
//
// The valuation itself comes from the ValuationService; the view only reads
// it. Figures for a range are cheap (a pass over the series): they are
// computed on the GUI thread while that takes under 5 ms, otherwise on a
// worker. Allocation and gains per holding replay the ledger and always run on
// a worker. Results of a superseded request are dropped.
class DashboardView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DashboardView)

public:
    enum class State {
        Valuing, // the first valuation is running
        Empty,   // the store, or the selected portfolio, has no entries
        Failed,  // the valuation failed and there is nothing to show
        Ready,
    };
    enum class AllocationGrouping { ByClass, ByCurrency, ByAsset };

    // The service is the caller's, and outlives the view.
    explicit DashboardView(ValuationService *service, QWidget *parent = nullptr);
    ~DashboardView() override;

    // 0: all portfolios.
    void setPortfolioId(RowId portfolioId);
    RowId portfolioId() const { return m_portfolioId; }

    void setRange(valuation::Range::Preset preset);
    valuation::Range::Preset rangePreset() const { return m_preset; }
    // The days the figures cover; null before a valuation is shown.
    valuation::Range range() const { return m_range; }

    void setAllocationGrouping(AllocationGrouping grouping);
    AllocationGrouping allocationGrouping() const;

    State state() const { return m_state; }
    // False while the figures or the details (allocation, gains) of the latest
    // request are still being computed on a worker.
    bool isSettled() const { return !m_figuresPending && !m_detailsPending; }

    // How the dashboard writes money ("1,234.50 EUR", with a sign "+1,234.50 EUR")
    // and fractions as percentages ("12.34 %", "+12.34 %").
    static QString moneyText(Decimal value, const QString &currency, bool withSign = false);
    static QString percentText(double fraction, bool withSign = false);

Q_SIGNALS:
    // The figures and the value chart show the current range.
    void figuresShown();
    // The allocation and the gains per holding show the current range.
    void detailsShown();
    // A holding's bar was clicked: open its detail (portfolio 0: all portfolios).
    void holdingActivated(RowId assetId, RowId portfolioId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    struct Figures;
    struct Details;

    void showResult();
    void showMessage(State state, const QString &text);
    void requestFigures();
    void applyFigures(const Figures &figures);
    void requestDetails();
    void applyDetails(const Details &details);
    void showAllocation();
    void updateRangeButtons();
    void updateStyle();
    static QString namedList(const QStringList &all);
    static void setNote(QLabel *label, const QStringList &notes, const QStringList &everything);

    std::unique_ptr<Ui::DashboardView> m_ui;
    ValuationService *m_service = nullptr;
    QButtonGroup *m_rangeGroup = nullptr;
    RowId m_portfolioId = 0;
    valuation::Range::Preset m_preset = valuation::Range::Preset::OneYear;
    valuation::Range m_range;
    State m_state = State::Valuing;
    QString m_currency;
    quint64 m_figuresRequest = 0;
    quint64 m_detailsRequest = 0;
    bool m_figuresPending = false;
    bool m_detailsPending = false;
    bool m_figuresOnWorker = false; // the last computation took 5 ms or more
    std::optional<valuation::Allocation> m_allocation;
    QString m_allocationError;
    QString m_serviceError; // the latest valuation's failure, while an older one is shown
    QString m_warning; // the figures' part of the warning
    std::vector<RowId> m_barAssets; // the asset of each gain bar, top first
};

} // namespace pt::gui
