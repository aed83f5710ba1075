#include "importcommand.h"

#include "commandline.h"
#include "context.h"
#include "importjsoncommand.h"

#include "io/dateformat.h"
#include "io/importcommit.h"
#include "io/importpresets.h"
#include "io/transactionimport.h"
#include "store/portfoliorepository.h"

#include <QFile>

namespace pt::cli {

namespace {

const QString PortfolioOption = QStringLiteral("portfolio");
const QString PresetOption = QStringLiteral("preset");
const QString DateFormatOption = QStringLiteral("date-format");
const QString DecimalOption = QStringLiteral("decimal");
const QString ThousandsOption = QStringLiteral("thousands");
const QString DelimiterOption = QStringLiteral("delimiter");
const QString MapOption = QStringLiteral("map");
const QString TypeWordOption = QStringLiteral("type-word");
const QString DryRunOption = QStringLiteral("dry-run");
const QString ShowErrorsOption = QStringLiteral("show-errors");

constexpr int DefaultShownErrors = 20;

// One separator character from an option: the character itself, or a word
// for those a shell makes awkward. `allowNone` takes "none" (or nothing) as
// no separator at all.
Result<QChar> separatorOption(const QString &option, const QString &value, bool allowNone)
{
    const QString word = value.toLower();
    if (allowNone && (value.isEmpty() || word == u"none"))
        return QChar();
    if (word == u"tab" || value == u"\\t")
        return QChar(u'\t');
    if (word == u"space")
        return QChar(u' ');
    if (word == u"comma")
        return QChar(u',');
    if (word == u"semicolon")
        return QChar(u';');
    if (word == u"auto" && option == DelimiterOption)
        return QChar();
    if (value.size() != 1)
        return Error{QStringLiteral("--%1: '%2' is not one character (or tab, space, comma, semicolon%3)")
                         .arg(option, value, allowNone ? QStringLiteral(", none") : QString())};
    return value.front();
}

// The preset named by --preset (default generic) with the options' changes.
Result<io::ImportMapping> mappingFrom(const CommandLine &commandLine)
{
    const QString presetKey =
        commandLine.isSet(PresetOption) ? commandLine.value(PresetOption) : QStringLiteral("generic");
    const io::ImportPreset *preset = io::findImportPreset(presetKey);
    if (!preset)
        return Error{QStringLiteral("--preset: '%1' is not one of %2")
                         .arg(presetKey, io::importPresetKeys().join(QStringLiteral(", ")))};
    io::ImportMapping mapping = preset->mapping;
    if (commandLine.isSet(DateFormatOption)) {
        mapping.dateFormat = commandLine.value(DateFormatOption);
        if (auto format = io::DateFormat::compile(mapping.dateFormat); !format)
            return Error{u"--date-format: " + format.error()};
    }
    if (commandLine.isSet(DecimalOption)) {
        auto separator = separatorOption(DecimalOption, commandLine.value(DecimalOption), false);
        if (!separator)
            return Error{separator.error()};
        mapping.numbers.decimal = *separator;
        // The usual partner, unless given too: "--decimal ," means 1.234,56.
        if (!commandLine.isSet(ThousandsOption) && mapping.numbers.thousands == *separator)
            mapping.numbers.thousands = *separator == u',' ? QChar(u'.') : QChar(u',');
    }
    if (commandLine.isSet(ThousandsOption)) {
        auto separator = separatorOption(ThousandsOption, commandLine.value(ThousandsOption), true);
        if (!separator)
            return Error{separator.error()};
        mapping.numbers.thousands = *separator;
    }
    if (commandLine.isSet(DelimiterOption)) {
        auto separator = separatorOption(DelimiterOption, commandLine.value(DelimiterOption), false);
        if (!separator)
            return Error{separator.error()};
        mapping.delimiter = *separator;
    }
    for (const QString &assignment : commandLine.values(MapOption)) {
        const qsizetype equals = assignment.indexOf(u'=');
        const auto field = io::importFieldFromKey(QStringView(assignment).first(std::max<qsizetype>(equals, 0)));
        if (equals <= 0 || !field) {
            QStringList keys;
            for (const io::ImportField f : io::allImportFields())
                keys << io::importFieldKey(f);
            return Error{QStringLiteral("--map: '%1' is not field=Column with a field of %2")
                             .arg(assignment, keys.join(QStringLiteral(", ")))};
        }
        mapping.setColumn(*field, assignment.mid(equals + 1));
    }
    for (const QString &assignment : commandLine.values(TypeWordOption)) {
        const qsizetype equals = assignment.lastIndexOf(u'=');
        const auto type = equals > 0 ? transactionTypeFromKey(QStringView(assignment).sliced(equals + 1).trimmed())
                                     : std::nullopt;
        if (!type)
            return Error{QStringLiteral("--type-word: '%1' is not Word=type with a type of buy, sell, dividend, "
                                        "interest, fee, tax, split, deposit, withdrawal").arg(assignment)};
        mapping.typeWords.add(assignment.first(equals), *type);
    }
    if (auto usable = mapping.check(); !usable)
        return Error{usable.error()};
    return mapping;
}

QString delimiterName(QChar delimiter)
{
    if (delimiter == u'\t')
        return QStringLiteral("tab");
    return u'\'' + QString(delimiter) + u'\'';
}

int runImportTransactions(Context &context, const QStringList &arguments)
{
    CommandLine commandLine(
        QStringLiteral("import transactions"),
        QStringLiteral("Imports ledger entries from a CSV file into one portfolio. Every row is read and checked "
                       "first and the preview printed: the number of rows, how many are new and how many the "
                       "portfolio already has (those are skipped, so importing a file twice adds nothing), and "
                       "each row's error with its row, column and reason. If any row has an error, or a sell "
                       "would sell units not held, nothing is written. Otherwise the new rows are written in one "
                       "transaction. Columns, date and number formats, delimiter and type words come from the "
                       "preset (%1) and may be changed by the options; see docs/IMPORT.md.")
            .arg(io::importPresetKeys().join(QStringLiteral(", "))));
    commandLine.addArgument(QStringLiteral("FILE"), QStringLiteral("The CSV file (UTF-8, UTF-16 or Windows-1252)."));
    commandLine.addValueOption(PortfolioOption, QStringLiteral("The portfolio to import into (name or UUID). Required."),
                               QStringLiteral("ref"));
    commandLine.addValueOption(PresetOption,
                               QStringLiteral("The layout: %1 (default generic, what 'export transactions' writes).")
                                   .arg(io::importPresetKeys().join(QStringLiteral(", "))),
                               QStringLiteral("name"));
    commandLine.addValueOption(DateFormatOption,
                               QStringLiteral("How dates are written, e.g. %1.")
                                   .arg(io::DateFormat::commonPatterns().mid(0, 3).join(QStringLiteral(", "))),
                               QStringLiteral("format"));
    commandLine.addValueOption(DecimalOption, QStringLiteral("The decimal separator, e.g. ',' for 1.234,56."),
                               QStringLiteral("char"));
    commandLine.addValueOption(ThousandsOption,
                               QStringLiteral("The thousands separator, or 'none'; e.g. '.' for 1.234,56."),
                               QStringLiteral("char"));
    commandLine.addValueOption(DelimiterOption,
                               QStringLiteral("The field delimiter: a character, tab, or auto (detect ',' ';' tab)."),
                               QStringLiteral("char"));
    commandLine.addValueOption(MapOption,
                               QStringLiteral("Read a field from the column so named (repeatable): date, type, "
                                              "symbol, isin, name, quantity, price, amount, fee, currency, split, "
                                              "note. An empty Column leaves the field unread."),
                               QStringLiteral("field=Column"));
    commandLine.addValueOption(TypeWordOption,
                               QStringLiteral("A word of the file's type column and the type it stands for "
                                              "(repeatable), e.g. Kauf=buy."),
                               QStringLiteral("Word=type"));
    commandLine.addFlag(DryRunOption, QStringLiteral("Check everything, including the replay of the book, and write "
                                                     "nothing."));
    commandLine.addValueOption(ShowErrorsOption,
                               QStringLiteral("How many row errors to print (default %1).").arg(DefaultShownErrors),
                               QStringLiteral("N"));
    if (auto done = commandLine.parse(context, arguments))
        return *done;
    if (!commandLine.isSet(PortfolioOption))
        return context.badInput(QStringLiteral("--portfolio: required"));
    auto mapping = mappingFrom(commandLine);
    if (!mapping)
        return context.badInput(mapping.error());
    int shownErrors = DefaultShownErrors;
    if (commandLine.isSet(ShowErrorsOption)) {
        bool ok = false;
        shownErrors = commandLine.value(ShowErrorsOption).toInt(&ok);
        if (!ok || shownErrors < 0)
            return context.badInput(QStringLiteral("--show-errors: '%1' is not a number of 0 or more")
                                        .arg(commandLine.value(ShowErrorsOption)));
    }

    const QString fileName = commandLine.argument(0);
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly))
        return context.badInput(QStringLiteral("FILE: '%1' cannot be read: %2").arg(fileName, file.errorString()));

