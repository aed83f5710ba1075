#include "gui/transactionfields.h"

namespace pt::gui {

TransactionFields TransactionFields::of(TransactionType type, bool hasAsset)
{
    TransactionFields fields;
    switch (type) {
    case TransactionType::Buy:
    case TransactionType::Sell:
        fields.asset = fields.assetRequired = true;
        fields.quantity = fields.price = fields.fee = true;
        break;
    case TransactionType::Dividend:
        fields.asset = fields.assetRequired = true;
        fields.amount = fields.fee = true;
        break;
    case TransactionType::Interest:
    case TransactionType::Fee:
    case TransactionType::Tax:
        fields.asset = true;
        fields.amount = true;
        break;
    case TransactionType::Split:
        fields.asset = fields.assetRequired = true;
        fields.split = true;
        break;
    case TransactionType::Deposit:
    case TransactionType::Withdrawal:
        fields.amount = true;
        break;
    case TransactionType::Transfer:
        fields.asset = true;
        fields.counterparty = true;
        fields.quantity = hasAsset;
        fields.amount = !hasAsset;
        break;
    }
    fields.currency = !(fields.asset && hasAsset);
    return fields;
}

} // namespace pt::gui
