#include "gui/dashboardview.h"

#include "gui/charts/allocationchart.h"
#include "gui/charts/chartstyle.h"
#include "gui/charts/gainbarchart.h"
#include "gui/charts/timeserieschart.h"
#include "gui/displaytext.h"
#include "gui/futures.h"
#include "gui/valuationservice.h"
#include "valuation/holdingreturns.h"
#include "ui_dashboardview.h"

#include <QButtonGroup>
#include <QElapsedTimer>
#include <QEvent>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>

namespace pt::gui {

using valuation::Range;

namespace {

// Figures that take longer than this move to a worker.
constexpr qint64 GuiThreadBudgetMs = 5;
// The gain chart shows the holdings with the largest gains or losses.
constexpr int MaxGainBars = 15;
// The warning names this many missing prices or rates, and counts the rest.
constexpr int MaxMissingNamed = 4;

QString assetClassLabel(const QString &key)
{
    if (key == u"Cash")
        return DashboardView::tr("Cash");
    switch (assetClassFromKey(key).value_or(AssetClass::Stock)) {
    case AssetClass::Stock:
        return key == u"stock" ? DashboardView::tr("Stocks") : key;
    case AssetClass::Etf:
        return DashboardView::tr("ETFs");
    case AssetClass::Fund:
        return DashboardView::tr("Funds");
    case AssetClass::Bond:
        return DashboardView::tr("Bonds");
    case AssetClass::Crypto:
        return DashboardView::tr("Crypto");
    case AssetClass::Commodity:
        return DashboardView::tr("Commodities");
    case AssetClass::Currency:
        return DashboardView::tr("Currencies");
    }
    return key;
}

void setSignColor(QLabel *label, double sign)
{
    QPalette palette = label->parentWidget()->palette();
    if (sign > 0)
        palette.setColor(QPalette::WindowText, charts::positiveColor(palette));
    else if (sign < 0)
        palette.setColor(QPalette::WindowText, charts::negativeColor(palette));
    label->setPalette(palette);
}

} // namespace

// What the figures and the value chart of one range show; computed on either thread.
struct DashboardView::Figures
{
    quint64 request = 0;
    qint64 elapsedMs = 0;
    Range range;
    valuation::Returns returns;
    valuation::Returns lastDay;
    valuation::Risk risk;
    Decimal value;
    QList<charts::TimeLine> lines;
    int staleDays = 0;
    int incompleteDays = 0;
    bool lastDayStale = false;
    QStringList missing;

