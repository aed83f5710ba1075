// The asset detail over a real SQLite store: the position figures are the
// ledger's (quantity, average cost, cost basis, realized gain, income) with the
// market value at the latest close, in one portfolio or across all; the price
// chart marks the user's own buys and sells and its range buttons narrow it.

#include "teststore.h"

#include "gui/assetdetailview.h"
#include "gui/charts/pricechart.h"
#include "gui/charts/timeserieschart.h"
#include "gui/dashboardview.h"
#include "store/pricerepository.h"

#include <QLabel>
#include <QSignalSpy>
#include <QTest>
#include <QThreadPool>
#include <QToolButton>

using namespace pt;
using namespace pt::gui;
using Preset = valuation::Range::Preset;

namespace {

constexpr int Timeout = 60000;

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

} // namespace

class TestAssetDetail : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void showsThePositionOfOnePortfolio();
    void sumsThePositionOverAllPortfolios();
    void marksTradesAndFollowsTheRange();
    void reportsAnAssetWithoutPrices();
    void grab();

private:
    void load(AssetDetailView &view, RowId assetId, RowId portfolioId);

    std::unique_ptr<test::TestStore> m_store;
    Portfolio m_first;
    Portfolio m_second;
    Asset m_sap;
    Asset m_bare;
    QDate m_lastBar;
};

// Pool threads close their store connections as they end: before the store goes.
void TestAssetDetail::cleanup()
{
    QThreadPool::globalInstance()->waitForDone();
}

void TestAssetDetail::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    m_store = std::make_unique<test::TestStore>();
    m_first = *m_store->addPortfolio(QStringLiteral("First"), QStringLiteral("EUR"));
    m_second = *m_store->addPortfolio(QStringLiteral("Second"), QStringLiteral("EUR"));
    m_sap = *m_store->addAsset(QStringLiteral("SAP"), QStringLiteral("SAP SE"), QStringLiteral("EUR"));
    m_bare = *m_store->addAsset(QStringLiteral("BARE"), QStringLiteral("No Prices AG"), QStringLiteral("EUR"));

    // 400 days of full bars, 100 rising by 0.10 a day.
    std::vector<store::PriceRecord> rows;
    const QDate first(2023, 1, 1);
    for (int i = 0; i < 400; ++i) {
        store::PriceRecord row;
        row.assetId = m_sap.id;
        row.bar.date = first.addDays(i);
        row.bar.close = Decimal(100) + Decimal::fromInteger(i) / Decimal(10);
        row.bar.open = row.bar.close - Decimal(1);
        row.bar.high = row.bar.close + Decimal(1);
        row.bar.low = row.bar.close - Decimal(2);
        rows.push_back(row);
    }
    m_lastBar = rows.back().bar.date; // 2024-02-04, close 139.90
    PT_VERIFY_OK(store::PriceRepository(m_store->db()).upsertMany(rows, u"test"));

    using T = TransactionType;
    PT_VERIFY_OK(m_store->cash(T::Deposit, m_first, QDate(2023, 1, 2), "10000", QStringLiteral("EUR")));
    PT_VERIFY_OK(m_store->trade(T::Buy, m_first, m_sap, QDate(2023, 2, 1), "10", "103", "5"));
    PT_VERIFY_OK(m_store->trade(T::Buy, m_first, m_sap, QDate(2023, 6, 1), "10", "115", "5"));
    PT_VERIFY_OK(m_store->trade(T::Sell, m_first, m_sap, QDate(2024, 1, 15), "5", "137", "5"));
    PT_VERIFY_OK(m_store->cash(T::Dividend, m_first, QDate(2023, 5, 20), "15.50", QStringLiteral("EUR"), &m_sap));
    PT_VERIFY_OK(m_store->cash(T::Deposit, m_second, QDate(2023, 1, 2), "5000", QStringLiteral("EUR")));
    PT_VERIFY_OK(m_store->trade(T::Buy, m_second, m_sap, QDate(2023, 3, 1), "4", "106"));
}

void TestAssetDetail::load(AssetDetailView &view, RowId assetId, RowId portfolioId)
{
    QSignalSpy loaded(&view, &AssetDetailView::loaded);
    QSignalSpy failed(&view, &AssetDetailView::failed);
    view.setDatabase(m_store->database);
    view.setAsset(assetId, portfolioId);
    QVERIFY(view.isLoading());
    QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty() || !failed.isEmpty(), Timeout);
    QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(0).toString()));
    QVERIFY(!view.isLoading());
}

