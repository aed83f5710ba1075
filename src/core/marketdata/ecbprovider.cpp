#include "marketdata/ecbprovider.h"

#include "marketdata/barvalidator.h"
#include "marketdata/ecbparser.h"
#include "marketdata/providersupport.h"

#include <QDateTime>
#include <QTimeZone>

#include <map>

namespace pt::marketdata {

namespace {

const QString Source = QStringLiteral("ecb");
const QString Euro = QStringLiteral("EUR");

// The currencies the ECB has published since 2023, by English name, for search.
QString currencyName(const QString &code)
{
    static const std::map<QString, QString> names = {
        { QStringLiteral("AUD"), QStringLiteral("Australian dollar") },
        { QStringLiteral("BGN"), QStringLiteral("Bulgarian lev") },
        { QStringLiteral("BRL"), QStringLiteral("Brazilian real") },
        { QStringLiteral("CAD"), QStringLiteral("Canadian dollar") },
        { QStringLiteral("CHF"), QStringLiteral("Swiss franc") },
        { QStringLiteral("CNY"), QStringLiteral("Chinese yuan renminbi") },
        { QStringLiteral("CZK"), QStringLiteral("Czech koruna") },
        { QStringLiteral("DKK"), QStringLiteral("Danish krone") },
        { QStringLiteral("GBP"), QStringLiteral("Pound sterling") },
        { QStringLiteral("HKD"), QStringLiteral("Hong Kong dollar") },
        { QStringLiteral("HUF"), QStringLiteral("Hungarian forint") },
        { QStringLiteral("IDR"), QStringLiteral("Indonesian rupiah") },
        { QStringLiteral("ILS"), QStringLiteral("Israeli shekel") },
        { QStringLiteral("INR"), QStringLiteral("Indian rupee") },
        { QStringLiteral("ISK"), QStringLiteral("Icelandic krona") },
        { QStringLiteral("JPY"), QStringLiteral("Japanese yen") },
        { QStringLiteral("KRW"), QStringLiteral("South Korean won") },
        { QStringLiteral("MXN"), QStringLiteral("Mexican peso") },
        { QStringLiteral("MYR"), QStringLiteral("Malaysian ringgit") },
        { QStringLiteral("NOK"), QStringLiteral("Norwegian krone") },
        { QStringLiteral("NZD"), QStringLiteral("New Zealand dollar") },
        { QStringLiteral("PHP"), QStringLiteral("Philippine peso") },
        { QStringLiteral("PLN"), QStringLiteral("Polish zloty") },
        { QStringLiteral("RON"), QStringLiteral("Romanian leu") },
        { QStringLiteral("SEK"), QStringLiteral("Swedish krona") },
        { QStringLiteral("SGD"), QStringLiteral("Singapore dollar") },
        { QStringLiteral("THB"), QStringLiteral("Thai baht") },
        { QStringLiteral("TRY"), QStringLiteral("Turkish lira") },
        { QStringLiteral("USD"), QStringLiteral("US dollar") },
        { QStringLiteral("ZAR"), QStringLiteral("South African rand") },
    };
    const auto found = names.find(code);
    return found == names.end() ? code : found->second;
}

struct Pair
{
    QString base; // the currency priced (the asset)
    QString quote; // the currency it is priced in
};

Pair pairOf(const Asset &asset)
{
    const QString base = support::idOf(asset.sourceId, asset.symbol).toUpper();
    const QString quote = asset.currency.trimmed().toUpper();
    return { base, quote.isEmpty() ? Euro : quote };
}

// The rates of each day, oldest first.
std::map<QDate, std::vector<EuroRate>> byDay(std::vector<EuroRate> rates)
{
    std::map<QDate, std::vector<EuroRate>> days;
    for (EuroRate &rate : rates)
        days[rate.date].push_back(std::move(rate));
    return days;
}

// When the ECB publishes: about 16:00 in Frankfurt.
QDateTime publicationTime(QDate day)
{
    return QDateTime(day, QTime(16, 0), QTimeZone(QByteArrayLiteral("Europe/Berlin"))).toUTC();
}

} // namespace

EcbProvider::EcbProvider(HttpClient &http, const ProviderEndpoints &endpoints)
    : m_http(http)
    , m_endpoints(endpoints)
{ }

QString EcbProvider::key() const
{
    return Source;
}

Result<std::vector<EuroRate>> EcbProvider::rates(const QString &file, const QString &what)
{
    auto response = support::get(m_http, Source, support::endpoint(m_endpoints.ecb, u'/' + file));
    if (!response)
        return Error { QStringLiteral("%1: %2").arg(what, response.error()) };
    if (response->status != 200)
        return Error { QStringLiteral("%1: %2 answered %3").arg(what, file, support::statusProblem(*response)) };
    auto rates = ecb::parseRates(response->body);
    if (!rates)
        return Error { QStringLiteral("%1: %2").arg(what, rates.error()) };
    return rates;
}

Result<std::vector<EuroRate>> EcbProvider::euroRates(RateFile file)
{
    switch (file) {
    case RateFile::Daily:
        return rates(QStringLiteral("eurofxref-daily.xml"), QStringLiteral("ECB latest rates"));
    case RateFile::Last90Days:
        return rates(QStringLiteral("eurofxref-hist-90d.xml"), QStringLiteral("ECB rates of the last 90 days"));
    case RateFile::Everything:
        break;
    }
    return rates(QStringLiteral("eurofxref-hist.xml"), QStringLiteral("ECB rate history"));
}

Result<History> EcbProvider::history(const Asset &asset, QDate from, QDate to)
{
    const Pair pair = pairOf(asset);
    const QString what = QStringLiteral("ECB history of %1 in %2").arg(pair.base, pair.quote);
    if (pair.base.isEmpty() || pair.base == pair.quote)
        return Error { QStringLiteral("%1: not a pair of two currencies").arg(what) };
    if (!from.isValid() || !to.isValid() || from > to)
        return Error { QStringLiteral("%1: the range %2 to %3 is empty")
                           .arg(what, from.toString(Qt::ISODate), to.toString(Qt::ISODate)) };

    auto all = rates(QStringLiteral("eurofxref-hist.xml"), what);
    if (!all)
        return Error { all.error() };
    History history;
    history.currency = pair.quote;
    history.timeZone = QStringLiteral("Europe/Berlin");
    QStringList missing;
    for (const auto &[day, ofDay] : byDay(std::move(all).value())) {
        if (day < from || day > to)
            continue;
        auto cross = ecb::crossRate(ofDay, pair.base, pair.quote);
        if (!cross) {
            missing << day.toString(Qt::ISODate);
            continue;
        }
        DailyPrice bar;
        bar.date = day;
        bar.close = *cross;
        bar.adjustedClose = *cross;
        history.bars.push_back(bar);
    }
    if (!missing.isEmpty()) {
        history.notes << QStringLiteral("no ECB rate for %1/%2 on %3")
                             .arg(pair.base, pair.quote, missing.join(QStringLiteral(", ")));
    }
    return validateHistory(std::move(history), from, to).history;
}

Result<std::vector<Quote>> EcbProvider::latest(std::span<const Asset> assets)
{
    if (assets.empty())
        return std::vector<Quote>();
    auto daily = rates(QStringLiteral("eurofxref-daily.xml"), QStringLiteral("ECB latest rates"));
    if (!daily)
        return Error { daily.error() };
    std::vector<Quote> quotes;
    for (const auto &[day, ofDay] : byDay(std::move(daily).value())) {
        quotes.clear(); // only the newest day counts (the daily file has one)
        for (const Asset &asset : assets) {
            const Pair pair = pairOf(asset);
            auto cross = ecb::crossRate(ofDay, pair.base, pair.quote);
            if (pair.base.isEmpty() || pair.base == pair.quote || !cross)
                continue; // not a currency the ECB publishes: no quote
            Quote quote;
            quote.symbol = support::idOf(asset.sourceId, asset.symbol);
            quote.price = *cross;
            quote.currency = pair.quote;
            quote.time = publicationTime(day);
            quotes.push_back(quote);
        }
    }
    return quotes;
}

Result<std::vector<SearchHit>> EcbProvider::search(const QString &query)
{
    const QString text = query.trimmed();
    if (text.isEmpty())
        return std::vector<SearchHit>();
    auto daily = rates(QStringLiteral("eurofxref-daily.xml"), QStringLiteral("ECB search for \"%1\"").arg(text));
    if (!daily)
        return Error { daily.error() };
    std::vector<SearchHit> hits;
    QStringList seen;
    for (const EuroRate &rate : *daily) {
        const QString name = currencyName(rate.currency);
        if (seen.contains(rate.currency)
            || (!rate.currency.contains(text, Qt::CaseInsensitive) && !name.contains(text, Qt::CaseInsensitive)))
            continue;
        seen << rate.currency;
        SearchHit hit;
        hit.symbol = rate.currency;
        hit.name = name;
        hit.assetClass = AssetClass::Currency;
        hit.currency = Euro;
        hit.dataSource = Source;
        hit.sourceId = rate.currency;
        hits.push_back(hit);
    }
    return hits;
}

} // namespace pt::marketdata
