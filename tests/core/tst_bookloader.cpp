// Reading the ledger back: the SQLite fast path (straight through SQLite's
// statement) and the portable Qt SQL path must give the same records, in the
// same order, and a damaged row must be an error naming its entry on both.
#include "../common/testsupport.h"

#include "store/assetrepository.h"
#include "store/bookloader.h"
#include "store/portfoliorepository.h"
#include "store/sqlrows.h"
#include "store/transactionrepository.h"

#include <QSqlQuery>

using namespace pt;
using namespace pt::store;
using pt::test::dec;
using namespace Qt::StringLiterals;

namespace {

using ReadPath = TransactionRepository::ReadPath;

// A small book with every kind of entry and every awkward value the columns hold.
struct Book
{
    test::TemporaryStore store;
    RowId first = 0;
    RowId second = 0;
    RowId asset = 0;
    std::vector<Transaction> saved;

    Book()
    {
        saved.reserve(64); // add() hands out references into it
        Portfolio portfolio;
        portfolio.name = QStringLiteral("Main");
        portfolio.baseCurrency = QStringLiteral("EUR");
        first = PortfolioRepository(store.db()).add(portfolio)->id;
        portfolio.name = QStringLiteral("Other");
        portfolio.baseCurrency = QStringLiteral("USD");
        second = PortfolioRepository(store.db()).add(portfolio)->id;
        Asset a;
        a.symbol = QStringLiteral("ACME");
        a.name = QStringLiteral("Acme Corp.");
        a.currency = QStringLiteral("USD");
        asset = AssetRepository(store.db()).add(a)->id;
    }

    Transaction &add(TransactionType type, QDate date, const QString &currency = QStringLiteral("USD"))
    {
        Transaction t;
        t.portfolioId = first;
        t.type = type;
        t.date = date;
        t.currency = currency;
        saved.push_back(t);
        return saved.back();
    }

    void save()
    {
        PT_VERIFY_OK(TransactionRepository(store.db()).insertMany(saved));
    }
};

// Every field, so a path that drops or mangles one cannot pass.
void compareEntries(const Transaction &a, const Transaction &b)
{
    const QString which = uuidText(a.stamp.uuid);
    QCOMPARE(a.id, b.id);
    QCOMPARE(a.stamp.uuid, b.stamp.uuid);
    QCOMPARE(a.stamp.createdAt, b.stamp.createdAt);
    QCOMPARE(a.stamp.updatedAt, b.stamp.updatedAt);
    QCOMPARE(a.stamp.deleted, b.stamp.deleted);
    QCOMPARE(a.portfolioId, b.portfolioId);
    QCOMPARE(a.type, b.type);
    QCOMPARE(a.date, b.date);
    QCOMPARE(a.assetId, b.assetId);
    QCOMPARE(a.counterpartyPortfolioId, b.counterpartyPortfolioId);
    const std::pair<Decimal, Decimal> decimals[] = {{a.quantity, b.quantity}, {a.price, b.price},
                                                    {a.amount, b.amount},     {a.fee, b.fee},
                                                    {a.splitNumerator, b.splitNumerator},
                                                    {a.splitDenominator, b.splitDenominator}};
    for (const auto &[left, right] : decimals) {
        QVERIFY2(left.isValid() && left == right,
                 qPrintable(QStringLiteral("%1: %2 != %3").arg(which, left.toString(), right.toString())));
    }
    QCOMPARE(a.currency, b.currency);
    QCOMPARE(a.note, b.note);
}

void compareLists(const std::vector<Transaction> &a, const std::vector<Transaction> &b)
{
    QCOMPARE(a.size(), b.size());
    for (size_t i = 0; i < a.size(); ++i) {
        compareEntries(a[i], b[i]);
        if (QTest::currentTestFailed())
            return;
    }
}

// The order the store promises, as SQLite itself sorts it.
QList<QUuid> uuidsInSqlOrder(const Database &db, const QString &where)
{
    QList<QUuid> uuids;
    QSqlQuery query(db.connection());
    if (!query.exec(QStringLiteral("SELECT uuid FROM ledger_transaction %1 ORDER BY trade_date, created_at, uuid")
                        .arg(where)))
        return uuids;
    while (query.next())
        uuids.append(QUuid::fromString(query.value(0).toString()));
    return uuids;
}

QList<QUuid> uuidsOf(const std::vector<Transaction> &entries)
{
    QList<QUuid> uuids;
    for (const Transaction &t : entries)
        uuids.append(t.stamp.uuid);
    return uuids;
}

Result<void> rawUpdate(const Database &db, const QString &column, const QVariant &value, RowId id)
{
    QSqlQuery query(db.connection());
    query.prepare(QStringLiteral("UPDATE ledger_transaction SET %1 = ? WHERE id = ?").arg(column));
    query.addBindValue(value);
    query.addBindValue(qlonglong(id));
    return execute(query, QStringLiteral("Damaging the store on purpose"));
}

} // namespace

