// Tests of the transaction import (C8): number and date formats, presets and
// mappings, the preview's row-level issues, encodings, re-import detection and
// the all-or-nothing commit with its one replay of the book, over real SQLite
// files and the files in tests/data/import.

#include "../common/testsupport.h"

#include "io/dateformat.h"
#include "io/importcommit.h"
#include "io/importpresets.h"
#include "io/numberformat.h"
#include "domain/transactionrules.h"
#include "io/transactionimport.h"
#include "ledger/ledgerservice.h"
#include "store/assetrepository.h"
#include "store/jobrepository.h"
#include "store/portfoliorepository.h"
#include "store/transactionrepository.h"

#include <QBuffer>
#include <QFile>

using namespace pt;
using namespace pt::io;
using pt::test::dec;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(pt::io::NumberFormat)

namespace {

QString dataFile(const QString &name)
{
    return qEnvironmentVariable("PT_SOURCE_DIR") + QStringLiteral("/tests/data/import/") + name;
}

ImportMapping preset(const char *key)
{
    const ImportPreset *found = findImportPreset(QString::fromLatin1(key));
    if (!found)
        qFatal("no preset %s", key);
    return found->mapping;
}

} // namespace

class TestTransactionImport : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TemporaryStore> m_store;
    Portfolio m_main;      // EUR
    Portfolio m_brokerage; // USD
    Asset m_acme;
    Asset m_vti;
    Asset m_mueller;
    Asset m_bmw;

    const store::Database &db() const { return m_store->db(); }

    Asset addAsset(const char *symbol, const QString &name, const char *currency, const char *sourceId = "")
    {
        Asset asset;
        asset.symbol = QString::fromLatin1(symbol);
        asset.name = name;
        asset.currency = QString::fromLatin1(currency);
        asset.sourceId = QString::fromLatin1(sourceId);
        auto added = store::AssetRepository(db()).add(asset);
        if (!added)
            qFatal("%s", qPrintable(added.error()));
        return *added;
    }

    ImportPreview previewBytes(const QByteArray &bytes, const ImportMapping &mapping, RowId portfolioId = 0,
                               ImportPreviewOptions options = {})
    {
        auto target = ImportTarget::load(db(), portfolioId ? portfolioId : m_main.id);
        if (!target)
            qFatal("%s", qPrintable(target.error()));
        QBuffer buffer;
        buffer.setData(bytes);
        buffer.open(QIODevice::ReadOnly);
        options.keepTransactions = true;
        return previewImport(buffer, mapping, *target, options);
    }

    ImportPreview previewFile(const QString &name, const ImportMapping &mapping, RowId portfolioId = 0)
    {
        QFile file(dataFile(name));
        if (!file.open(QIODevice::ReadOnly))
            qFatal("cannot read %s", qPrintable(file.fileName()));
        return previewBytes(file.readAll(), mapping, portfolioId);
    }

    Result<ImportOutcome> commit(const ImportPreview &preview, RowId portfolioId = 0, bool dryRun = false)
    {
        return commitImport(db(), portfolioId ? portfolioId : m_main.id, preview.transactions,
                            preview.transactionRows, dryRun);
    }

    std::vector<Transaction> stored(RowId portfolioId = 0) const
    {
        return *store::TransactionRepository(db()).list(portfolioId);
    }

