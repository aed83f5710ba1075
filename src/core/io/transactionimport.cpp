#include "io/transactionimport.h"

#include "domain/transactionrules.h"
#include "io/csvreader.h"
#include "io/dateformat.h"
#include "money/currency.h"
#include "store/assetrepository.h"
#include "store/portfoliorepository.h"
#include "store/transactionrepository.h"

#include <QIODevice>

namespace pt::io {

namespace {

using enum ImportField;

constexpr qint64 ProgressEveryRows = 4096;

QString folded(QStringView text)
{
    return text.trimmed().toString().toCaseFolded();
}

// The fields whose absence from the header makes a file unreadable: a date,
// a type, something naming the asset, and a quantity or an amount.
struct Requirement
{
    std::initializer_list<ImportField> anyOf;
};
constexpr Requirement Requirements[] = {{{Date}}, {{Type}}, {{Symbol, Isin, Name}}, {{Quantity, Amount}}};

bool needsAsset(TransactionType type)
{
    return type == TransactionType::Buy || type == TransactionType::Sell || type == TransactionType::Dividend
           || type == TransactionType::Split;
}

bool takesAsset(TransactionType type)
{
    return type != TransactionType::Deposit && type != TransactionType::Withdrawal;
}

// Turns the fields of one record into an entry, or into issues naming the
// column and the value at fault.
class RowParser
{
public:
    RowParser(const ImportMapping &mapping, const ImportTarget &target, const std::array<int, ImportFieldCount> &columnOf,
              const QStringList &header, DateFormat dateFormat)
        : m_mapping(mapping), m_target(target), m_columnOf(columnOf), m_dateFormat(std::move(dateFormat))
    {
        for (const ImportField field : allImportFields()) {
            const int column = columnOf[std::size_t(field)];
            m_columnNames[std::size_t(field)] = column >= 0 ? header.value(column) : importFieldTitle(field);
        }
        m_width = header.size();
    }

    void parse(const QStringList &fields, ImportRow &row);

private:
    QStringView text(ImportField field) const
    {
        const int column = m_columnOf[std::size_t(field)];
        if (column < 0 || column >= m_fields->size())
            return {};
        return QStringView(m_fields->at(column)).trimmed();
    }
    bool mapped(ImportField field) const { return m_columnOf[std::size_t(field)] >= 0; }
    void complain(ImportField field, const QString &message)
    {
        m_row->issues.push_back(ImportIssue{m_row->row, m_row->line, m_columnNames[std::size_t(field)], message});
    }
    std::optional<Decimal> number(ImportField field);
    std::optional<TransactionType> type();
    QString currencyCode(QStringView code);
    const Asset *asset(TransactionType type);
    void assemble(Transaction &t, std::optional<Decimal> quantity, std::optional<Decimal> price,
                  std::optional<Decimal> amount, std::optional<Decimal> fee);
    void complainAboutRule(const QString &message, ImportField assetField);

    const ImportMapping &m_mapping;
    const ImportTarget &m_target;
    const std::array<int, ImportFieldCount> &m_columnOf;
    DateFormat m_dateFormat;
    std::array<QString, ImportFieldCount> m_columnNames;
    qsizetype m_width = 0;
    // Recent words and codes as written: most files use a handful, so most
    // rows are looked up without folding or allocating.
    std::vector<std::pair<QString, std::optional<TransactionType>>> m_typeCache;
    std::vector<QString> m_currencyCache;
    ImportField m_assetField = Symbol; // the column the row's asset was found by

