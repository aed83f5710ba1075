#pragma once

#include "domain/types.h"

#include <QtGlobal>

#include <cstddef>
#include <span>
#include <unordered_map>

namespace pt::io {

// What makes two ledger entries "the same row" for re-import detection: the
// date, type, asset, currency and the values the type uses (quantity, price
// and fee of a trade; amount and fee of a dividend; the amount of a cash
// entry; the split ratio). Not the note (a note edited after an import must not make the row new
// again), nor the stamp or the portfolio (the import's target is implied).
// Kept as a 128-bit hash of those values: 16 bytes per existing entry, and
// a false match needs a collision of two independent 64-bit hashes.
struct Fingerprint
{
    quint64 high = 0;
    quint64 low = 0;
    friend bool operator==(const Fingerprint &, const Fingerprint &) = default;
};

struct FingerprintHash
{
    std::size_t operator()(const Fingerprint &f) const noexcept { return std::size_t(f.low ^ (f.high >> 1)); }
};

Fingerprint fingerprint(const Transaction &transaction);

// The entries already in a portfolio, counted by fingerprint: a multiset, so
// a file with two identical rows matches two identical entries, not one.
class EntryMultiset
{
public:
    EntryMultiset() = default;
    explicit EntryMultiset(std::span<const Transaction> entries);

    void add(const Transaction &entry);
    // Takes one entry matching `entry` if one is left: true when it was already present.
    bool take(const Transaction &entry);
    std::size_t size() const { return m_size; }

private:
    std::unordered_map<Fingerprint, quint32, FingerprintHash> m_counts;
    std::size_t m_size = 0;
};

} // namespace pt::io
