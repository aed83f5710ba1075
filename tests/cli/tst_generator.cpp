// pt::BookGenerator on real SQLite stores: deterministic, synthetic, on
// trading days only, consistent with the ledger, and as large as asked.

#include "generator/bookgenerator.h"
#include "ledger/ledgerservice.h"
#include "store/assetrepository.h"
#include "store/database.h"
#include "store/portfoliorepository.h"
#include "store/pricerepository.h"
#include "store/transactionrepository.h"

#include "clirunner.h"

#include <QCryptographicHash>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <set>

using namespace Qt::StringLiterals;

namespace {

// The rows of a listing, by value: a range-for over Result::value() of a
// temporary Result would dangle. An error is reported and gives no rows.
template<typename T>
T rows(pt::Result<T> result)
{
    if (!result) {
        qWarning().noquote() << result.error();
        return {};
    }
    return std::move(result).value();
}

} // namespace

class GeneratorTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void sameSeedSameBook();
    void differentSeedDifferentBook();
    void countsAreMet();
    void assetsAreSynthetic();
    void pricesOnTradingDaysOnly();
    void everyAssetHasPricesEveryTradingDay();
    void ledgerReplays();
    void bookHasEveryKindOfEntry();
    void splitsShowInPrices();
    void endDateIsFixed();
    void secondBookRefused();
    void optionsValidated_data();
    void optionsValidated();
    void cliMatchesLibrary();

private:
    struct Generated
    {
        std::shared_ptr<pt::store::Database> database;
        pt::GeneratorReport report;
    };
    std::shared_ptr<pt::store::Database> openStore();
    Generated generate(const pt::GeneratorOptions &options);
    static QByteArray digest(const pt::store::Database &database);
    static pt::GeneratorOptions standardOptions();

    QTemporaryDir m_dir{pt::test::testTempRoot() + u"/tst_generator-XXXXXX"_s};
    int m_stores = 0;
    Generated m_book; // standardOptions(), shared by the read-only checks
};

pt::GeneratorOptions GeneratorTest::standardOptions()
{
    pt::GeneratorOptions options;
    options.portfolios = 3;
    options.assets = 25;
    options.transactions = 3000;
    options.years = 3;
    options.seed = 42;
    options.priceBatchRows = 5000; // several batches, to cover the batching
    return options;
}

std::shared_ptr<pt::store::Database> GeneratorTest::openStore()
{
    auto opened = pt::store::Database::openSqlite(m_dir.filePath(u"book%1.sqlite"_s.arg(++m_stores)));
    if (!opened) {
        qWarning().noquote() << opened.error();
        return {};
    }
    return opened.value();
}

GeneratorTest::Generated GeneratorTest::generate(const pt::GeneratorOptions &options)
{
    Generated generated;
    generated.database = openStore();
    if (!generated.database)
        return generated;
    auto report = pt::BookGenerator(*generated.database).generate(options);
    if (!report) {
        qWarning().noquote() << "generate failed:" << report.error();
        generated.database.reset();
        return generated;
    }
    generated.report = *report;
    return generated;
}

// Every row's content in a fixed order, without UUIDs, stamps or local ids
// (those differ between any two stores), hashed.
QByteArray GeneratorTest::digest(const pt::store::Database &database)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    const auto add = [&hash](const QStringList &fields) { hash.addData(QByteArray(fields.join(u'|').toUtf8() + '\n')); };
    std::map<pt::RowId, QString> portfolioNames, assetSymbols;
    for (const pt::Portfolio &p : rows(pt::store::PortfolioRepository(database).list())) {
        portfolioNames[p.id] = p.name;
        add({p.name, p.baseCurrency, pt::toKey(p.costBasisMethod)});
    }
    const auto assets = rows(pt::store::AssetRepository(database).list());
    for (const pt::Asset &a : assets) {
        assetSymbols[a.id] = a.symbol;
        add({a.symbol, a.name, pt::toKey(a.assetClass), a.currency, a.exchange, a.dataSource, a.sourceId,
             QString::number(a.synthetic)});
    }
    for (const pt::Transaction &t : rows(pt::store::TransactionRepository(database).list())) {
        add({portfolioNames[t.portfolioId], pt::toKey(t.type), t.date.toString(Qt::ISODate), assetSymbols[t.assetId],
             t.quantity.toString(), t.price.toString(), t.amount.toString(), t.fee.toString(),
             t.splitNumerator.toString(), t.splitDenominator.toString(), t.currency, t.note});
    }
    const pt::store::PriceRepository prices(database);
    for (const pt::Asset &a : assets) {
        for (const pt::DailyPrice &bar : rows(prices.list(a.id))) {
            add({a.symbol, bar.date.toString(Qt::ISODate), bar.open.toString(), bar.high.toString(),
                 bar.low.toString(), bar.close.toString(), bar.adjustedClose.toString(), bar.volume.toString()});
        }
    }
    return hash.result().toHex();
}

void GeneratorTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_book = generate(standardOptions());
    QVERIFY(m_book.database);
}

void GeneratorTest::sameSeedSameBook()
{
    const Generated again = generate(standardOptions());
    QVERIFY(again.database);
    QCOMPARE(digest(*again.database), digest(*m_book.database));
}

void GeneratorTest::differentSeedDifferentBook()
{
    pt::GeneratorOptions options = standardOptions();
    options.seed = 43;
    options.endDate = pt::BookGenerator::defaultEndDate(42); // only the seed differs
    const Generated other = generate(options);
    QVERIFY(other.database);
    QVERIFY(digest(*other.database) != digest(*m_book.database));
}

void GeneratorTest::countsAreMet()
{
    const pt::GeneratorOptions options = standardOptions();
    const pt::store::Database &database = *m_book.database;
    QCOMPARE(int(pt::store::PortfolioRepository(database).list()->size()), options.portfolios);
    QCOMPARE(int(pt::store::AssetRepository(database).list()->size()), options.assets);
    QCOMPARE(std::int64_t(pt::store::TransactionRepository(database).list()->size()), options.transactions);
    QCOMPARE(m_book.report.portfolios, options.portfolios);
    QCOMPARE(m_book.report.assets, options.assets);
    QCOMPARE(m_book.report.transactions, options.transactions);
    QCOMPARE(*pt::store::PriceRepository(database).count(), m_book.report.prices);
    QCOMPARE(m_book.report.lastDay, pt::BookGenerator::defaultEndDate(options.seed));
    QCOMPARE(m_book.report.firstDay, m_book.report.lastDay.addYears(-options.years).addDays(1));
}

void GeneratorTest::assetsAreSynthetic()
{
    for (const pt::Asset &asset : rows(pt::store::AssetRepository(*m_book.database).list())) {
        QVERIFY(asset.synthetic);
        QVERIFY(!asset.tracked);
        QVERIFY2(asset.symbol.startsWith(u"SYN"_s), qPrintable(asset.symbol));
        QVERIFY2(asset.name.startsWith(u"Synthetic"_s), qPrintable(asset.name));
        QVERIFY(asset.dataSource.isEmpty());
        QVERIFY(asset.sourceId.isEmpty());
    }
    for (const pt::Portfolio &portfolio : rows(pt::store::PortfolioRepository(*m_book.database).list()))
        QVERIFY(portfolio.name.startsWith(u"Synthetic"_s));
}

void GeneratorTest::pricesOnTradingDaysOnly()
{
    const pt::store::PriceRepository prices(*m_book.database);
    for (const pt::Asset &asset : rows(pt::store::AssetRepository(*m_book.database).list())) {
        for (const pt::DailyPrice &bar : rows(prices.list(asset.id))) {
            const QDate d = bar.date;
            QVERIFY2(d.dayOfWeek() != Qt::Saturday && d.dayOfWeek() != Qt::Sunday, qPrintable(d.toString()));
            const bool holiday = (d.month() == 1 && d.day() == 1) || (d.month() == 5 && d.day() == 1)
                                 || (d.month() == 12 && (d.day() == 25 || d.day() == 26));
            QVERIFY2(!holiday, qPrintable(d.toString()));
            QVERIFY(bar.close.isPositive());
            QVERIFY(bar.low <= bar.open && bar.low <= bar.close);
            QVERIFY(bar.high >= bar.open && bar.high >= bar.close);
            QCOMPARE(bar.close.rounded(4), bar.close); // stored rounded to 4 places
        }
    }
}

