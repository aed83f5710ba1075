// `portfolio-cli sample` and `sample --remove` through the real executable:
// the first run's sample portfolio, created offline, refused twice, removed.

#include "clirunner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using pt::test::CliRun;

class SampleCliTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void createValueAndRemove();
    void refusedArguments_data();
    void refusedArguments();
    void help();

private:
    CliRun cli(const QString &store, const QStringList &arguments)
    {
        return pt::test::runCli(QStringList { u"--db"_s, store } + arguments);
    }
    QJsonDocument json(const QString &store, const QStringList &arguments)
    {
        const CliRun run = cli(store, arguments + QStringList { u"--json"_s });
        if (!run.finished || run.exitCode != 0)
            qWarning().noquote() << arguments.join(u' ') << run.out << run.err;
        return QJsonDocument::fromJson(run.out.toUtf8());
    }

    QTemporaryDir m_dir { pt::test::testTempRoot() + u"/sample-XXXXXX"_s };
};

void SampleCliTest::initTestCase()
{
    QVERIFY2(QFile::exists(pt::test::cliPath()), "PT_CLI must name the portfolio-cli executable");
    QVERIFY(m_dir.isValid());
}

void SampleCliTest::createValueAndRemove()
{
    const QString store = m_dir.filePath(u"sample.sqlite"_s);
    CliRun run = cli(store, { u"sample"_s, u"--end"_s, u"2025-06-11"_s });
    QVERIFY2(run.finished && run.exitCode == 0, qPrintable(run.out + run.err));
    QVERIFY2(run.out.contains(u"Sample portfolio"_s), qPrintable(run.out));
    QVERIFY2(run.out.contains(u"2025-06-11"_s), qPrintable(run.out));

    const QJsonArray portfolios = json(store, { u"portfolio"_s, u"list"_s }).array();
    QCOMPARE(portfolios.size(), 1);
    QCOMPARE(portfolios.first()[u"name"_s].toString(), u"Sample portfolio"_s);
    QCOMPARE(portfolios.first()[u"currency"_s].toString(), u"EUR"_s);
    const QJsonArray assets = json(store, { u"asset"_s, u"list"_s }).array();
    QCOMPARE(assets.size(), 5);
    for (const QJsonValue &asset : assets) {
        QVERIFY(asset[u"symbol"_s].toString().startsWith(u"SAMPLE-"_s));
        QVERIFY(asset[u"name"_s].toString().startsWith(u"Sample "_s));
        QVERIFY(asset[u"synthetic"_s].toBool());
        QVERIFY(!asset[u"tracked"_s].toBool());
    }

    // Values completely, offline, up to its last day.
    const QJsonObject value = json(store,
                                   { u"value"_s, u"--portfolio"_s, u"Sample portfolio"_s, u"--to"_s, u"2025-06-11"_s,
                                     u"--from"_s, u"2025-06-01"_s })
                                  .object();
    const QJsonArray days = value[u"days"_s].toArray();
    QCOMPARE(days.size(), 11);
    for (const QJsonValue &day : days) {
        QVERIFY(!day[u"incomplete"_s].toBool());
        QVERIFY(!day[u"stale"_s].toBool());
    }

    // A second sample is refused and writes nothing.
    run = cli(store, { u"sample"_s });
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(u"already"_s), qPrintable(run.err));
    QCOMPARE(json(store, { u"portfolio"_s, u"list"_s }).array().size(), 1);
    QCOMPARE(json(store, { u"asset"_s, u"list"_s }).array().size(), 5);

    run = cli(store, { u"sample"_s, u"--remove"_s });
    QVERIFY2(run.finished && run.exitCode == 0, qPrintable(run.out + run.err));
    QCOMPARE(json(store, { u"portfolio"_s, u"list"_s }).array().size(), 0);
    QCOMPARE(json(store, { u"asset"_s, u"list"_s }).array().size(), 0);

    // Nothing left to remove; a new sample is welcome again.
    run = cli(store, { u"sample"_s, u"--remove"_s });
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(u"no sample"_s), qPrintable(run.err));
    run = cli(store, { u"sample"_s });
    QVERIFY2(run.finished && run.exitCode == 0, qPrintable(run.out + run.err));
    QCOMPARE(json(store, { u"portfolio"_s, u"list"_s }).array().size(), 1);
}

void SampleCliTest::refusedArguments_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("bad date") << QStringList { u"sample"_s, u"--end"_s, u"2025-13-01"_s };
    QTest::newRow("end with remove") << QStringList { u"sample"_s, u"--remove"_s, u"--end"_s, u"2025-01-01"_s };
    QTest::newRow("unknown option") << QStringList { u"sample"_s, u"--frobnicate"_s };
}

void SampleCliTest::refusedArguments()
{
    QFETCH(QStringList, arguments);
    const QString store = m_dir.filePath(u"refused.sqlite"_s);
    const CliRun run = cli(store, arguments);
    QVERIFY(run.finished);
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.err.startsWith(u"error: "_s));
}

void SampleCliTest::help()
{
    const CliRun run = cli(m_dir.filePath(u"help.sqlite"_s), { u"sample"_s, u"--help"_s });
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.contains(u"--remove"_s));
    const CliRun top = pt::test::runCli({ u"--help"_s });
    QVERIFY(top.out.contains(u"  sample "_s));
}

QTEST_GUILESS_MAIN(SampleCliTest)
#include "tst_samplecli.moc"
