// portfolio-cli through the real executable on real SQLite files: every
// command, its --help, its --json, its refusals and what they leave behind.

#include "clirunner.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using pt::test::CliRun;

class CliTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void version();
    void topLevelHelp();
    void help_data();
    void help();
    void groupHelp();
    void unknownCommand();
    void storeCannotOpen();

    void portfolioLifecycle();
    void assetLifecycle();
    void transactionLifecycle();
    void jsonKeepsExactDecimals();
    void holdingsAfterScript_data();
    void holdingsAfterScript();

    void badInputChangesNothing_data();
    void badInputChangesNothing();
    void sellMoreThanHeld();
    void deleteNeededBuyRefused();

    void pricesImportAndList();
    void pricesBadRowImportsNothing();
    void generateThroughCli();

private:
    QString newStore();
    CliRun cli(const QString &store, const QStringList &arguments);
    // The store's user data as JSON text: compared before and after a refused command.
    QString snapshot(const QString &store);
    // A store with portfolio Main (EUR), asset ACME (EUR), a deposit and a buy of 10.
    QString seededStore();
    QString writeFile(const QString &name, const QByteArray &content);

    QTemporaryDir m_dir{pt::test::testTempRoot() + u"/tst_cli-XXXXXX"_s};
    int m_stores = 0;
};

namespace {

QJsonArray jsonArray(const CliRun &run)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(run.out.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError)
        qWarning().noquote() << "not JSON:" << error.errorString() << run.out.left(500);
    return document.array();
}

QJsonObject findBy(const QJsonArray &array, const QString &key, const QString &value)
{
    for (const QJsonValue &item : array) {
        if (item.toObject().value(key).toString() == value)
            return item.toObject();
    }
    return {};
}

QString describe(const CliRun &run)
{
    return u"exit %1\nstdout: %2\nstderr: %3"_s.arg(run.exitCode).arg(run.out.left(2000), run.err.left(2000));
}

} // namespace

// Runs `expression` once and checks how it ended, showing its output if not as expected.
#define CHECK_RUN(expression, code)                                                                    \
    do {                                                                                               \
        const CliRun checked_ = (expression);                                                          \
        QVERIFY2(checked_.finished && checked_.exitCode == (code), qPrintable(describe(checked_)));    \
    } while (false)

void CliTest::initTestCase()
{
    QVERIFY2(QFile::exists(pt::test::cliPath()), "PT_CLI must name the portfolio-cli executable");
    QVERIFY(m_dir.isValid());
}

QString CliTest::newStore()
{
    return m_dir.filePath(u"store%1.sqlite"_s.arg(++m_stores));
}

CliRun CliTest::cli(const QString &store, const QStringList &arguments)
{
    return pt::test::runCli(QStringList{u"--db"_s, store} + arguments);
}

QString CliTest::snapshot(const QString &store)
{
    QString text;
    for (const QStringList &command : {QStringList{u"portfolio"_s, u"list"_s}, QStringList{u"asset"_s, u"list"_s},
                                       QStringList{u"tx"_s, u"list"_s}}) {
        const CliRun run = cli(store, command + QStringList{u"--json"_s});
        text += run.out;
    }
    return text;
}

QString CliTest::seededStore()
{
    const QString store = newStore();
    const QList<QStringList> script{
        {u"portfolio"_s, u"add"_s, u"--name"_s, u"Main"_s, u"--currency"_s, u"EUR"_s},
        {u"asset"_s, u"add"_s, u"--symbol"_s, u"ACME"_s, u"--name"_s, u"Acme Corp"_s, u"--class"_s, u"stock"_s,
         u"--currency"_s, u"EUR"_s},
        {u"tx"_s, u"add"_s, u"--portfolio"_s, u"Main"_s, u"--type"_s, u"deposit"_s, u"--date"_s, u"2024-01-02"_s,
         u"--amount"_s, u"1000"_s},
        {u"tx"_s, u"add"_s, u"--portfolio"_s, u"Main"_s, u"--type"_s, u"buy"_s, u"--date"_s, u"2024-01-03"_s,
         u"--asset"_s, u"ACME"_s, u"--quantity"_s, u"10"_s, u"--price"_s, u"10"_s},
    };
    for (const QStringList &step : script) {
        const CliRun run = cli(store, step);
        if (run.exitCode != 0)
            qWarning().noquote() << "seeding failed:" << describe(run);
    }
    return store;
}

QString CliTest::writeFile(const QString &name, const QByteArray &content)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        file.write(content);
    return path;
}

void CliTest::version()
{
    const CliRun run = pt::test::runCli({u"--version"_s});
    CHECK_RUN(run, 0);
    QVERIFY(run.out.contains(QStringLiteral(PT_VERSION)));
}

void CliTest::topLevelHelp()
{
    const CliRun run = pt::test::runCli({u"--help"_s});
    CHECK_RUN(run, 0);
    for (const QString &command : {u"portfolio"_s, u"asset"_s, u"tx"_s, u"holdings"_s, u"prices"_s, u"generate"_s})
        QVERIFY2(run.out.contains(command), qPrintable(command));
    QVERIFY(run.out.contains(u"--db"_s));
    QVERIFY(run.out.contains(u"--version"_s));
}

