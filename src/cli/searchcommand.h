#pragma once

#include <QStringList>

namespace pt::cli {

class Context;

// portfolio-cli search QUERY [--source yahoo|coingecko|binance|ecb] [--json]
int runSearchCommand(Context &context, const QStringList &arguments);

} // namespace pt::cli