class TestBookLoader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bothPathsReadAlike()
    {
        Book book;
        const QDate day(2024, 3, 15);
        // Entered out of date order, as people do.
        book.add(TransactionType::Deposit, day.addDays(5), QStringLiteral("EUR")).amount =
            dec("123456789012345678901234.5");
        book.add(TransactionType::Deposit, day, QStringLiteral("USD")).amount = dec("10000");
        Transaction &buy = book.add(TransactionType::Buy, day.addDays(1));
        buy.assetId = book.asset;
        buy.quantity = dec("0.000000000001");
        buy.price = dec("170.123456789012");
        buy.fee = dec("1.5");
        buy.note = QStringLiteral("Café — 日本語 🚀 \"quoted\" 'single'\nsecond line");
        Transaction &sell = book.add(TransactionType::Sell, day.addDays(3));
        sell.assetId = book.asset;
        sell.quantity = dec("-0.5"); // nonsense for the ledger, but the store keeps what it is given
        sell.price = dec("99999999999999.999999999999");
        sell.fee = dec("-0.01");
        for (const TransactionType type : {TransactionType::Dividend, TransactionType::Interest}) {
            Transaction &income = book.add(type, day.addDays(2));
            income.assetId = book.asset;
            income.amount = dec("12.34");
            income.fee = dec("0.000000000009");
        }
        book.add(TransactionType::Fee, day.addDays(2), QStringLiteral("GBP")).amount = dec("2.5");
        book.add(TransactionType::Tax, day.addDays(2), QStringLiteral("CHF")).amount = dec("-3.75");
        Transaction &split = book.add(TransactionType::Split, day.addDays(4));
        split.assetId = book.asset;
        split.splitNumerator = dec("3");
        split.splitDenominator = dec("2");
        book.add(TransactionType::Withdrawal, day.addDays(6), QStringLiteral("EUR")).amount = dec("100.01");
        Transaction &transfer = book.add(TransactionType::Transfer, day.addDays(7));
        transfer.assetId = book.asset;
        transfer.counterpartyPortfolioId = book.second;
        transfer.quantity = dec("0.25");
        Transaction &cashTransfer = book.add(TransactionType::Transfer, day.addDays(7), QStringLiteral("EUR"));
        cashTransfer.counterpartyPortfolioId = book.second;
        cashTransfer.amount = dec("50");
        Transaction &theirs = book.add(TransactionType::Deposit, day.addDays(1), QStringLiteral("JPY"));
        theirs.portfolioId = book.second;
        theirs.amount = dec("1000000");
        // Entries made elsewhere at the same millisecond: only the UUID orders them.
        for (int i = 0; i < 6; ++i) {
            Transaction &tie = book.add(TransactionType::Deposit, day.addDays(8), QStringLiteral("EUR"));
            tie.amount = Decimal(i + 1);
            tie.stamp.uuid = QUuid::createUuid();
            tie.stamp.createdAt = 1'700'000'000'000;
            tie.stamp.updatedAt = tie.stamp.createdAt;
        }
        book.save();
        if (QTest::currentTestFailed())
            return;

        // The fast path is taken only on SQLite's own handle: make sure there is
        // one (on PostgreSQL there is none, and both read through Qt SQL).
        QCOMPARE(rawSqliteHandle(book.store.db().connection()) != nullptr, !test::testingPostgres());
        const TransactionRepository fast(book.store.db());
        const TransactionRepository portable(book.store.db(), ReadPath::QtSql);
        PT_VERIFY_OK(fast.markDeleted(book.saved[1].id));
        PT_VERIFY_OK(fast.markDeleted(book.saved[7].id));

        for (const RowId portfolio : {RowId(0), book.first, book.second}) {
            const auto a = fast.list(portfolio);
            const auto b = portable.list(portfolio);
            PT_VERIFY_OK(a);
            PT_VERIFY_OK(b);
            compareLists(*a, *b);
            if (QTest::currentTestFailed())
                return;
            const QString where = portfolio == 0
                                      ? QStringLiteral("WHERE deleted = 0")
                                      : QStringLiteral("WHERE deleted = 0 AND (portfolio_id = %1 OR "
                                                       "counterparty_portfolio_id = %1)")
                                            .arg(portfolio);
            QCOMPARE(uuidsOf(*a), uuidsInSqlOrder(book.store.db(), where));
        }
        const auto all = fast.list();
        QCOMPARE(all->size(), book.saved.size() - 2); // the deleted ones are gone
        QCOMPARE(portable.list(book.second)->size(), size_t(3)); // its own deposit and both transfers in

        // What was written is what is read, deleted entries included.
        for (const Transaction &t : book.saved) {
            const auto a = fast.find(t.id);
            const auto b = portable.find(t.id);
            PT_VERIFY_OK(a);
            PT_VERIFY_OK(b);
            compareEntries(*a, *b);
            if (QTest::currentTestFailed())
                return;
            Transaction expected = t;
            expected.stamp.deleted = a->stamp.deleted;
            expected.stamp.updatedAt = a->stamp.updatedAt;
            compareEntries(*a, expected);
            if (QTest::currentTestFailed())
                return;
        }
        QVERIFY(fast.find(book.saved[1].id)->stamp.deleted);
        QCOMPARE(fast.find(book.saved[2].id)->note, book.saved[2].note);
        QVERIFY(fast.find(book.saved[0].id)->note.isEmpty());

        const auto whole = loadWholeBook(book.store.db());
        PT_VERIFY_OK(whole);
        compareLists(whole->transactions, *portable.list());
    }

    void damagedRowsAreErrorsNamingTheEntry_data()
    {
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("text");
        QTest::newRow("no such day") << u"trade_date"_s << u"2024-02-30"_s;
        QTest::newRow("month 13") << u"trade_date"_s << u"2024-13-01"_s;
        QTest::newRow("year 0") << u"trade_date"_s << u"0000-01-01"_s;
        QTest::newRow("short month") << u"trade_date"_s << u"2024-1-05"_s;
        QTest::newRow("slashes") << u"trade_date"_s << u"2024/01/05"_s;
        QTest::newRow("trailing text") << u"trade_date"_s << u"2024-01-05T00:00"_s;
        QTest::newRow("no separators") << u"trade_date"_s << u"20240105"_s;
        QTest::newRow("a word") << u"trade_date"_s << u"yesterday"_s;
        QTest::newRow("empty date") << u"trade_date"_s << QString();
        QTest::newRow("two points") << u"quantity"_s << u"1.2.3"_s;
        QTest::newRow("exponent") << u"price"_s << u"1e5"_s;
        QTest::newRow("letters") << u"amount"_s << u"abc"_s;
        QTest::newRow("empty decimal") << u"fee"_s << QString();
        QTest::newRow("thirteen decimals") << u"split_numerator"_s << u"0.1234567890123"_s;
        QTest::newRow("too large") << u"split_denominator"_s << u"1000000000000000000000000000"_s;
        QTest::newRow("non-ASCII digits") << u"amount"_s << u"\uFF11\uFF12"_s;
        QTest::newRow("very long") << u"amount"_s << QString(80, u'9');
        QTest::newRow("not a UUID") << u"uuid"_s << u"not-a-uuid"_s;
        QTest::newRow("unknown type") << u"type"_s << u"gift"_s;
    }
    void damagedRowsAreErrorsNamingTheEntry()
    {
        QFETCH(QString, column);
        QFETCH(QString, text);
        // PostgreSQL's DATE and NUMERIC columns and its CHECK constraints refuse
        // such values: only a UUID column (TEXT) can hold garbage there.
        if (test::testingPostgres() && column != u"uuid")
            QSKIP("SQLite only: PostgreSQL's column types refuse this damage");
        Book book;
        book.add(TransactionType::Deposit, QDate(2024, 1, 2)).amount = dec("10");
        book.add(TransactionType::Deposit, QDate(2024, 1, 3)).amount = dec("20");
        book.save();
        if (QTest::currentTestFailed())
            return;
        const Transaction &victim = book.saved[1];
        if (!test::testingPostgres()) {
            // The type's CHECK constraint would refuse a bad type: bypass it as a damaged file would.
            QSqlQuery pragma(book.store.db().connection());
            QVERIFY(pragma.exec(QStringLiteral("PRAGMA ignore_check_constraints = ON")));
        }
        PT_VERIFY_OK(rawUpdate(book.store.db(), column, text.isNull() ? QVariant(QStringLiteral("")) : QVariant(text),
                               victim.id));
        const QString name = column == u"uuid" ? QStringLiteral("with id %1").arg(victim.id) : uuidText(victim.stamp.uuid);

        for (const ReadPath path : {ReadPath::Fastest, ReadPath::QtSql}) {
            const TransactionRepository repository(book.store.db(), path);
            const auto listed = repository.list();
            QVERIFY(!listed);
            QVERIFY2(listed.error().contains(name), qPrintable(listed.error()));
            QVERIFY2(listed.error().contains(QStringLiteral("damaged")), qPrintable(listed.error()));
            if (!text.isEmpty())
                QVERIFY2(listed.error().contains(text), qPrintable(listed.error()));
            QVERIFY(!repository.find(victim.id));
            PT_VERIFY_OK(repository.find(book.saved[0].id)); // the healthy entry still reads
        }
        const auto whole = loadWholeBook(book.store.db());
        QVERIFY(!whole);
        QVERIFY2(whole.error().contains(name), qPrintable(whole.error()));
    }

    void isoDatesAreStrict_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QDate>("expected");
        QTest::newRow("ordinary") << u"2024-03-15"_s << QDate(2024, 3, 15);
        QTest::newRow("leap day") << u"2024-02-29"_s << QDate(2024, 2, 29);
        QTest::newRow("first year") << u"0001-01-01"_s << QDate(1, 1, 1);
        QTest::newRow("last year") << u"9999-12-31"_s << QDate(9999, 12, 31);
        QTest::newRow("no leap day") << u"2023-02-29"_s << QDate();
        QTest::newRow("day 0") << u"2024-03-00"_s << QDate();
        QTest::newRow("year 0") << u"0000-03-01"_s << QDate();
        QTest::newRow("dots") << u"2024.03.15"_s << QDate();
        QTest::newRow("leading space") << u" 2024-03-15"_s << QDate();
        QTest::newRow("time") << u"2024-03-15T10:00:00"_s << QDate();
        QTest::newRow("sign") << u"+024-03-15"_s << QDate();
        QTest::newRow("Arabic digits") << u"\u0662\u0660\u0662\u0664-03-15"_s << QDate();
        QTest::newRow("empty") << QString() << QDate();
    }
    void isoDatesAreStrict()
    {
        QFETCH(QString, text);
        QFETCH(QDate, expected);
        QCOMPARE(isoDateFrom(QStringView(text)), expected);
        const QByteArray utf8 = text.toUtf8();
        QCOMPARE(isoDateFrom(QByteArrayView(utf8)), expected);
        if (expected.isValid()) // what the writers store reads back
            QCOMPARE(isoDateFrom(sqlValue(expected).toString()), expected);
    }

    void utf8DecimalsReadLikeQVariantOnes_data()
    {
        QTest::addColumn<QString>("text");
        for (const char *text : {"0", "-0", "1", "-1.5", "0.000000000001", "170141183460469.231731687303",
                                 "123456789012345678901234.5", "-123456789012345678901234.5", " 7 ", "+3", ".5",
                                 "5.", "1.0000000000000", "1,5", "", "-", "abc", "1e5"})
            QTest::newRow(*text ? text : "empty") << QString::fromLatin1(text);
        QTest::newRow("long zeros") << QStringLiteral("0000000000000000000000000000000000000000000000000001.25");
        QTest::newRow("fullwidth") << QStringLiteral("\uFF11");
    }
    void utf8DecimalsReadLikeQVariantOnes()
    {
        QFETCH(QString, text);
        const Decimal expected = decimalFrom(QVariant(text));
        const QByteArray utf8 = text.toUtf8();
        const Decimal actual = decimalFromUtf8(QByteArrayView(utf8));
        QCOMPARE(actual.isValid(), expected.isValid());
        QVERIFY(actual == expected);
    }
};

QTEST_GUILESS_MAIN(TestBookLoader)
#include "tst_bookloader.moc"
