#include "ledger/ledger.h"

#include <QStringList>
#include <QTest>

#include <algorithm>
#include <deque>

using namespace Qt::Literals::StringLiterals;
using pt::CostBasisMethod;
using pt::Decimal;
using pt::RowId;
using pt::Transaction;
using pt::TransactionType;
using pt::ledger::PortfolioBook;
using pt::ledger::Position;

Q_DECLARE_METATYPE(pt::CostBasisMethod)

namespace {

Decimal dec(const char *text)
{
    return Decimal::parse(QString::fromLatin1(text)).value();
}

QDate day(const char *isoDate)
{
    return QDate::fromString(QString::fromLatin1(isoDate), Qt::ISODate);
}

// A small book typed in by hand: portfolios get ids 1, 2, ...; assets 101, 102, ...
// Each entry is stamped one second after the one before, as a user would make them.
// Entries live in a deque so the reference each adder returns stays valid.
class Scenario
{
public:
    RowId addPortfolio(const QString &name, CostBasisMethod method = CostBasisMethod::Fifo)
    {
        pt::Portfolio &portfolio = m_portfolios.emplace_back();
        portfolio.id = RowId(m_portfolios.size());
        portfolio.name = name;
        portfolio.costBasisMethod = method;
        return portfolio.id;
    }

    RowId addAsset(const QString &symbol, const QString &currency)
    {
        pt::Asset &asset = m_assets.emplace_back();
        asset.id = 100 + RowId(m_assets.size());
        asset.symbol = symbol;
        asset.currency = currency;
        return asset.id;
    }

    Transaction &buy(RowId portfolio, RowId asset, const char *date, const char *quantity, const char *price,
                     const char *fee = "0")
    {
        return trade(TransactionType::Buy, portfolio, asset, date, quantity, price, fee);
    }

    Transaction &sell(RowId portfolio, RowId asset, const char *date, const char *quantity, const char *price,
                      const char *fee = "0")
    {
        return trade(TransactionType::Sell, portfolio, asset, date, quantity, price, fee);
    }

    Transaction &dividend(RowId portfolio, RowId asset, const char *date, const char *amount, const char *fee = "0")
    {
        Transaction &t = add(TransactionType::Dividend, portfolio, date, asset, currencyOf(asset));
        t.amount = dec(amount);
        t.fee = dec(fee);
        return t;
    }

    // Deposit, withdrawal, interest, fee or tax; against an asset when one is given.
    Transaction &cash(TransactionType type, RowId portfolio, const char *date, const char *amount,
                      const QString &currency, RowId asset = 0)
    {
        Transaction &t = add(type, portfolio, date, asset, currency);
        t.amount = dec(amount);
        return t;
    }

    Transaction &split(RowId portfolio, RowId asset, const char *date, const char *numerator, const char *denominator)
    {
        Transaction &t = add(TransactionType::Split, portfolio, date, asset, currencyOf(asset));
        t.splitNumerator = dec(numerator);
        t.splitDenominator = dec(denominator);
        return t;
    }

    Transaction &transferUnits(RowId from, RowId to, RowId asset, const char *date, const char *quantity)
    {
        Transaction &t = add(TransactionType::Transfer, from, date, asset, currencyOf(asset));
        t.counterpartyPortfolioId = to;
        t.quantity = dec(quantity);
        return t;
    }

    Transaction &transferCash(RowId from, RowId to, const char *date, const char *amount, const QString &currency)
    {
        Transaction &t = add(TransactionType::Transfer, from, date, 0, currency);
        t.counterpartyPortfolioId = to;
        t.amount = dec(amount);
        return t;
    }

    std::vector<pt::Portfolio> portfolios() const { return m_portfolios; }
    std::vector<pt::Asset> assets() const { return m_assets; }
    std::vector<Transaction> entries() const { return {m_entries.begin(), m_entries.end()}; }

    pt::Result<std::vector<PortfolioBook>> replay() const
    {
        return pt::ledger::Ledger::replay(m_portfolios, m_assets, entries());
    }

private:
    Transaction &trade(TransactionType type, RowId portfolio, RowId asset, const char *date, const char *quantity,
                       const char *price, const char *fee)
    {
        Transaction &t = add(type, portfolio, date, asset, currencyOf(asset));
        t.quantity = dec(quantity);
        t.price = dec(price);
        t.fee = dec(fee);
        return t;
    }

    Transaction &add(TransactionType type, RowId portfolio, const char *date, RowId asset, const QString &currency)
    {
        Transaction &t = m_entries.emplace_back();
        t.id = RowId(m_entries.size());
        t.stamp.uuid = QUuid::createUuid();
        t.stamp.createdAt = 1'700'000'000'000 + 1000 * std::int64_t(m_entries.size());
        t.stamp.updatedAt = t.stamp.createdAt;
        t.type = type;
        t.portfolioId = portfolio;
        t.date = day(date);
        t.assetId = asset;
        t.currency = currency;
        return t;
    }

    QString currencyOf(RowId asset) const
    {
        for (const pt::Asset &a : m_assets) {
            if (a.id == asset)
                return a.currency;
        }
        return {};
    }

    std::vector<pt::Portfolio> m_portfolios;
    std::vector<pt::Asset> m_assets;
    std::deque<Transaction> m_entries;
};

// QVERIFY2 evaluates its message even when the check passes, and a Result that
// holds books has no error to give.
template<typename T>
QString errorOf(const pt::Result<T> &result)
{
    return result.ok() ? QString() : result.error();
}

// Readable forms, so a failing QCOMPARE shows every digit on both sides.

QString lotsText(const Position &position)
{
    QStringList lots;
    for (const pt::ledger::Lot &lot : position.lots)
        lots << u"%1 %2 %3"_s.arg(lot.acquired.toString(Qt::ISODate), lot.quantity.toString(), lot.cost.toString());
    return lots.join(u"; "_s);
}

QString saleText(const pt::ledger::Sale &sale)
{
    return u"%1 %2 proceeds %3 cost %4 gain %5"_s.arg(sale.date.toString(Qt::ISODate), sale.quantity.toString(),
                                                      sale.proceeds.toString(), sale.costBasis.toString(),
                                                      sale.gain.toString());
}

QString salesText(const PortfolioBook &book)
{
    QStringList sales;
    for (const pt::ledger::Sale &sale : book.sales)
        sales << saleText(sale);
    return sales.join(u"; "_s);
}

QString byCurrency(const std::map<QString, Decimal> &totals)
{
    QStringList parts;
    for (const auto &[currency, value] : totals)
        parts << currency + u' ' + value.toString();
    return parts.join(u", "_s);
}

// The position, or an empty one (asset id 0) so a missing position fails the
// comparisons that follow instead of throwing.
Position positionOf(const PortfolioBook &book, RowId asset)
{
    const auto it = book.positions.find(asset);
    return it == book.positions.end() ? Position{} : it->second;
}

} // namespace

