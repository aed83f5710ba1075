#include "marketdata/ecbparser.h"

#include <QXmlStreamReader>

#include <algorithm>

namespace pt::marketdata::ecb {

namespace {

const QLatin1StringView EcbNamespace("http://www.ecb.int/vocabulary/2002-08-01/eurofxref");
const QString Euro = QStringLiteral("EUR");

// A malformed file is better refused than half-read: a deep or endless one
// cannot be a rate file.
constexpr qint64 MaxDepth = 16;

} // namespace

Result<std::vector<EuroRate>> parseRates(const QByteArray &body)
{
    QXmlStreamReader xml(body);
    std::vector<EuroRate> rates;
    QDate day;
    bool sawEnvelopeCube = false;
    qint64 depth = 0;
    while (!xml.atEnd()) {
        const QXmlStreamReader::TokenType token = xml.readNext();
        if (token == QXmlStreamReader::EndElement) {
            --depth;
            continue;
        }
        if (token != QXmlStreamReader::StartElement)
            continue;
        if (++depth > MaxDepth)
            return Error { QStringLiteral("ECB rates: elements nested deeper than %1 at line %2")
                               .arg(MaxDepth)
                               .arg(xml.lineNumber()) };
        if (xml.name() != QLatin1StringView("Cube"))
            continue;
        const QStringView ns = xml.namespaceUri();
        if (!ns.isEmpty() && ns != EcbNamespace)
            continue;
        sawEnvelopeCube = true;
        const QXmlStreamAttributes attributes = xml.attributes();
        if (attributes.hasAttribute(QLatin1StringView("time"))) {
            const QString time = attributes.value(QLatin1StringView("time")).toString();
            day = QDate::fromString(time, Qt::ISODate);
            if (!day.isValid()) {
                return Error { QStringLiteral("ECB rates: time '%1' at line %2 is not a date (YYYY-MM-DD)")
                                   .arg(time.left(40))
                                   .arg(xml.lineNumber()) };
            }
            continue;
        }
        if (!attributes.hasAttribute(QLatin1StringView("currency")))
            continue; // the envelope-level Cube
        if (!day.isValid())
            return Error { QStringLiteral("ECB rates: a rate outside a dated Cube at line %1").arg(xml.lineNumber()) };
        const QString currency = attributes.value(QLatin1StringView("currency")).toString().trimmed();
        const auto rate = Decimal::parse(attributes.value(QLatin1StringView("rate")));
        if (currency.isEmpty() || !rate || !rate->isPositive())
            continue; // N/A, empty or nonsense: that day has no rate for it
        rates.push_back({ day, currency, *rate });
    }
    if (xml.hasError()) {
        return Error { QStringLiteral("ECB rates: malformed XML at line %1, column %2: %3")
                           .arg(xml.lineNumber())
                           .arg(xml.columnNumber())
                           .arg(xml.errorString()) };
    }
    if (!sawEnvelopeCube)
        return Error { QStringLiteral("ECB rates: no <Cube> element: not a eurofxref file") };
    std::stable_sort(rates.begin(), rates.end(), [](const EuroRate &a, const EuroRate &b) { return a.date < b.date; });
    return rates;
}

Result<Decimal> crossRate(std::span<const EuroRate> ratesOfOneDay, const QString &from, const QString &to)
{
    const auto perEuro = [&](const QString &currency) -> Result<Decimal> {
        if (currency == Euro)
            return Decimal(1);
        const auto found = std::find_if(ratesOfOneDay.begin(), ratesOfOneDay.end(),
                                        [&](const EuroRate &rate) { return rate.currency == currency; });
        if (found == ratesOfOneDay.end()) {
            const QString day
                = ratesOfOneDay.empty() ? QStringLiteral("that day") : ratesOfOneDay.front().date.toString(Qt::ISODate);
            return Error { QStringLiteral("no ECB reference rate for %1 on %2").arg(currency, day) };
        }
        return found->rate;
    };
    auto rateFrom = perEuro(from);
    if (!rateFrom)
        return Error { rateFrom.error() };
    auto rateTo = perEuro(to);
    if (!rateTo)
        return Error { rateTo.error() };
    const Decimal cross = (*rateTo / *rateFrom).rounded(Decimal::Scale);
    if (!cross.isValid() || !cross.isPositive())
        return Error { QStringLiteral("the %1/%2 cross rate is out of range").arg(from, to) };
    return cross;
}

} // namespace pt::marketdata::ecb
