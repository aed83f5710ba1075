#pragma once

#include <QByteArray>
#include <QDate>
#include <QString>
#include <QUrl>

#include <vector>

namespace pt::test {

class FakeHttpServer;

// A made-up listing answered in Yahoo Finance's real chart format
// (GET /v8/finance/chart/{symbol}?period1=..&period2=..): one bar per weekday
// from `first` to `last`, with a split and a dividend on the days given. Closes
// are exact in two decimals and, as Yahoo sends them, already adjusted for the
// split, so no day moves by more than a cent or so.
struct ChartSeries
{
    QString symbol;
    QDate first;
    QDate last;
    QDate splitDay;    // 4:1, when valid
    QDate dividendDay; // 0.24 a share, when valid
    int startCents = 10'000;

    // The weekdays in [from, to] that have a bar, and a day's close ("123.45").
    std::vector<QDate> days(QDate from = {}, QDate to = {}) const;
    QString close(QDate day) const;

    // The chart answer for a request's period1/period2 (Unix seconds).
    QByteArray chartJson(qint64 period1, qint64 period2) const;
};

// Yahoo's chart error envelope: {"chart":{"result":null,"error":{...}}}.
QByteArray chartError(const QString &code, const QString &description);

// The period1/period2 of a chart request, as Unix seconds.
std::pair<qint64, qint64> chartPeriod(const QUrl &url);

// Serves the series' charts (404 "Not Found" for other symbols), Yahoo's
// cookie and crumb pages, and quotes (the last bar's close, stamped that day),
// each chart answer after `delayMs`.
void serveYahoo(FakeHttpServer &server, const std::vector<ChartSeries> &series, int delayMs = 0);

} // namespace pt::test
