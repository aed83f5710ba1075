#include "gui/assetdetailview.h"

#include "gui/charts/chartstyle.h"
#include "gui/charts/pricechart.h"
#include "gui/dashboardview.h"
#include "gui/displaytext.h"
#include "gui/futures.h"
#include "ledger/ledgerservice.h"
#include "money/currency.h"
#include "store/assetrepository.h"
#include "store/database.h"
#include "store/pricerepository.h"
#include "store/transactionrepository.h"
#include "ui_assetdetailview.h"

#include <QButtonGroup>
#include <QtConcurrent/QtConcurrentRun>

#include <optional>

namespace pt::gui {

using valuation::Range;

// Everything the view shows of one asset, read on a worker.
struct AssetDetailView::Content
{
    quint64 request = 0;
    QString error;
    Asset asset;
    std::vector<charts::PriceBar> bars;
    QList<charts::TradeMarker> trades;
    std::optional<store::DatedClose> latest; // the last bar's exact close
    ledger::Position position; // summed over the portfolios in scope
    bool everHeld = false;

    static Content load(const store::Database &database, RowId assetId, RowId portfolioId)
    {
        Content content;
        auto stored = store::AssetRepository(database).find(assetId);
        if (!stored) {
            content.error = stored.error();
            return content;
        }
        content.asset = std::move(stored).value();
        const QString &currency = content.asset.currency;

        auto prices = store::PriceRepository(database).list(assetId);
        if (!prices) {
            content.error = prices.error();
            return content;
        }
        content.bars.reserve(prices->size());
        for (const DailyPrice &bar : *prices) {
            auto number = [](Decimal value) { return value.isValid() ? value.toDouble() : 0.0; };
            content.bars.push_back({bar.date, number(bar.open), number(bar.high), number(bar.low), number(bar.close)});
        }
        if (!prices->empty())
            content.latest = store::DatedClose{prices->back().date, prices->back().close};

        auto entries = store::TransactionRepository(database).list(portfolioId);
        if (!entries) {
            content.error = entries.error();
            return content;
        }
        for (const Transaction &t : *entries) {
            if (t.assetId != assetId || (portfolioId != 0 && t.portfolioId != portfolioId))
                continue;
            if (t.type != TransactionType::Buy && t.type != TransactionType::Sell)
                continue;
            const bool buy = t.type == TransactionType::Buy;
            const QString text = (buy ? tr("Buy %1 at %2 %3") : tr("Sell %1 at %2 %3"))
                                     .arg(formatQuantity(t.quantity), formatPrice(t.price, currency), currency);
            content.trades << charts::TradeMarker{t.date, t.price.toDouble(), buy, text};
        }

        auto books = ledger::LedgerService(database).books(portfolioId);
        if (!books) {
            content.error = books.error();
            return content;
        }
        content.position.assetId = assetId;
        content.position.currency = currency;
        for (const ledger::PortfolioBook &book : *books) {
            if (portfolioId != 0 && book.portfolioId != portfolioId)
                continue;
            const auto found = book.positions.find(assetId);
            if (found == book.positions.end())
                continue;
            const ledger::Position &position = found->second;
            content.everHeld = true;
            content.position.quantity += position.quantity;
            content.position.costBasis += position.costBasis;
            content.position.realizedGain += position.realizedGain;
            content.position.income += position.income;
            content.position.fees += position.fees;
        }
        return content;
    }
};

AssetDetailView::AssetDetailView(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::AssetDetailView>())
    , m_rangeGroup(new QButtonGroup(this))
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("assetDetailView"));
    QFont title = font();
    title.setPointSizeF(title.pointSizeF() * 1.35);
    title.setBold(true);
    m_ui->titleLabel->setFont(title);
    const std::pair<QAbstractButton *, Range::Preset> buttons[] = {
        {m_ui->range1M, Range::Preset::OneMonth},   {m_ui->range3M, Range::Preset::ThreeMonths},
        {m_ui->rangeYtd, Range::Preset::YearToDate}, {m_ui->range1Y, Range::Preset::OneYear},
        {m_ui->range5Y, Range::Preset::FiveYears},   {m_ui->rangeAll, Range::Preset::All}};
    for (const auto &[button, preset] : buttons)
        m_rangeGroup->addButton(button, int(preset));
    m_rangeGroup->button(int(m_preset))->setChecked(true);
    connect(m_rangeGroup, &QButtonGroup::idClicked, this, [this](int id) { setRange(Range::Preset(id)); });
    m_ui->messageLabel->setVisible(false);
    clearFigures();
}

AssetDetailView::~AssetDetailView() = default;

void AssetDetailView::setDatabase(std::shared_ptr<store::Database> database)
{
    m_database = std::move(database);
}

void AssetDetailView::setAsset(RowId assetId, RowId portfolioId)
{
    m_assetId = assetId;
    m_portfolioId = portfolioId;
    reload();
}

