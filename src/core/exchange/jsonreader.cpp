#include "exchange/jsonreader.h"

#include <QIODevice>

namespace pt::exchange {

namespace {

constexpr qint64 ChunkSize = 1024 * 1024;
constexpr std::size_t MaxDepth = 64;

bool isDigit(int c)
{
    return c >= '0' && c <= '9';
}

int hexValue(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

void appendUtf8(QByteArray &out, char32_t code)
{
    if (code < 0x80) {
        out += char(code);
    } else if (code < 0x800) {
        out += char(0xc0 | (code >> 6));
        out += char(0x80 | (code & 0x3f));
    } else if (code < 0x10000) {
        out += char(0xe0 | (code >> 12));
        out += char(0x80 | ((code >> 6) & 0x3f));
        out += char(0x80 | (code & 0x3f));
    } else {
        out += char(0xf0 | (code >> 18));
        out += char(0x80 | ((code >> 12) & 0x3f));
        out += char(0x80 | ((code >> 6) & 0x3f));
        out += char(0x80 | (code & 0x3f));
    }
}

// Whether `text` is well-formed UTF-8 (no overlong forms, no surrogates).
bool isValidUtf8(QByteArrayView text)
{
    qsizetype i = 0;
    const qsizetype size = text.size();
    while (i < size) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        int extra = 0;
        char32_t code = 0;
        char32_t minimum = 0;
        if ((c & 0xe0) == 0xc0) {
            extra = 1;
            code = c & 0x1f;
            minimum = 0x80;
        } else if ((c & 0xf0) == 0xe0) {
            extra = 2;
            code = c & 0x0f;
            minimum = 0x800;
        } else if ((c & 0xf8) == 0xf0) {
            extra = 3;
            code = c & 0x07;
            minimum = 0x10000;
        } else {
            return false;
        }
        for (int k = 1; k <= extra; ++k) {
            if (i + k >= size)
                return false;
            const auto next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xc0) != 0x80)
                return false;
            code = (code << 6) | (next & 0x3f);
        }
        if (code < minimum || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff))
            return false;
        i += extra + 1;
    }
    return true;
}

} // namespace

JsonReader::JsonReader(QIODevice &device)
    : m_device(device)
{ }

JsonReader::~JsonReader() = default;

bool JsonReader::refill()
{
    if (m_atEnd)
        return false;
    m_buffer = m_device.read(ChunkSize);
    m_pos = 0;
    if (m_buffer.isEmpty()) {
        m_atEnd = true;
        return false;
    }
    return true;
}

int JsonReader::peek()
{
    if (m_pos >= m_buffer.size() && !refill())
        return -1;
    return static_cast<unsigned char>(m_buffer[m_pos]);
}

void JsonReader::advance()
{
    if (m_buffer[m_pos] == '\n') {
        ++m_line;
        m_column = 1;
    } else {
        ++m_column;
    }
    ++m_pos;
}

void JsonReader::skipWhitespace()
{
    for (;;) {
        const int c = peek();
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            return;
        advance();
    }
}

JsonReader::Token JsonReader::fail(const QString &message)
{
    if (m_token != Token::Invalid)
        m_error = QStringLiteral("line %1, column %2: %3").arg(m_line).arg(m_column).arg(message);
    m_token = Token::Invalid;
    return m_token;
}

