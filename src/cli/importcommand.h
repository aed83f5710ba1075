#pragma once

#include <QStringList>

namespace pt::cli {

class Context;

// import transactions FILE --portfolio P [--preset ...] [mapping options] [--dry-run]
int runImportCommand(Context &context, const QStringList &arguments);

} // namespace pt::cli
