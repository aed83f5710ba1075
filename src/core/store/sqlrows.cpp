#include "store/sqlrows.h"

#include "store/database.h"

#include <QRegularExpression>

namespace pt::store {

QVariant sqlValue(Decimal value)
{
    return value.toString();
}

QVariant sqlValueOrNull(Decimal value)
{
    return value.isZero() ? QVariant(QMetaType::fromType<QString>()) : sqlValue(value);
}

QVariant sqlValue(QDate date)
{
    return date.toString(Qt::ISODate);
}

QVariant sqlText(const QString &text)
{
    return text.isNull() ? QVariant(QStringLiteral("")) : QVariant(text);
}

QVariant sqlIdOrNull(RowId id)
{
    return id == 0 ? QVariant(QMetaType::fromType<qlonglong>()) : QVariant(qlonglong(id));
}

Decimal decimalFrom(const QVariant &value)
{
    if (value.isNull())
        return {};
    const auto parsed = Decimal::parse(value.toString());
    return parsed ? *parsed : Decimal::invalid();
}

std::optional<std::int64_t> scaledInteger(Decimal value)
{
    if (!value.isValid())
        return std::nullopt;
    const Decimal::Raw raw = value.raw();
    constexpr Decimal::Raw Min64 = std::numeric_limits<std::int64_t>::min();
    constexpr Decimal::Raw Max64 = std::numeric_limits<std::int64_t>::max();
    if (raw >= Min64 && raw <= Max64) { // the common case, without 128-bit division
        const auto narrow = std::int64_t(raw);
        if (narrow % RawPerScaledUnit != 0)
            return std::nullopt;
        return narrow / RawPerScaledUnit;
    }
    if (raw % RawPerScaledUnit != 0)
        return std::nullopt;
    const Decimal::Raw units = raw / RawPerScaledUnit;
    if (units < Min64 || units > Max64)
        return std::nullopt;
    return std::int64_t(units);
}

QVariant sqlScaledValue(Decimal value)
{
    if (value.isZero())
        return QVariant(QMetaType::fromType<qlonglong>());
    if (const auto units = scaledInteger(value))
        return qlonglong(*units);
    return value.toString();
}

Decimal scaledDecimalFrom(const QVariant &value)
{
    if (value.isNull())
        return {};
    if (value.typeId() == QMetaType::LongLong || value.typeId() == QMetaType::Int)
        return Decimal::fromRaw(Decimal::Raw(value.toLongLong()) * RawPerScaledUnit);
    return decimalFrom(value);
}

std::int64_t priceKey(RowId assetId, QDate day)
{
    return (assetId << 22) + day.toJulianDay();
}

RowId priceKeyAsset(std::int64_t key)
{
    return key >> 22;
}

QDate priceKeyDay(std::int64_t key)
{
    return QDate::fromJulianDay(key & ((std::int64_t(1) << 22) - 1));
}

QDate dateFrom(const QVariant &value)
{
    if (value.typeId() == QMetaType::QDate)
        return value.toDate();
    return QDate::fromString(value.toString(), Qt::ISODate);
}

RecordStamp newStamp(const Database &database)
{
    RecordStamp stamp;
    stamp.uuid = QUuid::createUuid();
    stamp.createdAt = database.nextTimestamp();
    stamp.updatedAt = stamp.createdAt;
    return stamp;
}

QString uuidText(const QUuid &uuid)
{
    return uuid.toString(QUuid::WithoutBraces);
}

Result<void> execute(QSqlQuery &query, const QString &what)
{
    if (!query.exec())
        return Error{describeSqlError(what, query.lastError())};
    return {};
}

Result<RowId> findIdByUuidPrefix(const Database &database, const QString &table, QStringView reference)
{
    static const QRegularExpression uuidPrefix(QStringLiteral("^[0-9a-fA-F-]{8,36}$"));
    const QString text = reference.toString().toLower();
    if (!uuidPrefix.match(text).hasMatch())
        return RowId(0);
    QSqlQuery query(database.connection());
    query.prepare(QStringLiteral("SELECT id FROM %1 WHERE deleted = 0 AND uuid LIKE ? LIMIT 2").arg(table));
    query.addBindValue(QString(text + u'%'));
    if (auto done = execute(query, QStringLiteral("Looking up '%1'").arg(text)); !done)
        return Error{done.error()};
    if (!query.next())
        return RowId(0);
    const RowId id = query.value(0).toLongLong();
    if (query.next())
        return Error{QStringLiteral("'%1' matches more than one record; give more of the UUID").arg(text)};
    return id;
}

} // namespace pt::store