    auto database = context.database();
    if (!database)
        return context.failure(database.error());
    auto portfolio = store::PortfolioRepository(**database).findByReference(commandLine.value(PortfolioOption));
    if (!portfolio)
        return context.badInput(u"--portfolio: " + portfolio.error());
    auto target = io::ImportTarget::load(**database, portfolio->id);
    if (!target)
        return context.failure(target.error());

    io::ImportPreviewOptions options;
    options.sampleRows = 0;
    options.maxIssues = std::max(shownErrors, 1);
    options.keepTransactions = true;
    io::ImportPreview preview = io::previewImport(file, *mapping, *target, options);
    file.close();
    if (!preview.fileError.isEmpty())
        return context.badInput(QStringLiteral("%1: %2; nothing imported").arg(fileName, preview.fileError));

    context.out() << "Read " << fileName << " (" << io::encodingName(preview.encoding) << ", delimiter "
                  << delimiterName(preview.delimiter) << ")\n";
    for (const QString &notice : std::as_const(preview.notices))
        context.out() << notice.front().toUpper() << notice.mid(1) << '\n';
    context.out() << preview.rows << " rows: " << preview.newRows << " new, " << preview.alreadyPresent
                  << " already present, " << preview.rowsWithIssues << " with errors\n";
    if (!preview.ok()) {
        context.out().flush();
        context.err() << "error: " << fileName << ": " << preview.rowsWithIssues
                      << " rows with errors, nothing imported:\n";
        for (const QString &line : preview.issueLines(shownErrors))
            context.err() << "  " << line << '\n';
        return ExitBadInput;
    }

