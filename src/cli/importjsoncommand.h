#pragma once

#include <QStringList>

namespace pt::cli {

class Context;

// import json FILE [--dry-run]
int runImportJsonCommand(Context &context, const QStringList &arguments);

} // namespace pt::cli
