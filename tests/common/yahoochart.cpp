#include "yahoochart.h"

#include "fakehttpserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>
#include <QUrlQuery>

#include <memory>

namespace pt::test {

namespace {

const QTimeZone NewYork(QByteArrayLiteral("America/New_York"));

// Yahoo stamps a daily bar at the session open in the exchange's zone.
qint64 sessionOpen(QDate day)
{
    return QDateTime(day, QTime(9, 30), NewYork).toSecsSinceEpoch();
}

double asDouble(const QString &text)
{
    return text.toDouble();
}

} // namespace

QByteArray chartError(const QString &code, const QString &description)
{
    const QJsonObject error{{QStringLiteral("code"), code}, {QStringLiteral("description"), description}};
    const QJsonObject chart{{QStringLiteral("result"), QJsonValue::Null}, {QStringLiteral("error"), error}};
    return QJsonDocument(QJsonObject{{QStringLiteral("chart"), chart}}).toJson(QJsonDocument::Compact);
}

std::vector<QDate> ChartSeries::days(QDate from, QDate to) const
{
    std::vector<QDate> result;
    const QDate start = from.isValid() ? std::max(from, first) : first;
    const QDate end = to.isValid() ? std::min(to, last) : last;
    for (QDate day = start; day <= end; day = day.addDays(1)) {
        if (day.dayOfWeek() <= 5)
            result.push_back(day);
    }
    return result;
}

QString ChartSeries::close(QDate day) const
{
    // A gentle zigzag around a slow rise: never more than a few percent a day.
    const qint64 n = first.daysTo(day);
    const qint64 cents = startCents + n * 3 + (n % 7) * 11;
    return QStringLiteral("%1.%2").arg(cents / 100).arg(cents % 100, 2, 10, QLatin1Char('0'));
}

QByteArray ChartSeries::chartJson(qint64 period1, qint64 period2) const
{
    QJsonArray timestamps, opens, highs, lows, closes, volumes, adjusted;
    for (const QDate day : days()) {
        const qint64 stamp = sessionOpen(day);
        if (stamp < period1 || stamp >= period2)
            continue;
        const double close = asDouble(this->close(day));
        timestamps.append(stamp);
        opens.append(close - 0.5);
        highs.append(close + 1.0);
        lows.append(close - 1.0);
        closes.append(close);
        volumes.append(qint64(1'000'000 + first.daysTo(day)));
        adjusted.append(close);
    }
    QJsonObject events;
    if (splitDay.isValid() && sessionOpen(splitDay) >= period1 && sessionOpen(splitDay) < period2) {
        const QString key = QString::number(sessionOpen(splitDay));
        events.insert(QStringLiteral("splits"),
                      QJsonObject{{key, QJsonObject{{QStringLiteral("date"), sessionOpen(splitDay)},
                                                    {QStringLiteral("numerator"), 4},
                                                    {QStringLiteral("denominator"), 1},
                                                    {QStringLiteral("splitRatio"), QStringLiteral("4:1")}}}});
    }
    if (dividendDay.isValid() && sessionOpen(dividendDay) >= period1 && sessionOpen(dividendDay) < period2) {
        const QString key = QString::number(sessionOpen(dividendDay));
        events.insert(QStringLiteral("dividends"),
                      QJsonObject{{key, QJsonObject{{QStringLiteral("amount"), 0.24},
                                                    {QStringLiteral("date"), sessionOpen(dividendDay)}}}});
    }
    const QJsonObject meta{
        {QStringLiteral("currency"), QStringLiteral("USD")},
        {QStringLiteral("symbol"), symbol},
        {QStringLiteral("exchangeName"), QStringLiteral("NMS")},
        {QStringLiteral("instrumentType"), QStringLiteral("EQUITY")},
        {QStringLiteral("gmtoffset"), -18000},
        {QStringLiteral("timezone"), QStringLiteral("EST")},
        {QStringLiteral("exchangeTimezoneName"), QStringLiteral("America/New_York")},
        {QStringLiteral("priceHint"), 2},
        {QStringLiteral("dataGranularity"), QStringLiteral("1d")},
    };
    QJsonObject result{{QStringLiteral("meta"), meta}};
    if (!timestamps.isEmpty()) {
        result.insert(QStringLiteral("timestamp"), timestamps);
        result.insert(QStringLiteral("indicators"),
                      QJsonObject{{QStringLiteral("quote"),
                                   QJsonArray{QJsonObject{{QStringLiteral("open"), opens},
                                                          {QStringLiteral("high"), highs},
                                                          {QStringLiteral("low"), lows},
                                                          {QStringLiteral("close"), closes},
                                                          {QStringLiteral("volume"), volumes}}}},
                                  {QStringLiteral("adjclose"),
                                   QJsonArray{QJsonObject{{QStringLiteral("adjclose"), adjusted}}}}});
    } else {
        result.insert(QStringLiteral("indicators"),
                      QJsonObject{{QStringLiteral("quote"), QJsonArray{QJsonObject{}}}});
    }
    if (!events.isEmpty())
        result.insert(QStringLiteral("events"), events);
    const QJsonObject root{{QStringLiteral("chart"), QJsonObject{{QStringLiteral("result"), QJsonArray{result}},
                                                                 {QStringLiteral("error"), QJsonValue::Null}}}};
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

std::pair<qint64, qint64> chartPeriod(const QUrl &url)
{
    const QUrlQuery query(url);
    return {query.queryItemValue(QStringLiteral("period1")).toLongLong(),
            query.queryItemValue(QStringLiteral("period2")).toLongLong()};
}

void serveYahoo(FakeHttpServer &server, const std::vector<ChartSeries> &series, int delayMs)
{
    const auto shared = std::make_shared<const std::vector<ChartSeries>>(series);
    server.on("/v8/finance/chart/", [shared, delayMs](const RecordedRequest &request) {
        const QString symbol = request.url.path().section(u'/', -1);
        const auto [period1, period2] = chartPeriod(request.url);
        for (const ChartSeries &one : *shared) {
            if (one.symbol == symbol) {
                FakeReply reply = FakeReply::json(one.chartJson(period1, period2));
                reply.delayMs = delayMs;
                return reply;
            }
        }
        return FakeReply::json(
            chartError(QStringLiteral("Not Found"), QStringLiteral("No data found, symbol may be delisted")), 404);
    });
    server.on("/v1/test/getcrumb", [](const RecordedRequest &) { return FakeReply::text("Crumb123abc"); });
    server.on("/v7/finance/quote", [shared](const RecordedRequest &request) {
        const QStringList symbols =
            QUrlQuery(request.url).queryItemValue(QStringLiteral("symbols"), QUrl::FullyDecoded).split(u',');
        QJsonArray results;
        for (const ChartSeries &one : *shared) {
            if (!symbols.contains(one.symbol))
                continue;
            const QDate day = one.days().back();
            results.append(QJsonObject{{QStringLiteral("symbol"), one.symbol},
                                       {QStringLiteral("quoteType"), QStringLiteral("EQUITY")},
                                       {QStringLiteral("currency"), QStringLiteral("USD")},
                                       {QStringLiteral("priceHint"), 2},
                                       {QStringLiteral("regularMarketPrice"), asDouble(one.close(day))},
                                       {QStringLiteral("regularMarketTime"), sessionOpen(day) + 6 * 3600}});
        }
        const QJsonObject response{{QStringLiteral("result"), results}, {QStringLiteral("error"), QJsonValue::Null}};
        const QJsonObject root{{QStringLiteral("quoteResponse"), response}};
        return FakeReply::json(QJsonDocument(root).toJson(QJsonDocument::Compact));
    });
    // Yahoo's cookie page: what matters is its Set-Cookie.
    server.on("/", [](const RecordedRequest &) {
        FakeReply reply = FakeReply::text("", 404);
        reply.headers.append(
            qMakePair(QByteArrayLiteral("Set-Cookie"), QByteArrayLiteral("A3=d=fake; Path=/; Domain=127.0.0.1")));
        return reply;
    });
}

} // namespace pt::test
