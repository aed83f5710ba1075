#include "teststore.h"

#include "gui/decimalsortproxymodel.h"
#include "gui/holdingsmodel.h"
#include "gui/itemroles.h"
#include "gui/portfoliolistmodel.h"
#include "gui/transactionsmodel.h"
#include "jobs/pricecache.h"
#include "store/fxraterepository.h"
#include "store/pricerepository.h"

#include <QAbstractItemModelTester>
#include <QFont>
#include <QTimeZone>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTest>

using namespace pt;
using namespace pt::gui;
using pt::test::dec;

class TestModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void portfolioList();
    void portfolioListInsertRemove();
    void portfolioListWithAllRow();
    void holdings();
    void holdingsOfEmptyPortfolio();
    void holdingsShowTheLatestPrice();
    void holdingsValueGainAndWeight();
    void transactions();
    void transactionsInsertUpdateRemove();
    void proxySortsDecimalsNumerically();
    void proxySortsTransactionsByPrice();

private:
    static QVariant cell(const QAbstractItemModel &model, int row, int column, int role = Qt::DisplayRole)
    {
        return model.index(row, column).data(role);
    }

    std::unique_ptr<test::TestStore> m_store;
    Portfolio m_growth;
    Portfolio m_income;
    Asset m_sap;
    Asset m_dte;
    Asset m_bas;
    Asset m_aapl;
};

void TestModels::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    m_store = std::make_unique<test::TestStore>();
    const test::TestStore &s = *m_store;

    auto growth = s.addPortfolio(QStringLiteral("Growth"), QStringLiteral("EUR"));
    PT_VERIFY_OK(growth);
    m_growth = *growth;
    auto income = s.addPortfolio(QStringLiteral("Income"), QStringLiteral("USD"), CostBasisMethod::AverageCost);
    PT_VERIFY_OK(income);
    m_income = *income;

    auto sap = s.addAsset(QStringLiteral("SAP"), QStringLiteral("SAP SE"), QStringLiteral("EUR"));
    PT_VERIFY_OK(sap);
    m_sap = *sap;
    auto dte = s.addAsset(QStringLiteral("DTE"), QStringLiteral("Deutsche Telekom"), QStringLiteral("EUR"));
    PT_VERIFY_OK(dte);
    m_dte = *dte;
    auto bas = s.addAsset(QStringLiteral("BAS"), QStringLiteral("BASF"), QStringLiteral("EUR"));
    PT_VERIFY_OK(bas);
    m_bas = *bas;
    auto aapl = s.addAsset(QStringLiteral("AAPL"), QStringLiteral("Apple"), QStringLiteral("USD"));
    PT_VERIFY_OK(aapl);
    m_aapl = *aapl;

    // Growth: 10 000 EUR in; SAP bought twice, partly sold, paying a dividend;
    // DTE at 9.50 and BAS at 10.25 (prices that sort wrongly as text).
    PT_VERIFY_OK(s.cash(TransactionType::Deposit, m_growth, QDate(2024, 1, 2), "10000", QStringLiteral("EUR")));
    PT_VERIFY_OK(s.trade(TransactionType::Buy, m_growth, m_sap, QDate(2024, 1, 10), "10", "120.5", "5"));
    PT_VERIFY_OK(s.trade(TransactionType::Buy, m_growth, m_sap, QDate(2024, 2, 1), "5", "130", "5"));
    PT_VERIFY_OK(s.trade(TransactionType::Buy, m_growth, m_dte, QDate(2024, 2, 15), "100", "9.5"));
    PT_VERIFY_OK(s.trade(TransactionType::Buy, m_growth, m_bas, QDate(2024, 2, 20), "40", "10.25"));
    PT_VERIFY_OK(s.trade(TransactionType::Sell, m_growth, m_sap, QDate(2024, 3, 1), "4", "140", "5"));
    PT_VERIFY_OK(s.cash(TransactionType::Dividend, m_growth, QDate(2024, 5, 2), "22", QStringLiteral("EUR"),
                        &m_sap, "5.5"));

    // Income: a USD position.
    PT_VERIFY_OK(s.cash(TransactionType::Deposit, m_income, QDate(2024, 1, 3), "5000", QStringLiteral("USD")));
    PT_VERIFY_OK(s.trade(TransactionType::Buy, m_income, m_aapl, QDate(2024, 1, 4), "10", "180.25", "1"));
}

