// The valuation kernel against a straightforward reference, and incremental
// recomputation against a full one, on generated books made rough on purpose:
// gaps in the closes (stale days), assets priced late or never (missing),
// exchange rates that start late and stop early, transfers of units and cash
// between portfolios and to a portfolio left out of the valuation.
#include "valuation/valuator.h"

#include "../common/testsupport.h"
#include "domain/transactionrules.h"
#include "generator/bookgenerator.h"
#include "money/currency.h"

#include <QTest>

#include <algorithm>
#include <map>
#include <random>

using namespace pt;
using namespace pt::valuation;

namespace {

// A generated book in memory, with ECB-like rates and the roughness above.
struct RoughBook
{
    ValuationInputs inputs;
    ValuationOptions options;
};

RoughBook roughBook(std::uint64_t seed, int portfolios, int assets, int entries, int years)
{
    test::TemporaryStore store;
    GeneratorOptions generator;
    generator.portfolios = portfolios;
    generator.assets = assets;
    generator.transactions = entries;
    generator.years = years;
    generator.seed = seed;
    const auto report = BookGenerator(store.db()).generate(generator);
    if (!report)
        qFatal("cannot generate: %s", qPrintable(report.error()));
    auto loaded = loadValuationInputs(store.db(), report->lastDay);
    if (!loaded)
        qFatal("cannot load: %s", qPrintable(loaded.error()));
    RoughBook book;
    book.inputs = std::move(*loaded);
    book.options.lastDay = report->lastDay;
    book.options.keyframeInterval = 20;
    std::mt19937_64 random(seed);

    // Rates for every currency but one, from 40 days after the start to 10 days before the end.
    QStringList currencies;
    for (const Asset &asset : book.inputs.assets)
        currencies << asset.currency;
    for (const Portfolio &portfolio : book.inputs.portfolios)
        currencies << portfolio.baseCurrency;
    currencies.removeDuplicates();
    currencies.removeAll(QStringLiteral("EUR"));
    std::sort(currencies.begin(), currencies.end());
    if (currencies.size() > 1)
        currencies.removeLast(); // never any rate: "no EUR→X rate up to"
    for (const QString &code : std::as_const(currencies)) {
        int step = 0;
        for (QDate date = report->firstDay.addDays(40); date <= report->lastDay.addDays(-10); date = date.addDays(1)) {
            if (BookGenerator::isTradingDay(date))
                book.inputs.fxRates.push_back(store::FxRate{QStringLiteral("EUR"), code, date,
                                                            Decimal(11) / Decimal(10) + Decimal(++step % 30) / Decimal(997)});
        }
    }
    // Closes: a gap of two weeks, an asset priced only from its second quarter,
    // one never priced, one whose closes stop a month early.
    int index = 0;
    for (auto &[id, closes] : book.inputs.closes) {
        if (closes.size() < 40)
            continue;
        switch (index++ % 5) {
        case 0:
            closes.erase(closes.begin() + long(closes.size() / 2), closes.begin() + long(closes.size() / 2 + 10));
            break;
        case 1:
            closes.erase(closes.begin(), closes.begin() + long(closes.size() / 4));
            break;
        case 2:
            closes.resize(closes.size() - 22);
            break;
        default:
            break;
        }
    }
    if (!book.inputs.assets.empty())
        book.inputs.closes.erase(book.inputs.assets.back().id);
    // Transfers of units and cash, the last portfolio left out of the valuation.
    const std::vector<Transaction> original = book.inputs.transactions;
    for (int i = 0; i < 30 && book.inputs.portfolios.size() >= 2; ++i) {
        Transaction t = original[random() % original.size()];
        t.stamp.uuid = QUuid::createUuid();
        t.stamp.createdAt += 1;
        t.type = TransactionType::Transfer;
        const std::size_t other = random() % book.inputs.portfolios.size();
        t.counterpartyPortfolioId = book.inputs.portfolios[other].id;
        if (t.counterpartyPortfolioId == t.portfolioId)
            t.counterpartyPortfolioId = book.inputs.portfolios[(other + 1) % book.inputs.portfolios.size()].id;
        if (i % 2 == 0 && t.assetId != 0) {
            t.quantity = Decimal(1 + i % 3);
        } else {
            t.assetId = 0;
            t.amount = Decimal(250 + i);
        }
        book.inputs.transactions.push_back(t);
    }
    std::stable_sort(book.inputs.transactions.begin(), book.inputs.transactions.end(),
                     [](const Transaction &a, const Transaction &b) { return replaysBefore(a, b); });
    return book;
}

// --- The reference: each day valued on its own, as the documentation says ---

Decimal roundedExact(__int128 raw) // 10^-24 units to 10^-12, half away from zero
{
    constexpr __int128 Scale = Decimal::ScaleFactor;
    __int128 units = raw / Scale;
    const __int128 rest = raw % Scale;
    if (2 * (rest < 0 ? -rest : rest) >= Scale)
        units += raw < 0 ? -1 : 1;
    return Decimal::fromRaw(units);
}

class Reference
{
public:
    Reference(const ValuationInputs &inputs, const ValuationOptions &options)
        : m_inputs(inputs)
        , m_options(options)
    {
        for (std::size_t p = 0; p < inputs.portfolios.size(); ++p)
            m_portfolio[inputs.portfolios[p].id] = int(p);
        for (const Asset &asset : inputs.assets)
            m_asset[asset.id] = &asset;
        for (const store::FxRate &rate : inputs.fxRates)
            m_rates[rate.quote][rate.date] = rate.rate;
    }