JsonReader::Token JsonReader::next()
{
    if (m_token == Token::Invalid)
        return m_token;
    m_text.resize(0); // keeps the capacity: no allocation per token
    skipWhitespace();
    const int c = peek();
    switch (m_expect) {
    case Expect::Done:
        if (c == -1)
            return m_token = Token::EndOfDocument;
        return fail(QStringLiteral("unexpected text after the end of the document"));
    case Expect::Value:
        return readValue();
    case Expect::ValueOrEnd:
        if (c == ']') {
            advance();
            return closeContainer(']');
        }
        return readValue();
    case Expect::NameOrEnd:
        if (c == '}') {
            advance();
            return closeContainer('}');
        }
        return readName();
    case Expect::Name:
        return readName();
    case Expect::CommaOrEnd: {
        const char open = m_stack.back();
        const char close = open == '{' ? '}' : ']';
        if (c == ',') {
            advance();
            skipWhitespace();
            return open == '{' ? readName() : readValue();
        }
        if (c == close) {
            advance();
            return closeContainer(close);
        }
        if (c == -1)
            return fail(QStringLiteral("the document ends inside an %1").arg(open == '{' ? u"object" : u"array"));
        return fail(QStringLiteral("expected ',' or '%1'").arg(QLatin1Char(close)));
    }
    }
    return fail(QStringLiteral("internal error"));
}

JsonReader::Token JsonReader::afterValue(Token token)
{
    m_expect = m_stack.empty() ? Expect::Done : Expect::CommaOrEnd;
    return m_token = token;
}

JsonReader::Token JsonReader::closeContainer(char closing)
{
    m_stack.pop_back();
    return afterValue(closing == '}' ? Token::EndObject : Token::EndArray);
}

JsonReader::Token JsonReader::readName()
{
    if (peek() != '"')
        return fail(peek() == -1 ? QStringLiteral("the document ends inside an object")
                                 : QStringLiteral("expected a member name in double quotes"));
    if (!readString())
        return m_token;
    skipWhitespace();
    if (peek() != ':')
        return fail(QStringLiteral("expected ':' after the member name \"%1\"").arg(text()));
    advance();
    m_expect = Expect::Value;
    return m_token = Token::Name;
}

JsonReader::Token JsonReader::readValue()
{
    const int c = peek();
    switch (c) {
    case '{':
    case '[':
        if (m_stack.size() >= MaxDepth)
            return fail(QStringLiteral("nested more than %1 levels deep").arg(MaxDepth));
        advance();
        m_stack.push_back(char(c));
        m_expect = c == '{' ? Expect::NameOrEnd : Expect::ValueOrEnd;
        return m_token = c == '{' ? Token::BeginObject : Token::BeginArray;
    case '"':
        return readString() ? afterValue(Token::String) : m_token;
    case 't':
        return readLiteral("true") ? afterValue(Token::True) : m_token;
    case 'f':
        return readLiteral("false") ? afterValue(Token::False) : m_token;
    case 'n':
        return readLiteral("null") ? afterValue(Token::Null) : m_token;
    case -1:
        return fail(QStringLiteral("the document ends where a value was expected"));
    default:
        if (c == '-' || isDigit(c))
            return readNumber() ? afterValue(Token::Number) : m_token;
        if (c >= 0x20 && c < 0x7f)
            return fail(QStringLiteral("unexpected character '%1'").arg(QLatin1Char(char(c))));
        return fail(QStringLiteral("unexpected byte 0x%1").arg(c, 2, 16, QLatin1Char('0')));
    }
}

bool JsonReader::readLiteral(const char *word)
{
    for (const char *p = word; *p; ++p) {
        if (peek() != *p) {
            fail(QStringLiteral("expected '%1'").arg(QLatin1StringView(word)));
            return false;
        }
        advance();
    }
    return true;
}

bool JsonReader::readNumber()
{
    const auto take = [this] {
        m_text += m_buffer[m_pos];
        advance();
    };
    if (peek() == '-')
        take();
    if (peek() == '0') {
        take();
    } else if (isDigit(peek())) {
        while (isDigit(peek()))
            take();
    } else {
        fail(QStringLiteral("expected a digit"));
        return false;
    }
    if (peek() == '.') {
        take();
        if (!isDigit(peek())) {
            fail(QStringLiteral("expected a digit after the decimal point"));
            return false;
        }
        while (isDigit(peek()))
            take();
    }
    if (peek() == 'e' || peek() == 'E') {
        take();
        if (peek() == '+' || peek() == '-')
            take();
        if (!isDigit(peek())) {
            fail(QStringLiteral("expected a digit in the exponent"));
            return false;
        }
        while (isDigit(peek()))
            take();
    }
    return true;
}

