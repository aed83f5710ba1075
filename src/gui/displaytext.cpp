#include "gui/displaytext.h"

#include "money/currency.h"

#include <QCoreApplication>

#include <algorithm>

namespace pt::gui {

namespace {

constexpr int MaxQuantityDecimals = 8;

QString translated(const char *text)
{
    return QCoreApplication::translate("pt::gui::DisplayText", text);
}

} // namespace

QString formatTrimmed(Decimal value, int minDecimals, int maxDecimals, const QLocale &locale)
{
    maxDecimals = std::clamp(maxDecimals, 0, Decimal::Scale);
    minDecimals = std::clamp(minDecimals, 0, maxDecimals);
    QString text = value.toString(locale, maxDecimals);
    if (!value.isValid() || maxDecimals == minDecimals)
        return text;
    const QString point = locale.decimalPoint();
    const qsizetype pointAt = text.lastIndexOf(point);
    if (pointAt < 0)
        return text;
    // Decimal::toString writes the fraction in ASCII digits.
    qsizetype end = text.size();
    const qsizetype firstFraction = pointAt + point.size();
    while (end - firstFraction > minDecimals && text.at(end - 1) == u'0')
        --end;
    if (end == firstFraction)
        end = pointAt;
    text.truncate(end);
    return text;
}

QString formatMoney(Decimal value, QStringView currency, const QLocale &locale)
{
    return value.toString(locale, currency::minorUnits(currency));
}

QString formatQuantity(Decimal value, const QLocale &locale)
{
    return formatTrimmed(value, 0, MaxQuantityDecimals, locale);
}

QString formatPrice(Decimal value, QStringView currency, int maxDecimals, const QLocale &locale)
{
    const int minor = currency::minorUnits(currency);
    return formatTrimmed(value, minor, std::max(minor, maxDecimals), locale);
}

QString dateFormat(const QLocale &locale)
{
    QString format = locale.dateFormat(QLocale::ShortFormat);
    if (!format.contains(QLatin1String("yyyy")))
        format.replace(QLatin1String("yy"), QLatin1String("yyyy"));
    return format;
}

QString formatDate(QDate date, const QLocale &locale)
{
    return locale.toString(date, dateFormat(locale));
}

QString transactionTypeLabel(TransactionType type)
{
    switch (type) {
    case TransactionType::Buy:
        return translated(QT_TRANSLATE_NOOP("pt::gui::DisplayText", "Buy"));
    case TransactionType::Sell:
        return translated(QT_TRANSLATE_NOOP("pt::gui::DisplayText", "Sell"));
    case TransactionType::Dividend:
        return translated(QT_TRANSLATE_NOOP("pt::gui::DisplayText", "Dividend"));
    case TransactionType::Interest:
        return translated(QT_TRANSLATE_NOOP("pt::gui::DisplayText", "Interest"));
    case TransactionType::Fee:
        return translated(QT_TRANSLATE_NOOP("pt::gui::DisplayText", "Fee"));
    case TransactionType::Tax:
        return translated(QT_TRANSLATE_NOOP("pt::gui::DisplayText", "Tax"));
    case TransactionType::Split:
        return translated(QT_TRANSLATE_NOOP("pt::gui::DisplayText", "Split"));
    case TransactionType::Deposit:
        return translated(QT_TRANSLATE_NOOP("pt::gui::DisplayText", "Deposit"));
    case TransactionType::Withdrawal:
        return translated(QT_TRANSLATE_NOOP("pt::gui::DisplayText", "Withdrawal"));
    case TransactionType::Transfer:
        return translated(QT_TRANSLATE_NOOP("pt::gui::DisplayText", "Transfer"));
    }
    return toKey(type);
}

QString costBasisMethodLabel(CostBasisMethod method)
{
    switch (method) {
    case CostBasisMethod::Fifo:
        return translated(QT_TRANSLATE_NOOP("pt::gui::DisplayText", "FIFO"));
    case CostBasisMethod::AverageCost:
        return translated(QT_TRANSLATE_NOOP("pt::gui::DisplayText", "Average cost"));
    }
    return toKey(method);
}

} // namespace pt::gui
