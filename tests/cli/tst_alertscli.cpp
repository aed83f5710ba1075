// `portfolio-cli alerts` and `portfolio-cli snapshot` through the real
// executable, on a store built with the CLI itself: Main deposits 1000 and buys
// 10 ACME at 100; ACME later closes at 90 (-10 % against the cost basis).

#include "clirunner.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using pt::test::CliRun;

class AlertsCliTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void emptyLogAndDefaultRules();
    void checkFiresOncePerCrossing();
    void logMarksRead();
    void thresholdsSetAndRefused();
    void priceAlertAddedAndRemoved();
    void snapshotTakenAndListed();

private:
    CliRun cli(const QStringList &arguments)
    {
        return pt::test::runCli(QStringList { u"--db"_s, m_store } + arguments);
    }
    QJsonDocument json(const QStringList &arguments);
    void importCloses(const QByteArray &rows);

    QTemporaryDir m_dir { pt::test::testTempRoot() + u"/alerts-XXXXXX"_s };
    QString m_store;
};

QJsonDocument AlertsCliTest::json(const QStringList &arguments)
{
    const CliRun run = cli(arguments + QStringList { u"--json"_s });
    if (!run.finished || run.exitCode != 0)
        qWarning().noquote() << arguments.join(u' ') << run.out << run.err;
    return QJsonDocument::fromJson(run.out.toUtf8());
}

void AlertsCliTest::importCloses(const QByteArray &rows)
{
    const QString csv = m_dir.filePath(u"acme.csv"_s);
    QFile file(csv);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write("Date,Close,Adj Close\n" + rows);
    file.close();
    const CliRun run = cli({ u"prices"_s, u"import"_s, u"--asset"_s, u"ACME"_s, csv });
    QVERIFY2(run.finished && run.exitCode == 0, qPrintable(run.out + run.err));
}

void AlertsCliTest::initTestCase()
{
    QVERIFY2(QFile::exists(pt::test::cliPath()), "PT_CLI must name the portfolio-cli executable");
    QVERIFY(m_dir.isValid());
    m_store = m_dir.filePath(u"alerts.sqlite"_s);
    const QList<QStringList> script {
        { u"portfolio"_s, u"add"_s, u"--name"_s, u"Main"_s, u"--currency"_s, u"EUR"_s },
        { u"asset"_s, u"add"_s, u"--symbol"_s, u"ACME"_s, u"--name"_s, u"Acme"_s, u"--class"_s, u"stock"_s,
          u"--currency"_s, u"EUR"_s },
        { u"tx"_s, u"add"_s, u"--portfolio"_s, u"Main"_s, u"--type"_s, u"deposit"_s, u"--date"_s, u"2024-01-01"_s,
          u"--amount"_s, u"1000"_s },
        { u"tx"_s, u"add"_s, u"--portfolio"_s, u"Main"_s, u"--type"_s, u"buy"_s, u"--date"_s, u"2024-01-01"_s,
          u"--asset"_s, u"ACME"_s, u"--quantity"_s, u"10"_s, u"--price"_s, u"100"_s },
    };
    for (const QStringList &step : script) {
        const CliRun run = cli(step);
        QVERIFY2(run.finished && run.exitCode == 0, qPrintable(step.join(u' ') + u"\n"_s + run.out + run.err));
    }
    importCloses("2024-01-01,100,100\n");
}

void AlertsCliTest::emptyLogAndDefaultRules()
{
    const CliRun run = cli({ u"alerts"_s });
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains(u"No alerts."_s), qPrintable(run.out));
    QCOMPARE(json({ u"alerts"_s }).array().size(), 0);

    const QJsonArray rules = json({ u"alerts"_s, u"rules"_s }).array();
    QCOMPARE(rules.size(), 2);
    QCOMPARE(rules[0][u"kind"_s].toString(), u"portfolio_loss"_s);
    QCOMPARE(rules[0][u"threshold"_s].toString(), u"-5"_s);
    QCOMPARE(rules[0][u"portfolio"_s].toString(), u"Main"_s);
    QVERIFY(rules[0][u"default"_s].toBool());
    QCOMPARE(rules[0][u"state"_s].toString(), u"armed"_s);
    QCOMPARE(rules[1][u"kind"_s].toString(), u"portfolio_gain"_s);
    QCOMPARE(rules[1][u"threshold"_s].toString(), u"10"_s);

    const CliRun table = cli({ u"alerts"_s, u"rules"_s });
    QCOMPARE(table.exitCode, 0);
    QVERIFY2(table.out.contains(u"default"_s) && table.out.contains(u"loss -5 %"_s), qPrintable(table.out));
    const CliRun unknown = cli({ u"alerts"_s, u"frobnicate"_s });
    QCOMPARE(unknown.exitCode, 2);
    QVERIFY2(unknown.err.contains(u"unknown action 'frobnicate'"_s), qPrintable(unknown.err));
}

