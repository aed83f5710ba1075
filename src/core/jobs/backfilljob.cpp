#include "jobs/backfilljob.h"

#include "marketdata/barvalidator.h"
#include "marketdata/provider.h"
#include "store/assetrepository.h"
#include "store/historywriter.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcBackfill, "pt.jobs.backfill", QtInfoMsg)

namespace pt::jobs {

namespace {

// Share of the progress bar the requests take; storing takes the rest.
constexpr int FetchShare = 90;

struct Chunk
{
    QDate from;
    QDate to;
};

// Up to four requests of at least a year each: enough steps for a progress
// bar and a stop between them, yet few requests against a source's rate limit
// (ten years are four requests, not ten).
constexpr qint64 MaxChunks = 4;
constexpr qint64 MinChunkDays = 365;

std::vector<Chunk> chunksOf(QDate from, QDate to)
{
    const qint64 days = from.daysTo(to) + 1;
    const qint64 count = std::clamp<qint64>((days + MinChunkDays - 1) / MinChunkDays, 1, MaxChunks);
    const qint64 length = (days + count - 1) / count;
    std::vector<Chunk> chunks;
    for (QDate start = from; start <= to; start = start.addDays(length))
        chunks.push_back({start, std::min(start.addDays(length - 1), to)});
    return chunks;
}

} // namespace

JobOutcome BackfillJob::run() const
{
    auto asset = store::AssetRepository(m_context.database).find(m_job.assetId);
    if (!asset)
        return JobOutcome::failed(asset.error());
    const QString range =
        QStringLiteral("%1 to %2").arg(m_job.rangeFrom.toString(Qt::ISODate), m_job.rangeTo.toString(Qt::ISODate));
    if (!m_job.rangeFrom.isValid() || !m_job.rangeTo.isValid() || m_job.rangeFrom > m_job.rangeTo)
        return JobOutcome::failed(
            QStringLiteral("backfill of %1: '%2' is not a range of days").arg(asset->symbol, range));

    marketdata::History merged;
    const std::vector<Chunk> chunks = chunksOf(m_job.rangeFrom, m_job.rangeTo);
    for (std::size_t i = 0; i < chunks.size(); ++i) {
        if (m_context.stopRequested && m_context.stopRequested())
            return JobOutcome::stopped();
        auto part = m_context.provider.history(*asset, chunks[i].from, chunks[i].to);
        if (!part)
            return JobOutcome::failed(QStringLiteral("%1 (%2): %3").arg(asset->symbol, range, part.error()));
        if (merged.currency.isEmpty())
            merged.currency = part->currency;
        merged.timeZone = part->timeZone;
        std::move(part->bars.begin(), part->bars.end(), std::back_inserter(merged.bars));
        std::move(part->actions.begin(), part->actions.end(), std::back_inserter(merged.actions));
        merged.notes += part->notes;
        if (m_context.progress)
            m_context.progress(int(FetchShare * (i + 1) / chunks.size()));
    }

    // Validated as one history, so a move across two requests' border is
    // checked like any other and a day sent twice is kept once.
    marketdata::ValidatedHistory valid = marketdata::validateHistory(std::move(merged), m_job.rangeFrom, m_job.rangeTo);
    QStringList log = valid.history.notes;
    if (!valid.history.currency.isEmpty() && valid.history.currency != asset->currency)
        log << QStringLiteral("the source prices %1 in %2, the catalog says %3")
                   .arg(asset->symbol, valid.history.currency, asset->currency);

    // Everything is fetched: storing it is this job's last step, finished even
    // when a stop was asked for meanwhile.
    const auto &bars = valid.history.bars;
    const auto &actions = valid.history.actions;
    if (auto stored = store::HistoryWriter(m_context.database).storeHistory(asset->id, bars, actions, m_job.source);
        !stored)
        return JobOutcome::failed(QStringLiteral("%1 (%2): %3").arg(asset->symbol, range, stored.error()),
                                  log.join(u'\n'));

    if (bars.empty())
        log << QStringLiteral("no prices for %1 from %2").arg(asset->symbol, range);
    else
        log << QStringLiteral("stored %1 days of %2 (%3 to %4) and %5 corporate actions")
                   .arg(bars.size())
                   .arg(asset->symbol, bars.front().date.toString(Qt::ISODate), bars.back().date.toString(Qt::ISODate))
                   .arg(actions.size());
    qCDebug(lcBackfill) << log.last();
    return JobOutcome::done(log.join(u'\n'));
}

} // namespace pt::jobs