class TestLedger : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void costBasisMethods_data();
    void costBasisMethods();
    void partialSellsAcrossLots();
    void averageCostSellsOutWithoutResidue();
    void manyLotsConsumed();
    void feesInCostBasisAndProceeds();
    void splitThenSell();
    void reverseSplit();
    void splitRoundsEachLot();
    void dividends();
    void transferThenSell();
    void transferBetweenMethods();
    void cashTransfer();
    void twoCurrenciesInOnePortfolio();
    void cashEntries();
    void interestAndFeesOnAnAsset();
    void sellMoreThanHeldIsRefused_data();
    void sellMoreThanHeldIsRefused();
    void transferMoreThanHeldIsRefused();
    void tombstonesAreIgnored();
    void sameDayOrderByCreatedAt();
    void sameInstantOrderByUuid();
    void orderGivenDoesNotMatter_data();
    void orderGivenDoesNotMatter();
    void satoshisStayExact();
    void sellRoundsToMinorUnit_data();
    void sellRoundsToMinorUnit();
    void everyPortfolioGetsABook();
    void portfolioGivenTwiceIsRefused();
    void invalidEntryIsRefused();
    void transferNeedsBothPortfolios_data();
    void transferNeedsBothPortfolios();
    void overflowNamesTheEntry();
    void averageCostOfNothingIsInvalid();
};

// The same three trades under both methods:
//   2024-01-10 buy 10 @ 100            lot A: 10 units, cost 1000
//   2024-02-10 buy 10 @ 130            lot B: 10 units, cost 1300
//   2024-03-10 sell 15 @ 150           proceeds 15 * 150 = 2250
// FIFO: A whole (1000) + 5 of B (1300 * 5 / 10 = 650) = 1650 given up; gain 2250 - 1650 = 600;
//       left: B 5 units, cost 650 (average 130).
// Average: pool 20 units, cost 2300; 15 give up 2300 * 15 / 20 = 1725; gain 2250 - 1725 = 525;
//       left: 5 units, cost 575 (average 115), dated by the first buy still held.
// Cash either way: -1000 - 1300 + 2250 = -50.
void TestLedger::costBasisMethods_data()
{
    QTest::addColumn<CostBasisMethod>("method");
    QTest::addColumn<QString>("costGivenUp");
    QTest::addColumn<QString>("realized");
    QTest::addColumn<QString>("lots");
    QTest::addColumn<QString>("averageCost");

    QTest::newRow("fifo") << CostBasisMethod::Fifo << u"1650"_s << u"600"_s << u"2024-02-10 5 650"_s << u"130"_s;
    QTest::newRow("average") << CostBasisMethod::AverageCost << u"1725"_s << u"525"_s << u"2024-01-10 5 575"_s
                             << u"115"_s;
}

void TestLedger::costBasisMethods()
{
    QFETCH(CostBasisMethod, method);
    QFETCH(QString, costGivenUp);
    QFETCH(QString, realized);
    QFETCH(QString, lots);
    QFETCH(QString, averageCost);

    Scenario s;
    const RowId main = s.addPortfolio(u"Main"_s, method);
    const RowId aapl = s.addAsset(u"AAPL"_s, u"USD"_s);
    s.buy(main, aapl, "2024-01-10", "10", "100");
    s.buy(main, aapl, "2024-02-10", "10", "130");
    const Transaction &sell = s.sell(main, aapl, "2024-03-10", "15", "150");

    const auto books = s.replay();
    QVERIFY2(books.ok(), qPrintable(errorOf(books)));
    const PortfolioBook &book = books->at(0);
    const Position position = positionOf(book, aapl);
    QCOMPARE(position.quantity.toString(), u"5"_s);
    QCOMPARE(position.realizedGain.toString(), realized);
    QCOMPARE(lotsText(position), lots);
    QCOMPARE(position.averageCost().toString(), averageCost);
    QCOMPARE(salesText(book), u"2024-03-10 15 proceeds 2250 cost %1 gain %2"_s.arg(costGivenUp, realized));
    QCOMPARE(book.sales.at(0).transaction, sell.stamp.uuid);
    QCOMPARE(book.sales.at(0).assetId, aapl);
    QCOMPARE(byCurrency(book.cash), u"USD -50"_s);
}

// FIFO over three lots, one of them at a cost that does not divide evenly:
//   01-02 buy 2 @ 10                     A: 2 units, cost 20
//   01-03 buy 3 @ 33.33, fee 0.01        B: 3 units, cost 99.99 + 0.01 = 100
//   01-04 buy 4 @ 25                     C: 4 units, cost 100
//   02-01 sell 3 @ 40  A whole (20) + 1 of B (100 * 1 / 3 = 33.333333333333) = 53.333333333333;
//                      proceeds 120, gain 66.666666666667; B keeps 2 units, 66.666666666667
//   02-02 sell 4 @ 40  B whole (66.666666666667, no rounding residue) + 2 of C
//                      (100 * 2 / 4 = 50) = 116.666666666667; proceeds 160, gain 43.333333333333
// Realized 66.666666666667 + 43.333333333333 = 110 = 280 proceeds - 170 cost. Left: C 2 units, 50.
// Cash -20 - 100 - 100 + 120 + 160 = 60; the 0.01 fee is in the book's fees.
void TestLedger::partialSellsAcrossLots()
{
    Scenario s;
    const RowId main = s.addPortfolio(u"Main"_s);
    const RowId acme = s.addAsset(u"ACME"_s, u"USD"_s);
    s.buy(main, acme, "2024-01-02", "2", "10");
    s.buy(main, acme, "2024-01-03", "3", "33.33", "0.01");
    s.buy(main, acme, "2024-01-04", "4", "25");
    s.sell(main, acme, "2024-02-01", "3", "40");
    s.sell(main, acme, "2024-02-02", "4", "40");

    const auto books = s.replay();
    QVERIFY2(books.ok(), qPrintable(errorOf(books)));
    const PortfolioBook &book = books->at(0);
    QCOMPARE(salesText(book), u"2024-02-01 3 proceeds 120 cost 53.333333333333 gain 66.666666666667; "
                              "2024-02-02 4 proceeds 160 cost 116.666666666667 gain 43.333333333333"_s);
    const Position position = positionOf(book, acme);
    QCOMPARE(lotsText(position), u"2024-01-04 2 50"_s);
    QCOMPARE(position.quantity.toString(), u"2"_s);
    QCOMPARE(position.costBasis.toString(), u"50"_s);
    QCOMPARE(position.realizedGain.toString(), u"110"_s);
    QCOMPARE(position.fees.toString(), u"0.01"_s);
    QCOMPARE(byCurrency(book.cash), u"USD 60"_s);
    QCOMPARE(byCurrency(book.fees), u"USD 0.01"_s);
}

// Average cost, sold out in two steps, then bought again:
//   01-02 buy 3 @ 33.33, fee 0.01   pool 3 units, cost 100
//   02-01 sell 1 @ 40   gives up 100 * 1 / 3 = 33.333333333333; gain 6.666666666667;
//                       pool 2 units, 66.666666666667
//   03-01 sell 2 @ 40   the whole pool: exactly 66.666666666667; gain 13.333333333333
// Realized 20 = 120 - 100 with nothing left behind; the later buy starts a new pool
// dated 2024-05-02: 05-02 buy 1 @ 45.
void TestLedger::averageCostSellsOutWithoutResidue()
{
    Scenario s;
    const RowId main = s.addPortfolio(u"Main"_s, CostBasisMethod::AverageCost);
    const RowId acme = s.addAsset(u"ACME"_s, u"USD"_s);
    s.buy(main, acme, "2024-01-02", "3", "33.33", "0.01");
    s.sell(main, acme, "2024-02-01", "1", "40");
    s.sell(main, acme, "2024-03-01", "2", "40");

    auto books = s.replay();
    QVERIFY2(books.ok(), qPrintable(errorOf(books)));
    Position position = positionOf(books->at(0), acme);
    QCOMPARE(salesText(books->at(0)), u"2024-02-01 1 proceeds 40 cost 33.333333333333 gain 6.666666666667; "
                                      "2024-03-01 2 proceeds 80 cost 66.666666666667 gain 13.333333333333"_s);
    QCOMPARE(position.quantity.toString(), u"0"_s);
    QCOMPARE(position.costBasis.toString(), u"0"_s);
    QCOMPARE(position.realizedGain.toString(), u"20"_s);
    QCOMPARE(lotsText(position), QString());

    s.buy(main, acme, "2024-05-02", "1", "45");
    books = s.replay();
    QVERIFY2(books.ok(), qPrintable(errorOf(books)));
    position = positionOf(books->at(0), acme);
    QCOMPARE(lotsText(position), u"2024-05-02 1 45"_s);
    QCOMPARE(position.realizedGain.toString(), u"20"_s);
}

