#include "gui/alertsmodel.h"

#include "gui/displaytext.h"
#include "gui/futures.h"
#include "gui/itemroles.h"
#include "store/assetrepository.h"
#include "store/database.h"
#include "store/portfoliorepository.h"

#include <QDateTime>
#include <QFont>
#include <QLocale>
#include <QtConcurrent/QtConcurrentRun>

namespace pt::gui {

namespace {

bool isPercent(store::AlertKind kind)
{
    return store::isPortfolioKind(kind);
}

QString lookUp(const std::map<RowId, QString> &names, RowId id)
{
    const auto found = names.find(id);
    return found == names.end() ? QString() : found->second;
}

} // namespace

AlertsModel::AlertsModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

AlertsModel::~AlertsModel() = default;

Result<AlertsModel::Snapshot> AlertsModel::load(const store::Database &database, int limit)
{
    auto events = store::AlertRepository(database).events(limit);
    if (!events)
        return Error{events.error()};
    auto portfolios = store::PortfolioRepository(database).list();
    if (!portfolios)
        return Error{portfolios.error()};
    auto assets = store::AssetRepository(database).list();
    if (!assets)
        return Error{assets.error()};
    Snapshot snapshot;
    snapshot.events = std::move(*events);
    for (const Portfolio &portfolio : *portfolios) {
        snapshot.portfolioNames[portfolio.id] = portfolio.name;
        snapshot.portfolioCurrencies[portfolio.id] = portfolio.baseCurrency;
    }
    for (const Asset &asset : *assets) {
        snapshot.assetSymbols[asset.id] = asset.symbol;
        snapshot.assetCurrencies[asset.id] = asset.currency;
    }
    return snapshot;
}

void AlertsModel::setDatabase(std::shared_ptr<store::Database> database)
{
    m_database = std::move(database);
}

void AlertsModel::reload()
{
    if (!m_database)
        return;
    const quint64 generation = ++m_loadGeneration;
    auto database = m_database;
    whenReady(QtConcurrent::run([database] { return load(*database); }), this,
              [this, generation](Result<Snapshot> snapshot) {
                  if (generation != m_loadGeneration)
                      return; // a newer reload is on its way
                  if (!snapshot) {
                      Q_EMIT loadFailed(snapshot.error());
                      return;
                  }
                  applySnapshot(std::move(*snapshot));
                  Q_EMIT loaded();
              });
}

void AlertsModel::applySnapshot(Snapshot snapshot)
{
    beginResetModel();
    m_snapshot = std::move(snapshot);
    endResetModel();
    Q_EMIT unreadCountChanged(unreadCount());
}

void AlertsModel::markAllRead()
{
    if (m_database) {
        auto database = m_database;
        whenReady(QtConcurrent::run([database] { return store::AlertRepository(*database).markRead(); }), this,
                  [this](Result<void> done) {
                      if (!done)
                          Q_EMIT loadFailed(done.error());
                  });
    }
    for (store::AlertEvent &event : m_snapshot.events)
        event.read = true;
    if (!m_snapshot.events.empty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), {Qt::FontRole});
    Q_EMIT unreadCountChanged(0);
}

int AlertsModel::unreadCount() const
{
    return int(std::count_if(m_snapshot.events.begin(), m_snapshot.events.end(),
                             [](const store::AlertEvent &event) { return !event.read; }));
}

const store::AlertEvent *AlertsModel::eventAt(int row) const
{
    return row >= 0 && row < rowCount() ? &m_snapshot.events[std::size_t(row)] : nullptr;
}

QString AlertsModel::subject(const store::AlertEvent &event) const
{
    if (isPercent(event.kind)) {
        const QString name = lookUp(m_snapshot.portfolioNames, event.portfolioId);
        return name.isEmpty() ? tr("(deleted portfolio)") : name;
    }
    const QString symbol = lookUp(m_snapshot.assetSymbols, event.assetId);
    return symbol.isEmpty() ? tr("(unknown asset)") : symbol;
}

QString AlertsModel::formatObserved(const store::AlertEvent &event, Decimal value) const
{
    if (isPercent(event.kind))
        return tr("%1 %").arg(formatTrimmed(value.rounded(2), 0, 2));
    return formatPrice(value, lookUp(m_snapshot.assetCurrencies, event.assetId));
}

QString AlertsModel::describe(const store::AlertEvent &event) const
{
    const QString who = subject(event);
    const QString observed = formatObserved(event, event.observed);
    const QString threshold = formatObserved(event, event.threshold);
    switch (event.kind) {
    case store::AlertKind::PortfolioLoss:
        return tr("%1 is at %2 against its cost basis, at or below the loss alert of %3").arg(who, observed, threshold);
    case store::AlertKind::PortfolioGain:
        return tr("%1 is at %2 against its cost basis, at or above the gain alert of %3").arg(who, observed, threshold);
    case store::AlertKind::PriceAbove:
        return tr("%1 closed at %2 on %3, at or above %4").arg(who, observed, formatDate(event.day), threshold);
    case store::AlertKind::PriceBelow:
        return tr("%1 closed at %2 on %3, at or below %4").arg(who, observed, formatDate(event.day), threshold);
    }
    return event.message;
}

int AlertsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_snapshot.events.size());
}

int AlertsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AlertsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const store::AlertEvent &event = m_snapshot.events[std::size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return QLocale().toString(QDateTime::fromMSecsSinceEpoch(event.firedAt).toLocalTime(),
                                      QLocale::ShortFormat);
        case SubjectColumn:
            return subject(event);
        case AlertColumn:
            return describe(event);
        case ObservedColumn:
            return formatObserved(event, event.observed);
        case ThresholdColumn:
            return formatObserved(event, event.threshold);
        }
        return {};
    case Qt::ToolTipRole:
        return describe(event);
    case Qt::FontRole:
        if (!event.read) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == ObservedColumn || index.column() == ThresholdColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case RawValueRole:
        switch (index.column()) {
        case TimeColumn:
            return QVariant::fromValue(qint64(event.firedAt));
        case SubjectColumn:
            return subject(event);
        case AlertColumn:
            return store::toKey(event.kind);
        case ObservedColumn:
            return QVariant::fromValue(event.observed);
        case ThresholdColumn:
            return QVariant::fromValue(event.threshold);
        }
        return {};
    case IdRole:
        return QVariant::fromValue(qint64(event.id));
    default:
        return {};
    }
}

QVariant AlertsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case SubjectColumn:
        return tr("Portfolio or asset");
    case AlertColumn:
        return tr("Alert");
    case ObservedColumn:
        return tr("Observed");
    case ThresholdColumn:
        return tr("Threshold");
    }
    return {};
}

} // namespace pt::gui
