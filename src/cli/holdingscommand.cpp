#include "holdingscommand.h"

#include "catalog.h"
#include "commandline.h"
#include "context.h"
#include "jsonformat.h"
#include "ledger/ledgerservice.h"
#include "money/currency.h"
#include "store/portfoliorepository.h"
#include "texttable.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace pt::cli {

namespace {

QJsonObject amountsJson(const std::map<QString, Decimal> &amounts)
{
    QJsonObject object;
    for (const auto &[code, amount] : amounts)
        object.insert(code, decimalJson(amount));
    return object;
}

QJsonObject bookJson(const ledger::PortfolioBook &book, const Catalog &catalog)
{
    QJsonArray positions;
    for (const auto &[assetId, position] : book.positions) {
        const Decimal average = position.averageCost();
        positions.append(QJsonObject{
            {QStringLiteral("symbol"), catalog.assetSymbol(assetId)},
            {QStringLiteral("assetId"), catalog.assetUuid(assetId)},
            {QStringLiteral("currency"), position.currency},
            {QStringLiteral("quantity"), decimalJson(position.quantity)},
            {QStringLiteral("costBasis"), decimalJson(position.costBasis)},
            {QStringLiteral("averageCost"), decimalJson(average)},
            {QStringLiteral("realizedGain"), decimalJson(position.realizedGain)},
            {QStringLiteral("income"), decimalJson(position.income)},
            {QStringLiteral("fees"), decimalJson(position.fees)},
        });
    }
    const Portfolio *portfolio = catalog.portfolio(book.portfolioId);
    return QJsonObject{
        {QStringLiteral("portfolio"), catalog.portfolioName(book.portfolioId)},
        {QStringLiteral("portfolioId"), catalog.portfolioUuid(book.portfolioId)},
        {QStringLiteral("baseCurrency"), portfolio ? portfolio->baseCurrency : QString()},
        {QStringLiteral("positions"), positions},
        {QStringLiteral("cash"), amountsJson(book.cash)},
        {QStringLiteral("income"), amountsJson(book.income)},
        {QStringLiteral("fees"), amountsJson(book.fees)},
        {QStringLiteral("taxes"), amountsJson(book.taxes)},
    };
}

// Money in the table at its currency's precision; the exact values are in --json.
QString money(Decimal value, const QString &code)
{
    return value.isValid() ? value.toString(currency::minorUnits(code)) : QString();
}

void writeBook(QTextStream &out, const ledger::PortfolioBook &book, const Catalog &catalog)
{
    const Portfolio *portfolio = catalog.portfolio(book.portfolioId);
    out << "Portfolio " << catalog.portfolioName(book.portfolioId);
    if (portfolio)
        out << " (" << portfolio->baseCurrency << ", " << toKey(portfolio->costBasisMethod) << ')';
    out << '\n';
    if (book.positions.empty()) {
        out << "No positions.\n";
    } else {
        TextTable table;
        table.addColumn(QStringLiteral("Symbol"));
        for (const char16_t *header :
             {u"Quantity", u"Cost basis", u"Average cost", u"Realized gain", u"Income", u"Fees"})
            table.addColumn(QString::fromUtf16(header), TextTable::Align::Right);
        table.addColumn(QStringLiteral("Currency"));
        for (const auto &[assetId, position] : book.positions) {
            const Decimal average = position.averageCost();
            table.addRow({catalog.assetSymbol(assetId), position.quantity.toString(),
                          money(position.costBasis, position.currency),
                          average.isValid() ? average.rounded(6).toString() : QString(),
                          money(position.realizedGain, position.currency), money(position.income, position.currency),
                          money(position.fees, position.currency), position.currency});
        }
        table.write(out);
    }
    QStringList cash;
    for (const auto &[code, amount] : book.cash)
        cash << money(amount, code) + u' ' + code;
    out << "Cash: " << (cash.isEmpty() ? QStringLiteral("none") : cash.join(QStringLiteral(", "))) << '\n';
}

} // namespace

int runHoldingsCommand(Context &context, const QStringList &arguments)
{
    CommandLine commandLine(QStringLiteral("holdings"),
                            QStringLiteral("Shows what each portfolio holds, derived from its entries: per position "
                                           "the quantity, cost basis, average cost, realized gain, income and fees; "
                                           "then the cash per currency."));
    commandLine.addValueOption(QStringLiteral("portfolio"), QStringLiteral("Only this portfolio (name or UUID)."),
                               QStringLiteral("ref"));
    commandLine.addJsonFlag();
    if (auto done = commandLine.parse(context, arguments))
        return *done;
    auto database = context.database();
    if (!database)
        return context.failure(database.error());
    RowId portfolioId = 0;
    if (commandLine.isSet(QStringLiteral("portfolio"))) {
        auto found = store::PortfolioRepository(**database).findByReference(commandLine.value(QStringLiteral("portfolio")));
        if (!found)
            return context.badInput(u"--portfolio: " + found.error());
        portfolioId = found->id;
    }
    auto catalog = Catalog::load(**database);
    if (!catalog)
        return context.failure(catalog.error());
    auto books = ledger::LedgerService(**database).books(portfolioId);
    if (!books)
        return context.failure(books.error());

    if (commandLine.json()) {
        QJsonArray array;
        for (const ledger::PortfolioBook &book : *books)
            array.append(bookJson(book, *catalog));
        writeJson(context.out(), QJsonDocument(array));
        return ExitSuccess;
    }
    bool first = true;
    for (const ledger::PortfolioBook &book : *books) {
        if (!first)
            context.out() << '\n';
        first = false;
        writeBook(context.out(), book, *catalog);
    }
    if (books->empty())
        context.out() << "No portfolios.\n";
    return ExitSuccess;
}

} // namespace pt::cli