void CliTest::help_data()
{
    QTest::addColumn<QStringList>("command");
    QTest::addColumn<QStringList>("options");

    QTest::newRow("portfolio add") << QStringList{u"portfolio"_s, u"add"_s}
                                   << QStringList{u"--name"_s, u"--currency"_s, u"--method"_s};
    QTest::newRow("portfolio list") << QStringList{u"portfolio"_s, u"list"_s} << QStringList{u"--json"_s};
    QTest::newRow("portfolio edit") << QStringList{u"portfolio"_s, u"edit"_s}
                                    << QStringList{u"REF"_s, u"--name"_s, u"--method"_s};
    QTest::newRow("portfolio delete") << QStringList{u"portfolio"_s, u"delete"_s} << QStringList{u"REF"_s};
    QTest::newRow("asset add") << QStringList{u"asset"_s, u"add"_s}
                               << QStringList{u"--symbol"_s, u"--class"_s, u"--currency"_s, u"--exchange"_s,
                                              u"--source"_s, u"--source-id"_s};
    QTest::newRow("asset list") << QStringList{u"asset"_s, u"list"_s} << QStringList{u"--json"_s};
    QTest::newRow("asset edit") << QStringList{u"asset"_s, u"edit"_s} << QStringList{u"REF"_s, u"--symbol"_s};
    QTest::newRow("asset delete") << QStringList{u"asset"_s, u"delete"_s} << QStringList{u"REF"_s};
    QTest::newRow("tx add") << QStringList{u"tx"_s, u"add"_s}
                            << QStringList{u"--portfolio"_s, u"--type"_s, u"--date"_s, u"--asset"_s,
                                           u"--quantity"_s, u"--price"_s, u"--amount"_s, u"--fee"_s,
                                           u"--currency"_s, u"--to-portfolio"_s, u"--split"_s, u"--note"_s};
    QTest::newRow("tx list") << QStringList{u"tx"_s, u"list"_s} << QStringList{u"--portfolio"_s, u"--json"_s};
    QTest::newRow("tx edit") << QStringList{u"tx"_s, u"edit"_s} << QStringList{u"ID"_s, u"--quantity"_s, u"--date"_s};
    QTest::newRow("tx delete") << QStringList{u"tx"_s, u"delete"_s} << QStringList{u"ID"_s};
    QTest::newRow("holdings") << QStringList{u"holdings"_s} << QStringList{u"--portfolio"_s, u"--json"_s};
    QTest::newRow("prices import") << QStringList{u"prices"_s, u"import"_s}
                                   << QStringList{u"--asset"_s, u"FILE"_s, u"adj_close"_s};
    QTest::newRow("prices list") << QStringList{u"prices"_s, u"list"_s}
                                 << QStringList{u"--asset"_s, u"--from"_s, u"--to"_s, u"--json"_s};
    QTest::newRow("generate") << QStringList{u"generate"_s}
                              << QStringList{u"--portfolios"_s, u"--assets"_s, u"--transactions"_s, u"--years"_s,
                                             u"--seed"_s, u"--end"_s};
}

void CliTest::help()
{
    QFETCH(QStringList, command);
    QFETCH(QStringList, options);
    // --help needs no store: nothing may be created.
    const QString store = newStore();
    const CliRun run = cli(store, command + QStringList{u"--help"_s});
    CHECK_RUN(run, 0);
    QVERIFY2(run.out.contains(command.join(u' ')), qPrintable(run.out));
    QVERIFY(run.out.contains(u"--help"_s));
    QVERIFY(run.out.contains(u"--db"_s));
    for (const QString &option : options)
        QVERIFY2(run.out.contains(option), qPrintable(option + u" missing from\n"_s + run.out));
    QVERIFY(!QFile::exists(store));
}

void CliTest::groupHelp()
{
    for (const QString &group : {u"portfolio"_s, u"asset"_s, u"tx"_s, u"prices"_s}) {
        const CliRun run = pt::test::runCli({group, u"--help"_s});
        CHECK_RUN(run, 0);
        QVERIFY(run.out.contains(u"list"_s));
    }
    const CliRun missing = pt::test::runCli({u"portfolio"_s});
    CHECK_RUN(missing, 2);
    QVERIFY(missing.err.contains(u"missing action"_s));
}

void CliTest::unknownCommand()
{
    const CliRun run = pt::test::runCli({u"frobnicate"_s});
    CHECK_RUN(run, 2);
    QVERIFY(run.err.contains(u"'frobnicate'"_s));

    const CliRun option = cli(newStore(), {u"portfolio"_s, u"list"_s, u"--bogus"_s});
    CHECK_RUN(option, 2);
    QVERIFY(option.err.contains(u"bogus"_s));
}

void CliTest::storeCannotOpen()
{
    // A folder where the store file should be.
    const CliRun run = cli(m_dir.path(), {u"portfolio"_s, u"list"_s});
    CHECK_RUN(run, 1);
    QVERIFY(run.err.startsWith(u"error: "_s));
}