// Forty lots, most of them sold at once, so the used-up lots are dropped mid-replay:
//   2024-01-01 + (i - 1) days: buy 1 @ i, for i = 1..40     40 units, cost 1 + ... + 40 = 820
//   2024-03-01 sell 35 @ 50   lots 1..35 whole: 1 + ... + 35 = 630; proceeds 1750, gain 1120
//   2024-03-02 sell 2 @ 50    lots 36 and 37: 73; proceeds 100, gain 27
// Left: lots 38, 39, 40 (bought 2024-02-07, -08, -09), cost 117; realized 1147.
void TestLedger::manyLotsConsumed()
{
    Scenario s;
    const RowId main = s.addPortfolio(u"Main"_s);
    const RowId acme = s.addAsset(u"ACME"_s, u"USD"_s);
    for (int i = 1; i <= 40; ++i) {
        const QString date = QDate(2024, 1, 1).addDays(i - 1).toString(Qt::ISODate);
        s.buy(main, acme, qPrintable(date), "1", qPrintable(QString::number(i)));
    }
    s.sell(main, acme, "2024-03-01", "35", "50");
    s.sell(main, acme, "2024-03-02", "2", "50");

    const auto books = s.replay();
    QVERIFY2(books.ok(), qPrintable(errorOf(books)));
    const Position position = positionOf(books->at(0), acme);
    QCOMPARE(salesText(books->at(0)), u"2024-03-01 35 proceeds 1750 cost 630 gain 1120; "
                                      "2024-03-02 2 proceeds 100 cost 73 gain 27"_s);
    QCOMPARE(lotsText(position), u"2024-02-07 1 38; 2024-02-08 1 39; 2024-02-09 1 40"_s);
    QCOMPARE(position.costBasis.toString(), u"117"_s);
    QCOMPARE(position.realizedGain.toString(), u"1147"_s);
}

// Fees raise the cost basis of a buy and lower the proceeds of a sell:
//   2024-01-05 buy 10 @ 50, fee 4.95    cost 500 + 4.95 = 504.95
//   2024-06-05 sell 4 @ 60, fee 4.95    proceeds 240 - 4.95 = 235.05;
//                                       cost 504.95 * 4 / 10 = 201.98; gain 33.07
// Left: 6 units, cost 504.95 - 201.98 = 302.97, average 302.97 / 6 = 50.495.
// Fees 4.95 + 4.95 = 9.9; cash -504.95 + 235.05 = -269.9.
void TestLedger::feesInCostBasisAndProceeds()
{
    Scenario s;
    const RowId main = s.addPortfolio(u"Main"_s);
    const RowId acme = s.addAsset(u"ACME"_s, u"USD"_s);
    s.buy(main, acme, "2024-01-05", "10", "50", "4.95");
    s.sell(main, acme, "2024-06-05", "4", "60", "4.95");

    const auto books = s.replay();
    QVERIFY2(books.ok(), qPrintable(errorOf(books)));
    const PortfolioBook &book = books->at(0);
    const Position position = positionOf(book, acme);
    QCOMPARE(salesText(book), u"2024-06-05 4 proceeds 235.05 cost 201.98 gain 33.07"_s);
    QCOMPARE(position.quantity.toString(), u"6"_s);
    QCOMPARE(position.costBasis.toString(), u"302.97"_s);
    QCOMPARE(position.averageCost().toString(), u"50.495"_s);
    QCOMPARE(position.fees.toString(), u"9.9"_s);
    QCOMPARE(position.realizedGain.toString(), u"33.07"_s);
    QCOMPARE(byCurrency(book.fees), u"USD 9.9"_s);
    QCOMPARE(byCurrency(book.cash), u"USD -269.9"_s);
}

// A 3-for-1 split multiplies every lot's units and keeps its cost:
//   2024-01-10 buy 10 @ 300   A: 10 units, 3000  -> after the split 30 units, 3000
//   2024-02-10 buy 5 @ 360    B: 5 units, 1800   -> 15 units, 1800
//   2024-06-10 split 3:1      45 units, cost 4800
//   2024-07-01 sell 35 @ 110  A whole (3000) + 5 of B (1800 * 5 / 15 = 600) = 3600;
//                             proceeds 3850, gain 250
// Left: B 10 units, 1200 (average 120). Cash -3000 - 1800 + 3850 = -950.
void TestLedger::splitThenSell()
{
    Scenario s;
    const RowId main = s.addPortfolio(u"Main"_s);
    const RowId acme = s.addAsset(u"ACME"_s, u"USD"_s);
    s.buy(main, acme, "2024-01-10", "10", "300");
    s.buy(main, acme, "2024-02-10", "5", "360");
    s.split(main, acme, "2024-06-10", "3", "1");
    s.sell(main, acme, "2024-07-01", "35", "110");

    const auto books = s.replay();
    QVERIFY2(books.ok(), qPrintable(errorOf(books)));
    const PortfolioBook &book = books->at(0);
    const Position position = positionOf(book, acme);
    QCOMPARE(salesText(book), u"2024-07-01 35 proceeds 3850 cost 3600 gain 250"_s);
    QCOMPARE(lotsText(position), u"2024-02-10 10 1200"_s);
    QCOMPARE(position.quantity.toString(), u"10"_s);
    QCOMPARE(position.averageCost().toString(), u"120"_s);
    QCOMPARE(byCurrency(book.cash), u"USD -950"_s);
}

// A 1-for-10 reverse split:
//   2024-01-10 buy 25 @ 4   A: 25 units, 100  -> 2.5 units, 100
//   2024-01-11 buy 12 @ 5   B: 12 units, 60   -> 1.2 units, 60
//   2024-03-01 split 1:10   3.7 units, cost 160
//   2024-04-01 sell 3 @ 50  A whole (100) + 0.5 of B (60 * 0.5 / 1.2 = 25) = 125;
//                           proceeds 150, gain 25
// Left: B 0.7 units, 35. Cash -100 - 60 + 150 = -10.
void TestLedger::reverseSplit()
{
    Scenario s;
    const RowId main = s.addPortfolio(u"Main"_s);
    const RowId acme = s.addAsset(u"ACME"_s, u"USD"_s);
    s.buy(main, acme, "2024-01-10", "25", "4");
    s.buy(main, acme, "2024-01-11", "12", "5");
    s.split(main, acme, "2024-03-01", "1", "10");
    s.sell(main, acme, "2024-04-01", "3", "50");

    const auto books = s.replay();
    QVERIFY2(books.ok(), qPrintable(errorOf(books)));
    const Position position = positionOf(books->at(0), acme);
    QCOMPARE(salesText(books->at(0)), u"2024-04-01 3 proceeds 150 cost 125 gain 25"_s);
    QCOMPARE(lotsText(position), u"2024-01-11 0.7 35"_s);
    QCOMPARE(position.quantity.toString(), u"0.7"_s);
    QCOMPARE(position.costBasis.toString(), u"35"_s);
    QCOMPARE(byCurrency(books->at(0).cash), u"USD -10"_s);
}

