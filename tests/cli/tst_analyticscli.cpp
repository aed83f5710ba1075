// `portfolio-cli performance --holdings`, `allocation` and `benchmark` through
// the real executable, on a store built with the CLI itself (plus one stored
// exchange rate); every expected figure is worked out by hand below.

#include "clirunner.h"

#include "marketdata/marketdata.h"
#include "money/decimal.h"
#include "store/database.h"
#include "store/fxraterepository.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace Qt::StringLiterals;
using pt::test::CliRun;

class AnalyticsCliTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void performanceHoldings();
    void allocation();
    void allocationReportsMissingPrice();
    void benchmark();
    void benchmarkStartingLate();
    void badArgumentsAreRefused();

private:
    CliRun cli(const QStringList &arguments)
    {
        return pt::test::runCli(QStringList { u"--db"_s, m_store } + arguments);
    }
    QJsonObject json(const QStringList &arguments);
    void importPrices(const QString &symbol, const QByteArray &rows);

    QTemporaryDir m_dir { pt::test::testTempRoot() + u"/analytics-XXXXXX"_s };
    QString m_store;
};

// Main (EUR, FIFO), Mon 2024-01-01 .. Fri 2024-01-05:
//   01-01 deposit 2000; buy 10 ACME @ 100, fee 1 (cost 1001)          cash 999
//   01-02 buy 5 US @ 20 USD                                            USD cash −100
//   01-03 dividend ACME 10, 2 withheld                                 cash 1007
//   01-04 sell 4 ACME @ 110: proceeds 440, FIFO cost 400.4, realized 39.6   cash 1447
// ACME closes 100, 105, 108, 110, 112; US closes 01-02 20, 01-05 22; EUR→USD 1.25 throughout.
// Other (EUR): 01-02 deposit 50, buy 1 NOPRICE @ 50 (no close ever).
// Benchmarks: IDX closes Mon 50, Tue 51, Thu 52.5, Fri 55 (none on Wed);
//             LATE closes from Wed 01-03 only: 20, then Fri 22.
void AnalyticsCliTest::initTestCase()
{
    QVERIFY2(QFile::exists(pt::test::cliPath()), "PT_CLI must name the portfolio-cli executable");
    QVERIFY(m_dir.isValid());
    m_store = m_dir.filePath(u"analytics.sqlite"_s);
    const auto asset = [](const char *symbol, const char *assetClass, const char *currency) {
        return QStringList { u"asset"_s,      u"add"_s,
                             u"--symbol"_s,   QString::fromLatin1(symbol),
                             u"--name"_s,     QString::fromLatin1(symbol),
                             u"--class"_s,    QString::fromLatin1(assetClass),
                             u"--currency"_s, QString::fromLatin1(currency) };
    };
    const auto tx = [](const char *portfolio, const char *type, const char *date, QStringList rest) {
        return QStringList { u"tx"_s,          u"add"_s,
                             u"--portfolio"_s, QString::fromLatin1(portfolio),
                             u"--type"_s,      QString::fromLatin1(type),
                             u"--date"_s,      QString::fromLatin1(date) }
        + rest;
    };
    const QList<QStringList> script {
        { u"portfolio"_s, u"add"_s, u"--name"_s, u"Main"_s, u"--currency"_s, u"EUR"_s },
        { u"portfolio"_s, u"add"_s, u"--name"_s, u"Other"_s, u"--currency"_s, u"EUR"_s },
        asset("ACME", "stock", "EUR"),
        asset("US", "stock", "USD"),
        asset("NOPRICE", "etf", "EUR"),
        asset("IDX", "etf", "EUR"),
        asset("LATE", "etf", "EUR"),
        tx("Main", "deposit", "2024-01-01", { u"--amount"_s, u"2000"_s }),
        tx("Main", "buy", "2024-01-01",
           { u"--asset"_s, u"ACME"_s, u"--quantity"_s, u"10"_s, u"--price"_s, u"100"_s, u"--fee"_s, u"1"_s }),
        tx("Main", "buy", "2024-01-02", { u"--asset"_s, u"US"_s, u"--quantity"_s, u"5"_s, u"--price"_s, u"20"_s }),
        tx("Main", "dividend", "2024-01-03", { u"--asset"_s, u"ACME"_s, u"--amount"_s, u"10"_s, u"--fee"_s, u"2"_s }),
        tx("Main", "sell", "2024-01-04", { u"--asset"_s, u"ACME"_s, u"--quantity"_s, u"4"_s, u"--price"_s, u"110"_s }),
        tx("Other", "deposit", "2024-01-02", { u"--amount"_s, u"50"_s }),
        tx("Other", "buy", "2024-01-02",
           { u"--asset"_s, u"NOPRICE"_s, u"--quantity"_s, u"1"_s, u"--price"_s, u"50"_s }),
    };
    for (const QStringList &step : script) {
        const CliRun run = cli(step);
        QVERIFY2(run.finished && run.exitCode == 0, qPrintable(step.join(u' ') + u"\n"_s + run.out + run.err));
    }
    importPrices(u"ACME"_s,
                 "2024-01-01,100,100\n2024-01-02,105,105\n2024-01-03,108,108\n2024-01-04,110,110\n"
                 "2024-01-05,112,112\n");
    importPrices(u"US"_s, "2024-01-02,20,20\n2024-01-05,22,22\n");
    importPrices(u"IDX"_s, "2024-01-01,50,50\n2024-01-02,51,51\n2024-01-04,52.5,52.5\n2024-01-05,55,55\n");
    importPrices(u"LATE"_s, "2024-01-03,20,20\n2024-01-05,22,22\n");

    // The CLI has no rate import: the rate goes in through the repository, as the ECB job writes it.
    auto database = pt::store::Database::openSqlite(m_store);
    QVERIFY2(database.ok(), qPrintable(database.ok() ? QString() : database.error()));
    const std::vector<pt::marketdata::EuroRate> rates { { QDate(2023, 12, 29), u"USD"_s,
                                                          *pt::Decimal::parse(u"1.25") } };
    const auto written = pt::store::FxRateRepository(**database).upsertEuroRates(rates, u"test");
    QVERIFY2(written.ok(), qPrintable(written.error()));
}

