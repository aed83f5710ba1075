#include "io/importfingerprint.h"

#include <QHashFunctions>

#include <cstring>

namespace pt::io {

namespace {

// The packed values, hashed twice with independent seeds.
struct Packed
{
    qint64 julianDay;
    qint64 assetId;
    Decimal::Raw values[6];
    char16_t currency[6];
    quint16 type;
};

} // namespace

Fingerprint fingerprint(const Transaction &t)
{
    Packed packed;
    std::memset(&packed, 0, sizeof(packed)); // padding too: the bytes are hashed
    packed.julianDay = t.date.toJulianDay();
    packed.assetId = t.assetId;
    // Only the values the entry's type uses: one stored with a stray value
    // (a dividend with a quantity, say) matches the row that lacks it.
    const Decimal none;
    const bool trade = t.type == TransactionType::Buy || t.type == TransactionType::Sell;
    const bool split = t.type == TransactionType::Split;
    const bool transfer = t.type == TransactionType::Transfer;
    const bool fee = trade || t.type == TransactionType::Dividend;
    const Decimal values[6] = {trade || transfer ? t.quantity : none,
                               trade ? t.price : none,
                               !trade && !split ? t.amount : none,
                               fee ? t.fee : none,
                               split ? t.splitNumerator : none,
                               split ? t.splitDenominator : none};
    for (int i = 0; i < 6; ++i)
        packed.values[i] = values[i].raw();
    const qsizetype length = std::min<qsizetype>(t.currency.size(), 6);
    std::memcpy(packed.currency, t.currency.utf16(), std::size_t(length) * sizeof(char16_t));
    packed.type = quint16(t.type);
    return Fingerprint{quint64(qHashBits(&packed, sizeof(packed), 0x9e3779b97f4a7c15ULL)),
                       quint64(qHashBits(&packed, sizeof(packed), 0x6a09e667f3bcc909ULL))};
}

EntryMultiset::EntryMultiset(std::span<const Transaction> entries)
{
    m_counts.reserve(entries.size());
    for (const Transaction &entry : entries)
        add(entry);
}

void EntryMultiset::add(const Transaction &entry)
{
    ++m_counts[fingerprint(entry)];
    ++m_size;
}

bool EntryMultiset::take(const Transaction &entry)
{
    const auto it = m_counts.find(fingerprint(entry));
    if (it == m_counts.end())
        return false;
    if (--it->second == 0)
        m_counts.erase(it);
    --m_size;
    return true;
}

} // namespace pt::io
