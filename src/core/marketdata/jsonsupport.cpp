#include "marketdata/jsonsupport.h"

#include <QJsonObject>

#include <QDateTime>
#include <QJsonParseError>
#include <QJsonValue>

#include <cmath>

namespace pt::marketdata::json {

namespace {

// 1900-01-01 and 2200-01-01, in seconds since the Unix epoch.
constexpr std::int64_t EarliestSeconds = -2208988800;
constexpr std::int64_t LatestSeconds = 7258118400;

} // namespace

QString excerpt(const QByteArray &body, qsizetype maxLength)
{
    QString text = QString::fromUtf8(body.left(maxLength * 4)).simplified();
    for (QChar &c : text) {
        if (!c.isPrint())
            c = u'?';
    }
    if (text.size() > maxLength)
        text = text.left(maxLength) + QStringLiteral("...");
    return text;
}

Result<QJsonDocument> parseAnswer(const QByteArray &body, QString (*envelopeError)(const QJsonObject &object))
{
    auto parsed = parse(body);
    if (!parsed)
        return parsed;
    if (parsed->isObject()) {
        if (QString error = envelopeError(parsed->object()); !error.isEmpty())
            return Error { error };
    }
    return parsed;
}

Result<QJsonDocument> parse(const QByteArray &body)
{
    const QByteArray trimmed = body.trimmed();
    if (trimmed.isEmpty())
        return Error { QStringLiteral("the answer is empty") };
    if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) {
        if (trimmed.contains("Too Many Requests"))
            return Error { QStringLiteral("rate limited: \"%1\"").arg(excerpt(trimmed)) };
        if (trimmed.contains("Will be right back"))
            return Error { QStringLiteral("the service is down (an outage page instead of data)") };
        if (trimmed.startsWith('<'))
            return Error { QStringLiteral("an HTML page instead of JSON: \"%1\"").arg(excerpt(trimmed)) };
        return Error { QStringLiteral("not JSON: \"%1\"").arg(excerpt(trimmed)) };
    }

    QJsonParseError error;
    QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError) {
        return Error { QStringLiteral("not valid JSON (%1 at byte %2 of %3): \"%4\"")
                           .arg(error.errorString())
                           .arg(error.offset)
                           .arg(body.size())
                           .arg(excerpt(trimmed)) };
    }
    return document;
}

std::optional<Decimal> decimal(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    const double number = value.toDouble();
    if (!std::isfinite(number))
        return std::nullopt;
    const Decimal result = Decimal::fromDouble(number);
    if (!result.isValid())
        return std::nullopt;
    return result;
}

std::optional<Decimal> decimalText(const QJsonValue &value)
{
    if (!value.isString())
        return std::nullopt;
    auto parsed = Decimal::parse(value.toString());
    if (!parsed || !parsed->isValid())
        return std::nullopt;
    return *parsed;
}

std::optional<std::int64_t> integer(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    // QJsonValue keeps integers that fit in 64 bits exactly; doubles beyond
    // 2^53 lose nothing we need (times are far below).
    const double number = value.toDouble();
    if (!std::isfinite(number) || std::trunc(number) != number || std::fabs(number) > 9.0e18)
        return std::nullopt;
    return value.toInteger(std::int64_t(number));
}

std::optional<std::int64_t> checkedSeconds(std::int64_t seconds)
{
    if (seconds < EarliestSeconds || seconds > LatestSeconds)
        return std::nullopt;
    return seconds;
}

std::optional<std::int64_t> checkedMilliseconds(std::int64_t milliseconds)
{
    if (milliseconds < EarliestSeconds * 1000 || milliseconds > LatestSeconds * 1000)
        return std::nullopt;
    return milliseconds;
}

QDate utcDateOfMs(std::int64_t milliseconds)
{
    return QDateTime::fromMSecsSinceEpoch(milliseconds, Qt::UTC).date();
}

} // namespace pt::marketdata::json
