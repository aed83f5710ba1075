#pragma once

#include "domain/types.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <vector>

namespace pt::marketdata {

// A split or a cash dividend as a provider reports it, dated on the exchange's
// calendar (the ex-date for dividends).
struct CorporateAction
{
    enum class Kind { Split, Dividend };
    QDate date;
    Kind kind = Kind::Split;
    Decimal numerator;   // splits: new units ...
    Decimal denominator; // ... for this many old units
    Decimal amount;      // dividends: per unit
    QString currency;    // dividends: empty means the listing's currency
};

// Daily history as parsed from one response, before validation.
struct History
{
    QString currency;  // the listing's price currency as the provider names it
    QString timeZone;  // IANA name of the exchange's time zone ("America/New_York")
    std::vector<DailyPrice> bars;  // one per exchange day, oldest first
    std::vector<CorporateAction> actions;
    QStringList notes; // what parsing dropped or repaired, for the job's log
};

struct Quote
{
    QString symbol; // as the provider knows it (the asset's sourceId or symbol)
    Decimal price;
    QString currency;
    QDateTime time; // of the price, UTC
};

struct SearchHit
{
    QString symbol;
    QString name;
    AssetClass assetClass = AssetClass::Stock;
    QString exchange;
    QString currency;   // empty when the provider does not say
    QString dataSource; // provider key ("yahoo", "coingecko", "binance", "ecb")
    QString sourceId;   // what that provider needs to fetch it
};

// One ECB reference rate: 1 EUR = rate units of `currency` on `date`.
struct EuroRate
{
    QDate date;
    QString currency;
    Decimal rate;
};

} // namespace pt::marketdata