    Valuation run()
    {
        std::vector<const Transaction *> entries;
        for (const Transaction &t : m_inputs.transactions) {
            if (t.stamp.deleted || t.date > m_options.lastDay)
                continue;
            if (index(t.portfolioId) < 0
                && (t.type != TransactionType::Transfer || index(t.counterpartyPortfolioId) < 0))
                continue;
            entries.push_back(&t);
        }
        std::stable_sort(entries.begin(), entries.end(),
                         [](const Transaction *a, const Transaction *b) { return replaysBefore(*a, *b); });
        const int count = int(m_inputs.portfolios.size());
        m_series.assign(std::size_t(count) + 1, {});
        m_started.assign(std::size_t(count) + 1, false);
        Valuation valuation;
        if (entries.empty())
            return valuation;
        std::size_t next = 0;
        for (QDate day = entries.front()->date; day <= m_options.lastDay; day = day.addDays(1)) {
            m_flows.assign(std::size_t(count) + 1, {});
            m_incompleteToday.assign(std::size_t(count) + 1, false);
            for (; next < entries.size() && entries[next]->date == day; ++next)
                apply(*entries[next], day);
            m_started[std::size_t(count)] = true;
            valueDay(day);
        }
        for (int p = 0; p < count; ++p)
            valuation.portfolios.push_back(PortfolioSeries{m_inputs.portfolios[std::size_t(p)].id, m_series[std::size_t(p)]});
        valuation.total = m_series[std::size_t(count)];
        return valuation;
    }

private:
    int index(RowId portfolio) const
    {
        const auto found = m_portfolio.find(portfolio);
        return found == m_portfolio.end() ? -1 : found->second;
    }
    // The last valid close on or before `day`, or null.
    const Close *closeOn(RowId asset, QDate day) const
    {
        const auto found = m_inputs.closes.find(asset);
        if (found == m_inputs.closes.end())
            return nullptr;
        const Close *last = nullptr;
        for (const Close &close : found->second) {
            if (close.date > day)
                break;
            if (close.close.isValid())
                last = &close;
        }
        return last;
    }
    QString priceMissing(RowId asset) const
    {
        const Asset &a = *m_asset.at(asset);
        const auto found = m_inputs.closes.find(asset);
        if (found != m_inputs.closes.end() && !found->second.empty())
            return QStringLiteral("no price for %1 before %2").arg(a.symbol, found->second.front().date.toString(Qt::ISODate));
        return QStringLiteral("no price for %1 up to %2").arg(a.symbol, m_options.lastDay.toString(Qt::ISODate));
    }
    void report(int series, const QString &message)
    {
        QStringList &missing = m_series[std::size_t(series)].missing;
        if (!missing.contains(message))
            missing << message;
    }
    void start(int p)
    {
        if (p >= 0)
            m_started[std::size_t(p)] = true;
    }
    void unitFlow(int series, RowId asset, Decimal quantity, QDate day)
    {
        if (const Close *close = closeOn(asset, day)) {
            m_flows[std::size_t(series)][m_asset.at(asset)->currency] += quantity * close->close;
        } else {
            m_incompleteToday[std::size_t(series)] = true;
            report(series, priceMissing(asset));
        }
    }
    void setQuantity(int p, RowId asset, Decimal quantity, QDate day)
    {
        Decimal &held = m_quantity[p][asset];
        if (held.isZero() && !quantity.isZero() && !closeOn(asset, day)) {
            report(p, priceMissing(asset));
            report(int(m_inputs.portfolios.size()), priceMissing(asset));
        }
        held = quantity;
    }
    void apply(const Transaction &t, QDate day)
    {
        const int p = index(t.portfolioId);
        const int total = int(m_inputs.portfolios.size());
        const QString currency = t.assetId != 0 ? m_asset.at(t.assetId)->currency : t.currency;
        start(p);
        switch (t.type) {
        case TransactionType::Buy:
        case TransactionType::Sell: {
            const Decimal gross = (t.quantity * t.price).rounded(currency::minorUnits(currency));
            const bool buy = t.type == TransactionType::Buy;
            setQuantity(p, t.assetId, m_quantity[p][t.assetId] + (buy ? t.quantity : -t.quantity), day);
            m_cash[p][currency] += buy ? -(gross + t.fee) : gross - t.fee;
            break;
        }
        case TransactionType::Dividend:
            m_cash[p][currency] += t.amount - t.fee;
            break;
        case TransactionType::Interest:
            m_cash[p][currency] += t.amount;
            break;
        case TransactionType::Fee:
        case TransactionType::Tax:
            m_cash[p][currency] -= t.amount;
            break;
        case TransactionType::Split:
            if (!m_quantity[p][t.assetId].isZero() && !t.splitDenominator.isZero())
                setQuantity(p, t.assetId, m_quantity[p][t.assetId] * t.splitNumerator / t.splitDenominator, day);
            break;
        case TransactionType::Deposit:
        case TransactionType::Withdrawal: {
            const Decimal amount = t.type == TransactionType::Deposit ? t.amount : -t.amount;
            m_cash[p][currency] += amount;
            m_flows[std::size_t(p)][currency] += amount;
            m_flows[std::size_t(total)][currency] += amount;
            break;
        }
        case TransactionType::Transfer: {
            const int to = index(t.counterpartyPortfolioId);
            start(to);
            const bool external = (p < 0) != (to < 0);
            if (t.assetId == 0) {
                if (p >= 0) {
                    m_cash[p][currency] -= t.amount;
                    m_flows[std::size_t(p)][currency] -= t.amount;
                }
                if (to >= 0) {
                    m_cash[to][currency] += t.amount;
                    m_flows[std::size_t(to)][currency] += t.amount;
                }
                if (external)
                    m_flows[std::size_t(total)][currency] += p < 0 ? t.amount : -t.amount;
                break;
            }
            if (p >= 0)
                setQuantity(p, t.assetId, m_quantity[p][t.assetId] - t.quantity, day);
            if (to >= 0)
                setQuantity(to, t.assetId, m_quantity[to][t.assetId] + t.quantity, day);
            m_pendingUnits.push_back({p, t.assetId, -t.quantity});
            m_pendingUnits.push_back({to, t.assetId, t.quantity});
            if (external)
                m_pendingUnits.push_back({total, t.assetId, p < 0 ? t.quantity : -t.quantity});
            break;
        }
        }
    }
    // EUR per unit of `code` on `day`, through the last rate on or before it.
    bool rate(const QString &code, QDate day, Decimal &value, bool &stale, int series)
    {
        if (code == u"EUR") {
            value = Decimal(1);
            return true;
        }
        const auto table = m_rates.find(code);
        if (table == m_rates.end() || table->second.empty()) {
            report(series, QStringLiteral("no EUR→%1 rate up to %2").arg(code, m_options.lastDay.toString(Qt::ISODate)));
            return false;
        }
        auto found = table->second.upper_bound(day);
        if (found == table->second.begin()) {
            report(series, QStringLiteral("no EUR→%1 rate before %2")
                               .arg(code, table->second.begin()->first.toString(Qt::ISODate)));
            return false;
        }
        --found;
        value = found->second;
        if (found->first.daysTo(day) > m_options.staleAfterDays)
            stale = true;
        return true;
    }
    bool convert(Decimal amount, const QString &from, const QString &to, QDate day, Decimal &result, bool &stale,
                 int series)
    {
        if (from == to) {
            result = amount;
            return true;
        }
        Decimal fromRate;
        Decimal toRate;
        const bool haveFrom = rate(from, day, fromRate, stale, series);
        const bool haveTo = rate(to, day, toRate, stale, series);
        if (!haveFrom || !haveTo)
            return false;
        if (from == u"EUR")
            result = amount * toRate;
        else if (to == u"EUR")
            result = amount / fromRate;
        else
            result = amount * toRate / fromRate;
        return true;
    }
    void valueDay(QDate day)
    {
        const int count = int(m_inputs.portfolios.size());
        for (const auto &[series, asset, quantity] : m_pendingUnits) {
            if (series >= 0)
                unitFlow(series, asset, quantity, day);
        }
        m_pendingUnits.clear();
        std::map<QString, Decimal> totalAmounts;
        bool anyStale = false;
        bool anyUnpriced = false;
        for (int s = 0; s <= count; ++s) {
            const bool isTotal = s == count;
            const QString base = isTotal ? m_options.totalCurrency : m_inputs.portfolios[std::size_t(s)].baseCurrency;
            bool stale = isTotal && anyStale;
            bool incomplete = m_incompleteToday[std::size_t(s)] || (isTotal && anyUnpriced);
            Decimal value;
            std::map<QString, Decimal> amounts;
            std::map<QString, bool> held;
            if (isTotal) {
                amounts = totalAmounts;
            } else {
                std::map<QString, __int128> holdings;
                for (const auto &[asset, quantity] : m_quantity[s]) {
                    if (quantity.isZero())
                        continue;
                    const QString &code = m_asset.at(asset)->currency;
                    held[code] = true;
                    const Close *close = closeOn(asset, day);
                    if (!close) {
                        incomplete = true;
                        anyUnpriced = true;
                        continue;
                    }
                    if (close->date.daysTo(day) > m_options.staleAfterDays) {
                        stale = true;
                        anyStale = true;
                    }
                    holdings[code] += __int128(quantity.raw()) * __int128(close->close.raw());
                }
                for (const auto &[code, cash] : m_cash[s])
                    amounts[code] += cash;
                for (const auto &[code, sum] : holdings)
                    amounts[code] += roundedExact(sum);
                for (const auto &[code, amount] : amounts)
                    totalAmounts[code] += amount;
            }
            // In the kernel's currency order, so the messages come in its order too.
            for (const QString &code : currencyOrder()) {
                const auto amount = amounts.find(code);
                const Decimal a = amount == amounts.end() ? Decimal() : amount->second;
                if (a.isZero() && !held[code])
                    continue;
                Decimal converted;
                if (convert(a, code, base, day, converted, stale, s))
                    value += converted;
                else
                    incomplete = true;
            }
            Decimal flow;
            for (const QString &code : currencyOrder()) {
                const auto today = m_flows[std::size_t(s)].find(code);
                if (today == m_flows[std::size_t(s)].end() || today->second.isZero())
                    continue;
                Decimal converted;
                if (convert(today->second, code, base, day, converted, stale, s))
                    flow += converted;
                else
                    incomplete = true;
            }
            if (!m_started[std::size_t(s)])
                continue;
            ValueSeries &series = m_series[std::size_t(s)];
            if (series.size() == 0) {
                series.baseCurrency = base;
                series.first = day;
            }
            const Decimal invested = (series.invested.empty() ? Decimal() : series.invested.back()) + flow;
            series.marketValue.push_back(value);
            series.externalFlow.push_back(flow);
            series.invested.push_back(invested);
            series.stale.push_back(stale);
            series.incomplete.push_back(incomplete);
        }
    }
    // EUR, the total's base, the portfolios' bases, the assets', the entries' (first seen first).
    const QStringList &currencyOrder()
    {
        if (m_order.isEmpty()) {
            m_order << QStringLiteral("EUR") << m_options.totalCurrency;
            for (const Portfolio &portfolio : m_inputs.portfolios)
                m_order << portfolio.baseCurrency;
            for (const Asset &asset : m_inputs.assets)
                m_order << asset.currency;
            for (const Transaction &t : m_inputs.transactions)
                m_order << t.currency;
            m_order.removeDuplicates();
        }
        return m_order;
    }

