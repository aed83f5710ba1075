#pragma once

#include "result.h"
#include "store/alertrepository.h"

#include <QAbstractTableModel>

#include <map>
#include <memory>
#include <vector>

namespace pt::store {
class Database;
}

namespace pt::gui {

// The alerts log (C7), newest first, one fired alert per row; unread ones in
// bold. Loaded from the store on a worker thread, like the jobs model.
class AlertsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AlertsModel)

public:
    enum Column { TimeColumn, SubjectColumn, ObservedColumn, ThresholdColumn, AlertColumn, ColumnCount };

    // What a reload reads: the newest events and the names they refer to.
    struct Snapshot
    {
        std::vector<store::AlertEvent> events;
        std::map<RowId, QString> portfolioNames;
        std::map<RowId, QString> assetSymbols;
        std::map<RowId, QString> assetCurrencies;
        std::map<RowId, QString> portfolioCurrencies;
    };

    explicit AlertsModel(QObject *parent = nullptr);
    ~AlertsModel() override;

    // Safe on any thread that may use `database`.
    static Result<Snapshot> load(const store::Database &database, int limit = 500);

    void setDatabase(std::shared_ptr<store::Database> database);
    // Reads a snapshot on the global thread pool; loaded() or loadFailed() follow.
    void reload();
    // Replaces the rows (reload() does this when its snapshot arrives).
    void applySnapshot(Snapshot snapshot);
    // Marks every alert read, in the store (on a worker) and here.
    void markAllRead();

    int unreadCount() const;
    const store::AlertEvent *eventAt(int row) const;

    // One sentence for a person, in the UI language: what crossed what.
    QString describe(const store::AlertEvent &event) const;
    QString subject(const store::AlertEvent &event) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void loaded();
    void loadFailed(const QString &error);
    void unreadCountChanged(int unread);

private:
    QString formatObserved(const store::AlertEvent &event, Decimal value) const;

    Snapshot m_snapshot;
    std::shared_ptr<store::Database> m_database;
    quint64 m_loadGeneration = 0;
};

} // namespace pt::gui