void TestModels::portfolioList()
{
    PortfolioListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    PT_VERIFY_OK(model.reload(m_store->db()));

    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.columnCount(), int(PortfolioListModel::ColumnCount));
    QCOMPARE(cell(model, 0, PortfolioListModel::NameColumn).toString(), QStringLiteral("Growth"));
    QCOMPARE(cell(model, 0, PortfolioListModel::BaseCurrencyColumn).toString(), QStringLiteral("EUR"));
    QCOMPARE(cell(model, 0, PortfolioListModel::CostBasisMethodColumn).toString(), QStringLiteral("FIFO"));
    QCOMPARE(cell(model, 1, PortfolioListModel::NameColumn).toString(), QStringLiteral("Income"));
    QCOMPARE(cell(model, 1, PortfolioListModel::CostBasisMethodColumn).toString(), QStringLiteral("Average cost"));
    QCOMPARE(cell(model, 1, PortfolioListModel::CostBasisMethodColumn, RawValueRole).toString(),
             QStringLiteral("average"));
    QCOMPARE(cell(model, 1, PortfolioListModel::NameColumn, IdRole).toLongLong(), m_income.id);
    QCOMPARE(model.headerData(PortfolioListModel::NameColumn, Qt::Horizontal).toString(),
             QStringLiteral("Portfolio"));
}

void TestModels::portfolioListInsertRemove()
{
    PortfolioListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    PT_VERIFY_OK(model.reload(m_store->db()));

    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

    Portfolio hedge;
    hedge.id = 999;
    hedge.name = QStringLiteral("Hedge");
    hedge.baseCurrency = QStringLiteral("CHF");
    QCOMPARE(model.insertPortfolio(hedge), 1); // between Growth and Income
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 1);
    QCOMPARE(inserted.at(0).at(2).toInt(), 1);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(cell(model, 1, PortfolioListModel::BaseCurrencyColumn).toString(), QStringLiteral("CHF"));

    model.removePortfolio(999);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.at(0).at(1).toInt(), 1);
    QCOMPARE(model.rowCount(), 2);

    // Case does not change the order.
    Portfolio lower;
    lower.id = 998;
    lower.name = QStringLiteral("alpha");
    QCOMPARE(model.insertPortfolio(lower), 0);
    QCOMPARE(model.rowOf(998), 0);
    model.removePortfolio(998);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(reset.count(), 0); // single rows never reset the model
}

void TestModels::portfolioListWithAllRow()
{
    PortfolioListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setShowAll(true);
    QCOMPARE(model.rowCount(), 0); // no portfolios: no "All" either

    Portfolio only;
    only.id = 501;
    only.name = QStringLiteral("Only");
    QCOMPARE(model.insertPortfolio(only), 1); // after the "All" row it brought
    QCOMPARE(model.rowCount(), 2);
    QVERIFY(model.isAllRow(0));
    QCOMPARE(cell(model, 0, PortfolioListModel::NameColumn).toString(), QStringLiteral("All portfolios"));
    QCOMPARE(cell(model, 0, PortfolioListModel::NameColumn, IdRole).toLongLong(), PortfolioListModel::AllPortfolios);
    QCOMPARE(model.portfolioAt(0), nullptr);
    QCOMPARE(model.portfolioAt(1)->id, 501);
    QCOMPARE(model.rowOf(PortfolioListModel::AllPortfolios), 0);
    QCOMPARE(model.rowOf(501), 1);
    model.setTotalCurrency(QStringLiteral("USD"));
    QCOMPARE(cell(model, 0, PortfolioListModel::BaseCurrencyColumn).toString(), QStringLiteral("USD"));

    PT_VERIFY_OK(model.reload(m_store->db()));
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(cell(model, 1, PortfolioListModel::NameColumn).toString(), QStringLiteral("Growth"));
    model.setShowAll(false);
    QCOMPARE(model.rowCount(), 2);
    model.setShowAll(true);
    QCOMPARE(model.rowCount(), 3);

    model.removePortfolio(m_growth.id);
    model.removePortfolio(m_income.id);
    QCOMPARE(model.rowCount(), 0); // the last one took "All" with it
}