void AlertsCliTest::checkFiresOncePerCrossing()
{
    QJsonObject first = json({ u"alerts"_s, u"check"_s }).object();
    QCOMPARE(first[u"events"_s].toArray().size(), 0); // flat

    importCloses("2024-01-02,90,90\n");
    const CliRun run = cli({ u"alerts"_s, u"check"_s });
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains(u"Alert: Portfolio 'Main' is down 10.00 % against its cost basis"_s),
             qPrintable(run.out));

    const QJsonObject again = json({ u"alerts"_s, u"check"_s }).object();
    QCOMPARE(again[u"events"_s].toArray().size(), 0); // still beyond: once per crossing

    const QJsonArray log = json({ u"alerts"_s, u"log"_s }).array();
    QCOMPARE(log.size(), 1);
    QCOMPARE(log[0][u"kind"_s].toString(), u"portfolio_loss"_s);
    QCOMPARE(log[0][u"observed"_s].toString(), u"-10"_s);
    QCOMPARE(log[0][u"threshold"_s].toString(), u"-5"_s);
    QVERIFY(log[0][u"rule"_s].isNull()); // the default threshold
    QVERIFY(!log[0][u"read"_s].toBool());
    QCOMPARE(json({ u"alerts"_s, u"rules"_s }).array()[0][u"state"_s].toString(), u"fired"_s);

    // Back above the threshold re-arms; down again fires again.
    importCloses("2024-01-03,99,99\n");
    QCOMPARE(json({ u"alerts"_s, u"check"_s }).object()[u"events"_s].toArray().size(), 0);
    QCOMPARE(json({ u"alerts"_s, u"rules"_s }).array()[0][u"state"_s].toString(), u"armed"_s);
    importCloses("2024-01-04,90,90\n");
    QCOMPARE(json({ u"alerts"_s, u"check"_s }).object()[u"events"_s].toArray().size(), 1);
    QCOMPARE(json({ u"alerts"_s }).array().size(), 2);
}

void AlertsCliTest::logMarksRead()
{
    const CliRun run = cli({ u"alerts"_s, u"log"_s, u"--unread"_s, u"--mark-read"_s });
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains(u"new"_s), qPrintable(run.out));
    QCOMPARE(json({ u"alerts"_s, u"log"_s, u"--unread"_s }).array().size(), 0);
    QCOMPARE(json({ u"alerts"_s, u"--limit"_s, u"1"_s }).array().size(), 1);
    const CliRun refused = cli({ u"alerts"_s, u"log"_s, u"--limit"_s, u"zero"_s });
    QCOMPARE(refused.exitCode, 2);
    QVERIFY2(refused.err.contains(u"--limit"_s), qPrintable(refused.err));
}

void AlertsCliTest::thresholdsSetAndRefused()
{
    const auto refusedWith = [&](const QStringList &arguments, const QString &field) {
        const CliRun run = cli(QStringList { u"alerts"_s, u"thresholds"_s } + arguments);
        QVERIFY2(run.exitCode == 2 && run.err.contains(field), qPrintable(arguments.join(u' ') + u": "_s + run.err));
    };
    refusedWith({ u"--portfolio"_s, u"Main"_s, u"--loss"_s, u"5"_s }, u"--loss: '5' must be"_s);
    refusedWith({ u"--portfolio"_s, u"Main"_s, u"--loss"_s, u"-5x"_s }, u"--loss"_s);
    refusedWith({ u"--portfolio"_s, u"Main"_s, u"--gain"_s, u"-1"_s }, u"--gain"_s);
    refusedWith({ u"--portfolio"_s, u"Nope"_s, u"--loss"_s, u"-5"_s }, u"--portfolio"_s);
    refusedWith({ u"--loss"_s, u"-5"_s }, u"--portfolio"_s);
    refusedWith({ u"--portfolio"_s, u"Main"_s, u"--off"_s, u"--loss"_s, u"-5"_s }, u"--off"_s);
    QCOMPARE(json({ u"alerts"_s, u"rules"_s }).array()[0][u"default"_s].toBool(), true); // nothing changed

    CliRun run = cli(
        { u"alerts"_s, u"thresholds"_s, u"--portfolio"_s, u"Main"_s, u"--loss"_s, u"-20"_s, u"--gain"_s, u"off"_s });
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(u"loss -20 %"_s), qPrintable(run.out));
    QJsonArray rules = json({ u"alerts"_s, u"rules"_s }).array();
    QCOMPARE(rules[0][u"threshold"_s].toString(), u"-20"_s);
    QVERIFY(!rules[0][u"default"_s].toBool());
    QVERIFY(rules[0][u"id"_s].isString());
    QCOMPARE(rules[1][u"state"_s].toString(), u"off"_s);
    // -10 % is within -20 %: nothing fires.
    QCOMPARE(json({ u"alerts"_s, u"check"_s }).object()[u"events"_s].toArray().size(), 0);

    run = cli({ u"alerts"_s, u"thresholds"_s, u"--portfolio"_s, u"Main"_s, u"--default"_s });
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    rules = json({ u"alerts"_s, u"rules"_s }).array();
    QVERIFY(rules[0][u"default"_s].toBool());
    QVERIFY(rules[1][u"default"_s].toBool());
    QVERIFY(rules[1][u"enabled"_s].toBool());
    // Back at the default -5 %, re-armed: -10 % fires at once.
    QCOMPARE(json({ u"alerts"_s, u"check"_s }).object()[u"events"_s].toArray().size(), 1);
}

