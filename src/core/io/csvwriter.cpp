#include "io/csvwriter.h"

#include <QIODevice>

namespace pt::io {

namespace {

constexpr qsizetype FlushAt = 64 * 1024;

} // namespace

CsvWriter::CsvWriter(QIODevice *device, QChar delimiter) : m_device(device), m_delimiter(delimiter) {}

CsvWriter::~CsvWriter()
{
    flush();
}

QString CsvWriter::escaped(const QString &field, QChar delimiter)
{
    bool quote = !field.isEmpty() && (field.front() == u' ' || field.back() == u' ');
    for (const QChar c : field) {
        if (c == delimiter || c == u'"' || c == u'\n' || c == u'\r') {
            quote = true;
            break;
        }
    }
    if (!quote)
        return field;
    QString text = field;
    text.replace(u'"', QStringLiteral("\"\""));
    return u'"' + text + u'"';
}

void CsvWriter::writeRecord(const QStringList &fields)
{
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i > 0)
            m_buffer += QStringView(&m_delimiter, 1).toUtf8();
        m_buffer += escaped(fields[i], m_delimiter).toUtf8();
    }
    m_buffer += "\r\n";
    if (m_buffer.size() >= FlushAt)
        flush();
}

bool CsvWriter::flush()
{
    if (m_buffer.isEmpty() || hasError())
        return !hasError();
    if (!m_device || m_device->write(m_buffer) != m_buffer.size()) {
        m_error = m_device ? m_device->errorString() : QStringLiteral("no device to write to");
        if (m_error.isEmpty())
            m_error = QStringLiteral("could not write");
    }
    m_buffer.clear();
    return !hasError();
}

} // namespace pt::io
