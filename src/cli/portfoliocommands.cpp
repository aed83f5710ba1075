#include "portfoliocommands.h"

#include "commandline.h"
#include "context.h"
#include "jsonformat.h"
#include "store/portfoliorepository.h"
#include "texttable.h"
#include "valueparsers.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace pt::cli {

namespace {

const QString NameOption = QStringLiteral("name");
const QString CurrencyOption = QStringLiteral("currency");
const QString MethodOption = QStringLiteral("method");

void addFieldOptions(CommandLine &commandLine)
{
    commandLine.addValueOption(NameOption, QStringLiteral("The portfolio's name (unique)."), QStringLiteral("name"));
    commandLine.addValueOption(CurrencyOption, QStringLiteral("Base currency, e.g. EUR (default EUR)."),
                               QStringLiteral("code"));
    commandLine.addValueOption(MethodOption, QStringLiteral("Cost basis method: fifo or average (default fifo)."),
                               QStringLiteral("method"));
}

// Applies the options given to `portfolio`; the message names the option.
Result<void> applyFieldOptions(const CommandLine &commandLine, Portfolio &portfolio)
{
    if (commandLine.isSet(NameOption)) {
        portfolio.name = commandLine.value(NameOption).trimmed();
        if (portfolio.name.isEmpty())
            return Error{QStringLiteral("--name: '%1' is empty").arg(commandLine.value(NameOption))};
    }
    if (commandLine.isSet(CurrencyOption)) {
        auto code = parseCurrency(u"--" + CurrencyOption, commandLine.value(CurrencyOption));
        if (!code)
            return Error{code.error()};
        portfolio.baseCurrency = *code;
    }
    if (commandLine.isSet(MethodOption)) {
        auto method = parseCostBasisMethod(u"--" + MethodOption, commandLine.value(MethodOption));
        if (!method)
            return Error{method.error()};
        portfolio.costBasisMethod = *method;
    }
    return {};
}

// Names are how people refer to portfolios, so two may not share one.
Result<void> checkNameFree(const store::PortfolioRepository &repository, const Portfolio &portfolio)
{
    auto all = repository.list();
    if (!all)
        return Error{all.error()};
    for (const Portfolio &other : *all) {
        if (other.id != portfolio.id && other.name == portfolio.name)
            return Error{QStringLiteral("--name: a portfolio named '%1' already exists").arg(portfolio.name)};
    }
    return {};
}

int add(Context &context, const QStringList &arguments)
{
    CommandLine commandLine(QStringLiteral("portfolio add"), QStringLiteral("Adds a portfolio."));
    addFieldOptions(commandLine);
    if (auto done = commandLine.parse(context, arguments))
        return *done;
    if (!commandLine.isSet(NameOption))
        return context.badInput(QStringLiteral("--name: required"));
    Portfolio portfolio;
    if (auto applied = applyFieldOptions(commandLine, portfolio); !applied)
        return context.badInput(applied.error());
    if (auto valid = store::PortfolioRepository::validate(portfolio); !valid)
        return context.badInput(valid.error());

    auto database = context.database();
    if (!database)
        return context.failure(database.error());
    const store::PortfolioRepository repository(**database);
    if (auto free = checkNameFree(repository, portfolio); !free)
        return context.badInput(free.error());
    auto added = repository.add(portfolio);
    if (!added)
        return context.failure(added.error());
    context.out() << "Added portfolio '" << added->name << "' (" << uuidText(added->stamp.uuid) << ")\n";
    return ExitSuccess;
}

int list(Context &context, const QStringList &arguments)
{
    CommandLine commandLine(QStringLiteral("portfolio list"), QStringLiteral("Lists the portfolios by name."));
    commandLine.addJsonFlag();
    if (auto done = commandLine.parse(context, arguments))
        return *done;
    auto database = context.database();
    if (!database)
        return context.failure(database.error());
    auto portfolios = store::PortfolioRepository(**database).list();
    if (!portfolios)
        return context.failure(portfolios.error());

    if (commandLine.json()) {
        QJsonArray array;
        for (const Portfolio &portfolio : *portfolios)
            array.append(portfolioJson(portfolio));
        writeJson(context.out(), QJsonDocument(array));
        return ExitSuccess;
    }
    TextTable table;
    table.addColumn(QStringLiteral("ID"));
    table.addColumn(QStringLiteral("Name"));
    table.addColumn(QStringLiteral("Currency"));
    table.addColumn(QStringLiteral("Method"));
    for (const Portfolio &portfolio : *portfolios)
        table.addRow({shortId(portfolio.stamp.uuid), portfolio.name, portfolio.baseCurrency,
                      toKey(portfolio.costBasisMethod)});
    table.write(context.out());
    return ExitSuccess;
}

int edit(Context &context, const QStringList &arguments)
{
    CommandLine commandLine(QStringLiteral("portfolio edit"), QStringLiteral("Changes a portfolio."));
    commandLine.addArgument(QStringLiteral("REF"), QStringLiteral("The portfolio: its name, UUID or a unique UUID prefix."));
    addFieldOptions(commandLine);
    if (auto done = commandLine.parse(context, arguments))
        return *done;
    Portfolio changes; // checks the values before the store is opened
    if (auto applied = applyFieldOptions(commandLine, changes); !applied)
        return context.badInput(applied.error());

    auto database = context.database();
    if (!database)
        return context.failure(database.error());
    const store::PortfolioRepository repository(**database);
    auto found = repository.findByReference(commandLine.argument(0));
    if (!found)
        return context.badInput(u"REF: " + found.error());
    Portfolio portfolio = *found;
    if (auto applied = applyFieldOptions(commandLine, portfolio); !applied)
        return context.badInput(applied.error());
    if (auto valid = store::PortfolioRepository::validate(portfolio); !valid)
        return context.badInput(valid.error());
    if (auto free = checkNameFree(repository, portfolio); !free)
        return context.badInput(free.error());
    auto updated = repository.update(portfolio);
    if (!updated)
        return context.failure(updated.error());
    context.out() << "Updated portfolio '" << updated->name << "' (" << uuidText(updated->stamp.uuid) << ")\n";
    return ExitSuccess;
}

int remove(Context &context, const QStringList &arguments)
{
    CommandLine commandLine(QStringLiteral("portfolio delete"),
                            QStringLiteral("Deletes a portfolio and all its entries."));
    commandLine.addArgument(QStringLiteral("REF"), QStringLiteral("The portfolio: its name, UUID or a unique UUID prefix."));
    if (auto done = commandLine.parse(context, arguments))
        return *done;
    auto database = context.database();
    if (!database)
        return context.failure(database.error());
    const store::PortfolioRepository repository(**database);
    auto found = repository.findByReference(commandLine.argument(0));
    if (!found)
        return context.badInput(u"REF: " + found.error());
    if (auto removed = repository.remove(found->id); !removed)
        return context.failure(removed.error());
    context.out() << "Deleted portfolio '" << found->name << "'\n";
    return ExitSuccess;
}

} // namespace

int runPortfolioCommand(Context &context, const QStringList &arguments)
{
    return runGroup(context, QStringLiteral("portfolio"), QStringLiteral("Manages portfolios."),
                    {
                        {QStringLiteral("add"), QStringLiteral("Add a portfolio"), add},
                        {QStringLiteral("list"), QStringLiteral("List portfolios"), list},
                        {QStringLiteral("edit"), QStringLiteral("Change a portfolio"), edit},
                        {QStringLiteral("delete"), QStringLiteral("Delete a portfolio and its entries"), remove},
                    },
                    arguments);
}

} // namespace pt::cli
