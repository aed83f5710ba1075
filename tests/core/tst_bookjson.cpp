// The JSON document of a book (exchange/bookjson.h): the streaming reader, the
// round trip of a generated book and of single portfolios into empty stores
// (identical holdings and value series), imports refused or merged, restores
// that replace, and damaged or hand-edited documents that write nothing.

#include "../common/testsupport.h"
#include "richbook.h"

#include "exchange/bookdocument.h"
#include "exchange/bookjson.h"
#include "exchange/jsonreader.h"
#include "ledger/ledgerservice.h"
#include "store/assetrepository.h"
#include "store/portfoliorepository.h"
#include "store/pricerepository.h"
#include "store/storecopy.h"

#include <QBuffer>
#include <QFile>
#include <QRegularExpression>
#include <QSaveFile>

using namespace pt;
using namespace pt::exchange;
using namespace Qt::StringLiterals;

namespace {

Result<BookSummary> exportTo(const store::Database &db, const QString &path, const ExportOptions &options = {})
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error { file.errorString() };
    auto summary = exportBook(db, file, options);
    if (!summary)
        return summary;
    if (!file.commit())
        return Error { file.errorString() };
    return summary;
}

Result<ImportReport> importFrom(const store::Database &db, const QString &path, ImportMode mode = ImportMode::Add)
{
    auto document = BookDocument::read(path);
    if (!document)
        return Error { document.error() };
    if (auto checked = checkImport(db, *document, mode); !checked)
        return Error { checked.error() };
    return importBook(db, *document, mode);
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

void writeAll(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(bytes);
}

// A document without the line that says when it was written.
QByteArray withoutExportTime(QByteArray document)
{
    static const QRegularExpression line(u"\"exportedAt\":\"[^\"]*\""_s);
    return QString::fromUtf8(document).replace(line, u"\"exportedAt\":\"\""_s).toUtf8();
}

// The lines of describeHoldings() or describeValuation() that belong to the
// given portfolios (by UUID).
QStringList linesOf(const QStringList &lines, const QStringList &uuids, const QString &header)
{
    QStringList kept;
    bool keep = false;
    for (const QString &line : lines) {
        if (line.startsWith(header))
            keep = std::any_of(uuids.begin(), uuids.end(), [&](const QString &uuid) { return line.contains(uuid); });
        if (keep)
            kept << line;
    }
    return kept;
}

QString uuidOf(const Portfolio &portfolio)
{
    return portfolio.stamp.uuid.toString(QUuid::WithoutBraces);
}

} // namespace

class TestBookJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void reader_data();
    void reader();
    void readerErrors_data();
    void readerErrors();
    void roundTripOfTheWholeBook();
    void roundTripOfOnePortfolio_data();
    void roundTripOfOnePortfolio();
    void secondImportRefused();
    void catalogAssetsAreShared();
    void catalogAssetInAnotherCurrencyRefused();
    void replaceRestoresTheDocument();
    void damagedDocumentsWriteNothing_data();
    void damagedDocumentsWriteNothing();

private:
    QString path(const QString &name) const { return m_source.folder.filePath(name); }

    test::TemporaryStore m_source;
    test::RichBook m_book;
    QString m_bookFile;
    QByteArray m_tinyDocument; // a hand-made store's document, to damage
};

