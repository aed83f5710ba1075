// The dashboard over a real SQLite store with two portfolios (EUR and USD
// base): the figures it shows for each range are what valuation::computeReturns
// and computeRisk give for the same series and range, the range buttons change
// them, "All portfolios" shows the total, a store without entries shows the
// empty state, and missing prices are said in a warning. The valuation service
// values on a worker and coalesces requests.

#include "teststore.h"

#include "gui/charts/allocationchart.h"
#include "gui/charts/gainbarchart.h"
#include "gui/charts/timeserieschart.h"
#include "gui/dashboardview.h"
#include "gui/valuationservice.h"
#include "store/fxraterepository.h"
#include "store/pricerepository.h"
#include "valuation/returns.h"
#include "valuation/valuator.h"

#include <QBarSet>
#include <QComboBox>
#include <QLabel>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTest>
#include <QThreadPool>
#include <QToolButton>

#include <cmath>

using namespace pt;
using namespace pt::gui;
using pt::test::dec;
using Preset = valuation::Range::Preset;

Q_DECLARE_METATYPE(valuation::Range::Preset)

namespace {

constexpr int Timeout = 60000; // sanitizers on a shared machine

const QDate LastDay(2024, 6, 28);

// Closes on weekdays from `from` to LastDay, moving like a wave around `base`.
std::vector<store::PriceRecord> wave(RowId assetId, QDate from, double base, double amplitude)
{
    std::vector<store::PriceRecord> rows;
    int i = 0;
    for (QDate day = from; day <= LastDay; day = day.addDays(1), ++i) {
        if (day.dayOfWeek() > 5)
            continue;
        const double close = base + amplitude * std::sin(i / 23.0) + i * 0.05;
        store::PriceRecord row;
        row.assetId = assetId;
        row.bar.date = day;
        row.bar.close = Decimal::fromDouble(std::round(close * 100) / 100);
        row.bar.open = row.bar.close - Decimal(1);
        row.bar.high = row.bar.close + Decimal(2);
        row.bar.low = row.bar.close - Decimal(2);
        row.bar.adjustedClose = row.bar.close;
        rows.push_back(row);
    }
    return rows;
}

template<typename T>
T *child(const QWidget &parent, const char *name)
{
    auto *object = parent.findChild<T *>(QString::fromLatin1(name));
    if (!object)
        qFatal("no child %s", name);
    return object;
}

QString text(const QWidget &parent, const char *label)
{
    return child<QLabel>(parent, label)->text();
}

bool settled(const DashboardView &view)
{
    return view.state() != DashboardView::State::Valuing && view.isSettled();
}

} // namespace

class TestDashboard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void cleanupTestCase();

    void showsValuingUntilTheFirstValuation();
    void figuresEqualComputeReturns_data();
    void figuresEqualComputeReturns();
    void rangeButtonsChangeTheFigures();
    void allPortfoliosShowTheTotal();
    void detailsShowAllocationAndGains();
    void simpleBookReadsAsExpected();
    void emptyStoreShowsTheEmptyState();
    void missingPricesShowAWarning();
    void serviceCoalescesRequests();
    void grab();

private:
    void waitForValuation(ValuationService &service);
    valuation::ValueSeries seriesOf(RowId portfolioId) const;

    std::unique_ptr<test::TestStore> m_store;
    Portfolio m_euro;
    Portfolio m_dollar;
    Asset m_sap;
    Asset m_apple;
    std::unique_ptr<ValuationService> m_service;
    valuation::Valuation m_expected;
};

// Pool threads close their store connections as they end: before the store goes.
void TestDashboard::cleanup()
{
    QThreadPool::globalInstance()->waitForDone();
}

