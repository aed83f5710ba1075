// The app's side of alerts (C7) over a real store: the snapshot timer values
// the book on a worker and reports the alerts that fired, the alerts log model
// (checked by QAbstractItemModelTester) lists them newest first with unread
// ones in bold and says in a sentence what crossed what, "Mark all read" is
// kept in the store, and the notifier (no system tray offscreen) still reports
// the new alerts through its status message.

#include "teststore.h"

#include "gui/alertnotifier.h"
#include "gui/alertsmodel.h"
#include "gui/alertsview.h"
#include "gui/itemroles.h"
#include "gui/snapshottimer.h"
#include "store/pricerepository.h"

#include <QAbstractItemModelTester>
#include <QFont>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QThreadPool>

using namespace pt;
using namespace pt::gui;

class TestAlerts : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TestStore> m_store;
    Portfolio m_portfolio;
    Asset m_asset;

    void close(QDate day, const char *value) const
    {
        store::PriceRecord record{m_asset.id, {}};
        record.bar.date = day;
        record.bar.close = test::dec(value);
        QVERIFY(store::PriceRepository(m_store->db()).upsertCloses({&record, 1}).ok());
    }

    // Takes one snapshot through the timer and returns the alerts it reported.
    std::vector<store::AlertEvent> snapshotNow() const
    {
        SnapshotTimer timer(m_store->database);
        std::vector<store::AlertEvent> fired;
        connect(&timer, &SnapshotTimer::alertsFired, &timer,
                [&fired](const std::vector<store::AlertEvent> &events) { fired = events; });
        QSignalSpy taken(&timer, &SnapshotTimer::snapshotTaken);
        QSignalSpy failed(&timer, &SnapshotTimer::failed);
        timer.takeNow();
        timer.takeNow(); // merged: runs once more after the first, never alongside it
        if (!taken.wait(30'000) || (taken.size() < 2 && !taken.wait(30'000)))
            qWarning() << "no snapshot:" << failed;
        return fired;
    }

private Q_SLOTS:
    void init()
    {
        m_store = std::make_unique<test::TestStore>();
        m_portfolio = *m_store->addPortfolio(QStringLiteral("Retirement"), QStringLiteral("EUR"));
        m_asset = *m_store->addAsset(QStringLiteral("SAP"), QStringLiteral("SAP SE"), QStringLiteral("EUR"));
        const QDate today = QDate::currentDate();
        QVERIFY(m_store->cash(TransactionType::Deposit, m_portfolio, today.addDays(-30), "1000", QStringLiteral("EUR")));
        QVERIFY(m_store->trade(TransactionType::Buy, m_portfolio, m_asset, today.addDays(-30), "10", "100"));
        close(today.addDays(-30), "100");
    }

    void cleanup()
    {
        QThreadPool::globalInstance()->waitForDone();
        m_store.reset();
    }

    void aLossBeyondTheDefaultFiresOnceAndShowsInTheLog()
    {
        QVERIFY(snapshotNow().empty()); // at cost: nothing to say
        close(QDate::currentDate().addDays(-1), "94"); // −6 % against the cost basis of 1,000
        const auto fired = snapshotNow();
        QCOMPARE(fired.size(), std::size_t(1));
        QCOMPARE(fired.front().kind, store::AlertKind::PortfolioLoss);
        QVERIFY(snapshotNow().empty()); // still beyond: fired once per crossing

        AlertsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setDatabase(m_store->database);
        QSignalSpy loaded(&model, &AlertsModel::loaded);
        model.reload();
        QVERIFY(loaded.wait(10'000));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.unreadCount(), 1);
        QCOMPARE(model.index(0, AlertsModel::SubjectColumn).data().toString(), QStringLiteral("Retirement"));
        QCOMPARE(model.index(0, AlertsModel::ObservedColumn).data(RawValueRole).value<Decimal>(), test::dec("-6"));
        QCOMPARE(model.index(0, AlertsModel::ThresholdColumn).data(RawValueRole).value<Decimal>(), test::dec("-5"));
        const QString sentence = model.index(0, AlertsModel::AlertColumn).data().toString();
        QVERIFY2(sentence.contains(QStringLiteral("Retirement")) && sentence.contains(QStringLiteral("-6 %"))
                     && sentence.contains(QStringLiteral("-5 %")),
                 qPrintable(sentence));
        QVERIFY(model.index(0, AlertsModel::AlertColumn).data(Qt::FontRole).value<QFont>().bold());

        // The view: unread count, and "Mark all read" kept in the store.
        AlertsView view(&model);
        auto *summary = view.findChild<QLabel *>(QStringLiteral("alertsSummaryLabel"));
        auto *markRead = view.findChild<QPushButton *>(QStringLiteral("markAlertsReadButton"));
        QVERIFY(summary && markRead);
        QVERIFY2(summary->text().contains(QStringLiteral("1")), qPrintable(summary->text()));
        QVERIFY(markRead->isEnabled());
        markRead->click();
        QCOMPARE(model.unreadCount(), 0);
        QVERIFY(!markRead->isEnabled());
        QVERIFY(!model.index(0, AlertsModel::AlertColumn).data(Qt::FontRole).value<QFont>().bold());
        QTRY_COMPARE_WITH_TIMEOUT(*store::AlertRepository(m_store->db()).unreadCount(), 0, 10'000);
    }

    void recoveryRearmsAndTheNotifierReportsTheNextCrossing()
    {
        close(QDate::currentDate().addDays(-2), "94");
        QCOMPARE(snapshotNow().size(), std::size_t(1));
        close(QDate::currentDate().addDays(-1), "100"); // back at cost: re-armed, silent
        QVERIFY(snapshotNow().empty());
        close(QDate::currentDate(), "111"); // +11 %: the default gain alert
        const auto fired = snapshotNow();
        QCOMPARE(fired.size(), std::size_t(1));
        QCOMPARE(fired.front().kind, store::AlertKind::PortfolioGain);

        AlertsModel model;
        model.setDatabase(m_store->database);
        AlertNotifier notifier(&model);
        QVERIFY(!notifier.hasTray()); // the offscreen platform has none
        QSignalSpy message(&notifier, &AlertNotifier::message);
        notifier.notify(fired);
        QVERIFY(message.wait(10'000));
        const QString text = message.takeFirst().at(0).toString();
        QVERIFY2(text.contains(QStringLiteral("Retirement")) && text.contains(QStringLiteral("11 %")), qPrintable(text));
        QCOMPARE(model.rowCount(), 2); // newest first
        QCOMPARE(model.eventAt(0)->kind, store::AlertKind::PortfolioGain);
    }
};

QTEST_MAIN(TestAlerts)
#include "tst_alerts.moc"
