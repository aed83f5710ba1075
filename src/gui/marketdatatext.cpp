#include "gui/marketdatatext.h"

#include <QCoreApplication>

namespace pt::gui {

QString sourceLabel(QStringView key)
{
    // Proper names: not translated.
    if (key == u"yahoo")
        return QStringLiteral("Yahoo Finance");
    if (key == u"coingecko")
        return QStringLiteral("CoinGecko");
    if (key == u"binance")
        return QStringLiteral("Binance");
    if (key == u"ecb")
        return QStringLiteral("ECB");
    return key.toString();
}

QString assetClassLabel(AssetClass assetClass)
{
    switch (assetClass) {
    case AssetClass::Stock:
        return QCoreApplication::translate("pt::gui::MarketDataText", "Stock");
    case AssetClass::Etf:
        return QCoreApplication::translate("pt::gui::MarketDataText", "ETF");
    case AssetClass::Fund:
        return QCoreApplication::translate("pt::gui::MarketDataText", "Fund");
    case AssetClass::Bond:
        return QCoreApplication::translate("pt::gui::MarketDataText", "Bond");
    case AssetClass::Crypto:
        return QCoreApplication::translate("pt::gui::MarketDataText", "Crypto");
    case AssetClass::Commodity:
        return QCoreApplication::translate("pt::gui::MarketDataText", "Commodity");
    case AssetClass::Currency:
        return QCoreApplication::translate("pt::gui::MarketDataText", "Currency", "asset class");
    }
    return {};
}

} // namespace pt::gui
