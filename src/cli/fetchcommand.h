#pragma once

#include <QStringList>

namespace pt::cli {

class Context;

// portfolio-cli fetch [--asset REF] [--backfill]
int runFetchCommand(Context &context, const QStringList &arguments);

} // namespace pt::cli
