#pragma once

#include "money/decimal.h"

#include <QDate>
#include <QString>
#include <QUuid>

#include <cstdint>
#include <optional>

namespace pt {

// A row's local key in one store. Records travel between stores and devices by
// their UUID; local ids are never shown to the user nor sent anywhere.
using RowId = std::int64_t;

// What every user-data record carries so that it can sync: a global identity,
// when it was made and last changed (milliseconds since the Unix epoch, UTC),
// and a tombstone instead of a physical delete.
struct RecordStamp
{
    QUuid uuid;
    std::int64_t createdAt = 0;
    std::int64_t updatedAt = 0;
    bool deleted = false;
};

enum class CostBasisMethod { Fifo, AverageCost };

enum class AssetClass { Stock, Etf, Fund, Bond, Crypto, Commodity, Currency };

enum class TransactionType {
    Buy,
    Sell,
    Dividend,
    Interest,
    Fee,
    Tax,
    Split,
    Deposit,
    Withdrawal,
    Transfer,
};

// Stable lower-case words used in the store, the CLI and files; never translated.
QString toKey(CostBasisMethod method);
QString toKey(AssetClass assetClass);
QString toKey(TransactionType type);
std::optional<CostBasisMethod> costBasisMethodFromKey(QStringView key);
std::optional<AssetClass> assetClassFromKey(QStringView key);
std::optional<TransactionType> transactionTypeFromKey(QStringView key);

struct Portfolio
{
    RowId id = 0;
    RecordStamp stamp;
    QString name;
    QString baseCurrency = QStringLiteral("EUR");
    CostBasisMethod costBasisMethod = CostBasisMethod::Fifo;
};

struct Asset
{
    RowId id = 0;
    RecordStamp stamp;
    QString symbol;
    QString name;
    AssetClass assetClass = AssetClass::Stock;
    QString currency;   // the currency it trades and is priced in
    QString exchange;   // e.g. "XETRA", "NASDAQ"; empty when not applicable
    QString dataSource; // provider key, e.g. "yahoo"; empty for none
    QString sourceId;   // the provider's id for it, e.g. "bitcoin" on CoinGecko
    bool synthetic = false; // made by `portfolio-cli generate`: never market data
    bool tracked = false;   // market data is kept up to date for it
};

// One ledger entry. Which fields matter depends on the type:
//   buy, sell   asset, quantity, price (per unit), fee; cash moves by
//               quantity * price (rounded to the currency's minor unit) -/+ fee
//   dividend    asset, amount (gross), fee (withheld or charged)
//   interest    amount, optional asset (a bond)
//   fee, tax    amount, optional asset
//   split       asset, splitNumerator new units for every splitDenominator old
//   deposit,
//   withdrawal  amount
//   transfer    to counterpartyPortfolioId: asset and quantity (lots move with
//               their cost basis), or amount of cash when there is no asset
// `currency` is the currency of every amount of the entry; for entries with an
// asset it is the asset's currency.
struct Transaction
{
    RowId id = 0;
    RecordStamp stamp;
    RowId portfolioId = 0;
    TransactionType type = TransactionType::Buy;
    QDate date;
    RowId assetId = 0; // 0 when the entry concerns no asset
    RowId counterpartyPortfolioId = 0; // transfers only
    Decimal quantity;
    Decimal price;
    Decimal amount;
    Decimal fee;
    Decimal splitNumerator;
    Decimal splitDenominator;
    QString currency;
    QString note;
};

// One day's bar of an asset, as stored. Market data is keyed by (asset, date,
// source) rather than by UUID: it is refetched, never edited, and never synced.
struct DailyPrice
{
    QDate date;
    Decimal open;
    Decimal high;
    Decimal low;
    Decimal close;
    Decimal adjustedClose;
    Decimal volume;
};

} // namespace pt
