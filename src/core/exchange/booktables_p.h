#pragma once

// The store columns a book document is read from (bookexport.cpp) and written
// back to (bookimport.cpp), stated once so the two sides cannot drift apart.
// Private to pt_exchange.

#include "store/tablerows.h"

#include <vector>

namespace pt::exchange::detail {

inline store::Column column(const char *name, store::ColumnKind kind = store::ColumnKind::Integer)
{
    return { QString::fromLatin1(name), kind };
}

inline std::vector<store::Column> transactionColumns()
{
    using store::ColumnKind;
    return { column("uuid", ColumnKind::Text), column("portfolio_id"), column("type", ColumnKind::Text),
             column("trade_date", ColumnKind::Date), column("asset_id"), column("counterparty_portfolio_id"),
             column("quantity", ColumnKind::Decimal), column("price", ColumnKind::Decimal),
             column("amount", ColumnKind::Decimal), column("fee", ColumnKind::Decimal),
             column("split_numerator", ColumnKind::Decimal), column("split_denominator", ColumnKind::Decimal),
             column("currency", ColumnKind::Text), column("note", ColumnKind::Text), column("created_at"),
             column("updated_at"), column("deleted") };
}

inline std::vector<store::Column> corporateActionColumns()
{
    using store::ColumnKind;
    return { column("asset_id"), column("day", ColumnKind::Date), column("kind", ColumnKind::Text),
             column("split_numerator", ColumnKind::Decimal), column("split_denominator", ColumnKind::Decimal),
             column("amount", ColumnKind::Decimal), column("currency", ColumnKind::Text),
             column("source", ColumnKind::Text), column("fetched_at") };
}

inline std::vector<store::Column> fxRateColumns()
{
    using store::ColumnKind;
    return { column("base_currency", ColumnKind::Text), column("quote_currency", ColumnKind::Text),
             column("day", ColumnKind::Date), column("rate", ColumnKind::Decimal), column("source", ColumnKind::Text),
             column("fetched_at") };
}

} // namespace pt::exchange::detail
