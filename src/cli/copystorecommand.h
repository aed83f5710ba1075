#pragma once

#include <QStringList>

namespace pt::cli {

class Context;

// copy-store --from STORE --to STORE
int runCopyStoreCommand(Context &context, const QStringList &arguments);

} // namespace pt::cli
