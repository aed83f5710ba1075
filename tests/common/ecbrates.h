#pragma once

#include <QByteArray>
#include <QDate>
#include <QString>

#include <vector>

namespace pt::test {

class FakeHttpServer;

// One made-up ECB reference rate: 1 EUR = `rate` units of `currency`.
struct EcbRate
{
    QDate date;
    QString currency;
    QString rate; // decimal text, as the ECB writes it ("1.0850")
};

// Rates for USD, JPY, GBP and CHF on every working day of [from, to], moving
// a little from day to day (deterministic).
std::vector<EcbRate> ecbRates(QDate from, QDate to);

// A file in the ECB's real format (docs: market-data-formats §4.3): the
// gesmes envelope, tab-indented, single-quoted attributes, newest day first.
QByteArray ecbRatesXml(const std::vector<EcbRate> &rates);

// Serves eurofxref-hist.xml (rates from `historyFrom` to `today`),
// eurofxref-hist-90d.xml (the last 90 days) and eurofxref-daily.xml (the
// newest working day) from ecbRates(), as the ECB does under /stats/eurofxref.
void serveEcb(FakeHttpServer &server, QDate historyFrom, QDate today);

} // namespace pt::test