void TestDashboard::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    m_store = std::make_unique<test::TestStore>();
    auto euro = m_store->addPortfolio(QStringLiteral("Euro"), QStringLiteral("EUR"));
    auto dollar = m_store->addPortfolio(QStringLiteral("Dollar"), QStringLiteral("USD"));
    auto sap = m_store->addAsset(QStringLiteral("SAP"), QStringLiteral("SAP SE"), QStringLiteral("EUR"));
    auto apple = m_store->addAsset(QStringLiteral("AAPL"), QStringLiteral("Apple Inc."), QStringLiteral("USD"));
    PT_VERIFY_OK(euro);
    PT_VERIFY_OK(dollar);
    PT_VERIFY_OK(sap);
    PT_VERIFY_OK(apple);
    m_euro = *euro;
    m_dollar = *dollar;
    m_sap = *sap;
    m_apple = *apple;

    // Prices and rates first, then the entries (the ledger's tracking reads neither).
    const QDate start(2022, 12, 30);
    PT_VERIFY_OK(store::PriceRepository(m_store->db()).upsertMany(wave(m_sap.id, start, 120, 15), u"test"));
    PT_VERIFY_OK(store::PriceRepository(m_store->db()).upsertMany(wave(m_apple.id, start, 170, 20), u"test"));
    std::vector<marketdata::EuroRate> rates;
    int i = 0;
    for (QDate day = start; day <= LastDay; day = day.addDays(1), ++i) {
        if (day.dayOfWeek() <= 5)
            rates.push_back({day, QStringLiteral("USD"),
                             Decimal::fromDouble(std::round((1.08 + 0.03 * std::sin(i / 40.0)) * 10000) / 10000)});
    }
    PT_VERIFY_OK(store::FxRateRepository(m_store->db()).upsertEuroRates(rates, u"test"));

    using T = TransactionType;
    PT_VERIFY_OK(m_store->cash(T::Deposit, m_euro, QDate(2023, 1, 2), "10000", QStringLiteral("EUR")));
    PT_VERIFY_OK(m_store->trade(T::Buy, m_euro, m_sap, QDate(2023, 1, 3), "40", "121.50", "4.90"));
    PT_VERIFY_OK(m_store->cash(T::Deposit, m_euro, QDate(2024, 2, 1), "2500", QStringLiteral("EUR")));
    PT_VERIFY_OK(m_store->trade(T::Buy, m_euro, m_sap, QDate(2024, 2, 2), "10", "130"));
    PT_VERIFY_OK(m_store->trade(T::Sell, m_euro, m_sap, QDate(2024, 5, 15), "15", "140", "4.90"));
    PT_VERIFY_OK(m_store->cash(T::Deposit, m_dollar, QDate(2023, 6, 1), "5000", QStringLiteral("USD")));
    PT_VERIFY_OK(m_store->trade(T::Buy, m_dollar, m_apple, QDate(2023, 6, 2), "20", "180"));
    PT_VERIFY_OK(m_store->cash(T::Dividend, m_dollar, QDate(2023, 11, 16), "4.80", QStringLiteral("USD"), &m_apple));
    PT_VERIFY_OK(m_store->cash(T::Deposit, m_dollar, QDate(2024, 3, 1), "1000", QStringLiteral("USD")));
    PT_VERIFY_OK(m_store->trade(T::Buy, m_dollar, m_apple, QDate(2024, 3, 4), "5", "175.20", "1"));

    valuation::ValuationOptions options;
    options.lastDay = LastDay;
    auto expected = valuation::valueFromStore(m_store->db(), options);
    PT_VERIFY_OK(expected);
    m_expected = std::move(expected).value();

    m_service = std::make_unique<ValuationService>();
    m_service->setLastDay(LastDay);
    m_service->setDatabase(m_store->database);
}

void TestDashboard::cleanupTestCase()
{
    QThreadPool::globalInstance()->waitForDone();
    m_service.reset();
    m_store.reset();
}

void TestDashboard::waitForValuation(ValuationService &service)
{
    QSignalSpy ready(&service, &ValuationService::ready);
    QSignalSpy failed(&service, &ValuationService::failed);
    service.recompute();
    QTRY_VERIFY_WITH_TIMEOUT(!ready.isEmpty() || !failed.isEmpty(), Timeout);
    QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(0).toString()));
}

