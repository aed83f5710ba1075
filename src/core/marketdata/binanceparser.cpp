#include "marketdata/binanceparser.h"

#include "marketdata/jsonsupport.h"

#include <QJsonArray>
#include <QJsonObject>

namespace pt::marketdata::binance {

namespace {

// Kline field positions (BN rest-api.md).
enum KlineField {
    OpenTime = 0,
    Open = 1,
    High = 2,
    Low = 3,
    Close = 4,
    Volume = 5,
    CloseTime = 6,
    KlineFieldCount = 12,
};

QString envelopeError(const QJsonObject &root)
{
    if (!root.contains(QLatin1StringView("code")) || !root.contains(QLatin1StringView("msg")))
        return {};
    const auto code = json::integer(root.value(QLatin1StringView("code"))).value_or(0);
    const QString message = root.value(QLatin1StringView("msg")).toString();
    switch (code) {
    case -1121:
        return QStringLiteral("unknown symbol (Binance %1: \"%2\")").arg(code).arg(message);
    case -1003:
        return QStringLiteral("rate limited (Binance %1: \"%2\")").arg(code).arg(message);
    default:
        return QStringLiteral("Binance error %1: \"%2\"").arg(code).arg(message);
    }
}

Result<QJsonDocument> document(const QByteArray &body)
{
    return json::parseAnswer(body, envelopeError);
}

Result<Decimal> field(const QJsonArray &row, int index, qsizetype rowIndex)
{
    const auto value = json::decimalText(row.at(index));
    if (!value) {
        return Error { QStringLiteral("kline %1, field %2: \"%3\" is not a decimal string")
                           .arg(rowIndex)
                           .arg(index)
                           .arg(row.at(index).toVariant().toString().left(40)) };
    }
    return *value;
}

} // namespace

QString errorIn(const QByteArray &body)
{
    auto parsed = json::parse(body);
    if (!parsed || !parsed->isObject())
        return {};
    return envelopeError(parsed->object());
}

Result<KlinePage> parseKlines(const QByteArray &body, std::int64_t nowMs)
{
    auto parsed = document(body);
    if (!parsed)
        return Error { parsed.error() };
    if (!parsed->isArray())
        return Error { QStringLiteral("expected an array of klines, got %1").arg(json::excerpt(body)) };
    const QJsonArray rows = parsed->array();

    KlinePage page;
    page.rowCount = int(rows.size());
    page.bars.reserve(size_t(rows.size()));
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const QJsonArray row = rows.at(i).toArray();
        if (row.size() < KlineFieldCount) {
            return Error {
                QStringLiteral("kline %1 has %2 fields, expected %3").arg(i).arg(row.size()).arg(int(KlineFieldCount))
            };
        }
        const auto openTime = json::integer(row.at(OpenTime));
        const auto closeTime = json::integer(row.at(CloseTime));
        if (!openTime || !closeTime || !json::checkedMilliseconds(*openTime) || !json::checkedMilliseconds(*closeTime))
            return Error {
                QStringLiteral("kline %1: open or close time is not a plausible time in milliseconds").arg(i)
            };
        if (*openTime <= page.lastOpenTimeMs)
            return Error { QStringLiteral("kline %1: open times do not increase").arg(i) };
        page.lastOpenTimeMs = *openTime;
        if (i == rows.size() - 1 && *closeTime > nowMs) {
            page.notes << QStringLiteral("dropped the kline of %1: still open")
                              .arg(json::utcDateOfMs(*openTime).toString(Qt::ISODate));
            continue;
        }
        DailyPrice bar;
        bar.date = json::utcDateOfMs(*openTime);
        const std::pair<Decimal *, int> fields[] = {
            { &bar.open, Open }, { &bar.high, High }, { &bar.low, Low }, { &bar.close, Close }, { &bar.volume, Volume }
        };
        for (const auto &[target, index] : fields) {
            auto value = field(row, index, i);
            if (!value)
                return Error { value.error() };
            *target = *value;
        }
        bar.adjustedClose = bar.close; // no splits or dividends in crypto
        page.bars.push_back(bar);
    }
    return page;
}

Result<std::vector<Quote>> parseTickerPrices(const QByteArray &body, const QDateTime &now)
{
    auto parsed = document(body);
    if (!parsed)
        return Error { parsed.error() };
    QJsonArray items;
    if (parsed->isArray())
        items = parsed->array();
    else
        items.append(parsed->object());
    std::vector<Quote> quotes;
    for (const QJsonValue &value : items) {
        const QJsonObject item = value.toObject();
        Quote quote;
        quote.symbol = item.value(QLatin1StringView("symbol")).toString();
        const auto price = json::decimalText(item.value(QLatin1StringView("price")));
        if (quote.symbol.isEmpty() || !price || !price->isPositive())
            continue;
        quote.price = *price;
        quote.time = now.toUTC();
        quotes.push_back(quote);
    }
    if (quotes.empty() && !items.isEmpty() && !items.at(0).toObject().isEmpty())
        return Error { QStringLiteral("no symbol with a price in the answer: %1").arg(json::excerpt(body)) };
    return quotes;
}

} // namespace pt::marketdata::binance