void TestBookJson::initTestCase()
{
    auto book = test::fillRichBook(m_source.db());
    QVERIFY2(book.ok(), qPrintable(book.ok() ? QString() : book.error()));
    m_book = *book;
    m_bookFile = path(u"book.json"_s);
    auto exported = exportTo(m_source.db(), m_bookFile);
    PT_VERIFY_OK(exported);
    QCOMPARE(exported->scope, u"book"_s);
    QCOMPARE(exported->counts.portfolios, 4); // three and the deleted one
    QCOMPARE(exported->counts.livePortfolios, 3);

    // A small book whose document the damage tests edit by hand.
    test::TemporaryStore tiny(u"tiny.sqlite"_s);
    Portfolio main;
    main.name = u"Main"_s;
    main.baseCurrency = u"EUR"_s;
    auto portfolio = store::PortfolioRepository(tiny.db()).add(main);
    PT_VERIFY_OK(portfolio);
    Asset acme;
    acme.symbol = u"ACME"_s;
    acme.name = u"Acme Corp"_s;
    acme.currency = u"EUR"_s;
    acme.dataSource = u"yahoo"_s;
    acme.sourceId = u"ACME.DE"_s;
    auto asset = store::AssetRepository(tiny.db()).add(acme);
    PT_VERIFY_OK(asset);
    const ledger::LedgerService ledger(tiny.db());
    Transaction deposit;
    deposit.portfolioId = portfolio->id;
    deposit.type = TransactionType::Deposit;
    deposit.date = QDate(2024, 1, 2);
    deposit.amount = 1000;
    deposit.currency = u"EUR"_s;
    PT_VERIFY_OK(ledger.add(deposit));
    Transaction buy;
    buy.portfolioId = portfolio->id;
    buy.type = TransactionType::Buy;
    buy.date = QDate(2024, 1, 3);
    buy.assetId = asset->id;
    buy.quantity = 10;
    buy.price = 50;
    buy.currency = u"EUR"_s;
    PT_VERIFY_OK(ledger.add(buy));
    Transaction sell = buy;
    sell.type = TransactionType::Sell;
    sell.date = QDate(2024, 1, 10);
    sell.quantity = 4;
    sell.price = 55;
    PT_VERIFY_OK(ledger.add(sell));
    std::vector<store::PriceRecord> bars;
    for (int day = 0; day < 8; ++day) {
        store::PriceRecord bar;
        bar.assetId = asset->id;
        bar.bar.date = QDate(2024, 1, 2).addDays(day);
        bar.bar.close = Decimal(50 + day);
        bars.push_back(bar);
    }
    PT_VERIFY_OK(store::PriceRepository(tiny.db()).upsertMany(bars, u"yahoo"));
    QBuffer buffer(&m_tinyDocument);
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    PT_VERIFY_OK(exportBook(tiny.db(), buffer));
}

void TestBookJson::reader_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QStringList>("tokens");

    QTest::newRow("object") << QByteArray(R"( {"a": [1, -2.5e3, "x"], "b": {}, "c": [] , "d": null} )")
                            << QStringList { u"{"_s,        u"name a"_s, u"["_s,      u"number 1"_s, u"number -2.5e3"_s,
                                             u"string x"_s, u"]"_s,      u"name b"_s, u"{"_s,        u"}"_s,
                                             u"name c"_s,   u"["_s,      u"]"_s,      u"name d"_s,   u"null"_s,
                                             u"}"_s,        u"end"_s };
    QTest::newRow("escapes") << QByteArray(R"(["a\"b\\c\/d\n\t", "\u00e4\u4e2d\ud83d\ude00", "ä"])")
                             << QStringList { u"["_s,           u"string a\"b\\c/d\n\t"_s,
                                              u"string ä中😀"_s, u"string ä"_s,
                                              u"]"_s,           u"end"_s };
    QTest::newRow("literals") << QByteArray(
        "[true,false,null,0]") << QStringList { u"["_s,        u"true"_s, u"false"_s, u"null"_s,
                                                u"number 0"_s, u"]"_s,    u"end"_s };
}

void TestBookJson::reader()
{
    QFETCH(QByteArray, json);
    QFETCH(QStringList, tokens);
    QBuffer buffer(&json);
    QVERIFY(buffer.open(QIODevice::ReadOnly));
    JsonReader reader(buffer);
    QStringList seen;
    for (;;) {
        const auto token = reader.next();
        switch (token) {
        case JsonReader::Token::BeginObject:
            seen << u"{"_s;
            break;
        case JsonReader::Token::EndObject:
            seen << u"}"_s;
            break;
        case JsonReader::Token::BeginArray:
            seen << u"["_s;
            break;
        case JsonReader::Token::EndArray:
            seen << u"]"_s;
            break;
        case JsonReader::Token::Name:
            seen << u"name "_s + reader.text();
            break;
        case JsonReader::Token::String:
            seen << u"string "_s + reader.text();
            break;
        case JsonReader::Token::Number:
            seen << u"number "_s + reader.text();
            break;
        case JsonReader::Token::True:
            seen << u"true"_s;
            break;
        case JsonReader::Token::False:
            seen << u"false"_s;
            break;
        case JsonReader::Token::Null:
            seen << u"null"_s;
            break;
        case JsonReader::Token::EndOfDocument:
            seen << u"end"_s;
            break;
        case JsonReader::Token::Invalid:
            QFAIL(qPrintable(reader.errorString()));
        }
        if (token == JsonReader::Token::EndOfDocument)
            break;
    }
    QCOMPARE(seen, tokens);
}

