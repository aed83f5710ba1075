// Allocation by asset class, currency and asset at a date, worked through by hand.
#include "valuation/allocation.h"

#include "inputsbuilder.h"

#include <QTest>

#include <cmath>

using namespace pt;
using namespace pt::valuation;
using pt::test::day;
using pt::test::dec;
using pt::test::InputsBuilder;

namespace {

Allocation allocate(const InputsBuilder &book, const char *date, RowId portfolio)
{
    auto allocation = computeAllocation(book.inputs, book.options(date), portfolio);
    if (!allocation)
        qFatal("allocation failed: %s", qPrintable(allocation.error()));
    return std::move(allocation).value();
}

const AllocationSlice *slice(const std::vector<AllocationSlice> &slices, const char *key)
{
    for (const AllocationSlice &one : slices) {
        if (one.key == QLatin1String(key))
            return &one;
    }
    return nullptr;
}

double sumOfWeights(const std::vector<AllocationSlice> &slices)
{
    double sum = 0;
    for (const AllocationSlice &one : slices)
        sum += one.weight;
    return sum;
}

// A EUR portfolio on Tue 2024-01-09:
//   deposit 10000 EUR; buy 10 US @ 100 USD (cash −1000 USD); buy 100 JP @ 1500 JPY
//   (cash −150000 JPY); buy 2 ETF @ 500 EUR; deposits 10000 EUR, 1400 USD, 160000 JPY
//   closes US Mon 120 (carried to Tue), JP Tue 1600, ETF Fri 500 (carried)
//   rates EUR→USD Mon 1.25 (carried), EUR→JPY Tue 160
InputsBuilder mixedBook()
{
    InputsBuilder book;
    book.portfolio(1, "Main", "EUR");
    book.asset(10, "US", "USD", AssetClass::Stock);
    book.asset(11, "JP", "JPY", AssetClass::Stock);
    book.asset(12, "ETF", "EUR", AssetClass::Etf);
    book.cash(1, TransactionType::Deposit, "2024-01-05", "10000");
    book.cash(1, TransactionType::Deposit, "2024-01-05", "1400", "USD");
    book.cash(1, TransactionType::Deposit, "2024-01-05", "160000", "JPY");
    book.trade(1, TransactionType::Buy, "2024-01-05", 10, "10", "100", "USD");
    book.trade(1, TransactionType::Buy, "2024-01-05", 11, "100", "1500", "JPY");
    book.trade(1, TransactionType::Buy, "2024-01-05", 12, "2", "500", "EUR");
    book.close(10, "2024-01-08", "120");
    book.close(11, "2024-01-09", "1600");
    book.close(12, "2024-01-05", "500");
    book.rate("USD", "2024-01-08", "1.25");
    book.rate("JPY", "2024-01-09", "160");
    return book;
}

} // namespace

class TestAllocation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void eurPortfolioWithForeignAssetsAndCash();
    void missingPriceIsReported();
    void allPortfoliosInTotalCurrency();
};

