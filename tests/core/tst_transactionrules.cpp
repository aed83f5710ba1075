#include "domain/transactionrules.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using pt::Decimal;
using pt::Transaction;
using pt::TransactionType;

Q_DECLARE_METATYPE(pt::Transaction)

namespace {

constexpr pt::RowId Aapl = 1;    // trades in USD
constexpr pt::RowId Unknown = 99; // not in the catalog

// The catalog the entries are checked against: one asset, so a row can name it or not.
const pt::Asset *catalogLookup(pt::RowId id)
{
    static const pt::Asset apple = [] {
        pt::Asset asset;
        asset.id = Aapl;
        asset.symbol = u"AAPL"_s;
        asset.name = u"Apple"_s;
        asset.currency = u"USD"_s;
        return asset;
    }();
    return id == apple.id ? &apple : nullptr;
}

Decimal dec(const char *text)
{
    return Decimal::parse(QString::fromLatin1(text)).value();
}

// An entry of the type that passes every rule; each row of the table changes one thing.
Transaction validEntry(TransactionType type)
{
    Transaction t;
    t.type = type;
    t.portfolioId = 1;
    t.date = QDate(2024, 3, 1);
    t.currency = u"USD"_s;
    switch (type) {
    case TransactionType::Buy:
    case TransactionType::Sell:
        t.assetId = Aapl;
        t.quantity = dec("10");
        t.price = dec("180.25");
        t.fee = dec("1");
        break;
    case TransactionType::Dividend:
        t.assetId = Aapl;
        t.amount = dec("12");
        t.fee = dec("1.8");
        break;
    case TransactionType::Split:
        t.assetId = Aapl;
        t.splitNumerator = dec("4");
        t.splitDenominator = dec("1");
        break;
    case TransactionType::Transfer:
        t.counterpartyPortfolioId = 2;
        t.assetId = Aapl;
        t.quantity = dec("3");
        break;
    case TransactionType::Interest:
    case TransactionType::Fee:
    case TransactionType::Tax:
    case TransactionType::Deposit:
    case TransactionType::Withdrawal:
        t.amount = dec("5");
        break;
    }
    return t;
}

template<typename Change>
Transaction changed(TransactionType type, Change change)
{
    Transaction t = validEntry(type);
    change(t);
    return t;
}

Transaction stamped(const char *date, std::int64_t createdAt, const char *uuid)
{
    Transaction t = validEntry(TransactionType::Deposit);
    t.date = QDate::fromString(QString::fromLatin1(date), Qt::ISODate);
    t.stamp.createdAt = createdAt;
    t.stamp.uuid = QUuid::fromString(QString::fromLatin1(uuid));
    return t;
}

} // namespace

class TestTransactionRules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void validate_data();
    void validate();
    void replaysBefore_data();
    void replaysBefore();
};

