#pragma once

#include "domain/types.h"

#include <QDate>
#include <QLocale>
#include <QString>

namespace pt::gui {

// How ledger values read on screen: in the user's locale and language.
// Every text the models and dialogs show for a number or a key comes from here
// so that one value always reads the same way everywhere.

// Exactly the currency's minor units (2 for EUR, 0 for JPY, 8 for BTC).
QString formatMoney(Decimal value, QStringView currency, const QLocale &locale = QLocale());
// Up to 8 fractional digits, trailing zeros dropped ("12", "0.5", "0.00012345").
QString formatQuantity(Decimal value, const QLocale &locale = QLocale());
// At least the currency's minor units, up to `maxDecimals` when they carry digits
// ("101.50", "0.000123").
QString formatPrice(Decimal value, QStringView currency, int maxDecimals = 8,
                    const QLocale &locale = QLocale());
// Between minDecimals and maxDecimals fractional digits, trailing zeros beyond
// minDecimals dropped.
QString formatTrimmed(Decimal value, int minDecimals, int maxDecimals,
                      const QLocale &locale = QLocale());

// The locale's short date format with a four-digit year ("1/5/2024", "05.01.2024").
QString dateFormat(const QLocale &locale = QLocale());
QString formatDate(QDate date, const QLocale &locale = QLocale());

QString transactionTypeLabel(TransactionType type);
QString costBasisMethodLabel(CostBasisMethod method);

} // namespace pt::gui
