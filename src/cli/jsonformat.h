#pragma once

#include "domain/types.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

class QJsonDocument;
class QTextStream;

namespace pt::cli {

class Catalog;

// JSON forms of the records for --json. Decimals are strings in canonical
// form, so no value passes through a binary double on its way out.

QString uuidText(const QUuid &uuid);
// The first 8 characters of the UUID: enough to refer to a row (the
// repositories accept a unique prefix) while keeping tables narrow.
QString shortId(const QUuid &uuid);
QJsonValue decimalJson(Decimal value); // null when invalid

QJsonObject portfolioJson(const Portfolio &portfolio);
QJsonObject assetJson(const Asset &asset);
QJsonObject transactionJson(const Transaction &transaction, const Catalog &catalog);
QJsonObject priceJson(const DailyPrice &bar);

void writeJson(QTextStream &stream, const QJsonDocument &document);

} // namespace pt::cli