private Q_SLOTS:
    void init()
    {
        m_store = std::make_unique<test::TemporaryStore>();
        Portfolio main;
        main.name = QStringLiteral("Main");
        m_main = *store::PortfolioRepository(db()).add(main);
        Portfolio brokerage;
        brokerage.name = QStringLiteral("Brokerage");
        brokerage.baseCurrency = QStringLiteral("USD");
        m_brokerage = *store::PortfolioRepository(db()).add(brokerage);
        m_acme = addAsset("ACME", QStringLiteral("Acme Corp"), "EUR");
        m_vti = addAsset("VTI", QStringLiteral("Vanguard Total Stock Market ETF"), "USD");
        m_mueller = addAsset("MUE", QStringLiteral("Müller AG"), "EUR");
        m_bmw = addAsset("BMW.DE", QStringLiteral("Bayerische Motoren Werke AG"), "EUR", "DE0005190003");
    }

    void parsesNumbers_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<NumberFormat>("format");
        QTest::addColumn<QString>("expected"); // empty: not a number

        const NumberFormat us{u'.', u','};
        const NumberFormat de{u',', u'.'};
        const NumberFormat plain{u'.', QChar()};
        const NumberFormat swiss{u'.', u'\''};
        const NumberFormat french{u',', u' '};
        QTest::newRow("us grouped") << "1,234.56" << us << "1234.56";
        QTest::newRow("de grouped") << "1.234,56" << de << "1234.56";
        QTest::newRow("de millions") << "12.345.678,9" << de << "12345678.9";
        QTest::newRow("de no grouping") << "1234,5" << de << "1234.5";
        QTest::newRow("de integer grouped") << "1.234" << de << "1234";
        QTest::newRow("plain") << "-0.000000000001" << plain << "-0.000000000001";
        QTest::newRow("dollar sign") << "-$1,234.56" << us << "-1234.56";
        QTest::newRow("euro after") << "12,50 €" << de << "12.5";
        QTest::newRow("trailing minus") << "1.234,56-" << de << "-1234.56";
        QTest::newRow("parentheses") << "(1,234.56)" << us << "-1234.56";
        QTest::newRow("plus") << "+3" << us << "3";
        QTest::newRow("spaces") << "  7.5 " << us << "7.5";
        QTest::newRow("leading point") << ".5" << us << "0.5";
        QTest::newRow("swiss") << "1'234.5" << swiss << "1234.5";
        QTest::newRow("no-break space grouping") << QStringLiteral("1\u00A0234,5") << french << "1234.5";
        QTest::newRow("letter") << "12,5x" << de << "";
        QTest::newRow("us comma decimal") << "1,5" << us << "";
        QTest::newRow("de point decimal") << "1.5" << de << "";
        QTest::newRow("bad grouping") << "12,34.5" << us << "";
        QTest::newRow("grouping after point") << "1.234,567.8" << us << "";
        QTest::newRow("two points") << "1.2.3" << plain << "";
        QTest::newRow("two signs") << "--1" << plain << "";
        QTest::newRow("exponent") << "1e5" << plain << "";
        QTest::newRow("thirteen decimals") << "0.0000000000001" << plain << "";
        QTest::newRow("too large") << "1000000000000000000000000000" << plain << "";
        QTest::newRow("empty") << "" << plain << "";
        QTest::newRow("sign only") << "-" << plain << "";
        QTest::newRow("point only") << "." << plain << "";
    }

    void parsesNumbers()
    {
        QFETCH(QString, text);
        QFETCH(NumberFormat, format);
        QFETCH(QString, expected);
        const auto parsed = parseNumber(text, format);
        if (expected.isEmpty()) {
            QVERIFY2(!parsed, qPrintable(parsed ? parsed->toString() : QString()));
            return;
        }
        QVERIFY(parsed);
        QCOMPARE(parsed->toString(), expected);
    }

    void parsesDates_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QDate>("expected"); // invalid: refused
        QTest::addColumn<bool>("wellFormed");

        QTest::newRow("iso") << "yyyy-MM-dd" << "2024-01-05" << QDate(2024, 1, 5) << true;
        QTest::newRow("german") << "dd.MM.yyyy" << "05.01.2024" << QDate(2024, 1, 5) << true;
        QTest::newRow("german short") << "dd.MM.yyyy" << "5.1.2024" << QDate(2024, 1, 5) << true;
        QTest::newRow("us") << "MM/dd/yyyy" << "01/05/2024" << QDate(2024, 1, 5) << true;
        QTest::newRow("us short") << "MM/dd/yyyy" << "1/5/2024" << QDate(2024, 1, 5) << true;
        QTest::newRow("two-digit year") << "dd.MM.yy" << "05.01.24" << QDate(2024, 1, 5) << true;
        QTest::newRow("last century") << "dd.MM.yy" << "05.01.98" << QDate(1998, 1, 5) << true;
        QTest::newRow("packed") << "yyyyMMdd" << "20240105" << QDate(2024, 1, 5) << true;
        QTest::newRow("with time") << "yyyy-MM-dd" << "2024-01-05 14:30:00" << QDate(2024, 1, 5) << true;
        QTest::newRow("iso date-time") << "yyyy-MM-dd" << "2024-01-05T14:30" << QDate(2024, 1, 5) << true;
        QTest::newRow("30 February") << "yyyy-MM-dd" << "2023-02-30" << QDate() << true;
        QTest::newRow("29 February") << "yyyy-MM-dd" << "2024-02-29" << QDate(2024, 2, 29) << true;
        QTest::newRow("month 13") << "dd.MM.yyyy" << "01.13.2024" << QDate() << true;
        QTest::newRow("wrong separator") << "dd.MM.yyyy" << "05/01/2024" << QDate() << false;
        QTest::newRow("us date in iso") << "yyyy-MM-dd" << "01/05/2024" << QDate() << false;
        QTest::newRow("trailing text") << "yyyy-MM-dd" << "2024-01-05x" << QDate() << false;
        QTest::newRow("three-digit day") << "dd.MM.yyyy" << "005.01.2024" << QDate() << false;
        QTest::newRow("short year") << "yyyy-MM-dd" << "24-01-05" << QDate() << false;
    }

    void parsesDates()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, text);
        QFETCH(QDate, expected);
        QFETCH(bool, wellFormed);
        auto format = DateFormat::compile(pattern);
        PT_VERIFY_OK(format);
        bool shaped = false;
        QCOMPARE(format->parse(text, &shaped), expected);
        QCOMPARE(shaped, wellFormed);
    }

    void refusesBadDatePatterns()
    {
        QVERIFY(!DateFormat::compile(QStringLiteral("dd.MM")));
        QVERIFY(!DateFormat::compile(QStringLiteral("yyy-MM-dd")));
        QVERIFY(!DateFormat::compile(QStringLiteral("dd MMM yyyy")));
        QVERIFY(!DateFormat::compile(QStringLiteral("yyyy-MM-dd-dd")));
        for (const QString &pattern : DateFormat::commonPatterns())
            PT_VERIFY_OK(DateFormat::compile(pattern));
    }

    void typeWordsIgnoreCaseAndSpaces()
    {
        const ImportMapping us = preset("us-broker");
        QCOMPARE(us.typeWords.find(u"reinvest   SHARES"), TransactionType::Buy);
        QCOMPARE(us.typeWords.find(u" Reinvest Dividend "), TransactionType::Dividend);
        QCOMPARE(us.typeWords.find(u"sell"), TransactionType::Sell); // our own keys always work
        QVERIFY(!us.typeWords.find(u"Journal"));
        const ImportMapping de = preset("de-broker");
        QCOMPARE(de.typeWords.find(u"VERKAUF"), TransactionType::Sell);
        QCOMPARE(de.typeWords.find(u"Ausschüttung"), TransactionType::Dividend);
        TypeWords words;
        words.add(QStringLiteral("Kauf"), TransactionType::Buy);
        words.add(QStringLiteral("kauf"), TransactionType::Sell); // changes the meaning, keeps one entry
        QCOMPARE(words.find(u"KAUF"), TransactionType::Sell);
        QCOMPARE(words.words().size(), std::size_t(1));
    }

    void everyPresetIsUsable()
    {
        QCOMPARE(importPresetKeys(), (QStringList{u"generic"_s, u"de-broker"_s, u"us-broker"_s}));
        for (const ImportPreset &p : importPresets()) {
            PT_VERIFY_OK(p.mapping.check());
            QVERIFY(!p.mapping.names(ImportField::Date).isEmpty());
            QVERIFY(!p.mapping.names(ImportField::Type).isEmpty());
        }
        QVERIFY(!findImportPreset(u"nope"));
    }

    void importsTheGenericLayout()
    {
        const ImportPreview preview = previewFile(QStringLiteral("generic.csv"), preset("generic"));
        QVERIFY2(preview.ok(), qPrintable(preview.issueLines().join(u'\n')));
        QCOMPARE(preview.rows, 8);
        QCOMPARE(preview.newRows, 8);
        QCOMPARE(preview.alreadyPresent, 0);
        QCOMPARE(preview.delimiter, QChar(u','));
        QCOMPARE(preview.notices, QStringList{u"columns not read: Portfolio, To portfolio"_s});
        QCOMPARE(preview.transactionRows, (std::vector<qint64>{2, 3, 4, 5, 6, 7, 8, 9}));
        const std::vector<Transaction> &t = preview.transactions;
        QCOMPARE(t[0].type, TransactionType::Deposit);
        QCOMPARE(t[0].amount, dec("10000"));
        QCOMPARE(t[0].currency, u"EUR"_s);
        QCOMPARE(t[0].assetId, 0);
        QCOMPARE(t[1].type, TransactionType::Buy);
        QCOMPARE(t[1].assetId, m_acme.id);
        QCOMPARE(t[1].quantity, dec("10"));
        QCOMPARE(t[1].price, dec("50.25"));
        QCOMPARE(t[1].fee, dec("1.5"));
        QCOMPARE(t[2].currency, u"USD"_s);
        QCOMPARE(t[3].type, TransactionType::Dividend);
        QCOMPARE(t[3].amount, dec("12.34"));
        QCOMPARE(t[3].note, u"Q1, paid \"net\""_s);
        QCOMPARE(t[4].note, u"sold part\nof the position"_s); // a quoted line break is data
        QCOMPARE(t[5].type, TransactionType::Split);
        QCOMPARE(t[5].splitNumerator, dec("2"));
        QCOMPARE(t[5].splitDenominator, dec("1"));
        QCOMPARE(t[7].type, TransactionType::Fee);
        QCOMPARE(t[7].amount, dec("5"));

        auto outcome = commit(preview);
        PT_VERIFY_OK(outcome);
        QCOMPARE(outcome->added, 8);
        QCOMPARE(stored(m_main.id).size(), std::size_t(8));
        auto books = ledger::LedgerService(db()).books(m_main.id);
        PT_VERIFY_OK(books);
        QCOMPARE(books->front().positions.at(m_acme.id).quantity, dec("6"));
        QCOMPARE(books->front().positions.at(m_vti.id).quantity, dec("10"));
    }

    // The same file in every encoding a spreadsheet or a bank writes gives the same entries.
    void readsEveryEncoding_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<TextEncoding>("encoding");
        QTest::newRow("utf-8") << "generic.csv" << TextEncoding::Utf8;
        QTest::newRow("utf-8 bom") << "generic-utf8-bom.csv" << TextEncoding::Utf8Bom;
        QTest::newRow("utf-16le") << "generic-utf16le.csv" << TextEncoding::Utf16LE;
        QTest::newRow("utf-16be") << "generic-utf16be.csv" << TextEncoding::Utf16BE;
    }

    void readsEveryEncoding()
    {
        QFETCH(QString, file);
        QFETCH(TextEncoding, encoding);
        const ImportPreview reference = previewFile(QStringLiteral("generic.csv"), preset("generic"));
        const ImportPreview preview = previewFile(file, preset("generic"));
        QVERIFY2(preview.ok(), qPrintable(preview.issueLines().join(u'\n')));
        QCOMPARE(preview.encoding, encoding);
        QCOMPARE(preview.header.first(), u"Date"_s); // no BOM left in the first name
        QCOMPARE(preview.transactions.size(), reference.transactions.size());
        for (std::size_t i = 0; i < preview.transactions.size(); ++i) {
            QCOMPARE(fingerprint(preview.transactions[i]), fingerprint(reference.transactions[i]));
            QCOMPARE(preview.transactions[i].note, reference.transactions[i].note);
        }
    }

    void importsTheGermanBrokerLayoutInWindows1252()
    {
        const ImportPreview preview = previewFile(QStringLiteral("de-broker-latin1.csv"), preset("de-broker"));
        QVERIFY2(preview.ok(), qPrintable(preview.issueLines().join(u'\n')));
        QCOMPARE(preview.encoding, TextEncoding::Windows1252);
        QCOMPARE(preview.delimiter, QChar(u';'));
        QCOMPARE(preview.header.at(4), u"Stück"_s);
        QCOMPARE(preview.rows, 6);
        const std::vector<Transaction> &t = preview.transactions;
        QCOMPARE(t[0].type, TransactionType::Deposit);
        QCOMPARE(t[0].amount, dec("20000"));
        QCOMPARE(t[0].note, u"Überweisung vom Girokonto"_s);
        QCOMPARE(t[1].assetId, m_mueller.id); // by name: "Müller AG" read from Windows-1252
        QCOMPARE(t[1].price, dec("1234.56"));
        QCOMPARE(t[1].fee, dec("4.95"));
        QCOMPARE(t[2].assetId, m_bmw.id); // by ISIN, the asset's source id
        QCOMPARE(t[2].note, u"Limit 98,50; Xetra"_s);
        QCOMPARE(t[3].type, TransactionType::Dividend);
        QCOMPARE(t[3].amount, dec("25"));
        QCOMPARE(t[3].fee, dec("6.59"));
        QCOMPARE(t[4].type, TransactionType::Sell);
        QCOMPARE(t[5].type, TransactionType::Fee); // "Depotgebühr" with the value in the fee column
        QCOMPARE(t[5].amount, dec("2.5"));
        QCOMPARE(t[5].fee, Decimal());
        PT_VERIFY_OK(commit(preview));
    }

    void importsTheUsBrokerLayoutNewestFirst()
    {
        const ImportPreview preview =
            previewFile(QStringLiteral("us-broker.csv"), preset("us-broker"), m_brokerage.id);
        QVERIFY2(preview.ok(), qPrintable(preview.issueLines().join(u'\n')));
        QCOMPARE(preview.rows, 6);
        const std::vector<Transaction> &t = preview.transactions;
        QCOMPARE(t[0].type, TransactionType::Dividend);
        QCOMPARE(t[0].amount, dec("25.12"));
        QCOMPARE(t[0].currency, u"USD"_s); // the asset's: the layout has no currency column
        QCOMPARE(t[3].type, TransactionType::Buy); // Reinvest Shares
        QCOMPARE(t[3].quantity, dec("0.1234"));
        QCOMPARE(t[4].quantity, dec("1000"));
        QCOMPARE(t[4].fee, dec("1"));
        QCOMPARE(t[5].type, TransactionType::Deposit);
        QCOMPARE(t[5].amount, dec("250000"));
        QCOMPARE(t[5].currency, u"USD"_s); // the portfolio's base currency
        auto outcome = commit(preview, m_brokerage.id);
        PT_VERIFY_OK(outcome);
        QCOMPARE(outcome->added, 6);
    }

    // A file listed newest first books its same-day rows oldest first: the
    // buy below the sell in the file happened before it.
    void newestFirstFilesReplaySameDayRowsBottomUp()
    {
        const QByteArray file = "Date,Action,Symbol,Quantity,Price\n"
                                "03/02/2024,Sell,VTI,3,110\n"
                                "03/01/2024,Sell,VTI,2,105\n"
                                "03/01/2024,Buy,VTI,2,100\n"
                                "02/01/2024,Buy,VTI,3,100\n";
        const ImportPreview preview = previewBytes(file, preset("us-broker"), m_brokerage.id);
        QVERIFY2(preview.ok(), qPrintable(preview.issueLines().join(u'\n')));
        PT_VERIFY_OK(commit(preview, m_brokerage.id));
        const auto entries = stored(m_brokerage.id);
        QCOMPARE(entries.size(), std::size_t(4));
        QCOMPARE(entries[1].type, TransactionType::Buy);
        QCOMPARE(entries[2].type, TransactionType::Sell);
    }

    void reportsBadNumbersWithRowAndColumn()
    {
        const ImportPreview preview = previewFile(QStringLiteral("bad-numbers.csv"), preset("generic"));
        QVERIFY(!preview.ok());
        QCOMPARE(preview.rows, 3);
        QCOMPARE(preview.rowsWithIssues, 2);
        QCOMPARE(preview.issueCount, 2);
        QCOMPARE(preview.issues[0].row, 3);
        QCOMPARE(preview.issues[0].column, u"Quantity"_s);
        QCOMPARE(preview.issues[0].text(),
                 u"row 3, column Quantity: '12,5x' is not a number (expected a number like 1234.56)"_s);
        QCOMPARE(preview.issues[1].text(),
                 u"row 4, column Price: 'fifty' is not a number (expected a number like 1234.56)"_s);
        QCOMPARE(preview.issueLines(1),
                 (QStringList{preview.issues[0].text(), u"... and 1 more"_s}));
        QCOMPARE(preview.newRows, 1); // the good row is still counted
    }

    void reportsImpossibleDates()
    {
        const ImportPreview preview = previewFile(QStringLiteral("impossible-date.csv"), preset("generic"));
        QCOMPARE(preview.issueCount, 1);
        QCOMPARE(preview.issues[0].text(), u"row 3, column Date: '2023-02-30' is not a real day"_s);
        ImportMapping german = preset("generic");
        german.dateFormat = QStringLiteral("dd.MM.yyyy");
        const ImportPreview wrongFormat = previewFile(QStringLiteral("impossible-date.csv"), german);
        QCOMPARE(wrongFormat.issues[0].text(),
                 u"row 2, column Date: '2024-01-03' is not a date in the format dd.MM.yyyy"_s);
    }

    void namesMissingRequiredColumns()
    {
        const ImportPreview preview = previewFile(QStringLiteral("missing-columns.csv"), preset("generic"));
        QVERIFY(!preview.ok());
        QVERIFY2(preview.fileError.startsWith(u"missing required columns: Date (looked for 'Date'); "
                                              u"Type (looked for 'Type'); Quantity or Amount"_s),
                 qPrintable(preview.fileError));
        QVERIFY(preview.fileError.endsWith(u"the header has: Day, Kind, Symbol, Price"_s));
        QCOMPARE(preview.rows, 0);

        // Mapped by hand, the same file reads.
        ImportMapping mapping = preset("generic");
        mapping.setColumn(ImportField::Date, QStringLiteral("Day"));
        mapping.setColumn(ImportField::Type, QStringLiteral("kind"));
        mapping.setColumn(ImportField::Amount, QStringLiteral("Price"));
        const ImportPreview mapped = previewFile(QStringLiteral("missing-columns.csv"), mapping);
        QCOMPARE(mapped.fileError, QString());
        QCOMPARE(mapped.issues.at(0).text(), u"row 2, column Quantity: a buy needs a quantity, and no column is "
                                              u"read for Quantity"_s);

        // A column chosen by the user must be there.
        mapping.setColumn(ImportField::Fee, QStringLiteral("Commission"));
        const ImportPreview absent = previewFile(QStringLiteral("missing-columns.csv"), mapping);
        QVERIFY2(absent.fileError.startsWith(u"the file has no column 'Commission' (for Fee)"_s),
                 qPrintable(absent.fileError));
    }

    void refusesEmptyAndHeaderOnlyFiles()
    {
        const ImportPreview empty = previewFile(QStringLiteral("empty.csv"), preset("generic"));
        QVERIFY(!empty.ok());
        QVERIFY2(empty.fileError.startsWith(u"the file is empty"_s), qPrintable(empty.fileError));
        const ImportPreview headerOnly = previewFile(QStringLiteral("header-only.csv"), preset("generic"));
        QVERIFY(!headerOnly.ok());
        QCOMPARE(headerOnly.fileError, u"the file has a header but no rows"_s);
        const ImportPreview blankLines = previewBytes("Date,Type,Symbol,Quantity\n,,,\n\n", preset("generic"));
        QCOMPARE(blankLines.fileError, u"the file has a header but no rows"_s);
    }

    void reportsBrokenQuotingWithItsLine()
    {
        const ImportPreview preview = previewFile(QStringLiteral("unterminated-quote.csv"), preset("generic"));
        QVERIFY(!preview.ok());
        QVERIFY2(preview.fileError.startsWith(u"Line 2, column 27: the quoted field that starts here is never closed"_s),
                 qPrintable(preview.fileError));
    }

    void reportsRowIssues_data()
    {
        QTest::addColumn<QByteArray>("row");
        QTest::addColumn<QString>("issue");
        QTest::newRow("unknown asset") << QByteArray("2024-01-04,buy,NOPE,1,50,,,")
                                       << "row 2, column Symbol: no asset with the symbol 'NOPE' in the catalog; add "
                                          "it to the catalog first";
        QTest::newRow("unknown type") << QByteArray("2024-01-04,Umbuchung,ACME,1,50,,,")
                                      << "row 2, column Type: 'Umbuchung' is not a known type word (known: buy, sell, "
                                         "dividend, interest, fee, tax, split, deposit, withdrawal, transfer)";
        QTest::newRow("transfer") << QByteArray("2024-01-04,transfer,ACME,1,,,,")
                                  << "row 2, column Type: 'transfer': transfers between portfolios are not imported; "
                                     "book them in the app or with 'portfolio-cli tx add'";
        QTest::newRow("missing type") << QByteArray("2024-01-04,,ACME,1,50,,,") << "row 2, column Type: the type is missing";
        QTest::newRow("missing date") << QByteArray(",buy,ACME,1,50,,,") << "row 2, column Date: the date is missing";
        QTest::newRow("no asset") << QByteArray("2024-01-04,buy,,1,50,,,")
                                  << "row 2, column Symbol: a buy needs an asset (a symbol, ISIN or name)";
        QTest::newRow("no price") << QByteArray("2024-01-04,buy,ACME,1,,,,")
                                  << "row 2, column Price: a buy needs a price (or an amount)";
        QTest::newRow("zero quantity") << QByteArray("2024-01-04,buy,ACME,0,50,,,")
                                       << "row 2, column Quantity: '0' must be greater than zero";
        QTest::newRow("dividend without amount") << QByteArray("2024-01-04,dividend,ACME,,,,,")
                                                 << "row 2, column Amount: a dividend needs an amount";
        QTest::newRow("bad currency") << QByteArray("2024-01-04,deposit,,,,100,,eu")
                                      << "row 2, column Currency: 'eu' is not a currency code such as EUR or USD";
        QTest::newRow("currency differs") << QByteArray("2024-01-04,buy,ACME,1,50,,,USD")
                                          << "row 2, column Currency: 'USD' differs from the currency 'EUR' of ACME";
        QTest::newRow("fee on interest") << QByteArray("2024-01-04,interest,,,,5,1,")
                                         << "row 2, column Fee: '1' is not part of a interest; book it as a fee entry";
        QTest::newRow("split without ratio") << QByteArray("2024-01-04,split,ACME,,,,,")
                                             << "row 2, column Split: a split needs a ratio N:D (N new units for every "
                                                "D old), and no column is read for Split";
        QTest::newRow("short row") << QByteArray("2024-01-04,buy,ACME")
                                   << "row 2: has 3 fields where the header has 8 (is a field with the delimiter in "
                                      "it not quoted?)";
    }

    void reportsRowIssues()
    {
        QFETCH(QByteArray, row);
        QFETCH(QString, issue);
        const ImportPreview preview =
            previewBytes("Date,Type,Symbol,Quantity,Price,Amount,Fee,Currency\n" + row + '\n', preset("generic"));
        QCOMPARE(preview.issueCount, 1);
        QCOMPARE(preview.issues.at(0).text(), issue);
        QCOMPARE(preview.sample.size(), std::size_t(1));
        QVERIFY(!preview.sample[0].transaction);
    }

    // A note longer than sync can carry is a row issue, not a cut-off note.
    void refusesNotesTooLongToSync()
    {
        const QByteArray longest(MaxNoteLength, 'x');
        const QByteArray tooLong(MaxNoteLength + 1, 'x');
        const ImportPreview preview
            = previewBytes("Date,Type,Symbol,Quantity,Price,Amount,Fee,Currency,Note\n2024-01-04,deposit,,,,100,,,"
                               + longest + "\n2024-01-05,deposit,,,,100,,," + tooLong + '\n',
                           preset("generic"));
        QCOMPARE(preview.issueCount, 1);
        QCOMPARE(preview.issues.at(0).text(), u"row 3, column Note: 2001 characters long, at most 2000 are allowed (a "
                                              "longer note could not be synced)"_s);
        QCOMPARE(preview.sample.size(), std::size_t(2));
        QVERIFY(preview.sample[0].transaction);
        QCOMPARE(preview.sample[0].transaction->note.size(), MaxNoteLength);
        QVERIFY(!preview.sample[1].transaction);
    }

    // A symbol decides; an ISIN that matches nothing falls back to the name.
    void symbolsDecideAndIsinsFallBackToNames()
    {
        const QByteArray file = "Date,Type,Symbol,ISIN,Name,Quantity,Price\n"
                                "2024-01-03,buy,NOPE,,Acme Corp,1,50\n"
                                "2024-01-03,buy,,XS0000000000,Acme Corp,1,50\n"
                                "2024-01-03,buy,,de0005190003,,1,50\n"
                                "2024-01-03,buy,,,acme corp,1,50\n";
        const ImportPreview preview = previewBytes(file, preset("generic"));
        QCOMPARE(preview.issueCount, 1);
        QCOMPARE(preview.issues.at(0).text(), u"row 2, column Symbol: no asset with the symbol 'NOPE' in the "
                                              u"catalog; add it to the catalog first"_s);
        QCOMPARE(preview.transactions.size(), std::size_t(3));
        QCOMPARE(preview.transactions[0].assetId, m_acme.id);
        QCOMPARE(preview.transactions[1].assetId, m_bmw.id);
        QCOMPARE(preview.transactions[2].assetId, m_acme.id);

        addAsset("ACME2", QStringLiteral("Acme Corp"), "EUR"); // now the name is ambiguous
        const ImportPreview ambiguous = previewBytes(file, preset("generic"));
        QCOMPARE(ambiguous.issues.at(1).text(), u"row 3, column ISIN: no asset with the ISIN 'XS0000000000' as its "
                                                 u"symbol or source id in the catalog; add it to the catalog first"_s);
        QCOMPARE(ambiguous.issues.at(2).text(), u"row 5, column Name: 'acme corp' is the name of more than one "
                                                 u"asset; add a symbol column"_s);
    }

    void rowNumbersFollowTheFileAcrossQuotedLineBreaks()
    {
        const QByteArray file = "Date,Type,Symbol,Quantity,Price,Note\n"
                                "2024-01-03,buy,ACME,1,50,\"two\nlines\"\n"
                                "2024-01-04,buy,ACME,x,50,\n";
        const ImportPreview preview = previewBytes(file, preset("generic"));
        QCOMPARE(preview.issues.at(0).text(),
                 u"row 3 (line 4), column Quantity: 'x' is not a number (expected a number like 1234.56)"_s);
    }

    void userMappingAndTypeWordsOverrideThePreset()
    {
        const QByteArray file = "Tag|Art|Papier|Menge|Preis\n"
                                "2024/01/03|Zukauf|acme|1 000,5|50,5\n";
        ImportMapping mapping = preset("generic");
        mapping.delimiter = u'|';
        mapping.dateFormat = QStringLiteral("yyyy/MM/dd");
        mapping.numbers = NumberFormat{u',', u' '};
        mapping.setColumn(ImportField::Date, QStringLiteral("Tag"));
        mapping.setColumn(ImportField::Type, QStringLiteral("Art"));
        mapping.setColumn(ImportField::Symbol, QStringLiteral("Papier"));
        mapping.setColumn(ImportField::Quantity, QStringLiteral("Menge"));
        mapping.setColumn(ImportField::Price, QStringLiteral("Preis"));
        mapping.typeWords.add(QStringLiteral("Zukauf"), TransactionType::Buy);
        const ImportPreview preview = previewBytes(file, mapping);
        QVERIFY2(preview.ok(), qPrintable(preview.issueLines().join(u'\n')));
        QCOMPARE(preview.transactions.at(0).assetId, m_acme.id); // symbols match without regard to case
        QCOMPARE(preview.transactions.at(0).quantity, dec("1000.5"));
        QCOMPARE(preview.transactions.at(0).price, dec("50.5"));
    }

    void refusesUnusableMappings()
    {
        ImportMapping mapping = preset("generic");
        mapping.numbers = NumberFormat{u',', u','};
        QVERIFY(previewBytes("Date\n", mapping).fileError.startsWith(u"number format:"_s));
        mapping = preset("generic");
        mapping.dateFormat = QStringLiteral("MM/yyyy");
        QVERIFY(previewBytes("Date\n", mapping).fileError.startsWith(u"date format 'MM/yyyy'"_s));
    }

    void reimportAddsNothing()
    {
        const ImportPreview first = previewFile(QStringLiteral("generic.csv"), preset("generic"));
        PT_VERIFY_OK(commit(first));
        const QByteArray digest = test::fileDigest(m_store->path());

        const ImportPreview again = previewFile(QStringLiteral("generic.csv"), preset("generic"));
        QVERIFY(again.ok());
        QCOMPARE(again.newRows, 0);
        QCOMPARE(again.alreadyPresent, 8);
        QVERIFY(std::all_of(again.sample.cbegin(), again.sample.cend(),
                            [](const ImportRow &row) { return row.alreadyPresent; }));
        auto outcome = commit(again);
        PT_VERIFY_OK(outcome);
        QCOMPARE(outcome->added, 0);
        QCOMPARE(outcome->alreadyPresent, 8);
        QCOMPARE(stored(m_main.id).size(), std::size_t(8));
        // Into another portfolio the same rows are new.
        QCOMPARE(previewFile(QStringLiteral("generic.csv"), preset("generic"), m_brokerage.id).newRows, 8);
        Q_UNUSED(digest);
    }

    // Two identical rows are two entries, and a note edited since the import
    // does not make a row new again.
    void reimportCountsIdenticalRowsAsAMultiset()
    {
        const QByteArray twice = "Date,Type,Symbol,Quantity,Price,Note\n"
                                 "2024-01-03,buy,ACME,1,50,first\n"
                                 "2024-01-03,buy,ACME,1,50,second\n";
        PT_VERIFY_OK(commit(previewBytes(twice, preset("generic"))));
        QCOMPARE(stored(m_main.id).size(), std::size_t(2));
        Transaction edited = stored(m_main.id).front();
        edited.note = QStringLiteral("edited");
        PT_VERIFY_OK(ledger::LedgerService(db()).edit(edited));

        const QByteArray thrice = twice + "2024-01-03,buy,ACME,1,50,third\n";
        const ImportPreview preview = previewBytes(thrice, preset("generic"));
        QCOMPARE(preview.alreadyPresent, 2);
        QCOMPARE(preview.newRows, 1);
        auto outcome = commit(preview);
        PT_VERIFY_OK(outcome);
        QCOMPARE(outcome->added, 1);
        QCOMPARE(stored(m_main.id).size(), std::size_t(3));
    }

    // Values an entry's type does not use do not make it another row.
    void fingerprintsIgnoreValuesATypeDoesNotUse()
    {
        Transaction dividend;
        dividend.portfolioId = m_main.id;
        dividend.type = TransactionType::Dividend;
        dividend.date = QDate(2024, 3, 15);
        dividend.assetId = m_acme.id;
        dividend.amount = dec("12.34");
        dividend.quantity = dec("10"); // kept by the store, ignored by the ledger
        dividend.currency = QStringLiteral("EUR");
        PT_VERIFY_OK(ledger::LedgerService(db()).add(dividend));
        const ImportPreview preview = previewBytes("Date,Type,Symbol,Amount\n2024-03-15,dividend,ACME,12.34\n"
                                                   "2024-03-15,dividend,ACME,12.35\n",
                                                   preset("generic"));
        QCOMPARE(preview.alreadyPresent, 1);
        QCOMPARE(preview.newRows, 1);
    }

    // A sell of units not held refuses the whole import, naming the row,
    // and the store is byte for byte what it was.
    void refusesASellOfUnitsNotHeldAndWritesNothing()
    {
        PT_VERIFY_OK(commit(previewFile(QStringLiteral("generic.csv"), preset("generic"))));
        const QByteArray digest = test::fileDigest(m_store->path());
        const std::size_t count = stored().size();

        const ImportPreview preview = previewFile(QStringLiteral("oversell.csv"), preset("generic"));
        QVERIFY(preview.ok()); // every row is fine on its own
        auto outcome = commit(preview);
        QVERIFY(!outcome);
        QVERIFY2(outcome.error().startsWith(u"row 3: 2024-02-01 sell of 25 ACME in 'Main' exceeds the 20 held"_s),
                 qPrintable(outcome.error()));
        QCOMPARE(stored().size(), count);
        QCOMPARE(test::fileDigest(m_store->path()), digest);
    }

    // An imported sell before an existing one can break the existing one.
    void namesAnExistingEntryThatNoLongerHolds()
    {
        PT_VERIFY_OK(commit(previewBytes("Date,Type,Symbol,Quantity,Price\n"
                                         "2024-01-03,buy,ACME,10,50\n"
                                         "2024-03-01,sell,ACME,10,60\n",
                                         preset("generic"))));
        auto outcome = commit(previewBytes("Date,Type,Symbol,Quantity,Price\n2024-02-01,sell,ACME,5,55\n",
                                           preset("generic")));
        QVERIFY(!outcome);
        QVERIFY2(outcome.error().startsWith(u"with the imported rows, an entry already in the store no longer holds: "
                                            u"2024-03-01 sell of 10 ACME"_s),
                 qPrintable(outcome.error()));
        QCOMPARE(stored(m_main.id).size(), std::size_t(2));
    }

    // Every kind of bad file, taken the whole way (preview, and commit when
    // the preview lets it): a clear message, and the store byte for byte as it was.
    void badFilesChangeNothing_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("layout");
        QTest::addColumn<QString>("message");
        QTest::newRow("bad numbers") << "bad-numbers.csv" << "generic"
                                     << "row 3, column Quantity: '12,5x' is not a number";
        QTest::newRow("impossible date") << "impossible-date.csv" << "generic"
                                         << "row 3, column Date: '2023-02-30' is not a real day";
        QTest::newRow("missing columns") << "missing-columns.csv" << "generic" << "missing required columns: Date";
        QTest::newRow("empty") << "empty.csv" << "generic" << "the file is empty";
        QTest::newRow("header only") << "header-only.csv" << "generic" << "the file has a header but no rows";
        QTest::newRow("unknown asset") << "unknown-asset.csv" << "generic"
                                       << "row 3, column Symbol: no asset with the symbol 'NOPE'";
        QTest::newRow("broken quote") << "unterminated-quote.csv" << "generic"
                                      << "Line 2, column 27: the quoted field that starts here is never closed";
        QTest::newRow("sell not held") << "oversell.csv" << "generic" << "row 3: 2024-02-01 sell of 25 ACME";
        QTest::newRow("latin-1 read as us") << "de-broker-latin1.csv" << "us-broker"
                                            << "missing required columns: Date";
        QTest::newRow("utf-16 read as german") << "generic-utf16le.csv" << "de-broker"
                                               << "missing required columns: Date";
    }

    void badFilesChangeNothing()
    {
        QFETCH(QString, file);
        QFETCH(QString, layout);
        QFETCH(QString, message);
        PT_VERIFY_OK(commit(previewFile(QStringLiteral("generic.csv"), preset("generic"))));
        const QByteArray digest = test::fileDigest(m_store->path());
        const std::size_t count = stored().size();

        const ImportPreview preview = previewFile(file, findImportPreset(layout)->mapping);
        QString said = preview.issueLines().join(u'\n');
        if (preview.ok()) {
            auto outcome = commit(preview);
            QVERIFY(!outcome);
            said = outcome.error();
        }
        QVERIFY2(said.contains(message), qPrintable(said));
        QCOMPARE(stored().size(), count);
        QCOMPARE(test::fileDigest(m_store->path()), digest);
    }

    void dryRunWritesNothing()
    {
        const QByteArray digest = test::fileDigest(m_store->path());
        const ImportPreview preview = previewFile(QStringLiteral("generic.csv"), preset("generic"));
        auto outcome = commit(preview, 0, true);
        PT_VERIFY_OK(outcome);
        QCOMPARE(outcome->added, 8);
        QCOMPARE(stored().size(), std::size_t(0));
        QCOMPARE(test::fileDigest(m_store->path()), digest);
        // The replay check runs on a dry run too.
        QVERIFY(!commit(previewFile(QStringLiteral("oversell.csv"), preset("generic")), 0, true));
    }

    // Imports keep market data tracking in step, once per asset.
    void buysOfAssetsWithADataSourceTrackThem()
    {
        Asset listed;
        listed.symbol = QStringLiteral("SAP");
        listed.name = QStringLiteral("SAP SE");
        listed.currency = QStringLiteral("EUR");
        listed.dataSource = QStringLiteral("yahoo");
        listed.sourceId = QStringLiteral("SAP.DE");
        listed = *store::AssetRepository(db()).add(listed);
        const QByteArray file = "Date,Type,Symbol,Quantity,Price\n"
                                "2024-01-03,buy,SAP,10,150\n"
                                "2024-02-03,buy,SAP,5,160\n"
                                "2024-03-03,buy,ACME,5,10\n"
                                "2024-04-03,sell,ACME,5,12\n";
        PT_VERIFY_OK(commit(previewBytes(file, preset("generic"))));
        QVERIFY(store::AssetRepository(db()).find(listed.id)->tracked);
        auto jobs = store::JobRepository(db()).list();
        PT_VERIFY_OK(jobs);
        QCOMPARE(jobs->size(), std::size_t(1)); // one backfill for the asset, not one per row
    }

    // Only the first rows and the first issues are kept, whatever the file's size.
    void previewMemoryIsBounded()
    {
        QByteArray file = "Date,Type,Symbol,Quantity,Price\n";
        for (int i = 0; i < 20000; ++i)
            file += "2024-01-03,buy,ACME," + QByteArray(i % 2 ? "x" : "1") + ",50\n";
        ImportPreviewOptions options;
        options.sampleRows = 50;
        options.maxIssues = 100;
        auto target = ImportTarget::load(db(), m_main.id);
        PT_VERIFY_OK(target);
        QBuffer buffer(&file);
        buffer.open(QIODevice::ReadOnly);
        qint64 calls = 0;
        options.progress = [&](qint64) {
            ++calls;
            return true;
        };
        const ImportPreview preview = previewImport(buffer, preset("generic"), *target, options);
        QCOMPARE(preview.rows, 20000);
        QCOMPARE(preview.issueCount, 10000);
        QCOMPARE(preview.issues.size(), std::size_t(100));
        QCOMPARE(preview.sample.size(), std::size_t(50));
        QVERIFY(preview.transactions.empty());
        QCOMPARE(preview.newRows, 10000);
        QVERIFY(calls >= 4);

        buffer.seek(0);
        options.progress = [](qint64) { return false; };
        const ImportPreview cancelled = previewImport(buffer, preset("generic"), *target, options);
        QVERIFY(cancelled.cancelled);
        QVERIFY(!cancelled.ok());
    }
};

QTEST_GUILESS_MAIN(TestTransactionImport)
#include "tst_transactionimport.moc"