    struct PendingUnits
    {
        int series;
        RowId asset;
        Decimal quantity;
    };

    const ValuationInputs &m_inputs;
    const ValuationOptions &m_options;
    std::map<RowId, int> m_portfolio;
    std::map<RowId, const Asset *> m_asset;
    std::map<QString, std::map<QDate, Decimal>> m_rates;
    std::map<int, std::map<RowId, Decimal>> m_quantity;
    std::map<int, std::map<QString, Decimal>> m_cash;
    std::vector<std::map<QString, Decimal>> m_flows;
    std::vector<bool> m_incompleteToday;
    std::vector<bool> m_started;
    std::vector<PendingUnits> m_pendingUnits;
    std::vector<ValueSeries> m_series;
    QStringList m_order;
};

// Where two series first differ, for the failure message; empty when they do not.
QString difference(const ValueSeries &a, const ValueSeries &b)
{
    if (a.baseCurrency != b.baseCurrency || a.first != b.first || a.size() != b.size())
        return QStringLiteral("shape: %1 %2 %3 vs %4 %5 %6")
            .arg(a.baseCurrency, a.first.toString(Qt::ISODate))
            .arg(a.size())
            .arg(b.baseCurrency, b.first.toString(Qt::ISODate))
            .arg(b.size());
    for (int i = 0; i < a.size(); ++i) {
        const std::size_t at = std::size_t(i);
        if (a.marketValue[at] != b.marketValue[at] || a.externalFlow[at] != b.externalFlow[at]
            || a.invested[at] != b.invested[at] || a.stale[at] != b.stale[at] || a.incomplete[at] != b.incomplete[at])
            return QStringLiteral("%1: value %2 vs %3, flow %4 vs %5, stale %6 vs %7, incomplete %8 vs %9")
                .arg(a.day(i).toString(Qt::ISODate), a.marketValue[at].toString(), b.marketValue[at].toString(),
                     a.externalFlow[at].toString(), b.externalFlow[at].toString())
                .arg(a.stale[at])
                .arg(b.stale[at])
                .arg(a.incomplete[at])
                .arg(b.incomplete[at]);
    }
    if (a.missing != b.missing)
        return QStringLiteral("missing: [%1] vs [%2]").arg(a.missing.join(u"; "), b.missing.join(u"; "));
    return {};
}

void compareValuations(const Valuation &actual, const Valuation &expected)
{
    QCOMPARE(actual.portfolios.size(), expected.portfolios.size());
    for (std::size_t p = 0; p < actual.portfolios.size(); ++p) {
        QCOMPARE(actual.portfolios[p].portfolioId, expected.portfolios[p].portfolioId);
        const QString diff = difference(actual.portfolios[p].series, expected.portfolios[p].series);
        QVERIFY2(diff.isEmpty(), qPrintable(QStringLiteral("portfolio %1: %2").arg(p).arg(diff)));
    }
    const QString diff = difference(actual.total, expected.total);
    QVERIFY2(diff.isEmpty(), qPrintable(u"total: " + diff));
}

} // namespace