void AlertsCliTest::priceAlertAddedAndRemoved()
{
    const QJsonObject rule = json({ u"alerts"_s, u"add"_s, u"--asset"_s, u"ACME"_s, u"--below"_s, u"95"_s }).object();
    QCOMPARE(rule[u"kind"_s].toString(), u"price_below"_s);
    QCOMPARE(rule[u"threshold"_s].toString(), u"95"_s);
    const QString id = rule[u"id"_s].toString();
    QCOMPARE(id.size(), 36);

    CliRun run = cli({ u"alerts"_s, u"add"_s, u"--asset"_s, u"NOPE"_s, u"--above"_s, u"1"_s });
    QVERIFY2(run.exitCode == 2 && run.err.contains(u"--asset"_s), qPrintable(run.err));
    run = cli({ u"alerts"_s, u"add"_s, u"--asset"_s, u"ACME"_s });
    QVERIFY2(run.exitCode == 2 && run.err.contains(u"--above"_s), qPrintable(run.err));
    run = cli({ u"alerts"_s, u"add"_s, u"--asset"_s, u"ACME"_s, u"--above"_s, u"0"_s });
    QVERIFY2(run.exitCode == 2 && run.err.contains(u"--above: '0'"_s), qPrintable(run.err));

    const QJsonArray events = json({ u"alerts"_s, u"check"_s }).object()[u"events"_s].toArray();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events[0][u"kind"_s].toString(), u"price_below"_s);
    QCOMPARE(events[0][u"asset"_s].toString(), u"ACME"_s);
    QCOMPARE(events[0][u"rule"_s].toString(), id);

    run = cli({ u"alerts"_s, u"remove"_s, id.left(8) });
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(json({ u"alerts"_s, u"rules"_s }).array().size(), 2);
    run = cli({ u"alerts"_s, u"remove"_s, id.left(8) });
    QCOMPARE(run.exitCode, 2);
    run = cli({ u"alerts"_s, u"remove"_s });
    QCOMPARE(run.exitCode, 2);
}

void AlertsCliTest::snapshotTakenAndListed()
{
    CliRun run = cli({ u"snapshot"_s });
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QJsonArray snapshots = json({ u"snapshot"_s, u"--list"_s }).array();
    QVERIFY(!snapshots.isEmpty()); // this hour's (taken by the first check) and yesterday's close
    const QJsonObject newest = snapshots[0].toObject();
    QVERIFY(newest[u"kind"_s].toString() == u"hourly"_s || newest[u"kind"_s].toString() == u"close"_s);
    const QJsonArray totals = newest[u"totals"_s].toArray();
    QCOMPARE(totals.size(), 2); // all portfolios and Main
    QVERIFY(totals[0][u"portfolio"_s].isNull());
    QCOMPARE(totals[0][u"costBasis"_s].toString(), u"1000"_s);
    // Stored by the first check of this hour (at 100), or a later hour's (at 90).
    const QString holdings = totals[0][u"holdingsValue"_s].toString();
    QVERIFY2(holdings == u"1000"_s || holdings == u"900"_s, qPrintable(holdings));
    QCOMPARE(totals[0][u"marketValue"_s].toString(), holdings); // no cash left
    QCOMPARE(totals[0][u"currency"_s].toString(), u"EUR"_s);
    QVERIFY(!json({ u"snapshot"_s, u"--list"_s, u"--kind"_s, u"close"_s }).array().isEmpty());

    run = cli({ u"snapshot"_s, u"--list"_s });
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains(u"Market value"_s), qPrintable(run.out));
    run = cli({ u"snapshot"_s, u"--list"_s, u"--kind"_s, u"weekly"_s });
    QVERIFY2(run.exitCode == 2 && run.err.contains(u"--kind"_s), qPrintable(run.err));
    run = cli({ u"snapshot"_s, u"--limit"_s, u"3"_s });
    QCOMPARE(run.exitCode, 2);
}

QTEST_GUILESS_MAIN(AlertsCliTest)
#include "tst_alertscli.moc"
