// The market-data commands of portfolio-cli through the real executable:
// `fetch` says "offline" and exits 3 when its source cannot be reached and
// leaves the job queued, `jobs` lists the queue, `search` asks the sources,
// and bad arguments are refused with 2 before anything is fetched.

#include "fakehttpserver.h"
#include "testsupport.h"

#include "clirunner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

// A loopback port nothing listens on: connections are refused at once.
QUrl closedPort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost);
    const quint16 port = server.serverPort();
    server.close();
    return QUrl(u"http://127.0.0.1:%1"_s.arg(port));
}

} // namespace

class JobsCliTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(pt::test::cliPath()), "PT_CLI must name the portfolio-cli executable");
        QVERIFY(m_dir.isValid());
        m_store = m_dir.filePath(u"cli.sqlite"_s);
        QCOMPARE(run({u"portfolio"_s, u"add"_s, u"--name"_s, u"Main"_s}).exitCode, 0);
        QCOMPARE(run({u"asset"_s, u"add"_s, u"--symbol"_s, u"ACME"_s, u"--name"_s, u"Acme"_s, u"--class"_s,
                      u"stock"_s, u"--currency"_s, u"USD"_s, u"--source"_s, u"yahoo"_s})
                     .exitCode,
                 0);
    }

    void badArgumentsAreRefused()
    {
        QCOMPARE(run({u"jobs"_s, u"--state"_s, u"sleeping"_s}).exitCode, 2);
        QCOMPARE(run({u"daemon"_s, u"--interval"_s, u"0"_s}).exitCode, 2);
        QCOMPARE(run({u"search"_s, u"acme"_s, u"--source"_s, u"nowhere"_s}).exitCode, 2);
        QCOMPARE(run({u"fetch"_s, u"--asset"_s, u"NOPE"_s}).exitCode, 2);
        // Untracked (never bought): a refresh would leave it out.
        const Run untracked = run({u"fetch"_s, u"--asset"_s, u"ACME"_s});
        QCOMPARE(untracked.exitCode, 2);
        QVERIFY2(untracked.err.contains(u"not tracked"_s), qPrintable(untracked.err));
        QCOMPARE(run({u"jobs"_s}).out.trimmed(), u"No jobs."_s);
    }

    void offlineFetchExitsWith3AndKeepsTheJob()
    {
        const QUrl nowhere = closedPort();
        const Run fetch = run({u"fetch"_s, u"--asset"_s, u"ACME"_s, u"--backfill"_s}, nowhere);
        QCOMPARE(fetch.exitCode, 3);
        QVERIFY2(fetch.err.contains(u"offline: cannot reach 127.0.0.1:%1 ("_s.arg(nowhere.port())),
                 qPrintable(fetch.err));
        QVERIFY2(fetch.out.contains(u"started (attempt 1 of 5)"_s), qPrintable(fetch.out));

        const Run jobs = run({u"jobs"_s, u"--json"_s});
        QCOMPARE(jobs.exitCode, 0);
        const QJsonArray list = QJsonDocument::fromJson(jobs.out.toUtf8()).array();
        QCOMPARE(list.size(), 1);
        const QJsonObject job = list.first().toObject();
        QCOMPARE(job.value(u"kind"_s).toString(), u"backfill"_s);
        QCOMPARE(job.value(u"asset"_s).toString(), u"ACME"_s);
        QCOMPARE(job.value(u"state"_s).toString(), u"pending"_s);
        QCOMPARE(job.value(u"attempts"_s).toInt(), 1);
        QVERIFY(job.value(u"nextAttemptAt"_s).isString());
        QVERIFY(!job.value(u"lastError"_s).toString().isEmpty());

        const Run table = run({u"jobs"_s, u"--state"_s, u"pending"_s});
        QVERIFY2(table.out.contains(u"backfill"_s) && table.out.contains(u"1/5"_s), qPrintable(table.out));
        QCOMPARE(run({u"jobs"_s, u"--state"_s, u"done"_s}).out.trimmed(), u"No jobs."_s);
    }

    void searchAsksTheSource()
    {
        pt::test::FakeHttpServer server;
        QVERIFY(server.listen());
        server.on("/v1/finance/search", [](const pt::test::RecordedRequest &) {
            const QJsonObject hit{{u"symbol"_s, u"ACME"_s},      {u"shortname"_s, u"Acme Corp"_s},
                                  {u"quoteType"_s, u"EQUITY"_s}, {u"exchDisp"_s, u"NASDAQ"_s}};
            return pt::test::FakeReply::json(
                QJsonDocument(QJsonObject{{u"quotes"_s, QJsonArray{hit}}}).toJson(QJsonDocument::Compact));
        });
        const Run json = run({u"search"_s, u"acme"_s, u"--source"_s, u"yahoo"_s, u"--json"_s}, server.baseUrl());
        QCOMPARE(json.exitCode, 0);
        const QJsonArray hits = QJsonDocument::fromJson(json.out.toUtf8()).array();
        QCOMPARE(hits.size(), 1);
        QCOMPARE(hits.first().toObject().value(u"symbol"_s).toString(), u"ACME"_s);
        QCOMPARE(hits.first().toObject().value(u"source"_s).toString(), u"yahoo"_s);
        QCOMPARE(hits.first().toObject().value(u"assetClass"_s).toString(), u"stock"_s);
        const Run table = run({u"search"_s, u"acme"_s, u"--source"_s, u"yahoo"_s}, server.baseUrl());
        QVERIFY2(table.out.contains(u"Acme Corp"_s) && table.out.contains(u"NASDAQ"_s), qPrintable(table.out));
    }

private:
    Run run(const QStringList &arguments, const QUrl &yahoo = {}) const
    {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        if (yahoo.isValid())
            environment.insert(u"PT_YAHOO_URL"_s, yahoo.toString());
        process.setProcessEnvironment(environment);
        process.start(pt::test::cliPath(), QStringList{u"--db"_s, m_store} + arguments);
        Run result;
        if (!process.waitForStarted() || !process.waitForFinished(120'000))
            return result;
        result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        result.out = QString::fromUtf8(process.readAllStandardOutput());
        result.err = QString::fromUtf8(process.readAllStandardError());
        return result;
    }

    QTemporaryDir m_dir{pt::test::testTempRoot() + u"/tst_jobscli-XXXXXX"_s};
    QString m_store;
};

QTEST_GUILESS_MAIN(JobsCliTest)
#include "tst_jobscli.moc"