void AssetDetailView::reload()
{
    const quint64 request = ++m_request;
    if (!m_database || m_assetId == 0) {
        m_loading = false;
        clearFigures();
        m_ui->titleLabel->clear();
        m_ui->priceChart->setData({}, {}, QString());
        return;
    }
    m_loading = true;
    m_ui->statusLabel->setText(tr("Loading…"));
    auto future = QtConcurrent::run([database = m_database, assetId = m_assetId, portfolioId = m_portfolioId, request] {
        Content content = Content::load(*database, assetId, portfolioId);
        content.request = request;
        return content;
    });
    whenReady(future, this, [this](const Content &content) {
        if (content.request != m_request)
            return;
        m_loading = false;
        apply(content);
    });
}

void AssetDetailView::setRange(Range::Preset preset)
{
    m_preset = preset;
    if (QAbstractButton *button = m_rangeGroup->button(int(preset)))
        button->setChecked(true);
    showRange();
}

void AssetDetailView::clearFigures()
{
    for (QLabel *label : {m_ui->quantityLabel, m_ui->averageCostLabel, m_ui->costBasisLabel, m_ui->marketValueLabel,
                          m_ui->unrealizedLabel, m_ui->realizedLabel, m_ui->incomeLabel}) {
        label->setText(tr("—", "no value"));
        label->setToolTip(QString());
        label->setPalette(palette());
    }
    m_ui->statusLabel->clear();
}

void AssetDetailView::apply(const Content &content)
{
    clearFigures();
    if (!content.error.isEmpty()) {
        m_ui->messageLabel->setText(tr("The asset could not be loaded: %1").arg(content.error));
        m_ui->messageLabel->setVisible(true);
        m_ui->priceChart->setData({}, {}, QString());
        Q_EMIT failed(content.error);
        return;
    }
    const Asset &asset = content.asset;
    const QString &currency = asset.currency;
    m_ui->titleLabel->setText(asset.name.isEmpty() || asset.name == asset.symbol
                                  ? asset.symbol
                                  : tr("%1 — %2", "symbol, name").arg(asset.symbol, asset.name));
    m_firstBar = content.bars.empty() ? QDate() : content.bars.front().date;
    m_lastBar = content.bars.empty() ? QDate() : content.bars.back().date;
    m_ui->priceChart->setData(content.bars, content.trades, currency);
    showRange();

    const ledger::Position &position = content.position;
    QStringList messages;
    if (content.bars.empty())
        messages << tr("There are no prices for %1 yet.").arg(asset.symbol);
    if (content.everHeld) {
        m_ui->quantityLabel->setText(formatQuantity(position.quantity));
        m_ui->costBasisLabel->setText(DashboardView::moneyText(position.costBasis, currency));
        m_ui->realizedLabel->setText(DashboardView::moneyText(position.realizedGain, currency, true));
        m_ui->incomeLabel->setText(DashboardView::moneyText(position.income, currency));
        if (position.quantity.isPositive()) {
            const Decimal average = position.costBasis / position.quantity;
            m_ui->averageCostLabel->setText(tr("%1 %2", "a price and its currency").arg(formatPrice(average, currency, 4), currency));
            m_ui->averageCostLabel->setToolTip(average.toString());
        }
        if (content.latest && !position.quantity.isZero()) {
            const Decimal value = (position.quantity * content.latest->close).rounded(currency::minorUnits(currency));
            const Decimal unrealized = value - position.costBasis;
            m_ui->marketValueLabel->setText(DashboardView::moneyText(value, currency));
            m_ui->marketValueLabel->setToolTip(tr("At the close of %1: %2 %3")
                                                   .arg(formatDate(content.latest->date),
                                                        formatPrice(content.latest->close, currency), currency));
            QString unrealizedText = DashboardView::moneyText(unrealized, currency, true);
            if (position.costBasis.isPositive())
                unrealizedText = tr("%1 (%2)", "an amount and its percentage")
                                     .arg(unrealizedText, DashboardView::percentText((unrealized / position.costBasis).toDouble(), true));
            m_ui->unrealizedLabel->setText(unrealizedText);
            QPalette signPalette = palette();
            if (!unrealized.isZero())
                signPalette.setColor(QPalette::WindowText, unrealized.isPositive() ? charts::positiveColor(signPalette)
                                                                                   : charts::negativeColor(signPalette));
            m_ui->unrealizedLabel->setPalette(signPalette);
        } else if (!position.quantity.isZero()) {
            m_ui->marketValueLabel->setToolTip(tr("No price yet"));
        }
    } else {
        messages << tr("Not held in this portfolio.");
    }
    m_ui->messageLabel->setText(messages.join(u' '));
    m_ui->messageLabel->setVisible(!messages.isEmpty());
    Q_EMIT loaded();
}

void AssetDetailView::showRange()
{
    if (!m_lastBar.isValid()) {
        m_ui->priceChart->setRange({}, {});
        return;
    }
    const Range range = Range::preset(m_preset, m_lastBar, m_firstBar);
    m_ui->priceChart->setRange(range.from, range.to);
    m_ui->statusLabel->setText(tr("%1 – %2", "a range of days").arg(formatDate(range.from), formatDate(range.to)));
}

} // namespace pt::gui
