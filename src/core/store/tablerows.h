#pragma once

#include "money/decimal.h"

#include <QDate>
#include <QString>

#include <cstdint>
#include <vector>

namespace pt::store {

// How a column is stored (see resources/migrations/README.md), so rows can move
// between an SQLite and a PostgreSQL store without changing a value.
enum class ColumnKind {
    Integer, // INTEGER / BIGINT: ids, stamps, flags
    Text, // TEXT
    Decimal, // ${DECIMAL}: canonical text in SQLite, NUMERIC in PostgreSQL
    ScaledDecimal, // ${SCALED_DECIMAL}: 10^-8 units or text in SQLite, NUMERIC in PostgreSQL
    Date, // ${DATE}: "YYYY-MM-DD" text in SQLite, DATE in PostgreSQL
    // daily_price.day: SQLite derives it from price_key (a generated column, so
    // it is read from the key and never written); PostgreSQL stores a DATE.
    PriceDay,
};

struct Column
{
    QString name;
    ColumnKind kind = ColumnKind::Integer;
};

// One value of a row, whatever the backend: what TableReader gives and
// TableWriter takes. A NULL stays NULL and a zero stays zero.
struct Cell
{
    enum class Type : quint8 { Null, Integer, Decimal, Date, Text };

    Type type = Type::Null;
    std::int64_t integer = 0; // Integer; a Date as its Julian day
    Decimal decimal;
    QString text;

    static Cell null() { return {}; }
    static Cell fromInteger(std::int64_t value)
    {
        Cell cell;
        cell.type = Type::Integer;
        cell.integer = value;
        return cell;
    }
    static Cell fromDecimal(Decimal value)
    {
        Cell cell;
        cell.type = Type::Decimal;
        cell.decimal = value;
        return cell;
    }
    // NULL for zero: how the ledger's optional decimals are stored.
    static Cell fromDecimalOrNull(Decimal value) { return value.isZero() ? null() : fromDecimal(value); }
    static Cell fromDate(QDate date)
    {
        Cell cell;
        cell.type = Type::Date;
        cell.integer = date.toJulianDay();
        return cell;
    }
    static Cell fromText(QString value)
    {
        Cell cell;
        cell.type = Type::Text;
        cell.text = std::move(value);
        return cell;
    }

    bool isNull() const { return type == Type::Null; }
    QDate date() const { return type == Type::Date ? QDate::fromJulianDay(integer) : QDate(); }
    // Zero for NULL.
    Decimal decimalOrZero() const { return type == Type::Decimal ? decimal : Decimal(); }
};

// Rows of a batch, one after the other: row r's column c is cells[r * columns + c].
using CellRows = std::vector<Cell>;

} // namespace pt::store
