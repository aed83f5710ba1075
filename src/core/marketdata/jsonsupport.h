#pragma once

#include "money/decimal.h"
#include "result.h"

#include <QByteArray>
#include <QDate>
#include <QJsonDocument>
#include <QString>

#include <cstdint>
#include <optional>

class QJsonObject;
class QJsonValue;

// Small pieces every response parser needs: JSON that may not be JSON, numbers
// that may be null, strings, or out of range, and Unix times that may be absurd.
namespace pt::marketdata::json {

// The body as a JSON document, or an error saying what the body was instead:
// empty, an HTML page, a plain-text rate-limit message, or JSON broken at an offset.
Result<QJsonDocument> parse(const QByteArray &body);
// parse(), then the provider's error envelope: `envelopeError` reads an object
// answer and returns the provider's error message, or nothing when it is data.
Result<QJsonDocument> parseAnswer(const QByteArray &body, QString (*envelopeError)(const QJsonObject &object));

// What a non-JSON body says, shortened to one printable line for a message.
QString excerpt(const QByteArray &body, qsizetype maxLength = 80);

// A JSON number as an exact decimal (shortest form of the double); nullopt for
// null, missing, non-numbers and non-finite values.
std::optional<Decimal> decimal(const QJsonValue &value);
// A decimal given as JSON text ("0.01634790"), as Binance sends prices.
std::optional<Decimal> decimalText(const QJsonValue &value);
// A JSON number that is a whole number fitting in 64 bits; nullopt otherwise.
std::optional<std::int64_t> integer(const QJsonValue &value);

// Unix times as dates, refusing instants outside 1900..2200 (the sign of a
// garbled field, and out of reach of date arithmetic surprises).
std::optional<std::int64_t> checkedSeconds(std::int64_t seconds);
std::optional<std::int64_t> checkedMilliseconds(std::int64_t milliseconds);
// The UTC calendar day of an instant given in milliseconds.
QDate utcDateOfMs(std::int64_t milliseconds);

} // namespace pt::marketdata::json
