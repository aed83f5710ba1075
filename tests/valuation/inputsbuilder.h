#pragma once

// Builds pt::valuation::ValuationInputs entry by entry for the analytics tests
// (holding returns, allocation, benchmark). Entries are stamped in the order written.

#include "../common/testsupport.h"
#include "valuation/valuator.h"

namespace pt::test {

inline QDate day(const char *iso)
{
    return QDate::fromString(QString::fromLatin1(iso), Qt::ISODate);
}

struct InputsBuilder
{
    valuation::ValuationInputs inputs;
    std::int64_t clock = 1;

    void portfolio(RowId id, const char *name, const char *base = "EUR", CostBasisMethod method = CostBasisMethod::Fifo)
    {
        Portfolio p;
        p.id = id;
        p.stamp.uuid = QUuid::createUuid();
        p.name = QString::fromLatin1(name);
        p.baseCurrency = QString::fromLatin1(base);
        p.costBasisMethod = method;
        inputs.portfolios.push_back(p);
    }
    void asset(RowId id, const char *symbol, const char *currency, AssetClass assetClass = AssetClass::Stock)
    {
        Asset a;
        a.id = id;
        a.stamp.uuid = QUuid::createUuid();
        a.symbol = QString::fromLatin1(symbol);
        a.name = a.symbol;
        a.currency = QString::fromLatin1(currency);
        a.assetClass = assetClass;
        inputs.assets.push_back(a);
    }
    Transaction &entry(RowId portfolio, TransactionType type, const char *date, const char *currency)
    {
        Transaction t;
        t.id = RowId(inputs.transactions.size() + 1);
        t.stamp.uuid = QUuid::createUuid();
        t.stamp.createdAt = clock++;
        t.portfolioId = portfolio;
        t.type = type;
        t.date = day(date);
        t.currency = QString::fromLatin1(currency);
        inputs.transactions.push_back(t);
        return inputs.transactions.back();
    }
    void cash(RowId portfolio, TransactionType type, const char *date, const char *amount, const char *currency = "EUR",
              RowId asset = 0)
    {
        Transaction &t = entry(portfolio, type, date, currency);
        t.amount = dec(amount);
        t.assetId = asset;
    }
    void trade(RowId portfolio, TransactionType type, const char *date, RowId asset, const char *quantity,
               const char *price, const char *currency = "EUR", const char *fee = "0")
    {
        Transaction &t = entry(portfolio, type, date, currency);
        t.assetId = asset;
        t.quantity = dec(quantity);
        t.price = dec(price);
        t.fee = dec(fee);
    }
    void dividend(RowId portfolio, const char *date, RowId asset, const char *amount, const char *withheld,
                  const char *currency = "EUR")
    {
        Transaction &t = entry(portfolio, TransactionType::Dividend, date, currency);
        t.assetId = asset;
        t.amount = dec(amount);
        t.fee = dec(withheld);
    }
    void split(RowId portfolio, const char *date, RowId asset, const char *numerator, const char *denominator,
               const char *currency = "EUR")
    {
        Transaction &t = entry(portfolio, TransactionType::Split, date, currency);
        t.assetId = asset;
        t.splitNumerator = dec(numerator);
        t.splitDenominator = dec(denominator);
    }
    void transferUnits(RowId from, RowId to, const char *date, RowId asset, const char *quantity,
                       const char *currency = "EUR")
    {
        Transaction &t = entry(from, TransactionType::Transfer, date, currency);
        t.counterpartyPortfolioId = to;
        t.assetId = asset;
        t.quantity = dec(quantity);
    }
    void close(RowId asset, const char *date, const char *value)
    {
        inputs.closes[asset].push_back(valuation::Close { day(date), dec(value) });
    }
    void rate(const char *quote, const char *date, const char *value)
    {
        inputs.fxRates.push_back(
            store::FxRate { QStringLiteral("EUR"), QString::fromLatin1(quote), day(date), dec(value) });
    }
    valuation::ValuationOptions options(const char *lastDay, const char *totalCurrency = "EUR") const
    {
        valuation::ValuationOptions options;
        options.lastDay = day(lastDay);
        options.totalCurrency = QString::fromLatin1(totalCurrency);
        return options;
    }
};

} // namespace pt::test