void CliTest::portfolioLifecycle()
{
    const QString store = newStore();
    CHECK_RUN(cli(store, {u"portfolio"_s, u"add"_s, u"--name"_s, u"Retirement"_s, u"--currency"_s, u"usd"_s,
                          u"--method"_s, u"average"_s}),
              0);
    CHECK_RUN(cli(store, {u"portfolio"_s, u"add"_s, u"--name"_s, u"Play"_s}), 0);

    QJsonArray list = jsonArray(cli(store, {u"portfolio"_s, u"list"_s, u"--json"_s}));
    QCOMPARE(list.size(), 2);
    QJsonObject retirement = findBy(list, u"name"_s, u"Retirement"_s);
    QCOMPARE(retirement.value(u"currency"_s).toString(), u"USD"_s);
    QCOMPARE(retirement.value(u"method"_s).toString(), u"average"_s);
    QCOMPARE(findBy(list, u"name"_s, u"Play"_s).value(u"currency"_s).toString(), u"EUR"_s);
    QCOMPARE(findBy(list, u"name"_s, u"Play"_s).value(u"method"_s).toString(), u"fifo"_s);

    const CliRun duplicate = cli(store, {u"portfolio"_s, u"add"_s, u"--name"_s, u"Play"_s});
    CHECK_RUN(duplicate, 2);
    QVERIFY(duplicate.err.contains(u"--name"_s) && duplicate.err.contains(u"'Play'"_s));

    // Edit by a UUID prefix, then by name.
    const QString prefix = retirement.value(u"id"_s).toString().left(8);
    CHECK_RUN(cli(store, {u"portfolio"_s, u"edit"_s, prefix, u"--name"_s, u"Pension"_s, u"--method"_s, u"fifo"_s}), 0);
    CHECK_RUN(cli(store, {u"portfolio"_s, u"edit"_s, u"Pension"_s, u"--currency"_s, u"CHF"_s}), 0);
    list = jsonArray(cli(store, {u"portfolio"_s, u"list"_s, u"--json"_s}));
    const QJsonObject pension = findBy(list, u"name"_s, u"Pension"_s);
    QCOMPARE(pension.value(u"id"_s), retirement.value(u"id"_s));
    QCOMPARE(pension.value(u"method"_s).toString(), u"fifo"_s);
    QCOMPARE(pension.value(u"currency"_s).toString(), u"CHF"_s);

    const CliRun table = cli(store, {u"portfolio"_s, u"list"_s});
    CHECK_RUN(table, 0);
    QVERIFY(table.out.contains(u"Pension"_s) && table.out.contains(u"CHF"_s));

    CHECK_RUN(cli(store, {u"portfolio"_s, u"delete"_s, u"Pension"_s}), 0);
    list = jsonArray(cli(store, {u"portfolio"_s, u"list"_s, u"--json"_s}));
    QCOMPARE(list.size(), 1);
    QCOMPARE(list.first().toObject().value(u"name"_s).toString(), u"Play"_s);

    const CliRun missing = cli(store, {u"portfolio"_s, u"delete"_s, u"Pension"_s});
    CHECK_RUN(missing, 2);
    QVERIFY(missing.err.contains(u"Pension"_s));
}

void CliTest::assetLifecycle()
{
    const QString store = newStore();
    CHECK_RUN(cli(store, {u"asset"_s, u"add"_s, u"--symbol"_s, u"AAPL"_s, u"--name"_s, u"Apple Inc."_s,
                          u"--class"_s, u"stock"_s, u"--currency"_s, u"USD"_s, u"--exchange"_s, u"NASDAQ"_s,
                          u"--source"_s, u"yahoo"_s, u"--source-id"_s, u"AAPL"_s}),
              0);
    CHECK_RUN(cli(store, {u"asset"_s, u"add"_s, u"--symbol"_s, u"BTC"_s, u"--name"_s, u"Bitcoin"_s, u"--class"_s,
                          u"crypto"_s, u"--currency"_s, u"USD"_s}),
              0);
    QJsonArray list = jsonArray(cli(store, {u"asset"_s, u"list"_s, u"--json"_s}));
    QCOMPARE(list.size(), 2);
    const QJsonObject apple = findBy(list, u"symbol"_s, u"AAPL"_s);
    QCOMPARE(apple.value(u"name"_s).toString(), u"Apple Inc."_s);
    QCOMPARE(apple.value(u"class"_s).toString(), u"stock"_s);
    QCOMPARE(apple.value(u"exchange"_s).toString(), u"NASDAQ"_s);
    QCOMPARE(apple.value(u"source"_s).toString(), u"yahoo"_s);
    QCOMPARE(apple.value(u"synthetic"_s).toBool(), false);

    const CliRun badClass = cli(store, {u"asset"_s, u"add"_s, u"--symbol"_s, u"X"_s, u"--name"_s, u"X"_s,
                                        u"--class"_s, u"share"_s, u"--currency"_s, u"USD"_s});
    CHECK_RUN(badClass, 2);
    QVERIFY(badClass.err.contains(u"--class: 'share'"_s));
    const CliRun duplicate = cli(store, {u"asset"_s, u"add"_s, u"--symbol"_s, u"aapl"_s, u"--name"_s, u"Again"_s,
                                         u"--class"_s, u"stock"_s, u"--currency"_s, u"USD"_s});
    CHECK_RUN(duplicate, 2);
    QVERIFY(duplicate.err.contains(u"--symbol"_s));

    CHECK_RUN(cli(store, {u"asset"_s, u"edit"_s, u"btc"_s, u"--name"_s, u"Bitcoin (BTC)"_s, u"--source"_s,
                          u"coingecko"_s, u"--source-id"_s, u"bitcoin"_s}),
              0);
    list = jsonArray(cli(store, {u"asset"_s, u"list"_s, u"--json"_s}));
    const QJsonObject bitcoin = findBy(list, u"symbol"_s, u"BTC"_s);
    QCOMPARE(bitcoin.value(u"name"_s).toString(), u"Bitcoin (BTC)"_s);
    QCOMPARE(bitcoin.value(u"sourceId"_s).toString(), u"bitcoin"_s);

    const CliRun table = cli(store, {u"asset"_s, u"list"_s});
    CHECK_RUN(table, 0);
    QVERIFY(table.out.contains(u"Bitcoin (BTC)"_s));

    CHECK_RUN(cli(store, {u"asset"_s, u"delete"_s, bitcoin.value(u"id"_s).toString()}), 0);
    list = jsonArray(cli(store, {u"asset"_s, u"list"_s, u"--json"_s}));
    QCOMPARE(list.size(), 1);

    // An asset that entries use stays.
    const QString seeded = seededStore();
    const CliRun used = cli(seeded, {u"asset"_s, u"delete"_s, u"ACME"_s});
    CHECK_RUN(used, 2);
    QVERIFY(used.err.contains(u"ACME"_s));
    QCOMPARE(jsonArray(cli(seeded, {u"asset"_s, u"list"_s, u"--json"_s})).size(), 1);
}