valuation::ValueSeries TestDashboard::seriesOf(RowId portfolioId) const
{
    if (portfolioId == 0)
        return m_expected.total;
    for (const valuation::PortfolioSeries &p : m_expected.portfolios) {
        if (p.portfolioId == portfolioId)
            return p.series;
    }
    return {};
}

void TestDashboard::showsValuingUntilTheFirstValuation()
{
    ValuationService service;
    service.setLastDay(LastDay);
    service.setDatabase(m_store->database);
    DashboardView view(&service);
    QCOMPARE(view.state(), DashboardView::State::Valuing);
    service.recompute();
    QVERIFY(service.isRunning());
    QCOMPARE(view.state(), DashboardView::State::Valuing);
    QCOMPARE(text(view, "messageLabel"), DashboardView::tr("Valuing…"));
    QTRY_VERIFY_WITH_TIMEOUT(settled(view), Timeout);
    QCOMPARE(view.state(), DashboardView::State::Ready);
    QCOMPARE(child<QStackedWidget>(view, "stack")->currentWidget()->objectName(), QStringLiteral("contentPage"));
}

void TestDashboard::figuresEqualComputeReturns_data()
{
    QTest::addColumn<int>("portfolio"); // 0 euro, 1 dollar, 2 all
    QTest::addColumn<Preset>("preset");
    const std::pair<const char *, Preset> presets[] = {{"1M", Preset::OneMonth},   {"3M", Preset::ThreeMonths},
                                                        {"YTD", Preset::YearToDate}, {"1Y", Preset::OneYear},
                                                        {"5Y", Preset::FiveYears},   {"All", Preset::All}};
    const char *portfolios[] = {"EUR portfolio", "USD portfolio", "all portfolios"};
    for (int p = 0; p < 3; ++p) {
        for (const auto &[name, preset] : presets)
            QTest::addRow("%s %s", portfolios[p], name) << p << preset;
    }
}

void TestDashboard::figuresEqualComputeReturns()
{
    QFETCH(int, portfolio);
    QFETCH(Preset, preset);
    if (!m_service->result())
        waitForValuation(*m_service);
    const RowId id = portfolio == 0 ? m_euro.id : portfolio == 1 ? m_dollar.id : 0;
    const QString currency = portfolio == 1 ? QStringLiteral("USD") : QStringLiteral("EUR");

    DashboardView view(m_service.get());
    view.setPortfolioId(id);
    view.setRange(preset);
    QTRY_VERIFY_WITH_TIMEOUT(settled(view), Timeout);
    QCOMPARE(view.state(), DashboardView::State::Ready);

    const valuation::ValueSeries series = seriesOf(id);
    QCOMPARE(series.baseCurrency, currency);
    const valuation::Range range = valuation::Range::preset(preset, LastDay, series.first);
    QCOMPARE(view.range().from, range.from);
    QCOMPARE(view.range().to, range.to);
    const valuation::Returns returns = valuation::computeReturns(series, range);
    const valuation::Returns day = valuation::computeReturns(series, {LastDay.addDays(-1), LastDay});
    const valuation::Risk risk = valuation::computeRisk(series, range, 0.0);

    QCOMPARE(text(view, "valueLabel"), DashboardView::moneyText(series.marketValue.back(), currency));
    QCOMPARE(text(view, "dayChangeLabel"), QStringLiteral("%1 (%2)").arg(DashboardView::moneyText(day.absoluteGain, currency, true),
                                                                         DashboardView::percentText(day.timeWeighted, true)));
    QCOMPARE(text(view, "gainLabel"), DashboardView::moneyText(returns.absoluteGain, currency, true));
    const QString twr = DashboardView::percentText(returns.timeWeighted, true);
    QCOMPARE(text(view, "twrLabel"), returns.annualised ? twr + QStringLiteral(" p.a.") : twr);
    if (returns.moneyWeighted) {
        QCOMPARE(text(view, "irrLabel"), DashboardView::percentText(*returns.moneyWeighted, true) + QStringLiteral(" p.a."));
    } else {
        QCOMPARE(text(view, "irrLabel"), QStringLiteral("—"));
        QVERIFY(!child<QLabel>(view, "irrLabel")->toolTip().isEmpty());
    }
    QCOMPARE(text(view, "drawdownLabel"), DashboardView::percentText(-risk.maxDrawdown));

    // The chart draws the range: market value and the invested capital, dashed.
    auto *chart = child<charts::TimeSeriesChart>(view, "valueChart");
    QCOMPARE(chart->lines().size(), 2);
    QVERIFY(chart->lines().at(1).dashed);
    QCOMPARE(charts::TimeSeriesChart::dayOf(chart->lines().at(0).points.front().x()),
             std::max(range.from, series.first));
    QCOMPARE(charts::TimeSeriesChart::dayOf(chart->lines().at(0).points.back().x()), LastDay);
    QCOMPARE(chart->lines().at(0).points.back().y(), series.marketValue.back().toDouble());
    QCOMPARE(chart->lines().at(1).points.back().y(), series.invested.back().toDouble());
}

