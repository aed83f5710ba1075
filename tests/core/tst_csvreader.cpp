// Tests of pt::io::TextDecoder (encoding detection, decoding in pieces) and
// pt::io::CsvReader (RFC 4180 with ',' ';' and tab, errors with their place,
// streaming a large file in bounded memory).

#include "io/csvreader.h"
#include "io/textdecoding.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QFile>
#include <QStringEncoder>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using pt::io::CsvError;
using pt::io::CsvOptions;
using pt::io::CsvReader;
using pt::io::TextDecoder;
using pt::io::TextEncoding;

using Records = QList<QStringList>;

Q_DECLARE_METATYPE(TextEncoding)
Q_DECLARE_METATYPE(CsvError::Kind)

namespace {

QByteArray utf16(const QString &text, bool littleEndian)
{
    QByteArray bytes = littleEndian ? QByteArray("\xFF\xFE", 2) : QByteArray("\xFE\xFF", 2);
    for (const QChar c : text) {
        const auto hi = char(c.unicode() >> 8);
        const auto lo = char(c.unicode() & 0xFF);
        bytes += littleEndian ? lo : hi;
        bytes += littleEndian ? hi : lo;
    }
    return bytes;
}

QByteArray utf8Bom(const QString &text)
{
    return QByteArray("\xEF\xBB\xBF") + text.toUtf8();
}

struct Parsed
{
    Records records;
    CsvError error;
    QChar separator;
    TextEncoding encoding = TextEncoding::Utf8;
};

Parsed parseAll(const QByteArray &bytes, CsvOptions options = {})
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    CsvReader reader(&buffer, options);
    Parsed parsed;
    QStringList record;
    while (reader.next(record))
        parsed.records.append(record);
    parsed.error = reader.error();
    parsed.separator = reader.separator();
    parsed.encoding = reader.encoding();
    return parsed;
}

// Chunk sizes that split every construct somewhere, and the default.
const QList<qsizetype> ChunkSizes = {1, 2, 3, 5, 64 * 1024};

// Peak resident memory (VmHWM) and current (VmRSS) in KiB, from /proc.
qint64 procStatusKiB(const QByteArray &key)
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith(QByteArray(key + ':')))
            return line.mid(key.size() + 1).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

bool addressSanitized()
{
#if defined(__SANITIZE_ADDRESS__)
    return true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
    return true;
#else
    return false;
#endif
#else
    return false;
#endif
}

} // namespace

class TestCsvReader final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decode_data();
    void decode();
    void decodeMixedStream();
    void decodeUtf16Truncated();

    void parse_data();
    void parse();
    void errors_data();
    void errors();
    void detectSeparator_data();
    void detectSeparator();
    void recordAndLineNumbers();
    void encodingErrorInLaterChunk();
    void recordTooLong();
    void largeFile();
};

