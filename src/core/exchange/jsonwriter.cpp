#include "exchange/jsonwriter.h"

#include <QIODevice>

namespace pt::exchange {

namespace {

constexpr qsizetype FlushAt = 256 * 1024;

void appendEscaped(QByteArray &out, QStringView text)
{
    static constexpr char Hex[] = "0123456789abcdef";
    out += '"';
    const QByteArray utf8 = text.toUtf8();
    for (const char c : utf8) {
        const auto u = static_cast<unsigned char>(c);
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (u < 0x20) {
                out += "\\u00";
                out += Hex[u >> 4];
                out += Hex[u & 0xf];
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

} // namespace

JsonWriter::JsonWriter(QIODevice &device)
    : m_device(device)
{
    m_buffer.reserve(FlushAt + 4096);
}

JsonWriter::~JsonWriter() = default;

void JsonWriter::newline(int depth)
{
    m_buffer += '\n';
    m_buffer.append(qsizetype(depth) * 2, ' ');
}

void JsonWriter::beforeValue()
{
    if (m_afterName) {
        m_afterName = false;
        return;
    }
    if (m_levels.empty())
        return;
    Level &level = m_levels.back();
    if (!level.empty)
        m_buffer += ',';
    level.empty = false;
    if (level.breakLines)
        newline(int(m_levels.size()));
}

void JsonWriter::flushIfFull()
{
    if (m_buffer.size() >= FlushAt)
        (void)finish();
}

void JsonWriter::name(QStringView name)
{
    beforeValue();
    appendEscaped(m_buffer, name);
    m_buffer += ':';
    m_afterName = true;
}

void JsonWriter::beginObject(bool breakLines)
{
    beforeValue();
    m_buffer += '{';
    m_levels.push_back({ breakLines, true, true });
}

void JsonWriter::endObject()
{
    const Level level = m_levels.back();
    m_levels.pop_back();
    if (level.breakLines && !level.empty)
        newline(int(m_levels.size()));
    m_buffer += '}';
    if (m_levels.empty())
        m_buffer += '\n';
    flushIfFull();
}

void JsonWriter::beginArray(bool breakLines)
{
    beforeValue();
    m_buffer += '[';
    m_levels.push_back({ breakLines, true, false });
}

void JsonWriter::endArray()
{
    const Level level = m_levels.back();
    m_levels.pop_back();
    if (level.breakLines && !level.empty)
        newline(int(m_levels.size()));
    m_buffer += ']';
    flushIfFull();
}

void JsonWriter::string(QStringView text)
{
    beforeValue();
    appendEscaped(m_buffer, text);
}

void JsonWriter::latin1String(QByteArrayView text)
{
    beforeValue();
    m_buffer += '"';
    m_buffer += text;
    m_buffer += '"';
}

void JsonWriter::integer(std::int64_t value)
{
    beforeValue();
    m_buffer += QByteArray::number(qlonglong(value));
}

void JsonWriter::boolean(bool value)
{
    beforeValue();
    m_buffer += value ? "true" : "false";
}

void JsonWriter::null()
{
    beforeValue();
    m_buffer += "null";
}

bool JsonWriter::finish()
{
    if (m_buffer.isEmpty() || !m_ok)
        return m_ok;
    const qint64 written = m_device.write(m_buffer);
    if (written != m_buffer.size()) {
        m_ok = false;
        m_error = m_device.errorString();
    }
    m_written += m_buffer.size();
    m_buffer.clear();
    return m_ok;
}

} // namespace pt::exchange