void TestModels::holdings()
{
    HoldingsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    PT_VERIFY_OK(model.reload(m_store->db(), m_growth.id));

    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.columnCount(), int(HoldingsModel::ColumnCount));
    // By symbol.
    QCOMPARE(cell(model, 0, HoldingsModel::SymbolColumn).toString(), QStringLiteral("BAS"));
    QCOMPARE(cell(model, 1, HoldingsModel::SymbolColumn).toString(), QStringLiteral("DTE"));
    QCOMPARE(cell(model, 2, HoldingsModel::SymbolColumn).toString(), QStringLiteral("SAP"));

    // SAP, FIFO: 10 @ 120.50 + 5 fee, 5 @ 130 + 5 fee; 4 sold @ 140 - 5 fee.
    // Left: 6 units costing 726 and 5 costing 655; gain 555 - 484 = 71.
    const int sap = 2;
    QCOMPARE(cell(model, sap, HoldingsModel::NameColumn).toString(), QStringLiteral("SAP SE"));
    QCOMPARE(cell(model, sap, HoldingsModel::QuantityColumn).toString(), QStringLiteral("11"));
    QCOMPARE(cell(model, sap, HoldingsModel::QuantityColumn, RawValueRole).value<Decimal>(), dec("11"));
    QCOMPARE(cell(model, sap, HoldingsModel::CostBasisColumn).toString(), QStringLiteral("1,381.00"));
    QCOMPARE(cell(model, sap, HoldingsModel::CostBasisColumn, RawValueRole).value<Decimal>(), dec("1381"));
    QCOMPARE(cell(model, sap, HoldingsModel::AverageCostColumn).toString(), QStringLiteral("125.5455"));
    QCOMPARE(cell(model, sap, HoldingsModel::AverageCostColumn, RawValueRole).value<Decimal>(),
             dec("1381") / dec("11"));
    QCOMPARE(cell(model, sap, HoldingsModel::RealizedGainColumn).toString(), QStringLiteral("71.00"));
    QCOMPARE(cell(model, sap, HoldingsModel::RealizedGainColumn, RawValueRole).value<Decimal>(), dec("71"));
    QCOMPARE(cell(model, sap, HoldingsModel::IncomeColumn).toString(), QStringLiteral("22.00"));
    QCOMPARE(cell(model, sap, HoldingsModel::CurrencyColumn).toString(), QStringLiteral("EUR"));
    QCOMPARE(cell(model, sap, HoldingsModel::SymbolColumn, IdRole).toLongLong(), m_sap.id);

    // DTE: the average cost shows at least the currency's two decimals.
    QCOMPARE(cell(model, 1, HoldingsModel::AverageCostColumn).toString(), QStringLiteral("9.50"));
    QCOMPARE(cell(model, 1, HoldingsModel::CostBasisColumn).toString(), QStringLiteral("950.00"));
    QCOMPARE(cell(model, 1, HoldingsModel::QuantityColumn, Qt::TextAlignmentRole).toInt(),
             int(Qt::AlignRight | Qt::AlignVCenter));

    // Cash is not a row but is kept per currency:
    // 10000 - 1210 - 655 - 950 - 410 + 555 + 22 - 5.5 = 7346.50.
    QCOMPARE(model.cash().size(), std::size_t(1));
    QCOMPARE(model.cash().at(QStringLiteral("EUR")), dec("7346.5"));
}