void CliTest::transactionLifecycle()
{
    const QString store = seededStore();
    QJsonArray list = jsonArray(cli(store, {u"tx"_s, u"list"_s, u"--json"_s}));
    QCOMPARE(list.size(), 2);
    const QJsonObject buy = findBy(list, u"type"_s, u"buy"_s);
    QCOMPARE(buy.value(u"asset"_s).toString(), u"ACME"_s);
    QCOMPARE(buy.value(u"currency"_s).toString(), u"EUR"_s); // the asset's, by default
    QCOMPARE(buy.value(u"quantity"_s).toString(), u"10"_s);
    const QString id = buy.value(u"id"_s).toString();

    // A sell, a note, then edits through a short id.
    const CliRun sell = cli(store, {u"tx"_s, u"add"_s, u"--portfolio"_s, u"Main"_s, u"--type"_s, u"sell"_s,
                                    u"--date"_s, u"2024-02-01"_s, u"--asset"_s, u"ACME"_s, u"--quantity"_s, u"4"_s,
                                    u"--price"_s, u"12.5"_s, u"--fee"_s, u"1"_s, u"--note"_s, u"trim"_s});
    CHECK_RUN(sell, 0);
    QCOMPARE(jsonArray(cli(store, {u"tx"_s, u"list"_s, u"--json"_s})).size(), 3);

    CHECK_RUN(cli(store, {u"tx"_s, u"edit"_s, id.left(8), u"--quantity"_s, u"12"_s, u"--price"_s, u"9.75"_s,
                          u"--date"_s, u"2024-01-04"_s}),
              0);
    list = jsonArray(cli(store, {u"tx"_s, u"list"_s, u"--portfolio"_s, u"Main"_s, u"--json"_s}));
    QJsonObject edited = findBy(list, u"id"_s, id);
    QCOMPARE(edited.value(u"quantity"_s).toString(), u"12"_s);
    QCOMPARE(edited.value(u"price"_s).toString(), u"9.75"_s);
    QCOMPARE(edited.value(u"date"_s).toString(), u"2024-01-04"_s);
    QCOMPARE(findBy(list, u"type"_s, u"sell"_s).value(u"note"_s).toString(), u"trim"_s);

    const CliRun table = cli(store, {u"tx"_s, u"list"_s});
    CHECK_RUN(table, 0);
    QVERIFY(table.out.contains(u"9.75"_s) && table.out.contains(id.left(8)));

    // Deleting the sell is fine; then the buy.
    const QString sellId = findBy(list, u"type"_s, u"sell"_s).value(u"id"_s).toString();
    CHECK_RUN(cli(store, {u"tx"_s, u"delete"_s, sellId}), 0);
    CHECK_RUN(cli(store, {u"tx"_s, u"delete"_s, id}), 0);
    list = jsonArray(cli(store, {u"tx"_s, u"list"_s, u"--json"_s}));
    QCOMPARE(list.size(), 1);
    QCOMPARE(list.first().toObject().value(u"type"_s).toString(), u"deposit"_s);

    const CliRun gone = cli(store, {u"tx"_s, u"delete"_s, id});
    CHECK_RUN(gone, 2);
}

void CliTest::jsonKeepsExactDecimals()
{
    const QString store = newStore();
    CHECK_RUN(cli(store, {u"portfolio"_s, u"add"_s, u"--name"_s, u"Crypto"_s, u"--currency"_s, u"USD"_s}), 0);
    CHECK_RUN(cli(store, {u"asset"_s, u"add"_s, u"--symbol"_s, u"BTC"_s, u"--name"_s, u"Bitcoin"_s, u"--class"_s,
                          u"crypto"_s, u"--currency"_s, u"USD"_s}),
              0);
    CHECK_RUN(cli(store, {u"tx"_s, u"add"_s, u"--portfolio"_s, u"Crypto"_s, u"--type"_s, u"buy"_s, u"--date"_s,
                          u"2024-03-01"_s, u"--asset"_s, u"BTC"_s, u"--quantity"_s, u"0.123456789012"_s,
                          u"--price"_s, u"61234.5678"_s, u"--fee"_s, u"0.1"_s}),
              0);
    const CliRun run = cli(store, {u"tx"_s, u"list"_s, u"--json"_s});
    CHECK_RUN(run, 0);
    // As strings, so no digit is lost to a double.
    QVERIFY(run.out.contains(u"\"0.123456789012\""_s));
    QVERIFY(run.out.contains(u"\"61234.5678\""_s));
    const QJsonObject buy = jsonArray(run).first().toObject();
    QCOMPARE(buy.value(u"quantity"_s).toString(), u"0.123456789012"_s);
    QCOMPARE(buy.value(u"fee"_s).toString(), u"0.1"_s);

    // 0.123456789012 * 61234.5678 = 7559.822041149771... -> 7559.82, plus the fee.
    const QJsonArray books = jsonArray(cli(store, {u"holdings"_s, u"--json"_s}));
    const QJsonObject position = books.first().toObject().value(u"positions"_s).toArray().first().toObject();
    QCOMPARE(position.value(u"quantity"_s).toString(), u"0.123456789012"_s);
    QCOMPARE(position.value(u"costBasis"_s).toString(), u"7559.92"_s);
    QCOMPARE(books.first().toObject().value(u"cash"_s).toObject().value(u"USD"_s).toString(), u"-7559.92"_s);
}