    static Figures compute(const valuation::ValueSeries &series, Range::Preset preset)
    {
        QElapsedTimer timer;
        timer.start();
        Figures figures;
        const int last = series.size() - 1;
        const QDate lastDay = series.day(last);
        figures.range = Range::preset(preset, lastDay, series.first);
        figures.returns = valuation::computeReturns(series, figures.range);
        figures.lastDay = valuation::computeReturns(series, Range{lastDay.addDays(-1), lastDay});
        figures.risk = valuation::computeRisk(series, figures.range, 0.0);
        figures.value = series.marketValue[std::size_t(last)];
        figures.lastDayStale = series.stale[std::size_t(last)];
        figures.missing = series.missing;

        const int begin = std::max(int(series.first.daysTo(figures.range.from)), 0);
        charts::TimeLine valueLine{tr("Market value"), {}, false};
        charts::TimeLine investedLine{tr("Invested capital"), {}, true};
        valueLine.points.reserve(std::size_t(last - begin + 1));
        investedLine.points.reserve(std::size_t(last - begin + 1));
        for (int i = begin; i <= last; ++i) {
            const std::size_t at = std::size_t(i);
            const qreal x = charts::TimeSeriesChart::xOf(series.day(i));
            valueLine.points.emplace_back(x, series.marketValue[at].toDouble());
            investedLine.points.emplace_back(x, series.invested[at].toDouble());
            figures.staleDays += series.stale[at] ? 1 : 0;
            figures.incompleteDays += series.incomplete[at] ? 1 : 0;
        }
        figures.lines = {std::move(valueLine), std::move(investedLine)};
        figures.elapsedMs = timer.elapsed();
        return figures;
    }
};

// What the allocation and the gain bars show; computed on a worker.
struct DashboardView::Details
{
    quint64 request = 0;
    std::optional<valuation::Allocation> allocation; // when asked for and computed
    QString allocationError;
    std::optional<valuation::BreakdownReport> breakdown;
    QString breakdownError;
};

DashboardView::DashboardView(ValuationService *service, QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::DashboardView>())
    , m_service(service)
    , m_rangeGroup(new QButtonGroup(this))
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("dashboardView"));
    m_rangeGroup->setExclusive(true);
    const std::pair<QAbstractButton *, Range::Preset> buttons[] = {
        {m_ui->range1M, Range::Preset::OneMonth},   {m_ui->range3M, Range::Preset::ThreeMonths},
        {m_ui->rangeYtd, Range::Preset::YearToDate}, {m_ui->range1Y, Range::Preset::OneYear},
        {m_ui->range5Y, Range::Preset::FiveYears},   {m_ui->rangeAll, Range::Preset::All}};
    for (const auto &[button, preset] : buttons)
        m_rangeGroup->addButton(button, int(preset));
    connect(m_rangeGroup, &QButtonGroup::idClicked, this, [this](int id) { setRange(Range::Preset(id)); });
    connect(m_ui->allocationCombo, &QComboBox::currentIndexChanged, this, &DashboardView::showAllocation);
    connect(m_ui->gainChart, &charts::GainBarChart::barClicked, this, [this](int index) {
        if (index >= 0 && index < int(m_barAssets.size()))
            Q_EMIT holdingActivated(m_barAssets[std::size_t(index)], m_portfolioId);
    });
    m_ui->chartSplitter->setStretchFactor(0, 3);
    m_ui->chartSplitter->setStretchFactor(1, 2);
    m_ui->chartSplitter->setSizes({3000, 2000}); // proportions: the value over time first
    m_ui->valueChart->installEventFilter(this);
    m_ui->warningLabel->setVisible(false);
    m_ui->allocationNoteLabel->setVisible(false);
    m_ui->gainNoteLabel->setVisible(false);
    updateRangeButtons();
    updateStyle();

    connect(m_service, &ValuationService::started, this, [this] {
        if (!m_service->result())
            showMessage(State::Valuing, tr("Valuing…"));
    });
    connect(m_service, &ValuationService::ready, this, [this] {
        m_serviceError.clear();
        showResult();
    });
    connect(m_service, &ValuationService::failed, this, [this](const QString &message) {
        m_serviceError = message;
        if (!m_service->result())
            showMessage(State::Failed, tr("The portfolio could not be valued: %1").arg(message));
        else if (m_state == State::Ready)
            requestFigures(); // shows the failure in the warning
    });
    showResult();
}

DashboardView::~DashboardView() = default;

QString DashboardView::moneyText(Decimal value, const QString &currency, bool withSign)
{
    QString number = formatMoney(value, currency);
    if (withSign && value.isPositive())
        number.prepend(QLocale().positiveSign());
    return tr("%1 %2", "an amount and its currency").arg(number, currency);
}

QString DashboardView::percentText(double fraction, bool withSign)
{
    double percent = fraction * 100;
    if (std::abs(percent) < 0.005 || !std::isfinite(percent))
        percent = 0; // never "-0.00 %"
    QString number = QLocale().toString(percent, 'f', 2);
    if (withSign && percent > 0)
        number.prepend(QLocale().positiveSign());
    return tr("%1 %", "a percentage").arg(number);
}

void DashboardView::setPortfolioId(RowId portfolioId)
{
    if (portfolioId == m_portfolioId)
        return;
    m_portfolioId = portfolioId;
    showResult();
}

void DashboardView::setRange(Range::Preset preset)
{
    m_preset = preset;
    updateRangeButtons();
    if (m_state != State::Ready)
        return;
    requestFigures();
    requestDetails();
}

