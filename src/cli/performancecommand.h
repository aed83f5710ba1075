#pragma once

#include <QStringList>

namespace pt::cli {

class Context;

// performance: time- and money-weighted returns, drawdown, volatility and
// Sharpe ratio of each portfolio and of all together, over a named range.
int runPerformanceCommand(Context &context, const QStringList &arguments);

} // namespace pt::cli
