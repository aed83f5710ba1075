#include "marketdata/coingeckoparser.h"

#include "marketdata/barvalidator.h"
#include "marketdata/jsonsupport.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>

#include <map>

namespace pt::marketdata::coingecko {

namespace {

constexpr std::int64_t MsPerDay = 86'400'000;

QString envelopeError(const QJsonObject &root)
{
    QJsonObject status = root.value(QLatin1StringView("status")).toObject();
    const QJsonValue error = root.value(QLatin1StringView("error"));
    if (error.isString()) {
        const QString text = error.toString();
        if (text.contains(QLatin1StringView("not found"), Qt::CaseInsensitive))
            return QStringLiteral("unknown coin id (CoinGecko: \"%1\")").arg(text);
        return QStringLiteral("CoinGecko error \"%1\"").arg(text);
    }
    if (error.isObject())
        status = error.toObject().value(QLatin1StringView("status")).toObject();
    if (!status.contains(QLatin1StringView("error_code")) && !status.contains(QLatin1StringView("error_message")))
        return {};
    const auto code = json::integer(status.value(QLatin1StringView("error_code"))).value_or(0);
    const QString message = status.value(QLatin1StringView("error_message")).toString();
    if (code == 10012)
        return QStringLiteral(
                   "the range reaches past the 365 days CoinGecko serves without a paid plan (error 10012: %1)")
            .arg(message);
    if (code == 429)
        return QStringLiteral("rate limited (CoinGecko error 429: %1)").arg(message);
    return QStringLiteral("CoinGecko error %1: %2").arg(code).arg(message);
}

Result<QJsonDocument> document(const QByteArray &body)
{
    return json::parseAnswer(body, envelopeError);
}

struct Point
{
    std::int64_t ms = 0;
    std::optional<Decimal> value;
};

// [[ms, value], ...]; a malformed entry is an error, a null value is kept as missing.
Result<std::vector<Point>> points(const QJsonObject &root, const char *name)
{
    const QJsonValue value = root.value(QLatin1StringView(name));
    if (value.isUndefined())
        return std::vector<Point>();
    if (!value.isArray())
        return Error { QStringLiteral("\"%1\" is not an array").arg(QLatin1StringView(name)) };
    std::vector<Point> result;
    const QJsonArray array = value.toArray();
    result.reserve(size_t(array.size()));
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonArray pair = array.at(i).toArray();
        const auto ms = json::integer(pair.at(0));
        if (pair.size() < 2 || !ms || !json::checkedMilliseconds(*ms))
            return Error {
                QStringLiteral("%1[%2] is not a [milliseconds, value] pair").arg(QLatin1StringView(name)).arg(i)
            };
        result.push_back({ *ms, json::decimal(pair.at(1)) });
    }
    return result;
}

// The day a point closes: the UTC day containing t - 1 ms (see the header).
QDate closingDay(std::int64_t ms)
{
    return json::utcDateOfMs(ms - 1);
}

bool isMidnight(std::int64_t ms)
{
    return ms % MsPerDay == 0;
}

} // namespace

QString errorIn(const QByteArray &body)
{
    auto parsed = json::parse(body);
    if (!parsed || !parsed->isObject())
        return {};
    return envelopeError(parsed->object());
}

