#pragma once

#include "domain/types.h"

#include <QString>

namespace pt::gui {

// How market-data words read on screen, shared by the jobs view, the asset
// search and the status bar.

// A provider key ("yahoo", "coingecko", "binance", "ecb") as people know the
// source ("Yahoo Finance"); an unknown key as it is.
QString sourceLabel(QStringView key);
QString assetClassLabel(AssetClass assetClass);

} // namespace pt::gui
