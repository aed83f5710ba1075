#include "ledger/ledger.h"

#include "domain/transactionrules.h"
#include "money/currency.h"

#include <algorithm>
#include <deque>
#include <unordered_map>

namespace pt::ledger {

Decimal Position::averageCost() const
{
    if (quantity.isZero())
        return Decimal::invalid();
    return costBasis / quantity;
}

namespace {

// The replay runs on flat working state and builds the books' maps once at the
// end: a 100,000-entry book has to replay in well under 20 ms, and per-entry
// lookups in maps keyed by QString would be what costs the most.

// An asset of the catalog with what the replay needs of it looked up once.
struct AssetInfo
{
    const Asset *asset = nullptr;
    int minorUnits = 2; // of its currency, for the rounding of quantity * price
};

// A portfolio's running totals in one currency; written to the book's maps at the end.
struct CurrencyTotals
{
    QString currency;
    Decimal cash;
    Decimal income;
    Decimal fees;
    Decimal taxes;
};

// A position during the replay. Lots before `head` are used up: a FIFO sell skips
// past them instead of erasing from the front of the vector, so it costs what it
// consumes, not what is still held. compact() drops them now and then.
struct Holding
{
    Position position;
    std::size_t head = 0;
    int totals = -1; // index of the totals in the asset's currency, once needed
};

// A portfolio during the replay. Holdings are found by the asset's index in the
// catalog; a deque keeps them in place while others are added.
struct Account
{
    const Portfolio *portfolio = nullptr;
    std::vector<Holding *> holdingOfAsset; // by asset index; null for none yet
    std::deque<Holding> holdings;
    std::vector<CurrencyTotals> totals; // a handful at most, so a linear search
    std::vector<Sale> sales;
    std::size_t sellCount = 0; // counted before the replay, to size `sales` once
};

// An entry to replay, with its sort keys copied out of the QDate and stamp so the
// sort compares integers and rarely follows the pointer.
struct Entry
{
    qint64 day = 0;
    std::int64_t createdAt = 0;
    const Transaction *transaction = nullptr;
    Account *account = nullptr;
};

// The order of replaysBefore(); ties of every key keep the order given, through
// the entries' addresses in the caller's span.
bool entryBefore(const Entry &a, const Entry &b)
{
    if (a.day != b.day)
        return a.day < b.day;
    if (a.createdAt != b.createdAt)
        return a.createdAt < b.createdAt;
    const QUuid &ua = a.transaction->stamp.uuid;
    const QUuid &ub = b.transaction->stamp.uuid;
    if (ua != ub)
        return ua < ub;
    return a.transaction < b.transaction;
}

// Puts entries in replay order. Stores usually hand them over in that order, and
// checking is cheaper than sorting. Otherwise they are bucketed by day first (a
// counting sort, linear), and only each day's few entries are compared: a
// comparison sort of 100,000 shuffled entries costs more than replaying them.
void sortForReplay(std::vector<Entry> &entries)
{
    if (std::is_sorted(entries.begin(), entries.end(), entryBefore))
        return;
    const auto [first, last] = std::minmax_element(entries.begin(), entries.end(),
                                                   [](const Entry &a, const Entry &b) { return a.day < b.day; });
    const qint64 firstDay = first->day;
    const qint64 days = last->day - firstDay + 1;
    // Invalid dates (a negative day, refused later anyway) or dates spread far
    // wider than the entries: the buckets would cost more than they save.
    if (firstDay < 0 || days > qint64(entries.size()) * 4 + 1024) {
        std::sort(entries.begin(), entries.end(), entryBefore);
        return;
    }

    std::vector<std::size_t> bucketStart(std::size_t(days) + 1, 0);
    for (const Entry &entry : entries)
        ++bucketStart[std::size_t(entry.day - firstDay) + 1];
    for (std::size_t day = 1; day < bucketStart.size(); ++day)
        bucketStart[day] += bucketStart[day - 1];
    std::vector<Entry> byDay(entries.size());
    std::vector<std::size_t> next(bucketStart.begin(), bucketStart.end() - 1);
    for (const Entry &entry : entries)
        byDay[next[std::size_t(entry.day - firstDay)]++] = entry;

    for (std::size_t day = 0; day + 1 < bucketStart.size(); ++day) {
        const auto begin = byDay.begin() + std::ptrdiff_t(bucketStart[day]);
        const auto end = byDay.begin() + std::ptrdiff_t(bucketStart[day + 1]);
        if (!std::is_sorted(begin, end, entryBefore))
            std::sort(begin, end, entryBefore);
    }
    entries.swap(byDay);
}

// When the caller's entries were not in replay order, the replay jumps around
// their span and waits on memory for each one; asking for the entry a few steps
// ahead hides most of that wait. A hint only, where the compiler offers it.
constexpr std::size_t PrefetchDistance = 8;

void prefetch(const Transaction *transaction)
{
#if defined(__GNUC__) || defined(__clang__)
    const auto *bytes = reinterpret_cast<const char *>(transaction);
    for (std::size_t offset = 0; offset < sizeof(Transaction); offset += 64)
        __builtin_prefetch(bytes + offset);
#else
    Q_UNUSED(transaction);
#endif
}

// Drops used-up lots once they are at least half of the vector, so erasing stays
// amortized O(1) per lot while memory stays bounded; `always` at the end.
void compact(Holding &holding, bool always = false)
{
    auto &lots = holding.position.lots;
    if (holding.head == lots.size()) {
        lots.clear();
        holding.head = 0;
    } else if (holding.head > 0 && (always || (holding.head >= 32 && holding.head * 2 >= lots.size()))) {
        lots.erase(lots.begin(), lots.begin() + std::ptrdiff_t(holding.head));
        holding.head = 0;
    }
}

// Removes `quantity` units, no more than are held, oldest lot first, and returns
// the cost basis they carry. Under average cost the position is one pooled lot, so
// the same walk gives the pooled share. A lot taken whole gives up exactly its
// cost; only a partly taken one is prorated, so nothing is left behind by rounding.
// The parcels removed are appended to `removed` when given, with their dates, for
// a transfer to carry on.
Decimal takeUnits(Holding &holding, Decimal quantity, std::vector<Lot> *removed)
{
    Position &position = holding.position;
    auto &lots = position.lots;
    Decimal cost;
    Decimal remaining = quantity;
    while (remaining.isPositive() && holding.head < lots.size()) {
        Lot &lot = lots[holding.head];
        if (lot.quantity <= remaining) {
            cost += lot.cost;
            remaining -= lot.quantity;
            if (removed)
                removed->push_back(lot);
            ++holding.head;
        } else {
            const Decimal share = lot.cost * remaining / lot.quantity;
            lot.quantity -= remaining;
            lot.cost -= share;
            cost += share;
            if (removed)
                removed->push_back(Lot{lot.acquired, remaining, share});
            remaining = Decimal();
        }
    }
    // Sums of exact additions: these stay equal to the sums over the lots.
    position.quantity -= quantity;
    position.costBasis -= cost;
    compact(holding);
    return cost;
}

// Adds a parcel: appended (or inserted by acquisition date, for transferred lots)
// under FIFO, merged into the pool under average cost.
void addLot(Holding &holding, CostBasisMethod method, const Lot &lot)
{
    Position &position = holding.position;
    auto &lots = position.lots;
    position.quantity += lot.quantity;
    position.costBasis += lot.cost;

    if (holding.head == lots.size()) {
        lots.clear();
        holding.head = 0;
        // A FIFO position usually gathers a few lots; growing 1, 2, 4 costs more
        // allocations than it saves memory.
        if (method == CostBasisMethod::Fifo && lots.capacity() == 0)
            lots.reserve(4);
        lots.push_back(lot);
        return;
    }
    if (method == CostBasisMethod::AverageCost) {
        Lot &pool = lots[holding.head];
        pool.quantity += lot.quantity;
        pool.cost += lot.cost;
        pool.acquired = std::min(pool.acquired, lot.acquired); // the oldest unit still held
        return;
    }
    if (!(lot.acquired < lots.back().acquired)) {
        lots.push_back(lot); // buys arrive in date order: the usual case
        return;
    }
    const auto at = std::upper_bound(lots.begin() + std::ptrdiff_t(holding.head), lots.end(), lot.acquired,
                                     [](QDate date, const Lot &other) { return date < other.acquired; });
    lots.insert(at, lot);
}

// The cash of a trade: quantity * price rounded to the currency's minor unit. This
// is currency::roundToMinorUnit() with the minor unit looked up once per asset.
Decimal grossOf(const Transaction &t, const AssetInfo &info)
{
    return (t.quantity * t.price).rounded(info.minorUnits);
}

// Replays one set of entries into books. Errors stop the replay: a book that
// skipped an entry would be wrong in ways nobody could see.
class Replayer
{
public:
    Replayer(std::span<const Portfolio> portfolios, std::span<const Asset> assets);

