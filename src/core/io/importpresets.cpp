#include "io/importpresets.h"

namespace pt::io {

namespace {

using enum ImportField;

void names(ImportMapping &mapping, ImportField field, QStringList candidates)
{
    mapping.columns[std::size_t(field)] = std::move(candidates);
}

void words(ImportMapping &mapping, TransactionType type, std::initializer_list<const char16_t *> list)
{
    for (const char16_t *word : list)
        mapping.typeWords.add(QString::fromUtf16(word), type);
}

// Our own export: comma-separated, ISO dates, canonical decimals, our type keys.
ImportPreset generic()
{
    ImportPreset preset;
    preset.key = QStringLiteral("generic");
    preset.title = QStringLiteral("Portfolio Tracker (generic)");
    preset.description = QStringLiteral("The layout of 'export transactions': comma-separated, dates yyyy-MM-dd, "
                                        "decimal point, no grouping, type words buy, sell, dividend, ...");
    ImportMapping &m = preset.mapping;
    m.delimiter = u',';
    m.dateFormat = QStringLiteral("yyyy-MM-dd");
    m.numbers = NumberFormat{u'.', QChar()};
    names(m, Date, {QStringLiteral("Date")});
    names(m, Type, {QStringLiteral("Type")});
    names(m, Symbol, {QStringLiteral("Symbol")});
    names(m, Isin, {QStringLiteral("ISIN")});
    names(m, Name, {QStringLiteral("Name")});
    names(m, Quantity, {QStringLiteral("Quantity")});
    names(m, Price, {QStringLiteral("Price")});
    names(m, Amount, {QStringLiteral("Amount")});
    names(m, Fee, {QStringLiteral("Fee")});
    names(m, Currency, {QStringLiteral("Currency")});
    names(m, Split, {QStringLiteral("Split")});
    names(m, Note, {QStringLiteral("Note")});
    return preset;
}

// Modelled on German online brokers' "Umsätze" exports: semicolons, dd.MM.yyyy,
// decimal comma, thousands dot, German words, securities named by ISIN.
ImportPreset germanBroker()
{
    ImportPreset preset;
    preset.key = QStringLiteral("de-broker");
    preset.title = QStringLiteral("German broker (semicolon, dd.MM.yyyy, 1.234,56)");
    preset.description = QStringLiteral("Datum;Vorgang;ISIN;Wertpapier;Stück;Kurs;Betrag;Gebühren;Währung;Notiz, "
                                        "modelled on German broker exports (not an official format)");
    ImportMapping &m = preset.mapping;
    m.delimiter = u';';
    m.dateFormat = QStringLiteral("dd.MM.yyyy");
    m.numbers = NumberFormat{u',', u'.'};
    names(m, Date, {QStringLiteral("Datum"), QStringLiteral("Buchungstag"), QStringLiteral("Handelstag")});
    names(m, Type, {QStringLiteral("Vorgang"), QStringLiteral("Umsatzart"), QStringLiteral("Typ")});
    names(m, Symbol, {QStringLiteral("Symbol"), QStringLiteral("Kürzel")});
    names(m, Isin, {QStringLiteral("ISIN")});
    names(m, Name, {QStringLiteral("Wertpapier"), QStringLiteral("Bezeichnung")});
    names(m, Quantity, {QStringLiteral("Stück"), QStringLiteral("Anzahl")});
    names(m, Price, {QStringLiteral("Kurs"), QStringLiteral("Preis")});
    names(m, Amount, {QStringLiteral("Betrag")});
    names(m, Fee, {QStringLiteral("Gebühren"), QStringLiteral("Entgelt"), QStringLiteral("Provision")});
    names(m, Currency, {QStringLiteral("Währung")});
    names(m, Note, {QStringLiteral("Notiz"), QStringLiteral("Bemerkung")});
    words(m, TransactionType::Buy, {u"Kauf", u"Sparplan", u"Sparplanausführung"});
    words(m, TransactionType::Sell, {u"Verkauf"});
    words(m, TransactionType::Dividend, {u"Dividende", u"Ausschüttung", u"Ertrag"});
    words(m, TransactionType::Interest, {u"Zinsen", u"Zinsgutschrift"});
    words(m, TransactionType::Fee, {u"Gebühr", u"Gebühren", u"Depotgebühr", u"Entgelt"});
    words(m, TransactionType::Tax, {u"Steuer", u"Steuern", u"Kapitalertragsteuer", u"Vorabpauschale"});
    words(m, TransactionType::Split, {u"Split", u"Aktiensplit"});
    words(m, TransactionType::Deposit, {u"Einzahlung", u"Einlage"});
    words(m, TransactionType::Withdrawal, {u"Auszahlung", u"Entnahme"});
    return preset;
}

// Modelled on US brokers' history exports: commas, MM/dd/yyyy, "$1,234.56",
// an Action column with their wording, no currency column (USD assets).
ImportPreset usBroker()
{
    ImportPreset preset;
    preset.key = QStringLiteral("us-broker");
    preset.title = QStringLiteral("US broker (comma, MM/dd/yyyy, 1,234.56)");
    preset.description = QStringLiteral("Date,Action,Symbol,Description,Quantity,Price,Fees & Comm,Amount, "
                                        "modelled on US broker exports (not an official format)");
    ImportMapping &m = preset.mapping;
    m.delimiter = u',';
    m.dateFormat = QStringLiteral("MM/dd/yyyy");
    m.numbers = NumberFormat{u'.', u','};
    names(m, Date, {QStringLiteral("Date"), QStringLiteral("Trade Date"), QStringLiteral("Run Date")});
    names(m, Type, {QStringLiteral("Action"), QStringLiteral("Transaction Type")});
    names(m, Symbol, {QStringLiteral("Symbol")});
    names(m, Isin, {QStringLiteral("ISIN")});
    names(m, Name, {QStringLiteral("Description")});
    names(m, Quantity, {QStringLiteral("Quantity"), QStringLiteral("Shares")});
    names(m, Price, {QStringLiteral("Price")});
    names(m, Amount, {QStringLiteral("Amount"), QStringLiteral("Net Amount")});
    names(m, Fee, {QStringLiteral("Fees & Comm"), QStringLiteral("Commission"), QStringLiteral("Fees")});
    names(m, Currency, {QStringLiteral("Currency")});
    names(m, Note, {QStringLiteral("Memo"), QStringLiteral("Note")});
    words(m, TransactionType::Buy, {u"Buy", u"Reinvest Shares", u"Bought"});
    words(m, TransactionType::Sell, {u"Sell", u"Sold"});
    words(m, TransactionType::Dividend, {u"Dividend", u"Cash Dividend", u"Qualified Dividend", u"Non-Qualified Div",
                                         u"Reinvest Dividend", u"Special Dividend"});
    words(m, TransactionType::Interest, {u"Interest", u"Bank Interest", u"Credit Interest"});
    words(m, TransactionType::Fee, {u"Service Fee", u"ADR Mgmt Fee", u"Margin Interest"});
    words(m, TransactionType::Tax, {u"Foreign Tax Paid", u"NRA Tax Adj", u"Tax Withholding"});
    words(m, TransactionType::Split, {u"Stock Split"});
    words(m, TransactionType::Deposit, {u"Deposit", u"Wire Received", u"Funds Received"});
    words(m, TransactionType::Withdrawal, {u"Withdrawal", u"Wire Sent", u"Funds Paid"});
    return preset;
}

} // namespace

const std::vector<ImportPreset> &importPresets()
{
    static const std::vector<ImportPreset> presets{generic(), germanBroker(), usBroker()};
    return presets;
}

const ImportPreset *findImportPreset(QStringView key)
{
    for (const ImportPreset &preset : importPresets()) {
        if (key.compare(preset.key, Qt::CaseInsensitive) == 0)
            return &preset;
    }
    return nullptr;
}

QStringList importPresetKeys()
{
    QStringList keys;
    for (const ImportPreset &preset : importPresets())
        keys << preset.key;
    return keys;
}

} // namespace pt::io