class TestValuationKernel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matchesReference_data();
    void matchesReference();
    void recomputeMatchesFull_data();
    void recomputeMatchesFull();
    void recomputeFallsBack();
    void fromStoreMatchesLoadedInputs();
};

void TestValuationKernel::matchesReference_data()
{
    QTest::addColumn<quint64>("seed");
    QTest::addColumn<int>("portfolios");
    QTest::addColumn<bool>("leaveOneOut"); // value all portfolios but the last
    QTest::addColumn<int>("staleAfterDays");
    QTest::addColumn<QString>("totalCurrency");
    QTest::newRow("three portfolios") << quint64(1) << 3 << false << 5 << QStringLiteral("EUR");
    QTest::newRow("one left out") << quint64(2) << 3 << true << 5 << QStringLiteral("EUR");
    QTest::newRow("strict staleness, USD total") << quint64(3) << 2 << false << 0 << QStringLiteral("USD");
    QTest::newRow("lenient staleness") << quint64(4) << 4 << true << 20 << QStringLiteral("GBP");
}

void TestValuationKernel::matchesReference()
{
    QFETCH(quint64, seed);
    QFETCH(int, portfolios);
    QFETCH(bool, leaveOneOut);
    QFETCH(int, staleAfterDays);
    QFETCH(QString, totalCurrency);
    RoughBook book = roughBook(seed, portfolios, 12, 600, 1);
    if (leaveOneOut)
        book.inputs.portfolios.pop_back();
    book.options.staleAfterDays = staleAfterDays;
    book.options.totalCurrency = totalCurrency;
    const auto valuation = computeValuation(book.inputs, book.options);
    PT_VERIFY_OK(valuation);
    QVERIFY(valuation->total.size() > 300);
    // The book is rough enough to show each flag.
    QVERIFY(std::count(valuation->total.stale.begin(), valuation->total.stale.end(), true) > 0);
    QVERIFY(std::count(valuation->total.incomplete.begin(), valuation->total.incomplete.end(), true) > 0);
    QVERIFY(!valuation->total.missing.isEmpty());
    compareValuations(*valuation, Reference(book.inputs, book.options).run());
}

