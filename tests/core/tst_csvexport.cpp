// Tests of the CSV writer (RFC 4180 quoting) and of the CSV exports of
// transactions and holdings (C8): exact decimals, our generic layout, and an
// export that imports back as it was.

#include "../common/testsupport.h"

#include "io/csvexport.h"
#include "io/csvreader.h"
#include "io/csvwriter.h"
#include "io/importcommit.h"
#include "io/importpresets.h"
#include "io/transactionimport.h"
#include "ledger/ledgerservice.h"
#include "store/assetrepository.h"
#include "store/portfoliorepository.h"
#include "store/transactionrepository.h"

#include <QBuffer>
#include <QFile>

using namespace pt;
using namespace pt::io;
using pt::test::dec;
using namespace Qt::StringLiterals;

namespace {

QString dataFile(const QString &name)
{
    return qEnvironmentVariable("PT_SOURCE_DIR") + QStringLiteral("/tests/data/import/") + name;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return file.readAll();
}

} // namespace

class TestCsvExport : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TemporaryStore> m_store;
    Portfolio m_main;
    Portfolio m_copy;

    const store::Database &db() const { return m_store->db(); }

    Asset addAsset(const char *symbol, const QString &name, const char *currency)
    {
        Asset asset;
        asset.symbol = QString::fromLatin1(symbol);
        asset.name = name;
        asset.currency = QString::fromLatin1(currency);
        return *store::AssetRepository(db()).add(asset);
    }

    // Imports `bytes` with the generic preset into the portfolio.
    void importInto(const QByteArray &bytes, RowId portfolioId)
    {
        auto target = ImportTarget::load(db(), portfolioId);
        PT_VERIFY_OK(target);
        QBuffer buffer;
        buffer.setData(bytes);
        buffer.open(QIODevice::ReadOnly);
        ImportPreviewOptions options;
        options.keepTransactions = true;
        const ImportPreview preview = previewImport(buffer, findImportPreset(u"generic")->mapping, *target, options);
        QVERIFY2(preview.ok(), qPrintable(preview.issueLines().join(u'\n')));
        PT_VERIFY_OK(commitImport(db(), portfolioId, preview.transactions, preview.transactionRows));
    }

    QByteArray exported(RowId portfolioId)
    {
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        auto rows = exportTransactions(db(), portfolioId, buffer);
        if (!rows)
            qFatal("%s", qPrintable(rows.error()));
        return buffer.data();
    }

