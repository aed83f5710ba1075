#pragma once

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <vector>

class QIODevice;

namespace pt::exchange {

// Reads JSON (RFC 8259, UTF-8) from a device token by token, a megabyte at a
// time, so a document of any size is read in constant memory: what a book's
// millions of daily bars need, and what QJsonDocument (the whole tree in
// memory) cannot do. It checks the grammar as it goes; the first error stops
// it with the line and column where it was found.
class JsonReader final
{
public:
    enum class Token {
        BeginObject,
        EndObject,
        BeginArray,
        EndArray,
        Name, // a member's name; its value follows
        String,
        Number,
        True,
        False,
        Null,
        EndOfDocument,
        Invalid, // see errorString()
    };

    explicit JsonReader(QIODevice &device);
    ~JsonReader();
    Q_DISABLE_COPY_MOVE(JsonReader)

    Token next();
    Token token() const { return m_token; }

    // Name and String: the decoded text; Number: the number as written.
    QString text() const { return QString::fromUtf8(m_text); }
    // The same as UTF-8, valid until the next call of next().
    QByteArrayView utf8() const { return m_text; }

    // After a token that starts a value: skips the rest of it (a whole object
    // or array after Begin...). Returns the value's last token, or Invalid.
    Token skipValue();

    bool hasError() const { return m_token == Token::Invalid; }
    // "line 3, column 14: expected ':' after a member's name"
    QString errorString() const { return m_error; }

    // Where the next token starts (1-based; columns count bytes).
    int line() const { return m_line; }
    int column() const { return m_column; }

private:
    enum class Expect { Value, ValueOrEnd, NameOrEnd, Name, CommaOrEnd, Done };

    int peek();
    void advance();
    bool refill();
    void skipWhitespace();
    Token fail(const QString &message);
    Token readValue();
    Token readName();
    Token closeContainer(char closing);
    Token afterValue(Token token);
    bool readString();
    bool readEscape();
    bool readNumber();
    bool readLiteral(const char *word);

    QIODevice &m_device;
    QByteArray m_buffer;
    qsizetype m_pos = 0;
    bool m_atEnd = false;
    QByteArray m_text;
    std::vector<char> m_stack; // '{' or '[' per open container
    Expect m_expect = Expect::Value;
    Token m_token = Token::EndOfDocument;
    QString m_error;
    int m_line = 1;
    int m_column = 1;
};

} // namespace pt::exchange
