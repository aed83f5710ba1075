// The daily value series, worked through by hand. Every expected figure is
// derived in the comments next to it.
#include "valuation/valuator.h"

#include "../common/testsupport.h"
#include "store/assetrepository.h"
#include "store/portfoliorepository.h"
#include "store/pricerepository.h"
#include "store/transactionrepository.h"

#include <QTest>

using namespace pt;
using namespace pt::valuation;
using pt::test::dec;

namespace {

QDate day(const char *iso)
{
    return QDate::fromString(QString::fromLatin1(iso), Qt::ISODate);
}

// Builds inputs entry by entry; entries are stamped in the order written.
struct Book
{
    ValuationInputs inputs;
    std::int64_t clock = 1;

    void portfolio(RowId id, const char *name, const char *base = "EUR")
    {
        Portfolio p;
        p.id = id;
        p.name = QString::fromLatin1(name);
        p.baseCurrency = QString::fromLatin1(base);
        inputs.portfolios.push_back(p);
    }
    void asset(RowId id, const char *symbol, const char *currency)
    {
        Asset a;
        a.id = id;
        a.symbol = QString::fromLatin1(symbol);
        a.currency = QString::fromLatin1(currency);
        inputs.assets.push_back(a);
    }
    Transaction &entry(RowId portfolio, TransactionType type, const char *date, const char *currency)
    {
        Transaction t;
        t.stamp.uuid = QUuid::createUuid();
        t.stamp.createdAt = clock++;
        t.portfolioId = portfolio;
        t.type = type;
        t.date = day(date);
        t.currency = QString::fromLatin1(currency);
        inputs.transactions.push_back(t);
        return inputs.transactions.back();
    }
    void cash(RowId portfolio, TransactionType type, const char *date, const char *amount, const char *currency = "EUR")
    {
        entry(portfolio, type, date, currency).amount = dec(amount);
    }
    void trade(RowId portfolio, TransactionType type, const char *date, RowId asset, const char *quantity,
               const char *price, const char *currency)
    {
        Transaction &t = entry(portfolio, type, date, currency);
        t.assetId = asset;
        t.quantity = dec(quantity);
        t.price = dec(price);
    }
    void close(RowId asset, const char *date, const char *value)
    {
        inputs.closes[asset].push_back(Close{day(date), dec(value)});
    }
    void rate(const char *quote, const char *date, const char *value)
    {
        inputs.fxRates.push_back(
            store::FxRate{QStringLiteral("EUR"), QString::fromLatin1(quote), day(date), dec(value)});
    }
    Valuation value(const char *lastDay, int staleAfterDays = 5) const
    {
        ValuationOptions options;
        options.lastDay = day(lastDay);
        options.staleAfterDays = staleAfterDays;
        auto result = computeValuation(inputs, options);
        if (!result)
            qFatal("valuation failed: %s", qPrintable(result.error()));
        return std::move(result).value();
    }
};

const ValueSeries &seriesOf(const Valuation &valuation, RowId portfolio)
{
    for (const PortfolioSeries &one : valuation.portfolios) {
        if (one.portfolioId == portfolio)
            return one.series;
    }
    qFatal("no series for portfolio %lld", static_cast<long long>(portfolio));
}

} // namespace

class TestValuator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void indexOf();
    void foreignAssetsWithGapsInRates();
    void stalenessLimit();
    void splitAndDividend();
    void missingPriceIsReported();
    void depositAndWithdrawal();
    void transferBetweenPortfolios();
    void missingRateIsReported();
    void noEntriesGivesEmptySeries();
    void fromStore();
};

void TestValuator::indexOf()
{
    ValueSeries series;
    series.first = day("2024-01-05");
    series.marketValue.resize(3);
    QCOMPARE(series.indexOf(day("2024-01-05")), 0);
    QCOMPARE(series.indexOf(day("2024-01-07")), 2);
    QCOMPARE(series.indexOf(day("2024-01-08")), -1);
    QCOMPARE(series.indexOf(day("2024-01-04")), -1);
    QCOMPARE(series.indexOf(QDate()), -1);
}

