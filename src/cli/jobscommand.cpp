#include "jobscommand.h"

#include "catalog.h"
#include "commandline.h"
#include "context.h"
#include "jsonformat.h"
#include "texttable.h"

#include "store/jobrepository.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

namespace pt::cli {

namespace {

const QString StateOption = QStringLiteral("state");
const QString LimitOption = QStringLiteral("limit");

std::optional<store::Job::State> stateFromKey(QStringView key)
{
    for (const auto state : {store::Job::State::Pending, store::Job::State::Running, store::Job::State::Done,
                             store::Job::State::Failed}) {
        if (key.compare(store::toKey(state), Qt::CaseInsensitive) == 0)
            return state;
    }
    return std::nullopt;
}

QString localTime(std::int64_t msecs)
{
    if (msecs <= 0)
        return {};
    return QDateTime::fromMSecsSinceEpoch(msecs).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QJsonValue utcTime(std::int64_t msecs)
{
    if (msecs <= 0)
        return QJsonValue::Null;
    return QDateTime::fromMSecsSinceEpoch(msecs, Qt::UTC).toString(Qt::ISODateWithMs);
}

QJsonValue dateJson(QDate date)
{
    return date.isValid() ? QJsonValue(date.toString(Qt::ISODate)) : QJsonValue::Null;
}

QString range(const store::Job &job)
{
    if (!job.rangeFrom.isValid())
        return {};
    return job.rangeFrom.toString(Qt::ISODate) + u".." + job.rangeTo.toString(Qt::ISODate);
}

QJsonObject jobJson(const store::Job &job, const Catalog &catalog)
{
    return QJsonObject{
        {QStringLiteral("id"), qint64(job.id)},
        {QStringLiteral("kind"), store::toKey(job.kind)},
        {QStringLiteral("asset"), job.assetId ? QJsonValue(catalog.assetSymbol(job.assetId)) : QJsonValue::Null},
        {QStringLiteral("assetId"), job.assetId ? QJsonValue(catalog.assetUuid(job.assetId)) : QJsonValue::Null},
        {QStringLiteral("source"), job.source},
        {QStringLiteral("from"), dateJson(job.rangeFrom)},
        {QStringLiteral("to"), dateJson(job.rangeTo)},
        {QStringLiteral("state"), store::toKey(job.state)},
        {QStringLiteral("attempts"), job.attempts},
        {QStringLiteral("maxAttempts"), job.maxAttempts},
        {QStringLiteral("nextAttemptAt"),
         job.state == store::Job::State::Pending ? utcTime(job.nextAttemptAt) : QJsonValue::Null},
        {QStringLiteral("progress"), job.progress},
        {QStringLiteral("lastError"), job.lastError},
        {QStringLiteral("log"), job.log},
        {QStringLiteral("createdAt"), utcTime(job.createdAt)},
        {QStringLiteral("updatedAt"), utcTime(job.updatedAt)},
        {QStringLiteral("finishedAt"), utcTime(job.finishedAt)},
    };
}

} // namespace

int runJobsCommand(Context &context, const QStringList &arguments)
{
    CommandLine commandLine(QStringLiteral("jobs"),
                            QStringLiteral("Lists the market-data jobs in the queue, newest first: backfills of an "
                                           "asset's history and refreshes of a source's latest prices, with their "
                                           "state (pending, running, done, failed), attempts, when a pending job "
                                           "is next tried, and the last error. Done jobs are kept for 30 days."));
    commandLine.addValueOption(StateOption,
                               QStringLiteral("Only jobs in this state: pending, running, done or failed."),
                               QStringLiteral("state"));
    commandLine.addValueOption(LimitOption, QStringLiteral("At most this many jobs (default 100)."),
                               QStringLiteral("N"));
    commandLine.addJsonFlag();
    if (auto done = commandLine.parse(context, arguments))
        return *done;
    std::vector<store::Job::State> states;
    if (commandLine.isSet(StateOption)) {
        const auto state = stateFromKey(commandLine.value(StateOption));
        if (!state)
            return context.badInput(QStringLiteral("--state: '%1' is not one of pending, running, done, failed")
                                        .arg(commandLine.value(StateOption)));
        states.push_back(*state);
    }
    int limit = 100;
    if (commandLine.isSet(LimitOption)) {
        bool ok = false;
        limit = commandLine.value(LimitOption).toInt(&ok);
        if (!ok || limit < 1)
            return context.badInput(
                QStringLiteral("--limit: '%1' is not a positive whole number").arg(commandLine.value(LimitOption)));
    }

    auto database = context.database();
    if (!database)
        return context.failure(database.error());
    auto catalog = Catalog::load(**database);
    if (!catalog)
        return context.failure(catalog.error());
    auto jobs = store::JobRepository(**database).list(states, limit);
    if (!jobs)
        return context.failure(jobs.error());

    if (commandLine.json()) {
        QJsonArray array;
        for (const store::Job &job : *jobs)
            array.append(jobJson(job, *catalog));
        writeJson(context.out(), QJsonDocument(array));
        return ExitSuccess;
    }
    if (jobs->empty()) {
        context.out() << "No jobs.\n";
        return ExitSuccess;
    }
    TextTable table;
    table.addColumn(QStringLiteral("ID"), TextTable::Align::Right);
    for (const char16_t *header : {u"Kind", u"Asset", u"Range", u"State"})
        table.addColumn(QString::fromUtf16(header));
    table.addColumn(QStringLiteral("Attempts"), TextTable::Align::Right);
    table.addColumn(QStringLiteral("Next attempt"));
    table.addColumn(QStringLiteral("Last error"));
    for (const store::Job &job : *jobs) {
        const QString asset = job.assetId ? catalog->assetSymbol(job.assetId) : job.source;
        QString state = store::toKey(job.state);
        if (job.state == store::Job::State::Running)
            state += QStringLiteral(" %1%").arg(job.progress);
        table.addRow({QString::number(job.id), store::toKey(job.kind), asset, range(job), state,
                      QStringLiteral("%1/%2").arg(job.attempts).arg(job.maxAttempts),
                      job.state == store::Job::State::Pending ? localTime(job.nextAttemptAt) : QString(),
                      job.lastError.left(120)});
    }
    table.write(context.out());
    return ExitSuccess;
}

} // namespace pt::cli