void GeneratorTest::everyAssetHasPricesEveryTradingDay()
{
    int tradingDays = 0;
    for (QDate d = m_book.report.firstDay; d <= m_book.report.lastDay; d = d.addDays(1))
        tradingDays += pt::BookGenerator::isTradingDay(d) ? 1 : 0;
    QVERIFY(tradingDays > 700);
    const pt::store::PriceRepository prices(*m_book.database);
    for (const pt::Asset &asset : rows(pt::store::AssetRepository(*m_book.database).list()))
        QCOMPARE(*prices.count(asset.id), std::int64_t(tradingDays));
    QCOMPARE(m_book.report.prices, std::int64_t(tradingDays) * standardOptions().assets);
}

void GeneratorTest::ledgerReplays()
{
    // The bulk path does not replay; the ledger must accept the book as written.
    auto books = pt::ledger::LedgerService(*m_book.database).books();
    QVERIFY2(books.ok(), books.ok() ? "" : qPrintable(books.error()));
    QCOMPARE(int(books->size()), standardOptions().portfolios);
    int open = 0;
    for (const pt::ledger::PortfolioBook &book : *books) {
        QVERIFY(!book.sales.empty());
        for (const auto &[assetId, position] : book.positions) {
            QVERIFY(!position.quantity.isNegative());
            open += position.quantity.isPositive() ? 1 : 0;
        }
    }
    QVERIFY(open > 0);
}

void GeneratorTest::bookHasEveryKindOfEntry()
{
    std::map<pt::TransactionType, int> kinds;
    std::set<QString> currencies;
    for (const pt::Transaction &t : rows(pt::store::TransactionRepository(*m_book.database).list())) {
        ++kinds[t.type];
        currencies.insert(t.currency);
    }
    for (const auto type : {pt::TransactionType::Deposit, pt::TransactionType::Buy, pt::TransactionType::Sell,
                            pt::TransactionType::Dividend, pt::TransactionType::Split})
        QVERIFY2(kinds[type] > 0, qPrintable(pt::toKey(type)));
    QVERIFY(kinds[pt::TransactionType::Buy] > kinds[pt::TransactionType::Dividend]);
    QCOMPARE(m_book.report.splits, std::int64_t(kinds[pt::TransactionType::Split]));
    QVERIFY(currencies.size() >= 2);
}

void GeneratorTest::splitsShowInPrices()
{
    const pt::store::Database &database = *m_book.database;
    const pt::store::PriceRepository prices(database);
    std::set<std::pair<pt::RowId, QDate>> checked;
    for (const pt::Transaction &t : rows(pt::store::TransactionRepository(database).list())) {
        if (t.type != pt::TransactionType::Split || !checked.insert({t.assetId, t.date}).second)
            continue;
        const double ratio = (t.splitNumerator / t.splitDenominator).toDouble();
        QVERIFY(ratio > 1.0);
        const auto bars = rows(prices.list(t.assetId));
        const auto at = std::find_if(bars.begin(), bars.end(), [&](const pt::DailyPrice &b) { return b.date == t.date; });
        QVERIFY(at != bars.end() && at != bars.begin());
        // The close drops by the ratio, give or take one day's move.
        const double drop = (at - 1)->close.toDouble() / at->close.toDouble();
        QVERIFY2(drop > ratio * 0.8 && drop < ratio * 1.25, qPrintable(u"ratio %1, drop %2"_s.arg(ratio).arg(drop)));
        // Before the split, adjusted closes are the closes scaled by the ratio; from it on, equal.
        const double adjusted = (at - 1)->adjustedClose.toDouble() * ratio;
        QVERIFY(std::abs(adjusted - (at - 1)->close.toDouble()) < 0.001 * ratio + 1e-9);
        QCOMPARE(at->adjustedClose, at->close);
        QCOMPARE(bars.back().adjustedClose, bars.back().close);
    }
    QVERIFY(!checked.empty());
}

