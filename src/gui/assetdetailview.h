#pragma once

#include "domain/types.h"
#include "valuation/returns.h"

#include <QWidget>

#include <memory>

class QButtonGroup;

namespace Ui {
class AssetDetailView;
}

namespace pt::store {
class Database;
}

namespace pt::gui {

// One asset in one portfolio (or in all, portfolio id 0): its price over a
// range (1M … All) with the user's own buys and sells marked, and the
// position as the ledger derives it — quantity, average cost, cost basis,
// market value at the latest close, unrealized gain, realized gain and income,
// all in the asset's currency. Everything is read from the store on a worker
// (bars, the ledger replay, the trades); the GUI thread never waits, and a
// load superseded by another is dropped.
class AssetDetailView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AssetDetailView)

public:
    explicit AssetDetailView(QWidget *parent = nullptr);
    ~AssetDetailView() override;

    void setDatabase(std::shared_ptr<store::Database> database);
    // Shows the asset, loading it on a worker; 0 for the portfolio: all portfolios.
    void setAsset(RowId assetId, RowId portfolioId = 0);
    RowId assetId() const { return m_assetId; }
    RowId portfolioId() const { return m_portfolioId; }
    // Loads the shown asset again (after new prices or entries).
    void reload();
    bool isLoading() const { return m_loading; }

    void setRange(valuation::Range::Preset preset);
    valuation::Range::Preset rangePreset() const { return m_preset; }

Q_SIGNALS:
    void loaded();
    void failed(const QString &message);

private:
    struct Content;

    void apply(const Content &content);
    void showRange();
    void clearFigures();

    std::unique_ptr<Ui::AssetDetailView> m_ui;
    std::shared_ptr<store::Database> m_database;
    QButtonGroup *m_rangeGroup = nullptr;
    RowId m_assetId = 0;
    RowId m_portfolioId = 0;
    valuation::Range::Preset m_preset = valuation::Range::Preset::OneYear;
    QDate m_firstBar;
    QDate m_lastBar;
    quint64 m_request = 0;
    bool m_loading = false;
};

} // namespace pt::gui