// A EUR portfolio holding a USD and a JPY asset. Fri 2024-01-05 to Tue 01-09.
//   Fri: deposit 10000 EUR; buy 10 US @ 100 USD (cash −1000 USD); buy 100 JP @ 1500 JPY (cash −150000 JPY)
//   closes  US: Fri 100, Mon 110, Tue 120      JP: Fri 1500, Mon 1600 (Tue carried)
//   rates   USD: Fri 1.25, Tue 1.20 (Mon carries Fri's)   JPY: Fri 160, Mon 150 (Tue carries Mon's)
void TestValuator::foreignAssetsWithGapsInRates()
{
    Book book;
    book.portfolio(1, "Main");
    book.asset(10, "US", "USD");
    book.asset(11, "JP", "JPY");
    book.cash(1, TransactionType::Deposit, "2024-01-05", "10000");
    book.trade(1, TransactionType::Buy, "2024-01-05", 10, "10", "100", "USD");
    book.trade(1, TransactionType::Buy, "2024-01-05", 11, "100", "1500", "JPY");
    book.close(10, "2024-01-05", "100");
    book.close(10, "2024-01-08", "110");
    book.close(10, "2024-01-09", "120");
    book.close(11, "2024-01-05", "1500");
    book.close(11, "2024-01-08", "1600");
    book.rate("USD", "2024-01-05", "1.25");
    book.rate("USD", "2024-01-09", "1.20");
    book.rate("JPY", "2024-01-05", "160");
    book.rate("JPY", "2024-01-08", "150");

    const Valuation valuation = book.value("2024-01-09");
    const ValueSeries &s = seriesOf(valuation, 1);
    QCOMPARE(s.baseCurrency, QStringLiteral("EUR"));
    QCOMPARE(s.first, day("2024-01-05"));
    QCOMPARE(s.size(), 5);
    // Fri: USD 10 × 100 − 1000 = 0; JPY 100 × 1500 − 150000 = 0; EUR 10000.
    QCOMPARE(s.marketValue[0], dec("10000"));
    QCOMPARE(s.externalFlow[0], dec("10000"));
    // Sat, Sun: Friday's closes carried forward, nothing changed.
    QCOMPARE(s.marketValue[1], dec("10000"));
    QCOMPARE(s.marketValue[2], dec("10000"));
    QCOMPARE(s.externalFlow[1], dec("0"));
    // Mon: USD 10 × 110 − 1000 = 100 at Friday's 1.25 (no Monday rate) = 80 EUR;
    //      JPY 100 × 1600 − 150000 = 10000 at 150 = 66.666666666667 EUR (12 digits);
    //      10000 + 80 + 66.666666666667 = 10146.666666666667
    QCOMPARE(s.marketValue[3], dec("10146.666666666667"));
    // Tue: USD 10 × 120 − 1000 = 200 at 1.20 = 166.666666666667 EUR;
    //      JPY 10000 (Monday's close carried) at Monday's 150 = 66.666666666667 EUR;
    //      10000 + 166.666666666667 + 66.666666666667 = 10233.333333333334
    QCOMPARE(s.marketValue[4], dec("10233.333333333334"));
    for (int i = 0; i < s.size(); ++i) {
        QCOMPARE(s.invested[std::size_t(i)], dec("10000"));
        QVERIFY(!s.stale[std::size_t(i)]);
        QVERIFY(!s.incomplete[std::size_t(i)]);
    }
    QVERIFY2(s.missing.isEmpty(), qPrintable(s.missing.join(u'\n')));
    // One portfolio: the total is the same series.
    QCOMPARE(valuation.total.marketValue, s.marketValue);
    QCOMPARE(valuation.total.invested, s.invested);
}