void AnalyticsCliTest::importPrices(const QString &symbol, const QByteArray &rows)
{
    const QString csv = m_dir.filePath(symbol + u".csv"_s);
    QFile file(csv);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("Date,Close,Adj Close\n" + rows);
    file.close();
    const CliRun run = cli({ u"prices"_s, u"import"_s, u"--asset"_s, symbol, csv });
    QVERIFY2(run.finished && run.exitCode == 0, qPrintable(run.out + run.err));
}

QJsonObject AnalyticsCliTest::json(const QStringList &arguments)
{
    const CliRun run = cli(arguments + QStringList { u"--json"_s });
    if (!run.finished || run.exitCode != 0)
        qWarning().noquote() << arguments.join(u' ') << run.exitCode << run.out << run.err;
    return QJsonDocument::fromJson(run.out.toUtf8()).object();
}

namespace {

QJsonObject holding(const QJsonObject &portfolio, const QString &symbol)
{
    for (const QJsonValue &value : portfolio.value(u"holdings"_s).toArray()) {
        if (value.toObject().value(u"symbol"_s).toString() == symbol)
            return value.toObject();
    }
    return {};
}

QJsonObject slice(const QJsonObject &allocation, const QString &key)
{
    for (const QJsonValue &value : allocation.value(u"slices"_s).toArray()) {
        if (value.toObject().value(u"key"_s).toString() == key)
            return value.toObject();
    }
    return {};
}

} // namespace

