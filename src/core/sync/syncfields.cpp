#include "sync/syncfields.h"

#include "domain/types.h"

namespace pt::sync {

namespace {

bool knownCostBasisMethod(QStringView key)
{
    return costBasisMethodFromKey(key).has_value();
}

bool knownAssetClass(QStringView key)
{
    return assetClassFromKey(key).has_value();
}

bool knownTransactionType(QStringView key)
{
    return transactionTypeFromKey(key).has_value();
}

FieldSpec field(const char *key, const char *column, FieldType type, bool nullable = false)
{
    return { QString::fromLatin1(key), QString::fromLatin1(column), type, nullable };
}

FieldSpec enumField(const char *key, const char *column, bool (*known)(QStringView))
{
    FieldSpec spec = field(key, column, FieldType::Enum);
    spec.known = known;
    return spec;
}

FieldSpec reference(const char *key, const char *column, RecordKind kind, bool nullable)
{
    FieldSpec spec = field(key, column, FieldType::Reference, nullable);
    spec.references = kind;
    return spec;
}

} // namespace

const KindSpec &kindSpec(RecordKind kind)
{
    // createdAt and updatedAt travel too: entries of one day replay in
    // created_at order, so every device must hold the same stamps.
    static const KindSpec portfolio {
        RecordKind::Portfolio,
        QStringLiteral("portfolio"),
        { field("name", "name", FieldType::Text), field("baseCurrency", "base_currency", FieldType::Text),
          enumField("costBasisMethod", "cost_basis_method", knownCostBasisMethod),
          field("createdAt", "created_at", FieldType::Integer), field("updatedAt", "updated_at", FieldType::Integer) }
    };
    static const KindSpec asset {
        RecordKind::Asset,
        QStringLiteral("asset"),
        { field("symbol", "symbol", FieldType::Text), field("name", "name", FieldType::Text),
          enumField("assetClass", "asset_class", knownAssetClass), field("currency", "currency", FieldType::Text),
          field("exchange", "exchange", FieldType::Text), field("dataSource", "data_source", FieldType::Text),
          field("sourceId", "source_id", FieldType::Text), field("synthetic", "synthetic", FieldType::Boolean),
          field("createdAt", "created_at", FieldType::Integer), field("updatedAt", "updated_at", FieldType::Integer) }
    };
    static const KindSpec transaction {
        RecordKind::Transaction,
        QStringLiteral("ledger_transaction"),
        { reference("portfolio", "portfolio_id", RecordKind::Portfolio, false),
          enumField("type", "type", knownTransactionType), field("tradeDate", "trade_date", FieldType::Date),
          reference("asset", "asset_id", RecordKind::Asset, true),
          reference("counterparty", "counterparty_portfolio_id", RecordKind::Portfolio, true),
          field("quantity", "quantity", FieldType::Decimal, true), field("price", "price", FieldType::Decimal, true),
          field("amount", "amount", FieldType::Decimal, true), field("fee", "fee", FieldType::Decimal, true),
          field("splitNumerator", "split_numerator", FieldType::Decimal, true),
          field("splitDenominator", "split_denominator", FieldType::Decimal, true),
          field("currency", "currency", FieldType::Text), field("note", "note", FieldType::Text),
          field("createdAt", "created_at", FieldType::Integer), field("updatedAt", "updated_at", FieldType::Integer) }
    };
    switch (kind) {
    case RecordKind::Portfolio:
        return portfolio;
    case RecordKind::Asset:
        return asset;
    case RecordKind::Transaction:
        break;
    }
    return transaction;
}

} // namespace pt::sync
