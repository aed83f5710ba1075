#pragma once

#include "valuation/returns.h"

#include <QStringList>

#include <optional>

namespace pt::cli {

class Context;

// performance: time- and money-weighted returns, drawdown, volatility and
// Sharpe ratio of each portfolio and of all together, over a named or custom
// range; where the gain came from (realized, unrealized, income, fees, taxes);
// with --holdings the same per holding.
int runPerformanceCommand(Context &context, const QStringList &arguments);

// "1M", "3M", "YTD", "1Y", "5Y", "ALL" in any case; nothing for anything else.
// Shared with the benchmark command.
std::optional<valuation::Range::Preset> parseRangePreset(const QString &text);

} // namespace pt::cli
