// `portfolio-cli performance` through the real executable, on a store built
// with the CLI itself: one portfolio whose figures are worked out by hand, one
// whose flows give XIRR no solution, and refused arguments.

#include "clirunner.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace Qt::StringLiterals;
using pt::test::CliRun;

class PerformanceCliTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void handWorkedPortfolio();
    void noSolutionIsSaid();
    void badArgumentsAreRefused();

private:
    CliRun cli(const QStringList &arguments) { return pt::test::runCli(QStringList{u"--db"_s, m_store} + arguments); }
    QJsonObject json(const QStringList &arguments);

    QTemporaryDir m_dir{pt::test::testTempRoot() + u"/performance-XXXXXX"_s};
    QString m_store;
};

// Main: deposit 1000 and buy 100 ACME at 10 on Mon 2024-01-01; closes 10, 12, 9, 10.8.
// Values: 1000, 1200, 900, 1080 (no cash left). Idle: deposit 100 and withdraw
// 100 on 2024-01-02, so it holds nothing and has no net flow.
void PerformanceCliTest::initTestCase()
{
    QVERIFY2(QFile::exists(pt::test::cliPath()), "PT_CLI must name the portfolio-cli executable");
    QVERIFY(m_dir.isValid());
    m_store = m_dir.filePath(u"performance.sqlite"_s);
    const QString csv = m_dir.filePath(u"acme.csv"_s);
    QFile file(csv);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("Date,Close,Adj Close\n2024-01-01,10,10\n2024-01-02,12,12\n2024-01-03,9,9\n2024-01-04,10.8,10.8\n");
    file.close();
    const QList<QStringList> script{
        {u"portfolio"_s, u"add"_s, u"--name"_s, u"Main"_s, u"--currency"_s, u"EUR"_s},
        {u"portfolio"_s, u"add"_s, u"--name"_s, u"Idle"_s, u"--currency"_s, u"EUR"_s},
        {u"asset"_s, u"add"_s, u"--symbol"_s, u"ACME"_s, u"--name"_s, u"Acme"_s, u"--class"_s, u"stock"_s,
         u"--currency"_s, u"EUR"_s},
        {u"tx"_s, u"add"_s, u"--portfolio"_s, u"Main"_s, u"--type"_s, u"deposit"_s, u"--date"_s, u"2024-01-01"_s,
         u"--amount"_s, u"1000"_s},
        {u"tx"_s, u"add"_s, u"--portfolio"_s, u"Main"_s, u"--type"_s, u"buy"_s, u"--date"_s, u"2024-01-01"_s,
         u"--asset"_s, u"ACME"_s, u"--quantity"_s, u"100"_s, u"--price"_s, u"10"_s},
        {u"tx"_s, u"add"_s, u"--portfolio"_s, u"Idle"_s, u"--type"_s, u"deposit"_s, u"--date"_s, u"2024-01-02"_s,
         u"--amount"_s, u"100"_s},
        {u"tx"_s, u"add"_s, u"--portfolio"_s, u"Idle"_s, u"--type"_s, u"withdrawal"_s, u"--date"_s,
         u"2024-01-02"_s, u"--amount"_s, u"100"_s},
        {u"prices"_s, u"import"_s, u"--asset"_s, u"ACME"_s, csv},
    };
    for (const QStringList &step : script) {
        const CliRun run = cli(step);
        QVERIFY2(run.finished && run.exitCode == 0, qPrintable(step.join(u' ') + u"\n"_s + run.out + run.err));
    }
}

QJsonObject PerformanceCliTest::json(const QStringList &arguments)
{
    const CliRun run = cli(QStringList{u"performance"_s, u"--json"_s} + arguments);
    if (!run.finished || run.exitCode != 0)
        qWarning().noquote() << run.out << run.err;
    return QJsonDocument::fromJson(run.out.toUtf8()).object();
}

