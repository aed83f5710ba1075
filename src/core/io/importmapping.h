#pragma once

#include "domain/types.h"
#include "io/numberformat.h"
#include "result.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <array>
#include <optional>
#include <utility>
#include <vector>

namespace pt::io {

// The fields an imported row can fill. The portfolio is never one: the user
// chooses it for the whole file.
enum class ImportField {
    Date,
    Type,
    Symbol,
    Isin,
    Name,
    Quantity,
    Price,
    Amount,
    Fee,
    Currency,
    Split,
    Note,
};
constexpr int ImportFieldCount = 12;

// "date", "type", ... : the words of --map, stable and never translated.
QString importFieldKey(ImportField field);
// "Date", "Type", "ISIN", ... : the field's English title, for messages.
QString importFieldTitle(ImportField field);
std::optional<ImportField> importFieldFromKey(QStringView key);
constexpr std::array<ImportField, ImportFieldCount> allImportFields()
{
    return {ImportField::Date,   ImportField::Type,  ImportField::Symbol,   ImportField::Isin,
            ImportField::Name,   ImportField::Quantity, ImportField::Price, ImportField::Amount,
            ImportField::Fee,    ImportField::Currency, ImportField::Split, ImportField::Note};
}

// The words a file's type column uses and the entry types they stand for,
// compared without regard to case and surrounding or repeated spaces
// ("Reinvest  Shares" is "reinvest shares"). Our own keys (buy, sell, ...)
// are always known, so the generic layout needs no words of its own.
class TypeWords
{
public:
    TypeWords();

    // Adds a word, or changes what it stands for.
    void add(const QString &word, TransactionType type);
    std::optional<TransactionType> find(QStringView word) const;
    // The words added, in the order added (our own keys are not listed).
    const std::vector<std::pair<QString, TransactionType>> &words() const { return m_words; }
    // "Kauf, Verkauf, ..." (at most `limit` words), for messages.
    QString listed(int limit = 12) const;

private:
    static QString folded(QStringView word);

    QHash<QString, TransactionType> m_lookup; // folded word -> type
    std::vector<std::pair<QString, TransactionType>> m_words;
};

// How to read one CSV layout: which column holds which field, how dates and
// numbers are written, the field delimiter and the type words. A preset is
// one of these; the user may change any part.
struct ImportMapping
{
    // Header names accepted for each field, in order of preference, compared
    // without regard to case; empty: the field is not read. A preset lists
    // alternatives (a broker's column may be named either way); a column the
    // user chose (chosen[f]) must be in the file.
    std::array<QStringList, ImportFieldCount> columns;
    std::array<bool, ImportFieldCount> chosen{};
    QString dateFormat = QStringLiteral("yyyy-MM-dd");
    NumberFormat numbers;
    QChar delimiter; // null: detected from the file (',', ';' or tab)
    TypeWords typeWords;

    const QStringList &names(ImportField field) const { return columns[std::size_t(field)]; }
    // The user's choice: this header name (which must then be in the file),
    // or none when `name` is empty.
    void setColumn(ImportField field, const QString &name);
    bool isChosen(ImportField field) const { return chosen[std::size_t(field)]; }

    // The date format, separators and delimiter can work: a message naming
    // the first that cannot, else nothing.
    Result<void> check() const;
};

} // namespace pt::io
