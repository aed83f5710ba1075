// Snapshots and alerts on a real store: what a snapshot writes, one per hour
// and one close per day, the series rewritten from the first changed day, the
// loss alert firing once per crossing, and a failure that leaves nothing.

#include "../common/testsupport.h"

#include "ledger/ledgerservice.h"
#include "snapshots/snapshotservice.h"
#include "store/alertrepository.h"
#include "store/assetrepository.h"
#include "store/portfoliorepository.h"
#include "store/pricerepository.h"
#include "store/snapshotrepository.h"

#include <QSqlQuery>

using namespace pt;
using namespace pt::store;
using namespace Qt::StringLiterals;
using pt::test::dec;

class SnapshotServiceTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void snapshotWritesTotalsAndPositions();
    void oneSnapshotPerHourAndOneClosePerDay();
    void seriesRewrittenFromFirstChangedDay();
    void lossFiresOncePerCrossing();
    void thresholdsChangeAndTurnOff();
    void priceRuleOnAnAssetNotHeld();
    void failureLeavesNothing();

private:
    // 2024-03-04 (a Monday) at hh:mm UTC; the tests run in UTC.
    static QDateTime at(int hour, int minute = 0, int day = 4)
    {
        return QDateTime(QDate(2024, 3, day), QTime(hour, minute), QTimeZone::utc());
    }
    Result<snapshots::SnapshotOutcome> take(const QDateTime &now)
    {
        snapshots::SnapshotOptions options;
        options.timeZone = QTimeZone::utc();
        return snapshots::takeSnapshot(m_store->db(), now, SnapshotKind::Hourly, options);
    }
    void setClose(Asset asset, QDate day, const char *close)
    {
        PriceRecord record { asset.id, DailyPrice {} };
        record.bar.date = day;
        record.bar.close = dec(close);
        PT_VERIFY_OK(PriceRepository(m_store->db()).upsertCloses(std::span(&record, 1)));
    }
    int rows(const QString &table)
    {
        QSqlQuery query(m_store->db().connection());
        if (!query.exec(u"SELECT COUNT(*) FROM "_s + table) || !query.next())
            return -1;
        return query.value(0).toInt();
    }
    AlertRule lossRule()
    {
        const auto rules = AlertRepository(m_store->db()).rules();
        for (const AlertRule &rule : *rules) {
            if (rule.kind == AlertKind::PortfolioLoss && rule.portfolioId == m_main.id)
                return rule;
        }
        return {};
    }

    std::unique_ptr<test::TemporaryStore> m_store;
    Portfolio m_main;
    Asset m_acme;
};

// Main deposits 1000 and buys 10 ACME at 100 on Friday 2024-03-01; ACME closes at 100.
void SnapshotServiceTest::init()
{
    m_store = std::make_unique<test::TemporaryStore>();
    Portfolio main;
    main.name = u"Main"_s;
    m_main = *PortfolioRepository(m_store->db()).add(main);
    Asset acme;
    acme.symbol = u"ACME"_s;
    acme.name = u"Acme Corp"_s;
    acme.currency = u"EUR"_s;
    m_acme = *AssetRepository(m_store->db()).add(acme);

    const ledger::LedgerService ledger(m_store->db());
    Transaction deposit;
    deposit.portfolioId = m_main.id;
    deposit.type = TransactionType::Deposit;
    deposit.date = QDate(2024, 3, 1);
    deposit.amount = Decimal(1000);
    deposit.currency = u"EUR"_s;
    PT_VERIFY_OK(ledger.add(deposit));
    Transaction buy;
    buy.portfolioId = m_main.id;
    buy.type = TransactionType::Buy;
    buy.date = QDate(2024, 3, 1);
    buy.assetId = m_acme.id;
    buy.quantity = Decimal(10);
    buy.price = Decimal(100);
    buy.currency = u"EUR"_s;
    PT_VERIFY_OK(ledger.add(buy));
    setClose(m_acme, QDate(2024, 3, 1), "100");
}