// Same book, stale after 1 day:
//   Sat: closes and rates 1 day old: fresh. Sun: 2 days old: stale.
//   Mon: USD rate from Fri (3 days): stale. Tue: JP close and JPY rate from Mon (1 day): fresh.
void TestValuator::stalenessLimit()
{
    Book book;
    book.portfolio(1, "Main");
    book.asset(10, "US", "USD");
    book.trade(1, TransactionType::Buy, "2024-01-05", 10, "10", "100", "USD");
    book.close(10, "2024-01-05", "100");
    book.close(10, "2024-01-08", "110");
    book.close(10, "2024-01-09", "120");
    book.rate("USD", "2024-01-05", "1.25");
    book.rate("USD", "2024-01-09", "1.20");
    const Valuation valuation = book.value("2024-01-09", 1);
    const ValueSeries &s = seriesOf(valuation, 1);
    QCOMPARE(s.stale, (std::vector<bool>{false, false, true, true, false}));
    // Values do not change by being stale: Sun = Fri = (10 × 100 − 1000) / 1.25 = 0;
    // Mon = (1100 − 1000) / 1.25 = 80.
    QCOMPARE(s.marketValue[2], dec("0"));
    QCOMPARE(s.marketValue[3], dec("80"));
}

// EUR asset EU: Thu 2024-02-01 deposit 1000, buy 10 @ 50 (cash 500).
//   closes: Thu 50, Fri 52, Mon 26 (2:1 split on Mon: the close halves), Tue 26.5
//   Tue: dividend 5, 1 withheld: cash + 4.
void TestValuator::splitAndDividend()
{
    Book book;
    book.portfolio(1, "Main");
    book.asset(20, "EU", "EUR");
    book.cash(1, TransactionType::Deposit, "2024-02-01", "1000");
    book.trade(1, TransactionType::Buy, "2024-02-01", 20, "10", "50", "EUR");
    Transaction &split = book.entry(1, TransactionType::Split, "2024-02-05", "EUR");
    split.assetId = 20;
    split.splitNumerator = dec("2");
    split.splitDenominator = dec("1");
    Transaction &dividend = book.entry(1, TransactionType::Dividend, "2024-02-06", "EUR");
    dividend.assetId = 20;
    dividend.amount = dec("5");
    dividend.fee = dec("1");
    book.close(20, "2024-02-01", "50");
    book.close(20, "2024-02-02", "52");
    book.close(20, "2024-02-05", "26");
    book.close(20, "2024-02-06", "26.5");

    const Valuation valuation = book.value("2024-02-06");
    const ValueSeries &s = seriesOf(valuation, 1);
    QCOMPARE(s.size(), 6);
    // Thu 500 + 10 × 50 = 1000; Fri 500 + 10 × 52 = 1020; Sat, Sun carried 1020;
    // Mon 500 + 20 × 26 = 1020 (continuous across the split);
    // Tue 504 + 20 × 26.5 = 1034 (the dividend is income, not a flow).
    const std::vector<Decimal> expected{
        dec("1000"), dec("1020"), dec("1020"), dec("1020"), dec("1020"), dec("1034")
    };
    QCOMPARE(s.marketValue, expected);
    QCOMPARE(s.externalFlow, (std::vector<Decimal>{dec("1000"), 0, 0, 0, 0, 0}));
    QCOMPARE(s.invested.back(), dec("1000"));
}

// Fri 2024-03-01: deposit 100, buy 2 MISS @ 40 (cash 20); MISS's first close is Mon 45.
void TestValuator::missingPriceIsReported()
{
    Book book;
    book.portfolio(1, "Main");
    book.asset(30, "MISS", "EUR");
    book.cash(1, TransactionType::Deposit, "2024-03-01", "100");
    book.trade(1, TransactionType::Buy, "2024-03-01", 30, "2", "40", "EUR");
    book.close(30, "2024-03-04", "45");

    const Valuation valuation = book.value("2024-03-04");
    const ValueSeries &s = seriesOf(valuation, 1);
    // Fri–Sun: the holding cannot be valued: only the cash (20), flagged, never zero.
    // Mon: 20 + 2 × 45 = 110.
    QCOMPARE(s.marketValue, (std::vector<Decimal>{dec("20"), dec("20"), dec("20"), dec("110")}));
    QCOMPARE(s.incomplete, (std::vector<bool>{true, true, true, false}));
    QCOMPARE(s.missing, QStringList{QStringLiteral("no price for MISS before 2024-03-04")});
    QCOMPARE(valuation.total.missing, s.missing);
    QCOMPARE(valuation.total.incomplete, s.incomplete);
}

