#include "exchange/bookdocument.h"

#include "domain/transactionrules.h"
#include "exchange/bookparser_p.h"
#include "ledger/ledger.h"
#include "store/alertrepository.h"
#include "store/sqlrows.h"

#include <QFile>
#include <QFileInfo>
#include <QSet>

#include <tuple>

namespace pt::exchange {

using detail::indexed;
using detail::Reference;

Result<void> BookParser::resolve()
{
    BookDocument &doc = m_document;
    const auto find = [](const QHash<QString, std::size_t> &ids, const Reference &ref, const char16_t *what,
                         RowId &id) -> Result<void> {
        if (ref.uuid.isEmpty()) {
            id = 0;
            return {};
        }
        const auto found = ids.constFind(ref.uuid);
        if (found == ids.cend())
            return Error { QStringLiteral("%1: no %2 with UUID %3 in the document")
                               .arg(ref.path, QString::fromUtf16(what), ref.uuid) };
        id = RowId(*found + 1);
        return {};
    };

    // One live portfolio per name, one live asset per symbol and exchange.
    QHash<QString, std::size_t> names;
    for (std::size_t i = 0; i < doc.m_portfolios.size(); ++i) {
        const Portfolio &portfolio = doc.m_portfolios[i];
        if (portfolio.stamp.deleted)
            continue;
        ++doc.m_summary.counts.livePortfolios;
        if (const auto other = names.constFind(portfolio.name); other != names.cend())
            return Error { QStringLiteral("%1.name: '%2' is also the name of %3")
                               .arg(indexed(u"portfolios", i), portfolio.name, indexed(u"portfolios", *other)) };
        names.insert(portfolio.name, i);
    }
    QHash<QString, std::size_t> symbols;
    for (std::size_t i = 0; i < doc.m_assets.size(); ++i) {
        const Asset &asset = doc.m_assets[i];
        if (asset.stamp.deleted)
            continue;
        const QString key = asset.symbol.toLower() + u'\n' + asset.exchange;
        if (const auto other = symbols.constFind(key); other != symbols.cend())
            return Error { QStringLiteral("%1.symbol: '%2' is also the symbol of %3 on the same exchange")
                               .arg(indexed(u"assets", i), asset.symbol, indexed(u"assets", *other)) };
        symbols.insert(key, i);
    }

    for (std::size_t i = 0; i < doc.m_transactions.size(); ++i) {
        Transaction &t = doc.m_transactions[i];
        const auto &refs = m_transactionRefs[i];
        for (const auto &[ref, what, field] :
             { std::tuple { &refs[0], u"portfolio", &t.portfolioId }, std::tuple { &refs[1], u"asset", &t.assetId },
               std::tuple { &refs[2], u"portfolio", &t.counterpartyPortfolioId } }) {
            if (auto found
                = find(what == std::u16string_view(u"asset") ? m_assetUuids : m_portfolioUuids, *ref, what, *field);
                !found)
                return found;
        }
        if (t.stamp.deleted)
            continue;
        const Asset *asset = t.assetId ? &doc.m_assets[std::size_t(t.assetId - 1)] : nullptr;
        if (auto valid = validateTransaction(t, asset); !valid)
            return Error { indexed(u"transactions", i) + QStringLiteral(": ") + valid.error() };
        ++doc.m_summary.counts.liveTransactions;
        if (!doc.m_summary.counts.newestEntry.isValid() || t.date > doc.m_summary.counts.newestEntry)
            doc.m_summary.counts.newestEntry = t.date;
    }
    // The books must replay: no sale or transfer of units not held.
    if (auto replayed = ledger::Ledger::replay(doc.m_portfolios, doc.m_assets, doc.m_transactions); !replayed)
        return Error { QStringLiteral("transactions: the entries do not make a consistent book: ") + replayed.error() };

    QSet<QString> thresholds;
    for (std::size_t i = 0; i < doc.m_alertRules.size(); ++i) {
        store::AlertRule &rule = doc.m_alertRules[i];
        const auto &refs = m_ruleRefs[i];
        if (auto found = find(m_portfolioUuids, refs[0], u"portfolio", rule.portfolioId); !found)
            return found;
        if (auto found = find(m_assetUuids, refs[1], u"asset", rule.assetId); !found)
            return found;
        const QString path = indexed(u"alertRules", i);
        if (store::isPortfolioKind(rule.kind) ? rule.assetId != 0 : rule.portfolioId != 0)
            return Error { path
                           + (store::isPortfolioKind(rule.kind)
                                  ? QStringLiteral(".asset: a portfolio's threshold has no asset")
                                  : QStringLiteral(".portfolio: a price alert has no portfolio")) };
        if (auto valid = store::AlertRepository::validate(rule); !valid)
            return Error { path + u'.' + valid.error() };
        if (!rule.stamp.deleted && store::isPortfolioKind(rule.kind)) {
            const QString key = QStringLiteral("%1/%2").arg(rule.portfolioId).arg(store::toKey(rule.kind));
            if (thresholds.contains(key))
                return Error {
                    path
                    + QStringLiteral(": a second live %1 threshold of the same portfolio").arg(store::toKey(rule.kind))
                };
            thresholds.insert(key);
        }
    }

    QSet<QString> actions;
    for (std::size_t i = 0; i < doc.m_corporateActions.size(); ++i) {
        DocumentCorporateAction &entry = doc.m_corporateActions[i];
        if (auto found = find(m_assetUuids, m_actionRefs[i], u"asset", entry.asset); !found)
            return found;
        const QString key = QStringLiteral("%1/%2/%3")
                                .arg(entry.asset)
                                .arg(entry.action.date.toJulianDay())
                                .arg(int(entry.action.kind));
        if (actions.contains(key))
            return Error { indexed(u"corporateActions", i)
                           + QStringLiteral(": a second %1 of the same asset on %2")
                                 .arg(entry.action.kind == marketdata::CorporateAction::Kind::Split
                                          ? QStringLiteral("split")
                                          : QStringLiteral("dividend"),
                                      entry.action.date.toString(Qt::ISODate)) };
        actions.insert(key);
    }
    for (const Reference &ref : m_priceRefs) {
        RowId id = 0;
        if (auto found = find(m_assetUuids, ref, u"asset", id); !found)
            return found;
    }

    BookCounts &counts = doc.m_summary.counts;
    counts.portfolios = std::int64_t(doc.m_portfolios.size());
    counts.assets = std::int64_t(doc.m_assets.size());
    counts.transactions = std::int64_t(doc.m_transactions.size());
    counts.alertRules = std::int64_t(doc.m_alertRules.size());
    counts.corporateActions = std::int64_t(doc.m_corporateActions.size());
    return {};
}

Result<BookDocument> BookDocument::read(const QString &path, const Progress &progress)
{
    const QFileInfo info(path);
    if (!info.exists())
        return Error { QStringLiteral("'%1' does not exist").arg(path) };
    if (!info.isFile())
        return Error { QStringLiteral("'%1' is not a file").arg(path) };
    QFile file(info.absoluteFilePath());
    if (!file.open(QIODevice::ReadOnly))
        return Error { QStringLiteral("cannot read '%1': %2").arg(path, file.errorString()) };
    BookDocument document;
    document.m_path = info.absoluteFilePath();
    document.m_size = info.size();
    document.m_modified = info.lastModified();
    BookParser parser(file, document, BookParser::Pass::Check, progress);
    if (auto parsed = parser.parse(); !parsed)
        return Error { QStringLiteral("%1: %2").arg(path, parsed.error()) };
    if (auto resolved = parser.resolve(); !resolved)
        return Error { QStringLiteral("%1: %2").arg(path, resolved.error()) };
    return document;
}

Result<void> BookDocument::readMarketData(const BarVisitor &bars, const RateVisitor &rates) const
{
    const QFileInfo info(m_path);
    if (info.size() != m_size || info.lastModified() != m_modified)
        return Error { QStringLiteral("'%1' changed since it was checked; nothing was imported").arg(m_path) };
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly))
        return Error { QStringLiteral("cannot read '%1': %2").arg(m_path, file.errorString()) };
    BookDocument copy; // the second pass only needs the asset ids
    copy.m_assetIds = m_assetIds;
    BookParser parser(file, copy, BookParser::Pass::MarketData, {});
    parser.bars = bars;
    parser.rates = rates;
    if (auto parsed = parser.parse(); !parsed)
        return Error { QStringLiteral("%1: %2").arg(m_path, parsed.error()) };
    return {};
}

} // namespace pt::exchange
