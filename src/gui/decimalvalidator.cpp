#include "gui/decimalvalidator.h"

#include "money/decimal.h"

namespace pt::gui {

namespace {

// Digits before the decimal point beyond which pt::Decimal cannot hold a value.
constexpr int MaxIntegerDigits = 27;

bool isSpaceLike(QChar c)
{
    return c == u' ' || c == QChar(0x00A0) || c == QChar(0x202F);
}

bool isAsciiDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

} // namespace

DecimalValidator::DecimalValidator(QObject *parent)
    : QValidator(parent)
{
}

DecimalValidator::~DecimalValidator() = default;

QValidator::State DecimalValidator::validate(QString &input, int &position) const
{
    Q_UNUSED(position)
    const QStringView text = QStringView(input).trimmed();
    if (text.isEmpty())
        return Intermediate;

    const QLocale numberLocale = locale();
    if (Decimal::parse(text, numberLocale))
        return Acceptable;

    // Not a number yet: decide whether typing on can make it one.
    const QString point = numberLocale.decimalPoint();
    const QString group = numberLocale.groupSeparator();
    const QString minus = numberLocale.negativeSign();
    const QString plus = numberLocale.positiveSign();
    const bool spaceGroups = !group.isEmpty() && isSpaceLike(group.at(0));

    qsizetype i = 0;
    if (!minus.isEmpty() && text.startsWith(minus))
        i = minus.size();
    else if (!plus.isEmpty() && text.startsWith(plus))
        i = plus.size();

    bool seenPoint = false;
    int integerDigits = 0;
    int fractionDigits = 0;
    while (i < text.size()) {
        const QStringView rest = text.sliced(i);
        if (isAsciiDigit(rest.front())) {
            if (seenPoint) {
                if (++fractionDigits > Decimal::Scale)
                    return Invalid;
            } else if (++integerDigits > MaxIntegerDigits) {
                return Invalid;
            }
            ++i;
        } else if (rest.startsWith(point)) {
            if (seenPoint)
                return Invalid;
            seenPoint = true;
            i += point.size();
        } else if (!group.isEmpty() && rest.startsWith(group)) {
            if (seenPoint)
                return Invalid;
            i += group.size();
        } else if (spaceGroups && isSpaceLike(rest.front())) {
            if (seenPoint)
                return Invalid;
            ++i;
        } else {
            return Invalid;
        }
    }
    return Intermediate;
}

} // namespace pt::gui