// Mon 2024-04-01 deposit 1000; Tue withdrawal 300; Wed nothing.
void TestValuator::depositAndWithdrawal()
{
    Book book;
    book.portfolio(1, "Main");
    book.cash(1, TransactionType::Deposit, "2024-04-01", "1000");
    book.cash(1, TransactionType::Withdrawal, "2024-04-02", "300");
    const Valuation valuation = book.value("2024-04-03");
    const ValueSeries &s = seriesOf(valuation, 1);
    QCOMPARE(s.marketValue, (std::vector<Decimal>{dec("1000"), dec("700"), dec("700")}));
    QCOMPARE(s.externalFlow, (std::vector<Decimal>{dec("1000"), dec("-300"), 0}));
    QCOMPARE(s.invested, (std::vector<Decimal>{dec("1000"), dec("700"), dec("700")}));
}

// A: Wed 2024-05-01 deposit 1000, buy 10 EU2 @ 20 (cash 800). Closes: Wed 20, Thu 25.
// Thu: A transfers 4 units and 100 EUR of cash to B.
void TestValuator::transferBetweenPortfolios()
{
    Book book;
    book.portfolio(1, "A");
    book.portfolio(2, "B");
    book.asset(40, "EU2", "EUR");
    book.cash(1, TransactionType::Deposit, "2024-05-01", "1000");
    book.trade(1, TransactionType::Buy, "2024-05-01", 40, "10", "20", "EUR");
    Transaction &units = book.entry(1, TransactionType::Transfer, "2024-05-02", "EUR");
    units.assetId = 40;
    units.quantity = dec("4");
    units.counterpartyPortfolioId = 2;
    Transaction &cash = book.entry(1, TransactionType::Transfer, "2024-05-02", "EUR");
    cash.amount = dec("100");
    cash.counterpartyPortfolioId = 2;
    book.close(40, "2024-05-01", "20");
    book.close(40, "2024-05-02", "25");

    const Valuation valuation = book.value("2024-05-02");
    const ValueSeries &a = seriesOf(valuation, 1);
    const ValueSeries &b = seriesOf(valuation, 2);
    // A Wed: 800 + 10 × 20 = 1000. Thu: 700 + 6 × 25 = 850; flow −(4 × 25) − 100 = −200.
    QCOMPARE(a.marketValue, (std::vector<Decimal>{dec("1000"), dec("850")}));
    QCOMPARE(a.externalFlow, (std::vector<Decimal>{dec("1000"), dec("-200")}));
    QCOMPARE(a.invested, (std::vector<Decimal>{dec("1000"), dec("800")}));
    // B starts Thu: 100 + 4 × 25 = 200, all of it flowed in.
    QCOMPARE(b.first, day("2024-05-02"));
    QCOMPARE(b.marketValue, (std::vector<Decimal>{dec("200")}));
    QCOMPARE(b.externalFlow, (std::vector<Decimal>{dec("200")}));
    // Total: Wed 1000; Thu 850 + 200 = 1050 with no flow: the transfers cancel out.
    QCOMPARE(valuation.total.marketValue, (std::vector<Decimal>{dec("1000"), dec("1050")}));
    QCOMPARE(valuation.total.externalFlow, (std::vector<Decimal>{dec("1000"), 0}));
    QCOMPARE(valuation.total.invested, (std::vector<Decimal>{dec("1000"), dec("1000")}));
}

