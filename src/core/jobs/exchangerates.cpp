#include "jobs/exchangerates.h"

#include "marketdata/ecbprovider.h"
#include "store/database.h"
#include "store/fxraterepository.h"
#include "store/sqlrows.h"

#include <QHash>
#include <QMutex>
#include <QSet>
#include <QSqlQuery>

#include <algorithm>

namespace pt::jobs {

namespace {

using RateFile = marketdata::EcbProvider::RateFile;

const QString Euro = QStringLiteral("EUR");
// The ECB's first reference rates.
const QDate FirstPublication(1999, 1, 4);
// A rate on or before the first entry must exist to convert it; this far back
// is enough to span a long holiday weekend.
constexpr int LeadDays = 7;

// Working days (Monday to Friday) after `last` up to and including `today`.
int workingDaysAfter(QDate last, QDate today)
{
    int days = 0;
    for (QDate day = last.addDays(1); day <= today && days < 3; day = day.addDays(1)) {
        if (day.dayOfWeek() <= 5)
            ++days;
    }
    return days;
}

// Whole-history downloads are a few megabytes: once a day per store and
// process is enough.
bool mayDownloadEverything(const store::Database &database, QDate today)
{
    static QMutex mutex;
    static QHash<QString, QDate> lastDownload; // by store location
    const QMutexLocker lock(&mutex);
    QDate &last = lastDownload[database.location()];
    if (last == today)
        return false;
    last = today;
    return true;
}

} // namespace

Result<RateNeeds> rateNeeds(const store::Database &database, const QStringList &extra)
{
    QSqlQuery query(database.connection());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral(
        "SELECT currency FROM ledger_transaction WHERE deleted = 0 "
        "UNION SELECT currency FROM asset WHERE id IN "
        "    (SELECT asset_id FROM ledger_transaction WHERE deleted = 0 AND asset_id IS NOT NULL) "
        "UNION SELECT base_currency FROM portfolio WHERE deleted = 0"));
    if (auto done = store::execute(query, QStringLiteral("Finding the currencies of the book")); !done)
        return Error{done.error()};
    QSet<QString> codes;
    while (query.next())
        codes.insert(query.value(0).toString().toUpper());
    for (const QString &code : extra)
        codes.insert(code.toUpper());
    codes.remove(Euro);
    codes.remove(QString());

    RateNeeds needs;
    needs.currencies = QStringList(codes.begin(), codes.end());
    needs.currencies.sort();
    query.prepare(QStringLiteral("SELECT MIN(trade_date) FROM ledger_transaction WHERE deleted = 0"));
    if (auto done = store::execute(query, QStringLiteral("Finding the first entry of the book")); !done)
        return Error{done.error()};
    if (query.next())
        needs.from = store::dateFrom(query.value(0));
    return needs;
}

JobOutcome updateExchangeRates(const JobContext &context, QDate today)
{
    auto needs = rateNeeds(context.database);
    if (!needs)
        return JobOutcome::failed(needs.error());
    if (needs->isEmpty() || !needs->from.isValid())
        return JobOutcome::done(QStringLiteral("no exchange rates needed: the book is in euros only"));
    auto *ecb = dynamic_cast<marketdata::EcbProvider *>(&context.provider);
    if (!ecb)
        return JobOutcome::failed(QStringLiteral("exchange rates come from the ECB, not from %1")
                                      .arg(context.provider.key()));

    // What to download: the smallest file that closes every currency's gap.
    const store::FxRateRepository repository(context.database);
    const QDate start = std::max(needs->from.addDays(-LeadDays), FirstPublication);
    RateFile file = RateFile::Daily;
    QDate oldestLast = today;
    QStringList lackingHistory;
    for (const QString &code : std::as_const(needs->currencies)) {
        auto coverage = repository.coverage(code);
        if (!coverage)
            return JobOutcome::failed(coverage.error());
        if (!coverage->first.isValid() || coverage->first > start.addDays(LeadDays)) {
            lackingHistory << code;
            continue;
        }
        oldestLast = std::min(oldestLast, coverage->last);
    }
    if (!lackingHistory.isEmpty() && mayDownloadEverything(context.database, today))
        file = RateFile::Everything;
    else if (workingDaysAfter(oldestLast, today) > 1 || !lackingHistory.isEmpty())
        file = oldestLast.daysTo(today) <= 85 ? RateFile::Last90Days : RateFile::Everything;

    if (context.stopRequested && context.stopRequested())
        return JobOutcome::stopped();
    auto rates = ecb->euroRates(file);
    if (!rates)
        return JobOutcome::failed(rates.error());
    if (context.progress)
        context.progress(50);

    const QSet<QString> wanted(needs->currencies.begin(), needs->currencies.end());
    QSet<QString> published;
    std::vector<marketdata::EuroRate> kept;
    for (const marketdata::EuroRate &rate : *rates) {
        const QString code = rate.currency.toUpper();
        if (!wanted.contains(code) || rate.date < start)
            continue;
        published.insert(code);
        kept.push_back(rate);
    }
    if (auto stored = repository.upsertEuroRates(kept, u"ecb"); !stored)
        return JobOutcome::failed(stored.error());

    QStringList log;
    const QString fileName = file == RateFile::Daily ? QStringLiteral("latest")
        : file == RateFile::Last90Days                ? QStringLiteral("90-day")
                                                      : QStringLiteral("full history of");
    log << QStringLiteral("ECB %1 rates: %2 rates of %3 stored")
               .arg(fileName)
               .arg(kept.size())
               .arg(needs->currencies.join(QStringLiteral(", ")));
    for (const QString &code : std::as_const(needs->currencies)) {
        if (!published.contains(code) && file != RateFile::Daily)
            log << QStringLiteral("the ECB publishes no rate for %1 since %2: amounts in %1 stay unconverted")
                       .arg(code, start.toString(Qt::ISODate));
    }
    return JobOutcome::done(log.join(u'\n'));
}

} // namespace pt::jobs
