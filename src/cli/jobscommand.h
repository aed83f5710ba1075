#pragma once

#include <QStringList>

namespace pt::cli {

class Context;

// portfolio-cli jobs [--state S] [--limit N] [--json]
int runJobsCommand(Context &context, const QStringList &arguments);

} // namespace pt::cli