void TestTransactionRules::validate_data()
{
    QTest::addColumn<Transaction>("entry");
    QTest::addColumn<QString>("error"); // a fragment of the message; empty when valid

    using T = TransactionType;
    const QString ok;

    // One valid entry of every type, and the optional shapes.
    QTest::newRow("buy") << validEntry(T::Buy) << ok;
    QTest::newRow("sell") << validEntry(T::Sell) << ok;
    QTest::newRow("dividend") << validEntry(T::Dividend) << ok;
    QTest::newRow("interest") << validEntry(T::Interest) << ok;
    QTest::newRow("fee") << validEntry(T::Fee) << ok;
    QTest::newRow("tax") << validEntry(T::Tax) << ok;
    QTest::newRow("split") << validEntry(T::Split) << ok;
    QTest::newRow("deposit") << validEntry(T::Deposit) << ok;
    QTest::newRow("withdrawal") << validEntry(T::Withdrawal) << ok;
    QTest::newRow("transfer of units") << validEntry(T::Transfer) << ok;
    QTest::newRow("transfer of cash")
        << changed(T::Transfer, [](Transaction &t) { t.assetId = 0; t.quantity = {}; t.amount = dec("250"); }) << ok;
    QTest::newRow("buy for free, no fee")
        << changed(T::Buy, [](Transaction &t) { t.price = {}; t.fee = {}; }) << ok;
    QTest::newRow("buy of satoshis")
        << changed(T::Buy, [](Transaction &t) { t.quantity = dec("0.00000001"); }) << ok;
    QTest::newRow("interest on a bond") << changed(T::Interest, [](Transaction &t) { t.assetId = Aapl; }) << ok;
    QTest::newRow("fee on an asset") << changed(T::Fee, [](Transaction &t) { t.assetId = Aapl; }) << ok;
    QTest::newRow("tax on an asset") << changed(T::Tax, [](Transaction &t) { t.assetId = Aapl; }) << ok;
    QTest::newRow("crypto ticker as currency")
        << changed(T::Deposit, [](Transaction &t) { t.currency = u"USDT"_s; }) << ok;

    // What every entry needs.
    QTest::newRow("no date") << changed(T::Deposit, [](Transaction &t) { t.date = {}; })
                             << u"date: the entry has no valid date"_s;
    QTest::newRow("no portfolio") << changed(T::Deposit, [](Transaction &t) { t.portfolioId = 0; })
                                  << u"portfolio: the entry belongs to no portfolio"_s;
    QTest::newRow("lower-case currency") << changed(T::Deposit, [](Transaction &t) { t.currency = u"usd"_s; })
                                         << u"currency: 'usd' is not a currency code"_s;
    QTest::newRow("no currency") << changed(T::Deposit, [](Transaction &t) { t.currency.clear(); })
                                 << u"currency: '' is not a currency code"_s;
    QTest::newRow("currency other than the asset's")
        << changed(T::Buy, [](Transaction &t) { t.currency = u"EUR"_s; })
        << u"currency: 'EUR' differs from the currency 'USD' of AAPL"_s;

    // Assets.
    QTest::newRow("buy without asset") << changed(T::Buy, [](Transaction &t) { t.assetId = 0; })
                                       << u"asset: a buy needs an asset"_s;
    QTest::newRow("sell of unknown asset") << changed(T::Sell, [](Transaction &t) { t.assetId = Unknown; })
                                           << u"asset: '99' is not in the catalog"_s;
    QTest::newRow("dividend without asset") << changed(T::Dividend, [](Transaction &t) { t.assetId = 0; })
                                            << u"asset: a dividend needs an asset"_s;
    QTest::newRow("split without asset") << changed(T::Split, [](Transaction &t) { t.assetId = 0; })
                                         << u"asset: a split needs an asset"_s;
    QTest::newRow("tax on unknown asset") << changed(T::Tax, [](Transaction &t) { t.assetId = Unknown; })
                                          << u"asset: '99' is not in the catalog"_s;
    QTest::newRow("deposit with asset") << changed(T::Deposit, [](Transaction &t) { t.assetId = Aapl; })
                                        << u"asset: a deposit concerns no asset"_s;
    QTest::newRow("withdrawal with asset") << changed(T::Withdrawal, [](Transaction &t) { t.assetId = Aapl; })
                                           << u"asset: a withdrawal concerns no asset"_s;

    // Buy and sell.
    QTest::newRow("buy of negative quantity") << changed(T::Buy, [](Transaction &t) { t.quantity = dec("-5"); })
                                              << u"quantity: '-5' must be greater than zero"_s;
    QTest::newRow("sell of zero") << changed(T::Sell, [](Transaction &t) { t.quantity = {}; })
                                  << u"quantity: '0' must be greater than zero"_s;
    QTest::newRow("buy of overflowed quantity")
        << changed(T::Buy, [](Transaction &t) { t.quantity = Decimal::invalid(); })
        << u"quantity: 'invalid' must be greater than zero"_s;
    QTest::newRow("sell at negative price") << changed(T::Sell, [](Transaction &t) { t.price = dec("-0.01"); })
                                            << u"price: '-0.01' must be zero or more"_s;
    QTest::newRow("buy with negative fee") << changed(T::Buy, [](Transaction &t) { t.fee = dec("-0.5"); })
                                           << u"fee: '-0.5' must be zero or more"_s;
    QTest::newRow("sell with invalid fee") << changed(T::Sell, [](Transaction &t) { t.fee = Decimal::invalid(); })
                                           << u"fee: 'invalid' must be zero or more"_s;

    // Income and charges.
    QTest::newRow("dividend of zero") << changed(T::Dividend, [](Transaction &t) { t.amount = {}; })
                                      << u"amount: '0' must be greater than zero"_s;
    QTest::newRow("dividend with negative fee") << changed(T::Dividend, [](Transaction &t) { t.fee = dec("-1"); })
                                                << u"fee: '-1' must be zero or more"_s;
    QTest::newRow("negative interest") << changed(T::Interest, [](Transaction &t) { t.amount = dec("-1"); })
                                       << u"amount: '-1' must be greater than zero"_s;
    QTest::newRow("fee of zero") << changed(T::Fee, [](Transaction &t) { t.amount = {}; })
                                 << u"amount: '0' must be greater than zero"_s;
    QTest::newRow("negative tax") << changed(T::Tax, [](Transaction &t) { t.amount = dec("-3"); })
                                  << u"amount: '-3' must be greater than zero"_s;

    // Splits.
    QTest::newRow("split numerator zero") << changed(T::Split, [](Transaction &t) { t.splitNumerator = {}; })
                                          << u"splitNumerator: '0' must be greater than zero"_s;
    QTest::newRow("split denominator negative")
        << changed(T::Split, [](Transaction &t) { t.splitDenominator = dec("-1"); })
        << u"splitDenominator: '-1' must be greater than zero"_s;

    // Cash.
    QTest::newRow("deposit of zero") << changed(T::Deposit, [](Transaction &t) { t.amount = {}; })
                                     << u"amount: '0' must be greater than zero"_s;
    QTest::newRow("negative withdrawal") << changed(T::Withdrawal, [](Transaction &t) { t.amount = dec("-100"); })
                                         << u"amount: '-100' must be greater than zero"_s;
    QTest::newRow("deposit with a fee") << changed(T::Deposit, [](Transaction &t) { t.fee = dec("1"); })
                                        << u"fee: '1' is not part of a deposit; book it as a fee entry"_s;

    // Transfers.
    QTest::newRow("transfer to nowhere") << changed(T::Transfer, [](Transaction &t) { t.counterpartyPortfolioId = 0; })
                                         << u"counterparty: a transfer needs a receiving portfolio"_s;
    QTest::newRow("transfer to itself") << changed(T::Transfer, [](Transaction &t) { t.counterpartyPortfolioId = 1; })
                                        << u"counterparty: '1' is the portfolio the transfer comes from"_s;
    QTest::newRow("transfer of no units") << changed(T::Transfer, [](Transaction &t) { t.quantity = {}; })
                                          << u"quantity: '0' must be greater than zero"_s;
    QTest::newRow("transfer of no cash")
        << changed(T::Transfer, [](Transaction &t) { t.assetId = 0; t.amount = {}; })
        << u"amount: '0' must be greater than zero"_s;
    QTest::newRow("transfer with a fee") << changed(T::Transfer, [](Transaction &t) { t.fee = dec("2"); })
                                         << u"fee: '2' is not part of a transfer"_s;
}