void GeneratorTest::endDateIsFixed()
{
    QVERIFY(pt::BookGenerator::defaultEndDate(42).year() == 2024);
    QCOMPARE(pt::BookGenerator::defaultEndDate(42), pt::BookGenerator::defaultEndDate(42));
    QVERIFY(pt::BookGenerator::defaultEndDate(1) != pt::BookGenerator::defaultEndDate(2));

    pt::GeneratorOptions options;
    options.portfolios = 1;
    options.assets = 2;
    options.transactions = 20;
    options.years = 1;
    options.endDate = QDate(2024, 12, 27); // a Friday; every holiday of 2024 falls on a weekday
    const Generated book = generate(options);
    QVERIFY(book.database);
    for (const pt::Asset &asset : rows(pt::store::AssetRepository(*book.database).list())) {
        const auto bars = rows(pt::store::PriceRepository(*book.database).list(asset.id));
        QCOMPARE(bars.back().date, QDate(2024, 12, 27));
        QCOMPARE(bars.front().date, QDate(2023, 12, 28));
        std::set<QDate> days;
        for (const pt::DailyPrice &bar : bars)
            days.insert(bar.date);
        for (const QDate holiday : {QDate(2024, 1, 1), QDate(2024, 5, 1), QDate(2024, 12, 25), QDate(2024, 12, 26)})
            QVERIFY2(!days.count(holiday), qPrintable(holiday.toString(Qt::ISODate)));
        for (const QDate workday : {QDate(2024, 1, 2), QDate(2024, 4, 30), QDate(2024, 12, 24)})
            QVERIFY2(days.count(workday), qPrintable(workday.toString(Qt::ISODate)));
    }
}

void GeneratorTest::secondBookRefused()
{
    pt::GeneratorOptions options;
    options.assets = 2;
    options.transactions = 10;
    const Generated book = generate(options);
    QVERIFY(book.database);
    const std::int64_t before = *pt::store::PriceRepository(*book.database).count();
    auto again = pt::BookGenerator(*book.database).generate(options);
    QVERIFY(!again.ok());
    QVERIFY(again.error().contains(u"synthetic"_s));
    QCOMPARE(*pt::store::PriceRepository(*book.database).count(), before);
}

void GeneratorTest::optionsValidated_data()
{
    QTest::addColumn<int>("portfolios");
    QTest::addColumn<int>("assets");
    QTest::addColumn<qint64>("transactions");
    QTest::addColumn<int>("years");
    QTest::addColumn<QString>("field");

    QTest::newRow("no portfolios") << 0 << 1 << qint64(1) << 1 << u"--portfolios"_s;
    QTest::newRow("no assets") << 1 << 0 << qint64(1) << 1 << u"--assets"_s;
    QTest::newRow("negative transactions") << 1 << 1 << qint64(-1) << 1 << u"--transactions"_s;
    QTest::newRow("no years") << 1 << 1 << qint64(1) << 0 << u"--years"_s;
    QTest::newRow("too many rows") << 1 << 100'000 << qint64(1) << 50 << u"--assets"_s;
}

void GeneratorTest::optionsValidated()
{
    QFETCH(int, portfolios);
    QFETCH(int, assets);
    QFETCH(qint64, transactions);
    QFETCH(int, years);
    QFETCH(QString, field);
    pt::GeneratorOptions options;
    options.portfolios = portfolios;
    options.assets = assets;
    options.transactions = transactions;
    options.years = years;
    const auto valid = pt::BookGenerator::validate(options);
    QVERIFY(!valid.ok());
    QVERIFY2(valid.error().contains(field), qPrintable(valid.error()));
}

void GeneratorTest::cliMatchesLibrary()
{
    // `portfolio-cli generate` is a thin wrapper: the same options give the same book.
    const QString path = m_dir.filePath(u"cli.sqlite"_s);
    const pt::test::CliRun run = pt::test::runCli(
        {u"--db"_s, path, u"generate"_s, u"--portfolios"_s, u"3"_s, u"--assets"_s, u"25"_s, u"--transactions"_s,
         u"3000"_s, u"--years"_s, u"3"_s, u"--seed"_s, u"42"_s});
    QVERIFY2(run.finished && run.exitCode == 0, qPrintable(run.err));
    auto database = pt::store::Database::openSqlite(path);
    QVERIFY(database.ok());
    QCOMPARE(digest(**database), digest(*m_book.database));
}

QTEST_GUILESS_MAIN(GeneratorTest)
#include "tst_generator.moc"
