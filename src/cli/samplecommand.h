#pragma once

#include <QStringList>

namespace pt::cli {

class Context;

// sample: writes the first run's sample portfolio (pt::createSampleBook), or
// with --remove tombstones it (pt::removeSampleBook).
int runSampleCommand(Context &context, const QStringList &arguments);

} // namespace pt::cli
