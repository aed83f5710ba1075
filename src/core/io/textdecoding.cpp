#include "io/textdecoding.h"

#include <array>

namespace pt::io {

namespace {

// Windows-1252 differs from Latin-1 only in 0x80-0x9F, where it has printable
// characters (the euro sign, curly quotes, dashes, Š/š, Ž/ž, Œ/œ, Ÿ). Its five
// unassigned bytes (81, 8D, 8F, 90, 9D) map to the C1 controls of the same
// value, as the WHATWG encoding standard does, so every byte decodes.
constexpr std::array<char16_t, 32> Windows1252High = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

struct Utf8Scan
{
    qsizetype validLength = 0;   // prefix made of complete, valid sequences
    qsizetype firstNonAscii = 0; // index of the first byte >= 0x80, or the size
    bool invalid = false;        // an invalid sequence starts at validLength;
                                 // otherwise what follows validLength is an
                                 // incomplete sequence cut by the chunk's end
};

// A strict UTF-8 check (RFC 3629): no overlong forms, no surrogates, nothing
// above U+10FFFF.
Utf8Scan scanUtf8(QByteArrayView bytes)
{
    Utf8Scan scan;
    const auto *data = reinterpret_cast<const unsigned char *>(bytes.data());
    const qsizetype size = bytes.size();
    scan.firstNonAscii = size;
    qsizetype i = 0;
    while (i < size) {
        const unsigned char lead = data[i];
        if (lead < 0x80) {
            ++i;
            continue;
        }
        if (scan.firstNonAscii == size)
            scan.firstNonAscii = i;
        int length = 0;
        unsigned char low = 0x80;
        unsigned char high = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            if (lead == 0xE0)
                low = 0xA0; // overlong
            else if (lead == 0xED)
                high = 0x9F; // surrogates
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            if (lead == 0xF0)
                low = 0x90; // overlong
            else if (lead == 0xF4)
                high = 0x8F; // above U+10FFFF
        } else {
            scan.validLength = i;
            scan.invalid = true;
            return scan;
        }
        for (int k = 1; k < length; ++k) {
            if (i + k >= size) {
                scan.validLength = i;
                return scan; // incomplete, not (yet) invalid
            }
            const unsigned char next = data[i + k];
            if (next < (k == 1 ? low : 0x80) || next > (k == 1 ? high : 0xBF)) {
                scan.validLength = i;
                scan.invalid = true;
                return scan;
            }
        }
        i += length;
    }
    scan.validLength = size;
    return scan;
}

bool startsWith(QByteArrayView data, QByteArrayView prefix)
{
    return data.size() >= prefix.size() && data.first(prefix.size()) == prefix;
}

const QByteArrayView Utf8Bom("\xEF\xBB\xBF", 3);
const QByteArrayView Utf16LEBom("\xFF\xFE", 2);
const QByteArrayView Utf16BEBom("\xFE\xFF", 2);

bool mayBecomeBom(QByteArrayView data)
{
    for (const QByteArrayView bom : {Utf8Bom, Utf16LEBom, Utf16BEBom}) {
        if (data.size() < bom.size() && bom.first(data.size()) == data)
            return true;
    }
    return false;
}

} // namespace

QString encodingName(TextEncoding encoding)
{
    switch (encoding) {
    case TextEncoding::Utf8: return QStringLiteral("UTF-8");
    case TextEncoding::Utf8Bom: return QStringLiteral("UTF-8 with BOM");
    case TextEncoding::Utf16LE: return QStringLiteral("UTF-16LE");
    case TextEncoding::Utf16BE: return QStringLiteral("UTF-16BE");
    case TextEncoding::Windows1252: return QStringLiteral("Windows-1252");
    }
    return {};
}

QString fromWindows1252(QByteArrayView bytes)
{
    QString text(bytes.size(), Qt::Uninitialized);
    QChar *out = text.data();
    for (const char byte : bytes) {
        const auto b = static_cast<unsigned char>(byte);
        *out++ = (b >= 0x80 && b <= 0x9F) ? QChar(Windows1252High[b - 0x80]) : QChar(char16_t(b));
    }
    return text;
}

TextEncoding TextDecoder::encoding() const
{
    switch (m_state) {
    case State::Start:
    case State::Ascii:
    case State::Utf8: return TextEncoding::Utf8;
    case State::Utf8Bom: return TextEncoding::Utf8Bom;
    case State::Utf16LE: return TextEncoding::Utf16LE;
    case State::Utf16BE: return TextEncoding::Utf16BE;
    case State::Windows1252: return TextEncoding::Windows1252;
    }
    return TextEncoding::Utf8;
}

QString TextDecoder::errorString() const
{
    if (!hasError())
        return {};
    return QStringLiteral("The file is not valid %1: invalid or truncated bytes at byte offset %2")
        .arg(encodingName(encoding()))
        .arg(m_errorOffset);
}

void TextDecoder::setError(qint64 offset)
{
    if (m_errorOffset < 0)
        m_errorOffset = offset;
}

