// The transactions table's filters (type, asset, date range) and the bar that
// drives them, over a hand-made book; the proxy is checked throughout by
// QAbstractItemModelTester while filters change and rows come and go.

#include "teststore.h"

#include "gui/transactionfilterbar.h"
#include "gui/transactionfilterproxymodel.h"
#include "gui/transactionsmodel.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDateEdit>
#include <QLineEdit>
#include <QTest>
#include <QToolButton>

using namespace pt;
using namespace pt::gui;

namespace {

Transaction entry(RowId id, TransactionType type, QDate date, RowId asset = 0)
{
    Transaction t;
    t.id = id;
    t.portfolioId = 1;
    t.type = type;
    t.date = date;
    t.assetId = asset;
    t.quantity = test::dec("1");
    t.price = test::dec("10");
    t.amount = test::dec("100");
    t.currency = QStringLiteral("EUR");
    t.stamp.uuid = QUuid::createUuid();
    return t;
}

Asset asset(RowId id, const char *symbol)
{
    Asset a;
    a.id = id;
    a.symbol = QString::fromLatin1(symbol);
    a.name = a.symbol;
    a.currency = QStringLiteral("EUR");
    return a;
}

} // namespace

class TestFilters : public QObject
{
    Q_OBJECT

private:
    TransactionsModel m_model;
    TransactionFilterProxyModel m_proxy;
    std::unique_ptr<QAbstractItemModelTester> m_tester;

private Q_SLOTS:
    void init()
    {
        TransactionsModel::Content content;
        content.portfolioId = 1;
        content.assets = {asset(7, "SAP"), asset(8, "AAPL")};
        content.transactions = {entry(1, TransactionType::Deposit, QDate(2024, 1, 2)),
                                entry(2, TransactionType::Buy, QDate(2024, 1, 10), 7),
                                entry(3, TransactionType::Buy, QDate(2024, 3, 5), 8),
                                entry(4, TransactionType::Dividend, QDate(2024, 5, 20), 7),
                                entry(5, TransactionType::Sell, QDate(2024, 9, 1), 8)};
        m_model.setContent(content);
        m_proxy.setSourceModel(&m_model);
        m_tester = std::make_unique<QAbstractItemModelTester>(
            &m_proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    }

    void cleanup()
    {
        m_tester.reset();
        m_proxy.clearFilters();
    }

    void filtersCombine()
    {
        QCOMPARE(m_proxy.rowCount(), 5);
        QVERIFY(!m_proxy.isFiltering());
        m_proxy.setTypeFilter(TransactionType::Buy);
        QCOMPARE(m_proxy.rowCount(), 2);
        m_proxy.setAssetFilter(QStringLiteral("sa")); // ignoring case
        QCOMPARE(m_proxy.rowCount(), 1);
        QCOMPARE(m_proxy.index(0, TransactionsModel::AssetColumn).data().toString(), QStringLiteral("SAP"));
        m_proxy.setTypeFilter(std::nullopt);
        QCOMPARE(m_proxy.rowCount(), 2); // SAP's buy and dividend
        m_proxy.setDateRange(QDate(2024, 2, 1), {});
        QCOMPARE(m_proxy.rowCount(), 1); // the dividend
        m_proxy.setAssetFilter({});
        m_proxy.setDateRange({}, QDate(2024, 3, 5)); // inclusive
        QCOMPARE(m_proxy.rowCount(), 3);
        QVERIFY(m_proxy.isFiltering());
        m_proxy.clearFilters();
        QCOMPARE(m_proxy.rowCount(), 5);
    }

    void newRowsAreFilteredToo()
    {
        m_proxy.setTypeFilter(TransactionType::Sell);
        QCOMPARE(m_proxy.rowCount(), 1);
        m_model.insertTransaction(entry(6, TransactionType::Sell, QDate(2024, 10, 1), 7));
        m_model.insertTransaction(entry(7, TransactionType::Buy, QDate(2024, 10, 2), 7));
        QCOMPARE(m_proxy.rowCount(), 2);
        m_model.removeTransaction(6);
        QCOMPARE(m_proxy.rowCount(), 1);
    }

    void barDrivesTheProxy()
    {
        TransactionFilterBar bar(&m_proxy);
        auto *type = bar.findChild<QComboBox *>(QStringLiteral("typeFilterCombo"));
        auto *assetEdit = bar.findChild<QLineEdit *>(QStringLiteral("assetFilterEdit"));
        auto *from = bar.findChild<QDateEdit *>(QStringLiteral("fromDateEdit"));
        auto *clear = bar.findChild<QToolButton *>(QStringLiteral("clearFiltersButton"));
        QVERIFY(type && assetEdit && from && clear);
        QVERIFY(!clear->isEnabled());
        QCOMPARE(from->text(), QStringLiteral("Any"));

        type->setCurrentIndex(type->findData(int(TransactionType::Buy)));
        QCOMPARE(m_proxy.rowCount(), 2);
        QTest::keyClicks(assetEdit, QStringLiteral("aapl"));
        QCOMPARE(m_proxy.rowCount(), 1);
        from->setDate(QDate(2024, 4, 1));
        QCOMPARE(m_proxy.rowCount(), 0);
        QVERIFY(clear->isEnabled());
        clear->click();
        QCOMPARE(m_proxy.rowCount(), 5);
        QCOMPARE(from->text(), QStringLiteral("Any"));
        QVERIFY(!clear->isEnabled());
    }
};

QTEST_MAIN(TestFilters)
#include "tst_filters.moc"