private Q_SLOTS:
    void init()
    {
        m_store = std::make_unique<test::TemporaryStore>();
        Portfolio main;
        main.name = QStringLiteral("Main");
        m_main = *store::PortfolioRepository(db()).add(main);
        Portfolio copy;
        copy.name = QStringLiteral("Copy, restored");
        m_copy = *store::PortfolioRepository(db()).add(copy);
        addAsset("ACME", QStringLiteral("Acme Corp"), "EUR");
        addAsset("VTI", QStringLiteral("Vanguard Total Stock Market ETF"), "USD");
    }

    void quotesFieldsThatNeedIt_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("written");
        QTest::newRow("plain") << "Acme" << "Acme";
        QTest::newRow("empty") << "" << "";
        QTest::newRow("comma") << "a,b" << "\"a,b\"";
        QTest::newRow("quote") << "say \"hi\"" << "\"say \"\"hi\"\"\"";
        QTest::newRow("line feed") << "two\nlines" << "\"two\nlines\"";
        QTest::newRow("carriage return") << "a\rb" << "\"a\rb\"";
        QTest::newRow("leading space") << " x" << "\" x\"";
        QTest::newRow("semicolon is data") << "a;b" << "a;b";
        QTest::newRow("umlaut") << "Müller" << "Müller";
    }

    void quotesFieldsThatNeedIt()
    {
        QFETCH(QString, field);
        QFETCH(QString, written);
        QCOMPARE(CsvWriter::escaped(field), written);
    }

    // What the writer writes, the reader reads back field for field.
    void writerAndReaderRoundTrip()
    {
        const QList<QStringList> records{{u"Name"_s, u"Note"_s},
                                         {u"Müller AG"_s, u"a,\"b\"\r\nc"_s},
                                         {u""_s, u" padded "_s}};
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        {
            CsvWriter writer(&buffer);
            for (const QStringList &record : records)
                writer.writeRecord(record);
            QVERIFY(writer.flush());
        }
        QVERIFY(buffer.data().endsWith("\r\n"));
        QVERIFY(!buffer.data().startsWith("\xEF\xBB\xBF")); // UTF-8 without a BOM
        buffer.close();
        buffer.open(QIODevice::ReadOnly);
        CsvReader reader(&buffer);
        QStringList record;
        QList<QStringList> read;
        while (reader.next(record))
            read << record;
        QVERIFY2(!reader.hasError(), qPrintable(reader.error().message));
        QCOMPARE(read, records);
    }

    // generic.csv is what the export writes: imported and exported again it
    // comes back byte for byte.
    void exportOfAnImportIsTheFileImported()
    {
        const QByteArray file = readFile(dataFile(QStringLiteral("generic.csv")));
        importInto(file, m_main.id);
        QCOMPARE(exported(m_main.id), file);
    }

    // Export, import into another portfolio, export again: the same rows, and
    // importing the export into the portfolio it came from adds nothing.
    void exportImportsBackAsItWas()
    {
        importInto(readFile(dataFile(QStringLiteral("generic.csv"))), m_main.id);
        Transaction tiny;
        tiny.portfolioId = m_main.id;
        tiny.type = TransactionType::Buy;
        tiny.date = QDate(2024, 8, 1);
        tiny.assetId = store::AssetRepository(db()).findByReference(u"ACME")->id;
        tiny.quantity = dec("0.000000000001"); // the smallest Decimal
        tiny.price = dec("123456789012.123456789012");
        tiny.currency = QStringLiteral("EUR");
        tiny.note = QStringLiteral("  spaces kept ");
        PT_VERIFY_OK(ledger::LedgerService(db()).add(tiny));

        const QByteArray first = exported(m_main.id);
        QVERIFY(first.contains("0.000000000001,123456789012.123456789012,"));
        importInto(first, m_copy.id);
        const QByteArray second = exported(m_copy.id);
        QByteArray expected = first;
        expected.replace(",Main,", ",\"Copy, restored\",");
        QCOMPARE(second.split('\n'), expected.split('\n'));

        const auto before = store::TransactionRepository(db()).list()->size();
        importInto(first, m_main.id);
        QCOMPARE(store::TransactionRepository(db()).list()->size(), before);
    }

    void exportsAllPortfoliosWithTransfers()
    {
        importInto(readFile(dataFile(QStringLiteral("generic.csv"))), m_main.id);
        Transaction transfer;
        transfer.portfolioId = m_main.id;
        transfer.counterpartyPortfolioId = m_copy.id;
        transfer.type = TransactionType::Transfer;
        transfer.date = QDate(2024, 9, 1);
        transfer.amount = dec("100");
        transfer.currency = QStringLiteral("EUR");
        PT_VERIFY_OK(ledger::LedgerService(db()).add(transfer));
        const QByteArray all = exported(0);
        QVERIFY(all.endsWith("2024-09-01,transfer,,,,,100,,EUR,,,Main,\"Copy, restored\"\r\n"));
        // The receiving portfolio's export leaves out what is not its own entry.
        QCOMPARE(exported(m_copy.id), transactionExportHeader().join(u',').toUtf8() + "\r\n");
    }

    void exportsHoldings()
    {
        importInto(readFile(dataFile(QStringLiteral("generic.csv"))), m_main.id);
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        auto rows = exportHoldings(db(), m_main.id, buffer);
        PT_VERIFY_OK(rows);
        QCOMPARE(*rows, 4);
        const QList<QByteArray> lines = buffer.data().split('\n');
        QCOMPARE(lines.at(0), "Portfolio,Kind,Symbol,Name,Quantity,Cost basis,Average cost,Realized gain,Income,Fees,"
                              "Currency\r");
        // ACME: 10 bought at 50.25 + 1.5 fee = 504, 4 sold for 220 - 1.5: cost 201.6, gain 16.9.
        QCOMPARE(lines.at(1), "Main,position,ACME,Acme Corp,6,302.4,50.4,16.9,12.34,4.85,EUR\r");
        QCOMPARE(lines.at(2), "Main,position,VTI,Vanguard Total Stock Market ETF,10,1150.5,115.05,0,0,0,USD\r");
        QVERIFY(lines.at(3).startsWith("Main,cash,,,"));
        QVERIFY(lines.at(4).startsWith("Main,cash,,,"));

        QBuffer all;
        all.open(QIODevice::WriteOnly);
        PT_VERIFY_OK(exportHoldings(db(), 0, all));
        QVERIFY(all.data().contains("Main,position,ACME"));
    }

    void reportsAWriteFailure()
    {
        QBuffer closed; // never opened: every write fails
        auto rows = exportTransactions(db(), m_main.id, closed);
        QVERIFY(!rows);
        QVERIFY2(rows.error().startsWith(u"could not write the CSV"_s), qPrintable(rows.error()));
    }
};

QTEST_GUILESS_MAIN(TestCsvExport)
#include "tst_csvexport.moc"
