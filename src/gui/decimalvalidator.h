#pragma once

#include <QValidator>

namespace pt::gui {

// Accepts exact decimals as a person types them in the validator's locale(): its
// decimal point, optional group separators, a leading sign.
//
//   Acceptable    pt::Decimal::parse(text, locale()) takes it
//   Intermediate  empty, a lone sign, a trailing point or group separator, a
//                 misplaced group separator: text that editing can still complete
//   Invalid       characters that are not part of a number, a second decimal
//                 point, more fractional digits than pt::Decimal keeps, or a
//                 value beyond its range; a QLineEdit refuses such keystrokes
//
// The sign is allowed: whether a value must be positive is the ledger's rule,
// and the dialog explains it instead of swallowing the key.
class DecimalValidator final : public QValidator
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DecimalValidator)

public:
    explicit DecimalValidator(QObject *parent = nullptr);
    ~DecimalValidator() override;

    State validate(QString &input, int &position) const override;
};

} // namespace pt::gui