// Main over All = [01-01, 01-05]; the start is 01-01's close: cash 999 + ACME 1000 = 1999.
// End: cash 1447 + ACME 6 × 112 = 672 + US 5 × 22 / 1.25 = 88 − USD cash 100 / 1.25 = 80: 2127.
// Gain 128 (no flow after the first day).
// ACME (start 1000 after the buy; flows −8 net dividend, −440 sale; end 672):
//   gain 672 − 1000 + 448 = 120 = realized 39.6 + unrealized (6 × 112 − 600.6 = 71.4) − (1000 − 1001 = −1)
//   + income 10 − withheld 2. TWR links each day with its flow at the day's start:
//   01-02 1050/1000, 01-03 1080/(1050 − 8), 01-04 660/(1080 − 440), 01-05 672/660.
// US (series from 12-31 at 0; 01-02 buys 100 USD = 80 EUR; end 110 USD = 88 EUR): gain 8.
// Portfolio breakdown: realized 39.6; unrealized −1 → 71.4 + 8 = 79.4; income 10; fees 2; 128.
void AnalyticsCliTest::performanceHoldings()
{
    const QJsonObject root
        = json({ u"performance"_s, u"--to"_s, u"2024-01-05"_s, u"--portfolio"_s, u"Main"_s, u"--holdings"_s });
    const QJsonObject main = root.value(u"portfolios"_s).toArray().first().toObject();
    QCOMPARE(main.value(u"absoluteGain"_s).toString(), u"128"_s);
    const QJsonObject breakdown = main.value(u"breakdown"_s).toObject();
    QCOMPARE(breakdown.value(u"realized"_s).toString(), u"39.6"_s);
    QCOMPARE(breakdown.value(u"unrealizedStart"_s).toString(), u"-1"_s);
    QCOMPARE(breakdown.value(u"unrealizedEnd"_s).toString(), u"79.4"_s);
    QCOMPARE(breakdown.value(u"income"_s).toString(), u"10"_s);
    QCOMPARE(breakdown.value(u"fees"_s).toString(), u"2"_s);
    QCOMPARE(breakdown.value(u"reconciled"_s).toString(), u"128"_s);

    const QJsonObject acme = holding(main, u"ACME"_s);
    QCOMPARE(acme.value(u"absoluteGain"_s).toString(), u"120"_s);
    QCOMPARE(acme.value(u"endValue"_s).toString(), u"672"_s);
    QCOMPARE(acme.value(u"quantity"_s).toString(), u"6"_s);
    QCOMPARE(acme.value(u"breakdown"_s).toObject().value(u"realized"_s).toString(), u"39.6"_s);
    QCOMPARE(acme.value(u"breakdown"_s).toObject().value(u"unrealizedEnd"_s).toString(), u"71.4"_s);
    QCOMPARE(acme.value(u"breakdown"_s).toObject().value(u"income"_s).toString(), u"10"_s);
    const double twr = (1050.0 / 1000.0) * (1080.0 / 1042.0) * (660.0 / 640.0) * (672.0 / 660.0) - 1;
    QVERIFY2(std::abs(acme.value(u"timeWeighted"_s).toDouble() - twr) < 1e-12,
             qPrintable(QString::number(acme.value(u"timeWeighted"_s).toDouble())));
    QVERIFY(acme.value(u"moneyWeighted"_s).isDouble());
    QCOMPARE(holding(main, u"US"_s).value(u"absoluteGain"_s).toString(), u"8"_s);

    const CliRun text
        = cli({ u"performance"_s, u"--to"_s, u"2024-01-05"_s, u"--portfolio"_s, u"Main"_s, u"--holdings"_s });
    QCOMPARE(text.exitCode, 0);
    QVERIFY2(text.out.contains(u"Holdings of Main"_s) && text.out.contains(u"ACME"_s) && text.out.contains(u"39.60"_s)
                 && text.out.contains(u"71.40"_s) && text.out.contains(u"Realized"_s),
             qPrintable(text.out));

    // A custom range Tue..Fri: start 2049 (cash 999, ACME 1050, USD −80 + 80): gain 2127 − 2049 = 78.
    const QJsonObject custom = json(
        { u"performance"_s, u"--from"_s, u"2024-01-02"_s, u"--to"_s, u"2024-01-05"_s, u"--portfolio"_s, u"Main"_s });
    const QJsonObject row = custom.value(u"portfolios"_s).toArray().first().toObject();
    QCOMPARE(row.value(u"from"_s).toString(), u"2024-01-02"_s);
    QCOMPARE(row.value(u"absoluteGain"_s).toString(), u"78"_s);
    QCOMPARE(row.value(u"breakdown"_s).toObject().value(u"reconciled"_s).toString(), u"78"_s);
}

