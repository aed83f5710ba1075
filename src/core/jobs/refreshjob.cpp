#include "jobs/refreshjob.h"

#include "jobs/exchangerates.h"
#include "jobs/pricecache.h"
#include "marketdata/provider.h"
#include "store/assetrepository.h"
#include "store/historywriter.h"

#include <QTimeZone>

#include <algorithm>
#include <map>

namespace pt::jobs {

namespace {

// What the provider calls an asset: its source id when it has one.
QString sourceSymbol(const Asset &asset)
{
    return (asset.sourceId.isEmpty() ? asset.symbol : asset.sourceId).toUpper();
}

} // namespace

JobOutcome RefreshJob::run(QDate today) const
{
    QStringList log;
    // The ECB's refresh also keeps the exchange rates of the book current.
    if (m_job.source == u"ecb" && m_job.assetId == 0) {
        JobOutcome rates = updateExchangeRates(m_context, today);
        if (rates.status != JobOutcome::Status::Done)
            return rates;
        log << rates.log;
    }

    auto all = store::AssetRepository(m_context.database).list();
    if (!all)
        return JobOutcome::failed(all.error());
    std::vector<Asset> assets;
    for (const Asset &asset : *all) {
        const bool wanted = m_job.assetId != 0 ? asset.id == m_job.assetId : asset.tracked;
        if (wanted && !asset.synthetic && asset.dataSource == m_job.source)
            assets.push_back(asset);
    }
    if (assets.empty()) {
        log << QStringLiteral("no tracked assets of %1").arg(m_job.source);
        return JobOutcome::done(log.join(u'\n'));
    }

    std::vector<store::QuoteRecord> records;
    std::vector<std::pair<RowId, marketdata::Quote>> cached;
    const std::span<const Asset> span(assets);
    const std::size_t batches = (assets.size() + BatchSize - 1) / BatchSize;
    for (std::size_t batch = 0; batch < batches; ++batch) {
        if (m_context.stopRequested && m_context.stopRequested())
            return JobOutcome::stopped();
        const std::size_t first = batch * BatchSize;
        const auto part = span.subspan(first, std::min<std::size_t>(BatchSize, assets.size() - first));
        auto quotes = m_context.provider.latest(part);
        if (!quotes)
            return JobOutcome::failed(QStringLiteral("latest prices from %1: %2").arg(m_job.source, quotes.error()));
        std::map<QString, const marketdata::Quote *> bySymbol;
        for (const marketdata::Quote &quote : *quotes)
            bySymbol[quote.symbol.toUpper()] = &quote;
        for (const Asset &asset : part) {
            const auto found = bySymbol.find(sourceSymbol(asset));
            if (found == bySymbol.end() || !found->second->price.isPositive()) {
                log << QStringLiteral("%1: no price from %2").arg(asset.symbol, m_job.source);
                continue;
            }
            const marketdata::Quote &quote = *found->second;
            // The UTC day of the price: the day daily bars of crypto sources use,
            // and the trading day of every exchange whose session ends before midnight UTC.
            QDate day = quote.time.isValid() ? quote.time.toTimeZone(QTimeZone::utc()).date() : today;
            day = std::min(day, today);
            records.push_back({asset.id, day, quote.price});
            cached.emplace_back(asset.id, quote);
            if (!quote.currency.isEmpty() && quote.currency != asset.currency)
                log << QStringLiteral("%1: the source quotes it in %2, the catalog says %3")
                           .arg(asset.symbol, quote.currency, asset.currency);
        }
        if (m_context.progress)
            m_context.progress(int(90 * (batch + 1) / batches));
    }

    if (auto stored = store::HistoryWriter(m_context.database).storeQuotes(records); !stored)
        return JobOutcome::failed(stored.error(), log.join(u'\n'));
    // Cached only once stored, so the cache never shows a price the store lacks.
    if (m_context.prices) {
        for (const auto &[assetId, quote] : cached)
            m_context.prices->put(assetId, quote.price, quote.currency, quote.time);
    }
    log << QStringLiteral("latest prices of %1 of %2 assets").arg(records.size()).arg(assets.size());
    return JobOutcome::done(log.join(u'\n'));
}

} // namespace pt::jobs