    Result<void> run(std::span<const Transaction> transactions);
    std::vector<PortfolioBook> takeBooks();

private:
    Result<std::vector<Entry>> select(std::span<const Transaction> transactions);
    Result<void> apply(const Entry &entry);
    Result<void> applyBuy(const Transaction &t, Account &account, const AssetInfo &info);
    Result<void> applySell(const Transaction &t, Account &account, const AssetInfo &info);
    Result<void> applyDividend(const Transaction &t, Account &account, const AssetInfo &info);
    Result<void> applySplit(const Transaction &t, Account &account, const AssetInfo &info);
    Result<void> applyCash(const Transaction &t, Account &account, const AssetInfo *info);
    Result<void> applyTransfer(const Transaction &t, Account &from, const AssetInfo *info);

    Account *findAccount(RowId portfolioId);
    const AssetInfo *findAsset(RowId assetId) const;
    int assetIndex(const AssetInfo &info) const { return int(&info - m_assets.data()); }
    Holding *findHolding(Account &account, const AssetInfo &info);
    Holding &holding(Account &account, const AssetInfo &info);
    CurrencyTotals &totals(Account &account, const QString &currency);
    CurrencyTotals &totals(Account &account, Holding &holding);

    Result<void> refuseExcess(const Transaction &t, Decimal held) const;
    template<typename... Values>
    Result<void> ensureValid(const Transaction &t, const Values &...values) const;
    Error overflowError(const Transaction &t) const;
    QString describe(const Transaction &t) const;
    QString portfolioLabel(RowId portfolioId) const;