void TestBookJson::readerErrors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");

    QTest::newRow("empty") << QByteArray("") << u"line 1, column 1: the document ends where a value was expected"_s;
    QTest::newRow("trailing comma") << QByteArray("[1,]") << u"line 1, column 4: unexpected character ']'"_s;
    QTest::newRow("missing colon") << QByteArray("{\n  \"a\" 1}") << u"line 2, column 7: expected ':'"_s;
    QTest::newRow("unterminated") << QByteArray("[\"abc") << u"ends inside a string"_s;
    QTest::newRow("open array") << QByteArray("[1, 2") << u"ends inside an array"_s;
    QTest::newRow("leading zero") << QByteArray("[01]") << u"expected ',' or ']'"_s;
    QTest::newRow("bad escape") << QByteArray(R"(["\x"])") << u"'\\x' is not an escape"_s;
    QTest::newRow("lone surrogate") << QByteArray(R"(["\udc00"])") << u"lone low surrogate"_s;
    QTest::newRow("control") << QByteArray("[\"a\nb\"]") << u"control character"_s;
    QTest::newRow("bad utf-8") << QByteArray("[\"\xc3\x28\"]") << u"not valid UTF-8"_s;
    QTest::newRow("two documents") << QByteArray("{} {}") << u"after the end of the document"_s;
    QTest::newRow("single quotes") << QByteArray("{'a':1}") << u"expected a member name in double quotes"_s;
}

void TestBookJson::readerErrors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    QBuffer buffer(&json);
    QVERIFY(buffer.open(QIODevice::ReadOnly));
    JsonReader reader(buffer);
    JsonReader::Token token;
    int guard = 0;
    do {
        token = reader.next();
    } while (token != JsonReader::Token::Invalid && token != JsonReader::Token::EndOfDocument && ++guard < 100);
    QCOMPARE(token, JsonReader::Token::Invalid);
    QVERIFY2(reader.errorString().contains(error), qPrintable(reader.errorString()));
}

void TestBookJson::roundTripOfTheWholeBook()
{
    test::TemporaryStore target(u"imported.sqlite"_s);
    auto document = BookDocument::read(m_bookFile);
    PT_VERIFY_OK(document);
    const BookCounts &counts = document->summary().counts;
    QCOMPARE(counts.portfolios, 4);
    QVERIFY(counts.transactions > 600);
    QCOMPARE(counts.transactions, counts.liveTransactions + 1); // the deleted fee
    QVERIFY(counts.prices > 12 * 400);
    QVERIFY(counts.fxRates > 3 * 400);
    QCOMPARE(counts.corporateActions, 3);
    QCOMPARE(counts.alertRules, 5);
    PT_VERIFY_OK(checkImport(target.db(), *document, ImportMode::Add));
    auto imported = importBook(target.db(), *document, ImportMode::Add);
    PT_VERIFY_OK(imported);
    QCOMPARE(imported->written.transactions, counts.transactions);
    QCOMPARE(imported->written.prices, counts.prices);
    QCOMPARE(imported->written.fxRates, counts.fxRates);
    QCOMPARE(imported->assetsReused, 0);

    auto before = store::describeHoldings(m_source.db());
    auto after = store::describeHoldings(target.db());
    PT_VERIFY_OK(before);
    PT_VERIFY_OK(after);
    QVERIFY(before->size() > 20);
    QCOMPARE(*after, *before);
    auto seriesBefore = test::describeValuation(m_source.db(), m_book.lastDay());
    auto seriesAfter = test::describeValuation(target.db(), m_book.lastDay());
    PT_VERIFY_OK(seriesBefore);
    PT_VERIFY_OK(seriesAfter);
    QCOMPARE(*seriesAfter, *seriesBefore);

    // Everything came across: the imported store exports the same document.
    const QString again = path(u"again.json"_s);
    PT_VERIFY_OK(exportTo(target.db(), again));
    QCOMPARE(withoutExportTime(readAll(again)), withoutExportTime(readAll(m_bookFile)));
}