// A 2-for-3 split whose result has more than 12 decimals is rounded per lot:
//   2024-01-10 buy 10 @ 3     10 units, 30
//   2024-02-01 split 2:3      10 * 2 / 3 = 6.666666...  -> 6.666666666667 units, cost 30
// Selling exactly what is held then empties the lot with no residue:
//   2024-03-01 sell 6.666666666667 @ 6   gross 40.000000000002 -> 40.00 (USD cents);
//                                        cost 30 (the whole lot); gain 10
void TestLedger::splitRoundsEachLot()
{
    Scenario s;
    const RowId main = s.addPortfolio(u"Main"_s);
    const RowId acme = s.addAsset(u"ACME"_s, u"USD"_s);
    s.buy(main, acme, "2024-01-10", "10", "3");
    s.split(main, acme, "2024-02-01", "2", "3");

    auto books = s.replay();
    QVERIFY2(books.ok(), qPrintable(errorOf(books)));
    QCOMPARE(positionOf(books->at(0), acme).quantity.toString(), u"6.666666666667"_s);
    QCOMPARE(lotsText(positionOf(books->at(0), acme)), u"2024-01-10 6.666666666667 30"_s);

    s.sell(main, acme, "2024-03-01", "6.666666666667", "6");
    books = s.replay();
    QVERIFY2(books.ok(), qPrintable(errorOf(books)));
    const Position position = positionOf(books->at(0), acme);
    QCOMPARE(salesText(books->at(0)), u"2024-03-01 6.666666666667 proceeds 40 cost 30 gain 10"_s);
    QCOMPARE(position.quantity.toString(), u"0"_s);
    QCOMPARE(position.costBasis.toString(), u"0"_s);
}

// Dividends are income at their gross amount; what is withheld is a fee:
//   2024-01-10 buy 100 @ 20                 cost 2000, cash -2000
//   2024-03-15 dividend 50, 7.50 withheld   cash +42.50
//   2024-06-15 dividend 50                  cash +50
// Income 100, fees 7.5, cash -2000 + 42.5 + 50 = -1907.5; the cost basis stays 2000.
void TestLedger::dividends()
{
    Scenario s;
    const RowId main = s.addPortfolio(u"Main"_s);
    const RowId ko = s.addAsset(u"KO"_s, u"USD"_s);
    s.buy(main, ko, "2024-01-10", "100", "20");
    s.dividend(main, ko, "2024-03-15", "50", "7.50");
    s.dividend(main, ko, "2024-06-15", "50");

    const auto books = s.replay();
    QVERIFY2(books.ok(), qPrintable(errorOf(books)));
    const PortfolioBook &book = books->at(0);
    const Position position = positionOf(book, ko);
    QCOMPARE(position.income.toString(), u"100"_s);
    QCOMPARE(position.fees.toString(), u"7.5"_s);
    QCOMPARE(position.costBasis.toString(), u"2000"_s);
    QCOMPARE(position.quantity.toString(), u"100"_s);
    QCOMPARE(byCurrency(book.income), u"USD 100"_s);
    QCOMPARE(byCurrency(book.fees), u"USD 7.5"_s);
    QCOMPARE(byCurrency(book.cash), u"USD -1907.5"_s);
    QVERIFY(book.sales.empty());
}

// Units moved to another broker keep their acquisition dates and cost:
//   A 2023-01-10 buy 10 @ 100     A1: 10 units, 1000
//   A 2023-06-10 buy 10 @ 120     A2: 10 units, 1200
//   B 2023-03-01 buy 5 @ 110      B1: 5 units, 550
//   2024-01-15 transfer 15 A->B   A1 whole (1000) + 5 of A2 (1200 * 5 / 10 = 600); A keeps
//                                 A2 5 units, 600, and realizes nothing. B's lots by date:
//                                 2023-01-10 10 1000; 2023-03-01 5 550; 2023-06-10 5 600
//   B 2024-02-01 sell 12 @ 130    2023-01-10 whole (1000) + 2 of 2023-03-01 (550 * 2 / 5 = 220)
//                                 = 1220; proceeds 1560, gain 340
// B keeps 2023-03-01 3 330; 2023-06-10 5 600 (8 units, 930).
// Cash: A -1000 - 1200 = -2200; B -550 + 1560 = 1010.
void TestLedger::transferThenSell()
{
    Scenario s;
    const RowId brokerA = s.addPortfolio(u"Broker A"_s);
    const RowId brokerB = s.addPortfolio(u"Broker B"_s);
    const RowId acme = s.addAsset(u"ACME"_s, u"USD"_s);
    s.buy(brokerA, acme, "2023-01-10", "10", "100");
    s.buy(brokerA, acme, "2023-06-10", "10", "120");
    s.buy(brokerB, acme, "2023-03-01", "5", "110");
    s.transferUnits(brokerA, brokerB, acme, "2024-01-15", "15");
    s.sell(brokerB, acme, "2024-02-01", "12", "130");

    const auto books = s.replay();
    QVERIFY2(books.ok(), qPrintable(errorOf(books)));
    const Position fromA = positionOf(books->at(0), acme);
    QCOMPARE(lotsText(fromA), u"2023-06-10 5 600"_s);
    QCOMPARE(fromA.quantity.toString(), u"5"_s);
    QCOMPARE(fromA.realizedGain.toString(), u"0"_s);
    QVERIFY(books->at(0).sales.empty());
    QCOMPARE(byCurrency(books->at(0).cash), u"USD -2200"_s);

    const Position atB = positionOf(books->at(1), acme);
    QCOMPARE(salesText(books->at(1)), u"2024-02-01 12 proceeds 1560 cost 1220 gain 340"_s);
    QCOMPARE(lotsText(atB), u"2023-03-01 3 330; 2023-06-10 5 600"_s);
    QCOMPARE(atB.quantity.toString(), u"8"_s);
    QCOMPARE(atB.costBasis.toString(), u"930"_s);
    QCOMPARE(byCurrency(books->at(1).cash), u"USD 1010"_s);
}

