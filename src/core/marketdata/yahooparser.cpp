#include "marketdata/yahooparser.h"

#include "marketdata/barvalidator.h"
#include "marketdata/jsonsupport.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QTimeZone>

#include <algorithm>
#include <cmath>
#include <optional>

namespace pt::marketdata::yahoo {

namespace {

constexpr int DividendPlaces = 6;

// Yahoo's generic error rule: the single top-level object ("chart", "finance",
// "quoteResponse", ...) carrying a non-null error {code, description}.
std::optional<QString> envelopeError(const QJsonObject &root)
{
    for (auto it = root.begin(); it != root.end(); ++it) {
        const QJsonValue error = it.value().toObject().value(QLatin1StringView("error"));
        if (error.isNull() || error.isUndefined())
            continue;
        const QJsonObject object = error.toObject();
        const QString code = object.value(QLatin1StringView("code")).toString();
        QString description = object.value(QLatin1StringView("description")).toString();
        if (description.isEmpty())
            description = error.isString() ? error.toString() : QStringLiteral("no description");
        if (code.contains(QLatin1StringView("not found"), Qt::CaseInsensitive)
            || description.contains(QLatin1StringView("No data found"), Qt::CaseInsensitive))
            return QStringLiteral("unknown symbol (Yahoo: \"%1\")").arg(description);
        return QStringLiteral("Yahoo answered %1 \"%2\"")
            .arg(code.isEmpty() ? QStringLiteral("an error") : code, description);
    }
    return std::nullopt;
}

Result<QJsonObject> rootObject(const QByteArray &body)
{
    auto document = json::parse(body);
    if (!document)
        return Error { document.error() };
    if (!document->isObject())
        return Error { QStringLiteral("expected a JSON object, got %1").arg(json::excerpt(body)) };
    QJsonObject root = document->object();
    if (auto error = envelopeError(root))
        return Error { *error };
    return root;
}

// The exchange day of a bar stamped at `seconds`. Daily bars are stamped at
// the session open in the exchange's zone; a stamp exactly at 22:00 or 23:00
// local belongs to the next day (Yahoo's DST slip, as yfinance corrects it).
QDate exchangeDate(std::int64_t seconds, const QTimeZone &zone)
{
    const QDateTime local = QDateTime::fromSecsSinceEpoch(seconds, zone);
    const QTime time = local.time();
    if ((time == QTime(22, 0) || time == QTime(23, 0)))
        return local.date().addDays(1);
    return local.date();
}

// The IANA zone of that name, or an invalid zone. Only names shaped like IANA
// ids ("America/New_York", "Etc/GMT+5") reach QTimeZone, which looks them up
// as files under the system's zoneinfo folder.
QTimeZone exchangeZone(const QString &name)
{
    const bool plausible = !name.isEmpty() && name.size() <= 64 && !name.startsWith(u'/')
        && !name.contains(QLatin1StringView("..")) && std::all_of(name.begin(), name.end(), [](QChar c) {
               return (c.isLetterOrNumber() && c.unicode() < 128) || c == u'/' || c == u'_' || c == u'-' || c == u'+';
           });
    return plausible ? QTimeZone(name.toLatin1()) : QTimeZone();
}

struct Column
{
    QJsonArray values;
    bool present = false;
};

Result<Column> column(const QJsonObject &object, const char *name, qsizetype count, const char *where)
{
    const QJsonValue value = object.value(QLatin1StringView(name));
    if (value.isUndefined() || value.isNull())
        return Column {};
    if (!value.isArray() || value.toArray().size() != count) {
        return Error { QStringLiteral("%1.%2 has %3 values for %4 timestamps")
                           .arg(QLatin1StringView(where), QLatin1StringView(name))
                           .arg(value.isArray() ? value.toArray().size() : 0)
                           .arg(count) };
    }
    return Column { value.toArray(), true };
}

// Yahoo's prices are float32 values widened to double (188.5500030517578).
// A float32 holds about 7 significant digits, so a price is rounded to those
// -- but never to fewer decimals than meta.priceHint, the decimals Yahoo
// shows: 188.5500030517578 -> 188.55, 67843.359375 -> 67843.36 (priceHint 2),
// 1.0889321565628052 -> 1.088932, and 0.00001234 survives.
Decimal denoised(Decimal value, int priceHint)
{
    if (!value.isValid() || value.isZero())
        return value;
    const double magnitude = std::fabs(value.toDouble());
    const int significant = 7 - int(std::floor(std::log10(magnitude))) - 1;
    return value.rounded(std::clamp(std::max(priceHint, significant), 0, Decimal::Scale));
}

int priceHintOf(const QJsonObject &object)
{
    const auto hint = json::integer(object.value(QLatin1StringView("priceHint")));
    return int(std::clamp<std::int64_t>(hint.value_or(2), 0, Decimal::Scale));
}

Decimal price(const Column &column, qsizetype index, int places)
{
    if (!column.present)
        return Decimal(); // not given
    const auto value = json::decimal(column.values.at(index));
    return value ? denoised(*value, places) : Decimal();
}

QDate eventDate(const QString &key, const QJsonObject &event, const QTimeZone &zone)
{
    std::optional<std::int64_t> seconds = json::integer(event.value(QLatin1StringView("date")));
    if (!seconds) {
        bool ok = false;
        const qlonglong fromKey = key.toLongLong(&ok);
        if (ok)
            seconds = fromKey;
    }
    if (!seconds || !json::checkedSeconds(*seconds))
        return {};
    return exchangeDate(*seconds, zone);
}

void parseEvents(const QJsonObject &events, const QTimeZone &zone, History &history)
{
    const QJsonObject splits = events.value(QLatin1StringView("splits")).toObject();
    for (auto it = splits.begin(); it != splits.end(); ++it) {
        const QJsonObject split = it.value().toObject();
        CorporateAction action;
        action.kind = CorporateAction::Kind::Split;
        action.date = eventDate(it.key(), split, zone);
        action.numerator
            = json::decimal(split.value(QLatin1StringView("numerator"))).value_or(Decimal()).rounded(DividendPlaces);
        action.denominator
            = json::decimal(split.value(QLatin1StringView("denominator"))).value_or(Decimal()).rounded(DividendPlaces);
        if (!action.date.isValid() || !action.numerator.isPositive() || !action.denominator.isPositive()) {
            history.notes
                << QStringLiteral("ignored a split without a date or a positive ratio (key %1)").arg(it.key());
            continue;
        }
        history.actions.push_back(action);
    }
    const QJsonObject dividends = events.value(QLatin1StringView("dividends")).toObject();
    for (auto it = dividends.begin(); it != dividends.end(); ++it) {
        const QJsonObject dividend = it.value().toObject();
        CorporateAction action;
        action.kind = CorporateAction::Kind::Dividend;
        action.date = eventDate(it.key(), dividend, zone);
        action.amount
            = json::decimal(dividend.value(QLatin1StringView("amount"))).value_or(Decimal()).rounded(DividendPlaces);
        action.currency = dividend.value(QLatin1StringView("currency")).toString();
        if (!action.date.isValid() || !action.amount.isPositive()) {
            history.notes
                << QStringLiteral("ignored a dividend without a date or a positive amount (key %1)").arg(it.key());
            continue;
        }
        history.actions.push_back(action);
    }
    std::stable_sort(history.actions.begin(), history.actions.end(),
                     [](const CorporateAction &a, const CorporateAction &b) { return a.date < b.date; });
}

Result<std::vector<DailyPrice>> parseBars(const QJsonObject &result, const QTimeZone &zone, int places,
                                          QStringList &notes)
{
    const QJsonValue timestampValue = result.value(QLatin1StringView("timestamp"));
    if (timestampValue.isUndefined() || timestampValue.isNull())
        return std::vector<DailyPrice>(); // no bars in the window: success
    if (!timestampValue.isArray())
        return Error { QStringLiteral("\"timestamp\" is not an array") };
    const QJsonArray timestamps = timestampValue.toArray();
    const qsizetype count = timestamps.size();

    const QJsonObject indicators = result.value(QLatin1StringView("indicators")).toObject();
    const QJsonObject quote = indicators.value(QLatin1StringView("quote")).toArray().at(0).toObject();
    const QJsonObject adjusted = indicators.value(QLatin1StringView("adjclose")).toArray().at(0).toObject();
    const char *q = "indicators.quote[0]";
    auto open = column(quote, "open", count, q);
    auto high = column(quote, "high", count, q);
    auto low = column(quote, "low", count, q);
    auto close = column(quote, "close", count, q);
    auto volume = column(quote, "volume", count, q);
    auto adjclose = column(adjusted, "adjclose", count, "indicators.adjclose[0]");
    for (const auto *c : { &open, &high, &low, &close, &volume, &adjclose }) {
        if (!c->ok())
            return Error { c->error() };
    }
    if (count > 0 && !close->present)
        return Error { QStringLiteral("%1 timestamps but no close prices").arg(count) };

    std::vector<DailyPrice> bars;
    bars.reserve(size_t(count));
    QStringList withoutClose;
    for (qsizetype i = 0; i < count; ++i) {
        const auto seconds = json::integer(timestamps.at(i));
        if (!seconds || !json::checkedSeconds(*seconds)) {
            notes << QStringLiteral("dropped bar %1: its timestamp is not a plausible Unix time").arg(i);
            continue;
        }
        DailyPrice bar;
        bar.date = exchangeDate(*seconds, zone);
        bar.close = price(*close, i, places);
        if (bar.close.isZero()) { // null: no trade, or not consolidated yet; never 0
            withoutClose << bar.date.toString(Qt::ISODate);
            continue;
        }
        bar.open = price(*open, i, places);
        bar.high = price(*high, i, places);
        bar.low = price(*low, i, places);
        bar.adjustedClose = price(*adjclose, i, places);
        if (volume->present) {
            const auto v = json::decimal(volume->values.at(i));
            bar.volume = v ? v->rounded(0) : Decimal();
        }
        bars.push_back(bar);
    }
    if (!withoutClose.isEmpty()) {
        notes << QStringLiteral("dropped %1 bar(s) without a close: %2")
                     .arg(withoutClose.size())
                     .arg(withoutClose.join(QStringLiteral(", ")));
    }
    keepLastBarPerDate(bars, notes);
    return bars;
}

} // namespace

Result<History> parseChart(const QByteArray &body)
{
    auto root = rootObject(body);
    if (!root)
        return Error { root.error() };
    const QJsonValue chart = root->value(QLatin1StringView("chart"));
    if (!chart.isObject())
        return Error { QStringLiteral("no \"chart\" object in the answer") };
    const QJsonValue results = chart.toObject().value(QLatin1StringView("result"));
    if (!results.isArray() || results.toArray().isEmpty())
        return Error { QStringLiteral("chart.result is empty and chart.error says nothing") };
    const QJsonObject result = results.toArray().at(0).toObject();
    const QJsonObject meta = result.value(QLatin1StringView("meta")).toObject();

    History history;
    history.currency = meta.value(QLatin1StringView("currency")).toString();
    history.timeZone = meta.value(QLatin1StringView("exchangeTimezoneName")).toString();
    QTimeZone zone = exchangeZone(history.timeZone);
    if (!zone.isValid()) {
        history.notes
            << QStringLiteral("unknown exchange time zone \"%1\": bars dated in UTC").arg(history.timeZone.left(64));
        zone = QTimeZone(QByteArrayLiteral("UTC"));
    }
    const int places = priceHintOf(meta);

    auto bars = parseBars(result, zone, places, history.notes);
    if (!bars)
        return Error { bars.error() };
    history.bars = std::move(bars).value();
    parseEvents(result.value(QLatin1StringView("events")).toObject(), zone, history);
    return history;
}

Result<std::vector<Quote>> parseQuotes(const QByteArray &body)
{
    auto root = rootObject(body);
    if (!root)
        return Error { root.error() };
    const QJsonValue response = root->value(QLatin1StringView("quoteResponse"));
    if (!response.isObject())
        return Error { QStringLiteral("no \"quoteResponse\" object in the answer") };
    std::vector<Quote> quotes;
    const QJsonArray results = response.toObject().value(QLatin1StringView("result")).toArray();
    for (const QJsonValue &value : results) {
        const QJsonObject item = value.toObject();
        if (item.value(QLatin1StringView("quoteType")).toString() == QLatin1StringView("NONE"))
            continue; // delisted: treated like an unknown symbol
        const int places = priceHintOf(item);
        const auto price = json::decimal(item.value(QLatin1StringView("regularMarketPrice")));
        Quote quote;
        quote.symbol = item.value(QLatin1StringView("symbol")).toString();
        if (quote.symbol.isEmpty() || !price || !denoised(*price, places).isPositive())
            continue;
        quote.price = denoised(*price, places);
        quote.currency = item.value(QLatin1StringView("currency")).toString();
        if (const auto seconds = json::integer(item.value(QLatin1StringView("regularMarketTime")));
            seconds && json::checkedSeconds(*seconds))
            quote.time = QDateTime::fromSecsSinceEpoch(*seconds, Qt::UTC);
        quotes.push_back(quote);
    }
    return quotes;
}

Result<std::vector<SearchHit>> parseSearch(const QByteArray &body)
{
    auto root = rootObject(body);
    if (!root)
        return Error { root.error() };
    const QJsonValue quotes = root->value(QLatin1StringView("quotes"));
    if (!quotes.isArray() && !quotes.isUndefined())
        return Error { QStringLiteral("\"quotes\" is not an array") };
    static const std::pair<QLatin1StringView, AssetClass> classes[] = {
        { QLatin1StringView("EQUITY"), AssetClass::Stock },
        { QLatin1StringView("ETF"), AssetClass::Etf },
        { QLatin1StringView("MUTUALFUND"), AssetClass::Fund },
        { QLatin1StringView("MONEYMARKET"), AssetClass::Fund },
        { QLatin1StringView("CRYPTOCURRENCY"), AssetClass::Crypto },
        { QLatin1StringView("CURRENCY"), AssetClass::Currency },
        { QLatin1StringView("FUTURE"), AssetClass::Commodity },
        // No index class in the catalog: an index is followed like an equity.
        { QLatin1StringView("INDEX"), AssetClass::Stock },
    };
    std::vector<SearchHit> hits;
    for (const QJsonValue &value : quotes.toArray()) {
        const QJsonObject item = value.toObject();
        const QString symbol = item.value(QLatin1StringView("symbol")).toString();
        const QString type = item.value(QLatin1StringView("quoteType")).toString();
        const auto known = std::find_if(std::begin(classes), std::end(classes),
                                        [&](const auto &entry) { return entry.first == type; });
        if (symbol.isEmpty() || known == std::end(classes))
            continue; // news-like entries, options, NONE
        SearchHit hit;
        hit.symbol = symbol;
        hit.name = item.value(QLatin1StringView("longname")).toString();
        if (hit.name.isEmpty())
            hit.name = item.value(QLatin1StringView("shortname")).toString();
        hit.assetClass = known->second;
        hit.exchange = item.value(QLatin1StringView("exchDisp")).toString();
        if (hit.exchange.isEmpty())
            hit.exchange = item.value(QLatin1StringView("exchange")).toString();
        hit.dataSource = QStringLiteral("yahoo");
        hit.sourceId = symbol;
        hits.push_back(hit);
    }
    return hits;
}

bool isInvalidCrumb(int status, const QByteArray &body)
{
    return status == 401 && body.contains("Invalid Crumb");
}

} // namespace pt::marketdata::yahoo