Result<History> parseMarketChart(const QByteArray &body, const QString &vsCurrency)
{
    auto parsed = document(body);
    if (!parsed)
        return Error { parsed.error() };
    if (!parsed->isObject())
        return Error { QStringLiteral("expected a JSON object with \"prices\", got %1").arg(json::excerpt(body)) };
    const QJsonObject root = parsed->object();
    if (!root.contains(QLatin1StringView("prices")))
        return Error { QStringLiteral("no \"prices\" in the answer: %1").arg(json::excerpt(body)) };
    auto prices = points(root, "prices");
    if (!prices)
        return Error { prices.error() };
    auto volumes = points(root, "total_volumes");
    if (!volumes)
        return Error { volumes.error() };

    History history;
    history.currency = vsCurrency.toUpper();
    history.timeZone = QStringLiteral("UTC");

    std::vector<Point> &series = *prices;
    std::stable_sort(series.begin(), series.end(), [](const Point &a, const Point &b) { return a.ms < b.ms; });
    if (!series.empty() && !isMidnight(series.back().ms)) {
        history.notes << QStringLiteral("dropped the live price of %1 (not a daily close)")
                             .arg(QDateTime::fromMSecsSinceEpoch(series.back().ms, Qt::UTC).toString(Qt::ISODate));
        series.pop_back();
    }
    std::map<std::int64_t, Decimal> volumeAt;
    for (const Point &point : *volumes) {
        if (point.value)
            volumeAt[point.ms] = point.value->rounded(2);
    }

    QStringList withoutPrice;
    for (const Point &point : series) {
        DailyPrice bar;
        bar.date = closingDay(point.ms);
        if (!point.value) {
            withoutPrice << bar.date.toString(Qt::ISODate);
            continue;
        }
        bar.close = *point.value;
        bar.adjustedClose = bar.close; // no splits or dividends in crypto
        if (const auto volume = volumeAt.find(point.ms); volume != volumeAt.end())
            bar.volume = volume->second;
        history.bars.push_back(bar);
    }
    if (!withoutPrice.isEmpty()) {
        history.notes << QStringLiteral("dropped %1 point(s) without a price: %2")
                             .arg(withoutPrice.size())
                             .arg(withoutPrice.join(QStringLiteral(", ")));
    }
    // Several points of one day (hourly granularity): the last is the close.
    QStringList ignored;
    keepLastBarPerDate(history.bars, ignored);
    return history;
}

Result<std::vector<Quote>> parseSimplePrice(const QByteArray &body)
{
    auto parsed = document(body);
    if (!parsed)
        return Error { parsed.error() };
    if (!parsed->isObject())
        return Error { QStringLiteral("expected a JSON object keyed by coin id, got %1").arg(json::excerpt(body)) };
    const QJsonObject root = parsed->object();
    std::vector<Quote> quotes;
    for (auto coin = root.begin(); coin != root.end(); ++coin) {
        const QJsonObject fields = coin.value().toObject();
        QDateTime time;
        if (const auto seconds = json::integer(fields.value(QLatin1StringView("last_updated_at")));
            seconds && json::checkedSeconds(*seconds))
            time = QDateTime::fromSecsSinceEpoch(*seconds, Qt::UTC);
        for (auto field = fields.begin(); field != fields.end(); ++field) {
            // "usd" is a price; "usd_market_cap", "usd_24h_vol", "last_updated_at" are not.
            if (field.key().contains(u'_'))
                continue;
            const auto price = json::decimal(field.value());
            if (!price || !price->isPositive())
                continue;
            Quote quote;
            quote.symbol = coin.key();
            quote.price = *price;
            quote.currency = field.key().toUpper();
            quote.time = time;
            quotes.push_back(quote);
        }
    }
    return quotes;
}

Result<std::vector<SearchHit>> parseSearch(const QByteArray &body)
{
    auto parsed = document(body);
    if (!parsed)
        return Error { parsed.error() };
    const QJsonValue coins = parsed->object().value(QLatin1StringView("coins"));
    if (!parsed->isObject() || !coins.isArray())
        return Error { QStringLiteral("no \"coins\" array in the answer: %1").arg(json::excerpt(body)) };
    std::vector<SearchHit> hits;
    for (const QJsonValue &value : coins.toArray()) {
        const QJsonObject coin = value.toObject();
        SearchHit hit;
        hit.sourceId = coin.value(QLatin1StringView("id")).toString();
        hit.symbol = coin.value(QLatin1StringView("symbol")).toString().toUpper();
        hit.name = coin.value(QLatin1StringView("name")).toString();
        if (hit.sourceId.isEmpty() || hit.symbol.isEmpty())
            continue;
        hit.assetClass = AssetClass::Crypto;
        hit.dataSource = QStringLiteral("coingecko");
        hits.push_back(hit);
    }
    return hits;
}

} // namespace pt::marketdata::coingecko