void TestBookJson::roundTripOfOnePortfolio_data()
{
    QTest::addColumn<int>("portfolio");
    QTest::addColumn<int>("exported");

    // The first has a transfer to the second: both come, the third stays.
    QTest::newRow("with a transfer") << 0 << 2;
    QTest::newRow("on its own") << 2 << 1;
}

void TestBookJson::roundTripOfOnePortfolio()
{
    QFETCH(int, portfolio);
    QFETCH(int, exported);
    auto portfolios = store::PortfolioRepository(m_source.db()).list();
    PT_VERIFY_OK(portfolios);
    const Portfolio &chosen = (*portfolios)[std::size_t(portfolio)];
    const QString file = path(u"portfolio-%1.json"_s.arg(portfolio));
    auto summary = exportTo(m_source.db(), file, ExportOptions { { chosen.id } });
    PT_VERIFY_OK(summary);
    QCOMPARE(summary->scope, u"portfolios"_s);
    QCOMPARE(summary->counts.portfolios, exported);

    test::TemporaryStore target(u"one.sqlite"_s);
    auto imported = importFrom(target.db(), file);
    PT_VERIFY_OK(imported);
    auto there = store::PortfolioRepository(target.db()).list();
    PT_VERIFY_OK(there);
    QCOMPARE(int(there->size()), exported);
    QStringList uuids;
    for (const Portfolio &p : *there)
        uuids << uuidOf(p);
    QVERIFY(uuids.contains(uuidOf(chosen)));

    // Only the assets its entries use, with their prices.
    auto assets = store::AssetRepository(target.db()).list();
    PT_VERIFY_OK(assets);
    auto allAssets = store::AssetRepository(m_source.db()).list();
    PT_VERIFY_OK(allAssets);
    QVERIFY(assets->size() <= allAssets->size());
    QCOMPARE(imported->written.assets, std::int64_t(assets->size()));

    auto before = store::describeHoldings(m_source.db());
    auto after = store::describeHoldings(target.db());
    PT_VERIFY_OK(before);
    PT_VERIFY_OK(after);
    QCOMPARE(*after, linesOf(*before, uuids, u"portfolio "_s));
    auto seriesBefore = test::describeValuation(m_source.db(), m_book.lastDay());
    auto seriesAfter = test::describeValuation(target.db(), m_book.lastDay());
    PT_VERIFY_OK(seriesBefore);
    PT_VERIFY_OK(seriesAfter);
    const QStringList expected = linesOf(*seriesBefore, uuids, u"series "_s);
    QVERIFY(expected.size() > 100);
    QCOMPARE(linesOf(*seriesAfter, uuids, u"series "_s), expected);
}

void TestBookJson::secondImportRefused()
{
    test::TemporaryStore target(u"twice.sqlite"_s);
    PT_VERIFY_OK(importFrom(target.db(), m_bookFile));
    auto again = importFrom(target.db(), m_bookFile);
    QVERIFY(!again.ok());
    QVERIFY2(again.error().contains(u"portfolios[0]: the store already has this portfolio"_s),
             qPrintable(again.error()));
    auto rows = store::countRows(target.db(), u"ledger_transaction"_s);
    PT_VERIFY_OK(rows);
    auto document = BookDocument::read(m_bookFile);
    PT_VERIFY_OK(document);
    QCOMPARE(*rows, document->summary().counts.transactions);

    // Refused inside the transaction too, when the check is skipped.
    auto forced = importBook(target.db(), *document, ImportMode::Add);
    QVERIFY(!forced.ok());
    QVERIFY2(forced.error().startsWith(u"nothing was imported"_s), qPrintable(forced.error()));
    rows = store::countRows(target.db(), u"ledger_transaction"_s);
    PT_VERIFY_OK(rows);
    QCOMPARE(*rows, document->summary().counts.transactions);
}