void TestValuationKernel::recomputeMatchesFull_data()
{
    QTest::addColumn<quint64>("seed");
    QTest::addColumn<int>("keyframeInterval");
    QTest::newRow("monthly keyframes") << quint64(11) << 30;
    QTest::newRow("weekly keyframes") << quint64(12) << 7;
    QTest::newRow("one-day keyframes") << quint64(13) << 1;
}

// Edits in a row, each recomputed from the valuation before it (so keyframes
// made by a recomputation are used by the next), each equal to a full valuation.
void TestValuationKernel::recomputeMatchesFull()
{
    QFETCH(quint64, seed);
    QFETCH(int, keyframeInterval);
    RoughBook book = roughBook(seed, 3, 10, 500, 1);
    book.options.keyframeInterval = keyframeInterval;
    auto previous = computeValuation(book.inputs, book.options);
    PT_VERIFY_OK(previous);
    QVERIFY(!previous->keyframes.empty());
    std::mt19937_64 random(seed);
    ValuationInputs inputs = book.inputs;
    for (int edit = 0; edit < 24; ++edit) {
        Transaction &t = inputs.transactions[random() % inputs.transactions.size()];
        QDate changedFrom = t.date;
        switch (edit % 6) {
        case 0: // quantity and price of a trade, or amount of anything else
            t.quantity = t.quantity + Decimal(1);
            t.price = t.price + Decimal(3) / Decimal(100);
            t.amount = t.amount + Decimal(7);
            break;
        case 1: { // moved, earlier or later
            const QDate moved = t.date.addDays(int(random() % 41) - 20);
            changedFrom = std::min(moved, t.date);
            t.date = moved;
            break;
        }
        case 2:
            t.stamp.deleted = true;
            break;
        case 3: { // a new entry: a buy of an asset that may have no close yet
            Transaction added = t;
            added.stamp.uuid = QUuid::createUuid();
            added.type = TransactionType::Buy;
            added.assetId = inputs.assets[random() % inputs.assets.size()].id;
            added.quantity = Decimal(5);
            added.price = Decimal(10);
            inputs.transactions.push_back(added);
            break;
        }
        case 4: // a transfer of units out of the portfolios valued
            t.type = TransactionType::Transfer;
            t.counterpartyPortfolioId = 999'999;
            if (t.assetId == 0)
                t.amount = Decimal(40);
            else
                t.quantity = Decimal(2);
            break;
        default: // nothing at all changed
            break;
        }
        const auto full = computeValuation(inputs, book.options);
        const auto recomputed = recomputeValuation(*previous, inputs, book.options, changedFrom);
        PT_VERIFY_OK(full);
        PT_VERIFY_OK(recomputed);
        compareValuations(*recomputed, *full);
        QCOMPARE(recomputed->keyframes.size(), full->keyframes.size());
        for (std::size_t k = 0; k < full->keyframes.size(); ++k)
            QCOMPARE(recomputed->keyframes[k].day, full->keyframes[k].day);
        previous = recomputed;
    }
}