// Transfers between an average-cost and a FIFO portfolio, both ways:
//   A (average) 2023-01-10 buy 10 @ 100, 2023-02-10 buy 10 @ 110   pool 20 units, 2100
//   B (FIFO)    2022-11-01 buy 5 @ 90                               5 units, 450
//   2024-01-02 transfer 4 A->B   pooled share 2100 * 4 / 20 = 420, dated 2023-01-10 (the
//                                pool's oldest unit); A keeps 16 units, 1680; B's lots
//                                2022-11-01 5 450; 2023-01-10 4 420
//   2024-02-01 transfer 6 B->A   B gives 2022-11-01 5 450 whole + 1 of 2023-01-10
//                                (420 * 1 / 4 = 105), keeps 2023-01-10 3 315; A merges
//                                both into its pool: 22 units, 1680 + 450 + 105 = 2235,
//                                now dated 2022-11-01, its oldest unit
// A's average cost 2235 / 22 = 101.5909090909090909... -> 101.590909090909.
void TestLedger::transferBetweenMethods()
{
    Scenario s;
    const RowId averaged = s.addPortfolio(u"Averaged"_s, CostBasisMethod::AverageCost);
    const RowId fifo = s.addPortfolio(u"Fifo"_s, CostBasisMethod::Fifo);
    const RowId acme = s.addAsset(u"ACME"_s, u"USD"_s);
    s.buy(averaged, acme, "2023-01-10", "10", "100");
    s.buy(averaged, acme, "2023-02-10", "10", "110");
    s.buy(fifo, acme, "2022-11-01", "5", "90");
    s.transferUnits(averaged, fifo, acme, "2024-01-02", "4");
    s.transferUnits(fifo, averaged, acme, "2024-02-01", "6");

    const auto books = s.replay();
    QVERIFY2(books.ok(), qPrintable(errorOf(books)));
    const Position pooled = positionOf(books->at(0), acme);
    QCOMPARE(lotsText(pooled), u"2022-11-01 22 2235"_s);
    QCOMPARE(pooled.averageCost().toString(), u"101.590909090909"_s);
    QCOMPARE(pooled.realizedGain.toString(), u"0"_s);
    const Position lots = positionOf(books->at(1), acme);
    QCOMPARE(lotsText(lots), u"2023-01-10 3 315"_s);
    QCOMPARE(lots.costBasis.toString(), u"315"_s);
}

// Cash moves between portfolios and may go negative (deposits often go unrecorded):
//   A 2024-01-02 deposit 1000 EUR
//   2024-01-05 transfer 400 EUR A->B     A 600,  B 400
//   2024-01-06 transfer 700 EUR A->B     A -100, B 1100
void TestLedger::cashTransfer()
{
    Scenario s;
    const RowId savings = s.addPortfolio(u"Savings"_s);
    const RowId trading = s.addPortfolio(u"Trading"_s);
    s.cash(TransactionType::Deposit, savings, "2024-01-02", "1000", u"EUR"_s);
    s.transferCash(savings, trading, "2024-01-05", "400", u"EUR"_s);
    s.transferCash(savings, trading, "2024-01-06", "700", u"EUR"_s);

    const auto books = s.replay();
    QVERIFY2(books.ok(), qPrintable(errorOf(books)));
    QCOMPARE(byCurrency(books->at(0).cash), u"EUR -100"_s);
    QCOMPARE(byCurrency(books->at(1).cash), u"EUR 1100"_s);
    QVERIFY(books->at(0).positions.empty());
    QVERIFY(books->at(1).positions.empty());
}

// Each currency has its own balance; nothing is converted:
//   deposit 1000 EUR, deposit 500 USD
//   buy 5 SAP @ 120 EUR, fee 1           EUR 1000 - 601 = 399
//   buy 2 AAPL @ 180.25 USD, fee 0.5     USD 500 - (360.5 + 0.5) = 139
//   AAPL dividend 0.48 USD, 0.07 withheld  USD 139 + 0.41 = 139.41
// Fees: EUR 1; USD 0.5 + 0.07 = 0.57. Income: USD 0.48.
void TestLedger::twoCurrenciesInOnePortfolio()
{
    Scenario s;
    const RowId main = s.addPortfolio(u"Main"_s);
    const RowId sap = s.addAsset(u"SAP"_s, u"EUR"_s);
    const RowId aapl = s.addAsset(u"AAPL"_s, u"USD"_s);
    s.cash(TransactionType::Deposit, main, "2024-01-02", "1000", u"EUR"_s);
    s.cash(TransactionType::Deposit, main, "2024-01-02", "500", u"USD"_s);
    s.buy(main, sap, "2024-01-03", "5", "120", "1");
    s.buy(main, aapl, "2024-01-03", "2", "180.25", "0.5");
    s.dividend(main, aapl, "2024-02-15", "0.48", "0.07");

    const auto books = s.replay();
    QVERIFY2(books.ok(), qPrintable(errorOf(books)));
    const PortfolioBook &book = books->at(0);
    QCOMPARE(byCurrency(book.cash), u"EUR 399, USD 139.41"_s);
    QCOMPARE(byCurrency(book.fees), u"EUR 1, USD 0.57"_s);
    QCOMPARE(byCurrency(book.income), u"USD 0.48"_s);
    QCOMPARE(positionOf(book, sap).currency, u"EUR"_s);
    QCOMPARE(positionOf(book, aapl).currency, u"USD"_s);
    QCOMPARE(positionOf(book, aapl).costBasis.toString(), u"361"_s);
}

// Entries that only move cash:
//   deposit 5000, withdrawal 1200, interest 12.34, tax 3.09, account fee 9.99 (EUR)
//   cash 5000 - 1200 + 12.34 - 3.09 - 9.99 = 3799.26
void TestLedger::cashEntries()
{
    Scenario s;
    const RowId main = s.addPortfolio(u"Main"_s);
    s.cash(TransactionType::Deposit, main, "2024-01-02", "5000", u"EUR"_s);
    s.cash(TransactionType::Withdrawal, main, "2024-02-01", "1200", u"EUR"_s);
    s.cash(TransactionType::Interest, main, "2024-03-31", "12.34", u"EUR"_s);
    s.cash(TransactionType::Tax, main, "2024-04-15", "3.09", u"EUR"_s);
    s.cash(TransactionType::Fee, main, "2024-05-01", "9.99", u"EUR"_s);

    const auto books = s.replay();
    QVERIFY2(books.ok(), qPrintable(errorOf(books)));
    const PortfolioBook &book = books->at(0);
    QCOMPARE(byCurrency(book.cash), u"EUR 3799.26"_s);
    QCOMPARE(byCurrency(book.income), u"EUR 12.34"_s);
    QCOMPARE(byCurrency(book.taxes), u"EUR 3.09"_s);
    QCOMPARE(byCurrency(book.fees), u"EUR 9.99"_s);
    QVERIFY(book.positions.empty());
}

// Interest, fees and tax booked against a bond:
//   buy 10 @ 98.5            cost 985
//   interest 25 on the bond  position income 25
//   custody fee 1.5          position fees 1.5 (a stand-alone fee is no part of the cost basis)
//   tax 6.59 on the bond     the book's taxes only
//   cash -985 + 25 - 1.5 - 6.59 = -968.09
void TestLedger::interestAndFeesOnAnAsset()
{
    Scenario s;
    const RowId main = s.addPortfolio(u"Main"_s);
    const RowId bund = s.addAsset(u"BUND"_s, u"EUR"_s);
    s.buy(main, bund, "2024-01-02", "10", "98.5");
    s.cash(TransactionType::Interest, main, "2024-07-01", "25", u"EUR"_s, bund);
    s.cash(TransactionType::Fee, main, "2024-07-02", "1.5", u"EUR"_s, bund);
    s.cash(TransactionType::Tax, main, "2024-07-03", "6.59", u"EUR"_s, bund);

    const auto books = s.replay();
    QVERIFY2(books.ok(), qPrintable(errorOf(books)));
    const PortfolioBook &book = books->at(0);
    const Position position = positionOf(book, bund);
    QCOMPARE(position.income.toString(), u"25"_s);
    QCOMPARE(position.fees.toString(), u"1.5"_s);
    QCOMPARE(position.costBasis.toString(), u"985"_s);
    QCOMPARE(byCurrency(book.income), u"EUR 25"_s);
    QCOMPARE(byCurrency(book.fees), u"EUR 1.5"_s);
    QCOMPARE(byCurrency(book.taxes), u"EUR 6.59"_s);
    QCOMPARE(byCurrency(book.cash), u"EUR -968.09"_s);
}