    std::vector<Account> m_accounts;
    std::unordered_map<RowId, std::size_t> m_accountIndex;
    std::vector<AssetInfo> m_assets;
    std::unordered_map<RowId, std::size_t> m_assetIndex;
    std::vector<Lot> m_moved; // reused by every transfer of units
    QString m_setupError;
};

Replayer::Replayer(std::span<const Portfolio> portfolios, std::span<const Asset> assets)
{
    m_accounts.reserve(portfolios.size());
    for (const Portfolio &portfolio : portfolios) {
        if (!m_accountIndex.emplace(portfolio.id, m_accounts.size()).second) {
            m_setupError = QStringLiteral("Portfolio '%1' (id %2) was given twice to the replay")
                               .arg(portfolio.name)
                               .arg(portfolio.id);
            return;
        }
        m_accounts.push_back(Account{&portfolio, {}, {}, {}, {}, 0});
    }
    m_assets.reserve(assets.size());
    m_assetIndex.reserve(assets.size());
    for (const Asset &asset : assets) {
        if (m_assetIndex.emplace(asset.id, m_assets.size()).second)
            m_assets.push_back(AssetInfo{&asset, currency::minorUnits(asset.currency)});
    }
}

Result<void> Replayer::run(std::span<const Transaction> transactions)
{
    if (!m_setupError.isEmpty())
        return Error{m_setupError};
    auto entries = select(transactions);
    if (!entries)
        return Error{entries.error()};
    for (Account &account : m_accounts)
        account.sales.reserve(account.sellCount);
    const std::vector<Entry> &ordered = *entries;
    for (std::size_t i = 0; i < ordered.size(); ++i) {
        if (i + PrefetchDistance < ordered.size())
            prefetch(ordered[i + PrefetchDistance].transaction);
        if (auto applied = apply(ordered[i]); !applied)
            return applied;
    }
    return {};
}

std::vector<PortfolioBook> Replayer::takeBooks()
{
    std::vector<PortfolioBook> books;
    books.reserve(m_accounts.size());
    for (Account &account : m_accounts) {
        PortfolioBook &book = books.emplace_back();
        book.portfolioId = account.portfolio->id;
        for (Holding &held : account.holdings) {
            compact(held, true);
            book.positions.emplace(held.position.assetId, std::move(held.position));
        }
        // Cash is listed for every currency an entry moved; the other totals only
        // when something was booked, which (amounts being positive) means non-zero.
        for (const CurrencyTotals &sums : account.totals) {
            book.cash.emplace(sums.currency, sums.cash);
            if (!sums.income.isZero())
                book.income.emplace(sums.currency, sums.income);
            if (!sums.fees.isZero())
                book.fees.emplace(sums.currency, sums.fees);
            if (!sums.taxes.isZero())
                book.taxes.emplace(sums.currency, sums.taxes);
        }
        book.sales = std::move(account.sales);
    }
    return books;
}

// The live entries of the portfolios replayed, in replay order. A transfer needs
// both of its portfolios: replaying one side alone would create or lose units.
Result<std::vector<Entry>> Replayer::select(std::span<const Transaction> transactions)
{
    std::vector<Entry> entries;
    entries.reserve(transactions.size());
    for (const Transaction &t : transactions) {
        if (t.stamp.deleted)
            continue;
        Account *account = findAccount(t.portfolioId);
        if (t.type == TransactionType::Transfer && t.counterpartyPortfolioId != 0
            && t.counterpartyPortfolioId != t.portfolioId) {
            const bool counterpartyGiven = findAccount(t.counterpartyPortfolioId) != nullptr;
            if (account && !counterpartyGiven) {
                return Error{QStringLiteral("%1: the receiving portfolio must be replayed along with it")
                                 .arg(describe(t))};
            }
            if (!account && counterpartyGiven) {
                return Error{QStringLiteral("%1: the sending portfolio must be replayed along with it")
                                 .arg(describe(t))};
            }
        }
        if (!account)
            continue;
        entries.push_back(Entry{t.date.toJulianDay(), t.stamp.createdAt, &t, account});
        if (t.type == TransactionType::Sell)
            ++account->sellCount;
    }
    sortForReplay(entries);
    return entries;
}

Result<void> Replayer::apply(const Entry &entry)
{
    const Transaction &t = *entry.transaction;
    const AssetInfo *info = t.assetId != 0 ? findAsset(t.assetId) : nullptr;
    if (auto valid = validateTransaction(t, info ? info->asset : nullptr); !valid)
        return Error{QStringLiteral("%1: %2").arg(describe(t), valid.error())};

    Account &account = *entry.account;
    switch (t.type) {
    case TransactionType::Buy:
        return applyBuy(t, account, *info);
    case TransactionType::Sell:
        return applySell(t, account, *info);
    case TransactionType::Dividend:
        return applyDividend(t, account, *info);
    case TransactionType::Split:
        return applySplit(t, account, *info);
    case TransactionType::Transfer:
        return applyTransfer(t, account, info);
    case TransactionType::Interest:
    case TransactionType::Fee:
    case TransactionType::Tax:
    case TransactionType::Deposit:
    case TransactionType::Withdrawal:
        return applyCash(t, account, info);
    }
    return {};
}

Result<void> Replayer::applyBuy(const Transaction &t, Account &account, const AssetInfo &info)
{
    // Fees are part of what the units cost.
    const Decimal cost = grossOf(t, info) + t.fee;
    Holding &held = holding(account, info);
    addLot(held, account.portfolio->costBasisMethod, Lot{t.date, t.quantity, cost});
    Position &position = held.position;
    position.fees += t.fee;
    CurrencyTotals &sums = totals(account, held);
    sums.fees += t.fee;
    sums.cash -= cost;
    return ensureValid(t, position.quantity, position.costBasis, position.fees, sums.fees, sums.cash);
}

Result<void> Replayer::applySell(const Transaction &t, Account &account, const AssetInfo &info)
{
    Holding *held = findHolding(account, info);
    const Decimal quantityHeld = held ? held->position.quantity : Decimal();
    if (t.quantity > quantityHeld)
        return refuseExcess(t, quantityHeld);

    const Decimal proceeds = grossOf(t, info) - t.fee;
    const Decimal cost = takeUnits(*held, t.quantity, nullptr);
    const Decimal gain = proceeds - cost;
    Position &position = held->position;
    position.realizedGain += gain;
    position.fees += t.fee;
    CurrencyTotals &sums = totals(account, *held);
    sums.fees += t.fee;
    sums.cash += proceeds;
    account.sales.push_back(Sale{t.stamp.uuid, t.assetId, t.date, t.quantity, proceeds, cost, gain});
    return ensureValid(t, position.quantity, position.costBasis, position.realizedGain, position.fees, sums.fees,
                           sums.cash);
}

Result<void> Replayer::applyDividend(const Transaction &t, Account &account, const AssetInfo &info)
{
    // Income is booked gross; what was withheld or charged counts as a fee.
    Holding &held = holding(account, info);
    Position &position = held.position;
    position.income += t.amount;
    position.fees += t.fee;
    CurrencyTotals &sums = totals(account, held);
    sums.income += t.amount;
    sums.fees += t.fee;
    sums.cash += t.amount - t.fee;
    return ensureValid(t, position.income, position.fees, sums.income, sums.fees, sums.cash);
}

Result<void> Replayer::applySplit(const Transaction &t, Account &account, const AssetInfo &info)
{
    Holding *held = findHolding(account, info);
    if (!held)
        return {}; // nothing held: nothing to split
    Position &position = held->position;
    Decimal total;
    for (std::size_t i = held->head; i < position.lots.size(); ++i) {
        Lot &lot = position.lots[i];
        lot.quantity = lot.quantity * t.splitNumerator / t.splitDenominator;
        total += lot.quantity;
    }
    // Each lot is rounded on its own, so the total is summed again rather than
    // scaled, keeping it equal to the sum over the lots.
    position.quantity = total;
    return ensureValid(t, position.quantity);
}

// Entries that only move cash: deposit, withdrawal, interest, fee, tax. Interest
// and fees booked against an asset show on its position too.
Result<void> Replayer::applyCash(const Transaction &t, Account &account, const AssetInfo *info)
{
    CurrencyTotals &sums = totals(account, t.currency);
    Decimal perAsset; // the position's figure the entry adds to, if any
    switch (t.type) {
    case TransactionType::Deposit:
        sums.cash += t.amount;
        break;
    case TransactionType::Withdrawal:
        sums.cash -= t.amount;
        break;
    case TransactionType::Interest:
        sums.cash += t.amount;
        sums.income += t.amount;
        if (info)
            perAsset = holding(account, *info).position.income += t.amount;
        break;
    case TransactionType::Fee:
        sums.cash -= t.amount;
        sums.fees += t.amount;
        if (info)
            perAsset = holding(account, *info).position.fees += t.amount;
        break;
    case TransactionType::Tax:
        sums.cash -= t.amount;
        sums.taxes += t.amount;
        break;
    default:
        break;
    }
    return ensureValid(t, sums.cash, sums.income, sums.fees, sums.taxes, perAsset);
}

Result<void> Replayer::applyTransfer(const Transaction &t, Account &from, const AssetInfo *info)
{
    Account &to = *findAccount(t.counterpartyPortfolioId); // select() made sure it is there
    if (!info) {
        CurrencyTotals &sent = totals(from, t.currency);
        CurrencyTotals &received = totals(to, t.currency);
        sent.cash -= t.amount;
        received.cash += t.amount;
        return ensureValid(t, sent.cash, received.cash);
    }

    Holding *source = findHolding(from, *info);
    const Decimal quantityHeld = source ? source->position.quantity : Decimal();
    if (t.quantity > quantityHeld)
        return refuseExcess(t, quantityHeld);

    // The lots move with their dates and cost: a transfer realizes nothing.
    m_moved.clear();
    takeUnits(*source, t.quantity, &m_moved);
    Holding &target = holding(to, *info);
    for (const Lot &lot : m_moved)
        addLot(target, to.portfolio->costBasisMethod, lot);
    const Position &sent = source->position;
    const Position &received = target.position;
    return ensureValid(t, sent.quantity, sent.costBasis, received.quantity, received.costBasis);
}

Account *Replayer::findAccount(RowId portfolioId)
{
    const auto it = m_accountIndex.find(portfolioId);
    return it == m_accountIndex.end() ? nullptr : &m_accounts[it->second];
}

const AssetInfo *Replayer::findAsset(RowId assetId) const
{
    const auto it = m_assetIndex.find(assetId);
    return it == m_assetIndex.end() ? nullptr : &m_assets[it->second];
}

Holding *Replayer::findHolding(Account &account, const AssetInfo &info)
{
    const auto index = std::size_t(assetIndex(info));
    return index < account.holdingOfAsset.size() ? account.holdingOfAsset[index] : nullptr;
}

Holding &Replayer::holding(Account &account, const AssetInfo &info)
{
    if (Holding *held = findHolding(account, info))
        return *held;
    // Sized on first use, so a portfolio that holds nothing costs nothing.
    if (account.holdingOfAsset.empty())
        account.holdingOfAsset.assign(m_assets.size(), nullptr);
    Holding &held = account.holdings.emplace_back();
    account.holdingOfAsset[std::size_t(assetIndex(info))] = &held;
    held.position.assetId = info.asset->id;
    held.position.currency = info.asset->currency;
    return held;
}

CurrencyTotals &Replayer::totals(Account &account, const QString &currency)
{
    for (CurrencyTotals &sums : account.totals) {
        if (sums.currency == currency)
            return sums;
    }
    CurrencyTotals &sums = account.totals.emplace_back();
    sums.currency = currency;
    return sums;
}

// The totals in the holding's currency, found once and remembered: trades and
// dividends, the bulk of a book, skip the search by currency code.
CurrencyTotals &Replayer::totals(Account &account, Holding &holding)
{
    if (holding.totals < 0) {
        const CurrencyTotals &sums = totals(account, holding.position.currency);
        holding.totals = int(&sums - account.totals.data());
    }
    return account.totals[std::size_t(holding.totals)];
}

Result<void> Replayer::refuseExcess(const Transaction &t, Decimal held) const
{
    return Error{QStringLiteral("%1 exceeds the %2 held on that date").arg(describe(t), held.toString())};
}

// Decimal overflow is sticky, so checking what an entry touched after applying it
// is enough to name the entry that broke the range.
template<typename... Values>
Result<void> Replayer::ensureValid(const Transaction &t, const Values &...values) const
{
    if ((values.isValid() && ...))
        return {};
    return overflowError(t);
}

Error Replayer::overflowError(const Transaction &t) const
{
    return Error{QStringLiteral("%1: the amounts exceed the range of exact decimals (about 1.7 * 10^26)")
                     .arg(describe(t))};
}

// How a person would point at the entry: "2024-03-01 sell of 15 AAPL in 'Main'".
QString Replayer::describe(const Transaction &t) const
{
    const QString date = t.date.isValid() ? t.date.toString(Qt::ISODate) : QStringLiteral("undated");
    QString symbol;
    if (t.assetId != 0) {
        const AssetInfo *info = findAsset(t.assetId);
        symbol = info ? info->asset->symbol : QStringLiteral("asset %1").arg(t.assetId);
    }

    QString what;
    if (t.type == TransactionType::Split)
        what = QStringLiteral("of %1").arg(symbol);
    else if (t.type == TransactionType::Buy || t.type == TransactionType::Sell
             || (t.type == TransactionType::Transfer && t.assetId != 0))
        what = QStringLiteral("of %1 %2").arg(t.quantity.toString(), symbol);
    else if (symbol.isEmpty())
        what = QStringLiteral("of %1 %2").arg(t.amount.toString(), t.currency);
    else
        what = QStringLiteral("of %1 %2 on %3").arg(t.amount.toString(), t.currency, symbol);

    const QString where = t.type == TransactionType::Transfer
                              ? QStringLiteral("from %1 to %2").arg(portfolioLabel(t.portfolioId),
                                                                    portfolioLabel(t.counterpartyPortfolioId))
                              : QStringLiteral("in %1").arg(portfolioLabel(t.portfolioId));
    return QStringLiteral("%1 %2 %3 %4").arg(date, toKey(t.type), what, where);
}

QString Replayer::portfolioLabel(RowId portfolioId) const
{
    const auto it = m_accountIndex.find(portfolioId);
    if (it != m_accountIndex.end())
        return QStringLiteral("'%1'").arg(m_accounts[it->second].portfolio->name);
    return QStringLiteral("portfolio %1").arg(portfolioId);
}

} // namespace

Result<std::vector<PortfolioBook>> Ledger::replay(std::span<const Portfolio> portfolios,
                                                   std::span<const Asset> assets,
                                                   std::span<const Transaction> transactions)
{
    Replayer replayer(portfolios, assets);
    if (auto replayed = replayer.run(transactions); !replayed)
        return Error{replayed.error()};
    return replayer.takeBooks();
}

} // namespace pt::ledger