// Changes before the first keyframe, or of what the kernel indexes, recompute everything.
void TestValuationKernel::recomputeFallsBack()
{
    RoughBook book = roughBook(21, 2, 8, 300, 1);
    const auto previous = computeValuation(book.inputs, book.options);
    PT_VERIFY_OK(previous);
    ValuationInputs inputs = book.inputs;
    inputs.transactions.front().amount = inputs.transactions.front().amount + Decimal(1);
    auto recomputed = recomputeValuation(*previous, inputs, book.options, inputs.transactions.front().date);
    PT_VERIFY_OK(recomputed);
    compareValuations(*recomputed, *computeValuation(inputs, book.options));

    // Another total currency: the previous keyframes do not fit.
    ValuationOptions other = book.options;
    other.totalCurrency = QStringLiteral("USD");
    recomputed = recomputeValuation(*previous, book.inputs, other, book.options.lastDay.addDays(-30));
    PT_VERIFY_OK(recomputed);
    compareValuations(*recomputed, *computeValuation(book.inputs, other));

    // No keyframes kept.
    ValuationOptions none = book.options;
    none.keyframeInterval = 0;
    const auto bare = computeValuation(book.inputs, none);
    PT_VERIFY_OK(bare);
    QVERIFY(bare->keyframes.empty());
    recomputed = recomputeValuation(*bare, inputs, none, book.options.lastDay.addDays(-30));
    PT_VERIFY_OK(recomputed);
    compareValuations(*recomputed, *computeValuation(inputs, none));
}

// valueFromStore() keeps the closes in its own compact form: the same result.
void TestValuationKernel::fromStoreMatchesLoadedInputs()
{
    test::TemporaryStore store;
    GeneratorOptions generator;
    generator.portfolios = 3;
    generator.assets = 10;
    generator.transactions = 400;
    generator.seed = 31;
    const auto report = BookGenerator(store.db()).generate(generator);
    PT_VERIFY_OK(report);
    ValuationOptions options;
    options.lastDay = report->lastDay.addDays(-3);
    const auto loaded = loadValuationInputs(store.db(), options.lastDay);
    PT_VERIFY_OK(loaded);
    const auto fromStore = valueFromStore(store.db(), options);
    PT_VERIFY_OK(fromStore);
    compareValuations(*fromStore, *computeValuation(*loaded, options));
    compareValuations(*fromStore, Reference(*loaded, options).run());
}

QTEST_GUILESS_MAIN(TestValuationKernel)
#include "tst_valuationkernel.moc"