void TestModels::holdingsShowTheLatestPrice()
{
    store::PriceRecord row;
    row.assetId = m_sap.id;
    row.bar.date = QDate(2024, 6, 3);
    row.bar.close = dec("172.4");
    PT_VERIFY_OK(store::PriceRepository(m_store->db()).upsertMany({&row, 1}, u"test"));

    jobs::PriceCache cache;
    HoldingsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    PT_VERIFY_OK(model.reload(m_store->db(), m_growth.id, &cache));
    const int sap = 2;
    QCOMPARE(cell(model, sap, HoldingsModel::PriceColumn).toString(), QStringLiteral("172.40"));
    QCOMPARE(cell(model, sap, HoldingsModel::PriceColumn, RawValueRole).value<Decimal>(), dec("172.4"));
    QCOMPARE(cell(model, sap, HoldingsModel::PriceDateColumn, RawValueRole).toDate(), QDate(2024, 6, 3));
    QCOMPARE(cell(model, 0, HoldingsModel::PriceColumn).toString(), QString()); // BAS: no price known
    // The read was cached: a price a refresh puts there shows on the next load.
    QVERIFY(cache.get(m_sap.id).has_value());
    cache.put(m_sap.id, dec("175"), QStringLiteral("EUR"), QDateTime(QDate(2024, 6, 4), QTime(15, 0), QTimeZone::utc()));
    PT_VERIFY_OK(model.reload(m_store->db(), m_growth.id, &cache));
    QCOMPARE(cell(model, sap, HoldingsModel::PriceColumn).toString(), QStringLiteral("175.00"));
}

void TestModels::holdingsValueGainAndWeight()
{
    // A euro portfolio holding a euro and a dollar asset:
    //   EURX 10 × 50 = 500 EUR (cost 10 × 40 = 400: +100, +25 %), its price 10 days old;
    //   USDY  4 × 125 = 500 USD = 400 EUR at 1 EUR = 1.25 USD (cost 4 × 100 = 400 USD:
    //   +100 USD, +25 %); weights 500 / 900 = 55.56 % and 400 / 900 = 44.44 %.
    test::TestStore store;
    const Portfolio mixed = *store.addPortfolio(QStringLiteral("Mixed"), QStringLiteral("EUR"));
    const Asset eurx = *store.addAsset(QStringLiteral("EURX"), QStringLiteral("Euro X"), QStringLiteral("EUR"));
    const Asset usdy = *store.addAsset(QStringLiteral("USDY"), QStringLiteral("Dollar Y"), QStringLiteral("USD"));
    const QDate today = QDate::currentDate();
    PT_VERIFY_OK(store.trade(TransactionType::Buy, mixed, eurx, today.addDays(-60), "10", "40"));
    PT_VERIFY_OK(store.trade(TransactionType::Buy, mixed, usdy, today.addDays(-60), "4", "100"));
    store::PriceRecord rows[2];
    rows[0].assetId = eurx.id;
    rows[0].bar.date = today.addDays(-10);
    rows[0].bar.close = dec("50");
    rows[1].assetId = usdy.id;
    rows[1].bar.date = today;
    rows[1].bar.close = dec("125");
    PT_VERIFY_OK(store::PriceRepository(store.db()).upsertMany(rows, u"test"));
    const marketdata::EuroRate rate{today.addDays(-1), QStringLiteral("USD"), dec("1.25")};
    PT_VERIFY_OK(store::FxRateRepository(store.db()).upsertEuroRates({&rate, 1}, u"ecb"));

    HoldingsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    PT_VERIFY_OK(model.reload(store.db(), mixed.id));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(cell(model, 0, HoldingsModel::ValueColumn).toString(), QStringLiteral("500.00"));
    QCOMPARE(cell(model, 0, HoldingsModel::GainColumn).toString(), QStringLiteral("100.00"));
    QCOMPARE(cell(model, 0, HoldingsModel::GainPercentColumn).toString(), QStringLiteral("25.00 %"));
    QCOMPARE(cell(model, 0, HoldingsModel::WeightColumn).toString(), QStringLiteral("55.56 %"));
    QCOMPARE(cell(model, 1, HoldingsModel::ValueColumn).toString(), QStringLiteral("500.00"));
    QCOMPARE(cell(model, 1, HoldingsModel::CurrencyColumn).toString(), QStringLiteral("USD"));
    QCOMPARE(cell(model, 1, HoldingsModel::WeightColumn).toString(), QStringLiteral("44.44 %"));
    // Weights sum to 100 % exactly before rounding for display.
    QCOMPARE(cell(model, 0, HoldingsModel::WeightColumn, RawValueRole).value<Decimal>()
                 + cell(model, 1, HoldingsModel::WeightColumn, RawValueRole).value<Decimal>(),
             dec("100"));
    // The euro asset's price is 10 days old: marked stale, in italics, with a reason.
    QVERIFY2(cell(model, 0, HoldingsModel::PriceDateColumn).toString().endsWith(QStringLiteral("(stale)")),
             qPrintable(cell(model, 0, HoldingsModel::PriceDateColumn).toString()));
    QVERIFY(cell(model, 0, HoldingsModel::PriceDateColumn, Qt::FontRole).value<QFont>().italic());
    QVERIFY(cell(model, 0, HoldingsModel::PriceDateColumn, Qt::ToolTipRole).toString().contains(QStringLiteral("10")));
    QVERIFY(!cell(model, 1, HoldingsModel::PriceDateColumn).toString().contains(QStringLiteral("stale")));
}