    const bool dryRun = commandLine.isSet(DryRunOption);
    if (preview.newRows == 0 && !dryRun) {
        context.out() << "Nothing to import: " << preview.alreadyPresent << " rows already present\n";
        return ExitSuccess;
    }
    if (!dryRun) // said before writing, so a watcher knows the write began
        context.out() << "Checking and writing " << preview.newRows << " entries into '" << portfolio->name
                      << "'..." << Qt::endl;
    auto outcome = io::commitImport(**database, portfolio->id, std::move(preview.transactions),
                                    preview.transactionRows, dryRun);
    if (!outcome)
        return context.badInput(QStringLiteral("%1: nothing imported: %2").arg(fileName, outcome.error()));
    if (dryRun) {
        context.out() << "Dry run: " << outcome->added << " entries would be imported into '" << portfolio->name
                      << "', " << outcome->alreadyPresent << " rows already present; nothing written\n";
    } else {
        context.out() << "Imported " << outcome->added << " entries into '" << portfolio->name << "', "
                      << outcome->alreadyPresent << " rows already present\n";
    }
    return ExitSuccess;
}

} // namespace

int runImportCommand(Context &context, const QStringList &arguments)
{
    return runGroup(context, QStringLiteral("import"), QStringLiteral("Imports data from files."),
                    {
                        {QStringLiteral("transactions"),
                         QStringLiteral("Import ledger entries from CSV (preview, then all or nothing)"),
                         runImportTransactions},
                        {QStringLiteral("json"), QStringLiteral("Add the portfolios of a JSON export (all or nothing)"),
                         runImportJsonCommand},
                    },
                    arguments);
}

} // namespace pt::cli
