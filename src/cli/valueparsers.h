#pragma once

#include "domain/types.h"
#include "result.h"

#include <QDate>
#include <QString>

#include <cstdint>

namespace pt::cli {

// Parsers for option values. Every message starts with the field and quotes the
// value, e.g. "--quantity: '1,5x' is not a decimal number", so a script's
// author sees at once what to fix.

// Canonical decimals only ('.' point, no grouping), whatever the locale.
Result<Decimal> parseDecimal(const QString &field, QStringView text);
// ISO dates, yyyy-MM-dd, and nothing else.
Result<QDate> parseDate(const QString &field, QStringView text);
Result<std::int64_t> parseInteger(const QString &field, const QString &text, std::int64_t minimum,
                                  std::int64_t maximum);
// "N:D", both positive decimals: N new units for every D old.
struct SplitRatio
{
    Decimal numerator;
    Decimal denominator;
};
Result<SplitRatio> parseSplitRatio(const QString &field, const QString &text);
// A currency code; lower case is accepted and raised.
Result<QString> parseCurrency(const QString &field, const QString &text);

Result<CostBasisMethod> parseCostBasisMethod(const QString &field, const QString &text);
Result<AssetClass> parseAssetClass(const QString &field, const QString &text);
Result<TransactionType> parseTransactionType(const QString &field, const QString &text);

} // namespace pt::cli