void TestDashboard::rangeButtonsChangeTheFigures()
{
    if (!m_service->result())
        waitForValuation(*m_service);
    DashboardView view(m_service.get());
    view.setPortfolioId(m_euro.id);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTRY_VERIFY_WITH_TIMEOUT(settled(view), Timeout);
    QCOMPARE(view.rangePreset(), Preset::OneYear);
    QVERIFY(child<QToolButton>(view, "range1Y")->isChecked());
    const valuation::ValueSeries series = seriesOf(m_euro.id);
    auto gainOf = [&](Preset preset) {
        return DashboardView::moneyText(
            valuation::computeReturns(series, valuation::Range::preset(preset, LastDay, series.first)).absoluteGain,
            QStringLiteral("EUR"), true);
    };
    QCOMPARE(text(view, "gainLabel"), gainOf(Preset::OneYear));

    QSignalSpy shown(&view, &DashboardView::figuresShown);
    QTest::mouseClick(child<QToolButton>(view, "range3M"), Qt::LeftButton);
    QCOMPARE(view.rangePreset(), Preset::ThreeMonths);
    QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty() && settled(view), Timeout);
    QCOMPARE(text(view, "gainLabel"), gainOf(Preset::ThreeMonths));
    QVERIFY(!child<QToolButton>(view, "range1Y")->isChecked()); // exclusive

    // From the keyboard: Alt+1 … Alt+6, and Space on a focused button.
    view.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&view));
    auto *threeMonths = child<QToolButton>(view, "range3M");
    threeMonths->setFocus();
    QTest::keyClick(threeMonths, Qt::Key_1, Qt::AltModifier);
    QTRY_COMPARE(view.rangePreset(), Preset::OneMonth); // a shortcut clicks animated
    auto *all = child<QToolButton>(view, "rangeAll");
    all->setFocus();
    QVERIFY(all->hasFocus());
    QTest::keyClick(all, Qt::Key_Space);
    QCOMPARE(view.rangePreset(), Preset::All);
    QTRY_VERIFY_WITH_TIMEOUT(settled(view), Timeout);
    QCOMPARE(text(view, "gainLabel"), gainOf(Preset::All));
    QVERIFY(gainOf(Preset::All) != gainOf(Preset::ThreeMonths));
}

void TestDashboard::allPortfoliosShowTheTotal()
{
    if (!m_service->result())
        waitForValuation(*m_service);
    DashboardView view(m_service.get());
    view.setPortfolioId(m_dollar.id);
    QTRY_VERIFY_WITH_TIMEOUT(settled(view), Timeout);
    QVERIFY(text(view, "valueLabel").endsWith(QStringLiteral(" USD")));
    view.setPortfolioId(0);
    QTRY_VERIFY_WITH_TIMEOUT(settled(view), Timeout);
    QCOMPARE(text(view, "valueLabel"), DashboardView::moneyText(m_expected.total.marketValue.back(), QStringLiteral("EUR")));
    QVERIFY(m_expected.total.marketValue.back() != seriesOf(m_euro.id).marketValue.back());
}

