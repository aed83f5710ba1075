#pragma once

#include <QByteArray>
#include <QChar>
#include <QString>
#include <QStringList>

class QIODevice;

namespace pt::io {

// Writes RFC 4180 CSV as UTF-8 (no byte order mark): records end with CRLF;
// a field is put in double quotes, with its quotes doubled, when it holds the
// delimiter, a quote, a line break, or starts or ends with a space (which a
// reader might trim). Output is buffered and written in blocks.
class CsvWriter
{
public:
    explicit CsvWriter(QIODevice *device, QChar delimiter = u',');
    ~CsvWriter();
    CsvWriter(const CsvWriter &) = delete;
    CsvWriter &operator=(const CsvWriter &) = delete;

    void writeRecord(const QStringList &fields);
    // Writes out what is buffered; false if the device refused it.
    bool flush();

    bool hasError() const { return !m_error.isEmpty(); }
    QString errorString() const { return m_error; }

    // One field as it is written.
    static QString escaped(const QString &field, QChar delimiter = u',');

private:
    QIODevice *m_device;
    QChar m_delimiter;
    QByteArray m_buffer;
    QString m_error;
};

} // namespace pt::io