void TestCsvReader::decode_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("text");
    QTest::addColumn<TextEncoding>("encoding");

    const QString text = u"Zürich, 5 €, “quoted”, 𝄞"_s;
    QTest::newRow("empty") << QByteArray() << QString() << TextEncoding::Utf8;
    QTest::newRow("ascii") << "a,b\r\n1,2"_ba << u"a,b\r\n1,2"_s << TextEncoding::Utf8;
    QTest::newRow("utf-8") << text.toUtf8() << text << TextEncoding::Utf8;
    QTest::newRow("utf-8 bom") << utf8Bom(text) << text << TextEncoding::Utf8Bom;
    QTest::newRow("utf-8 bom only") << "\xEF\xBB\xBF"_ba << QString() << TextEncoding::Utf8Bom;
    QTest::newRow("utf-8 bom, then U+FEFF kept") << utf8Bom(u"\uFEFFx"_s) << u"\uFEFFx"_s
                                                 << TextEncoding::Utf8Bom;
    QTest::newRow("utf-16le") << utf16(text, true) << text << TextEncoding::Utf16LE;
    QTest::newRow("utf-16be") << utf16(text, false) << text << TextEncoding::Utf16BE;
    QTest::newRow("utf-16le bom only") << "\xFF\xFE"_ba << QString() << TextEncoding::Utf16LE;
    QTest::newRow("latin-1") << "Z\xFCrich;\xE9t\xE9"_ba << u"Zürich;été"_s << TextEncoding::Windows1252;
    QTest::newRow("windows-1252 0x80-0x9F")
        << "\x80 \x93q\x94 \x96 \x8A\x9A \x81"_ba << u"€ “q” – Šš \u0081"_s << TextEncoding::Windows1252;
    QTest::newRow("bom prefix that is not a bom") << "\xEF\xBB"_ba << u"ï»"_s << TextEncoding::Windows1252;
    QTest::newRow("truncated utf-8 at the end") << "ab\xC3"_ba << u"abÃ"_s << TextEncoding::Windows1252;
    QTest::newRow("overlong utf-8") << "\xC0\xAF"_ba << u"À¯"_s << TextEncoding::Windows1252;
    QTest::newRow("utf-8 surrogate") << "\xED\xA0\x80"_ba << u"í\u00A0€"_s << TextEncoding::Windows1252;
}

void TestCsvReader::decode()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, text);
    QFETCH(TextEncoding, encoding);

    const pt::io::DecodedText whole = pt::io::decodeText(bytes);
    QCOMPARE(whole.text, text);
    QCOMPARE(whole.encoding, encoding);
    QVERIFY(!whole.hadErrors);

    // One byte at a time: BOMs, sequences and surrogate pairs split everywhere.
    TextDecoder decoder;
    QString pieces;
    for (const char byte : std::as_const(bytes))
        pieces += decoder.decode(QByteArrayView(&byte, 1));
    pieces += decoder.finish();
    QCOMPARE(pieces, text);
    QCOMPARE(decoder.encoding(), encoding);
    QVERIFY(!decoder.hasError());
}

void TestCsvReader::decodeMixedStream()
{
    // Valid UTF-8, then a Latin-1 byte. Whole, the text is not UTF-8, so it
    // is Windows-1252; streamed, UTF-8 was already decided, so the bad byte
    // is an error with its offset.
    const QByteArray bytes = "caf\xC3\xA9 caf\xE9"_ba;
    QCOMPARE(pt::io::decodeText(bytes).encoding, TextEncoding::Windows1252);
    QCOMPARE(pt::io::decodeText(bytes).text, u"cafÃ© café"_s);

    TextDecoder decoder;
    QString text = decoder.decode(bytes.first(6));
    text += decoder.decode(bytes.sliced(6));
    text += decoder.finish();
    QCOMPARE(decoder.encoding(), TextEncoding::Utf8);
    QVERIFY(decoder.hasError());
    QCOMPARE(decoder.errorOffset(), 9);
    QCOMPARE(text, u"café caf\uFFFD"_s);
    QVERIFY(decoder.errorString().contains(u"offset 9"_s));
}

void TestCsvReader::decodeUtf16Truncated()
{
    const pt::io::DecodedText decoded = pt::io::decodeText("\xFF\xFE" "a\0b"_ba);
    QCOMPARE(decoded.encoding, TextEncoding::Utf16LE);
    QVERIFY(decoded.hadErrors);
    QCOMPARE(decoded.text, u"a\uFFFD"_s);
}