void CliTest::holdingsAfterScript_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("costBasis");
    QTest::addColumn<QString>("averageCost");
    QTest::addColumn<QString>("realizedGain");

    // Deposit 10000; buy 10 @ 100 + 5 fee (lot 1005); buy 5 @ 120 + 5 fee (lot 605);
    // sell 12 @ 130 - 6 fee = 1554 proceeds; dividend 9 with 1.35 withheld.
    // FIFO: sold cost 1005 + 2/5 * 605 = 1247, gain 307, left 3 units costing 363.
    QTest::newRow("fifo") << u"fifo"_s << u"363"_s << u"121"_s << u"307"_s;
    // Average: 1610 for 15 units; sold cost 12/15 * 1610 = 1288, gain 266, left 322.
    QTest::newRow("average") << u"average"_s << u"322"_s << u"107.333333333333"_s << u"266"_s;
}

void CliTest::holdingsAfterScript()
{
    QFETCH(QString, method);
    QFETCH(QString, costBasis);
    QFETCH(QString, averageCost);
    QFETCH(QString, realizedGain);

    const QString store = newStore();
    const QStringList tx{u"tx"_s, u"add"_s, u"--portfolio"_s, u"Book"_s};
    const QList<QStringList> script{
        {u"portfolio"_s, u"add"_s, u"--name"_s, u"Book"_s, u"--method"_s, method},
        {u"asset"_s, u"add"_s, u"--symbol"_s, u"SAP"_s, u"--name"_s, u"SAP SE"_s, u"--class"_s, u"stock"_s,
         u"--currency"_s, u"EUR"_s},
        tx + QStringList{u"--type"_s, u"deposit"_s, u"--date"_s, u"2024-01-02"_s, u"--amount"_s, u"10000"_s},
        tx + QStringList{u"--type"_s, u"buy"_s, u"--date"_s, u"2024-01-03"_s, u"--asset"_s, u"SAP"_s,
                         u"--quantity"_s, u"10"_s, u"--price"_s, u"100"_s, u"--fee"_s, u"5"_s},
        tx + QStringList{u"--type"_s, u"buy"_s, u"--date"_s, u"2024-02-01"_s, u"--asset"_s, u"SAP"_s,
                         u"--quantity"_s, u"5"_s, u"--price"_s, u"120"_s, u"--fee"_s, u"5"_s},
        tx + QStringList{u"--type"_s, u"sell"_s, u"--date"_s, u"2024-03-01"_s, u"--asset"_s, u"SAP"_s,
                         u"--quantity"_s, u"12"_s, u"--price"_s, u"130"_s, u"--fee"_s, u"6"_s},
        tx + QStringList{u"--type"_s, u"dividend"_s, u"--date"_s, u"2024-04-01"_s, u"--asset"_s, u"SAP"_s,
                         u"--amount"_s, u"9"_s, u"--fee"_s, u"1.35"_s},
    };
    for (const QStringList &step : script)
        CHECK_RUN(cli(store, step), 0);

    const CliRun run = cli(store, {u"holdings"_s, u"--portfolio"_s, u"Book"_s, u"--json"_s});
    CHECK_RUN(run, 0);
    const QJsonArray books = jsonArray(run);
    QCOMPARE(books.size(), 1);
    const QJsonObject book = books.first().toObject();
    QCOMPARE(book.value(u"portfolio"_s).toString(), u"Book"_s);
    const QJsonArray positions = book.value(u"positions"_s).toArray();
    QCOMPARE(positions.size(), 1);
    const QJsonObject sap = positions.first().toObject();
    QCOMPARE(sap.value(u"symbol"_s).toString(), u"SAP"_s);
    QCOMPARE(sap.value(u"currency"_s).toString(), u"EUR"_s);
    QCOMPARE(sap.value(u"quantity"_s).toString(), u"3"_s);
    QCOMPARE(sap.value(u"costBasis"_s).toString(), costBasis);
    QCOMPARE(sap.value(u"averageCost"_s).toString(), averageCost);
    QCOMPARE(sap.value(u"realizedGain"_s).toString(), realizedGain);
    QCOMPARE(sap.value(u"income"_s).toString(), u"9"_s);
    QCOMPARE(sap.value(u"fees"_s).toString(), u"17.35"_s);
    // 10000 - 1005 - 605 + 1554 + 9 - 1.35
    QCOMPARE(book.value(u"cash"_s).toObject().value(u"EUR"_s).toString(), u"9951.65"_s);

    const CliRun table = cli(store, {u"holdings"_s});
    CHECK_RUN(table, 0);
    QVERIFY2(table.out.contains(u"9951.65 EUR"_s), qPrintable(table.out));
    QVERIFY(table.out.contains(realizedGain + u".00"_s));
}