// A EUR portfolio gets 100 USD on Mon 2024-06-03; the first EUR→USD rate is Wed's 1.25.
void TestValuator::missingRateIsReported()
{
    Book book;
    book.portfolio(1, "Main");
    book.cash(1, TransactionType::Deposit, "2024-06-03", "50");
    book.cash(1, TransactionType::Deposit, "2024-06-03", "100", "USD");
    book.rate("USD", "2024-06-05", "1.25");
    const Valuation valuation = book.value("2024-06-05");
    const ValueSeries &s = seriesOf(valuation, 1);
    // Mon, Tue: the USD can be neither valued nor counted as a flow: 50 EUR only, flagged.
    // Wed: 50 + 100 / 1.25 = 130; the USD flow stays out of `invested` (it was never converted).
    QCOMPARE(s.marketValue, (std::vector<Decimal>{dec("50"), dec("50"), dec("130")}));
    QCOMPARE(s.externalFlow, (std::vector<Decimal>{dec("50"), 0, 0}));
    QCOMPARE(s.incomplete, (std::vector<bool>{true, true, false}));
    QCOMPARE(s.missing, QStringList{QStringLiteral("no EUR→USD rate before 2024-06-05")});
}

void TestValuator::noEntriesGivesEmptySeries()
{
    Book book;
    book.portfolio(1, "Empty", "USD");
    const Valuation valuation = book.value("2024-05-02");
    QCOMPARE(seriesOf(valuation, 1).size(), 0);
    QCOMPARE(seriesOf(valuation, 1).baseCurrency, QStringLiteral("USD"));
    QCOMPARE(valuation.total.size(), 0);
}

// The same small book through a real store gives the same series as the pure function.
void TestValuator::fromStore()
{
    test::TemporaryStore temporary;
    const store::Database &db = temporary.db();
    Portfolio portfolio;
    portfolio.name = QStringLiteral("Stored");
    auto added = store::PortfolioRepository(db).add(portfolio);
    PT_VERIFY_OK(added);
    Asset asset;
    asset.symbol = QStringLiteral("EU");
    asset.name = QStringLiteral("Euro stock");
    asset.currency = QStringLiteral("EUR");
    auto stored = store::AssetRepository(db).add(asset);
    PT_VERIFY_OK(stored);

    Book book;
    book.inputs.portfolios.push_back(*added);
    book.inputs.assets.push_back(*stored);
    book.cash(added->id, TransactionType::Deposit, "2024-02-01", "1000");
    book.trade(added->id, TransactionType::Buy, "2024-02-01", stored->id, "10", "50", "EUR");
    book.close(stored->id, "2024-02-01", "50");
    book.close(stored->id, "2024-02-02", "52");
    const store::TransactionRepository transactions(db);
    for (const Transaction &t : book.inputs.transactions)
        PT_VERIFY_OK(transactions.insert(t));
    std::vector<store::PriceRecord> rows;
    for (const Close &close : book.inputs.closes[stored->id]) {
        DailyPrice bar;
        bar.date = close.date;
        bar.open = bar.high = bar.low = bar.close = bar.adjustedClose = close.close;
        rows.push_back(store::PriceRecord{stored->id, bar});
    }
    PT_VERIFY_OK(store::PriceRepository(db).upsertMany(rows, QStringLiteral("csv")));

    ValuationOptions options;
    options.lastDay = day("2024-02-03");
    auto fromStore = valueFromStore(db, options);
    PT_VERIFY_OK(fromStore);
    const ValueSeries &s = seriesOf(*fromStore, added->id);
    // Thu 500 + 10 × 50 = 1000; Fri and Sat 500 + 10 × 52 = 1020.
    QCOMPARE(s.marketValue, (std::vector<Decimal>{dec("1000"), dec("1020"), dec("1020")}));
    QCOMPARE(s.marketValue, seriesOf(book.value("2024-02-03"), added->id).marketValue);
}

QTEST_GUILESS_MAIN(TestValuator)
#include "tst_valuator.moc"