    const QStringList *m_fields = nullptr;
    ImportRow *m_row = nullptr;
};

std::optional<Decimal> RowParser::number(ImportField field)
{
    const QStringView value = text(field);
    if (value.isEmpty())
        return std::nullopt;
    const auto parsed = parseNumber(value, m_mapping.numbers);
    if (!parsed) {
        complain(field, QStringLiteral("'%1' is not a number (expected a number like %2)")
                            .arg(value.toString(), m_mapping.numbers.example()));
        return std::nullopt;
    }
    // The type says the direction; brokers' signs (a buy's negative amount) do not.
    return parsed->abs();
}

std::optional<TransactionType> RowParser::type()
{
    const QStringView word = text(Type);
    if (word.isEmpty()) {
        complain(Type, QStringLiteral("the type is missing"));
        return std::nullopt;
    }
    std::optional<TransactionType> found;
    bool cached = false;
    for (const auto &[known, type] : m_typeCache) {
        if (word == known) {
            found = type;
            cached = true;
            break;
        }
    }
    if (!cached) {
        found = m_mapping.typeWords.find(word);
        if (m_typeCache.size() < 64)
            m_typeCache.emplace_back(word.toString(), found);
    }
    if (!found) {
        complain(Type, QStringLiteral("'%1' is not a known type word (known: %2)")
                           .arg(word.toString(), m_mapping.typeWords.listed()));
        return std::nullopt;
    }
    if (*found == TransactionType::Transfer) {
        complain(Type, QStringLiteral("'%1': transfers between portfolios are not imported; book them "
                                      "in the app or with 'portfolio-cli tx add'").arg(word.toString()));
        return std::nullopt;
    }
    return found;
}

QString RowParser::currencyCode(QStringView code)
{
    for (const QString &known : m_currencyCache) {
        if (code == known)
            return known;
    }
    QString made = code.toString().toUpper();
    if (m_currencyCache.size() < 16 && made == code)
        m_currencyCache.push_back(made);
    return made;
}

const Asset *RowParser::asset(TransactionType type)
{
    if (!takesAsset(type))
        return nullptr; // deposits and withdrawals concern cash only; a named asset is ignored
    std::optional<ImportField> firstNamed;
    QString firstProblem;
    for (const ImportField field : {Symbol, Isin, Name}) {
        const QStringView value = text(field);
        if (value.isEmpty())
            continue;
        QString problem;
        if (const Asset *found = m_target.findAsset(field, value, &problem)) {
            m_assetField = field;
            return found;
        }
        if (!firstNamed) {
            firstNamed = field;
            firstProblem = problem;
        }
        // A symbol is the catalog's key: one that matches nothing is not
        // overruled by a name that happens to match another asset.
        if (field == Symbol)
            break;
    }
    if (firstNamed) {
        complain(*firstNamed, firstProblem);
    } else if (needsAsset(type)) {
        complain(Symbol, QStringLiteral("a %1 needs an asset (a symbol, ISIN or name)").arg(toKey(type)));
    }
    return nullptr;
}

void RowParser::complainAboutRule(const QString &message, ImportField assetField)
{
    // validateTransaction's and validateNote's messages start with the field:
    // "quantity: '0' must be ...".
    static const std::pair<QStringView, ImportField> prefixes[] = {
        {u"date:", Date},         {u"currency:", Currency}, {u"asset:", Symbol},
        {u"quantity:", Quantity}, {u"price:", Price},       {u"amount:", Amount},
        {u"splitNumerator:", Split}, {u"splitDenominator:", Split}, {u"fee:", Fee},
        {u"note:", Note},
    };
    for (const auto &[prefix, field] : prefixes) {
        if (message.startsWith(prefix)) {
            const ImportField at = field == Symbol ? assetField : field;
            complain(at, QStringView(message).sliced(prefix.size()).trimmed().toString());
            return;
        }
    }
    complain(Type, message);
}

void RowParser::assemble(Transaction &t, std::optional<Decimal> quantity, std::optional<Decimal> price,
                         std::optional<Decimal> amount, std::optional<Decimal> fee)
{
    const QString type = toKey(t.type);
    const auto need = [&](ImportField field, const QString &what) {
        complain(field, mapped(field) ? QStringLiteral("a %1 needs %2").arg(type, what)
                                      : QStringLiteral("a %1 needs %2, and no column is read for %3")
                                            .arg(type, what, importFieldTitle(field)));
    };
    t.fee = fee.value_or(Decimal());
    switch (t.type) {
    case TransactionType::Buy:
    case TransactionType::Sell:
        if (!quantity) {
            need(Quantity, QStringLiteral("a quantity"));
            return;
        }
        t.quantity = *quantity;
        if (price) {
            t.price = *price;
        } else if (amount && quantity->isPositive()) {
            // The gross value of the trade, before fees.
            t.price = *amount / *quantity;
        } else {
            need(Price, QStringLiteral("a price (or an amount)"));
        }
        return;
    case TransactionType::Fee:
        // A charge written in the fee column only.
        if (!amount && fee) {
            amount = fee;
            t.fee = Decimal();
        }
        [[fallthrough]];
    case TransactionType::Dividend:
    case TransactionType::Interest:
    case TransactionType::Tax:
    case TransactionType::Deposit:
    case TransactionType::Withdrawal:
        if (!amount) {
            need(Amount, QStringLiteral("an amount"));
            return;
        }
        t.amount = *amount;
        return;
    case TransactionType::Split: {
        const QStringView ratio = text(Split);
        if (ratio.isEmpty()) {
            need(Split, QStringLiteral("a ratio N:D (N new units for every D old)"));
            return;
        }
        qsizetype separator = ratio.indexOf(u':');
        if (separator < 0)
            separator = ratio.indexOf(u'/');
        const auto numerator = separator > 0 ? parseNumber(ratio.first(separator), m_mapping.numbers) : std::nullopt;
        const auto denominator = separator > 0 ? parseNumber(ratio.sliced(separator + 1), m_mapping.numbers)
                                               : std::nullopt;
        if (!numerator || !denominator) {
            complain(Split, QStringLiteral("'%1' is not a ratio N:D such as 2:1").arg(ratio.toString()));
            return;
        }
        t.splitNumerator = *numerator;
        t.splitDenominator = *denominator;
        return;
    }
    case TransactionType::Transfer:
        return; // refused by type()
    }
}

void RowParser::parse(const QStringList &fields, ImportRow &row)
{
    m_fields = &fields;
    m_row = &row;
    if (fields.size() != m_width) {
        row.issues.push_back(ImportIssue{row.row, row.line, QString(),
                                         QStringLiteral("has %1 fields where the header has %2 (is a field with "
                                                        "the delimiter in it not quoted?)")
                                             .arg(fields.size())
                                             .arg(m_width)});
        return;
    }
    Transaction t;
    t.portfolioId = m_target.portfolio().id;

    const QStringView dateText = text(Date);
    if (dateText.isEmpty()) {
        complain(Date, QStringLiteral("the date is missing"));
    } else {
        bool shaped = false;
        t.date = m_dateFormat.parse(dateText, &shaped);
        if (!t.date.isValid()) {
            complain(Date, shaped ? QStringLiteral("'%1' is not a real day").arg(dateText.toString())
                                  : QStringLiteral("'%1' is not a date in the format %2")
                                        .arg(dateText.toString(), m_dateFormat.pattern()));
        }
    }
    const auto type = this->type();
    const auto quantity = number(Quantity);
    const auto price = number(Price);
    const auto amount = number(Amount);
    const auto fee = number(Fee);
    const Asset *asset = type ? this->asset(*type) : nullptr;

    const QStringView code = text(Currency);
    if (!code.isEmpty()) {
        t.currency = currencyCode(code);
        if (!currency::isValidCode(t.currency)) {
            complain(Currency, QStringLiteral("'%1' is not a currency code such as EUR or USD").arg(code.toString()));
        }
    } else {
        t.currency = asset ? asset->currency : m_target.portfolio().baseCurrency;
    }
    if (mapped(Note) && m_columnOf[std::size_t(Note)] < fields.size()) {
        t.note = fields.at(m_columnOf[std::size_t(Note)]); // as written: spaces a note was quoted with stay
        if (auto note = validateNote(t.note); !note)
            complainAboutRule(note.error(), m_assetField);
    }
    if (!type || !row.issues.empty())
        return;

    t.type = *type;
    t.assetId = asset ? asset->id : 0;
    assemble(t, quantity, price, amount, fee);
    if (!row.issues.empty())
        return;
    if (auto valid = validateTransaction(t, asset); !valid) {
        complainAboutRule(valid.error(), m_assetField);
        return;
    }
    row.transaction = std::move(t);
}

// Which column of the header each field is read from, and the columns nobody reads.
struct Resolution
{
    std::array<int, ImportFieldCount> columnOf;
    QString error;
    QStringList unread;
};

Resolution resolveColumns(const QStringList &header, const ImportMapping &mapping)
{
    Resolution resolution;
    resolution.columnOf.fill(-1);
    QStringList foldedHeader;
    for (const QString &name : header)
        foldedHeader << folded(name);
    QStringList absentChosen;
    for (const ImportField field : allImportFields()) {
        for (const QString &name : mapping.names(field)) {
            const qsizetype index = foldedHeader.indexOf(folded(name));
            if (index >= 0) {
                resolution.columnOf[std::size_t(field)] = int(index);
                break;
            }
        }
        if (resolution.columnOf[std::size_t(field)] < 0 && mapping.isChosen(field))
            absentChosen << QStringLiteral("'%1' (for %2)").arg(mapping.names(field).value(0), importFieldTitle(field));
    }
    const QString headerText = QStringLiteral("the header has: %1").arg(header.join(QStringLiteral(", ")));
    if (!absentChosen.isEmpty()) {
        resolution.error = QStringLiteral("the file has no column %1; %2")
                               .arg(absentChosen.join(QStringLiteral(", ")), headerText);
        return resolution;
    }
    QStringList missing;
    for (const Requirement &requirement : Requirements) {
        bool found = false;
        QStringList alternatives;
        QStringList looked;
        for (const ImportField field : requirement.anyOf) {
            found = found || resolution.columnOf[std::size_t(field)] >= 0;
            alternatives << importFieldTitle(field);
            for (const QString &name : mapping.names(field))
                looked << u'\'' + name + u'\'';
        }
        if (found)
            continue;
        QString entry = alternatives.join(QStringLiteral(" or "));
        if (!looked.isEmpty())
            entry += QStringLiteral(" (looked for %1)").arg(looked.join(QStringLiteral(", ")));
        else
            entry += QStringLiteral(" (not mapped)");
        missing << entry;
    }
    if (!missing.isEmpty()) {
        resolution.error = QStringLiteral("missing required columns: %1; %2")
                               .arg(missing.join(QStringLiteral("; ")), headerText);
        return resolution;
    }
    for (qsizetype i = 0; i < header.size(); ++i) {
        if (std::find(resolution.columnOf.begin(), resolution.columnOf.end(), int(i)) == resolution.columnOf.end())
            resolution.unread << header[i];
    }
    return resolution;
}

bool allBlank(const QStringList &fields)
{
    return std::all_of(fields.cbegin(), fields.cend(), [](const QString &field) { return isBlank(field); });
}

} // namespace

QString ImportIssue::text() const
{
    QString where;
    if (row > 0) {
        where = QStringLiteral("row %1").arg(row);
        if (line > 0 && line != row)
            where += QStringLiteral(" (line %1)").arg(line);
    }
    if (!column.isEmpty())
        where += (where.isEmpty() ? QString() : QStringLiteral(", ")) + QStringLiteral("column %1").arg(column);
    return where.isEmpty() ? message : where + QStringLiteral(": ") + message;
}

Result<ImportTarget> ImportTarget::load(const store::Database &database, RowId portfolioId)
{
    auto portfolio = store::PortfolioRepository(database).find(portfolioId);
    if (!portfolio)
        return Error{portfolio.error()};
    if (portfolio->stamp.deleted)
        return Error{QStringLiteral("portfolio: '%1' is deleted").arg(portfolio->name)};
    auto assets = store::AssetRepository(database).list();
    if (!assets)
        return Error{assets.error()};
    auto entries = store::TransactionRepository(database).list(portfolioId);
    if (!entries)
        return Error{entries.error()};
    return ImportTarget(*portfolio, std::move(*assets), *entries);
}

ImportTarget::ImportTarget(Portfolio portfolio, std::vector<Asset> assets,
                           const std::vector<Transaction> &portfolioEntries)
    : m_portfolio(std::move(portfolio)), m_assets(std::move(assets))
{
    for (qsizetype i = 0; i < qsizetype(m_assets.size()); ++i) {
        const Asset &asset = m_assets[std::size_t(i)];
        if (asset.stamp.deleted)
            continue;
        m_byId.insert(asset.id, i);
        m_bySymbol.insert(asset.symbol.toCaseFolded(), i);
        if (!asset.sourceId.isEmpty())
            m_bySourceId.insert(asset.sourceId.toCaseFolded(), i);
        const QString name = asset.name.trimmed().toCaseFolded();
        if (!name.isEmpty())
            m_byName.insert(name, m_byName.contains(name) ? -1 : i);
    }
    for (const Transaction &entry : portfolioEntries) {
        // Entries of other portfolios that transfer into this one are theirs.
        if (entry.portfolioId == m_portfolio.id && !entry.stamp.deleted)
            m_existing.add(entry);
    }
}

const Asset *ImportTarget::asset(RowId id) const
{
    const auto it = m_byId.constFind(id);
    return it == m_byId.cend() ? nullptr : &m_assets[std::size_t(*it)];
}

const Asset *ImportTarget::findAsset(ImportField field, QStringView text, QString *problem) const
{
    const QString key = folded(text);
    const auto at = [&](const QHash<QString, qsizetype> &index) -> const Asset * {
        const auto it = index.constFind(key);
        return it == index.cend() || *it < 0 ? nullptr : &m_assets[std::size_t(*it)];
    };
    const Asset *found = nullptr;
    switch (field) {
    case Isin:
        found = at(m_bySymbol);
        if (!found)
            found = at(m_bySourceId);
        if (!found && problem)
            *problem = QStringLiteral("no asset with the ISIN '%1' as its symbol or source id in the catalog; "
                                      "add it to the catalog first").arg(text.toString());
        return found;
    case Name:
        found = at(m_byName);
        if (!found && problem) {
            const auto it = m_byName.constFind(key);
            *problem = it != m_byName.cend()
                           ? QStringLiteral("'%1' is the name of more than one asset; add a symbol column")
                                 .arg(text.toString())
                           : QStringLiteral("no asset named '%1' in the catalog; add it to the catalog first")
                                 .arg(text.toString());
        }
        return found;
    default:
        found = at(m_bySymbol);
        if (!found && problem)
            *problem = QStringLiteral("no asset with the symbol '%1' in the catalog; add it to the catalog first")
                           .arg(text.toString());
        return found;
    }
}

QStringList ImportPreview::issueLines(int limit) const
{
    QStringList lines;
    if (!fileError.isEmpty())
        lines << fileError;
    for (const ImportIssue &issue : issues) {
        if (lines.size() >= limit)
            break;
        lines << issue.text();
    }
    const qint64 shown = lines.size() - (fileError.isEmpty() ? 0 : 1);
    if (issueCount > shown)
        lines << QStringLiteral("... and %1 more").arg(issueCount - shown);
    return lines;
}

ImportPreview previewImport(QIODevice &device, const ImportMapping &mapping, const ImportTarget &target,
                            const ImportPreviewOptions &options)
{
    ImportPreview preview;
    preview.columnOf.fill(-1);
    if (auto usable = mapping.check(); !usable) {
        preview.fileError = usable.error();
        return preview;
    }
    auto dateFormat = DateFormat::compile(mapping.dateFormat);
    CsvOptions csvOptions;
    csvOptions.separator = mapping.delimiter;
    csvOptions.requireUniformWidth = false; // a row of the wrong width is that row's issue
    CsvReader reader(&device, csvOptions);

    QStringList record;
    if (!reader.next(record)) {
        preview.fileError = reader.hasError() ? reader.error().message
                                              : QStringLiteral("the file is empty: expected a header row naming the "
                                                               "columns, then one row per entry");
        return preview;
    }
    preview.encoding = reader.encoding();
    preview.delimiter = reader.separator();
    for (const QString &name : std::as_const(record))
        preview.header << name.trimmed();
    const Resolution resolution = resolveColumns(preview.header, mapping);
    preview.columnOf = resolution.columnOf;
    if (!resolution.error.isEmpty()) {
        preview.fileError = resolution.error;
        return preview;
    }
    if (!resolution.unread.isEmpty())
        preview.notices << QStringLiteral("columns not read: %1").arg(resolution.unread.join(QStringLiteral(", ")));

    EntryMultiset existing = target.existing();
    RowParser parser(mapping, target, preview.columnOf, preview.header, std::move(*dateFormat));
    ImportRow row;
    while (reader.next(record)) {
        if (allBlank(record))
            continue;
        ++preview.rows;
        row.row = reader.recordNumber();
        row.line = reader.lineNumber();
        row.transaction.reset();
        row.issues.clear();
        row.alreadyPresent = false;
        parser.parse(record, row);
        if (row.transaction) {
            row.alreadyPresent = existing.take(*row.transaction);
            ++(row.alreadyPresent ? preview.alreadyPresent : preview.newRows);
            if (options.keepTransactions) {
                preview.transactions.push_back(*row.transaction);
                preview.transactionRows.push_back(row.row);
            }
        } else {
            ++preview.rowsWithIssues;
            preview.issueCount += qint64(row.issues.size());
            for (const ImportIssue &issue : row.issues) {
                if (qsizetype(preview.issues.size()) >= options.maxIssues)
                    break;
                preview.issues.push_back(issue);
            }
        }
        if (qsizetype(preview.sample.size()) < options.sampleRows) {
            row.fields = record;
            preview.sample.push_back(row);
            row.fields.clear();
        }
        if (options.progress && preview.rows % ProgressEveryRows == 0 && !options.progress(device.pos())) {
            preview.cancelled = true;
            return preview;
        }
        if (options.maxRows > 0 && preview.rows >= options.maxRows) {
            preview.truncated = true; // perhaps the last row: the reader cannot tell without reading on
            break;
        }
    }
    if (reader.hasError()) {
        preview.fileError = reader.error().message;
        return preview;
    }
    if (preview.rows == 0)
        preview.fileError = QStringLiteral("the file has a header but no rows");
    if (options.progress)
        options.progress(device.pos());
    return preview;
}

} // namespace pt::io
