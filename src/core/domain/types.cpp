#include "domain/types.h"

#include <array>
#include <utility>

namespace pt {

namespace {

template<typename Enum, std::size_t N>
using KeyTable = std::array<std::pair<Enum, const char16_t *>, N>;

constexpr KeyTable<CostBasisMethod, 2> MethodKeys{{
    {CostBasisMethod::Fifo, u"fifo"},
    {CostBasisMethod::AverageCost, u"average"},
}};

constexpr KeyTable<AssetClass, 7> ClassKeys{{
    {AssetClass::Stock, u"stock"},
    {AssetClass::Etf, u"etf"},
    {AssetClass::Fund, u"fund"},
    {AssetClass::Bond, u"bond"},
    {AssetClass::Crypto, u"crypto"},
    {AssetClass::Commodity, u"commodity"},
    {AssetClass::Currency, u"currency"},
}};

constexpr KeyTable<TransactionType, 10> TypeKeys{{
    {TransactionType::Buy, u"buy"},
    {TransactionType::Sell, u"sell"},
    {TransactionType::Dividend, u"dividend"},
    {TransactionType::Interest, u"interest"},
    {TransactionType::Fee, u"fee"},
    {TransactionType::Tax, u"tax"},
    {TransactionType::Split, u"split"},
    {TransactionType::Deposit, u"deposit"},
    {TransactionType::Withdrawal, u"withdrawal"},
    {TransactionType::Transfer, u"transfer"},
}};

template<typename Enum, std::size_t N>
QString keyOf(const KeyTable<Enum, N> &table, Enum value)
{
    for (const auto &[entry, key] : table) {
        if (entry == value)
            return QString::fromUtf16(key);
    }
    Q_UNREACHABLE();
    return {};
}

template<typename Enum, std::size_t N>
std::optional<Enum> valueOf(const KeyTable<Enum, N> &table, QStringView key)
{
    for (const auto &[entry, name] : table) {
        if (key.compare(QStringView(name), Qt::CaseInsensitive) == 0)
            return entry;
    }
    return std::nullopt;
}

} // namespace

QString toKey(CostBasisMethod method) { return keyOf(MethodKeys, method); }
QString toKey(AssetClass assetClass) { return keyOf(ClassKeys, assetClass); }
QString toKey(TransactionType type) { return keyOf(TypeKeys, type); }

std::optional<CostBasisMethod> costBasisMethodFromKey(QStringView key) { return valueOf(MethodKeys, key); }
std::optional<AssetClass> assetClassFromKey(QStringView key) { return valueOf(ClassKeys, key); }
std::optional<TransactionType> transactionTypeFromKey(QStringView key) { return valueOf(TypeKeys, key); }

} // namespace pt