// Tue 01-09, in EUR:
//   US  10 × 120 = 1200 USD / 1.25 = 960       (stock, USD)
//   JP  100 × 1600 = 160000 JPY / 160 = 1000    (stock, JPY)
//   ETF 2 × 500 = 1000 EUR                      (etf, EUR)
//   cash EUR 10000 − 1000 = 9000; USD 1400 − 1000 = 400 / 1.25 = 320;
//        JPY 160000 − 150000 = 10000 / 160 = 62.5
//   total 960 + 1000 + 1000 + 9000 + 320 + 62.5 = 12342.5
// by class: Cash 9382.5, stock 1960, etf 1000; by currency: EUR 10000, JPY 1062.5, USD 1280.
void TestAllocation::eurPortfolioWithForeignAssetsAndCash()
{
    const Allocation allocation = allocate(mixedBook(), "2024-01-09", 1);
    QCOMPARE(allocation.baseCurrency, QStringLiteral("EUR"));
    QVERIFY2(allocation.missing.isEmpty(), qPrintable(allocation.missing.join(u'\n')));
    QCOMPARE(allocation.total, dec("12342.5"));
    QCOMPARE(allocation.lines.size(), std::size_t(6));

    const AllocationSlice *cash = slice(allocation.byClass, "Cash");
    QVERIFY(cash);
    QCOMPARE(cash->value, dec("9382.5"));
    QVERIFY(std::abs(cash->weight - 9382.5 / 12342.5) < 1e-12);
    QCOMPARE(slice(allocation.byClass, "stock")->value, dec("1960"));
    QCOMPARE(slice(allocation.byClass, "etf")->value, dec("1000"));
    QCOMPARE(allocation.byClass.front().key, QStringLiteral("Cash")); // largest first

    QCOMPARE(slice(allocation.byCurrency, "EUR")->value, dec("10000"));
    QCOMPARE(slice(allocation.byCurrency, "USD")->value, dec("1280"));
    QCOMPARE(slice(allocation.byCurrency, "JPY")->value, dec("1062.5"));

    QCOMPARE(slice(allocation.byAsset, "US")->value, dec("960"));
    QCOMPARE(slice(allocation.byAsset, "JP")->value, dec("1000"));
    QCOMPARE(slice(allocation.byAsset, "Cash USD")->value, dec("320"));
    QCOMPARE(slice(allocation.byAsset, "Cash JPY")->value, dec("62.5"));

    for (const auto *slices : { &allocation.byClass, &allocation.byCurrency, &allocation.byAsset })
        QVERIFY(std::abs(sumOfWeights(*slices) - 1) < 1e-12);

    // The line keeps what it was valued with: US's Monday close carried to Tuesday.
    const auto us = std::find_if(allocation.lines.begin(), allocation.lines.end(),
                                 [](const AllocationLine &line) { return line.symbol == u"US"; });
    QVERIFY(us != allocation.lines.end());
    QCOMPARE(us->price, dec("120"));
    QCOMPARE(us->priceDate, day("2024-01-08"));
    QCOMPARE(us->localValue, dec("1200"));
}

// Mon 01-08: JP has no close yet (its first is Tue) and EUR→JPY no rate yet: JP is
// left out and named, JPY cash too; the rest still sums to 1.
//   US 960, ETF 1000, cash EUR 9000, USD 320: total 11280.
void TestAllocation::missingPriceIsReported()
{
    const Allocation allocation = allocate(mixedBook(), "2024-01-08", 1);
    QVERIFY2(allocation.missing.contains(QStringLiteral("no price for JP before 2024-01-09")),
             qPrintable(allocation.missing.join(u'\n')));
    QVERIFY2(allocation.missing.contains(QStringLiteral("no EUR→JPY rate before 2024-01-09")),
             qPrintable(allocation.missing.join(u'\n')));
    QCOMPARE(allocation.total, dec("11280"));
    QVERIFY(!slice(allocation.byAsset, "JP"));
    const auto jp = std::find_if(allocation.lines.begin(), allocation.lines.end(),
                                 [](const AllocationLine &line) { return line.symbol == u"JP"; });
    QVERIFY(jp != allocation.lines.end());
    QVERIFY(!jp->valued);
    QCOMPARE(jp->quantity, dec("100"));
    QVERIFY(std::abs(sumOfWeights(allocation.byAsset) - 1) < 1e-12);
}

// A second portfolio holding 5 ETF, all together in USD on Tue:
// EUR amounts × 1.25: ETF 7 × 500 = 3500 EUR = 4375 USD; EUR cash 9000 − 2500 = 6500 = 8125 USD.
void TestAllocation::allPortfoliosInTotalCurrency()
{
    InputsBuilder book = mixedBook();
    book.portfolio(2, "Second", "EUR");
    book.trade(2, TransactionType::Buy, "2024-01-06", 12, "5", "500", "EUR");
    auto allocation = computeAllocation(book.inputs, book.options("2024-01-09", "USD"), 0);
    QVERIFY(allocation.ok());
    QCOMPARE(allocation->baseCurrency, QStringLiteral("USD"));
    QCOMPARE(slice(allocation->byAsset, "ETF")->value, dec("4375"));
    QCOMPARE(slice(allocation->byAsset, "Cash EUR")->value, dec("8125"));
    QCOMPARE(slice(allocation->byAsset, "Cash USD")->value, dec("400"));

    const auto unknown = computeAllocation(book.inputs, book.options("2024-01-09"), 42);
    QVERIFY(!unknown.ok());
}

QTEST_GUILESS_MAIN(TestAllocation)
#include "tst_allocation.moc"