void TestCsvReader::parse_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QChar>("separator"); // given; null to detect
    QTest::addColumn<QChar>("expectedSeparator");
    QTest::addColumn<Records>("records");

    const QChar detect;
    const Records abc = {{u"a"_s, u"b"_s, u"c"_s}, {u"1"_s, u"2"_s, u"3"_s}};

    QTest::newRow("comma, trailing LF") << "a,b,c\n1,2,3\n"_ba << detect << QChar(u',') << abc;
    QTest::newRow("comma, no trailing line break") << "a,b,c\n1,2,3"_ba << detect << QChar(u',') << abc;
    QTest::newRow("CRLF") << "a,b,c\r\n1,2,3\r\n"_ba << detect << QChar(u',') << abc;
    QTest::newRow("CR") << "a,b,c\r1,2,3\r"_ba << detect << QChar(u',') << abc;
    QTest::newRow("mixed line breaks") << "a,b,c\r\n1,2,3\r"_ba << detect << QChar(u',') << abc;
    QTest::newRow("semicolon with decimal commas")
        << "Date;Amount;Note\n2024-01-02;1,50;x\n2024-01-03;-2,25;y,z\n"_ba << detect << QChar(u';')
        << Records{{u"Date"_s, u"Amount"_s, u"Note"_s},
                   {u"2024-01-02"_s, u"1,50"_s, u"x"_s},
                   {u"2024-01-03"_s, u"-2,25"_s, u"y,z"_s}};
    QTest::newRow("tab") << "a\tb\tc\n1\t2\t3\n"_ba << detect << QChar(u'\t') << abc;
    QTest::newRow("tab with commas in fields")
        << "name\tprice\nA, Inc.\t1,5\nB\t2\n"_ba << detect << QChar(u'\t')
        << Records{{u"name"_s, u"price"_s}, {u"A, Inc."_s, u"1,5"_s}, {u"B"_s, u"2"_s}};
    QTest::newRow("given separator wins") << "a;b,c\n1;2,3\n"_ba << QChar(u';') << QChar(u';')
                                          << Records{{u"a"_s, u"b,c"_s}, {u"1"_s, u"2,3"_s}};
    QTest::newRow("one column") << "x\ny\n"_ba << detect << QChar(u',')
                                << Records{{u"x"_s}, {u"y"_s}};
    QTest::newRow("empty input") << QByteArray() << detect << QChar(u',') << Records{};
    QTest::newRow("only line breaks") << "\n\r\n\r"_ba << detect << QChar(u',') << Records{};
    QTest::newRow("blank lines skipped") << "\na,b,c\n\n\r\n1,2,3\n\n"_ba << detect << QChar(u',') << abc;
    QTest::newRow("empty fields")
        << ",,\na,,\n,,c\n"_ba << detect << QChar(u',')
        << Records{{QString(), QString(), QString()},
                   {u"a"_s, QString(), QString()},
                   {QString(), QString(), u"c"_s}};
    QTest::newRow("trailing empty field at the end") << "a,\nb,"_ba << detect << QChar(u',')
                                                     << Records{{u"a"_s, QString()}, {u"b"_s, QString()}};
    QTest::newRow("quoted separators")
        << "name,note\n\"Acme, Inc.\",\"a;b\"\n"_ba << detect << QChar(u',')
        << Records{{u"name"_s, u"note"_s}, {u"Acme, Inc."_s, u"a;b"_s}};
    QTest::newRow("doubled quotes")
        << "a,b\n\"say \"\"hi\"\"\",\"\"\"\"\n\"\",x\n"_ba << detect << QChar(u',')
        << Records{{u"a"_s, u"b"_s}, {u"say \"hi\""_s, u"\""_s}, {QString(), u"x"_s}};
    QTest::newRow("quoted line breaks kept as written")
        << "a,b\n\"1\n2\",\"3\r\n4\"\n\"5\r6\",7"_ba << detect << QChar(u',')
        << Records{{u"a"_s, u"b"_s}, {u"1\n2"_s, u"3\r\n4"_s}, {u"5\r6"_s, u"7"_s}};
    QTest::newRow("quoted field at the end without line break")
        << "a,\"b\""_ba << detect << QChar(u',') << Records{{u"a"_s, u"b"_s}};
    QTest::newRow("spaces are data") << " a , b \n"_ba << detect << QChar(u',')
                                     << Records{{u" a "_s, u" b "_s}};

    const QString umlauts = u"Straße;Zürich €\n“x”;y\n"_s;
    const Records umlautRecords = {{u"Straße"_s, u"Zürich €"_s}, {u"“x”"_s, u"y"_s}};
    QTest::newRow("utf-8") << umlauts.toUtf8() << detect << QChar(u';') << umlautRecords;
    QTest::newRow("utf-8 bom: not part of the first field")
        << utf8Bom(umlauts) << detect << QChar(u';') << umlautRecords;
    QTest::newRow("utf-16le") << utf16(umlauts, true) << detect << QChar(u';') << umlautRecords;
    QTest::newRow("utf-16be") << utf16(umlauts, false) << detect << QChar(u';') << umlautRecords;
    QTest::newRow("windows-1252") << "Stra\xDF" "e;Z\xFCrich \x80\n\x93x\x94;y\n"_ba << detect << QChar(u';')
                                  << umlautRecords;
}