QString TextDecoder::decode(QByteArrayView bytes)
{
    return process(bytes, false);
}

QString TextDecoder::finish()
{
    return process({}, true);
}

QString TextDecoder::process(QByteArrayView bytes, bool final)
{
    // Only a few held-back bytes are ever joined to the new chunk.
    QByteArray joined;
    QByteArrayView data = bytes;
    if (!m_pending.isEmpty()) {
        joined = m_pending + bytes;
        m_pending.clear();
        data = joined;
    }

    if (m_state == State::Start) {
        // QStringDecoder's own BOM handling is switched off (ConvertInitialBom):
        // the BOM is recognised and dropped here, so a U+FEFF after it stays text.
        const auto flags = QStringDecoder::Flag::ConvertInitialBom;
        if (startsWith(data, Utf8Bom)) {
            m_state = State::Utf8Bom;
            m_decoder = QStringDecoder(QStringDecoder::Utf8, flags);
            data = data.sliced(Utf8Bom.size());
            m_offset += Utf8Bom.size();
        } else if (startsWith(data, Utf16LEBom)) {
            m_state = State::Utf16LE;
            m_decoder = QStringDecoder(QStringDecoder::Utf16LE, flags);
            data = data.sliced(Utf16LEBom.size());
            m_offset += Utf16LEBom.size();
        } else if (startsWith(data, Utf16BEBom)) {
            m_state = State::Utf16BE;
            m_decoder = QStringDecoder(QStringDecoder::Utf16BE, flags);
            data = data.sliced(Utf16BEBom.size());
            m_offset += Utf16BEBom.size();
        } else if (!final && mayBecomeBom(data)) {
            m_pending = data.toByteArray();
            return {};
        } else {
            m_state = State::Ascii;
        }
    }

    switch (m_state) {
    case State::Start:
        break;
    case State::Ascii: {
        const Utf8Scan scan = scanUtf8(data);
        if (scan.firstNonAscii == data.size()) {
            m_offset += data.size();
            return QString::fromLatin1(data);
        }
        // Invalid UTF-8 without a BOM: the file was written in a legacy 8-bit
        // code page, in practice by Windows software (Excel's "CSV", bank
        // exports). Windows-1252 is its superset of Latin-1 and decodes every
        // byte, so the text is always readable; everything before was ASCII,
        // the same in both, so no earlier text changes.
        if (scan.invalid || (final && scan.validLength < data.size())) {
            m_state = State::Windows1252;
            m_offset += data.size();
            return fromWindows1252(data);
        }
        if (scan.firstNonAscii < scan.validLength) {
            m_state = State::Utf8;
            m_decoder = QStringDecoder(QStringDecoder::Utf8, QStringDecoder::Flag::ConvertInitialBom);
            return decodeUtf8(data, final);
        }
        // Only the start of a sequence cut by the chunk's end: wait for the rest.
        m_pending = data.sliced(scan.validLength).toByteArray();
        m_offset += scan.validLength;
        return QString::fromLatin1(data.first(scan.validLength));
    }
    case State::Utf8:
    case State::Utf8Bom:
        return decodeUtf8(data, final);
    case State::Utf16LE:
    case State::Utf16BE:
        return decodeUtf16(data, final);
    case State::Windows1252:
        m_offset += data.size();
        return fromWindows1252(data);
    }
    return {};
}

QString TextDecoder::decodeUtf8(QByteArrayView data, bool final)
{
    if (hasError()) {
        m_offset += data.size();
        return m_decoder.decode(data); // already replacing what is invalid
    }
    const Utf8Scan scan = scanUtf8(data);
    if (scan.invalid || (final && scan.validLength < data.size())) {
        setError(m_offset + scan.validLength);
        m_offset += data.size();
        QString text = m_decoder.decode(data);
        if (!scan.invalid)
            text += QChar::ReplacementCharacter; // the decoder keeps a cut sequence to itself
        return text;
    }
    // The decoder only ever sees whole sequences; a cut one waits in m_pending.
    m_pending = data.sliced(scan.validLength).toByteArray();
    m_offset += scan.validLength;
    return m_decoder.decode(data.first(scan.validLength));
}

QString TextDecoder::decodeUtf16(QByteArrayView data, bool final)
{
    // The stateful decoder joins code units and surrogate pairs split across chunks.
    const qint64 before = m_offset;
    m_offset += data.size();
    QString text = m_decoder.decode(data);
    if (m_decoder.hasError())
        setError(before);
    if (final && m_offset % 2 != 0) {
        setError(m_offset - 1);
        text += QChar::ReplacementCharacter;
    }
    return text;
}

DecodedText decodeText(QByteArrayView bytes)
{
    // One final chunk holding everything: the streaming decoder's first
    // non-ASCII chunk is the whole text, so its UTF-8 check covers every byte.
    TextDecoder decoder;
    DecodedText result;
    result.text = decoder.process(bytes, true);
    result.encoding = decoder.encoding();
    result.hadErrors = decoder.hasError();
    return result;
}

} // namespace pt::io