void TestDashboard::detailsShowAllocationAndGains()
{
    if (!m_service->result())
        waitForValuation(*m_service);
    DashboardView view(m_service.get());
    view.setPortfolioId(0);
    view.setRange(Preset::All);
    QTRY_VERIFY_WITH_TIMEOUT(settled(view), Timeout);

    auto *donut = child<charts::AllocationChart>(view, "allocationChart");
    // By class: stocks and cash (EUR and USD together).
    QCOMPARE(view.allocationGrouping(), DashboardView::AllocationGrouping::ByClass);
    QCOMPARE(donut->sliceCount(), 2);
    double weights = 0;
    for (const charts::AllocationPart &part : donut->parts())
        weights += part.weight;
    QVERIFY2(std::abs(weights - 1) < 1e-9, qPrintable(QString::number(weights)));
    QStringList names{donut->parts().at(0).name, donut->parts().at(1).name};
    names.sort();
    QCOMPARE(names, (QStringList{QStringLiteral("Cash"), QStringLiteral("Stocks")}));
    QVERIFY(donut->parts().at(0).value >= donut->parts().at(1).value); // largest first

    child<QComboBox>(view, "allocationCombo")->setCurrentIndex(1); // by currency
    QCOMPARE(view.allocationGrouping(), DashboardView::AllocationGrouping::ByCurrency);
    QCOMPARE(donut->sliceCount(), 2);
    view.setAllocationGrouping(DashboardView::AllocationGrouping::ByAsset);
    QCOMPARE(donut->sliceCount(), 4); // SAP, AAPL, cash in EUR and in USD

    auto *bars = child<charts::GainBarChart>(view, "gainChart");
    QCOMPARE(bars->bars().size(), 2);
    QStringList labels;
    for (const charts::GainBar &bar : bars->bars())
        labels << bar.label;
    labels.sort();
    QCOMPARE(labels, (QStringList{QStringLiteral("AAPL"), QStringLiteral("SAP")}));
    QVERIFY(bars->bars().at(0).value >= bars->bars().at(1).value); // largest gain on top
    for (int i = 0; i < bars->bars().size(); ++i)
        QCOMPARE(bars->barColor(i), bars->bars().at(i).value >= 0 ? bars->gains()->color() : bars->losses()->color());
}

void TestDashboard::simpleBookReadsAsExpected()
{
    test::TestStore store;
    auto portfolio = store.addPortfolio(QStringLiteral("Simple"), QStringLiteral("EUR"));
    auto asset = store.addAsset(QStringLiteral("XYZ"), QStringLiteral("XYZ AG"), QStringLiteral("EUR"));
    PT_VERIFY_OK(portfolio);
    PT_VERIFY_OK(asset);
    // Closes every weekday (none stale): 100 until 26 June, then 110.
    std::vector<store::PriceRecord> rows;
    for (QDate day(2024, 6, 3); day <= QDate(2024, 6, 27); day = day.addDays(1)) {
        if (day.dayOfWeek() > 5)
            continue;
        store::PriceRecord row{asset->id, {}};
        row.bar.date = day;
        row.bar.close = day < QDate(2024, 6, 27) ? dec("100") : dec("110");
        rows.push_back(row);
    }
    PT_VERIFY_OK(store::PriceRepository(store.db()).upsertMany(rows, u"test"));
    PT_VERIFY_OK(store.cash(TransactionType::Deposit, *portfolio, QDate(2024, 6, 3), "1000", QStringLiteral("EUR")));
    PT_VERIFY_OK(store.trade(TransactionType::Buy, *portfolio, *asset, QDate(2024, 6, 3), "5", "100"));

    ValuationService service;
    service.setLastDay(LastDay);
    service.setDatabase(store.database);
    DashboardView view(&service);
    view.setPortfolioId(portfolio->id);
    view.setRange(Preset::All);
    waitForValuation(service);
    QTRY_VERIFY_WITH_TIMEOUT(settled(view), Timeout);
    // 500 cash + 5 × 110; bought at 100: 50 gained; nothing on the last day.
    QCOMPARE(text(view, "valueLabel"), QStringLiteral("1,050.00 EUR"));
    QCOMPARE(text(view, "gainLabel"), QStringLiteral("+50.00 EUR"));
    QCOMPARE(text(view, "twrLabel"), QStringLiteral("+5.00 %"));
    QCOMPARE(text(view, "dayChangeLabel"), QStringLiteral("0.00 EUR (0.00 %)"));
    QCOMPARE(text(view, "drawdownLabel"), QStringLiteral("0.00 %"));
    QVERIFY(child<QLabel>(view, "warningLabel")->isHidden());
}

