#pragma once

#include <QStringList>

namespace pt::cli {

class Context;

// generate: a deterministic synthetic book (pt::BookGenerator) with progress lines.
int runGenerateCommand(Context &context, const QStringList &arguments);

} // namespace pt::cli