// Main on Fri 01-05, in EUR: ACME 672, US 88, cash EUR 1447, cash USD −80: total 2127.
// By class: Cash 1367, stock 760. By currency: EUR 2119, USD 8.
void AnalyticsCliTest::allocation()
{
    const QJsonObject byClass = json({ u"allocation"_s, u"--portfolio"_s, u"Main"_s, u"--date"_s, u"2024-01-05"_s });
    QCOMPARE(byClass.value(u"total"_s).toString(), u"2127"_s);
    QCOMPARE(byClass.value(u"by"_s).toString(), u"class"_s);
    QCOMPARE(slice(byClass, u"Cash"_s).value(u"value"_s).toString(), u"1367"_s);
    QCOMPARE(slice(byClass, u"stock"_s).value(u"value"_s).toString(), u"760"_s);
    QVERIFY(std::abs(slice(byClass, u"stock"_s).value(u"weight"_s).toDouble() - 760.0 / 2127.0) < 1e-12);
    QVERIFY(byClass.value(u"missing"_s).toArray().isEmpty());

    const QJsonObject byCurrency = json(
        { u"allocation"_s, u"--portfolio"_s, u"Main"_s, u"--date"_s, u"2024-01-05"_s, u"--by"_s, u"currency"_s });
    QCOMPARE(slice(byCurrency, u"EUR"_s).value(u"value"_s).toString(), u"2119"_s);
    QCOMPARE(slice(byCurrency, u"USD"_s).value(u"value"_s).toString(), u"8"_s);

    const CliRun text
        = cli({ u"allocation"_s, u"--portfolio"_s, u"Main"_s, u"--date"_s, u"2024-01-05"_s, u"--by"_s, u"asset"_s });
    QCOMPARE(text.exitCode, 0);
    QVERIFY2(text.out.contains(u"ACME"_s) && text.out.contains(u"672.00"_s) && text.out.contains(u"Cash USD"_s)
                 && text.out.contains(u"-80.00"_s) && text.out.contains(u"2127.00"_s),
             qPrintable(text.out));
}

// Other holds NOPRICE, which has no close: it is named and left out; the cash (0) is all there is.
void AnalyticsCliTest::allocationReportsMissingPrice()
{
    const QJsonObject other = json({ u"allocation"_s, u"--portfolio"_s, u"Other"_s, u"--date"_s, u"2024-01-05"_s });
    const QStringList missing = other.value(u"missing"_s).toVariant().toStringList();
    QVERIFY2(missing.contains(u"no price for NOPRICE up to 2024-01-05"_s), qPrintable(missing.join(u'\n')));
    const QJsonObject line = other.value(u"lines"_s).toArray().first().toObject();
    QCOMPARE(line.value(u"symbol"_s).toString(), u"NOPRICE"_s);
    QCOMPARE(line.value(u"valued"_s).toBool(), false);
    QVERIFY(line.value(u"value"_s).isNull());

    const CliRun text = cli({ u"allocation"_s, u"--portfolio"_s, u"Other"_s, u"--date"_s, u"2024-01-05"_s });
    QCOMPARE(text.exitCode, 0);
    QVERIFY2(text.out.contains(u"Missing: no price for NOPRICE"_s), qPrintable(text.out));
}

// Main: 1999, 2049, 2087, 2107, 2127 (no flow after the first day).
// IDX rebased by 1999 / 50: Tue 51 → 2038.98, Wed carried 2038.98, Thu 52.5 → 2098.95, Fri 55 → 2198.9.
// Returns: IDX 55/50 − 1 = 10 %, Main 2127/1999 − 1 = 6.40 %.
void AnalyticsCliTest::benchmark()
{
    const QJsonObject root
        = json({ u"benchmark"_s, u"--asset"_s, u"IDX"_s, u"--portfolio"_s, u"Main"_s, u"--to"_s, u"2024-01-05"_s });
    QCOMPARE(root.value(u"from"_s).toString(), u"2024-01-01"_s);
    QCOMPARE(root.value(u"anchor"_s).toString(), u"2024-01-01"_s);
    const QJsonArray days = root.value(u"days"_s).toArray();
    QCOMPARE(days.size(), 5);
    QCOMPARE(days[0].toObject().value(u"rebased"_s).toString(), u"1999"_s);
    QCOMPARE(days[1].toObject().value(u"rebased"_s).toString(), u"2038.98"_s);
    QCOMPARE(days[2].toObject().value(u"rebased"_s).toString(), u"2038.98"_s);
    QCOMPARE(days[2].toObject().value(u"carried"_s).toBool(), true);
    QCOMPARE(days[3].toObject().value(u"rebased"_s).toString(), u"2098.95"_s);
    QCOMPARE(days[4].toObject().value(u"rebased"_s).toString(), u"2198.9"_s);
    QCOMPARE(days[4].toObject().value(u"portfolioValue"_s).toString(), u"2127"_s);
    QVERIFY(std::abs(root.value(u"benchmarkReturn"_s).toDouble() - 0.1) < 1e-12);
    QVERIFY(std::abs(root.value(u"portfolioReturn"_s).toDouble() - (2127.0 / 1999.0 - 1)) < 1e-12);
    QVERIFY(root.value(u"missing"_s).toArray().isEmpty());

    const CliRun text
        = cli({ u"benchmark"_s, u"--asset"_s, u"IDX"_s, u"--portfolio"_s, u"Main"_s, u"--to"_s, u"2024-01-05"_s });
    QCOMPARE(text.exitCode, 0);
    QVERIFY2(text.out.contains(u"10.00%"_s) && text.out.contains(u"6.40%"_s) && text.out.contains(u"2024-01-01"_s)
                 && text.out.contains(u"2198.90"_s),
             qPrintable(text.out));
}