void TestDashboard::emptyStoreShowsTheEmptyState()
{
    test::TestStore store;
    ValuationService service;
    service.setLastDay(LastDay);
    service.setDatabase(store.database);
    DashboardView view(&service);
    waitForValuation(service);
    QTRY_VERIFY_WITH_TIMEOUT(settled(view), Timeout);
    QCOMPARE(view.state(), DashboardView::State::Empty);
    QVERIFY(text(view, "messageLabel").contains(QStringLiteral("no entries")));

    // A portfolio without entries next to one with them.
    auto empty = store.addPortfolio(QStringLiteral("Empty"), QStringLiteral("EUR"));
    auto other = store.addPortfolio(QStringLiteral("Other"), QStringLiteral("EUR"));
    PT_VERIFY_OK(empty);
    PT_VERIFY_OK(other);
    PT_VERIFY_OK(store.cash(TransactionType::Deposit, *other, QDate(2024, 6, 3), "100", QStringLiteral("EUR")));
    waitForValuation(service);
    view.setPortfolioId(empty->id);
    QCOMPARE(view.state(), DashboardView::State::Empty);
    QCOMPARE(text(view, "messageLabel"), DashboardView::tr("This portfolio has no entries yet."));
    view.setPortfolioId(other->id);
    QTRY_VERIFY_WITH_TIMEOUT(settled(view), Timeout);
    QCOMPARE(view.state(), DashboardView::State::Ready);
    QCOMPARE(text(view, "valueLabel"), QStringLiteral("100.00 EUR"));
}

void TestDashboard::missingPricesShowAWarning()
{
    test::TestStore store;
    auto portfolio = store.addPortfolio(QStringLiteral("Unpriced"), QStringLiteral("EUR"));
    auto asset = store.addAsset(QStringLiteral("NOPRICE"), QStringLiteral("No Price Ltd"), QStringLiteral("EUR"));
    PT_VERIFY_OK(portfolio);
    PT_VERIFY_OK(asset);
    PT_VERIFY_OK(store.cash(TransactionType::Deposit, *portfolio, QDate(2024, 6, 3), "1000", QStringLiteral("EUR")));
    PT_VERIFY_OK(store.trade(TransactionType::Buy, *portfolio, *asset, QDate(2024, 6, 4), "5", "100"));

    ValuationService service;
    service.setLastDay(LastDay);
    service.setDatabase(store.database);
    DashboardView view(&service);
    view.setPortfolioId(portfolio->id);
    waitForValuation(service);
    QTRY_VERIFY_WITH_TIMEOUT(settled(view), Timeout);
    QCOMPARE(view.state(), DashboardView::State::Ready);
    auto *warning = child<QLabel>(view, "warningLabel");
    QVERIFY(!warning->isHidden());
    QVERIFY2(warning->text().startsWith(QStringLiteral("Some prices or exchange rates are missing: ")),
             qPrintable(warning->text()));
    QVERIFY2(warning->text().contains(QStringLiteral("NOPRICE")), qPrintable(warning->text()));
    // The value leaves the unpriced holding out, and says so rather than hiding it.
    QCOMPARE(text(view, "valueLabel"), QStringLiteral("500.00 EUR"));
    QTRY_VERIFY_WITH_TIMEOUT(!child<QLabel>(view, "allocationNoteLabel")->isHidden(), Timeout);
    QVERIFY(text(view, "allocationNoteLabel").contains(QStringLiteral("NOPRICE")));
}

