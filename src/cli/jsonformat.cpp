#include "jsonformat.h"

#include "catalog.h"

#include <QJsonDocument>
#include <QTextStream>

namespace pt::cli {

QString uuidText(const QUuid &uuid)
{
    return uuid.toString(QUuid::WithoutBraces);
}

QString shortId(const QUuid &uuid)
{
    return uuidText(uuid).left(8);
}

QJsonValue decimalJson(Decimal value)
{
    return value.isValid() ? QJsonValue(value.toString()) : QJsonValue(QJsonValue::Null);
}

QJsonObject portfolioJson(const Portfolio &portfolio)
{
    return QJsonObject{
        {QStringLiteral("id"), uuidText(portfolio.stamp.uuid)},
        {QStringLiteral("name"), portfolio.name},
        {QStringLiteral("currency"), portfolio.baseCurrency},
        {QStringLiteral("method"), toKey(portfolio.costBasisMethod)},
    };
}

QJsonObject assetJson(const Asset &asset)
{
    return QJsonObject{
        {QStringLiteral("id"), uuidText(asset.stamp.uuid)},
        {QStringLiteral("symbol"), asset.symbol},
        {QStringLiteral("name"), asset.name},
        {QStringLiteral("class"), toKey(asset.assetClass)},
        {QStringLiteral("currency"), asset.currency},
        {QStringLiteral("exchange"), asset.exchange},
        {QStringLiteral("source"), asset.dataSource},
        {QStringLiteral("sourceId"), asset.sourceId},
        {QStringLiteral("synthetic"), asset.synthetic},
        {QStringLiteral("tracked"), asset.tracked},
    };
}

QJsonObject transactionJson(const Transaction &transaction, const Catalog &catalog)
{
    QJsonObject object{
        {QStringLiteral("id"), uuidText(transaction.stamp.uuid)},
        {QStringLiteral("portfolio"), catalog.portfolioName(transaction.portfolioId)},
        {QStringLiteral("portfolioId"), catalog.portfolioUuid(transaction.portfolioId)},
        {QStringLiteral("type"), toKey(transaction.type)},
        {QStringLiteral("date"), transaction.date.toString(Qt::ISODate)},
        {QStringLiteral("quantity"), decimalJson(transaction.quantity)},
        {QStringLiteral("price"), decimalJson(transaction.price)},
        {QStringLiteral("amount"), decimalJson(transaction.amount)},
        {QStringLiteral("fee"), decimalJson(transaction.fee)},
        {QStringLiteral("currency"), transaction.currency},
        {QStringLiteral("note"), transaction.note},
    };
    if (transaction.assetId != 0) {
        object.insert(QStringLiteral("asset"), catalog.assetSymbol(transaction.assetId));
        object.insert(QStringLiteral("assetId"), catalog.assetUuid(transaction.assetId));
    }
    if (transaction.counterpartyPortfolioId != 0) {
        object.insert(QStringLiteral("toPortfolio"), catalog.portfolioName(transaction.counterpartyPortfolioId));
        object.insert(QStringLiteral("toPortfolioId"), catalog.portfolioUuid(transaction.counterpartyPortfolioId));
    }
    if (transaction.type == TransactionType::Split) {
        object.insert(QStringLiteral("split"),
                      QString(transaction.splitNumerator.toString() + u':' + transaction.splitDenominator.toString()));
    }
    return object;
}

QJsonObject priceJson(const DailyPrice &bar)
{
    // The store keeps a missing optional value as zero (NULL in SQL).
    const auto optional = [](Decimal value) { return value.isZero() ? QJsonValue(QJsonValue::Null) : decimalJson(value); };
    return QJsonObject{
        {QStringLiteral("date"), bar.date.toString(Qt::ISODate)},
        {QStringLiteral("open"), optional(bar.open)},
        {QStringLiteral("high"), optional(bar.high)},
        {QStringLiteral("low"), optional(bar.low)},
        {QStringLiteral("close"), decimalJson(bar.close)},
        {QStringLiteral("adjClose"), optional(bar.adjustedClose)},
        {QStringLiteral("volume"), optional(bar.volume)},
    };
}

void writeJson(QTextStream &stream, const QJsonDocument &document)
{
    stream << QString::fromUtf8(document.toJson(QJsonDocument::Indented));
    stream.flush();
}

} // namespace pt::cli