void CliTest::badInputChangesNothing_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QStringList>("expected"); // in the message: the field and the value

    const QStringList buy{u"tx"_s, u"add"_s, u"--portfolio"_s, u"Main"_s, u"--type"_s, u"buy"_s, u"--asset"_s, u"ACME"_s};
    const QStringList buyOn = buy + QStringList{u"--date"_s, u"2024-01-05"_s};
    QTest::newRow("quantity") << buyOn + QStringList{u"--quantity"_s, u"1,5x"_s, u"--price"_s, u"1"_s}
                              << QStringList{u"--quantity: '1,5x' is not a decimal number"_s};
    QTest::newRow("price") << buyOn + QStringList{u"--quantity"_s, u"1"_s, u"--price"_s, u"12.3.4"_s}
                           << QStringList{u"--price"_s, u"'12.3.4'"_s};
    QTest::newRow("grouped fee") << buyOn + QStringList{u"--quantity"_s, u"1"_s, u"--price"_s, u"1"_s, u"--fee"_s, u"1,000"_s}
                                 << QStringList{u"--fee"_s, u"'1,000'"_s};
    QTest::newRow("negative fee") << buyOn + QStringList{u"--quantity"_s, u"1"_s, u"--price"_s, u"1"_s, u"--fee"_s, u"-1"_s}
                                  << QStringList{u"fee"_s, u"'-1'"_s};
    QTest::newRow("zero quantity") << buyOn + QStringList{u"--quantity"_s, u"0"_s, u"--price"_s, u"1"_s}
                                   << QStringList{u"quantity"_s, u"'0'"_s};
    QTest::newRow("date form") << buy + QStringList{u"--date"_s, u"31.01.2024"_s, u"--quantity"_s, u"1"_s}
                               << QStringList{u"--date: '31.01.2024'"_s};
    QTest::newRow("date value") << buy + QStringList{u"--date"_s, u"2024-02-30"_s, u"--quantity"_s, u"1"_s}
                                << QStringList{u"--date: '2024-02-30'"_s};
    QTest::newRow("type") << QStringList{u"tx"_s, u"add"_s, u"--portfolio"_s, u"Main"_s, u"--type"_s, u"purchase"_s,
                                         u"--date"_s, u"2024-01-05"_s}
                          << QStringList{u"--type: 'purchase'"_s};
    QTest::newRow("currency") << buyOn + QStringList{u"--quantity"_s, u"1"_s, u"--price"_s, u"1"_s, u"--currency"_s, u"E"_s}
                              << QStringList{u"--currency: 'E'"_s};
    QTest::newRow("currency of asset") << buyOn + QStringList{u"--quantity"_s, u"1"_s, u"--price"_s, u"1"_s, u"--currency"_s, u"USD"_s}
                                       << QStringList{u"currency"_s, u"'USD'"_s};
    QTest::newRow("split") << QStringList{u"tx"_s, u"add"_s, u"--portfolio"_s, u"Main"_s, u"--type"_s, u"split"_s,
                                          u"--date"_s, u"2024-01-05"_s, u"--asset"_s, u"ACME"_s, u"--split"_s, u"2x1"_s}
                           << QStringList{u"--split: '2x1'"_s};
    QTest::newRow("portfolio") << QStringList{u"tx"_s, u"add"_s, u"--portfolio"_s, u"Nowhere"_s, u"--type"_s,
                                              u"deposit"_s, u"--date"_s, u"2024-01-05"_s, u"--amount"_s, u"1"_s}
                               << QStringList{u"--portfolio"_s, u"Nowhere"_s};
    QTest::newRow("asset") << QStringList{u"tx"_s, u"add"_s, u"--portfolio"_s, u"Main"_s, u"--type"_s, u"buy"_s,
                                          u"--date"_s, u"2024-01-05"_s, u"--asset"_s, u"NOPE"_s, u"--quantity"_s,
                                          u"1"_s, u"--price"_s, u"1"_s}
                           << QStringList{u"--asset"_s, u"NOPE"_s};
    QTest::newRow("missing option") << QStringList{u"tx"_s, u"add"_s, u"--portfolio"_s, u"Main"_s, u"--type"_s, u"deposit"_s}
                                    << QStringList{u"--date"_s, u"required"_s};
    QTest::newRow("edit quantity") << QStringList{u"tx"_s, u"edit"_s, u"{BUY}"_s, u"--quantity"_s, u"ten"_s}
                                   << QStringList{u"--quantity: 'ten'"_s};
    QTest::newRow("edit to oversell") << QStringList{u"tx"_s, u"edit"_s, u"{BUY}"_s, u"--type"_s, u"sell"_s}
                                      << QStringList{u"10"_s, u"ACME"_s};
    QTest::newRow("unknown id") << QStringList{u"tx"_s, u"delete"_s, u"deadbeef"_s} << QStringList{u"deadbeef"_s};
    QTest::newRow("method") << QStringList{u"portfolio"_s, u"add"_s, u"--name"_s, u"Other"_s, u"--method"_s, u"lifo"_s}
                            << QStringList{u"--method: 'lifo'"_s};
    QTest::newRow("portfolio currency") << QStringList{u"portfolio"_s, u"edit"_s, u"Main"_s, u"--currency"_s, u"euro!"_s}
                                        << QStringList{u"--currency: 'euro!'"_s};
    QTest::newRow("asset currency in use") << QStringList{u"asset"_s, u"edit"_s, u"ACME"_s, u"--currency"_s, u"USD"_s}
                                           << QStringList{u"--currency"_s, u"'USD'"_s};
    QTest::newRow("asset class") << QStringList{u"asset"_s, u"edit"_s, u"ACME"_s, u"--class"_s, u"share"_s}
                                 << QStringList{u"--class: 'share'"_s};
    QTest::newRow("prices date") << QStringList{u"prices"_s, u"list"_s, u"--asset"_s, u"ACME"_s, u"--from"_s, u"2024/01/01"_s}
                                 << QStringList{u"--from: '2024/01/01'"_s};
    QTest::newRow("generate count") << QStringList{u"generate"_s, u"--assets"_s, u"-5"_s}
                                    << QStringList{u"--assets: '-5'"_s};
    QTest::newRow("generate number") << QStringList{u"generate"_s, u"--years"_s, u"ten"_s}
                                     << QStringList{u"--years: 'ten'"_s};
}