void TestBookJson::catalogAssetsAreShared()
{
    // The target already lists one of the assets (same symbol and exchange,
    // another UUID) with one bar of its own: the import uses it, keeps that bar
    // and adds the document's other bars.
    test::TemporaryStore target(u"shared.sqlite"_s);
    auto document = BookDocument::read(m_bookFile);
    PT_VERIFY_OK(document);
    Asset existing = document->assets().front();
    existing.id = 0;
    auto added = store::AssetRepository(target.db()).add(existing);
    PT_VERIFY_OK(added);
    store::PriceRecord own;
    own.assetId = added->id;
    own.bar.date = m_book.generated.firstDay;
    own.bar.close = test::dec("99999");
    PT_VERIFY_OK(store::PriceRepository(target.db()).upsertMany(std::vector { own }, u"mine"));

    auto imported = importFrom(target.db(), m_bookFile);
    PT_VERIFY_OK(imported);
    QCOMPARE(imported->assetsReused, 1);
    QCOMPARE(imported->written.assets, document->summary().counts.assets - 1);
    QVERIFY(imported->pricesKept <= 1);
    auto bars = store::PriceRepository(target.db()).list(added->id, own.bar.date, own.bar.date);
    PT_VERIFY_OK(bars);
    if (!bars->empty())
        QCOMPARE(bars->front().close, test::dec("99999"));
    auto count = store::PriceRepository(target.db()).count(added->id);
    auto sourceCount = store::PriceRepository(m_source.db()).count(document->assets().front().id);
    PT_VERIFY_OK(count);
    PT_VERIFY_OK(sourceCount);
    QVERIFY(*count >= *sourceCount);
}

void TestBookJson::catalogAssetInAnotherCurrencyRefused()
{
    test::TemporaryStore target(u"currency.sqlite"_s);
    auto document = BookDocument::read(m_bookFile);
    PT_VERIFY_OK(document);
    Asset existing = document->assets().front();
    existing.id = 0;
    existing.currency = existing.currency == u"JPY"_s ? u"EUR"_s : u"JPY"_s;
    PT_VERIFY_OK(store::AssetRepository(target.db()).add(existing));
    auto imported = importFrom(target.db(), m_bookFile);
    QVERIFY(!imported.ok());
    QVERIFY2(imported.error().contains(u"assets[0]: '%1' is in the store's catalog in"_s.arg(existing.symbol)),
             qPrintable(imported.error()));
    auto rows = store::countRows(target.db(), u"portfolio"_s);
    PT_VERIFY_OK(rows);
    QCOMPARE(*rows, 0);
}

void TestBookJson::replaceRestoresTheDocument()
{
    test::TemporaryStore target(u"replaced.sqlite"_s);
    Portfolio other;
    other.name = u"Synthetic Portfolio 1"_s; // the document's name too: no clash when replacing
    other.baseCurrency = u"EUR"_s;
    PT_VERIFY_OK(store::PortfolioRepository(target.db()).add(other));
    auto document = BookDocument::read(m_bookFile);
    PT_VERIFY_OK(document);
    QVERIFY(!checkImport(target.db(), *document, ImportMode::Add).ok());
    PT_VERIFY_OK(checkImport(target.db(), *document, ImportMode::Replace));
    PT_VERIFY_OK(importBook(target.db(), *document, ImportMode::Replace));
    const QString again = path(u"replaced.json"_s);
    PT_VERIFY_OK(exportTo(target.db(), again));
    QCOMPARE(withoutExportTime(readAll(again)), withoutExportTime(readAll(m_bookFile)));
    // Derived tables were emptied with the rest.
    auto snapshots = store::countRows(target.db(), u"valuation_snapshot"_s);
    PT_VERIFY_OK(snapshots);
    QCOMPARE(*snapshots, 0);
}

