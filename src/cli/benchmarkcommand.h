#pragma once

#include <QStringList>

namespace pt::cli {

class Context;

// benchmark: an asset or index rebased onto a portfolio's value at the start of
// a range, day by day, with both time-weighted returns over the range.
int runBenchmarkCommand(Context &context, const QStringList &arguments);

} // namespace pt::cli