void DashboardView::setAllocationGrouping(AllocationGrouping grouping)
{
    m_ui->allocationCombo->setCurrentIndex(int(grouping));
}

DashboardView::AllocationGrouping DashboardView::allocationGrouping() const
{
    return AllocationGrouping(std::max(m_ui->allocationCombo->currentIndex(), 0));
}

void DashboardView::updateRangeButtons()
{
    if (QAbstractButton *button = m_rangeGroup->button(int(m_preset)))
        button->setChecked(true);
}

void DashboardView::showMessage(State state, const QString &text)
{
    m_state = state;
    ++m_figuresRequest; // whatever is still computing is for something no longer shown
    ++m_detailsRequest;
    m_figuresPending = false;
    m_detailsPending = false;
    m_ui->messageLabel->setText(text);
    m_ui->stack->setCurrentWidget(m_ui->messagePage);
}

void DashboardView::showResult()
{
    const auto result = m_service->result();
    if (!result) {
        if (m_service->isRunning() || m_serviceError.isEmpty())
            showMessage(State::Valuing, tr("Valuing…"));
        else
            showMessage(State::Failed, tr("The portfolio could not be valued: %1").arg(m_serviceError));
        return;
    }
    const valuation::ValueSeries *series = result->series(m_portfolioId);
    if (!result->hasEntries()) {
        showMessage(State::Empty, tr("There are no entries yet.\nAdd a deposit and your first transactions, "
                                     "and their value over time appears here."));
        return;
    }
    if (!series) {
        showMessage(State::Valuing, tr("Valuing…")); // a portfolio the next valuation will include
        return;
    }
    if (series->size() == 0) {
        showMessage(State::Empty, tr("This portfolio has no entries yet."));
        return;
    }
    m_state = State::Ready;
    m_currency = series->baseCurrency;
    m_allocation.reset();
    m_allocationError.clear();
    m_ui->stack->setCurrentWidget(m_ui->contentPage);
    requestFigures();
    requestDetails();
}

void DashboardView::requestFigures()
{
    const auto result = m_service->result();
    const valuation::ValueSeries *series = result ? result->series(m_portfolioId) : nullptr;
    if (!series || series->size() == 0)
        return;
    const quint64 request = ++m_figuresRequest;
    if (!m_figuresOnWorker) {
        Figures figures = Figures::compute(*series, m_preset);
        figures.request = request;
        m_figuresOnWorker = figures.elapsedMs >= GuiThreadBudgetMs;
        applyFigures(figures);
        return;
    }
    m_figuresPending = true;
    auto future = QtConcurrent::run([result, portfolioId = m_portfolioId, preset = m_preset, request] {
        Figures figures = Figures::compute(*result->series(portfolioId), preset);
        figures.request = request;
        return figures;
    });
    whenReady(future, this, [this](const Figures &figures) {
        if (figures.request != m_figuresRequest)
            return;
        m_figuresPending = false;
        m_figuresOnWorker = figures.elapsedMs >= GuiThreadBudgetMs;
        applyFigures(figures);
    });
}