void SnapshotServiceTest::snapshotWritesTotalsAndPositions()
{
    auto outcome = take(at(10, 15));
    PT_VERIFY_OK(outcome);
    QCOMPARE(outcome->day, QDate(2024, 3, 4));
    QVERIFY(outcome->snapshotId > 0);
    QCOMPARE(outcome->kind, SnapshotKind::Hourly);
    QVERIFY2(outcome->missedCloseId > 0, "Sunday had entries and no close: it is closed late");
    QCOMPARE(outcome->seriesDaysWritten, 8); // 2024-03-01..04, all portfolios and Main
    QVERIFY(outcome->events.empty());

    const SnapshotRepository snapshots(m_store->db());
    auto snapshot = snapshots.find(outcome->snapshotId);
    PT_VERIFY_OK(snapshot);
    QCOMPARE(snapshot->kind, SnapshotKind::Hourly);
    QCOMPARE(snapshot->day, QDate(2024, 3, 4));
    QCOMPARE(snapshot->takenAt, at(10, 15).toMSecsSinceEpoch());
    QCOMPARE(snapshot->totals.size(), 2u);
    for (const SnapshotTotal &total : snapshot->totals) {
        QCOMPARE(total.currency, u"EUR"_s);
        QCOMPARE(total.marketValue, Decimal(1000));
        QCOMPARE(total.invested, Decimal(1000));
        QCOMPARE(total.holdingsValue, Decimal(1000));
        QCOMPARE(total.costBasis, Decimal(1000));
        QCOMPARE(total.cash, Decimal(0));
        QVERIFY(!total.incomplete);
    }
    QCOMPARE(snapshot->totals[0].portfolioId, RowId(0));
    QCOMPARE(snapshot->totals[1].portfolioId, m_main.id);
    QCOMPARE(snapshot->positions.size(), 1u);
    const SnapshotPosition &position = snapshot->positions.front();
    QCOMPARE(position.assetId, m_acme.id);
    QCOMPARE(position.quantity, Decimal(10));
    QCOMPARE(position.close, Decimal(100));
    QCOMPARE(position.closeDay, QDate(2024, 3, 1));
    QCOMPARE(position.value, Decimal(1000));
    QCOMPARE(position.costBasis, Decimal(1000));

    auto late = snapshots.find(outcome->missedCloseId);
    PT_VERIFY_OK(late);
    QCOMPARE(late->kind, SnapshotKind::Close);
    QCOMPARE(late->day, QDate(2024, 3, 3));

    auto series = snapshots.series(m_main.id);
    PT_VERIFY_OK(series);
    QCOMPARE(series->size(), 4u);
    QCOMPARE(series->front().day, QDate(2024, 3, 1));
    QCOMPARE(series->front().externalFlow, Decimal(1000));
    QCOMPARE(series->back().marketValue, Decimal(1000));
    QCOMPARE(series->back().invested, Decimal(1000));
}

void SnapshotServiceTest::oneSnapshotPerHourAndOneClosePerDay()
{
    const SnapshotRepository snapshots(m_store->db());
    PT_VERIFY_OK(take(at(10, 15)));
    auto again = take(at(10, 45));
    PT_VERIFY_OK(again);
    QCOMPARE(again->snapshotId, RowId(0));
    QCOMPARE(again->missedCloseId, RowId(0));
    QCOMPARE(again->seriesDaysWritten, 0);
    QCOMPARE(*snapshots.count(SnapshotKind::Hourly), 1);
    QCOMPARE(*snapshots.count(SnapshotKind::Close), 1); // Sunday's, late

    auto next = take(at(11, 5));
    PT_VERIFY_OK(next);
    QVERIFY(next->snapshotId > 0);
    QCOMPARE(*snapshots.count(SnapshotKind::Hourly), 2);

    // The first snapshot at or after 22:00 is the day's close; it is also the hour's.
    auto close = take(at(22, 10));
    PT_VERIFY_OK(close);
    QCOMPARE(close->kind, SnapshotKind::Close);
    QVERIFY(close->snapshotId > 0);
    auto sameHour = take(at(22, 40));
    PT_VERIFY_OK(sameHour);
    QCOMPARE(sameHour->snapshotId, RowId(0));
    auto later = take(at(23, 5));
    PT_VERIFY_OK(later);
    QCOMPARE(later->kind, SnapshotKind::Hourly);
    QVERIFY(later->snapshotId > 0);
    QCOMPARE(*snapshots.count(SnapshotKind::Close), 2);
    QCOMPARE(*snapshots.count(SnapshotKind::Hourly), 3);

    // The next morning: Monday was closed, so no late close.
    auto morning = take(at(8, 0, 5));
    PT_VERIFY_OK(morning);
    QCOMPARE(morning->missedCloseId, RowId(0));
    QCOMPARE(*snapshots.count(SnapshotKind::Close), 2);

    auto listed = snapshots.list();
    PT_VERIFY_OK(listed);
    QCOMPARE(listed->size(), 6u);
    QCOMPARE(listed->front().takenAt, at(8, 0, 5).toMSecsSinceEpoch()); // newest first
    QCOMPARE(listed->front().totals.size(), 2u);
    QVERIFY(listed->front().positions.empty());
}

