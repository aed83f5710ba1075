#include "io/csvexport.h"

#include "io/csvwriter.h"
#include "ledger/ledgerservice.h"
#include "store/assetrepository.h"
#include "store/portfoliorepository.h"
#include "store/transactionrepository.h"

#include <QHash>
#include <QIODevice>

namespace pt::io {

namespace {

// Names by local id, for the columns that show them.
struct Names
{
    QHash<RowId, const Asset *> assets;
    QHash<RowId, QString> portfolios;
    std::vector<Asset> assetList;

    static Result<Names> load(const store::Database &database)
    {
        Names names;
        auto assets = store::AssetRepository(database).list();
        if (!assets)
            return Error{assets.error()};
        names.assetList = std::move(*assets);
        for (const Asset &asset : names.assetList)
            names.assets.insert(asset.id, &asset);
        auto portfolios = store::PortfolioRepository(database).list();
        if (!portfolios)
            return Error{portfolios.error()};
        for (const Portfolio &portfolio : *portfolios)
            names.portfolios.insert(portfolio.id, portfolio.name);
        return names;
    }
    QString symbol(RowId id) const
    {
        const Asset *asset = assets.value(id);
        return asset ? asset->symbol : QString();
    }
    QString name(RowId id) const
    {
        const Asset *asset = assets.value(id);
        return asset ? asset->name : QString();
    }
};

QString decimal(Decimal value)
{
    return value.toString();
}

QString nonZero(Decimal value)
{
    return value.isZero() ? QString() : value.toString();
}

QStringList transactionRecord(const Transaction &t, const Names &names)
{
    enum Column { Date, Type, Symbol, Name, Quantity, Price, Amount, Fee, Currency, Split, Note, Portfolio, To, Count };
    QStringList record(Count);
    record[Date] = t.date.toString(Qt::ISODate);
    record[Type] = toKey(t.type);
    record[Symbol] = names.symbol(t.assetId);
    record[Name] = names.name(t.assetId);
    // The values the entry's type uses are always written (a buy at price 0
    // says so); any other is written only when it is set.
    const bool trade = t.type == TransactionType::Buy || t.type == TransactionType::Sell;
    const bool units = trade || (t.type == TransactionType::Transfer && t.assetId != 0);
    const bool cash = !trade && t.type != TransactionType::Split && !units;
    record[Quantity] = units ? decimal(t.quantity) : nonZero(t.quantity);
    record[Price] = trade ? decimal(t.price) : nonZero(t.price);
    record[Amount] = cash ? decimal(t.amount) : nonZero(t.amount);
    record[Fee] = trade || t.type == TransactionType::Dividend ? decimal(t.fee) : nonZero(t.fee);
    record[Currency] = t.currency;
    if (t.type == TransactionType::Split)
        record[Split] = t.splitNumerator.toString() + u':' + t.splitDenominator.toString();
    record[Note] = t.note;
    record[Portfolio] = names.portfolios.value(t.portfolioId);
    record[To] = t.counterpartyPortfolioId != 0 ? names.portfolios.value(t.counterpartyPortfolioId) : QString();
    return record;
}

Result<qint64> finish(CsvWriter &writer, qint64 rows)
{
    if (!writer.flush())
        return Error{QStringLiteral("could not write the CSV: %1").arg(writer.errorString())};
    return rows;
}

} // namespace

QStringList transactionExportHeader()
{
    return {QStringLiteral("Date"),     QStringLiteral("Type"),     QStringLiteral("Symbol"),
            QStringLiteral("Name"),     QStringLiteral("Quantity"), QStringLiteral("Price"),
            QStringLiteral("Amount"),   QStringLiteral("Fee"),      QStringLiteral("Currency"),
            QStringLiteral("Split"),    QStringLiteral("Note"),     QStringLiteral("Portfolio"),
            QStringLiteral("To portfolio")};
}

QStringList holdingsExportHeader()
{
    return {QStringLiteral("Portfolio"),    QStringLiteral("Kind"),          QStringLiteral("Symbol"),
            QStringLiteral("Name"),         QStringLiteral("Quantity"),      QStringLiteral("Cost basis"),
            QStringLiteral("Average cost"), QStringLiteral("Realized gain"), QStringLiteral("Income"),
            QStringLiteral("Fees"),         QStringLiteral("Currency")};
}

Result<qint64> exportTransactions(const store::Database &database, RowId portfolioId, QIODevice &device)
{
    auto names = Names::load(database);
    if (!names)
        return Error{names.error()};
    auto entries = store::TransactionRepository(database).list(portfolioId);
    if (!entries)
        return Error{entries.error()};
    CsvWriter writer(&device);
    writer.writeRecord(transactionExportHeader());
    qint64 rows = 0;
    for (const Transaction &t : *entries) {
        if (portfolioId != 0 && t.portfolioId != portfolioId)
            continue;
        writer.writeRecord(transactionRecord(t, *names));
        ++rows;
        if (writer.hasError())
            break;
    }
    return finish(writer, rows);
}

Result<qint64> exportHoldings(const store::Database &database, RowId portfolioId, QIODevice &device)
{
    auto names = Names::load(database);
    if (!names)
        return Error{names.error()};
    auto books = ledger::LedgerService(database).books(portfolioId);
    if (!books)
        return Error{books.error()};
    CsvWriter writer(&device);
    writer.writeRecord(holdingsExportHeader());
    qint64 rows = 0;
    for (const ledger::PortfolioBook &book : *books) {
        const QString portfolio = names->portfolios.value(book.portfolioId);
        for (const auto &[assetId, position] : book.positions) {
            const Decimal average = position.averageCost();
            writer.writeRecord({portfolio, QStringLiteral("position"), names->symbol(assetId), names->name(assetId),
                                position.quantity.toString(), position.costBasis.toString(),
                                average.isValid() ? average.toString() : QString(),
                                position.realizedGain.toString(), position.income.toString(),
                                position.fees.toString(), position.currency});
            ++rows;
        }
        for (const auto &[code, amount] : book.cash) {
            writer.writeRecord({portfolio, QStringLiteral("cash"), QString(), QString(), amount.toString(), QString(),
                                QString(), QString(), QString(), QString(), code});
            ++rows;
        }
    }
    return finish(writer, rows);
}

} // namespace pt::io
