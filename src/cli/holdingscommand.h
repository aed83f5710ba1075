#pragma once

#include <QStringList>

namespace pt::cli {

class Context;

// holdings: the derived positions and cash of one portfolio or of all.
int runHoldingsCommand(Context &context, const QStringList &arguments);

} // namespace pt::cli