void SnapshotServiceTest::seriesRewrittenFromFirstChangedDay()
{
    PT_VERIFY_OK(take(at(10)));
    // A corrected close on Saturday changes Saturday to Monday, not Friday.
    setClose(m_acme, QDate(2024, 3, 2), "110");
    auto outcome = take(at(11));
    PT_VERIFY_OK(outcome);
    QCOMPARE(outcome->seriesDaysWritten, 6); // 03-02..04, twice
    auto series = SnapshotRepository(m_store->db()).series(0);
    PT_VERIFY_OK(series);
    QCOMPARE(series->size(), 4u);
    QCOMPARE((*series)[0].marketValue, Decimal(1000));
    QCOMPARE((*series)[1].marketValue, Decimal(1100));
    QCOMPARE((*series)[3].marketValue, Decimal(1100));
    QCOMPARE(rows(u"value_series_day"_s), 8);

    // A deleted portfolio's series goes; with nothing left, so does the total.
    PT_VERIFY_OK(PortfolioRepository(m_store->db()).remove(m_main.id));
    PT_VERIFY_OK(take(at(12)));
    QCOMPARE(rows(u"value_series_day"_s), 0);
}

// Cost basis 1000. The default loss threshold is -5 %.
void SnapshotServiceTest::lossFiresOncePerCrossing()
{
    const QDate monday(2024, 3, 4);
    PT_VERIFY_OK(take(at(9)));
    QVERIFY(lossRule().armed);

    setClose(m_acme, monday, "94"); // -6 %
    auto fired = take(at(10));
    PT_VERIFY_OK(fired);
    QCOMPARE(fired->events.size(), 1u);
    const AlertEvent &event = fired->events.front();
    QVERIFY(event.id > 0);
    QCOMPARE(event.kind, AlertKind::PortfolioLoss);
    QCOMPARE(event.ruleId, RowId(0)); // the default threshold
    QCOMPARE(event.portfolioId, m_main.id);
    QCOMPARE(event.observed, Decimal(-6));
    QCOMPARE(event.threshold, Decimal(-5));
    QCOMPARE(event.snapshotId, fired->snapshotId);
    QCOMPARE(event.day, monday);
    QVERIFY(!lossRule().armed);

    setClose(m_acme, monday, "90"); // further down: nothing new
    auto deeper = take(at(10, 30)); // same hour: no snapshot, but evaluated
    PT_VERIFY_OK(deeper);
    QCOMPARE(deeper->snapshotId, RowId(0));
    QVERIFY(deeper->events.empty());

    setClose(m_acme, monday, "99"); // recovered: re-armed, quietly
    auto recovered = take(at(11));
    PT_VERIFY_OK(recovered);
    QVERIFY(recovered->events.empty());
    QVERIFY(lossRule().armed);

    setClose(m_acme, monday, "95"); // exactly -5 %: fires again
    auto again = take(at(11, 20));
    PT_VERIFY_OK(again);
    QCOMPARE(again->events.size(), 1u);
    QCOMPARE(again->events.front().snapshotId, RowId(0));

    auto log = AlertRepository(m_store->db()).events();
    PT_VERIFY_OK(log);
    QCOMPARE(log->size(), 2u);
    QCOMPARE(log->front().id, again->events.front().id); // newest first
    QCOMPARE(*AlertRepository(m_store->db()).unreadCount(), 2);
    PT_VERIFY_OK(AlertRepository(m_store->db()).markRead());
    QCOMPARE(*AlertRepository(m_store->db()).unreadCount(), 0);
}

void SnapshotServiceTest::thresholdsChangeAndTurnOff()
{
    const AlertRepository alerts(m_store->db());
    const QDate monday(2024, 3, 4);
    auto wider = alerts.setThreshold(m_main.id, AlertKind::PortfolioLoss, Decimal(-10));
    PT_VERIFY_OK(wider);
    QVERIFY(!wider->isDefault());
    setClose(m_acme, monday, "94");
    auto outcome = take(at(10));
    PT_VERIFY_OK(outcome);
    QVERIFY(outcome->events.empty()); // -6 % is within -10 %

    // Back to the default: re-armed, fires at once.
    PT_VERIFY_OK(alerts.resetThreshold(m_main.id, AlertKind::PortfolioLoss));
    QVERIFY(lossRule().isDefault());
    outcome = take(at(11));
    PT_VERIFY_OK(outcome);
    QCOMPARE(outcome->events.size(), 1u);

    // Off: never fires; the gain threshold stays the default.
    auto off = alerts.setThreshold(m_main.id, AlertKind::PortfolioLoss, std::nullopt);
    PT_VERIFY_OK(off);
    QVERIFY(!off->enabled);
    setClose(m_acme, monday, "99");
    PT_VERIFY_OK(take(at(12)));
    setClose(m_acme, monday, "80");
    outcome = take(at(13));
    PT_VERIFY_OK(outcome);
    QVERIFY(outcome->events.empty());
    auto rules = alerts.rules();
    PT_VERIFY_OK(rules);
    QCOMPARE(rules->size(), 2u);
    QVERIFY(!(*rules)[0].enabled);
    QCOMPARE((*rules)[1].kind, AlertKind::PortfolioGain);
    QVERIFY((*rules)[1].isDefault());

    // Refused thresholds name the field and change nothing.
    auto refused = alerts.setThreshold(m_main.id, AlertKind::PortfolioLoss, Decimal(5));
    QVERIFY(!refused);
    QVERIFY2(refused.error().startsWith(u"loss:"_s), qPrintable(refused.error()));
    QVERIFY(!alerts.setThreshold(m_main.id, AlertKind::PortfolioGain, Decimal(-1)));
    QVERIFY(!alerts.addPriceRule(m_acme.id, AlertKind::PriceAbove, Decimal(0)));
    QVERIFY(!alerts.addPriceRule(9999, AlertKind::PriceAbove, Decimal(1)));
    QVERIFY(!lossRule().enabled);
}