void TestModels::holdingsOfEmptyPortfolio()
{
    HoldingsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    PT_VERIFY_OK(model.reload(m_store->db(), m_income.id));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(cell(model, 0, HoldingsModel::CostBasisColumn).toString(), QStringLiteral("1,803.50"));
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(model.cash().empty());
}

void TestModels::transactions()
{
    TransactionsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    PT_VERIFY_OK(model.reload(m_store->db(), m_growth.id));

    QCOMPARE(model.rowCount(), 7);
    QCOMPARE(model.columnCount(), int(TransactionsModel::ColumnCount));

    // Replay order: the deposit first.
    QCOMPARE(cell(model, 0, TransactionsModel::TypeColumn).toString(), QStringLiteral("Deposit"));
    QCOMPARE(cell(model, 0, TransactionsModel::TypeColumn, RawValueRole).toString(), QStringLiteral("deposit"));
    QCOMPARE(cell(model, 0, TransactionsModel::DateColumn).toString(), QStringLiteral("1/2/2024"));
    QCOMPARE(cell(model, 0, TransactionsModel::DateColumn, RawValueRole).toDate(), QDate(2024, 1, 2));
    QCOMPARE(cell(model, 0, TransactionsModel::AmountColumn).toString(), QStringLiteral("10,000.00"));
    QCOMPARE(cell(model, 0, TransactionsModel::AssetColumn).toString(), QString());
    QCOMPARE(cell(model, 0, TransactionsModel::QuantityColumn).toString(), QString());
    QVERIFY(!cell(model, 0, TransactionsModel::PriceColumn, RawValueRole).isValid());

    // The first buy: amount is the gross value of the trade.
    QCOMPARE(cell(model, 1, TransactionsModel::TypeColumn).toString(), QStringLiteral("Buy"));
    QCOMPARE(cell(model, 1, TransactionsModel::AssetColumn).toString(), QStringLiteral("SAP"));
    QCOMPARE(cell(model, 1, TransactionsModel::QuantityColumn).toString(), QStringLiteral("10"));
    QCOMPARE(cell(model, 1, TransactionsModel::PriceColumn).toString(), QStringLiteral("120.50"));
    QCOMPARE(cell(model, 1, TransactionsModel::PriceColumn, RawValueRole).value<Decimal>(), dec("120.5"));
    QCOMPARE(cell(model, 1, TransactionsModel::AmountColumn).toString(), QStringLiteral("1,205.00"));
    QCOMPARE(cell(model, 1, TransactionsModel::FeeColumn).toString(), QStringLiteral("5.00"));
    QCOMPARE(cell(model, 1, TransactionsModel::CurrencyColumn).toString(), QStringLiteral("EUR"));

    // The dividend: gross amount and the withheld fee.
    QCOMPARE(cell(model, 6, TransactionsModel::TypeColumn).toString(), QStringLiteral("Dividend"));
    QCOMPARE(cell(model, 6, TransactionsModel::AmountColumn).toString(), QStringLiteral("22.00"));
    QCOMPARE(cell(model, 6, TransactionsModel::FeeColumn).toString(), QStringLiteral("5.50"));
    QCOMPARE(cell(model, 6, TransactionsModel::PriceColumn).toString(), QString());

    // Another portfolio's entries are not listed.
    PT_VERIFY_OK(model.reload(m_store->db(), m_income.id));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(cell(model, 1, TransactionsModel::AssetColumn).toString(), QStringLiteral("AAPL"));
}

