#pragma once

#include <QString>

namespace pt::cli {

class Context;

// The host a market-data source is fetched from (after the PT_*_URL
// overrides), for messages: "query2.finance.yahoo.com".
QString sourceHost(const QString &source);

// Prints "offline: cannot reach <host> (<why>)" and gives ExitOffline, the
// status scripts can tell from a failure of the store or of the input.
int reportOffline(Context &context, const QString &source, const QString &why);

} // namespace pt::cli
