#pragma once

#include <QStringList>

namespace pt::cli {

class Context;

// allocation: what a portfolio, or all together, held at a date, grouped by
// asset class, currency or asset, with each group's value in the base currency
// and its weight; cash is a group of its own; missing prices are listed.
int runAllocationCommand(Context &context, const QStringList &arguments);

} // namespace pt::cli
