#include "ecbrates.h"

#include "fakehttpserver.h"

#include <functional>
#include <map>

namespace pt::test {

std::vector<EcbRate> ecbRates(QDate from, QDate to)
{
    std::vector<EcbRate> rates;
    for (QDate day = from; day <= to; day = day.addDays(1)) {
        if (day.dayOfWeek() > 5)
            continue;
        // Same rate on the same day whatever the range asked, so files overlap consistently.
        const int step = int(day.toJulianDay() % 10);
        rates.push_back({day, QStringLiteral("USD"), QStringLiteral("1.08%1").arg(step)});
        rates.push_back({day, QStringLiteral("JPY"), QStringLiteral("16%1.50").arg(step)});
        rates.push_back({day, QStringLiteral("GBP"), QStringLiteral("0.8500")});
        rates.push_back({day, QStringLiteral("CHF"), QStringLiteral("0.9%1").arg(step)});
    }
    return rates;
}

QByteArray ecbRatesXml(const std::vector<EcbRate> &rates)
{
    std::map<QDate, std::vector<const EcbRate *>, std::greater<>> byDay;
    for (const EcbRate &rate : rates)
        byDay[rate.date].push_back(&rate);
    QByteArray xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                     "<gesmes:Envelope xmlns:gesmes=\"http://www.gesmes.org/xml/2002-08-01\" "
                     "xmlns=\"http://www.ecb.int/vocabulary/2002-08-01/eurofxref\">\n"
                     "\t<gesmes:subject>Reference rates</gesmes:subject>\n"
                     "\t<gesmes:Sender>\n\t\t<gesmes:name>European Central Bank</gesmes:name>\n\t</gesmes:Sender>\n"
                     "\t<Cube>\n";
    for (const auto &[day, ofDay] : byDay) {
        xml += "\t\t<Cube time='" + day.toString(Qt::ISODate).toLatin1() + "'>\n";
        for (const EcbRate *rate : ofDay)
            xml += "\t\t\t<Cube currency='" + rate->currency.toLatin1() + "' rate='" + rate->rate.toLatin1() + "'/>\n";
        xml += "\t\t</Cube>\n";
    }
    return xml + "\t</Cube>\n</gesmes:Envelope>\n";
}

void serveEcb(FakeHttpServer &server, QDate historyFrom, QDate today)
{
    QDate newest = today;
    while (newest.dayOfWeek() > 5)
        newest = newest.addDays(-1);
    const std::pair<QByteArray, QByteArray> files[] = {
        {"/eurofxref-hist.xml", ecbRatesXml(ecbRates(historyFrom, today))},
        {"/eurofxref-hist-90d.xml", ecbRatesXml(ecbRates(today.addDays(-90), today))},
        {"/eurofxref-daily.xml", ecbRatesXml(ecbRates(newest, newest))},
    };
    for (const auto &[path, body] : files) {
        server.on(path, [body = body](const RecordedRequest &) {
            return FakeReply::text(body);
        });
    }
}

} // namespace pt::test
