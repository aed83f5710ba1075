#pragma once

#include "io/textdecoding.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

class QIODevice;

namespace pt::io {

struct CsvOptions
{
    // The field separator; a null QChar detects ',', ';' or tab from the
    // first records.
    QChar separator;
    // Bytes read from the device at a time.
    qsizetype chunkSize = 64 * 1024;
    // A record longer than this (in UTF-16 code units) is an error, so that a
    // quote never closed cannot pull a whole file into memory.
    qsizetype maxRecordLength = 4 * 1024 * 1024;
    // Records must have as many fields as the first one.
    bool requireUniformWidth = true;
};

// Why reading stopped before the end of the input, with where, for a person.
struct CsvError
{
    enum Kind {
        None,
        UnterminatedQuote, // a quoted field still open at the end of the input
        StrayQuote,        // a quote inside an unquoted field, or text after a closing one
        UnevenRecord,      // a record with another field count than the first
        RecordTooLong,
        Encoding,          // invalid bytes for the detected encoding
        Device,            // the device could not be read
    };

    Kind kind = None;
    qint64 record = 0; // 1-based number of the record being read
    int line = 0;      // 1-based physical line
    int column = 0;    // 1-based, in UTF-16 code units from the line's start
    QString message;
};

// A streaming reader of delimited text (RFC 4180, with the separators found
// in practice): fields optionally in double quotes, where separators and line
// breaks are data and "" is one quote; records end with CRLF, LF or CR.
// Lines holding nothing at all are skipped; a final line break is optional.
//
// The device (a file or a buffer, read synchronously) is read and decoded in
// chunks, so memory is bounded by one record plus two chunks whatever the
// file's size. Typical use:
//
//     CsvReader reader(&file);
//     QStringList record;
//     while (reader.next(record)) { ... }
//     if (reader.hasError()) report(reader.error().message);
class CsvReader
{
public:
    explicit CsvReader(QIODevice *device, CsvOptions options = {});
    ~CsvReader();
    CsvReader(const CsvReader &) = delete;
    CsvReader &operator=(const CsvReader &) = delete;

    // Reads the next record into `record`; false at the end of the input or
    // on an error (then hasError() is true and `record` is empty).
    bool next(QStringList &record);

    bool hasError() const { return m_error.kind != CsvError::None; }
    const CsvError &error() const { return m_error; }

    // The number of the last record returned (1-based), and the physical line
    // it started on.
    qint64 recordNumber() const { return m_recordNumber; }
    int lineNumber() const { return m_recordLine; }

    // Known once the first record has been asked for.
    QChar separator() const { return m_separator; }
    TextEncoding encoding() const { return m_decoder.encoding(); }

    // The largest the decoded-text buffer has been, in UTF-16 code units; it
    // shows the memory bound holds.
    qsizetype peakBufferSize() const { return m_peakBuffer; }

    // The separator a sample of text uses: the candidate found the same,
    // non-zero number of times (outside quotes) on each of its first records,
    // the one found most often if none is that regular, ',' if none occurs.
    // `complete` says the sample ends at the end of the input.
    static QChar detectSeparator(QStringView sample, bool complete);

private:
    bool start();
    bool fill();
    bool available();
    void compact();
    void newLine();
    bool readQuoted(QString &field);
    bool readUnquoted(QString &field);
    int column(qsizetype position) const;
    bool fail(CsvError::Kind kind, int line, int column, const QString &what);

    QIODevice *m_device;
    CsvOptions m_options;
    TextDecoder m_decoder;
    QByteArray m_bytes;     // one chunk of raw input
    QString m_buffer;       // decoded text not yet parsed, from the current record on
    qsizetype m_pos = 0;    // the parser's position in m_buffer
    qsizetype m_lineStart = 0;   // where the current physical line starts in m_buffer
    qsizetype m_recordStart = 0; // where the current record starts in m_buffer
    qsizetype m_peakBuffer = 0;
    int m_line = 1;
    int m_recordLine = 0;
    qint64 m_recordNumber = 0;
    qsizetype m_width = -1;
    QChar m_separator;
    bool m_started = false;
    bool m_inputEnded = false;
    bool m_finished = false;
    CsvError m_error;
};

} // namespace pt::io