void DashboardView::applyFigures(const Figures &figures)
{
    m_range = figures.range;
    const valuation::Returns &returns = figures.returns;

    const auto shown = m_service->result();
    const QString days = tr("%1 – %2", "a range of days").arg(formatDate(figures.range.from), formatDate(figures.range.to));
    m_ui->asOfLabel->setText(shown && shown->provisional
                                 ? tr("%1 · as last stored, valuing again…", "a range of days, then a note").arg(days)
                                 : days);
    m_ui->valueLabel->setText(moneyText(figures.value, m_currency));
    m_ui->valueLabel->setToolTip(tr("On %1").arg(formatDate(figures.range.to)));

    m_ui->dayChangeLabel->setText(tr("%1 (%2)", "an amount and its percentage")
                                      .arg(moneyText(figures.lastDay.absoluteGain, m_currency, true),
                                           percentText(figures.lastDay.timeWeighted, true)));
    setSignColor(m_ui->dayChangeLabel, figures.lastDay.absoluteGain.toDouble());

    m_ui->gainLabel->setText(moneyText(returns.absoluteGain, m_currency, true));
    m_ui->gainLabel->setToolTip(tr("Start value: %1\nEnd value: %2\nNet deposits: %3\nSimple return: %4")
                                    .arg(moneyText(returns.startValue, m_currency), moneyText(returns.endValue, m_currency),
                                         moneyText(returns.netFlows, m_currency, true),
                                         percentText(returns.simpleReturn, true)));
    setSignColor(m_ui->gainLabel, returns.absoluteGain.toDouble());

    m_ui->twrLabel->setText(returns.annualised ? tr("%1 p.a.", "per year").arg(percentText(returns.timeWeighted, true))
                                               : percentText(returns.timeWeighted, true));
    m_ui->twrLabel->setToolTip(returns.annualised ? tr("Annualised: the range is longer than a year.")
                                                  : tr("Over the range, not annualised."));
    setSignColor(m_ui->twrLabel, returns.timeWeighted);

    if (returns.moneyWeighted) {
        m_ui->irrLabel->setText(tr("%1 p.a.", "per year").arg(percentText(*returns.moneyWeighted, true)));
        m_ui->irrLabel->setToolTip(tr("The annual rate at which the range's deposits, withdrawals "
                                      "and values balance out (XIRR)."));
        setSignColor(m_ui->irrLabel, *returns.moneyWeighted);
    } else {
        m_ui->irrLabel->setText(tr("—", "no value"));
        m_ui->irrLabel->setToolTip(tr("No money-weighted return: no rate balances this range's "
                                      "deposits, withdrawals and values (for example, all flows "
                                      "of one sign, or too short a range)."));
        setSignColor(m_ui->irrLabel, 0);
    }

    m_ui->drawdownLabel->setText(percentText(-figures.risk.maxDrawdown));
    m_ui->drawdownLabel->setToolTip(
        figures.risk.maxDrawdown > 0
            ? tr("From the peak on %1 to the trough on %2.").arg(formatDate(figures.risk.peak), formatDate(figures.risk.trough))
            : tr("No fall from a peak in this range."));
    setSignColor(m_ui->drawdownLabel, -figures.risk.maxDrawdown);

    // What the figures rest on, said plainly.
    QStringList warnings;
    if (!figures.missing.isEmpty()) {
        warnings << tr("Some prices or exchange rates are missing: %1.").arg(namedList(figures.missing));
        if (figures.incompleteDays > 0)
            warnings << tr("%n day(s) of this range leave out what has no price or rate yet.", "",
                           figures.incompleteDays);
    }
    if (figures.staleDays > 0) {
        const int staleAfter = m_service->result() ? m_service->result()->options.staleAfterDays : 5;
        warnings << (figures.lastDayStale
                         ? tr("The latest value uses prices or exchange rates older than %1 days.").arg(staleAfter)
                         : tr("%n day(s) of this range use prices or exchange rates older than %1 days.", "",
                              figures.staleDays)
                               .arg(staleAfter));
    }
    if (!m_serviceError.isEmpty())
        warnings << tr("The latest valuation failed, these figures are older: %1").arg(m_serviceError);
    m_warning = warnings.join(u' ');
    m_ui->warningLabel->setText(m_warning);
    m_ui->warningLabel->setToolTip(figures.missing.join(u'\n'));
    m_ui->warningLabel->setVisible(!m_warning.isEmpty());

    m_ui->valueChart->setLines(figures.lines, m_currency);
    Q_EMIT figuresShown();
}

