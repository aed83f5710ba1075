#pragma once

#include <QStringList>

class QTextStream;

namespace pt::exchange {
struct BookSummary;
}

namespace pt::cli {

class Context;

// export json [--portfolio P]... [--output FILE]
int runExportJsonCommand(Context &context, const QStringList &arguments);

// What a book document holds, in the layout of the backup summaries.
void printBookSummary(QTextStream &out, const exchange::BookSummary &summary);

} // namespace pt::cli