void TestModels::transactionsInsertUpdateRemove()
{
    TransactionsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    PT_VERIFY_OK(model.reload(m_store->db(), m_growth.id));
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

    // Dated between the second SAP buy (row 2) and the DTE buy (row 3).
    auto added = m_store->trade(TransactionType::Buy, m_growth, m_dte, QDate(2024, 2, 10), "3", "9.75");
    PT_VERIFY_OK(added);
    model.insertTransaction(*added);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 3);
    QCOMPARE(model.rowCount(), 8);
    QCOMPARE(cell(model, 3, TransactionsModel::PriceColumn).toString(), QStringLiteral("9.75"));

    // An entry of another portfolio is ignored.
    Transaction other = *added;
    other.id = 123456;
    other.portfolioId = m_income.id;
    model.insertTransaction(other);
    QCOMPARE(model.rowCount(), 8);

    // A change in place is a dataChanged; a new date moves the row.
    Transaction edited = *added;
    edited.note = QStringLiteral("top-up");
    auto stored = m_store->ledger().edit(edited);
    PT_VERIFY_OK(stored);
    model.updateTransaction(*stored);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(cell(model, 3, TransactionsModel::NoteColumn).toString(), QStringLiteral("top-up"));

    PT_VERIFY_OK(m_store->ledger().remove(added->id));
    model.removeTransaction(added->id);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.at(0).at(1).toInt(), 3);
    QCOMPARE(model.rowCount(), 7);
    QCOMPARE(reset.count(), 0);
}

void TestModels::proxySortsDecimalsNumerically()
{
    QStandardItemModel source;
    for (const char *text : {"10.25", "9.5", "100", "-3", ""}) {
        auto *item = new QStandardItem(QString::fromLatin1(text));
        if (*text)
            item->setData(QVariant::fromValue(dec(text)), RawValueRole);
        source.appendRow(item);
    }
    DecimalSortProxyModel proxy;
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setSourceModel(&source);
    proxy.sort(0, Qt::AscendingOrder);

    QStringList order;
    for (int row = 0; row < proxy.rowCount(); ++row)
        order << proxy.index(row, 0).data().toString();
    // Empty first; then by value, not as text ("10.25" < "100" < "9.5").
    QCOMPARE(order, (QStringList{QString(), QStringLiteral("-3"), QStringLiteral("9.5"),
                                 QStringLiteral("10.25"), QStringLiteral("100")}));

    proxy.sort(0, Qt::DescendingOrder);
    QCOMPARE(proxy.index(0, 0).data().toString(), QStringLiteral("100"));
}

void TestModels::proxySortsTransactionsByPrice()
{
    TransactionsModel model;
    PT_VERIFY_OK(model.reload(m_store->db(), m_growth.id));
    DecimalSortProxyModel proxy;
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setSourceModel(&model);
    proxy.sort(TransactionsModel::PriceColumn, Qt::AscendingOrder);

    QStringList prices;
    for (int row = 0; row < proxy.rowCount(); ++row) {
        const QString price = proxy.index(row, TransactionsModel::PriceColumn).data().toString();
        if (!price.isEmpty())
            prices << price;
    }
    QCOMPARE(prices, (QStringList{QStringLiteral("9.50"), QStringLiteral("10.25"), QStringLiteral("120.50"),
                                  QStringLiteral("130.00"), QStringLiteral("140.00")}));
}

QTEST_MAIN(TestModels)
#include "tst_models.moc"