void TestCsvReader::parse()
{
    QFETCH(QByteArray, input);
    QFETCH(QChar, separator);
    QFETCH(QChar, expectedSeparator);
    QFETCH(Records, records);

    for (const qsizetype chunkSize : ChunkSizes) {
        CsvOptions options;
        options.separator = separator;
        options.chunkSize = chunkSize;
        const Parsed parsed = parseAll(input, options);
        QVERIFY2(parsed.error.kind == CsvError::None, qPrintable(parsed.error.message));
        QCOMPARE(parsed.records, records);
        if (chunkSize > input.size()) // a tiny first chunk sees too little to detect
            QCOMPARE(parsed.separator, expectedSeparator);
    }
}

void TestCsvReader::errors_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<CsvError::Kind>("kind");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<qint64>("record");
    QTest::addColumn<int>("recordsBefore"); // returned before the error

    QTest::newRow("unterminated quote") << "a,b\n1,\"x\ny\n"_ba << CsvError::UnterminatedQuote << 2 << 3
                                        << qint64(2) << 1;
    QTest::newRow("unterminated quote at the very end")
        << "a,b\n1,\""_ba << CsvError::UnterminatedQuote << 2 << 3 << qint64(2) << 1;
    QTest::newRow("stray quote in unquoted field")
        << "a,b\n1,x\"y\n"_ba << CsvError::StrayQuote << 2 << 4 << qint64(2) << 1;
    QTest::newRow("text after closing quote")
        << "a,b\n1,\"x\"y\n"_ba << CsvError::StrayQuote << 2 << 6 << qint64(2) << 1;
    QTest::newRow("stray quote after a multi-line field")
        << "a,b\n\"1\r\n2\",3\nx,y\"\n"_ba << CsvError::StrayQuote << 4 << 4 << qint64(3) << 2;
    QTest::newRow("too few fields") << "a,b,c\n1,2,3\n4,5\n"_ba << CsvError::UnevenRecord << 3 << 1
                                    << qint64(3) << 2;
    QTest::newRow("too many fields, after blank lines and a quoted line break")
        << "a,b\n\n\"x\ny\",2\n3,4,5\n"_ba << CsvError::UnevenRecord << 5 << 1 << qint64(3) << 2;
}

void TestCsvReader::errors()
{
    QFETCH(QByteArray, input);
    QFETCH(CsvError::Kind, kind);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(qint64, record);
    QFETCH(int, recordsBefore);

    for (const qsizetype chunkSize : ChunkSizes) {
        CsvOptions options;
        options.separator = u',';
        options.chunkSize = chunkSize;
        const Parsed parsed = parseAll(input, options);
        QCOMPARE(parsed.error.kind, kind);
        QCOMPARE(parsed.error.line, line);
        QCOMPARE(parsed.error.column, column);
        QCOMPARE(parsed.error.record, record);
        QCOMPARE(parsed.records.size(), recordsBefore);
        const QString place = u"Line %1, column %2: "_s.arg(line).arg(column);
        QVERIFY2(parsed.error.message.startsWith(place), qPrintable(parsed.error.message));
    }
    // A reader that failed stays failed.
    QBuffer buffer;
    buffer.setData(input);
    buffer.open(QIODevice::ReadOnly);
    CsvReader reader(&buffer);
    QStringList fields;
    while (reader.next(fields)) {
    }
    QVERIFY(reader.hasError());
    QVERIFY(!reader.next(fields));
    QVERIFY(fields.isEmpty());
}

