#pragma once

#include "domain/types.h"
#include "result.h"

#include <map>
#include <span>
#include <vector>

namespace pt::ledger {

// A parcel of units acquired together, with its total cost (fees included) in
// the asset's currency. Transfers carry lots, with their dates, to another portfolio.
struct Lot
{
    QDate acquired;
    Decimal quantity;
    Decimal cost;
};

// What a portfolio holds of one asset, derived from its entries. Kept after the
// last unit is sold so realized gain and income stay visible.
struct Position
{
    RowId assetId = 0;
    QString currency;
    Decimal quantity;
    Decimal costBasis;    // of the units still held
    Decimal realizedGain; // over all sells: proceeds net of fees minus their cost basis
    Decimal income;       // dividends and interest booked against the asset (gross)
    Decimal fees;         // all fees paid on this asset (trades and stand-alone)
    std::vector<Lot> lots; // oldest first; one pooled lot under average cost

    Decimal averageCost() const; // per unit; invalid when nothing is held
};

// One sell, as it was realized.
struct Sale
{
    QUuid transaction;
    RowId assetId = 0;
    QDate date;
    Decimal quantity;
    Decimal proceeds;  // quantity * price rounded to the minor unit, minus the fee
    Decimal costBasis; // of the units sold, by the portfolio's method
    Decimal gain;      // proceeds - costBasis
};

struct PortfolioBook
{
    RowId portfolioId = 0;
    std::map<RowId, Position> positions;   // by asset id
    std::map<QString, Decimal> cash;       // by currency; may go negative
    std::map<QString, Decimal> income;     // dividends and interest, by currency
    std::map<QString, Decimal> fees;       // every fee, by currency
    std::map<QString, Decimal> taxes;      // by currency
    std::vector<Sale> sales;               // in replay order
};

// Replays entries into books. Pure computation: no store, no Qt event loop,
// safe on any thread.
class Ledger
{
public:
    // Replays every live (not deleted) entry of the given portfolios in
    // replaysBefore() order. A sell or transfer of more units than held on its
    // date is refused with an error naming the entry, the asset and both
    // quantities; so is an entry that fails validateTransaction().
    // Every portfolio given gets a book, in the order given, even if it has no entries.
    static Result<std::vector<PortfolioBook>> replay(std::span<const Portfolio> portfolios,
                                                     std::span<const Asset> assets,
                                                     std::span<const Transaction> transactions);
};

} // namespace pt::ledger
