#include "samplecommand.h"

#include "commandline.h"
#include "context.h"
#include "generator/samplebook.h"
#include "valueparsers.h"

namespace pt::cli {

int runSampleCommand(Context &context, const QStringList &arguments)
{
    CommandLine commandLine(
        QStringLiteral("sample"),
        QStringLiteral("Creates the sample portfolio: 'Sample portfolio' with five made-up assets (SAMPLE-WORLD, "
                       "SAMPLE-TECH, SAMPLE-BOND, SAMPLE-GOLD, SAMPLE-COIN, all in EUR, never fetched), about "
                       "three years of entries and daily prices ending today, so every view works offline. "
                       "Refused when the store already has one. With --remove, deletes it again."));
    commandLine.addFlag(QStringLiteral("remove"),
                        QStringLiteral("Delete the sample portfolio, its entries and its assets instead."));
    commandLine.addValueOption(QStringLiteral("end"),
                               QStringLiteral("Last day of the history, yyyy-MM-dd (default today)."),
                               QStringLiteral("date"));
    if (auto done = commandLine.parse(context, arguments))
        return *done;
    const bool remove = commandLine.isSet(QStringLiteral("remove"));
    QDate today = QDate::currentDate();
    if (commandLine.isSet(QStringLiteral("end"))) {
        if (remove)
            return context.badInput(QStringLiteral("--end: not used with --remove"));
        auto end = parseDate(QStringLiteral("--end"), commandLine.value(QStringLiteral("end")));
        if (!end)
            return context.badInput(end.error());
        today = *end;
    }

    auto database = context.database();
    if (!database)
        return context.failure(database.error());
    // Both are all or nothing: an error means nothing was written.
    if (remove) {
        if (auto removed = removeSampleBook(**database); !removed)
            return context.badInput(removed.error());
        context.out() << "Removed the sample portfolio and its assets" << Qt::endl;
        return ExitSuccess;
    }
    auto book = createSampleBook(**database, today);
    if (!book)
        return context.badInput(book.error());
    context.out() << QStringLiteral("Created '%1': %2 made-up assets, %3 entries and %4 prices from %5 to %6. "
                                    "Remove it with 'portfolio-cli sample --remove'.")
                         .arg(book->portfolio.name)
                         .arg(book->assets.size())
                         .arg(book->transactions)
                         .arg(book->prices)
                         .arg(book->firstDay.toString(Qt::ISODate), book->lastDay.toString(Qt::ISODate))
                  << Qt::endl;
    return ExitSuccess;
}

} // namespace pt::cli