void CliTest::badInputChangesNothing()
{
    QFETCH(QStringList, arguments);
    QFETCH(QStringList, expected);

    const QString store = seededStore();
    const QString before = snapshot(store);
    const QJsonArray entries = jsonArray(cli(store, {u"tx"_s, u"list"_s, u"--json"_s}));
    QCOMPARE(entries.size(), 2);
    arguments.replaceInStrings(u"{BUY}"_s, findBy(entries, u"type"_s, u"buy"_s).value(u"id"_s).toString());

    const CliRun run = cli(store, arguments);
    CHECK_RUN(run, 2);
    QVERIFY2(run.err.startsWith(u"error: "_s), qPrintable(run.err));
    for (const QString &part : expected)
        QVERIFY2(run.err.contains(part), qPrintable(u"'%1' not in: %2"_s.arg(part, run.err)));
    QCOMPARE(snapshot(store), before);
}

void CliTest::sellMoreThanHeld()
{
    const QString store = seededStore();
    const QString before = snapshot(store);
    const CliRun run = cli(store, {u"tx"_s, u"add"_s, u"--portfolio"_s, u"Main"_s, u"--type"_s, u"sell"_s,
                                   u"--date"_s, u"2024-01-10"_s, u"--asset"_s, u"ACME"_s, u"--quantity"_s,
                                   u"10.5"_s, u"--price"_s, u"11"_s});
    CHECK_RUN(run, 2);
    QVERIFY2(run.err.contains(u"10.5"_s) && run.err.contains(u"ACME"_s), qPrintable(run.err));
    QCOMPARE(snapshot(store), before);

    // Before the buy, not even one unit is held.
    const CliRun early = cli(store, {u"tx"_s, u"add"_s, u"--portfolio"_s, u"Main"_s, u"--type"_s, u"sell"_s,
                                     u"--date"_s, u"2024-01-02"_s, u"--asset"_s, u"ACME"_s, u"--quantity"_s,
                                     u"1"_s, u"--price"_s, u"11"_s});
    CHECK_RUN(early, 2);
    QCOMPARE(snapshot(store), before);

    // Exactly what is held is fine.
    CHECK_RUN(cli(store, {u"tx"_s, u"add"_s, u"--portfolio"_s, u"Main"_s, u"--type"_s, u"sell"_s, u"--date"_s,
                          u"2024-01-10"_s, u"--asset"_s, u"ACME"_s, u"--quantity"_s, u"10"_s, u"--price"_s, u"11"_s}),
              0);
}

void CliTest::deleteNeededBuyRefused()
{
    const QString store = seededStore();
    CHECK_RUN(cli(store, {u"tx"_s, u"add"_s, u"--portfolio"_s, u"Main"_s, u"--type"_s, u"sell"_s, u"--date"_s,
                          u"2024-01-10"_s, u"--asset"_s, u"ACME"_s, u"--quantity"_s, u"6"_s, u"--price"_s, u"11"_s}),
              0);
    const QString before = snapshot(store);
    const QString buyId = findBy(jsonArray(cli(store, {u"tx"_s, u"list"_s, u"--json"_s})), u"type"_s, u"buy"_s)
                              .value(u"id"_s).toString();
    const CliRun run = cli(store, {u"tx"_s, u"delete"_s, buyId});
    CHECK_RUN(run, 2);
    QVERIFY(run.err.contains(u"ACME"_s));
    QCOMPARE(snapshot(store), before);
}

void CliTest::pricesImportAndList()
{
    const QString store = seededStore();
    const QString csv = writeFile(u"good.csv"_s,
                                  "date,open,high,low,close,adj_close,volume\n"
                                  "2024-01-02,10.1,10.5,9.9,10.25,10.2,12000\n"
                                  "2024-01-03,,,,10.3,,\n"
                                  "2024-01-04,10.3,10.8,10.2,10.7512,10.7,15000\r\n"
                                  "2024-01-05,10.7,11,10.6,10.9,10.9,0\n"
                                  "\n");
    const CliRun run = cli(store, {u"prices"_s, u"import"_s, u"--asset"_s, u"ACME"_s, csv});
    CHECK_RUN(run, 0);
    QVERIFY2(run.out.contains(u"Imported 4 rows"_s), qPrintable(run.out));

    QJsonArray bars = jsonArray(cli(store, {u"prices"_s, u"list"_s, u"--asset"_s, u"ACME"_s, u"--json"_s}));
    QCOMPARE(bars.size(), 4);
    const QJsonObject first = bars.first().toObject();
    QCOMPARE(first.value(u"date"_s).toString(), u"2024-01-02"_s);
    QCOMPARE(first.value(u"open"_s).toString(), u"10.1"_s);
    QCOMPARE(first.value(u"close"_s).toString(), u"10.25"_s);
    QCOMPARE(first.value(u"adjClose"_s).toString(), u"10.2"_s);
    QCOMPARE(first.value(u"volume"_s).toString(), u"12000"_s);
    const QJsonObject sparse = bars.at(1).toObject();
    QCOMPARE(sparse.value(u"close"_s).toString(), u"10.3"_s);
    QVERIFY(sparse.value(u"open"_s).isNull());
    QCOMPARE(bars.at(2).toObject().value(u"close"_s).toString(), u"10.7512"_s);

    bars = jsonArray(cli(store, {u"prices"_s, u"list"_s, u"--asset"_s, u"ACME"_s, u"--from"_s, u"2024-01-03"_s,
                                 u"--to"_s, u"2024-01-04"_s, u"--json"_s}));
    QCOMPARE(bars.size(), 2);

    const CliRun table = cli(store, {u"prices"_s, u"list"_s, u"--asset"_s, u"ACME"_s});
    CHECK_RUN(table, 0);
    QVERIFY(table.out.contains(u"10.7512"_s));

    // Columns in another order, Yahoo's header spelling; existing days are replaced.
    const QString again = writeFile(u"again.csv"_s, "Date,Close,Adj Close\n2024-01-05,11.5,11.5\n2024-01-08,11.6,11.6\n");
    CHECK_RUN(cli(store, {u"prices"_s, u"import"_s, u"--asset"_s, u"ACME"_s, again}), 0);
    bars = jsonArray(cli(store, {u"prices"_s, u"list"_s, u"--asset"_s, u"ACME"_s, u"--json"_s}));
    QCOMPARE(bars.size(), 5);
    QCOMPARE(findBy(bars, u"date"_s, u"2024-01-05"_s).value(u"close"_s).toString(), u"11.5"_s);
}

