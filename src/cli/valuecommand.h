#pragma once

#include <QStringList>

namespace pt::cli {

class Context;

// value: the daily value series of one portfolio or of all, in a base currency.
int runValueCommand(Context &context, const QStringList &arguments);

} // namespace pt::cli