void TestCsvReader::detectSeparator_data()
{
    QTest::addColumn<QString>("sample");
    QTest::addColumn<bool>("complete");
    QTest::addColumn<QChar>("separator");

    QTest::newRow("nothing") << QString() << true << QChar(u',');
    QTest::newRow("no candidate") << u"abc\ndef\n"_s << true << QChar(u',');
    QTest::newRow("regular semicolon beats irregular comma")
        << u"a;b\n1,5;2\n3;4,25\n"_s << true << QChar(u';');
    QTest::newRow("more per record wins among regular ones") << u"a,b;c;d\n1,2;3;4\n"_s << true << QChar(u';');
    QTest::newRow("quoted separators do not count")
        << u"\"a;b;c\",d\n\"1;2\n;3\",4\n"_s << true << QChar(u',');
    QTest::newRow("irregular: most frequent") << u"a\tb\tc\n1\t2\nx,y\n"_s << true << QChar(u'\t');
    QTest::newRow("incomplete last record ignored") << u"a;b\n1;2\n3,4,5,6"_s << false << QChar(u';');
    QTest::newRow("one long first record") << u"a;b;c"_s << false << QChar(u';');
}

void TestCsvReader::detectSeparator()
{
    QFETCH(QString, sample);
    QFETCH(bool, complete);
    QFETCH(QChar, separator);
    QCOMPARE(CsvReader::detectSeparator(sample, complete), separator);
}

void TestCsvReader::recordAndLineNumbers()
{
    QBuffer buffer;
    buffer.setData("h1,h2\n\n\"a\nb\",c\r\nd,e\r\"f\r\n\r\ng\",h"_ba);
    buffer.open(QIODevice::ReadOnly);
    CsvOptions options;
    options.chunkSize = 4;
    CsvReader reader(&buffer, options);
    QStringList record;
    QList<std::pair<qint64, int>> places;
    while (reader.next(record))
        places.append({reader.recordNumber(), reader.lineNumber()});
    QVERIFY2(!reader.hasError(), qPrintable(reader.error().message));
    const QList<std::pair<qint64, int>> expected = {{1, 1}, {2, 3}, {3, 5}, {4, 6}};
    QCOMPARE(places, expected);
    QCOMPARE(record, QStringList());
}

void TestCsvReader::encodingErrorInLaterChunk()
{
    // UTF-8 is decided by the first chunk; a Latin-1 byte much later is an error.
    QByteArray input = "name,city\nA,Zürich\n"_ba;
    for (int i = 0; i < 20000; ++i) // beyond the 64 KiB sample read for detection
        input += "x,y\n";
    input += "B,Z\xFCrich\n";
    CsvOptions options;
    options.chunkSize = 64;
    const Parsed parsed = parseAll(input, options);
    QCOMPARE(parsed.error.kind, CsvError::Encoding);
    QVERIFY2(parsed.error.message.contains(u"not valid UTF-8"_s), qPrintable(parsed.error.message));
    QVERIFY(parsed.records.size() > 1000);

    // Whole in one chunk, the same file is Windows-1252.
    options.chunkSize = 1 << 20;
    const Parsed whole = parseAll(input, options);
    QCOMPARE(whole.error.kind, CsvError::None);
    QCOMPARE(whole.encoding, TextEncoding::Windows1252);
    QCOMPARE(whole.records.last(), (QStringList{u"B"_s, u"Zürich"_s}));
}