void TestAssetDetail::showsThePositionOfOnePortfolio()
{
    AssetDetailView view;
    load(view, m_sap.id, m_first.id);
    QCOMPARE(text(view, "titleLabel"), QStringLiteral("SAP — SAP SE"));
    // FIFO: bought 10 at 103 + 5 and 10 at 115 + 5 (cost 2,190); sold 5 of the
    // first lot (cost 517.50) for 685 − 5 = 680: realized 162.50.
    QCOMPARE(text(view, "quantityLabel"), QStringLiteral("15"));
    QCOMPARE(text(view, "costBasisLabel"), QStringLiteral("1,672.50 EUR"));
    QCOMPARE(text(view, "averageCostLabel"), QStringLiteral("111.50 EUR"));
    QCOMPARE(text(view, "realizedLabel"), QStringLiteral("+162.50 EUR"));
    QCOMPARE(text(view, "incomeLabel"), QStringLiteral("15.50 EUR"));
    // 15 × 139.90 = 2,098.50; unrealized 426.00 on 1,672.50 = 25.47 %.
    QCOMPARE(text(view, "marketValueLabel"), QStringLiteral("2,098.50 EUR"));
    QCOMPARE(text(view, "unrealizedLabel"), QStringLiteral("+426.00 EUR (+25.47 %)"));
}

void TestAssetDetail::sumsThePositionOverAllPortfolios()
{
    AssetDetailView view;
    load(view, m_sap.id, 0);
    QCOMPARE(text(view, "quantityLabel"), QStringLiteral("19"));
    QCOMPARE(text(view, "costBasisLabel"), QStringLiteral("2,096.50 EUR")); // + 4 × 106
    QCOMPARE(text(view, "marketValueLabel"), QStringLiteral("2,658.10 EUR")); // 19 × 139.90

    auto *chart = child<charts::PriceChart>(view, "priceChart");
    view.setRange(Preset::All);
    QCOMPARE(chart->buyPoints().size(), 3); // both portfolios' buys
    QCOMPARE(chart->sellPoints().size(), 1);
}

void TestAssetDetail::marksTradesAndFollowsTheRange()
{
    AssetDetailView view;
    view.resize(900, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    load(view, m_sap.id, m_first.id);
    auto *chart = child<charts::PriceChart>(view, "priceChart");

    // 1Y: 2023-02-04 .. 2024-02-04, 366 bars: a line; the June buy and the
    // January sell fall inside it, the February buy just before it.
    QCOMPARE(view.rangePreset(), Preset::OneYear);
    QCOMPARE(chart->visibleBarCount(), 366);
    QVERIFY(!chart->showsCandles());
    QCOMPARE(chart->buyPoints(), (QList<QPointF>{{charts::TimeSeriesChart::xOf(QDate(2023, 6, 1)), 115}}));
    QCOMPARE(chart->sellPoints(), (QList<QPointF>{{charts::TimeSeriesChart::xOf(QDate(2024, 1, 15)), 137}}));

    // 3M from the keyboard-reachable buttons: candlesticks.
    QTest::mouseClick(child<QToolButton>(view, "range3M"), Qt::LeftButton);
    QCOMPARE(view.rangePreset(), Preset::ThreeMonths);
    QVERIFY(chart->showsCandles());
    QCOMPARE(chart->visibleBarCount(), 93); // 2023-11-04 .. 2024-02-04
    QCOMPARE(chart->buyPoints().size(), 0);
    QCOMPARE(chart->sellPoints().size(), 1);

    QTest::mouseClick(child<QToolButton>(view, "rangeAll"), Qt::LeftButton);
    QCOMPARE(chart->visibleBarCount(), 400);
    QCOMPARE(chart->buyPoints().size(), 2);
}

void TestAssetDetail::reportsAnAssetWithoutPrices()
{
    AssetDetailView view;
    load(view, m_bare.id, m_first.id);
    QCOMPARE(text(view, "quantityLabel"), QStringLiteral("—"));
    QVERIFY(child<QLabel>(view, "messageLabel")->isVisibleTo(&view));
    QVERIFY2(text(view, "messageLabel").contains(QStringLiteral("no prices for BARE")), qPrintable(text(view, "messageLabel")));
    QVERIFY(text(view, "messageLabel").contains(QStringLiteral("Not held")));
    QCOMPARE(child<charts::PriceChart>(view, "priceChart")->visibleBarCount(), 0);
}

void TestAssetDetail::grab()
{
    const QString folder = qEnvironmentVariable("PT_GRAB_DIR");
    if (folder.isEmpty())
        QSKIP("set PT_GRAB_DIR to write PNGs of the asset detail");
    for (const Preset preset : {Preset::OneYear, Preset::ThreeMonths}) {
        AssetDetailView view;
        view.resize(1000, 520);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        load(view, m_sap.id, m_first.id);
        view.setRange(preset);
        QTest::qWait(200);
        QVERIFY(view.grab().save(folder
                                 + (preset == Preset::OneYear ? QStringLiteral("/dash-asset-1y.png")
                                                              : QStringLiteral("/dash-asset-3m.png"))));
    }
}

QTEST_MAIN(TestAssetDetail)
#include "tst_assetdetail.moc"
