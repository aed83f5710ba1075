#pragma once

#include <QByteArray>
#include <QString>
#include <QStringDecoder>

namespace pt::io {

// The encodings a text file is read in. Detection, in order: a UTF-8 or
// UTF-16 byte order mark; otherwise UTF-8 if the bytes are valid UTF-8;
// otherwise Windows-1252 (Latin-1 with the printable 0x80-0x9F range of
// Windows, which is what "ANSI" exports from Excel and banks really are).
enum class TextEncoding {
    Utf8,        // no BOM; plain ASCII reports this too
    Utf8Bom,
    Utf16LE,     // with BOM FF FE
    Utf16BE,     // with BOM FE FF
    Windows1252,
};

// "UTF-8", "UTF-8 with BOM", "UTF-16LE", "UTF-16BE", "Windows-1252".
QString encodingName(TextEncoding encoding);

// Decodes a byte stream piece by piece, detecting its encoding from the bytes
// themselves: feed every chunk to decode(), then call finish() once. Memory
// is bounded by the chunk: at most three bytes of a split sequence are held.
//
// Without a BOM the stream is taken as ASCII until the first chunk containing
// a complete non-ASCII sequence decides it: valid UTF-8 commits to UTF-8,
// anything else to Windows-1252. As every earlier byte was ASCII, identical in
// both, nothing already returned has to be decoded again. Invalid bytes in a
// stream already committed to UTF-8 (a file mixing encodings) or UTF-16 are
// replaced by U+FFFD and reported through hasError().
class TextDecoder
{
public:
    TextDecoder() = default;

    QString decode(QByteArrayView bytes);
    // Flushes what is held back at the end of the input (a lone BOM prefix,
    // an incomplete sequence).
    QString finish();

    // The encoding detected so far: Utf8 until the bytes say otherwise.
    TextEncoding encoding() const;
    // True once the encoding can no longer change.
    bool isDecided() const { return m_state != State::Start && m_state != State::Ascii; }

    // Invalid or truncated input was met; the text has U+FFFD in its place.
    bool hasError() const { return m_errorOffset >= 0; }
    // Byte offset of the first invalid byte in the input, or -1.
    qint64 errorOffset() const { return m_errorOffset; }
    QString errorString() const;

private:
    friend struct DecodedText decodeText(QByteArrayView bytes);

    enum class State { Start, Ascii, Utf8, Utf8Bom, Utf16LE, Utf16BE, Windows1252 };

    QString process(QByteArrayView bytes, bool final);
    QString decodeUtf8(QByteArrayView data, bool final);
    QString decodeUtf16(QByteArrayView data, bool final);
    void setError(qint64 offset);

    State m_state = State::Start;
    QByteArray m_pending;   // held back: a possible BOM or a split UTF-8 sequence
    qint64 m_offset = 0;    // bytes of input before m_pending
    qint64 m_errorOffset = -1;
    QStringDecoder m_decoder;
};

// A whole buffer decoded at once, for small files. Unlike the streaming
// decoder, the UTF-8 check covers every byte: any invalid sequence sends the
// whole text to Windows-1252.
struct DecodedText
{
    QString text;
    TextEncoding encoding = TextEncoding::Utf8;
    bool hadErrors = false; // only possible with UTF-16 (or UTF-8 with BOM)
};
DecodedText decodeText(QByteArrayView bytes);

// Windows-1252 to text, for bytes known to be in it.
QString fromWindows1252(QByteArrayView bytes);

} // namespace pt::io
