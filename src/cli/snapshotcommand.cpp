#include "snapshotcommand.h"

#include "alertscommand.h"
#include "commandline.h"
#include "context.h"
#include "jsonformat.h"
#include "texttable.h"
#include "valueparsers.h"

#include "money/currency.h"
#include "store/snapshotrepository.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

namespace pt::cli {

namespace {

QString status(const store::SnapshotTotal &total)
{
    QStringList words;
    if (total.incomplete)
        words << QStringLiteral("incomplete");
    if (total.stale)
        words << QStringLiteral("stale");
    return words.join(u' ');
}

QJsonObject snapshotJson(const store::Snapshot &snapshot)
{
    QJsonArray totals;
    for (const store::SnapshotTotal &total : snapshot.totals) {
        totals.append(QJsonObject {
            { QStringLiteral("portfolio"),
              total.portfolioId ? QJsonValue(qint64(total.portfolioId)) : QJsonValue::Null },
            { QStringLiteral("currency"), total.currency },
            { QStringLiteral("marketValue"), decimalJson(total.marketValue) },
            { QStringLiteral("invested"), decimalJson(total.invested) },
            { QStringLiteral("holdingsValue"), decimalJson(total.holdingsValue) },
            { QStringLiteral("costBasis"), decimalJson(total.costBasis) },
            { QStringLiteral("cash"), decimalJson(total.cash) },
            { QStringLiteral("stale"), total.stale },
            { QStringLiteral("incomplete"), total.incomplete },
        });
    }
    return QJsonObject {
        { QStringLiteral("id"), qint64(snapshot.id) },
        { QStringLiteral("kind"), store::toKey(snapshot.kind) },
        { QStringLiteral("takenAt"),
          QDateTime::fromMSecsSinceEpoch(snapshot.takenAt, Qt::UTC).toString(Qt::ISODateWithMs) },
        { QStringLiteral("day"), snapshot.day.toString(Qt::ISODate) },
        { QStringLiteral("totals"), totals },
    };
}

int list(Context &context, const CommandLine &commandLine)
{
    std::optional<store::SnapshotKind> kind;
    if (commandLine.isSet(QStringLiteral("kind"))) {
        kind = store::snapshotKindFromKey(commandLine.value(QStringLiteral("kind")));
        if (!kind)
            return context.badInput(QStringLiteral("--kind: '%1' is not one of hourly, close")
                                        .arg(commandLine.value(QStringLiteral("kind"))));
    }
    std::int64_t limit = 50;
    if (commandLine.isSet(QStringLiteral("limit"))) {
        auto parsed = parseInteger(QStringLiteral("--limit"), commandLine.value(QStringLiteral("limit")), 1, 1'000'000);
        if (!parsed)
            return context.badInput(parsed.error());
        limit = *parsed;
    }
    auto database = context.database();
    if (!database)
        return context.failure(database.error());
    auto snapshots = store::SnapshotRepository(**database).list(kind, {}, {}, int(limit));
    if (!snapshots)
        return context.failure(snapshots.error());
    if (commandLine.json()) {
        QJsonArray array;
        for (const store::Snapshot &snapshot : *snapshots)
            array.append(snapshotJson(snapshot));
        writeJson(context.out(), QJsonDocument(array));
        return ExitSuccess;
    }
    if (snapshots->empty()) {
        context.out() << "No snapshots.\n";
        return ExitSuccess;
    }
    TextTable table;
    table.addColumn(QStringLiteral("ID"), TextTable::Align::Right);
    for (const char16_t *header : { u"Kind", u"Taken", u"Day" })
        table.addColumn(QString::fromUtf16(header));
    for (const char16_t *header : { u"Market value", u"Invested", u"Cost basis", u"Holdings" })
        table.addColumn(QString::fromUtf16(header), TextTable::Align::Right);
    table.addColumn(QStringLiteral("Currency"));
    table.addColumn(QStringLiteral("Status"));
    for (const store::Snapshot &snapshot : *snapshots) {
        store::SnapshotTotal all;
        if (!snapshot.totals.empty())
            all = snapshot.totals.front(); // all portfolios together
        const int decimals = currency::minorUnits(all.currency);
        const auto money = [decimals](Decimal value) {
            return value.isValid() ? value.toString(decimals) : QStringLiteral("invalid");
        };
        table.addRow({ QString::number(snapshot.id), store::toKey(snapshot.kind),
                       QDateTime::fromMSecsSinceEpoch(snapshot.takenAt).toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                       snapshot.day.toString(Qt::ISODate), money(all.marketValue), money(all.invested),
                       money(all.costBasis), money(all.holdingsValue), all.currency, status(all) });
    }
    table.write(context.out());
    return ExitSuccess;
}

} // namespace

int runSnapshotCommand(Context &context, const QStringList &arguments)
{
    CommandLine commandLine(
        QStringLiteral("snapshot"),
        QStringLiteral("Values every portfolio now and stores a snapshot: the totals of each portfolio and of all, "
                       "and each position held. At most one per clock hour; the first at or after 22:00 local "
                       "time is the day's close. Alert rules are evaluated too and new alerts printed. With --list, "
                       "shows the stored snapshots, newest first, with the all-portfolios totals."));
    commandLine.addFlag(QStringLiteral("list"), QStringLiteral("List stored snapshots instead of taking one."));
    commandLine.addValueOption(QStringLiteral("kind"), QStringLiteral("With --list: only hourly or close."),
                               QStringLiteral("kind"));
    commandLine.addValueOption(QStringLiteral("limit"), QStringLiteral("With --list: at most N (default 50)."),
                               QStringLiteral("N"));
    commandLine.addJsonFlag();
    if (auto done = commandLine.parse(context, arguments))
        return *done;
    if (commandLine.isSet(QStringLiteral("list")))
        return list(context, commandLine);
    if (commandLine.isSet(QStringLiteral("kind")) || commandLine.isSet(QStringLiteral("limit")))
        return context.badInput(QStringLiteral("--kind and --limit go with --list"));

    auto database = context.database();
    if (!database)
        return context.failure(database.error());
    auto outcome = snapshotNow(**database);
    if (!outcome)
        return context.failure(outcome.error());
    if (commandLine.json()) {
        QJsonArray events;
        for (const store::AlertEvent &event : outcome->events)
            events.append(event.message);
        writeJson(context.out(),
                  QJsonDocument(QJsonObject {
                      { QStringLiteral("day"), outcome->day.toString(Qt::ISODate) },
                      { QStringLiteral("snapshot"),
                        outcome->snapshotId ? QJsonValue(qint64(outcome->snapshotId)) : QJsonValue::Null },
                      { QStringLiteral("kind"), store::toKey(outcome->kind) },
                      { QStringLiteral("missedClose"),
                        outcome->missedCloseId ? QJsonValue(qint64(outcome->missedCloseId)) : QJsonValue::Null },
                      { QStringLiteral("seriesDaysWritten"), outcome->seriesDaysWritten },
                      { QStringLiteral("alerts"), events },
                  }));
        return ExitSuccess;
    }
    if (outcome->missedCloseId)
        context.out() << "Stored the missed close of " << outcome->day.addDays(-1).toString(Qt::ISODate)
                      << " (snapshot " << outcome->missedCloseId << ").\n";
    if (outcome->snapshotId)
        context.out() << "Stored " << store::toKey(outcome->kind) << " snapshot " << outcome->snapshotId << " of "
                      << outcome->day.toString(Qt::ISODate) << ".\n";
    else
        context.out() << "This hour already has a snapshot; nothing stored.\n";
    printAlertEvents(context.out(), outcome->events);
    return ExitSuccess;
}

} // namespace pt::cli