bool JsonReader::readEscape()
{
    advance(); // the backslash
    const int c = peek();
    if (c == -1) {
        fail(QStringLiteral("the document ends inside a string"));
        return false;
    }
    advance();
    switch (c) {
    case '"':
    case '\\':
    case '/':
        m_text += char(c);
        return true;
    case 'b':
        m_text += '\b';
        return true;
    case 'f':
        m_text += '\f';
        return true;
    case 'n':
        m_text += '\n';
        return true;
    case 'r':
        m_text += '\r';
        return true;
    case 't':
        m_text += '\t';
        return true;
    case 'u':
        break;
    default:
        fail(QStringLiteral("'\\%1' is not an escape of JSON").arg(QLatin1Char(char(c))));
        return false;
    }
    const auto hex4 = [this](char32_t &value) {
        value = 0;
        for (int i = 0; i < 4; ++i) {
            const int digit = hexValue(peek());
            if (digit < 0) {
                fail(QStringLiteral("expected four hexadecimal digits after \\u"));
                return false;
            }
            value = value * 16 + char32_t(digit);
            advance();
        }
        return true;
    };
    char32_t code = 0;
    if (!hex4(code))
        return false;
    if (code >= 0xdc00 && code <= 0xdfff) {
        fail(QStringLiteral("a lone low surrogate \\u%1").arg(uint(code), 4, 16, QLatin1Char('0')));
        return false;
    }
    if (code >= 0xd800 && code <= 0xdbff) {
        char32_t low = 0;
        if (peek() != '\\') {
            fail(QStringLiteral("a high surrogate without its low half"));
            return false;
        }
        advance();
        if (peek() != 'u') {
            fail(QStringLiteral("a high surrogate without its low half"));
            return false;
        }
        advance();
        if (!hex4(low))
            return false;
        if (low < 0xdc00 || low > 0xdfff) {
            fail(QStringLiteral("a high surrogate without its low half"));
            return false;
        }
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
    }
    appendUtf8(m_text, code);
    return true;
}

bool JsonReader::readString()
{
    advance(); // the opening quote
    m_text.resize(0); // keeps the capacity: no allocation per token
    bool wide = false;
    for (;;) {
        if (m_pos >= m_buffer.size() && !refill()) {
            fail(QStringLiteral("the document ends inside a string"));
            return false;
        }
        // The plain run up to the next quote, backslash or control character, in one go.
        const char *data = m_buffer.constData();
        qsizetype end = m_pos;
        const qsizetype size = m_buffer.size();
        while (end < size) {
            const auto c = static_cast<unsigned char>(data[end]);
            if (c == '"' || c == '\\' || c < 0x20)
                break;
            wide |= c >= 0x80;
            ++end;
        }
        m_text.append(data + m_pos, end - m_pos);
        m_column += int(end - m_pos);
        m_pos = end;
        if (end == size)
            continue;
        const auto c = static_cast<unsigned char>(data[end]);
        if (c == '"') {
            advance();
            break;
        }
        if (c == '\\') {
            if (!readEscape())
                return false;
            continue;
        }
        fail(QStringLiteral("a control character (0x%1) inside a string; write it as an escape")
                 .arg(uint(c), 2, 16, QLatin1Char('0')));
        return false;
    }
    if (wide && !isValidUtf8(m_text)) {
        fail(QStringLiteral("a string that is not valid UTF-8"));
        return false;
    }
    return true;
}

JsonReader::Token JsonReader::skipValue()
{
    if (m_token != Token::BeginObject && m_token != Token::BeginArray)
        return m_token;
    int depth = 1;
    while (depth > 0) {
        switch (next()) {
        case Token::BeginObject:
        case Token::BeginArray:
            ++depth;
            break;
        case Token::EndObject:
        case Token::EndArray:
            --depth;
            break;
        case Token::Invalid:
            return m_token;
        default:
            break;
        }
    }
    return m_token;
}

} // namespace pt::exchange