// A sell counts only what is held on its date, in replay order.
void TestLedger::sellMoreThanHeldIsRefused_data()
{
    QTest::addColumn<QString>("buyDate");
    QTest::addColumn<QString>("soldBefore"); // on 2024-02-01; "0" for no earlier sell
    QTest::addColumn<QString>("quantity");   // sold on 2024-03-01
    QTest::addColumn<QString>("error");

    // 10 bought, 15 sold.
    QTest::newRow("more than bought") << u"2024-01-05"_s << u"0"_s << u"15"_s
                                      << u"2024-03-01 sell of 15 AAPL in 'Main' exceeds the 10 held on that date"_s;
    // The buy comes a month after the sell: nothing is held yet.
    QTest::newRow("before the buy") << u"2024-04-01"_s << u"0"_s << u"15"_s
                                    << u"2024-03-01 sell of 15 AAPL in 'Main' exceeds the 0 held on that date"_s;
    // 10 bought, 4 sold, 7 more sold: 10 - 4 = 6 left.
    QTest::newRow("after an earlier sell") << u"2024-01-05"_s << u"4"_s << u"7"_s
                                           << u"2024-03-01 sell of 7 AAPL in 'Main' exceeds the 6 held on that date"_s;
}

void TestLedger::sellMoreThanHeldIsRefused()
{
    QFETCH(QString, buyDate);
    QFETCH(QString, soldBefore);
    QFETCH(QString, quantity);
    QFETCH(QString, error);

    Scenario s;
    const RowId main = s.addPortfolio(u"Main"_s);
    const RowId aapl = s.addAsset(u"AAPL"_s, u"USD"_s);
    s.buy(main, aapl, qPrintable(buyDate), "10", "100");
    if (soldBefore != u"0")
        s.sell(main, aapl, "2024-02-01", qPrintable(soldBefore), "110");
    s.sell(main, aapl, "2024-03-01", qPrintable(quantity), "120");

    const auto books = s.replay();
    QVERIFY(!books.ok());
    QCOMPARE(books.error(), error);
}

// 10 held, 12 sent: refused like a sell, and the message names both portfolios.
void TestLedger::transferMoreThanHeldIsRefused()
{
    Scenario s;
    const RowId main = s.addPortfolio(u"Main"_s);
    const RowId other = s.addPortfolio(u"Other"_s);
    const RowId aapl = s.addAsset(u"AAPL"_s, u"USD"_s);
    s.buy(main, aapl, "2024-01-05", "10", "100");
    s.transferUnits(main, other, aapl, "2024-03-01", "12");

    const auto books = s.replay();
    QVERIFY(!books.ok());
    QCOMPARE(books.error(),
             u"2024-03-01 transfer of 12 AAPL from 'Main' to 'Other' exceeds the 10 held on that date"_s);
}

// Deleted entries are tombstones and change nothing:
//   2024-01-05 buy 5 @ 50        deleted (would be the oldest lot under FIFO)
//   2024-01-06 deposit 1000 USD  deleted
//   2024-01-10 buy 10 @ 100      cost 1000
//   2024-02-01 sell 4 @ 120      proceeds 480, cost 1000 * 4 / 10 = 400, gain 80
//   2024-03-01 sell 20 @ 130     deleted (would be refused as more than held)
// Left: 6 units, 600. Cash -1000 + 480 = -520.
void TestLedger::tombstonesAreIgnored()
{
    Scenario s;
    const RowId main = s.addPortfolio(u"Main"_s);
    const RowId acme = s.addAsset(u"ACME"_s, u"USD"_s);
    s.buy(main, acme, "2024-01-05", "5", "50").stamp.deleted = true;
    s.cash(TransactionType::Deposit, main, "2024-01-06", "1000", u"USD"_s).stamp.deleted = true;
    s.buy(main, acme, "2024-01-10", "10", "100");
    s.sell(main, acme, "2024-02-01", "4", "120");
    s.sell(main, acme, "2024-03-01", "20", "130").stamp.deleted = true;

    const auto books = s.replay();
    QVERIFY2(books.ok(), qPrintable(errorOf(books)));
    const Position position = positionOf(books->at(0), acme);
    QCOMPARE(lotsText(position), u"2024-01-10 6 600"_s);
    QCOMPARE(position.realizedGain.toString(), u"80"_s);
    QCOMPARE(salesText(books->at(0)), u"2024-02-01 4 proceeds 480 cost 400 gain 80"_s);
    QCOMPARE(byCurrency(books->at(0).cash), u"USD -520"_s);
}

// Three entries on one day, handed over out of order, replay in the order they were made:
//   createdAt 1000  buy 5 @ 105    lot A: 5 units, 525
//   createdAt 2000  buy 10 @ 100   lot B: 10 units, 1000
//   createdAt 3000  sell 10 @ 110  A whole (525) + 5 of B (1000 * 5 / 10 = 500) = 1025;
//                                  proceeds 1100, gain 75
// Left: B 5 units, 500. Made before both buys, the same sell would be refused.
void TestLedger::sameDayOrderByCreatedAt()
{
    Scenario s;
    const RowId main = s.addPortfolio(u"Main"_s);
    const RowId acme = s.addAsset(u"ACME"_s, u"USD"_s);
    Transaction &sell = s.sell(main, acme, "2024-03-01", "10", "110");
    s.buy(main, acme, "2024-03-01", "10", "100").stamp.createdAt = 2000;
    s.buy(main, acme, "2024-03-01", "5", "105").stamp.createdAt = 1000;
    sell.stamp.createdAt = 3000;

    auto books = s.replay();
    QVERIFY2(books.ok(), qPrintable(errorOf(books)));
    QCOMPARE(salesText(books->at(0)), u"2024-03-01 10 proceeds 1100 cost 1025 gain 75"_s);
    QCOMPARE(lotsText(positionOf(books->at(0), acme)), u"2024-03-01 5 500"_s);

    sell.stamp.createdAt = 500;
    books = s.replay();
    QVERIFY(!books.ok());
    QCOMPARE(books.error(), u"2024-03-01 sell of 10 ACME in 'Main' exceeds the 0 held on that date"_s);
}