void TestBookJson::damagedDocumentsWriteNothing_data()
{
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<QString>("error");

    const QByteArray good = m_tinyDocument;
    const QList<QByteArray> lines = good.split('\n');
    // The lines of the three entries: deposit, buy, sell.
    const auto lineWith = [&](const char *text) {
        for (const QByteArray &line : lines) {
            if (line.contains(text))
                return line;
        }
        return QByteArray();
    };
    const QByteArray buy = lineWith("\"type\":\"buy\"");
    const QByteArray sell = lineWith("\"type\":\"sell\"");
    const QByteArray portfolio = lineWith("\"baseCurrency\":\"EUR\"");
    QVERIFY(!buy.isEmpty() && !sell.isEmpty() && !portfolio.isEmpty());
    const auto edited = [&](const QByteArray &line, const QByteArray &from, const QByteArray &to) {
        QByteArray changed = line;
        changed.replace(from, to);
        QByteArray document = good;
        document.replace(line, changed);
        return document;
    };
    const QString assetUuid = QString::fromUtf8(buy).section(u"\"asset\":\""_s, 1).section(u'"', 0, 0);
    QVERIFY(!assetUuid.isEmpty());

    QTest::newRow("not JSON") << QByteArray("hello") << u"not a JSON document: line 1, column 1"_s;
    QTest::newRow("cut short") << good.left(good.size() / 2) << u"line "_s;
    QTest::newRow("not a book") << QByteArray(R"({"name": "x"})") << u"does not start with \"format\""_s;
    QTest::newRow("other format") << QByteArray(good).replace("portfolio-tracker-book", "spreadsheet")
                                  << u"format: 'spreadsheet' is not a Portfolio Tracker book"_s;
    QTest::newRow("newer version") << QByteArray(good).replace("\"version\":1", "\"version\":2")
                                   << u"version: this document is of format version 2"_s;
    QTest::newRow("bad decimal") << edited(buy, "\"quantity\":\"10\"", "\"quantity\":\"abc\"")
                                 << u"transactions[1].quantity: 'abc' is not a number"_s;
    QTest::newRow("decimal as a number") << edited(buy, "\"quantity\":\"10\"", "\"quantity\":10")
                                         << u"transactions[1].quantity: 10 is a JSON number"_s;
    QTest::newRow("dangling asset")
        << edited(buy, assetUuid.toUtf8(), "0b6c4f3e-0000-4000-8000-000000000001")
        << u"transactions[1].asset: no asset with UUID 0b6c4f3e-0000-4000-8000-000000000001"_s;
    QTest::newRow("bad date") << edited(sell, "2024-01-10", "2024-02-30")
                              << u"transactions[2].date: '2024-02-30' is not a date"_s;
    QTest::newRow("unknown member") << edited(portfolio, "\"name\":", "\"colour\":\"red\",\"name\":")
                                    << u"portfolios[0].colour: unknown member"_s;
    QTest::newRow("wrong type") << edited(sell, "\"deleted\":false", "\"deleted\":\"no\"")
                                << u"transactions[2].deleted: expected true or false"_s;
    QTest::newRow("sold more than held") << edited(sell, "\"quantity\":\"4\"", "\"quantity\":\"40\"")
                                         << u"transactions: the entries do not make a consistent book"_s;
    QTest::newRow("bars out of order") << QByteArray(good).replace("\"2024-01-04\"", "\"2024-01-02\"")
                                       << u"an asset's bars are in date order"_s;
    QTest::newRow("negative price") << QByteArray(good).replace("\"53\"", "\"-53\"")
                                    << u"[4] (close): '-53' must not be negative"_s;
    const QString sellUuid = QString::fromUtf8(sell).section(u"\"uuid\":\""_s, 1).section(u'"', 0, 0);
    const QString buyUuid = QString::fromUtf8(buy).section(u"\"uuid\":\""_s, 1).section(u'"', 0, 0);
    QTest::newRow("same UUID twice") << edited(sell, sellUuid.toUtf8(), buyUuid.toUtf8())
                                     << u"transactions[2].uuid: %1 is also the UUID of transactions[1]"_s.arg(buyUuid);
}

void TestBookJson::damagedDocumentsWriteNothing()
{
    QFETCH(QByteArray, document);
    QFETCH(QString, error);
    const QString file = path(u"damaged.json"_s);
    writeAll(file, document);
    test::TemporaryStore target(u"untouched.sqlite"_s);
    auto imported = importFrom(target.db(), file);
    QVERIFY(!imported.ok());
    QVERIFY2(imported.error().contains(error), qPrintable(imported.error()));
    auto filled = store::nonEmptyTables(target.db());
    PT_VERIFY_OK(filled);
    QVERIFY2(filled->isEmpty(), qPrintable(filled->join(u", "_s)));
}

QTEST_GUILESS_MAIN(TestBookJson)
#include "tst_bookjson.moc"