void SnapshotServiceTest::priceRuleOnAnAssetNotHeld()
{
    Asset watched;
    watched.symbol = u"WATCH"_s;
    watched.name = u"Watched"_s;
    watched.currency = u"USD"_s;
    watched = *AssetRepository(m_store->db()).add(watched);
    setClose(watched, QDate(2024, 3, 1), "50");
    const AlertRepository alerts(m_store->db());
    auto above = alerts.addPriceRule(watched.id, AlertKind::PriceAbove, Decimal(60));
    PT_VERIFY_OK(above);
    auto outcome = take(at(10));
    PT_VERIFY_OK(outcome);
    QVERIFY(outcome->events.empty());

    setClose(watched, QDate(2024, 3, 4), "61.5");
    outcome = take(at(11));
    PT_VERIFY_OK(outcome);
    QCOMPARE(outcome->events.size(), 1u);
    QCOMPARE(outcome->events.front().ruleId, above->id);
    QCOMPARE(outcome->events.front().assetId, watched.id);
    QCOMPARE(outcome->events.front().observed, dec("61.5"));
    QCOMPARE(outcome->events.front().message, u"WATCH closed at 61.5 USD on 2024-03-04, at or above 60 USD"_s);

    PT_VERIFY_OK(alerts.removeRule(above->id));
    setClose(watched, QDate(2024, 3, 4), "50");
    PT_VERIFY_OK(take(at(12)));
    setClose(watched, QDate(2024, 3, 4), "70");
    outcome = take(at(13));
    PT_VERIFY_OK(outcome);
    QVERIFY(outcome->events.empty()); // removed
    QCOMPARE(alerts.events()->size(), 1u); // its log entry stays
}

// The alerts log refuses the write (an injected trigger), after the series and
// the snapshot were written in the same transaction: nothing of it remains.
void SnapshotServiceTest::failureLeavesNothing()
{
    QSqlQuery query(m_store->db().connection());
    if (test::testingPostgres()) {
        QVERIFY(query.exec(u"CREATE FUNCTION inject_failure() RETURNS trigger LANGUAGE plpgsql "
                           "AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$"_s));
        QVERIFY(query.exec(u"CREATE TRIGGER inject BEFORE INSERT ON alert_event "
                           "FOR EACH ROW EXECUTE FUNCTION inject_failure()"_s));
    } else {
        QVERIFY(query.exec(u"CREATE TEMP TRIGGER inject BEFORE INSERT ON alert_event "
                           "BEGIN SELECT RAISE(ABORT, 'injected failure'); END"_s));
    }
    setClose(m_acme, QDate(2024, 3, 4), "90");
    auto failed = take(at(10));
    QVERIFY(!failed);
    QVERIFY2(failed.error().contains(u"injected failure"_s), qPrintable(failed.error()));
    QCOMPARE(rows(u"valuation_snapshot"_s), 0);
    QCOMPARE(rows(u"snapshot_total"_s), 0);
    QCOMPARE(rows(u"snapshot_position"_s), 0);
    QCOMPARE(rows(u"value_series_day"_s), 0);
    QCOMPARE(rows(u"alert_event"_s), 0);
    QCOMPARE(rows(u"alert_state"_s), 0);
    QVERIFY(lossRule().armed);

    QVERIFY(query.exec(test::testingPostgres() ? u"DROP TRIGGER inject ON alert_event"_s : u"DROP TRIGGER inject"_s));
    auto outcome = take(at(10, 5));
    PT_VERIFY_OK(outcome);
    QVERIFY(outcome->snapshotId > 0);
    QCOMPARE(outcome->events.size(), 1u);
    QCOMPARE(rows(u"valuation_snapshot"_s), 2); // the hour's and Sunday's late close
}

QTEST_GUILESS_MAIN(SnapshotServiceTest)
#include "tst_snapshotservice.moc"