void CliTest::pricesBadRowImportsNothing()
{
    const QString store = seededStore();
    const QString csv = writeFile(u"bad.csv"_s,
                                  "date,open,high,low,close,adj_close,volume\n"
                                  "2024-01-02,10,11,9,10.5,10.5,100\n"
                                  "2024-01-03,10,11,9,10.6,10.6,100\n"
                                  "2024-01-04,10,11,9,abc,10.6,100\n"
                                  "2024-01-05,10,11,9,10.7,10.7,100\n");
    const CliRun run = cli(store, {u"prices"_s, u"import"_s, u"--asset"_s, u"ACME"_s, csv});
    CHECK_RUN(run, 2);
    QVERIFY2(run.err.contains(u"row 3"_s) && run.err.contains(u"close"_s) && run.err.contains(u"'abc'"_s),
             qPrintable(run.err));
    QCOMPARE(jsonArray(cli(store, {u"prices"_s, u"list"_s, u"--asset"_s, u"ACME"_s, u"--json"_s})).size(), 0);

    // Every bad row is reported, not only the first.
    const QString worse = writeFile(u"worse.csv"_s,
                                    "date,close,volume\n"
                                    "2024-01-02,10,100\n"
                                    "2024/01/03,10,100\n"
                                    "2024-01-04,-1,100\n"
                                    "2024-01-02,10,100\n"
                                    "2024-01-05,10\n");
    const CliRun many = cli(store, {u"prices"_s, u"import"_s, u"--asset"_s, u"ACME"_s, worse});
    CHECK_RUN(many, 2);
    for (const QString &part : {u"row 2"_s, u"'2024/01/03'"_s, u"row 3"_s, u"'-1'"_s, u"row 4"_s,
                                u"appears twice"_s, u"row 5"_s})
        QVERIFY2(many.err.contains(part), qPrintable(part + u" not in " + many.err));
    QCOMPARE(jsonArray(cli(store, {u"prices"_s, u"list"_s, u"--asset"_s, u"ACME"_s, u"--json"_s})).size(), 0);

    const CliRun header = cli(store, {u"prices"_s, u"import"_s, u"--asset"_s, u"ACME"_s,
                                      writeFile(u"header.csv"_s, "day,price\n2024-01-02,10\n")});
    CHECK_RUN(header, 2);
    QVERIFY(header.err.contains(u"'day'"_s));

    const CliRun missing = cli(store, {u"prices"_s, u"import"_s, u"--asset"_s, u"ACME"_s,
                                       m_dir.filePath(u"missing.csv"_s)});
    CHECK_RUN(missing, 2);
    QVERIFY(missing.err.contains(u"missing.csv"_s));
}

void CliTest::generateThroughCli()
{
    const QString store = newStore();
    const QStringList arguments{u"generate"_s,     u"--portfolios"_s, u"2"_s, u"--assets"_s, u"4"_s,
                                u"--transactions"_s, u"60"_s,         u"--years"_s, u"1"_s, u"--seed"_s,
                                u"5"_s,            u"--end"_s,        u"2023-06-30"_s};
    const CliRun run = cli(store, arguments);
    CHECK_RUN(run, 0);
    QVERIFY(run.out.contains(u"prices:"_s)); // progress lines
    QVERIFY(run.out.contains(u"Generated 2 portfolios, 4 assets, 60 transactions"_s));

    const QJsonArray assets = jsonArray(cli(store, {u"asset"_s, u"list"_s, u"--json"_s}));
    QCOMPARE(assets.size(), 4);
    for (const QJsonValue &asset : assets)
        QVERIFY(asset.toObject().value(u"synthetic"_s).toBool());
    QCOMPARE(jsonArray(cli(store, {u"tx"_s, u"list"_s, u"--json"_s})).size(), 60);
    const QJsonArray bars = jsonArray(cli(store, {u"prices"_s, u"list"_s, u"--asset"_s, u"SYN0001"_s, u"--json"_s}));
    QVERIFY(!bars.isEmpty());
    QCOMPARE(bars.last().toObject().value(u"date"_s).toString(), u"2023-06-30"_s);
    CHECK_RUN(cli(store, {u"holdings"_s, u"--json"_s}), 0);

    // A second book into the same store is refused.
    const CliRun again = cli(store, arguments);
    QVERIFY(again.exitCode != 0);
    QVERIFY(again.err.contains(u"synthetic"_s));
}

QTEST_GUILESS_MAIN(CliTest)
#include "tst_cli.moc"
