#include "domain/transactionrules.h"

#include "money/currency.h"

namespace pt {

namespace {

// The rules an entry can break, in the order they are checked. Checking is
// separate from wording: the ledger validates every entry of every replay, so
// the passing path is plain comparisons and a message is built only for the
// rule that failed.
enum class Rule {
    None,
    Date,
    Portfolio,
    CurrencyCode,
    AssetRequired,
    AssetForbidden,
    AssetUnknown,
    AssetMismatch,
    AssetCurrency,
    Quantity,
    Price,
    Amount,
    SplitNumerator,
    SplitDenominator,
    Counterparty,
    CounterpartyItself,
    FeeNegative,
    FeeNotTaken,
};

// Whether an entry of a type names an asset: must, may, or must not.
enum class AssetUse { Required, Optional, Forbidden };

AssetUse assetUse(TransactionType type)
{
    switch (type) {
    case TransactionType::Buy:
    case TransactionType::Sell:
    case TransactionType::Dividend:
    case TransactionType::Split:
        return AssetUse::Required;
    case TransactionType::Interest:
    case TransactionType::Fee:
    case TransactionType::Tax:
    case TransactionType::Transfer:
        return AssetUse::Optional;
    case TransactionType::Deposit:
    case TransactionType::Withdrawal:
        return AssetUse::Forbidden;
    }
    return AssetUse::Optional;
}

// Only trades and dividends carry a fee of their own. Anywhere else a fee would be
// silently ignored by the replay, so it is refused instead: a charge that is not
// part of a trade is booked as a fee entry.
bool takesFee(TransactionType type)
{
    return type == TransactionType::Buy || type == TransactionType::Sell
           || type == TransactionType::Dividend;
}

// isNegative() is false for an invalid value, so validity is checked too.
bool isZeroOrMore(Decimal value)
{
    return value.isValid() && !value.isNegative();
}

Rule brokenCommonRule(const Transaction &t)
{
    if (!t.date.isValid())
        return Rule::Date;
    if (t.portfolioId == 0)
        return Rule::Portfolio;
    if (!currency::isValidCode(t.currency))
        return Rule::CurrencyCode;
    return Rule::None;
}

Rule brokenAssetRule(const Transaction &t, const Asset *asset)
{
    const AssetUse use = assetUse(t.type);
    if (use == AssetUse::Required && t.assetId == 0)
        return Rule::AssetRequired;
    if (use == AssetUse::Forbidden && t.assetId != 0)
        return Rule::AssetForbidden;
    if (t.assetId == 0)
        return Rule::None;
    if (!asset)
        return Rule::AssetUnknown;
    if (asset->id != t.assetId)
        return Rule::AssetMismatch;
    if (t.currency != asset->currency)
        return Rule::AssetCurrency;
    return Rule::None;
}

Rule brokenAmountRule(const Transaction &t)
{
    switch (t.type) {
    case TransactionType::Buy:
    case TransactionType::Sell:
        if (!t.quantity.isPositive())
            return Rule::Quantity;
        return isZeroOrMore(t.price) ? Rule::None : Rule::Price;
    case TransactionType::Dividend:
    case TransactionType::Interest:
    case TransactionType::Fee:
    case TransactionType::Tax:
    case TransactionType::Deposit:
    case TransactionType::Withdrawal:
        return t.amount.isPositive() ? Rule::None : Rule::Amount;
    case TransactionType::Split:
        if (!t.splitNumerator.isPositive())
            return Rule::SplitNumerator;
        return t.splitDenominator.isPositive() ? Rule::None : Rule::SplitDenominator;
    case TransactionType::Transfer:
        if (t.counterpartyPortfolioId == 0)
            return Rule::Counterparty;
        if (t.counterpartyPortfolioId == t.portfolioId)
            return Rule::CounterpartyItself;
        // Units when an asset is named, cash otherwise.
        if (t.assetId != 0)
            return t.quantity.isPositive() ? Rule::None : Rule::Quantity;
        return t.amount.isPositive() ? Rule::None : Rule::Amount;
    }
    return Rule::None;
}

Rule brokenFeeRule(const Transaction &t)
{
    if (takesFee(t.type))
        return isZeroOrMore(t.fee) ? Rule::None : Rule::FeeNegative;
    return t.fee.isZero() ? Rule::None : Rule::FeeNotTaken;
}

Rule firstBrokenRule(const Transaction &t, const Asset *asset)
{
    Rule rule = brokenCommonRule(t);
    if (rule == Rule::None)
        rule = brokenAssetRule(t, asset);
    if (rule == Rule::None)
        rule = brokenAmountRule(t);
    if (rule == Rule::None)
        rule = brokenFeeRule(t);
    return rule;
}

// "field: 'value' why", the form of every message about one field.
QString fieldMessage(QLatin1StringView field, const QString &value, const QString &why)
{
    return QLatin1StringView("%1: '%2' %3").arg(field, value, why);
}

QString mustBePositive(QLatin1StringView field, Decimal value)
{
    return fieldMessage(field, value.toString(), QStringLiteral("must be greater than zero"));
}

QString mustNotBeNegative(QLatin1StringView field, Decimal value)
{
    return fieldMessage(field, value.toString(), QStringLiteral("must be zero or more"));
}

QString explain(Rule rule, const Transaction &t, const Asset *asset)
{
    switch (rule) {
    case Rule::None:
        break;
    case Rule::Date:
        return QStringLiteral("date: the entry has no valid date");
    case Rule::Portfolio:
        return QStringLiteral("portfolio: the entry belongs to no portfolio");
    case Rule::CurrencyCode:
        return fieldMessage(QLatin1StringView("currency"), t.currency,
                            QStringLiteral("is not a currency code (3 to 5 upper-case letters or digits)"));
    case Rule::AssetRequired:
        return QStringLiteral("asset: a %1 needs an asset").arg(toKey(t.type));
    case Rule::AssetForbidden:
        return QStringLiteral("asset: a %1 concerns no asset").arg(toKey(t.type));
    case Rule::AssetUnknown:
        return fieldMessage(QLatin1StringView("asset"), QString::number(t.assetId),
                            QStringLiteral("is not in the catalog"));
    case Rule::AssetMismatch:
        // A caller's mistake rather than the user's, but still worth a clear word.
        return fieldMessage(QLatin1StringView("asset"), QString::number(t.assetId),
                            QStringLiteral("was checked against asset %1 (%2)").arg(asset->id).arg(asset->symbol));
    case Rule::AssetCurrency:
        return fieldMessage(QLatin1StringView("currency"), t.currency,
                            QStringLiteral("differs from the currency '%1' of %2").arg(asset->currency, asset->symbol));
    case Rule::Quantity:
        return mustBePositive(QLatin1StringView("quantity"), t.quantity);
    case Rule::Price:
        return mustNotBeNegative(QLatin1StringView("price"), t.price);
    case Rule::Amount:
        return mustBePositive(QLatin1StringView("amount"), t.amount);
    case Rule::SplitNumerator:
        return mustBePositive(QLatin1StringView("splitNumerator"), t.splitNumerator);
    case Rule::SplitDenominator:
        return mustBePositive(QLatin1StringView("splitDenominator"), t.splitDenominator);
    case Rule::Counterparty:
        return QStringLiteral("counterparty: a transfer needs a receiving portfolio");
    case Rule::CounterpartyItself:
        return fieldMessage(QLatin1StringView("counterparty"), QString::number(t.counterpartyPortfolioId),
                            QStringLiteral("is the portfolio the transfer comes from"));
    case Rule::FeeNegative:
        return mustNotBeNegative(QLatin1StringView("fee"), t.fee);
    case Rule::FeeNotTaken:
        return fieldMessage(QLatin1StringView("fee"), t.fee.toString(),
                            QStringLiteral("is not part of a %1; book it as a fee entry").arg(toKey(t.type)));
    }
    return {};
}

} // namespace

Result<void> validateTransaction(const Transaction &transaction, const Asset *asset)
{
    const Rule broken = firstBrokenRule(transaction, asset);
    if (broken == Rule::None)
        return {};
    return Error{explain(broken, transaction, asset)};
}

Result<void> validateNote(const QString &note)
{
    if (note.size() <= MaxNoteLength)
        return {};
    return Error{QStringLiteral("note: %1 characters long, at most %2 are allowed (a longer note could not be synced)")
                     .arg(note.size())
                     .arg(MaxNoteLength)};
}

bool replaysBefore(const Transaction &a, const Transaction &b)
{
    if (a.date != b.date)
        return a.date < b.date;
    if (a.stamp.createdAt != b.stamp.createdAt)
        return a.stamp.createdAt < b.stamp.createdAt;
    // QUuid's operator< is a total order (variant, then the bytes): the same on every device.
    return a.stamp.uuid < b.stamp.uuid;
}

} // namespace pt
