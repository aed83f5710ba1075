#include "marketdata/backoff.h"

#include <QLocale>
#include <QRandomGenerator>
#include <QTimeZone>

#include <algorithm>
#include <cmath>

namespace pt::marketdata::backoff {

using std::chrono::milliseconds;

milliseconds ceiling(int attempt, milliseconds base, milliseconds cap)
{
    if (base <= milliseconds(0) || cap <= milliseconds(0))
        return milliseconds(0);
    const int doublings = std::clamp(attempt - 1, 0, 62);
    // Stop doubling once past the cap, so nothing overflows.
    milliseconds value = base;
    for (int i = 0; i < doublings && value < cap; ++i)
        value *= 2;
    return std::min(value, cap);
}

milliseconds delay(int attempt, milliseconds base, milliseconds cap, double unitRandom)
{
    const double unit = std::clamp(unitRandom, 0.0, 1.0);
    const auto upper = ceiling(attempt, base, cap);
    return milliseconds(static_cast<milliseconds::rep>(std::floor(double(upper.count()) * unit)));
}

milliseconds delay(int attempt, milliseconds base, milliseconds cap)
{
    return delay(attempt, base, cap, QRandomGenerator::global()->generateDouble());
}

std::optional<milliseconds> parseRetryAfter(const QByteArray &value, const QDateTime &now)
{
    const QByteArray text = value.trimmed();
    if (text.isEmpty())
        return std::nullopt;

    // delta-seconds: 1*DIGIT
    if (std::all_of(text.cbegin(), text.cend(), [](char c) { return c >= '0' && c <= '9'; })) {
        bool ok = false;
        const qlonglong seconds = text.toLongLong(&ok);
        // Absurdly long values are capped rather than overflowing.
        if (!ok)
            return milliseconds(std::chrono::hours(24 * 365));
        return milliseconds(std::min<qlonglong>(seconds, 365LL * 24 * 3600) * 1000);
    }

    // HTTP-date. IMF-fixdate first, then the two obsolete forms RFC 7231 still accepts.
    const QString date = QString::fromLatin1(text).simplified();
    const QLocale c = QLocale::c();
    QDateTime when = c.toDateTime(date, QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!when.isValid())
        when = c.toDateTime(date, QStringLiteral("ddd MMM d HH:mm:ss yyyy")); // asctime
    if (!when.isValid()) {
        // RFC 850: "Sunday, 06-Nov-94 08:49:37 GMT". Qt reads a two-digit year as
        // 19xx and would then refuse the weekday, so the weekday is dropped and the
        // year taken within the 50 years from now, as RFC 7231 says.
        const qsizetype comma = date.indexOf(u',');
        if (comma > 0) {
            when = c.toDateTime(date.mid(comma + 1).trimmed(), QStringLiteral("dd-MMM-yy HH:mm:ss 'GMT'"));
            while (when.isValid() && when.date().year() < now.date().year() - 50)
                when = when.addYears(100);
        }
    }
    if (when.isValid()) {
        when.setTimeZone(QTimeZone::utc()); // same fields, read as GMT
        return milliseconds(std::max<qint64>(0, now.msecsTo(when)));
    }
    return std::nullopt;
}

std::optional<milliseconds> parseRetryAfter(const QByteArray &value)
{
    return parseRetryAfter(value, QDateTime::currentDateTimeUtc());
}

} // namespace pt::marketdata::backoff
