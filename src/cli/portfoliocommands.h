#pragma once

#include <QStringList>

namespace pt::cli {

class Context;

// portfolio add | list | edit | delete
int runPortfolioCommand(Context &context, const QStringList &arguments);

} // namespace pt::cli
