// Jobs survive a kill (C2, C4): `portfolio-cli fetch --backfill` is killed with
// SIGKILL while it backfills several assets from a slow Yahoo stand-in. The
// store must pass SQLite's integrity check, every asset must hold all of its
// history or none of it, and the job being fetched must be left `running`.
// A second `portfolio-cli fetch` resumes it: afterwards every job is done and
// every asset's prices are complete, each day once.

#include "ecbrates.h"
#include "fakehttpserver.h"
#include "testsupport.h"
#include "yahoochart.h"

#include "ledger/ledgerservice.h"
#include "store/assetrepository.h"
#include "store/corporateactionrepository.h"
#include "store/database.h"
#include "store/portfoliorepository.h"
#include "store/pricerepository.h"

#include "clirunner.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTemporaryDir>

using namespace pt;
using namespace Qt::StringLiterals;

namespace {

constexpr int Assets = 4;
constexpr int ChartDelayMs = 500; // per answer: a backfill of three requests takes seconds

// The range a first buy asks for: a year before it, to today.
QDate buyDay()
{
    return QDate::currentDate().addMonths(-18);
}

QDate weekdayOnOrBefore(QDate day)
{
    while (day.dayOfWeek() > 5)
        day = day.addDays(-1);
    return day;
}

} // namespace

class FetchKillTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void killedBackfillIsResumed();

private:
    void prepareStore();
    // Every asset holds all of its range or none of it; returns how many hold all.
    int checkAllOrNothing();
    QProcess *startCli(const QStringList &arguments);

    QTemporaryDir m_dir{pt::test::testTempRoot() + u"/tst_fetchkill-XXXXXX"_s};
    QString m_store;
    test::FakeHttpServer m_server;
    std::vector<test::ChartSeries> m_series;
    std::vector<RowId> m_assetIds;
};

void FetchKillTest::initTestCase()
{
    QVERIFY2(QFile::exists(test::cliPath()), "PT_CLI must name the portfolio-cli executable");
    QVERIFY(m_dir.isValid());
    QVERIFY(m_server.listen());
    m_store = m_dir.filePath(u"fetch.sqlite"_s);
    const QDate today = QDate::currentDate();
    for (int i = 0; i < Assets; ++i) {
        test::ChartSeries series;
        series.symbol = u"KILL%1"_s.arg(i + 1);
        series.first = buyDay().addYears(-1).addDays(-10);
        series.last = today;
        series.splitDay = weekdayOnOrBefore(today.addDays(-300 + 7 * i));
        series.dividendDay = weekdayOnOrBefore(today.addDays(-100 - 7 * i));
        series.startCents = 5'000 + 1'000 * i;
        m_series.push_back(series);
    }
    test::serveYahoo(m_server, m_series, ChartDelayMs);
    // The book is in dollars in a euro portfolio: a refresh also asks the ECB.
    test::serveEcb(m_server, buyDay().addYears(-1), today);
    prepareStore();
}

void FetchKillTest::prepareStore()
{
    // Buying the assets tracks them and queues their backfills, as in the app.
    auto opened = store::Database::openSqlite(m_store);
    QVERIFY2(opened, qPrintable(opened ? QString() : opened.error()));
    const store::Database &db = **opened;
    Portfolio portfolio;
    portfolio.name = u"Main"_s;
    portfolio = *store::PortfolioRepository(db).add(portfolio);
    for (const test::ChartSeries &series : m_series) {
        Asset asset;
        asset.symbol = series.symbol;
        asset.name = series.symbol + u" Corp"_s;
        asset.currency = u"USD"_s;
        asset.dataSource = u"yahoo"_s;
        auto added = store::AssetRepository(db).add(asset);
        QVERIFY(added);
        m_assetIds.push_back(added->id);
        Transaction buy;
        buy.portfolioId = portfolio.id;
        buy.type = TransactionType::Buy;
        buy.date = buyDay();
        buy.assetId = added->id;
        buy.quantity = test::dec("10");
        buy.price = test::dec("50");
        buy.currency = u"USD"_s;
        PT_VERIFY_OK(ledger::LedgerService(db).add(buy));
    }
}

QProcess *FetchKillTest::startCli(const QStringList &arguments)
{
    auto *process = new QProcess(this);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"PT_YAHOO_URL"_s, m_server.baseUrl().toString());
    environment.insert(u"PT_ECB_URL"_s, m_server.baseUrl().toString());
    process->setProcessEnvironment(environment);
    process->start(test::cliPath(), QStringList{u"--db"_s, m_store} + arguments);
    return process;
}

