#include "io/importmapping.h"

#include "io/dateformat.h"

namespace pt::io {

namespace {

struct FieldNames
{
    const char16_t *key;
    const char16_t *title;
};

constexpr std::array<FieldNames, ImportFieldCount> Names{{
    {u"date", u"Date"},
    {u"type", u"Type"},
    {u"symbol", u"Symbol"},
    {u"isin", u"ISIN"},
    {u"name", u"Name"},
    {u"quantity", u"Quantity"},
    {u"price", u"Price"},
    {u"amount", u"Amount"},
    {u"fee", u"Fee"},
    {u"currency", u"Currency"},
    {u"split", u"Split"},
    {u"note", u"Note"},
}};

constexpr std::array<TransactionType, 10> AllTypes{
    TransactionType::Buy,     TransactionType::Sell,       TransactionType::Dividend, TransactionType::Interest,
    TransactionType::Fee,     TransactionType::Tax,        TransactionType::Split,    TransactionType::Deposit,
    TransactionType::Withdrawal, TransactionType::Transfer};

} // namespace

QString importFieldKey(ImportField field)
{
    return QString::fromUtf16(Names[std::size_t(field)].key);
}

QString importFieldTitle(ImportField field)
{
    return QString::fromUtf16(Names[std::size_t(field)].title);
}

std::optional<ImportField> importFieldFromKey(QStringView key)
{
    for (const ImportField field : allImportFields()) {
        if (key.compare(QStringView(Names[std::size_t(field)].key), Qt::CaseInsensitive) == 0)
            return field;
    }
    return std::nullopt;
}

TypeWords::TypeWords()
{
    for (const TransactionType type : AllTypes)
        m_lookup.insert(toKey(type), type);
}

QString TypeWords::folded(QStringView word)
{
    return word.toString().simplified().toCaseFolded();
}

void TypeWords::add(const QString &word, TransactionType type)
{
    const QString key = folded(word);
    if (key.isEmpty())
        return;
    m_lookup.insert(key, type);
    for (auto &entry : m_words) {
        if (folded(entry.first) == key) {
            entry.second = type;
            return;
        }
    }
    m_words.emplace_back(word.simplified(), type);
}

std::optional<TransactionType> TypeWords::find(QStringView word) const
{
    const auto it = m_lookup.constFind(folded(word));
    if (it == m_lookup.cend())
        return std::nullopt;
    return *it;
}

QString TypeWords::listed(int limit) const
{
    QStringList words;
    for (const auto &[word, type] : m_words) {
        if (words.size() == limit) {
            words << QStringLiteral("...");
            break;
        }
        words << word;
    }
    if (words.isEmpty()) {
        for (const TransactionType type : AllTypes)
            words << toKey(type);
    }
    return words.join(QStringLiteral(", "));
}

void ImportMapping::setColumn(ImportField field, const QString &name)
{
    const QString trimmed = name.trimmed();
    columns[std::size_t(field)] = trimmed.isEmpty() ? QStringList() : QStringList{trimmed};
    chosen[std::size_t(field)] = !trimmed.isEmpty();
}

Result<void> ImportMapping::check() const
{
    if (auto format = DateFormat::compile(dateFormat); !format)
        return Error{format.error()};
    if (const QString problem = numbers.problem(); !problem.isEmpty())
        return Error{QStringLiteral("number format: %1").arg(problem)};
    if (!delimiter.isNull()) {
        if (delimiter == u'"' || delimiter == u'\n' || delimiter == u'\r')
            return Error{QStringLiteral("delimiter: '%1' cannot separate fields").arg(delimiter)};
        if (delimiter == numbers.decimal && numbers.decimal != u',')
            return Error{QStringLiteral("delimiter: '%1' is also the decimal separator").arg(delimiter)};
    }
    return {};
}

} // namespace pt::io