void DashboardView::requestDetails()
{
    const auto result = m_service->result();
    if (!result || m_state != State::Ready)
        return;
    if (result->provisional) {
        // Drawn from the stored series: holdings come with the real valuation.
        m_detailsPending = true;
        return;
    }
    const quint64 request = ++m_detailsRequest;
    m_detailsPending = true;
    const bool withAllocation = !m_allocation && m_allocationError.isEmpty();
    const Range range = Range::preset(m_preset, result->series(m_portfolioId)->day(result->series(m_portfolioId)->size() - 1),
                                      result->series(m_portfolioId)->first);
    auto future = QtConcurrent::run([result, portfolioId = m_portfolioId, range, withAllocation, request] {
        Details details;
        details.request = request;
        if (withAllocation) {
            auto allocation = valuation::computeAllocation(result->inputs, result->options, portfolioId);
            if (allocation)
                details.allocation = std::move(allocation).value();
            else
                details.allocationError = allocation.error();
        }
        auto breakdown = valuation::computeGainBreakdown(result->inputs, result->options, portfolioId, range);
        if (breakdown)
            details.breakdown = std::move(breakdown).value();
        else
            details.breakdownError = breakdown.error();
        return details;
    });
    whenReady(future, this, [this, withAllocation](const Details &details) {
        if (details.request != m_detailsRequest)
            return;
        m_detailsPending = false;
        if (withAllocation) {
            m_allocation = details.allocation;
            m_allocationError = details.allocationError;
        }
        applyDetails(details);
    });
}

void DashboardView::applyDetails(const Details &details)
{
    showAllocation();

    QList<charts::GainBar> bars;
    m_barAssets.clear();
    QStringList notes;
    if (details.breakdown) {
        struct Row
        {
            const valuation::HoldingBreakdown *holding;
            Decimal gain;
        };
        std::vector<Row> rows;
        for (const valuation::HoldingBreakdown &holding : details.breakdown->holdings) {
            const Decimal gain = holding.base.reconciled();
            if (holding.quantityStart.isZero() && holding.quantityEnd.isZero() && gain.isZero())
                continue; // not held in the range
            rows.push_back({&holding, gain});
        }
        const std::size_t held = rows.size();
        if (rows.size() > std::size_t(MaxGainBars)) {
            std::partial_sort(rows.begin(), rows.begin() + MaxGainBars, rows.end(),
                              [](const Row &a, const Row &b) { return a.gain.abs() > b.gain.abs(); });
            rows.resize(std::size_t(MaxGainBars));
            notes << tr("The %1 holdings with the largest gains or losses of %2.").arg(MaxGainBars).arg(held);
        }
        std::sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) { return a.gain > b.gain; });
        const QString currency = details.breakdown->baseCurrency;
        for (const Row &row : rows) {
            const valuation::GainBreakdown &base = row.holding->base;
            charts::GainBar bar;
            bar.label = row.holding->symbol;
            bar.value = row.gain.toDouble();
            bar.valueText = moneyText(row.gain, currency, true);
            bar.detail = tr("Realized: %1\nUnrealized change: %2\nIncome: %3")
                             .arg(moneyText(base.realized, currency, true),
                                  moneyText(base.unrealizedChange(), currency, true),
                                  moneyText(base.income, currency, true));
            bars << bar;
            m_barAssets.push_back(row.holding->assetId);
        }
        if (details.breakdown->total.incomplete)
            notes << tr("Incomplete: %1.").arg(namedList(details.breakdown->total.missing));
        if (held == 0)
            notes << tr("No holdings in this range.");
        m_ui->gainChart->setBars(bars, currency);
    } else {
        m_ui->gainChart->setBars({}, m_currency);
        notes << tr("The gains per holding could not be computed: %1").arg(details.breakdownError);
    }
    setNote(m_ui->gainNoteLabel, notes,
            details.breakdown ? details.breakdown->total.missing : QStringList());
    Q_EMIT detailsShown();
}