void TestDashboard::serviceCoalescesRequests()
{
    ValuationService service;
    service.setLastDay(LastDay);
    service.setDatabase(m_store->database);
    QSignalSpy started(&service, &ValuationService::started);
    QSignalSpy ready(&service, &ValuationService::ready);
    service.recompute();
    service.recompute();
    service.recompute();
    QCOMPARE(started.size(), 1); // one runs, one more is queued
    QTRY_VERIFY_WITH_TIMEOUT(ready.size() == 2, Timeout);
    QCOMPARE(started.size(), 2);
    QVERIFY(!service.isRunning());
    QTest::qWait(50);
    QCOMPARE(ready.size(), 2);
    QVERIFY(service.result());
    QCOMPARE(service.result()->options.lastDay, LastDay);
    QCOMPARE(service.result()->valuation.total.marketValue, m_expected.total.marketValue);

    ValuationService none;
    QSignalSpy failed(&none, &ValuationService::failed);
    none.recompute();
    QCOMPARE(failed.size(), 1);
}

// Pictures of the dashboard to look at: only when PT_GRAB_DIR names a folder.
void TestDashboard::grab()
{
    const QString folder = qEnvironmentVariable("PT_GRAB_DIR");
    if (folder.isEmpty())
        QSKIP("set PT_GRAB_DIR to write PNGs of the dashboard");
    if (!m_service->result())
        waitForValuation(*m_service);
    for (const bool dark : {false, true}) {
        DashboardView view(m_service.get());
        if (dark) {
            QPalette palette;
            palette.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
            palette.setColor(QPalette::WindowText, QColor(0xe8, 0xe8, 0xe8));
            palette.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
            palette.setColor(QPalette::Text, QColor(0xe8, 0xe8, 0xe8));
            palette.setColor(QPalette::Button, QColor(0x3a, 0x3a, 0x3a));
            palette.setColor(QPalette::ButtonText, QColor(0xe8, 0xe8, 0xe8));
            palette.setColor(QPalette::Mid, QColor(0x55, 0x55, 0x55));
            view.setPalette(palette);
        }
        view.resize(1100, 760);
        view.setPortfolioId(0);
        view.setRange(Preset::All);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTRY_VERIFY_WITH_TIMEOUT(settled(view), Timeout);
        QTest::qWait(200);
        QVERIFY(view.grab().save(folder + (dark ? QStringLiteral("/dash-dashboard-dark.png") : QStringLiteral("/dash-dashboard.png"))));
    }
    {
        test::TestStore unpriced;
        auto portfolio = unpriced.addPortfolio(QStringLiteral("Unpriced"), QStringLiteral("EUR"));
        auto asset = unpriced.addAsset(QStringLiteral("NOPRICE"), QStringLiteral("No Price Ltd"), QStringLiteral("EUR"));
        PT_VERIFY_OK(unpriced.cash(TransactionType::Deposit, *portfolio, QDate(2024, 6, 3), "1000", QStringLiteral("EUR")));
        PT_VERIFY_OK(unpriced.trade(TransactionType::Buy, *portfolio, *asset, QDate(2024, 6, 4), "5", "100"));
        ValuationService service;
        service.setLastDay(LastDay);
        service.setDatabase(unpriced.database);
        DashboardView view(&service);
        view.resize(1000, 620);
        view.show();
        waitForValuation(service);
        QTRY_VERIFY_WITH_TIMEOUT(settled(view), Timeout);
        QTest::qWait(200);
        QVERIFY(view.grab().save(folder + QStringLiteral("/dash-warning.png")));
        QThreadPool::globalInstance()->waitForDone();
    }
    test::TestStore store;
    ValuationService service;
    service.setDatabase(store.database);
    DashboardView empty(&service);
    empty.resize(600, 300);
    empty.show();
    waitForValuation(service);
    QTRY_VERIFY_WITH_TIMEOUT(settled(empty), Timeout);
    QVERIFY(empty.grab().save(folder + QStringLiteral("/dash-empty.png")));
}

QTEST_MAIN(TestDashboard)
#include "tst_dashboard.moc"
