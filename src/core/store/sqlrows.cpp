#include "store/sqlrows.h"

#include "store/database.h"

#include <QRegularExpression>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlField>

namespace pt::store {

namespace {

char16_t codeUnit(QChar c)
{
    return c.unicode();
}

char16_t codeUnit(char c)
{
    return char16_t(static_cast<unsigned char>(c));
}

// "YYYY-MM-DD" in any string of 8- or 16-bit code units.
template<typename Text>
QDate strictIsoDate(const Text &text)
{
    if (text.size() != 10 || codeUnit(text[4]) != u'-' || codeUnit(text[7]) != u'-')
        return {};
    int parts[3] = {0, 0, 0};
    const int starts[3] = {0, 5, 8};
    const int lengths[3] = {4, 2, 2};
    for (int part = 0; part < 3; ++part) {
        for (int i = starts[part]; i < starts[part] + lengths[part]; ++i) {
            const char16_t c = codeUnit(text[i]);
            if (c < u'0' || c > u'9')
                return {};
            parts[part] = parts[part] * 10 + (c - u'0');
        }
    }
    if (parts[0] == 0) // QDate has no year 0; ISO text's 0000 is not a date here
        return {};
    return QDate(parts[0], parts[1], parts[2]); // invalid unless a real day
}

} // namespace

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

QVariant sqlScaledValue(Decimal value, Backend backend)
{
    if (value.isZero())
        return QVariant(QMetaType::fromType<qlonglong>());
    if (backend == Backend::PostgreSql)
        return value.toString();
    if (const auto units = scaledInteger(value))
        return qlonglong(*units);
    return value.toString();
}

Decimal scaledDecimalFrom(const QVariant &value)
{
    if (value.isNull())
        return {};
    // SQLite's INTEGER form; PostgreSQL's NUMERIC arrives as text (HighPrecision).
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

QDate isoDateFrom(QByteArrayView utf8)
{
    return strictIsoDate(utf8);
}

QDate isoDateFrom(QStringView text)
{
    return strictIsoDate(text);
}

Decimal decimalFromUtf8(QByteArrayView utf8)
{
    // Canonical decimals are ASCII: widen them into a buffer on the stack.
    char16_t wide[Decimal::MaxCanonicalLength];
    const qsizetype size = utf8.size();
    bool ascii = size <= Decimal::MaxCanonicalLength;
    for (qsizetype i = 0; ascii && i < size; ++i) {
        const auto c = static_cast<unsigned char>(utf8[i]);
        ascii = c < 0x80;
        wide[i] = char16_t(c);
    }
    const QString converted = ascii ? QString() : QString::fromUtf8(utf8);
    const auto parsed = ascii ? Decimal::parse(QStringView(wide, size)) : Decimal::parse(converted);
    return parsed ? *parsed : Decimal::invalid();
}

sqlite3 *rawSqliteHandle(const QSqlDatabase &connection)
{
    const QVariant handle = connection.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.constData());
}

pg_conn *rawPostgresHandle(const QSqlDatabase &connection)
{
    if (!connection.isOpen() || !connection.driver())
        return nullptr;
    const QVariant handle = connection.driver()->handle();
    // QPSQL's handle: a PGconn* (named after the struct behind the typedef in Qt 6).
    if (!handle.isValid()
        || (qstrcmp(handle.typeName(), "PGconn*") != 0 && qstrcmp(handle.typeName(), "pg_conn*") != 0))
        return nullptr;
    return *static_cast<pg_conn *const *>(handle.constData());
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

void setReadMode(QSqlQuery &query)
{
    query.setForwardOnly(query.driver() == nullptr || query.driver()->dbmsType() != QSqlDriver::PostgreSQL);
}

Result<void> execute(QSqlQuery &query, const QString &what)
{
    if (!query.exec())
        return Error{describeSqlError(what, query.lastError())};
    return {};
}

QString sqlLiteral(const QSqlDatabase &connection, const QVariant &value)
{
    QSqlField field(QString(), value.metaType());
    if (value.isNull())
        field.clear();
    else
        field.setValue(value);
    return connection.driver()->formatValue(field);
}

Result<void> insertRowsInBatches(const Database &database, const QString &head, const std::vector<QVariantList> &rows,
                                 const QString &what)
{
    constexpr std::size_t RowsPerStatement = 500;
    QSqlDatabase connection = database.connection();
    QSqlQuery query(connection);
    QString sql;
    for (std::size_t start = 0; start < rows.size(); start += RowsPerStatement) {
        const std::size_t end = std::min(rows.size(), start + RowsPerStatement);
        sql = head + u"VALUES ";
        for (std::size_t i = start; i < end; ++i) {
            sql += i == start ? u"(" : u", (";
            for (qsizetype column = 0; column < rows[i].size(); ++column) {
                if (column > 0)
                    sql += u", ";
                sql += sqlLiteral(connection, rows[i][column]);
            }
            sql += u')';
        }
        if (!query.exec(sql))
            return Error{describeSqlError(what, query.lastError())};
    }
    return {};
}

QString returningId(const Database &database)
{
    return database.backend() == Backend::PostgreSql ? QStringLiteral(" RETURNING id") : QString();
}

RowId insertedId(QSqlQuery &query)
{
    if (query.isSelect()) { // RETURNING id
        const RowId id = query.next() ? query.value(0).toLongLong() : 0;
        query.finish();
        return id;
    }
    return query.lastInsertId().toLongLong();
}

QString isDistinctFrom(const Database &database)
{
    return database.backend() == Backend::PostgreSql ? QStringLiteral(" IS DISTINCT FROM ")
                                                     : QStringLiteral(" IS NOT ");
}

QString byCodePoint(const Database &database, const QString &column)
{
    return database.backend() == Backend::PostgreSql ? column + QStringLiteral(" COLLATE \"C\"") : column;
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
