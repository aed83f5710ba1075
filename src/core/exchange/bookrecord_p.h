#pragma once

// The values of a book document and the record that holds them, with the
// checks every member gets: private to pt_exchange (bookparser*.cpp).

#include "domain/types.h"
#include "exchange/jsonreader.h"
#include "result.h"
#include "store/sqlrows.h"

#include <QByteArray>
#include <QDate>
#include <QString>

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

namespace pt::exchange::detail {

using Token = JsonReader::Token;

inline QString tokenName(JsonReader::Token token)
{
    switch (token) {
    case Token::BeginObject:
        return QStringLiteral("an object");
    case Token::BeginArray:
        return QStringLiteral("an array");
    case Token::String:
        return QStringLiteral("a string");
    case Token::Number:
        return QStringLiteral("a number");
    case Token::True:
    case Token::False:
        return QStringLiteral("true or false");
    case Token::Null:
        return QStringLiteral("null");
    default:
        return QStringLiteral("the end of a container");
    }
}

// Text of a value for a message: at most 40 characters of it.
inline QString shown(const QString &text)
{
    return text.size() > 40 ? text.left(37) + QStringLiteral("...") : text;
}

// Where a value is, for an error message: a path, or what makes one (the
// bars' paths are only put together when something is wrong with one).
inline QString place(const QString &where)
{
    return where;
}
template<typename MakePath> QString place(const MakePath &where)
{
    return where();
}

// The canonical text nearly every value has ("-1234.5678", at most 18 digits
// and 12 decimals) straight into a Decimal, without a detour through UTF-16;
// anything else goes to Decimal's own parser (the store's decimalFromUtf8).
inline Decimal decimalFromText(QByteArrayView text)
{
    static constexpr std::int64_t Powers[]
        = { 1,          10,          100,           1000,           10'000,          100'000,          1'000'000,
            10'000'000, 100'000'000, 1'000'000'000, 10'000'000'000, 100'000'000'000, 1'000'000'000'000 };
    const char *p = text.data();
    const char *const end = p + text.size();
    const bool negative = p != end && *p == '-';
    if (negative)
        ++p;
    std::int64_t value = 0;
    int integerDigits = 0;
    int fractionDigits = -1; // -1: no decimal point
    bool leadingZero = false;
    for (; p != end; ++p) {
        const char c = *p;
        if (c >= '0' && c <= '9') {
            if (fractionDigits < 0) {
                if (integerDigits == 1 && leadingZero)
                    return store::decimalFromUtf8(text); // "007"
                leadingZero = integerDigits == 0 && c == '0';
                ++integerDigits;
            } else {
                ++fractionDigits;
            }
            if (integerDigits + std::max(fractionDigits, 0) > 18)
                return store::decimalFromUtf8(text);
            value = value * 10 + (c - '0');
        } else if (c == '.' && fractionDigits < 0 && integerDigits > 0) {
            fractionDigits = 0;
        } else {
            return store::decimalFromUtf8(text);
        }
    }
    if (integerDigits == 0 || fractionDigits == 0 || fractionDigits > Decimal::Scale)
        return store::decimalFromUtf8(text);
    const Decimal::Raw raw = Decimal::Raw(value) * Powers[Decimal::Scale - std::max(fractionDigits, 0)];
    return Decimal::fromRaw(negative ? -raw : raw);
}

// A decimal of the document: a JSON string holding "-1234.5678" (never a JSON
// number, which other programs read as a binary double).
template<typename Where> Result<Decimal> parseDecimal(const Where &where, Token token, QByteArrayView utf8)
{
    if (token == Token::String) {
        const Decimal value = decimalFromText(utf8);
        if (value.isValid())
            return value;
        return Error { QStringLiteral("%1: '%2' is not a number").arg(place(where), shown(QString::fromUtf8(utf8))) };
    }
    if (token == Token::Number)
        return Error { QStringLiteral("%1: %2 is a JSON number; decimals are written as strings (\"%2\") so they "
                                      "stay exact")
                           .arg(place(where), QString::fromUtf8(utf8)) };
    return Error { QStringLiteral("%1: expected a decimal as a string, found %2").arg(place(where), tokenName(token)) };
}

template<typename Where> Result<QDate> parseDate(const Where &where, Token token, QByteArrayView utf8)
{
    if (token != Token::String)
        return Error { QStringLiteral("%1: expected a date as a string (\"2024-03-31\"), found %2")
                           .arg(place(where), tokenName(token)) };
    const QDate date = store::isoDateFrom(utf8);
    if (!date.isValid())
        return Error {
            QStringLiteral("%1: '%2' is not a date (YYYY-MM-DD)").arg(place(where), shown(QString::fromUtf8(utf8)))
        };
    return date;
}

inline Result<std::int64_t> parseInteger(const QString &where, JsonReader::Token token, QByteArrayView utf8)
{
    if (token != Token::Number)
        return Error { QStringLiteral("%1: expected a whole number, found %2").arg(where, tokenName(token)) };
    bool ok = false;
    const qlonglong value = QByteArray(utf8.data(), utf8.size()).toLongLong(&ok);
    if (!ok)
        return Error { QStringLiteral("%1: %2 is not a whole number").arg(where, QString::fromUtf8(utf8)) };
    return std::int64_t(value);
}

// A member of a record: a scalar value as the reader gave it.
struct Member
{
    QString name;
    Token token = Token::Null;
    QByteArray utf8;
};

// What the bar arrays hold, by position.
inline constexpr std::array<const char16_t *, 7> BarFields
    = { u"date", u"open", u"high", u"low", u"close", u"adjustedClose", u"volume" };

// The scalar members of one record of the document, with typed getters whose
// errors name the member by its path.
class Record
{
public:
    explicit Record(QString path)
        : m_path(std::move(path))
    { }

    const QString &path() const { return m_path; }
    QString at(QStringView name) const { return m_path + u'.' + name; }
    std::vector<Member> &members() { return m_members; }

    const Member *find(QStringView name) const
    {
        for (const Member &member : m_members) {
            if (member.name == name)
                return &member;
        }
        return nullptr;
    }
    bool has(QStringView name) const
    {
        const Member *member = find(name);
        return member && member->token != Token::Null;
    }

    Result<QString> text(QStringView name, std::optional<QString> fallback = std::nullopt) const
    {
        const Member *member = find(name);
        if (!member || member->token == Token::Null) {
            if (fallback)
                return *fallback;
            return Error { at(name) + QStringLiteral(": missing") };
        }
        if (member->token != Token::String)
            return Error { QStringLiteral("%1: expected a string, found %2").arg(at(name), tokenName(member->token)) };
        return QString::fromUtf8(member->utf8);
    }
    // A UUID: its canonical text (lower case, no braces), or empty when
    // absent and optional.
    Result<QString> uuid(QStringView name, bool required = true) const
    {
        if (!required && !has(name))
            return QString();
        auto value = text(name);
        if (!value)
            return value;
        const QUuid uuid = QUuid::fromString(*value);
        if (uuid.isNull())
            return Error { QStringLiteral("%1: '%2' is not a UUID").arg(at(name), shown(*value)) };
        return store::uuidText(uuid);
    }
    // Absent or null: zero.
    Result<Decimal> decimal(QStringView name, bool required = false) const
    {
        const Member *member = find(name);
        if (!member || member->token == Token::Null) {
            if (required)
                return Error { at(name) + QStringLiteral(": missing") };
            return Decimal();
        }
        return parseDecimal(at(name), member->token, member->utf8);
    }
    Result<QDate> date(QStringView name) const
    {
        const Member *member = find(name);
        if (!member)
            return Error { at(name) + QStringLiteral(": missing") };
        return parseDate(at(name), member->token, member->utf8);
    }
    Result<std::int64_t> integer(QStringView name, std::optional<std::int64_t> fallback = std::nullopt) const
    {
        const Member *member = find(name);
        if (!member || member->token == Token::Null) {
            if (fallback)
                return *fallback;
            return Error { at(name) + QStringLiteral(": missing") };
        }
        return parseInteger(at(name), member->token, member->utf8);
    }
    Result<bool> boolean(QStringView name, bool fallback) const
    {
        const Member *member = find(name);
        if (!member || member->token == Token::Null)
            return fallback;
        if (member->token != Token::True && member->token != Token::False)
            return Error {
                QStringLiteral("%1: expected true or false, found %2").arg(at(name), tokenName(member->token))
            };
        return member->token == Token::True;
    }
    Result<RecordStamp> stamp() const
    {
        RecordStamp stamp;
        auto uuidText = uuid(u"uuid");
        if (!uuidText)
            return Error { uuidText.error() };
        stamp.uuid = QUuid::fromString(*uuidText);
        auto created = integer(u"createdAt");
        if (!created)
            return Error { created.error() };
        auto updated = integer(u"updatedAt");
        if (!updated)
            return Error { updated.error() };
        auto deleted = boolean(u"deleted", false);
        if (!deleted)
            return Error { deleted.error() };
        if (*created < 0 || *updated < 0)
            return Error { at(*created < 0 ? u"createdAt" : u"updatedAt")
                           + QStringLiteral(": a time in milliseconds since 1970 cannot be negative") };
        stamp.createdAt = *created;
        stamp.updatedAt = *updated;
        stamp.deleted = *deleted;
        return stamp;
    }

private:
    QString m_path;
    std::vector<Member> m_members;
};

} // namespace pt::exchange::detail