// Made in the same millisecond, entries replay by UUID, the same on every device:
//   uuid ...02  buy 1 @ 100
//   uuid ...01  buy 1 @ 200   replays first, so FIFO sells it first
//   sell 1 @ 150              cost 200, gain 150 - 200 = -50; left: the lot at 100
void TestLedger::sameInstantOrderByUuid()
{
    Scenario s;
    const RowId main = s.addPortfolio(u"Main"_s);
    const RowId acme = s.addAsset(u"ACME"_s, u"USD"_s);
    Transaction &second = s.buy(main, acme, "2024-03-01", "1", "100");
    Transaction &first = s.buy(main, acme, "2024-03-01", "1", "200");
    s.sell(main, acme, "2024-03-01", "1", "150").stamp.createdAt = 2000;
    second.stamp.createdAt = first.stamp.createdAt = 1000;
    second.stamp.uuid = QUuid::fromString(u"{00000000-0000-4000-8000-000000000002}"_s);
    first.stamp.uuid = QUuid::fromString(u"{00000000-0000-4000-8000-000000000001}"_s);

    const auto books = s.replay();
    QVERIFY2(books.ok(), qPrintable(errorOf(books)));
    QCOMPARE(salesText(books->at(0)), u"2024-03-01 1 proceeds 150 cost 200 gain -50"_s);
    QCOMPARE(lotsText(positionOf(books->at(0), acme)), u"2024-03-01 1 100"_s);
}

// The replay sorts what it is given, whatever the order: the trades of
// partialSellsAcrossLots, handed over newest first. Dates within a few days take
// the day-bucket path of the sort; dates decades apart the plain comparison sort.
//   buy 2 @ 10; buy 3 @ 33.33, fee 0.01 (cost 100); buy 4 @ 25
//   sell 3 @ 40: 20 + 100 * 1 / 3 = 53.333333333333 given up, gain 66.666666666667
//   sell 4 @ 40: 66.666666666667 + 100 * 2 / 4 = 116.666666666667, gain 43.333333333333
void TestLedger::orderGivenDoesNotMatter_data()
{
    QTest::addColumn<QStringList>("dates"); // of the three buys and two sells

    QTest::newRow("days apart") << QStringList{u"2024-01-02"_s, u"2024-01-03"_s, u"2024-01-04"_s, u"2024-02-01"_s,
                                               u"2024-02-02"_s};
    QTest::newRow("decades apart") << QStringList{u"1971-01-04"_s, u"1985-01-03"_s, u"1999-01-04"_s,
                                                  u"2013-02-01"_s, u"2024-02-02"_s};
}

void TestLedger::orderGivenDoesNotMatter()
{
    QFETCH(QStringList, dates);

    Scenario s;
    const RowId main = s.addPortfolio(u"Main"_s);
    const RowId acme = s.addAsset(u"ACME"_s, u"USD"_s);
    s.buy(main, acme, qPrintable(dates[0]), "2", "10");
    s.buy(main, acme, qPrintable(dates[1]), "3", "33.33", "0.01");
    s.buy(main, acme, qPrintable(dates[2]), "4", "25");
    s.sell(main, acme, qPrintable(dates[3]), "3", "40");
    s.sell(main, acme, qPrintable(dates[4]), "4", "40");

    std::vector<Transaction> newestFirst = s.entries();
    std::reverse(newestFirst.begin(), newestFirst.end());
    const auto books = pt::ledger::Ledger::replay(s.portfolios(), s.assets(), newestFirst);
    QVERIFY2(books.ok(), qPrintable(errorOf(books)));
    QCOMPARE(salesText(books->at(0)),
             u"%1 3 proceeds 120 cost 53.333333333333 gain 66.666666666667; "
             "%2 4 proceeds 160 cost 116.666666666667 gain 43.333333333333"_s.arg(dates[3], dates[4]));
    QCOMPARE(lotsText(positionOf(books->at(0), acme)), u"%1 2 50"_s.arg(dates[2]));
}

// Bitcoin in satoshis, priced in USD:
//   2024-01-02 buy 0.12345678 @ 40000          4938.2712 -> 4938.27
//   2024-01-03 buy 0.00000001 @ 40000 (1 sat)  0.0004 -> 0.00: a lot that cost nothing
//   2024-01-04 buy 0.87654321 @ 41000, fee 5   35938.27161 -> 35938.27, + 5 = 35943.27
// Held: 0.12345678 + 0.00000001 + 0.87654321 = exactly 1, cost 40881.54.
//   2024-02-01 sell 0.12345679 @ 50000         the first two lots whole: cost 4938.27 + 0;
//                                              6172.8395 -> 6172.84; gain 1234.57
// Left: 0.87654321, 35943.27. Cash -4938.27 - 0 - 35943.27 + 6172.84 = -34708.7.
void TestLedger::satoshisStayExact()
{
    Scenario s;
    const RowId wallet = s.addPortfolio(u"Wallet"_s);
    const RowId btc = s.addAsset(u"BTC-USD"_s, u"USD"_s);
    s.buy(wallet, btc, "2024-01-02", "0.12345678", "40000");
    s.buy(wallet, btc, "2024-01-03", "0.00000001", "40000");
    s.buy(wallet, btc, "2024-01-04", "0.87654321", "41000", "5");

    auto books = s.replay();
    QVERIFY2(books.ok(), qPrintable(errorOf(books)));
    QCOMPARE(positionOf(books->at(0), btc).quantity.toString(), u"1"_s);
    QCOMPARE(positionOf(books->at(0), btc).costBasis.toString(), u"40881.54"_s);

    s.sell(wallet, btc, "2024-02-01", "0.12345679", "50000");
    books = s.replay();
    QVERIFY2(books.ok(), qPrintable(errorOf(books)));
    const Position position = positionOf(books->at(0), btc);
    QCOMPARE(salesText(books->at(0)), u"2024-02-01 0.12345679 proceeds 6172.84 cost 4938.27 gain 1234.57"_s);
    QCOMPARE(lotsText(position), u"2024-01-04 0.87654321 35943.27"_s);
    QCOMPARE(position.quantity.toString(), u"0.87654321"_s);
    QCOMPARE(byCurrency(books->at(0).cash), u"USD -34708.7"_s);
}

// quantity * price is rounded half away from zero to the currency's minor unit, on
// the buy (its cost) and on the sell (its proceeds).
void TestLedger::sellRoundsToMinorUnit_data()
{
    QTest::addColumn<QString>("currency");
    QTest::addColumn<QString>("quantity");
    QTest::addColumn<QString>("buyPrice");
    QTest::addColumn<QString>("sellPrice");
    QTest::addColumn<QString>("cost");
    QTest::addColumn<QString>("proceeds");
    QTest::addColumn<QString>("gain");

    // JPY, no minor unit: 3 * 2533.5 = 7600.5 -> 7601; 3 * 2600.5 = 7801.5 -> 7802; gain 201.
    QTest::newRow("JPY 0 digits") << u"JPY"_s << u"3"_s << u"2533.5"_s << u"2600.5"_s << u"7601"_s << u"7802"_s
                                  << u"201"_s;
    // BHD, 3 digits: 7 * 1.2345 = 8.6415 -> 8.642; 7 * 1.3335 = 9.3345 -> 9.335; gain 0.693.
    QTest::newRow("BHD 3 digits") << u"BHD"_s << u"7"_s << u"1.2345"_s << u"1.3335"_s << u"8.642"_s << u"9.335"_s
                                  << u"0.693"_s;
    // USD, 2 digits: 3 * 0.125 = 0.375 -> 0.38; 3 * 0.135 = 0.405 -> 0.41; gain 0.03.
    QTest::newRow("USD 2 digits") << u"USD"_s << u"3"_s << u"0.125"_s << u"0.135"_s << u"0.38"_s << u"0.41"_s
                                  << u"0.03"_s;
    // BTC, 8 digits: 3 * 0.123456785 = 0.370370355 -> 0.37037036;
    // 3 * 0.123456795 = 0.370370385 -> 0.37037039; gain 0.00000003.
    QTest::newRow("BTC 8 digits") << u"BTC"_s << u"3"_s << u"0.123456785"_s << u"0.123456795"_s
                                  << u"0.37037036"_s << u"0.37037039"_s << u"0.00000003"_s;
}