void TestCsvReader::recordTooLong()
{
    QByteArray input = "a,\"";
    input += QByteArray(200000, 'x'); // more than the 64 KiB read for detection
    CsvOptions options;
    options.chunkSize = 256;
    options.maxRecordLength = 1000;
    const Parsed parsed = parseAll(input, options);
    QCOMPARE(parsed.error.kind, CsvError::RecordTooLong);
    QCOMPARE(parsed.error.line, 1);
}

void TestCsvReader::largeFile()
{
    // A million records: written in blocks, read back with the memory of a
    // record and a couple of chunks.
    constexpr int Rows = 1'000'000;
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"large.csv"_s);
    {
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write("id;date;name;note;amount\r\n");
        QByteArray block;
        for (int i = 1; i <= Rows; ++i) {
            block += QByteArray::number(i);
            block += ";2024-01-15;Zürich AG;\"Buy; \"\"A\"\"\n2\";1234,56\r\n";
            if (block.size() > (1 << 20)) {
                QCOMPARE(out.write(block), block.size());
                block.clear();
            }
        }
        QCOMPARE(out.write(block), block.size());
    }
    const qint64 fileSize = QFileInfo(path).size();

    QFile in(path);
    QVERIFY(in.open(QIODevice::ReadOnly));
    // Reset the peak to the current resident size (Linux: clear_refs "5").
    QFile clearRefs(u"/proc/self/clear_refs"_s);
    const bool peakReset = clearRefs.open(QIODevice::WriteOnly) && clearRefs.write("5") == 1;
    clearRefs.close();
    const qint64 rssBefore = procStatusKiB("VmRSS");
    const qint64 peakBefore = procStatusKiB("VmHWM");

    QElapsedTimer timer;
    timer.start();
    CsvReader reader(&in);
    QStringList record;
    qint64 count = 0;
    QStringList last;
    QVERIFY(reader.next(record));
    QCOMPARE(record.size(), 5);
    while (reader.next(record)) {
        ++count;
        if (record.size() != 5 || record.at(3) != u"Buy; \"A\"\n2")
            QFAIL(qPrintable(u"record %1 is wrong: %2"_s.arg(reader.recordNumber()).arg(record.join(u'|'))));
        if (count == Rows)
            last = record; // copying every record would defeat the reuse of its storage
    }
    const qint64 elapsed = timer.elapsed();
    const qint64 peakAfter = procStatusKiB("VmHWM");

    QVERIFY2(!reader.hasError(), qPrintable(reader.error().message));
    QCOMPARE(count, Rows);
    QCOMPARE(reader.recordNumber(), Rows + 1);
    QCOMPARE(reader.lineNumber(), 2 * Rows);
    QCOMPARE(last.first(), QString::number(Rows));
    QCOMPARE(last.at(2), u"Zürich AG"_s);
    QCOMPARE(reader.separator(), QChar(u';'));
    QCOMPARE(reader.encoding(), TextEncoding::Utf8);

    const qint64 base = peakReset ? rssBefore : peakBefore;
    const qint64 growthKiB = peakAfter - base;
    qInfo("%d records, %lld MiB file, parsed in %lld ms; decoded buffer peak %lld KiB; "
          "peak RSS growth %lld KiB (%s; %s)",
          Rows, fileSize >> 20, elapsed, qint64(reader.peakBufferSize() * 2 / 1024), growthKiB,
          addressSanitized() ? "ASan build: its quarantine keeps freed memory" : "no sanitizer",
          peakReset ? "peak reset before parsing" : "peak not resettable, growth over the earlier peak");

    // The bound that holds in every build: one record plus about two chunks.
    QVERIFY(reader.peakBufferSize() <= 4 * 64 * 1024);
    // Resident memory: ASan's quarantine (256 MiB by default) keeps freed
    // blocks resident, so only a build without it shows the reader's own.
    if (!addressSanitized() && peakReset)
        QVERIFY2(growthKiB < 16 * 1024, qPrintable(u"peak RSS grew by %1 KiB"_s.arg(growthKiB)));
}

QTEST_GUILESS_MAIN(TestCsvReader)
#include "tst_csvreader.moc"
