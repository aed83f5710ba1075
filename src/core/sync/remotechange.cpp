#include "sync/remotechange.h"

#include "money/decimal.h"
#include "store/sqlrows.h"
#include "sync/syncfields.h"

#include <QJsonValue>

#include <cmath>

namespace pt::sync {

namespace {

QVariant nullText()
{
    return QVariant(QMetaType::fromType<QString>());
}

// A field's JSON value as the store holds it, or why it cannot be.
Result<QVariant> storedValue(const FieldSpec &field, const QJsonValue &value)
{
    if (value.isNull() || value.isUndefined()) {
        if (!field.nullable)
            return Error { value.isUndefined() ? QStringLiteral("missing") : QStringLiteral("must not be null") };
        return nullText();
    }
    switch (field.type) {
    case FieldType::Boolean:
        if (!value.isBool())
            return Error { QStringLiteral("must be true or false") };
        return QVariant(int(value.toBool()));
    case FieldType::Integer: {
        constexpr double Limit = 9007199254740992.0; // 2^53: exact in JSON
        const double number = value.toDouble();
        if (!value.isDouble() || std::trunc(number) != number || std::abs(number) > Limit)
            return Error { QStringLiteral("must be a whole number") };
        return QVariant(qlonglong(number));
    }
    default:
        break;
    }
    if (!value.isString())
        return Error { QStringLiteral("must be a string") };
    const QString text = value.toString();
    switch (field.type) {
    case FieldType::Text:
        return store::sqlText(text);
    case FieldType::Enum:
        if (!field.known(text))
            return Error { QStringLiteral("'%1' is not a known value").arg(text.left(40)) };
        return QVariant(text);
    case FieldType::Decimal: {
        const auto decimal = Decimal::parse(text);
        if (!decimal)
            return Error { QStringLiteral("'%1' is not a decimal").arg(text.left(60)) };
        return store::sqlValue(*decimal);
    }
    case FieldType::Date: {
        const QDate date = store::isoDateFrom(text);
        if (!date.isValid())
            return Error { QStringLiteral("'%1' is not a date (YYYY-MM-DD)").arg(text.left(40)) };
        return store::sqlValue(date);
    }
    case FieldType::Reference:
        if (!isCanonicalUuid(text))
            return Error { QStringLiteral("'%1' is not a record UUID").arg(text.left(40)) };
        return QVariant(text);
    default:
        break;
    }
    return QVariant(text);
}

} // namespace

Result<RemoteChange> checkRemoteChange(const SyncChange &change)
{
    const auto name = [&change] {
        return QStringLiteral("pulled change %1 (%2 %3)").arg(change.seq).arg(recordKindName(change.kind), change.uuid);
    };
    if (!isCanonicalUuid(change.uuid))
        return Error { QStringLiteral("%1: the record's UUID is not in canonical form").arg(name()) };
    if (!isCanonicalUuid(change.stamp.device))
        return Error { QStringLiteral("%1: the device id is not a UUID").arg(name()) };
    RemoteChange checked { change, {} };
    const KindSpec &spec = kindSpec(change.kind);
    checked.values.reserve(qsizetype(spec.fields.size()));
    for (const FieldSpec &field : spec.fields) {
        auto value = storedValue(field, change.fields.value(field.key));
        if (!value)
            return Error { QStringLiteral("%1: field %2: %3").arg(name(), field.key, value.error()) };
        checked.values.push_back(std::move(*value));
    }
    return checked;
}

} // namespace pt::sync
