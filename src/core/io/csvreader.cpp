#include "io/csvreader.h"

#include <QIODevice>

#include <algorithm>
#include <array>
#include <vector>

namespace pt::io {

namespace {

constexpr QChar Quote = u'"';
constexpr QChar LineFeed = u'\n';
constexpr QChar CarriageReturn = u'\r';

// Detection looks at up to this much text and this many records.
constexpr qsizetype DetectionSampleLength = 64 * 1024;
constexpr int DetectionRecords = 20;

bool isLineBreak(QChar c)
{
    return c == LineFeed || c == CarriageReturn;
}

} // namespace

CsvReader::CsvReader(QIODevice *device, CsvOptions options)
    : m_device(device), m_options(std::move(options))
{
    m_options.chunkSize = std::max<qsizetype>(m_options.chunkSize, 1);
    const QChar wanted = m_options.separator;
    if (!wanted.isNull() && wanted != Quote && !isLineBreak(wanted))
        m_separator = wanted;
}

CsvReader::~CsvReader() = default;

QChar CsvReader::detectSeparator(QStringView sample, bool complete)
{
    constexpr std::array<QChar, 3> candidates = {u',', u';', u'\t'};
    using Counts = std::array<int, candidates.size()>;

    // Separators outside quotes, per record (quoted line breaks do not end one).
    std::vector<Counts> records;
    Counts counts{};
    bool inQuotes = false;
    bool empty = true;
    for (const QChar c : sample) {
        if (c == Quote) {
            inQuotes = !inQuotes; // a doubled quote toggles twice
            empty = false;
        } else if (!inQuotes && isLineBreak(c)) {
            if (!empty)
                records.push_back(counts);
            counts = {};
            empty = true;
            if (records.size() >= DetectionRecords)
                break;
        } else {
            empty = false;
            if (!inQuotes) {
                for (std::size_t k = 0; k < candidates.size(); ++k)
                    counts[k] += c == candidates[k] ? 1 : 0;
            }
        }
    }
    // The last record counts if the sample is the whole input, or if it is
    // all there is (one long first record).
    if (!empty && (complete || records.empty()))
        records.push_back(counts);
    if (records.empty())
        return candidates[0];

    // Prefer a separator found equally often on every record, the most per
    // record; then the one found most often; ties go to the earlier candidate.
    std::size_t best = candidates.size();
    int bestPerRecord = 0;
    for (std::size_t k = 0; k < candidates.size(); ++k) {
        const int first = records.front()[k];
        const bool regular = first > 0
            && std::all_of(records.cbegin(), records.cend(), [&](const Counts &r) { return r[k] == first; });
        if (regular && first > bestPerRecord) {
            best = k;
            bestPerRecord = first;
        }
    }
    if (best < candidates.size())
        return candidates[best];

    int bestTotal = 0;
    best = 0;
    for (std::size_t k = 0; k < candidates.size(); ++k) {
        int total = 0;
        for (const Counts &r : records)
            total += r[k];
        if (total > bestTotal) {
            best = k;
            bestTotal = total;
        }
    }
    return candidates[best];
}

bool CsvReader::next(QStringList &record)
{
    record.clear();
    if (m_finished)
        return false;
    const auto stop = [&] {
        record.clear();
        m_finished = true;
        return false;
    };
    if (!m_started && !start())
        return stop();

    // Lines holding nothing are not records.
    for (;;) {
        compact();
        if (!available())
            return stop();
        const QChar c = m_buffer.at(m_pos);
        if (!isLineBreak(c))
            break;
        ++m_pos;
        if (c == CarriageReturn && available() && m_buffer.at(m_pos) == LineFeed)
            ++m_pos;
        newLine();
    }

    m_recordStart = m_pos;
    m_recordLine = m_line;
    ++m_recordNumber;
    for (;;) {
        QString field;
        const bool more = available();
        if (hasError())
            return stop();
        const bool ok = more && m_buffer.at(m_pos) == Quote ? readQuoted(field) : readUnquoted(field);
        if (!ok)
            return stop();
        record.append(std::move(field));

        // Each reader stops at a separator, a line break or the end of the input.
        if (!available()) {
            if (hasError())
                return stop();
            break;
        }
        const QChar c = m_buffer.at(m_pos);
        ++m_pos;
        if (c == m_separator)
            continue;
        if (c == CarriageReturn && available() && m_buffer.at(m_pos) == LineFeed)
            ++m_pos;
        newLine();
        break;
    }

    if (m_options.requireUniformWidth) {
        if (m_width < 0) {
            m_width = record.size();
        } else if (record.size() != m_width) {
            fail(CsvError::UnevenRecord, m_recordLine, 1,
                 QStringLiteral("record %1 has %2 fields where the first record has %3")
                     .arg(m_recordNumber)
                     .arg(record.size())
                     .arg(m_width));
            return stop();
        }
    }
    return true;
}

bool CsvReader::start()
{
    m_started = true;
    if (!m_device || !m_device->isReadable())
        return fail(CsvError::Device, 0, 0, QStringLiteral("the file is not open for reading"));
    while (!m_inputEnded && m_buffer.size() < DetectionSampleLength) {
        if (!fill())
            return false;
    }
    if (m_separator.isNull())
        m_separator = detectSeparator(m_buffer, m_inputEnded);
    return true;
}

// Reads and decodes one chunk onto the end of the buffer; false on an error.
// A read of nothing is the end of the input: the device is a file or a
// buffer, read synchronously.
bool CsvReader::fill()
{
    m_bytes.resize(m_options.chunkSize);
    const qint64 read = m_device->read(m_bytes.data(), m_bytes.size());
    if (read < 0) {
        m_inputEnded = true;
        return fail(CsvError::Device, m_line, 0,
                    QStringLiteral("the file could not be read: %1").arg(m_device->errorString()));
    }
    if (read == 0) {
        m_inputEnded = true;
        m_buffer += m_decoder.finish();
    } else {
        m_buffer += m_decoder.decode(QByteArrayView(m_bytes.constData(), read));
    }
    m_peakBuffer = std::max(m_peakBuffer, m_buffer.capacity());
    if (m_decoder.hasError())
        return fail(CsvError::Encoding, m_line, 0, m_decoder.errorString());
    return true;
}

// True if there is text at m_pos, reading more input as needed.
bool CsvReader::available()
{
    while (m_pos >= m_buffer.size()) {
        if (m_inputEnded || hasError())
            return false;
        if (m_buffer.size() - m_recordStart > m_options.maxRecordLength) {
            fail(CsvError::RecordTooLong, m_recordLine, 1,
                 QStringLiteral("the record starting here is longer than %1 characters "
                                "(is a quote never closed?)")
                     .arg(m_options.maxRecordLength));
            return false;
        }
        if (!fill())
            return false;
    }
    return true;
}

// Drops the text already parsed, between records, so the buffer holds one
// record and what has been decoded beyond it.
void CsvReader::compact()
{
    if (m_pos == 0 || (m_pos < m_options.chunkSize && m_pos * 2 < m_buffer.size()))
        return;
    m_buffer.remove(0, m_pos);
    m_lineStart -= m_pos;
    m_recordStart = 0;
    m_pos = 0;
}

void CsvReader::newLine()
{
    ++m_line;
    m_lineStart = m_pos;
}

int CsvReader::column(qsizetype position) const
{
    return int(position - m_lineStart + 1);
}

bool CsvReader::readUnquoted(QString &field)
{
    const qsizetype begin = m_pos;
    while (available()) {
        // Scan what is decoded without a call per character.
        const QChar *const data = m_buffer.constData();
        const qsizetype size = m_buffer.size();
        qsizetype i = m_pos;
        while (i < size && data[i] != m_separator && !isLineBreak(data[i]) && data[i] != Quote)
            ++i;
        m_pos = i;
        if (i == size)
            continue;
        if (data[i] == Quote) {
            return fail(CsvError::StrayQuote, m_line, column(m_pos),
                        QStringLiteral("a quote inside a field that does not start with one "
                                       "(quote the whole field and double the quotes in it)"));
        }
        break;
    }
    if (hasError())
        return false;
    field = m_buffer.mid(begin, m_pos - begin);
    return true;
}

bool CsvReader::readQuoted(QString &field)
{
    const int openLine = m_line;
    const int openColumn = column(m_pos);
    ++m_pos; // the opening quote
    qsizetype begin = m_pos;
    for (;;) {
        if (!available()) {
            if (hasError())
                return false;
            return fail(CsvError::UnterminatedQuote, openLine, openColumn,
                        QStringLiteral("the quoted field that starts here is never closed"));
        }
        const QChar *const data = m_buffer.constData();
        const qsizetype size = m_buffer.size();
        while (m_pos < size && data[m_pos] != Quote && !isLineBreak(data[m_pos]))
            ++m_pos;
        if (m_pos == size)
            continue;
        const QChar c = data[m_pos];
        ++m_pos;
        if (c == Quote) {
            field += QStringView(m_buffer).mid(begin, m_pos - 1 - begin);
            if (available() && m_buffer.at(m_pos) == Quote) { // "" is one quote
                field += Quote;
                ++m_pos;
                begin = m_pos;
                continue;
            }
            break;
        }
        if (c == CarriageReturn && available() && m_buffer.at(m_pos) == LineFeed)
            ++m_pos;
        newLine();
    }
    if (!available())
        return !hasError();
    const QChar after = m_buffer.at(m_pos);
    if (after == m_separator || isLineBreak(after))
        return true;
    return fail(CsvError::StrayQuote, m_line, column(m_pos),
                QStringLiteral("text after the closing quote of a quoted field "
                               "(a quote inside a quoted field must be doubled)"));
}

bool CsvReader::fail(CsvError::Kind kind, int line, int column, const QString &what)
{
    if (hasError())
        return false;
    m_error.kind = kind;
    m_error.record = m_recordNumber;
    m_error.line = line;
    m_error.column = column;
    if (line > 0 && column > 0)
        m_error.message = QStringLiteral("Line %1, column %2: %3").arg(line).arg(column).arg(what);
    else if (line > 0)
        m_error.message = QStringLiteral("Line %1: %2").arg(line).arg(what);
    else
        m_error.message = what;
    return false;
}

} // namespace pt::io
