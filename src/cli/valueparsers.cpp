#include "valueparsers.h"

#include "money/currency.h"

#include <QStringList>

namespace pt::cli {

namespace {

Error invalid(const QString &field, QStringView text, const QString &reason)
{
    return Error{QStringLiteral("%1: '%2' %3").arg(field, text.toString(), reason)};
}

template<typename Enum, typename FromKey>
Result<Enum> parseKey(const QString &field, const QString &text, FromKey fromKey,
                      std::initializer_list<Enum> values)
{
    if (const auto value = fromKey(QStringView(text)))
        return *value;
    QStringList keys;
    for (Enum value : values)
        keys << toKey(value);
    return invalid(field, text, QStringLiteral("is not one of %1").arg(keys.join(QStringLiteral(", "))));
}

bool isAsciiDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

} // namespace

Result<Decimal> parseDecimal(const QString &field, QStringView text)
{
    auto parsed = Decimal::parse(text);
    if (!parsed)
        return Error{field + u": " + parsed.error()};
    return parsed;
}

Result<QDate> parseDate(const QString &field, QStringView text)
{
    // Digits by position rather than QDate::fromString(), which would also take
    // forms such as "2024-1-5", and is slow on a file of many rows.
    const auto digits = [&](qsizetype from, qsizetype count) {
        int value = 0;
        for (qsizetype i = from; i < from + count; ++i) {
            if (!isAsciiDigit(text[i]))
                return -1;
            value = value * 10 + (text[i].unicode() - u'0');
        }
        return value;
    };
    const bool shaped = text.size() == 10 && text[4] == u'-' && text[7] == u'-';
    const int year = shaped ? digits(0, 4) : -1;
    const int month = shaped ? digits(5, 2) : -1;
    const int day = shaped ? digits(8, 2) : -1;
    if (year < 0 || month < 0 || day < 0)
        return invalid(field, text, QStringLiteral("is not a date in the form yyyy-MM-dd"));
    const QDate date(year, month, day);
    if (!date.isValid())
        return invalid(field, text, QStringLiteral("is not a valid date"));
    return date;
}

Result<std::int64_t> parseInteger(const QString &field, const QString &text, std::int64_t minimum,
                                  std::int64_t maximum)
{
    bool ok = false;
    const qlonglong value = text.toLongLong(&ok);
    if (!ok || text.trimmed() != text || text.startsWith(u'+'))
        return invalid(field, text, QStringLiteral("is not a whole number"));
    if (value < minimum || value > maximum)
        return invalid(field, text, QStringLiteral("is out of range (%1 to %2)").arg(minimum).arg(maximum));
    return std::int64_t(value);
}

Result<SplitRatio> parseSplitRatio(const QString &field, const QString &text)
{
    const QStringList parts = text.split(u':');
    if (parts.size() != 2)
        return invalid(field, text, QStringLiteral("is not a ratio N:D such as 2:1"));
    const auto numerator = Decimal::parse(parts[0]);
    const auto denominator = Decimal::parse(parts[1]);
    if (!numerator || !denominator || !numerator->isPositive() || !denominator->isPositive())
        return invalid(field, text, QStringLiteral("is not a ratio of two positive numbers such as 2:1"));
    return SplitRatio{*numerator, *denominator};
}

Result<QString> parseCurrency(const QString &field, const QString &text)
{
    const QString code = text.toUpper();
    if (!currency::isValidCode(code))
        return invalid(field, text, QStringLiteral("is not a currency code (3 to 5 letters or digits, e.g. EUR)"));
    return code;
}

Result<CostBasisMethod> parseCostBasisMethod(const QString &field, const QString &text)
{
    return parseKey(field, text, costBasisMethodFromKey, {CostBasisMethod::Fifo, CostBasisMethod::AverageCost});
}

Result<AssetClass> parseAssetClass(const QString &field, const QString &text)
{
    return parseKey(field, text, assetClassFromKey,
                    {AssetClass::Stock, AssetClass::Etf, AssetClass::Fund, AssetClass::Bond, AssetClass::Crypto,
                     AssetClass::Commodity, AssetClass::Currency});
}

Result<TransactionType> parseTransactionType(const QString &field, const QString &text)
{
    return parseKey(field, text, transactionTypeFromKey,
                    {TransactionType::Buy, TransactionType::Sell, TransactionType::Dividend,
                     TransactionType::Interest, TransactionType::Fee, TransactionType::Tax, TransactionType::Split,
                     TransactionType::Deposit, TransactionType::Withdrawal, TransactionType::Transfer});
}

} // namespace pt::cli