void DashboardView::showAllocation()
{
    QStringList notes;
    QStringList missing;
    QList<charts::AllocationPart> parts;
    if (m_allocation) {
        const valuation::Allocation &allocation = *m_allocation;
        const AllocationGrouping grouping = allocationGrouping();
        const std::vector<valuation::AllocationSlice> &slices = grouping == AllocationGrouping::ByClass ? allocation.byClass
            : grouping == AllocationGrouping::ByCurrency                                             ? allocation.byCurrency
                                                                                                      : allocation.byAsset;
        QStringList negative;
        for (const valuation::AllocationSlice &slice : slices) {
            const QString name = grouping == AllocationGrouping::ByClass ? assetClassLabel(slice.key) : slice.key;
            const QString value = moneyText(slice.value, allocation.baseCurrency);
            if (!slice.value.isPositive()) {
                if (slice.value.isNegative())
                    negative << tr("%1 %2 (%3)", "name, amount, percentage").arg(name, value, percentText(slice.weight));
                continue;
            }
            parts << charts::AllocationPart{name, slice.value.toDouble(), value, slice.weight};
        }
        if (!negative.isEmpty())
            notes << tr("Not drawn, being negative: %1.").arg(namedList(negative));
        if (!allocation.missing.isEmpty())
            notes << tr("Left out, without a price or rate: %1.").arg(namedList(allocation.missing));
        missing = allocation.missing;
        if (slices.empty())
            notes << tr("Nothing is held on %1.").arg(formatDate(allocation.date));
    } else if (!m_allocationError.isEmpty()) {
        notes << tr("The allocation could not be computed: %1").arg(m_allocationError);
    }
    m_ui->allocationChart->setParts(parts);
    setNote(m_ui->allocationNoteLabel, notes, missing);
}

QString DashboardView::namedList(const QStringList &all)
{
    // A handful by name, the rest counted: a label showing a thousand names
    // would be laid out again on every layout pass (hundreds of milliseconds).
    QString list = all.mid(0, MaxMissingNamed).join(QStringLiteral("; "));
    if (all.size() > MaxMissingNamed)
        list = tr("%1 and %n more", "missing prices", int(all.size() - MaxMissingNamed)).arg(list);
    return list;
}

void DashboardView::setNote(QLabel *label, const QStringList &notes, const QStringList &everything)
{
    const QString text = notes.join(u' ');
    if (label->text() != text)
        label->setText(text);
    // The whole list where it costs nothing until asked for.
    label->setToolTip(everything.size() > MaxMissingNamed ? everything.join(u'\n') : QString());
    if (label->isHidden() == !text.isEmpty())
        label->setVisible(!text.isEmpty());
}

void DashboardView::updateStyle()
{
    // Figures read large; the warning stands out on an amber background that
    // suits the palette, light or dark.
    for (QLabel *label : {m_ui->valueLabel, m_ui->dayChangeLabel, m_ui->gainLabel, m_ui->twrLabel, m_ui->irrLabel,
                          m_ui->drawdownLabel}) {
        QFont font = this->font();
        font.setPointSizeF(font.pointSizeF() * 1.35);
        font.setBold(true);
        label->setFont(font);
    }
    QPalette warning = palette();
    const bool dark = charts::isDark(warning);
    warning.setColor(QPalette::Window, dark ? QColor(0x5d, 0x45, 0x0b) : QColor(0xff, 0xf3, 0xcd));
    warning.setColor(QPalette::WindowText, dark ? QColor(0xff, 0xe8, 0xa3) : QColor(0x66, 0x4d, 0x03));
    m_ui->warningLabel->setPalette(warning);
    m_ui->warningLabel->setAutoFillBackground(true);
}

bool DashboardView::eventFilter(QObject *watched, QEvent *event)
{
    // The value chart takes the palette only when made: restyle it, and draw
    // its lines anew in the new theme's colours.
    if (watched == m_ui->valueChart && event->type() == QEvent::PaletteChange) {
        charts::applyPalette(m_ui->valueChart);
        m_ui->valueChart->setLines(m_ui->valueChart->lines(), m_currency);
    }
    return QWidget::eventFilter(watched, event);
}

void DashboardView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        updateStyle();
        if (m_state == State::Ready)
            requestFigures(); // the figures' sign colours
    }
}

} // namespace pt::gui