void TestLedger::sellRoundsToMinorUnit()
{
    QFETCH(QString, currency);
    QFETCH(QString, quantity);
    QFETCH(QString, buyPrice);
    QFETCH(QString, sellPrice);
    QFETCH(QString, cost);
    QFETCH(QString, proceeds);
    QFETCH(QString, gain);

    Scenario s;
    const RowId main = s.addPortfolio(u"Main"_s);
    const RowId asset = s.addAsset(u"X"_s, currency);
    s.buy(main, asset, "2024-01-02", qPrintable(quantity), qPrintable(buyPrice));
    s.sell(main, asset, "2024-02-02", qPrintable(quantity), qPrintable(sellPrice));

    const auto books = s.replay();
    QVERIFY2(books.ok(), qPrintable(errorOf(books)));
    QCOMPARE(salesText(books->at(0)),
             u"2024-02-02 %1 proceeds %2 cost %3 gain %4"_s.arg(quantity, proceeds, cost, gain));
    // Bought for cost, sold for proceeds: the cash left is the gain.
    QCOMPARE(byCurrency(books->at(0).cash), QString(currency + u' ' + gain));
}

// Books come in the order the portfolios are given, empty ones included; entries
// of portfolios not given are left out.
void TestLedger::everyPortfolioGetsABook()
{
    Scenario s;
    const RowId main = s.addPortfolio(u"Main"_s);
    const RowId empty = s.addPortfolio(u"Empty"_s);
    const RowId other = s.addPortfolio(u"Other"_s);
    s.cash(TransactionType::Deposit, main, "2024-01-02", "100", u"EUR"_s);
    s.cash(TransactionType::Deposit, other, "2024-01-02", "50", u"EUR"_s);

    const std::vector<pt::Portfolio> all = s.portfolios();
    const std::vector<pt::Portfolio> given{all[1], all[0]}; // Empty, then Main; not Other
    const auto books = pt::ledger::Ledger::replay(given, s.assets(), s.entries());
    QVERIFY2(books.ok(), qPrintable(errorOf(books)));
    QCOMPARE(books->size(), std::size_t(2));
    QCOMPARE(books->at(0).portfolioId, empty);
    QVERIFY(books->at(0).cash.empty());
    QCOMPARE(books->at(1).portfolioId, main);
    QCOMPARE(byCurrency(books->at(1).cash), u"EUR 100"_s);
}

// Two books for one portfolio would count its entries twice.
void TestLedger::portfolioGivenTwiceIsRefused()
{
    Scenario s;
    s.addPortfolio(u"Main"_s);
    const std::vector<pt::Portfolio> twice{s.portfolios().at(0), s.portfolios().at(0)};
    const auto books = pt::ledger::Ledger::replay(twice, s.assets(), s.entries());
    QVERIFY(!books.ok());
    QCOMPARE(books.error(), u"Portfolio 'Main' (id 1) was given twice to the replay"_s);
}

// An entry that fails validation stops the replay; the message says which entry.
void TestLedger::invalidEntryIsRefused()
{
    Scenario s;
    const RowId main = s.addPortfolio(u"Main"_s);
    const RowId aapl = s.addAsset(u"AAPL"_s, u"USD"_s);
    Transaction &buy = s.buy(main, aapl, "2024-03-01", "-5", "100");

    auto books = s.replay();
    QVERIFY(!books.ok());
    QCOMPARE(books.error(), u"2024-03-01 buy of -5 AAPL in 'Main': quantity: '-5' must be greater than zero"_s);

    buy.quantity = dec("5");
    s.dividend(main, aapl, "2024-03-15", "1").currency = u"EUR"_s;
    books = s.replay();
    QVERIFY(!books.ok());
    QCOMPARE(books.error(), u"2024-03-15 dividend of 1 EUR on AAPL in 'Main': "
                            "currency: 'EUR' differs from the currency 'USD' of AAPL"_s);
}

// Replaying one side of a transfer alone would make or lose units, so it is refused.
void TestLedger::transferNeedsBothPortfolios_data()
{
    QTest::addColumn<int>("given"); // index of the one portfolio replayed
    QTest::addColumn<QString>("error");

    QTest::newRow("only the sender") << 0
                                     << u"2024-01-05 transfer of 5 AAPL from 'Main' to portfolio 2: "
                                        "the receiving portfolio must be replayed along with it"_s;
    QTest::newRow("only the receiver") << 1
                                       << u"2024-01-05 transfer of 5 AAPL from portfolio 1 to 'Other': "
                                          "the sending portfolio must be replayed along with it"_s;
}

void TestLedger::transferNeedsBothPortfolios()
{
    QFETCH(int, given);
    QFETCH(QString, error);

    Scenario s;
    const RowId main = s.addPortfolio(u"Main"_s);
    const RowId other = s.addPortfolio(u"Other"_s);
    const RowId aapl = s.addAsset(u"AAPL"_s, u"USD"_s);
    s.buy(main, aapl, "2024-01-02", "10", "100");
    s.transferUnits(main, other, aapl, "2024-01-05", "5");

    const std::vector<pt::Portfolio> one{s.portfolios().at(std::size_t(given))};
    const auto books = pt::ledger::Ledger::replay(one, s.assets(), s.entries());
    QVERIFY(!books.ok());
    QCOMPARE(books.error(), error);
}

// Decimals stop short of 1.7 * 10^26: two deposits of 10^26 overflow on the second,
// and 10^13 units at 10^14 cost 10^27. The message names the entry that overflowed.
void TestLedger::overflowNamesTheEntry()
{
    Scenario s;
    const RowId main = s.addPortfolio(u"Main"_s);
    s.cash(TransactionType::Deposit, main, "2024-01-02", "100000000000000000000000000", u"EUR"_s);
    s.cash(TransactionType::Deposit, main, "2024-01-03", "100000000000000000000000000", u"EUR"_s);

    auto books = s.replay();
    QVERIFY(!books.ok());
    QVERIFY2(books.error().startsWith(u"2024-01-03 deposit of 100000000000000000000000000 EUR in 'Main': "_s),
             qPrintable(books.error()));

    Scenario huge;
    const RowId portfolio = huge.addPortfolio(u"Main"_s);
    const RowId acme = huge.addAsset(u"ACME"_s, u"USD"_s);
    huge.buy(portfolio, acme, "2024-01-02", "10000000000000", "100000000000000");
    books = huge.replay();
    QVERIFY(!books.ok());
    QCOMPARE(books.error(), u"2024-01-02 buy of 10000000000000 ACME in 'Main': "
                            "the amounts exceed the range of exact decimals (about 1.7 * 10^26)"_s);
}

// The average cost of nothing has no value; of 4 units costing 10 it is 2.5.
void TestLedger::averageCostOfNothingIsInvalid()
{
    Position position;
    QVERIFY(!position.averageCost().isValid());
    position.quantity = dec("4");
    position.costBasis = dec("10");
    QCOMPARE(position.averageCost().toString(), u"2.5"_s);
}

QTEST_GUILESS_MAIN(TestLedger)
#include "tst_ledger.moc"
