#include "alertscommand.h"

#include "catalog.h"
#include "commandline.h"
#include "context.h"
#include "jsonformat.h"
#include "texttable.h"
#include "valueparsers.h"

#include "store/alertrepository.h"
#include "store/assetrepository.h"
#include "store/database.h"
#include "store/portfoliorepository.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

#include <map>

namespace pt::cli {

namespace {

const QString LimitOption = QStringLiteral("limit");

QString localTime(std::int64_t msecs)
{
    return QDateTime::fromMSecsSinceEpoch(msecs).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

QJsonValue utcTime(std::int64_t msecs)
{
    return QDateTime::fromMSecsSinceEpoch(msecs, Qt::UTC).toString(Qt::ISODateWithMs);
}

QString subjectOf(RowId portfolioId, RowId assetId, const Catalog &catalog)
{
    return portfolioId != 0 ? catalog.portfolioName(portfolioId) : catalog.assetSymbol(assetId);
}

// What a rule is about, as a person says it: "loss -5 %", "above 150 USD".
QString conditionText(const store::AlertRule &rule, const Catalog &catalog)
{
    switch (rule.kind) {
    case store::AlertKind::PortfolioLoss:
        return QStringLiteral("loss %1 %").arg(rule.threshold.toString());
    case store::AlertKind::PortfolioGain:
        return QStringLiteral("gain %1 %").arg(rule.threshold.toString());
    case store::AlertKind::PriceAbove:
    case store::AlertKind::PriceBelow: {
        const Asset *asset = catalog.asset(rule.assetId);
        return QStringLiteral("%1 %2 %3")
            .arg(rule.kind == store::AlertKind::PriceAbove ? QStringLiteral("above") : QStringLiteral("below"),
                 rule.threshold.toString(), asset ? asset->currency : QString())
            .trimmed();
    }
    }
    return {};
}

QString stateText(const store::AlertRule &rule)
{
    if (!rule.enabled)
        return QStringLiteral("off");
    return rule.armed ? QStringLiteral("armed") : QStringLiteral("fired");
}

QJsonObject ruleJson(const store::AlertRule &rule, const Catalog &catalog)
{
    return QJsonObject {
        { QStringLiteral("id"), rule.isDefault() ? QJsonValue::Null : QJsonValue(uuidText(rule.stamp.uuid)) },
        { QStringLiteral("kind"), store::toKey(rule.kind) },
        { QStringLiteral("portfolio"),
          rule.portfolioId ? QJsonValue(catalog.portfolioName(rule.portfolioId)) : QJsonValue::Null },
        { QStringLiteral("asset"), rule.assetId ? QJsonValue(catalog.assetSymbol(rule.assetId)) : QJsonValue::Null },
        { QStringLiteral("threshold"), decimalJson(rule.threshold) },
        { QStringLiteral("default"), rule.isDefault() },
        { QStringLiteral("enabled"), rule.enabled },
        { QStringLiteral("armed"), rule.armed },
        { QStringLiteral("state"), stateText(rule) },
    };
}

QJsonObject eventJson(const store::AlertEvent &event, const Catalog &catalog, const std::map<RowId, QString> &ruleUuids)
{
    const auto rule = ruleUuids.find(event.ruleId);
    return QJsonObject {
        { QStringLiteral("rule"), rule != ruleUuids.end() ? QJsonValue(rule->second) : QJsonValue::Null },
        { QStringLiteral("kind"), store::toKey(event.kind) },
        { QStringLiteral("portfolio"),
          event.portfolioId ? QJsonValue(catalog.portfolioName(event.portfolioId)) : QJsonValue::Null },
        { QStringLiteral("asset"), event.assetId ? QJsonValue(catalog.assetSymbol(event.assetId)) : QJsonValue::Null },
        { QStringLiteral("firedAt"), utcTime(event.firedAt) },
        { QStringLiteral("day"), event.day.toString(Qt::ISODate) },
        { QStringLiteral("observed"), decimalJson(event.observed) },
        { QStringLiteral("threshold"), decimalJson(event.threshold) },
        { QStringLiteral("message"), event.message },
        { QStringLiteral("read"), event.read },
    };
}

std::map<RowId, QString> ruleUuids(const std::vector<store::AlertRule> &rules)
{
    std::map<RowId, QString> uuids;
    for (const store::AlertRule &rule : rules) {
        if (!rule.isDefault())
            uuids.emplace(rule.id, uuidText(rule.stamp.uuid));
    }
    return uuids;
}

int log(Context &context, const QStringList &arguments)
{
    CommandLine commandLine(QStringLiteral("alerts log"),
                            QStringLiteral("Lists the alerts log, newest first: every time a portfolio threshold or "
                                           "a price alert fired, with the value observed and the threshold."));
    commandLine.addValueOption(LimitOption, QStringLiteral("At most this many alerts (default 100)."),
                               QStringLiteral("N"));
    commandLine.addFlag(QStringLiteral("unread"), QStringLiteral("Only alerts not yet marked read."));
    commandLine.addFlag(QStringLiteral("mark-read"), QStringLiteral("Mark every alert read after listing."));
    commandLine.addJsonFlag();
    if (auto done = commandLine.parse(context, arguments))
        return *done;
    std::int64_t limit = 100;
    if (commandLine.isSet(LimitOption)) {
        auto parsed = parseInteger(QStringLiteral("--limit"), commandLine.value(LimitOption), 1, 1'000'000);
        if (!parsed)
            return context.badInput(parsed.error());
        limit = *parsed;
    }
    auto database = context.database();
    if (!database)
        return context.failure(database.error());
    const store::AlertRepository alerts(**database);
    auto catalog = Catalog::load(**database);
    if (!catalog)
        return context.failure(catalog.error());
    auto events = alerts.events(int(limit), commandLine.isSet(QStringLiteral("unread")));
    if (!events)
        return context.failure(events.error());
    auto rules = alerts.rules();
    if (!rules)
        return context.failure(rules.error());

    if (commandLine.json()) {
        QJsonArray array;
        const auto uuids = ruleUuids(*rules);
        for (const store::AlertEvent &event : *events)
            array.append(eventJson(event, *catalog, uuids));
        writeJson(context.out(), QJsonDocument(array));
    } else if (events->empty()) {
        context.out() << "No alerts.\n";
    } else {
        TextTable table;
        for (const char16_t *header : { u"Fired", u"Day", u"Kind", u"Subject" })
            table.addColumn(QString::fromUtf16(header));
        table.addColumn(QStringLiteral("Observed"), TextTable::Align::Right);
        table.addColumn(QStringLiteral("Threshold"), TextTable::Align::Right);
        table.addColumn(QString());
        table.addColumn(QStringLiteral("Message"));
        for (const store::AlertEvent &event : *events) {
            const bool percent = store::isPortfolioKind(event.kind);
            table.addRow({ localTime(event.firedAt), event.day.toString(Qt::ISODate), store::toKey(event.kind),
                           subjectOf(event.portfolioId, event.assetId, *catalog),
                           percent ? event.observed.toString(2) + QStringLiteral(" %") : event.observed.toString(),
                           percent ? event.threshold.toString() + QStringLiteral(" %") : event.threshold.toString(),
                           event.read ? QString() : QStringLiteral("new"), event.message });
        }
        table.write(context.out());
    }
    if (commandLine.isSet(QStringLiteral("mark-read"))) {
        if (auto marked = alerts.markRead(); !marked)
            return context.failure(marked.error());
    }
    return ExitSuccess;
}

int rules(Context &context, const QStringList &arguments)
{
    CommandLine commandLine(
        QStringLiteral("alerts rules"),
        QStringLiteral("Lists the alert rules in force with their state: each portfolio's loss and gain threshold "
                       "(percent against the cost basis of its holdings; 'default' when the portfolio has none of "
                       "its own: -5 % and +10 %), then the price alerts. 'armed' rules fire when their value "
                       "crosses the threshold; 'fired' ones re-arm once it is back; 'off' ones never fire."));
    commandLine.addJsonFlag();
    if (auto done = commandLine.parse(context, arguments))
        return *done;
    auto database = context.database();
    if (!database)
        return context.failure(database.error());
    auto catalog = Catalog::load(**database);
    if (!catalog)
        return context.failure(catalog.error());
    auto rules = store::AlertRepository(**database).rules();
    if (!rules)
        return context.failure(rules.error());
    if (commandLine.json()) {
        QJsonArray array;
        for (const store::AlertRule &rule : *rules)
            array.append(ruleJson(rule, *catalog));
        writeJson(context.out(), QJsonDocument(array));
        return ExitSuccess;
    }
    if (rules->empty()) {
        context.out() << "No alert rules (no portfolios and no price alerts).\n";
        return ExitSuccess;
    }
    TextTable table;
    for (const char16_t *header : { u"ID", u"Kind", u"Subject", u"Condition", u"State" })
        table.addColumn(QString::fromUtf16(header));
    for (const store::AlertRule &rule : *rules) {
        table.addRow({ rule.isDefault() ? QStringLiteral("default") : shortId(rule.stamp.uuid), store::toKey(rule.kind),
                       subjectOf(rule.portfolioId, rule.assetId, *catalog), conditionText(rule, *catalog),
                       stateText(rule) });
    }
    table.write(context.out());
    return ExitSuccess;
}

// "--loss -5" or "--loss off".
Result<std::optional<Decimal>> parseThreshold(const QString &field, const QString &text)
{
    if (text.compare(QStringLiteral("off"), Qt::CaseInsensitive) == 0)
        return std::optional<Decimal>();
    auto value = parseDecimal(field, text);
    if (!value)
        return Error { value.error() };
    return std::optional<Decimal>(*value);
}

int thresholds(Context &context, const QStringList &arguments)
{
    CommandLine commandLine(
        QStringLiteral("alerts thresholds"),
        QStringLiteral("Sets a portfolio's alert thresholds, in percent gain against the cost basis of its "
                       "holdings: --loss -5 alerts at a 5 % loss, --gain 10 at a 10 % gain (the defaults); 'off' "
                       "turns one off. A changed threshold is re-armed: a portfolio already beyond it alerts at the "
                       "next valuation."));
    commandLine.addValueOption(QStringLiteral("portfolio"), QStringLiteral("The portfolio (name or UUID)."),
                               QStringLiteral("ref"));
    commandLine.addValueOption(QStringLiteral("loss"), QStringLiteral("Loss threshold, a negative percent, or off."),
                               QStringLiteral("percent|off"));
    commandLine.addValueOption(QStringLiteral("gain"), QStringLiteral("Gain threshold, a positive percent, or off."),
                               QStringLiteral("percent|off"));
    commandLine.addFlag(QStringLiteral("off"), QStringLiteral("Turn both thresholds off."));
    commandLine.addFlag(QStringLiteral("default"), QStringLiteral("Back to the defaults, -5 % and +10 %."));
    if (auto done = commandLine.parse(context, arguments))
        return *done;
    if (!commandLine.isSet(QStringLiteral("portfolio")))
        return context.badInput(QStringLiteral("--portfolio: which portfolio's thresholds to set"));
    const bool off = commandLine.isSet(QStringLiteral("off"));
    const bool reset = commandLine.isSet(QStringLiteral("default"));
    const bool loss = commandLine.isSet(QStringLiteral("loss"));
    const bool gain = commandLine.isSet(QStringLiteral("gain"));
    if (int(off) + int(reset) + int(loss || gain) != 1)
        return context.badInput(QStringLiteral("alerts thresholds: give --loss and/or --gain, or --off, or --default"));

    std::optional<Decimal> lossPercent;
    std::optional<Decimal> gainPercent;
    if (loss) {
        auto parsed = parseThreshold(QStringLiteral("--loss"), commandLine.value(QStringLiteral("loss")));
        if (!parsed)
            return context.badInput(parsed.error());
        lossPercent = *parsed;
        if (lossPercent && (!lossPercent->isNegative() || *lossPercent <= Decimal(-100)))
            return context.badInput(QStringLiteral("--loss: '%1' must be a percent between -100 and 0 (a 5 % loss "
                                                   "is -5), or off")
                                        .arg(commandLine.value(QStringLiteral("loss"))));
    }
    if (gain) {
        auto parsed = parseThreshold(QStringLiteral("--gain"), commandLine.value(QStringLiteral("gain")));
        if (!parsed)
            return context.badInput(parsed.error());
        gainPercent = *parsed;
        if (gainPercent && !gainPercent->isPositive())
            return context.badInput(QStringLiteral("--gain: '%1' must be a percent above 0 (a 10 % gain is 10), or off")
                                        .arg(commandLine.value(QStringLiteral("gain"))));
    }

    auto database = context.database();
    if (!database)
        return context.failure(database.error());
    auto portfolio
        = store::PortfolioRepository(**database).findByReference(commandLine.value(QStringLiteral("portfolio")));
    if (!portfolio)
        return context.badInput(u"--portfolio: " + portfolio.error());
    const store::AlertRepository alerts(**database);
    const auto done = (*database)->inTransaction([&]() -> Result<void> {
        for (const store::AlertKind kind : { store::AlertKind::PortfolioLoss, store::AlertKind::PortfolioGain }) {
            const bool isLoss = kind == store::AlertKind::PortfolioLoss;
            if (reset) {
                if (auto result = alerts.resetThreshold(portfolio->id, kind); !result)
                    return result;
            } else if (off || (isLoss ? loss : gain)) {
                auto result = alerts.setThreshold(portfolio->id, kind,
                                                  off ? std::nullopt : (isLoss ? lossPercent : gainPercent));
                if (!result)
                    return Error { result.error() };
            }
        }
        return {};
    });
    if (!done)
        return context.failure(done.error());

    auto rules = alerts.rules();
    if (!rules)
        return context.failure(rules.error());
    auto catalog = Catalog::load(**database);
    if (!catalog)
        return context.failure(catalog.error());
    context.out() << "Thresholds of " << portfolio->name << ':';
    for (const store::AlertRule &rule : *rules) {
        if (rule.portfolioId == portfolio->id)
            context.out() << ' ' << conditionText(rule, *catalog) << " (" << stateText(rule)
                          << (rule.isDefault() ? QStringLiteral(", default") : QString()) << ')';
    }
    context.out() << '\n';
    return ExitSuccess;
}

int add(Context &context, const QStringList &arguments)
{
    CommandLine commandLine(QStringLiteral("alerts add"),
                            QStringLiteral("Adds a price alert on an asset: it fires when the asset's latest close is "
                                           "at or above (--above) or at or below (--below) a price in the asset's "
                                           "currency, once per crossing."));
    commandLine.addValueOption(QStringLiteral("asset"), QStringLiteral("The asset (symbol or UUID)."),
                               QStringLiteral("ref"));
    commandLine.addValueOption(QStringLiteral("above"), QStringLiteral("Alert at or above this price."),
                               QStringLiteral("price"));
    commandLine.addValueOption(QStringLiteral("below"), QStringLiteral("Alert at or below this price."),
                               QStringLiteral("price"));
    commandLine.addJsonFlag();
    if (auto done = commandLine.parse(context, arguments))
        return *done;
    if (!commandLine.isSet(QStringLiteral("asset")))
        return context.badInput(QStringLiteral("--asset: which asset to watch"));
    const bool above = commandLine.isSet(QStringLiteral("above"));
    if (above == commandLine.isSet(QStringLiteral("below")))
        return context.badInput(QStringLiteral("alerts add: give exactly one of --above and --below"));
    const QString field = above ? QStringLiteral("--above") : QStringLiteral("--below");
    const QString text = commandLine.value(above ? QStringLiteral("above") : QStringLiteral("below"));
    auto price = parseDecimal(field, text);
    if (!price)
        return context.badInput(price.error());
    if (!price->isPositive())
        return context.badInput(QStringLiteral("%1: '%2' must be greater than zero").arg(field, text));

    auto database = context.database();
    if (!database)
        return context.failure(database.error());
    auto asset = store::AssetRepository(**database).findByReference(commandLine.value(QStringLiteral("asset")));
    if (!asset)
        return context.badInput(u"--asset: " + asset.error());
    auto rule
        = store::AlertRepository(**database)
              .addPriceRule(asset->id, above ? store::AlertKind::PriceAbove : store::AlertKind::PriceBelow, *price);
    if (!rule)
        return context.badInput(rule.error());
    auto catalog = Catalog::load(**database);
    if (!catalog)
        return context.failure(catalog.error());
    if (commandLine.json()) {
        writeJson(context.out(), QJsonDocument(ruleJson(*rule, *catalog)));
        return ExitSuccess;
    }
    context.out() << "Added price alert " << shortId(rule->stamp.uuid) << ": " << asset->symbol << ' '
                  << conditionText(*rule, *catalog) << '\n';
    return ExitSuccess;
}

int remove(Context &context, const QStringList &arguments)
{
    CommandLine commandLine(QStringLiteral("alerts remove"),
                            QStringLiteral("Removes an alert rule by its ID (see 'alerts rules'). A removed "
                                           "portfolio threshold falls back to the default. The log keeps its "
                                           "alerts."));
    commandLine.addArgument(QStringLiteral("id"), QStringLiteral("The rule's ID (UUID or its first 8+ characters)."));
    if (auto done = commandLine.parse(context, arguments))
        return *done;
    auto database = context.database();
    if (!database)
        return context.failure(database.error());
    const store::AlertRepository alerts(**database);
    auto rule = alerts.findRuleByReference(commandLine.argument(0));
    if (!rule)
        return context.badInput(rule.error());
    if (auto removed = alerts.removeRule(rule->id); !removed)
        return context.failure(removed.error());
    context.out() << "Removed alert rule " << shortId(rule->stamp.uuid) << ".\n";
    return ExitSuccess;
}

int check(Context &context, const QStringList &arguments)
{
    CommandLine commandLine(QStringLiteral("alerts check"),
                            QStringLiteral("Values every portfolio now, stores a snapshot (unless this clock hour "
                                           "has one) and evaluates the alert rules; prints the alerts that fired."));
    commandLine.addJsonFlag();
    if (auto done = commandLine.parse(context, arguments))
        return *done;
    auto database = context.database();
    if (!database)
        return context.failure(database.error());
    auto outcome = snapshotNow(**database);
    if (!outcome)
        return context.failure(outcome.error());
    if (commandLine.json()) {
        auto catalog = Catalog::load(**database);
        if (!catalog)
            return context.failure(catalog.error());
        auto rules = store::AlertRepository(**database).rules();
        if (!rules)
            return context.failure(rules.error());
        const auto uuids = ruleUuids(*rules);
        QJsonArray events;
        for (const store::AlertEvent &event : outcome->events)
            events.append(eventJson(event, *catalog, uuids));
        writeJson(context.out(),
                  QJsonDocument(QJsonObject {
                      { QStringLiteral("day"), outcome->day.toString(Qt::ISODate) },
                      { QStringLiteral("snapshot"),
                        outcome->snapshotId ? QJsonValue(qint64(outcome->snapshotId)) : QJsonValue::Null },
                      { QStringLiteral("kind"), store::toKey(outcome->kind) },
                      { QStringLiteral("events"), events },
                  }));
        return ExitSuccess;
    }
    if (outcome->snapshotId)
        context.out() << "Stored " << store::toKey(outcome->kind) << " snapshot " << outcome->snapshotId << " of "
                      << outcome->day.toString(Qt::ISODate) << ".\n";
    else
        context.out() << "This hour already has a snapshot; valued and checked the alerts.\n";
    if (outcome->events.empty())
        context.out() << "No new alerts.\n";
    printAlertEvents(context.out(), outcome->events);
    return ExitSuccess;
}

} // namespace

Result<snapshots::SnapshotOutcome> snapshotNow(const store::Database &database)
{
    return snapshots::takeSnapshot(database, QDateTime::currentDateTimeUtc());
}

void printAlertEvents(QTextStream &out, const std::vector<store::AlertEvent> &events)
{
    for (const store::AlertEvent &event : events)
        out << "Alert: " << event.message << Qt::endl;
}

int runAlertsCommand(Context &context, const QStringList &arguments)
{
    const std::vector<Action> actions {
        { QStringLiteral("log"), QStringLiteral("List the alerts log, newest first (the default)"), log },
        { QStringLiteral("rules"), QStringLiteral("List the rules in force and their state"), rules },
        { QStringLiteral("thresholds"), QStringLiteral("Set a portfolio's loss and gain thresholds"), thresholds },
        { QStringLiteral("add"), QStringLiteral("Add a price alert on an asset"), add },
        { QStringLiteral("remove"), QStringLiteral("Remove an alert rule"), remove },
        { QStringLiteral("check"), QStringLiteral("Value now, store a snapshot and evaluate the alerts"), check },
    };
    // "alerts" alone, or followed by options only, lists the log.
    const QString action = arguments.value(1);
    const bool help = action == u"--help" || action == u"-h" || action == u"help";
    if (action.isEmpty() || (action.startsWith(u'-') && !help))
        return log(context, QStringList { arguments.value(0), QStringLiteral("log") } + arguments.mid(1));
    return runGroup(context, QStringLiteral("alerts"),
                    QStringLiteral("Alerts: each portfolio's loss and gain thresholds against its cost basis "
                                   "(default -5 % and +10 %) and price alerts per asset, evaluated after each "
                                   "valuation; each fires once per crossing and is kept in the alerts log."),
                    actions, arguments);
}

} // namespace pt::cli