void TestTransactionRules::validate()
{
    QFETCH(Transaction, entry);
    QFETCH(QString, error);

    const auto result = pt::validateTransaction(entry, catalogLookup(entry.assetId));
    if (error.isEmpty()) {
        QVERIFY2(result.ok(), qPrintable(result.error()));
    } else {
        QVERIFY(!result.ok());
        QVERIFY2(result.error().contains(error),
                 qPrintable(u"'%1' lacks '%2'"_s.arg(result.error(), error)));
    }
}

void TestTransactionRules::replaysBefore_data()
{
    QTest::addColumn<Transaction>("first");
    QTest::addColumn<Transaction>("second");

    const char *lowUuid = "{00000000-0000-4000-8000-000000000001}";
    const char *highUuid = "{00000000-0000-4000-8000-000000000002}";

    // The date decides even against a later stamp and a smaller UUID.
    QTest::newRow("by date") << stamped("2024-03-01", 9000, highUuid) << stamped("2024-03-02", 1000, lowUuid);
    // On the same day, the entry made first replays first.
    QTest::newRow("by createdAt") << stamped("2024-03-01", 1000, highUuid) << stamped("2024-03-01", 2000, lowUuid);
    // Made in the same millisecond: the UUID settles it, the same on every device.
    QTest::newRow("by uuid") << stamped("2024-03-01", 1000, lowUuid) << stamped("2024-03-01", 1000, highUuid);
}

void TestTransactionRules::replaysBefore()
{
    QFETCH(Transaction, first);
    QFETCH(Transaction, second);

    QVERIFY(pt::replaysBefore(first, second));
    QVERIFY(!pt::replaysBefore(second, first));
    QVERIFY(!pt::replaysBefore(first, first)); // a strict order, as std::sort needs
}

QTEST_GUILESS_MAIN(TestTransactionRules)
#include "tst_transactionrules.moc"
