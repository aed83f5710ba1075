// The valuation behind the dashboard: the first request draws the series the
// last snapshot stored (a provisional result, no inputs) until the store is
// valued again, and the real result always replaces it — never the other way
// round — with the same totals when nothing changed since the snapshot.

#include "teststore.h"

#include "gui/valuationservice.h"
#include "snapshots/snapshotservice.h"
#include "store/pricerepository.h"

#include <QSignalSpy>
#include <QTest>
#include <QThreadPool>

using namespace pt;
using namespace pt::gui;

class TestValuationService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { QThreadPool::globalInstance()->waitForDone(); }

    void storedSeriesComeFirstAndTheRealValuationLast()
    {
        test::TestStore store;
        const Portfolio portfolio = *store.addPortfolio(QStringLiteral("Main"), QStringLiteral("EUR"));
        const Asset asset = *store.addAsset(QStringLiteral("ACME"), QStringLiteral("Acme"), QStringLiteral("EUR"));
        const QDate today = QDate::currentDate();
        QVERIFY(store.cash(TransactionType::Deposit, portfolio, today.addDays(-40), "1000", QStringLiteral("EUR")));
        QVERIFY(store.trade(TransactionType::Buy, portfolio, asset, today.addDays(-40), "5", "100"));
        store::PriceRecord close{asset.id, {}};
        close.bar.date = today.addDays(-2);
        close.bar.close = test::dec("120");
        PT_VERIFY_OK(store::PriceRepository(store.db()).upsertCloses({&close, 1}));
        PT_VERIFY_OK(snapshots::takeSnapshot(store.db(), QDateTime::currentDateTimeUtc()));

        ValuationService service;
        service.setDatabase(store.database);
        std::vector<std::shared_ptr<const ValuationService::Result>> published;
        connect(&service, &ValuationService::ready, &service, [&] { published.push_back(service.result()); });
        service.recompute();
        QTRY_VERIFY_WITH_TIMEOUT(!published.empty() && !published.back()->provisional, 10'000);
        QThreadPool::globalInstance()->waitForDone();
        QCoreApplication::processEvents();

        // Whatever came first, the real valuation is last and stays.
        QVERIFY(!service.result()->provisional);
        QVERIFY(!published.back()->provisional);
        for (std::size_t i = 0; i + 1 < published.size(); ++i)
            QVERIFY(published[i]->provisional);
        const auto &real = service.result()->valuation.total;
        // 1,000 deposited, 500 spent, 5 × 120 held: 1,100 on the last day.
        QCOMPARE(real.marketValue.back(), test::dec("1100"));
        QVERIFY(service.result()->hasEntries());
        for (const auto &result : published) {
            if (!result->provisional)
                continue;
            // The stored series: the same days and values the snapshot wrote.
            QVERIFY(result->hasEntries());
            QCOMPARE(result->valuation.total.first, real.first);
            QCOMPARE(result->valuation.total.marketValue, real.marketValue);
            QVERIFY(result->inputs.transactions.empty()); // nothing per holding
        }
    }

    void aStoreNoSnapshotHasSeenGoesStraightToTheValuation()
    {
        test::TestStore store;
        const Portfolio portfolio = *store.addPortfolio(QStringLiteral("Main"), QStringLiteral("EUR"));
        QVERIFY(store.cash(TransactionType::Deposit, portfolio, QDate::currentDate(), "10", QStringLiteral("EUR")));
        ValuationService service;
        service.setDatabase(store.database);
        QSignalSpy ready(&service, &ValuationService::ready);
        service.recompute();
        QVERIFY(ready.wait(10'000));
        QThreadPool::globalInstance()->waitForDone();
        QCoreApplication::processEvents();
        QCOMPARE(ready.size(), 1);
        QVERIFY(!service.result()->provisional);
    }
};

QTEST_MAIN(TestValuationService)
#include "tst_valuationservice.moc"
