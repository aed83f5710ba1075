#pragma once

#include "marketdata/marketdata.h"
#include "result.h"

#include <QByteArray>
#include <QString>

#include <span>
#include <vector>

// Parser of the ECB's euro reference rate files (docs/market-data-formats §4):
// eurofxref-daily.xml, eurofxref-hist-90d.xml and eurofxref-hist.xml, which
// share one shape. Pure functions, no network.
namespace pt::marketdata::ecb {

// Every <Cube currency='...' rate='...'/> under its <Cube time='...'>, oldest
// date first (the files are newest first). Elements are matched by local name
// in the ECB's default namespace (or none); a rate that is missing, "N/A" or
// not a positive decimal is skipped -- such days simply lack that currency.
// Malformed XML is an error naming the line and column.
Result<std::vector<EuroRate>> parseRates(const QByteArray &body);

// The price of one unit of `from` in `to`, from the rates of one day, through
// the euro: EUR->X = rate(X), X->EUR = 1 / rate(X), A->B = rate(B) / rate(A);
// rounded to 12 fractional digits. An error names the currency without a rate.
Result<Decimal> crossRate(std::span<const EuroRate> ratesOfOneDay, const QString &from, const QString &to);

} // namespace pt::marketdata::ecb
