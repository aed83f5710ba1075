#include "transactioncommands.h"

#include "catalog.h"
#include "commandline.h"
#include "context.h"
#include "domain/transactionrules.h"
#include "jsonformat.h"
#include "ledger/ledgerservice.h"
#include "store/assetrepository.h"
#include "store/portfoliorepository.h"
#include "store/transactionrepository.h"
#include "texttable.h"
#include "valueparsers.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <optional>

namespace pt::cli {

namespace {

const QString PortfolioOption = QStringLiteral("portfolio");
const QString TypeOption = QStringLiteral("type");
const QString DateOption = QStringLiteral("date");
const QString AssetOption = QStringLiteral("asset");
const QString QuantityOption = QStringLiteral("quantity");
const QString PriceOption = QStringLiteral("price");
const QString AmountOption = QStringLiteral("amount");
const QString FeeOption = QStringLiteral("fee");
const QString CurrencyOption = QStringLiteral("currency");
const QString ToPortfolioOption = QStringLiteral("to-portfolio");
const QString SplitOption = QStringLiteral("split");
const QString NoteOption = QStringLiteral("note");
const QString IdDescription = QStringLiteral("The entry: its UUID or a unique prefix of at least 8 characters.");

// The entry options as given, checked for form but not yet resolved against the store.
struct EntryOptions
{
    std::optional<QString> portfolio;
    std::optional<TransactionType> type;
    std::optional<QDate> date;
    std::optional<QString> asset;
    std::optional<Decimal> quantity;
    std::optional<Decimal> price;
    std::optional<Decimal> amount;
    std::optional<Decimal> fee;
    std::optional<QString> currency;
    std::optional<QString> toPortfolio;
    std::optional<SplitRatio> split;
    std::optional<QString> note;
};

void addEntryOptions(CommandLine &commandLine, bool editing)
{
    const QString clearable = editing ? QStringLiteral(" An empty value removes it.") : QString();
    commandLine.addValueOption(PortfolioOption,
                               editing ? QStringLiteral("Move the entry to this portfolio (name or UUID).")
                                       : QStringLiteral("The portfolio (name or UUID). Required."),
                               QStringLiteral("ref"));
    commandLine.addValueOption(TypeOption,
                               QStringLiteral("buy, sell, dividend, interest, fee, tax, split, deposit, withdrawal "
                                              "or transfer.%1").arg(editing ? QString() : QStringLiteral(" Required.")),
                               QStringLiteral("type"));
    commandLine.addValueOption(DateOption,
                               QStringLiteral("The day, yyyy-MM-dd.%1").arg(editing ? QString() : QStringLiteral(" Required.")),
                               QStringLiteral("date"));
    commandLine.addValueOption(AssetOption, QStringLiteral("The asset (symbol or UUID).") + clearable,
                               QStringLiteral("ref"));
    commandLine.addValueOption(QuantityOption, QStringLiteral("Units (buy, sell, transfer), e.g. 1.5."),
                               QStringLiteral("decimal"));
    commandLine.addValueOption(PriceOption, QStringLiteral("Price per unit (buy, sell)."), QStringLiteral("decimal"));
    commandLine.addValueOption(AmountOption,
                               QStringLiteral("Amount (dividend, interest, fee, tax, deposit, withdrawal, cash transfer)."),
                               QStringLiteral("decimal"));
    commandLine.addValueOption(FeeOption, QStringLiteral("Fee or withholding, in the entry's currency."),
                               QStringLiteral("decimal"));
    commandLine.addValueOption(CurrencyOption,
                               QStringLiteral("Currency of the amounts (default: the asset's, else the portfolio's)."),
                               QStringLiteral("code"));
    commandLine.addValueOption(ToPortfolioOption, QStringLiteral("Receiving portfolio of a transfer.") + clearable,
                               QStringLiteral("ref"));
    commandLine.addValueOption(SplitOption, QStringLiteral("Split ratio N:D, N new units for every D old (split)."),
                               QStringLiteral("N:D"));
    commandLine.addValueOption(NoteOption, QStringLiteral("A free-text note, at most %1 characters.").arg(MaxNoteLength),
                               QStringLiteral("text"));
}

Result<EntryOptions> readEntryOptions(const CommandLine &commandLine)
{
    EntryOptions options;
    const auto text = [&](const QString &name) -> std::optional<QString> {
        return commandLine.isSet(name) ? std::optional<QString>(commandLine.value(name)) : std::nullopt;
    };
    const auto field = [](const QString &name) { return QString(u"--" + name); };
    options.portfolio = text(PortfolioOption);
    options.asset = text(AssetOption);
    options.toPortfolio = text(ToPortfolioOption);
    options.note = text(NoteOption);
    if (const auto value = text(TypeOption)) {
        auto type = parseTransactionType(field(TypeOption), *value);
        if (!type)
            return Error{type.error()};
        options.type = *type;
    }
    if (const auto value = text(DateOption)) {
        auto date = parseDate(field(DateOption), *value);
        if (!date)
            return Error{date.error()};
        options.date = *date;
    }
    const std::pair<const QString *, std::optional<Decimal> *> decimals[] = {
        {&QuantityOption, &options.quantity},
        {&PriceOption, &options.price},
        {&AmountOption, &options.amount},
        {&FeeOption, &options.fee},
    };
    for (const auto &[name, target] : decimals) {
        if (const auto value = text(*name)) {
            auto number = parseDecimal(field(*name), *value);
            if (!number)
                return Error{number.error()};
            *target = *number;
        }
    }
    if (const auto value = text(CurrencyOption)) {
        auto code = parseCurrency(field(CurrencyOption), *value);
        if (!code)
            return Error{code.error()};
        options.currency = *code;
    }
    if (const auto value = text(SplitOption)) {
        auto ratio = parseSplitRatio(field(SplitOption), *value);
        if (!ratio)
            return Error{ratio.error()};
        options.split = *ratio;
    }
    return options;
}

// Resolves the references against the store and writes the options into `entry`.
// When the asset is set and no currency is given, the entry takes the asset's
// currency; a new entry without an asset takes its portfolio's base currency.
Result<void> applyEntryOptions(const store::Database &database, const EntryOptions &options, Transaction &entry,
                               bool adding)
{
    const store::PortfolioRepository portfolios(database);
    const store::AssetRepository assets(database);
    std::optional<Portfolio> portfolio;
    if (options.portfolio) {
        auto found = portfolios.findByReference(*options.portfolio);
        if (!found)
            return Error{u"--portfolio: " + found.error()};
        portfolio = *found;
        entry.portfolioId = found->id;
    }
    std::optional<Asset> asset;
    if (options.asset) {
        if (options.asset->isEmpty()) {
            entry.assetId = 0;
        } else {
            auto found = assets.findByReference(*options.asset);
            if (!found)
                return Error{u"--asset: " + found.error()};
            asset = *found;
            entry.assetId = found->id;
        }
    }
    if (options.toPortfolio) {
        if (options.toPortfolio->isEmpty()) {
            entry.counterpartyPortfolioId = 0;
        } else {
            auto found = portfolios.findByReference(*options.toPortfolio);
            if (!found)
                return Error{u"--to-portfolio: " + found.error()};
            entry.counterpartyPortfolioId = found->id;
        }
    }
    if (options.type)
        entry.type = *options.type;
    if (options.date)
        entry.date = *options.date;
    if (options.quantity)
        entry.quantity = *options.quantity;
    if (options.price)
        entry.price = *options.price;
    if (options.amount)
        entry.amount = *options.amount;
    if (options.fee)
        entry.fee = *options.fee;
    if (options.split) {
        entry.splitNumerator = options.split->numerator;
        entry.splitDenominator = options.split->denominator;
    }
    if (options.note)
        entry.note = *options.note;
    if (options.currency)
        entry.currency = *options.currency;
    else if (asset)
        entry.currency = asset->currency;
    else if (adding && portfolio)
        entry.currency = portfolio->baseCurrency;
    return {};
}

QString shown(Decimal value)
{
    return value.isZero() ? QString() : value.toString();
}

int add(Context &context, const QStringList &arguments)
{
    CommandLine commandLine(QStringLiteral("tx add"),
                            QStringLiteral("Adds a ledger entry. It is refused, and nothing is written, if it would "
                                           "make any book inconsistent (e.g. selling more than is held)."));
    addEntryOptions(commandLine, false);
    if (auto done = commandLine.parse(context, arguments))
        return *done;
    for (const QString &required : {PortfolioOption, TypeOption, DateOption}) {
        if (!commandLine.isSet(required))
            return context.badInput(QStringLiteral("--%1: required").arg(required));
    }
    auto options = readEntryOptions(commandLine);
    if (!options)
        return context.badInput(options.error());

    auto database = context.database();
    if (!database)
        return context.failure(database.error());
    Transaction entry;
    if (auto applied = applyEntryOptions(**database, *options, entry, true); !applied)
        return context.badInput(applied.error());
    auto added = ledger::LedgerService(**database).add(entry);
    if (!added)
        return context.badInput(added.error());
    context.out() << "Added " << toKey(added->type) << ' ' << uuidText(added->stamp.uuid) << '\n';
    return ExitSuccess;
}

int list(Context &context, const QStringList &arguments)
{
    CommandLine commandLine(QStringLiteral("tx list"), QStringLiteral("Lists ledger entries in replay order."));
    commandLine.addValueOption(PortfolioOption, QStringLiteral("Only this portfolio's entries (name or UUID)."),
                               QStringLiteral("ref"));
    commandLine.addJsonFlag();
    if (auto done = commandLine.parse(context, arguments))
        return *done;
    auto database = context.database();
    if (!database)
        return context.failure(database.error());
    RowId portfolioId = 0;
    if (commandLine.isSet(PortfolioOption)) {
        auto found = store::PortfolioRepository(**database).findByReference(commandLine.value(PortfolioOption));
        if (!found)
            return context.badInput(u"--portfolio: " + found.error());
        portfolioId = found->id;
    }
    auto catalog = Catalog::load(**database);
    if (!catalog)
        return context.failure(catalog.error());
    auto entries = store::TransactionRepository(**database).list(portfolioId);
    if (!entries)
        return context.failure(entries.error());

    if (commandLine.json()) {
        QJsonArray array;
        for (const Transaction &entry : *entries)
            array.append(transactionJson(entry, *catalog));
        writeJson(context.out(), QJsonDocument(array));
        return ExitSuccess;
    }
    TextTable table;
    table.addColumn(QStringLiteral("ID"));
    table.addColumn(QStringLiteral("Date"));
    table.addColumn(QStringLiteral("Portfolio"));
    table.addColumn(QStringLiteral("Type"));
    table.addColumn(QStringLiteral("Asset"));
    for (const char16_t *header : {u"Quantity", u"Price", u"Amount", u"Fee"})
        table.addColumn(QString::fromUtf16(header), TextTable::Align::Right);
    table.addColumn(QStringLiteral("Currency"));
    table.addColumn(QStringLiteral("Split"));
    table.addColumn(QStringLiteral("To"));
    table.addColumn(QStringLiteral("Note"));
    for (const Transaction &entry : *entries) {
        const QString split = entry.type == TransactionType::Split
                                  ? entry.splitNumerator.toString() + u':' + entry.splitDenominator.toString()
                                  : QString();
        table.addRow({shortId(entry.stamp.uuid), entry.date.toString(Qt::ISODate),
                      catalog->portfolioName(entry.portfolioId), toKey(entry.type),
                      catalog->assetSymbol(entry.assetId), shown(entry.quantity), shown(entry.price),
                      shown(entry.amount), shown(entry.fee), entry.currency, split,
                      catalog->portfolioName(entry.counterpartyPortfolioId), entry.note});
    }
    table.write(context.out());
    return ExitSuccess;
}

int edit(Context &context, const QStringList &arguments)
{
    CommandLine commandLine(QStringLiteral("tx edit"),
                            QStringLiteral("Changes a ledger entry: only the options given. It is refused, and "
                                           "nothing is written, if it would make any book inconsistent."));
    commandLine.addArgument(QStringLiteral("ID"), IdDescription);
    addEntryOptions(commandLine, true);
    if (auto done = commandLine.parse(context, arguments))
        return *done;
    auto options = readEntryOptions(commandLine);
    if (!options)
        return context.badInput(options.error());

    auto database = context.database();
    if (!database)
        return context.failure(database.error());
    auto found = store::TransactionRepository(**database).findByReference(commandLine.argument(0));
    if (!found)
        return context.badInput(u"ID: " + found.error());
    Transaction entry = *found;
    if (auto applied = applyEntryOptions(**database, *options, entry, false); !applied)
        return context.badInput(applied.error());
    auto edited = ledger::LedgerService(**database).edit(entry);
    if (!edited)
        return context.badInput(edited.error());
    context.out() << "Updated " << toKey(edited->type) << ' ' << uuidText(edited->stamp.uuid) << '\n';
    return ExitSuccess;
}

int remove(Context &context, const QStringList &arguments)
{
    CommandLine commandLine(QStringLiteral("tx delete"),
                            QStringLiteral("Deletes a ledger entry, unless a later entry depends on it "
                                           "(e.g. a sell of the units it bought)."));
    commandLine.addArgument(QStringLiteral("ID"), IdDescription);
    if (auto done = commandLine.parse(context, arguments))
        return *done;
    auto database = context.database();
    if (!database)
        return context.failure(database.error());
    auto found = store::TransactionRepository(**database).findByReference(commandLine.argument(0));
    if (!found)
        return context.badInput(u"ID: " + found.error());
    if (auto removed = ledger::LedgerService(**database).remove(found->id); !removed)
        return context.badInput(removed.error());
    context.out() << "Deleted " << toKey(found->type) << ' ' << uuidText(found->stamp.uuid) << '\n';
    return ExitSuccess;
}

} // namespace

int runTransactionCommand(Context &context, const QStringList &arguments)
{
    return runGroup(context, QStringLiteral("tx"), QStringLiteral("Manages ledger entries (transactions)."),
                    {
                        {QStringLiteral("add"), QStringLiteral("Add an entry"), add},
                        {QStringLiteral("list"), QStringLiteral("List entries"), list},
                        {QStringLiteral("edit"), QStringLiteral("Change an entry"), edit},
                        {QStringLiteral("delete"), QStringLiteral("Delete an entry"), remove},
                    },
                    arguments);
}

} // namespace pt::cli
