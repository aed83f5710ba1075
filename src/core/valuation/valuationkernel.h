#pragma once

#include "valuation/exactsum.h"
#include "valuation/valuator.h"

#include <memory>
#include <vector>

namespace pt::valuation {

namespace detail {
class CloseTable;

// What a keyframe is valid for: the same portfolios, assets and currencies in
// the same order (the kernel's indices), the same calendar and options.
struct KernelShape
{
    qint64 firstJulian = 0;
    int days = 0;
    int staleAfterDays = 0;
    int keyframeInterval = 0;
    QString totalCurrency;
    std::vector<RowId> portfolios;
    QStringList portfolioBases;
    std::vector<RowId> assets;
    QStringList currencies;

    bool operator==(const KernelShape &other) const = default;
};

struct HoldingKeyState
{
    int portfolio = 0;
    int asset = 0;
    Decimal quantity;
};
} // namespace detail

// The kernel's state at the start of a day (the end of the day before). Kept
// small, as a valuation keeps one every month: quantities as the changes since
// the keyframe before it in the same list (so a keyframe is read with those
// before it), an asset's price as the number of its closes consumed (the
// price is the last valid one of those).
struct KeyframeState
{
    std::shared_ptr<const detail::KernelShape> shape;
    int day = 0; // index from the shape's first day
    std::vector<detail::HoldingKeyState> holdingChanges; // quantities changed since the keyframe before (0: none left)
    std::vector<int> consumed;                     // closes consumed, by asset index; −1: not walked yet
    std::vector<Decimal> cash;                     // [portfolio * currencies + currency]
    std::vector<detail::ExactSum> holdingValues;   // Σ quantity × close, same index
    std::vector<int> held;                         // assets held, same index
    std::vector<int> unpriced;                     // held assets without a close yet, per portfolio
    std::vector<int> stale;                        // held assets with a stale close, per portfolio
    std::vector<Decimal> invested;                 // per series (portfolios, then the total)
    std::vector<int> missing;                      // messages in `missing` so far, per series
};

namespace detail {

// The valuation of `inputs`; closes from `table` when given, else from
// inputs.closes. With `previous`, resumes from its last keyframe at or before
// `changedFrom` when the shapes agree, else computes everything.
Result<Valuation> runKernel(const ValuationInputs &inputs, const ValuationOptions &options, const CloseTable *table,
                            const Valuation *previous = nullptr, QDate changedFrom = {});

} // namespace detail

} // namespace pt::valuation
