#pragma once

// A real SQLite store in a temporary folder (tests/common), filled through the
// repositories and the ledger service the way the app fills it.

#include "../common/testsupport.h"

#include "domain/types.h"
#include "ledger/ledgerservice.h"
#include "store/assetrepository.h"
#include "store/portfoliorepository.h"

namespace pt {

// For QCOMPARE's failure messages (found by argument-dependent lookup).
inline char *toString(const Decimal &value)
{
    return qstrdup(value.toString().toUtf8().constData());
}

} // namespace pt

namespace pt::test {

class TestStore : public TemporaryStore
{
public:
    ledger::LedgerService ledger() const { return ledger::LedgerService(*database); }

    Result<Portfolio> addPortfolio(const QString &name, const QString &currency,
                                   CostBasisMethod method = CostBasisMethod::Fifo) const
    {
        Portfolio portfolio;
        portfolio.name = name;
        portfolio.baseCurrency = currency;
        portfolio.costBasisMethod = method;
        return store::PortfolioRepository(*database).add(portfolio);
    }

    Result<Asset> addAsset(const QString &symbol, const QString &name, const QString &currency,
                           AssetClass assetClass = AssetClass::Stock) const
    {
        Asset asset;
        asset.symbol = symbol;
        asset.name = name;
        asset.currency = currency;
        asset.assetClass = assetClass;
        return store::AssetRepository(*database).add(asset);
    }

    // A buy or sell of `asset` in its currency.
    Result<Transaction> trade(TransactionType type, const Portfolio &portfolio, const Asset &asset,
                              QDate date, const char *quantity, const char *price,
                              const char *fee = "0") const
    {
        Transaction t;
        t.portfolioId = portfolio.id;
        t.type = type;
        t.date = date;
        t.assetId = asset.id;
        t.quantity = dec(quantity);
        t.price = dec(price);
        t.fee = dec(fee);
        t.currency = asset.currency;
        return ledger().add(t);
    }

    // An entry that moves an amount: deposit, withdrawal, dividend, interest, fee, tax.
    Result<Transaction> cash(TransactionType type, const Portfolio &portfolio, QDate date,
                             const char *amount, const QString &currency, const Asset *asset = nullptr,
                             const char *fee = "0") const
    {
        Transaction t;
        t.portfolioId = portfolio.id;
        t.type = type;
        t.date = date;
        t.assetId = asset ? asset->id : 0;
        t.amount = dec(amount);
        t.fee = dec(fee);
        t.currency = currency;
        return ledger().add(t);
    }
};

} // namespace pt::test