int FetchKillTest::checkAllOrNothing()
{
    auto opened = store::Database::openSqlite(m_store);
    if (!opened) {
        qWarning() << opened.error();
        return -1;
    }
    const store::Database &db = **opened;
    QSqlQuery query(db.connection());
    if (!query.exec(u"PRAGMA integrity_check"_s) || !query.next() || query.value(0).toString() != u"ok") {
        qWarning() << "integrity check:" << query.value(0).toString();
        return -1;
    }
    int complete = 0;
    for (int i = 0; i < Assets; ++i) {
        const auto expected = m_series[size_t(i)].days(buyDay().addYears(-1), QDate::currentDate());
        const auto bars = *store::PriceRepository(db).list(m_assetIds[size_t(i)]);
        const auto actions = *store::CorporateActionRepository(db).list(m_assetIds[size_t(i)]);
        if (bars.empty() && actions.empty())
            continue;
        if (bars.size() != expected.size() || actions.size() != 2) {
            qWarning() << m_series[size_t(i)].symbol << "holds" << bars.size() << "of" << expected.size()
                       << "days and" << actions.size() << "of 2 actions";
            return -1;
        }
        for (std::size_t day = 0; day < bars.size(); ++day) {
            if (bars[day].date != expected[day]
                || bars[day].close != *Decimal::parse(m_series[size_t(i)].close(expected[day]))) {
                qWarning() << m_series[size_t(i)].symbol << "has a wrong bar on" << bars[day].date;
                return -1;
            }
        }
        ++complete;
    }
    return complete;
}

void FetchKillTest::killedBackfillIsResumed()
{
    // First run, killed once a backfill has made progress but before it is stored.
    QProcess *first = startCli({u"fetch"_s, u"--backfill"_s});
    QVERIFY(first->waitForStarted());
    static const QRegularExpression progressLine(u"\\[job \\d+\\] backfill \\S+ [^:]+: \\d+ %"_s);
    QString output;
    QElapsedTimer timer;
    timer.start();
    while (!progressLine.match(output).hasMatch() && timer.elapsed() < 60'000) {
        if (first->state() == QProcess::NotRunning)
            break;
        first->waitForReadyRead(100);
        output += QString::fromUtf8(first->readAllStandardOutput());
    }
    QVERIFY2(progressLine.match(output).hasMatch(), qPrintable(u"no progress line before the kill:\n"_s + output));
    first->kill();
    QVERIFY(first->waitForFinished(10'000));
    QCOMPARE(first->exitStatus(), QProcess::CrashExit);

    const int completeAfterKill = checkAllOrNothing();
    QVERIFY2(completeAfterKill >= 0, "the killed run left a half-written or damaged store");
    QVERIFY(completeAfterKill < Assets);
    qInfo("killed with %d of %d backfills stored", completeAfterKill, Assets);
    {
        auto opened = store::Database::openSqlite(m_store);
        QVERIFY(opened);
        QSqlQuery query((*opened)->connection());
        QVERIFY(query.exec(u"SELECT COUNT(*) FROM job WHERE state = 'running'"_s) && query.next());
        QCOMPARE(query.value(0).toInt(), 1); // one source, one job at a time
    }

    // Second run: resumes the interrupted job, runs the rest, refreshes.
    QProcess *second = startCli({u"fetch"_s});
    QVERIFY(second->waitForStarted());
    QVERIFY(second->waitForFinished(180'000));
    const QString out = QString::fromUtf8(second->readAllStandardOutput());
    const QString err = QString::fromUtf8(second->readAllStandardError());
    QVERIFY2(second->exitStatus() == QProcess::NormalExit && second->exitCode() == 0,
             qPrintable(out + u"\n"_s + err));

    QVERIFY2(out.contains(u"done"_s), qPrintable(out));
    QCOMPARE(checkAllOrNothing(), Assets);
    auto opened = store::Database::openSqlite(m_store);
    QVERIFY(opened);
    QSqlQuery query((*opened)->connection());
    QVERIFY(query.exec(u"SELECT COUNT(*) FROM job WHERE state <> 'done'"_s) && query.next());
    QCOMPARE(query.value(0).toInt(), 0);
    QVERIFY(query.exec(u"SELECT COUNT(*) FROM job WHERE kind = 'backfill'"_s) && query.next());
    QCOMPARE(query.value(0).toInt(), Assets); // resumed, not queued again
    QVERIFY(query.exec(u"SELECT COUNT(*) FROM (SELECT asset_id, day FROM daily_price GROUP BY asset_id, day "
                       "HAVING COUNT(*) > 1)"_s)
            && query.next());
    QCOMPARE(query.value(0).toInt(), 0);
    // The refresh brought the dollar's rates from a week before the first buy.
    QVERIFY(query.exec(u"SELECT MIN(day) <= '%1', COUNT(*) > 0 FROM fx_rate WHERE quote_currency = 'USD'"_s.arg(
                           buyDay().addDays(-1).toString(Qt::ISODate)))
            && query.next());
    QVERIFY(query.value(1).toBool());
    QVERIFY(query.value(0).toBool());
}

QTEST_GUILESS_MAIN(FetchKillTest)
#include "tst_fetchkill.moc"
