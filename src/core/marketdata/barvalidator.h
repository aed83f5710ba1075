#pragma once

#include "marketdata/marketdata.h"

#include <QDate>
#include <QStringList>

#include <vector>

namespace pt::marketdata {

// A history fit for the store, and what it took to get there.
struct ValidatedHistory
{
    History history; // bars oldest first, one per date, within the range; notes appended
    int droppedBars = 0; // refused, duplicated or out of range
    int flaggedMoves = 0; // large unexplained moves (kept, noted for the job log)
};

// What a provider's bars must pass before they are stored (C3):
//   - a bar without a close, or with a close that is not a positive finite
//     number, is dropped; so is a bar with a negative or non-finite open,
//     high, low, adjusted close or volume (zero there means "not given");
//   - two bars of one date: the later in the answer wins (the provider's
//     correction or its live row), with a note;
//   - bars and corporate actions outside [from, to] are dropped (an invalid
//     bound leaves that side open), bars without comment;
//   - a close more than 50 % above or below the previous one is noted unless
//     a split that day explains it. Such bars are kept: the job log says so.
// Splits and dividends stay corporate actions; prices are never adjusted here.
ValidatedHistory validateHistory(History history, QDate from, QDate to);

// Sorts bars by date (stable) and keeps the last bar of each date, noting the
// replaced ones. Parsers use it to give one bar per day.
int keepLastBarPerDate(std::vector<DailyPrice> &bars, QStringList &notes);

} // namespace pt::marketdata