// LATE's first close is Wed 01-03: reported, and both start there (Main 2087; LATE 20 → Fri 22: 2295.7).
void AnalyticsCliTest::benchmarkStartingLate()
{
    const QJsonObject root
        = json({ u"benchmark"_s, u"--asset"_s, u"LATE"_s, u"--portfolio"_s, u"Main"_s, u"--to"_s, u"2024-01-05"_s });
    QCOMPARE(root.value(u"anchor"_s).toString(), u"2024-01-03"_s);
    const QStringList missing = root.value(u"missing"_s).toVariant().toStringList();
    QVERIFY2(missing.contains(u"no close for LATE on or before 2024-01-01; compared from 2024-01-03"_s),
             qPrintable(missing.join(u'\n')));
    const QJsonArray days = root.value(u"days"_s).toArray();
    QVERIFY(days[0].toObject().value(u"rebased"_s).isNull());
    QCOMPARE(days[4].toObject().value(u"rebased"_s).toString(), u"2295.7"_s);

    const CliRun text
        = cli({ u"benchmark"_s, u"--asset"_s, u"LATE"_s, u"--portfolio"_s, u"Main"_s, u"--to"_s, u"2024-01-05"_s });
    QCOMPARE(text.exitCode, 0);
    QVERIFY2(text.out.contains(u"Missing: no close for LATE"_s), qPrintable(text.out));
}

void AnalyticsCliTest::badArgumentsAreRefused()
{
    const struct
    {
        QStringList arguments;
        QString field;
    } cases[] = {
        { { u"allocation"_s, u"--by"_s, u"sector"_s }, u"--by"_s },
        { { u"allocation"_s, u"--date"_s, u"2024-13-01"_s }, u"--date"_s },
        { { u"allocation"_s, u"--portfolio"_s, u"Nope"_s }, u"--portfolio"_s },
        { { u"benchmark"_s }, u"--asset"_s },
        { { u"benchmark"_s, u"--asset"_s, u"NOSUCH"_s }, u"--asset"_s },
        { { u"benchmark"_s, u"--asset"_s, u"NOPRICE"_s, u"--to"_s, u"2024-01-05"_s }, u"--asset"_s },
        { { u"benchmark"_s, u"--asset"_s, u"IDX"_s, u"--range"_s, u"2W"_s }, u"--range"_s },
        { { u"performance"_s, u"--range"_s, u"1M"_s, u"--from"_s, u"2024-01-01"_s }, u"--from"_s },
        { { u"performance"_s, u"--from"_s, u"2024-02-01"_s, u"--to"_s, u"2024-01-01"_s }, u"--from"_s },
    };
    for (const auto &one : cases) {
        const CliRun run = cli(one.arguments);
        QVERIFY2(run.finished && run.exitCode == 2, qPrintable(one.arguments.join(u' ') + u"\n"_s + run.err));
        QVERIFY2(run.err.contains(one.field), qPrintable(one.arguments.join(u' ') + u"\n"_s + run.err));
    }
}

QTEST_GUILESS_MAIN(AnalyticsCliTest)
#include "tst_analyticscli.moc"