// Gain 1080 − 1000 − 0 = 80; TWR 1080/1000 − 1 = 8 % (3 days: not annualised).
// XIRR: −1000 on 01-01, +1080 on 01-04: (1.08)^(365/3) − 1.
// Drawdown 1 − 900/1200 = 25 %, peak 01-02, trough 01-03.
// Samples +0.2, −0.25, +0.2: mean 0.05, sample variance (0.0225 + 0.09 + 0.0225)/2 = 0.0675,
// volatility √0.0675 × √252 = 4.1243181; Sharpe = (TWR annualised, 1.08^(365/3) − 1 (equal to
// the XIRR here, with no flow inside the range), − 0.02) / volatility.
void PerformanceCliTest::handWorkedPortfolio()
{
    const QJsonObject root = json({u"--to"_s, u"2024-01-04"_s, u"--risk-free"_s, u"0.02"_s, u"--portfolio"_s, u"Main"_s});
    const QJsonArray portfolios = root.value(u"portfolios"_s).toArray();
    QCOMPARE(portfolios.size(), 1);
    QVERIFY(!root.contains(u"total"_s)); // --portfolio: that one only
    const QJsonObject main = portfolios.first().toObject();
    QCOMPARE(main.value(u"name"_s).toString(), u"Main"_s);
    QCOMPARE(main.value(u"from"_s).toString(), u"2024-01-01"_s);
    QCOMPARE(main.value(u"absoluteGain"_s).toString(), u"80"_s);
    QCOMPARE(main.value(u"netFlows"_s).toString(), u"0"_s);
    QVERIFY(std::abs(main.value(u"timeWeighted"_s).toDouble() - 0.08) < 1e-12);
    QCOMPARE(main.value(u"timeWeightedAnnualised"_s).toBool(), false);
    const double annual = std::pow(1.08, 365.0 / 3.0) - 1;
    QVERIFY(std::abs(main.value(u"moneyWeighted"_s).toDouble() / annual - 1) < 1e-8);
    QVERIFY(std::abs(main.value(u"maxDrawdown"_s).toDouble() - 0.25) < 1e-12);
    QCOMPARE(main.value(u"drawdownPeak"_s).toString(), u"2024-01-02"_s);
    QCOMPARE(main.value(u"drawdownTrough"_s).toString(), u"2024-01-03"_s);
    const double volatility = std::sqrt(0.0675) * std::sqrt(252.0);
    QVERIFY(std::abs(main.value(u"volatility"_s).toDouble() - volatility) < 1e-9);
    QVERIFY(std::abs(main.value(u"sharpe"_s).toDouble() / ((annual - 0.02) / volatility) - 1) < 1e-8);

    // The text form names the same figures.
    const CliRun text = cli({u"performance"_s, u"--to"_s, u"2024-01-04"_s});
    QCOMPARE(text.exitCode, 0);
    QVERIFY2(text.out.contains(u"8.00%"_s) && text.out.contains(u"25.00%"_s)
                 && text.out.contains(u"2024-01-02..2024-01-03"_s) && text.out.contains(u"All portfolios"_s),
             qPrintable(text.out));
}

// Idle's start value, flows and end value are all zero: no cash flow, no XIRR.
void PerformanceCliTest::noSolutionIsSaid()
{
    const QJsonObject root = json({u"--to"_s, u"2024-01-04"_s, u"--portfolio"_s, u"Idle"_s});
    const QJsonObject idle = root.value(u"portfolios"_s).toArray().first().toObject();
    QCOMPARE(idle.value(u"name"_s).toString(), u"Idle"_s);
    QVERIFY2(idle.value(u"moneyWeighted"_s).isNull(), QJsonDocument(idle).toJson().constData());
    const CliRun text = cli({u"performance"_s, u"--to"_s, u"2024-01-04"_s, u"--portfolio"_s, u"Idle"_s});
    QCOMPARE(text.exitCode, 0);
    QVERIFY2(text.out.contains(u"no solution"_s), qPrintable(text.out));
}

void PerformanceCliTest::badArgumentsAreRefused()
{
    const CliRun range = cli({u"performance"_s, u"--range"_s, u"2W"_s});
    QCOMPARE(range.exitCode, 2);
    QVERIFY2(range.err.contains(u"--range"_s) && range.err.contains(u"'2W'"_s), qPrintable(range.err));
    const CliRun rate = cli({u"performance"_s, u"--risk-free"_s, u"two"_s});
    QCOMPARE(rate.exitCode, 2);
    QVERIFY2(rate.err.contains(u"--risk-free"_s), qPrintable(rate.err));
    const CliRun portfolio = cli({u"performance"_s, u"--portfolio"_s, u"Nope"_s});
    QCOMPARE(portfolio.exitCode, 2);
    QVERIFY2(portfolio.err.contains(u"--portfolio"_s), qPrintable(portfolio.err));
}

QTEST_GUILESS_MAIN(PerformanceCliTest)
#include "tst_performancecli.moc"
