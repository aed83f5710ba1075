#include "assetcommands.h"

#include "commandline.h"
#include "context.h"
#include "jsonformat.h"
#include "store/assetrepository.h"
#include "store/transactionrepository.h"
#include "texttable.h"
#include "valueparsers.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace pt::cli {

namespace {

const QString SymbolOption = QStringLiteral("symbol");
const QString NameOption = QStringLiteral("name");
const QString ClassOption = QStringLiteral("class");
const QString CurrencyOption = QStringLiteral("currency");
const QString ExchangeOption = QStringLiteral("exchange");
const QString SourceOption = QStringLiteral("source");
const QString SourceIdOption = QStringLiteral("source-id");
const QString RefDescription = QStringLiteral("The asset: its symbol, UUID or a unique UUID prefix.");

void addFieldOptions(CommandLine &commandLine)
{
    commandLine.addValueOption(SymbolOption, QStringLiteral("Ticker symbol, unique in the catalog, e.g. AAPL."),
                               QStringLiteral("symbol"));
    commandLine.addValueOption(NameOption, QStringLiteral("Display name."), QStringLiteral("name"));
    commandLine.addValueOption(ClassOption,
                               QStringLiteral("Asset class: stock, etf, fund, bond, crypto, commodity or currency."),
                               QStringLiteral("class"));
    commandLine.addValueOption(CurrencyOption, QStringLiteral("The currency it trades in, e.g. USD."),
                               QStringLiteral("code"));
    commandLine.addValueOption(ExchangeOption, QStringLiteral("Exchange, e.g. XETRA (optional)."),
                               QStringLiteral("exchange"));
    commandLine.addValueOption(SourceOption, QStringLiteral("Market data source, e.g. yahoo (optional)."),
                               QStringLiteral("source"));
    commandLine.addValueOption(SourceIdOption, QStringLiteral("The source's id for the asset (optional)."),
                               QStringLiteral("id"));
}

Result<void> applyFieldOptions(const CommandLine &commandLine, Asset &asset)
{
    if (commandLine.isSet(SymbolOption)) {
        asset.symbol = commandLine.value(SymbolOption).trimmed();
        if (asset.symbol.isEmpty())
            return Error{QStringLiteral("--symbol: '%1' is empty").arg(commandLine.value(SymbolOption))};
    }
    if (commandLine.isSet(NameOption)) {
        asset.name = commandLine.value(NameOption).trimmed();
        if (asset.name.isEmpty())
            return Error{QStringLiteral("--name: '%1' is empty").arg(commandLine.value(NameOption))};
    }
    if (commandLine.isSet(ClassOption)) {
        auto assetClass = parseAssetClass(u"--" + ClassOption, commandLine.value(ClassOption));
        if (!assetClass)
            return Error{assetClass.error()};
        asset.assetClass = *assetClass;
    }
    if (commandLine.isSet(CurrencyOption)) {
        auto code = parseCurrency(u"--" + CurrencyOption, commandLine.value(CurrencyOption));
        if (!code)
            return Error{code.error()};
        asset.currency = *code;
    }
    if (commandLine.isSet(ExchangeOption))
        asset.exchange = commandLine.value(ExchangeOption).trimmed();
    if (commandLine.isSet(SourceOption))
        asset.dataSource = commandLine.value(SourceOption).trimmed();
    if (commandLine.isSet(SourceIdOption))
        asset.sourceId = commandLine.value(SourceIdOption).trimmed();
    return {};
}

Result<void> checkSymbolFree(const store::AssetRepository &repository, const Asset &asset)
{
    auto all = repository.list();
    if (!all)
        return Error{all.error()};
    for (const Asset &other : *all) {
        if (other.id != asset.id && other.symbol.compare(asset.symbol, Qt::CaseInsensitive) == 0)
            return Error{QStringLiteral("--symbol: an asset with the symbol '%1' already exists").arg(asset.symbol)};
    }
    return {};
}

// How many live entries use the asset.
Result<qsizetype> entriesUsing(const store::Database &database, RowId assetId)
{
    auto entries = store::TransactionRepository(database).list();
    if (!entries)
        return Error{entries.error()};
    return qsizetype(std::count_if(entries->begin(), entries->end(),
                                   [assetId](const Transaction &entry) { return entry.assetId == assetId; }));
}

int add(Context &context, const QStringList &arguments)
{
    CommandLine commandLine(QStringLiteral("asset add"), QStringLiteral("Adds an asset to the catalog."));
    addFieldOptions(commandLine);
    if (auto done = commandLine.parse(context, arguments))
        return *done;
    for (const QString &required : {SymbolOption, NameOption, ClassOption, CurrencyOption}) {
        if (!commandLine.isSet(required))
            return context.badInput(QStringLiteral("--%1: required").arg(required));
    }
    Asset asset;
    if (auto applied = applyFieldOptions(commandLine, asset); !applied)
        return context.badInput(applied.error());
    if (auto valid = store::AssetRepository::validate(asset); !valid)
        return context.badInput(valid.error());

    auto database = context.database();
    if (!database)
        return context.failure(database.error());
    const store::AssetRepository repository(**database);
    if (auto free = checkSymbolFree(repository, asset); !free)
        return context.badInput(free.error());
    auto added = repository.add(asset);
    if (!added)
        return context.failure(added.error());
    context.out() << "Added asset " << added->symbol << " (" << uuidText(added->stamp.uuid) << ")\n";
    return ExitSuccess;
}

int list(Context &context, const QStringList &arguments)
{
    CommandLine commandLine(QStringLiteral("asset list"), QStringLiteral("Lists the asset catalog by symbol."));
    commandLine.addJsonFlag();
    if (auto done = commandLine.parse(context, arguments))
        return *done;
    auto database = context.database();
    if (!database)
        return context.failure(database.error());
    auto assets = store::AssetRepository(**database).list();
    if (!assets)
        return context.failure(assets.error());

    if (commandLine.json()) {
        QJsonArray array;
        for (const Asset &asset : *assets)
            array.append(assetJson(asset));
        writeJson(context.out(), QJsonDocument(array));
        return ExitSuccess;
    }
    TextTable table;
    for (const char16_t *header : {u"ID", u"Symbol", u"Class", u"Currency", u"Exchange", u"Source", u"Name"})
        table.addColumn(QString::fromUtf16(header));
    for (const Asset &asset : *assets) {
        const QString source = asset.synthetic ? QStringLiteral("(synthetic)") : asset.dataSource;
        table.addRow({shortId(asset.stamp.uuid), asset.symbol, toKey(asset.assetClass), asset.currency,
                      asset.exchange, source, asset.name});
    }
    table.write(context.out());
    return ExitSuccess;
}

int edit(Context &context, const QStringList &arguments)
{
    CommandLine commandLine(QStringLiteral("asset edit"), QStringLiteral("Changes an asset in the catalog."));
    commandLine.addArgument(QStringLiteral("REF"), RefDescription);
    addFieldOptions(commandLine);
    if (auto done = commandLine.parse(context, arguments))
        return *done;
    Asset changes; // checks the values before the store is opened
    if (auto applied = applyFieldOptions(commandLine, changes); !applied)
        return context.badInput(applied.error());

    auto database = context.database();
    if (!database)
        return context.failure(database.error());
    const store::AssetRepository repository(**database);
    auto found = repository.findByReference(commandLine.argument(0));
    if (!found)
        return context.badInput(u"REF: " + found.error());
    Asset asset = *found;
    if (auto applied = applyFieldOptions(commandLine, asset); !applied)
        return context.badInput(applied.error());
    if (auto valid = store::AssetRepository::validate(asset); !valid)
        return context.badInput(valid.error());
    if (auto free = checkSymbolFree(repository, asset); !free)
        return context.badInput(free.error());
    // Entries are in their asset's currency; changing it would orphan their amounts.
    if (asset.currency != found->currency) {
        auto used = entriesUsing(**database, asset.id);
        if (!used)
            return context.failure(used.error());
        if (*used > 0)
            return context.badInput(QStringLiteral("--currency: '%1' cannot replace %2: %3 entries of %4 are in %2")
                                        .arg(asset.currency, found->currency).arg(*used).arg(found->symbol));
    }
    auto updated = repository.update(asset);
    if (!updated)
        return context.failure(updated.error());
    context.out() << "Updated asset " << updated->symbol << " (" << uuidText(updated->stamp.uuid) << ")\n";
    return ExitSuccess;
}

int remove(Context &context, const QStringList &arguments)
{
    CommandLine commandLine(QStringLiteral("asset delete"),
                            QStringLiteral("Deletes an asset that no entry uses; its prices are kept."));
    commandLine.addArgument(QStringLiteral("REF"), RefDescription);
    if (auto done = commandLine.parse(context, arguments))
        return *done;
    auto database = context.database();
    if (!database)
        return context.failure(database.error());
    const store::AssetRepository repository(**database);
    auto found = repository.findByReference(commandLine.argument(0));
    if (!found)
        return context.badInput(u"REF: " + found.error());
    auto used = entriesUsing(**database, found->id);
    if (!used)
        return context.failure(used.error());
    if (*used > 0)
        return context.badInput(QStringLiteral("REF: %1 is used by %2 entries; delete them first")
                                    .arg(found->symbol).arg(*used));
    if (auto removed = repository.remove(found->id); !removed)
        return context.failure(removed.error());
    context.out() << "Deleted asset " << found->symbol << '\n';
    return ExitSuccess;
}

} // namespace

int runAssetCommand(Context &context, const QStringList &arguments)
{
    return runGroup(context, QStringLiteral("asset"), QStringLiteral("Manages the asset catalog."),
                    {
                        {QStringLiteral("add"), QStringLiteral("Add an asset"), add},
                        {QStringLiteral("list"), QStringLiteral("List assets"), list},
                        {QStringLiteral("edit"), QStringLiteral("Change an asset"), edit},
                        {QStringLiteral("delete"), QStringLiteral("Delete an asset no entry uses"), remove},
                    },
                    arguments);
}

} // namespace pt::cli
