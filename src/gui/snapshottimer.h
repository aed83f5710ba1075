#pragma once

#include "snapshots/snapshotservice.h"

#include <QObject>
#include <QTimer>

#include <memory>
#include <vector>

namespace pt::store {
class Database;
}

namespace pt::gui {

// Keeps valuation snapshots while the app runs (C5, C7): one when started,
// one at the top of every hour, and one after each batch of fetched prices,
// each taken on a worker thread. takeSnapshot() also evaluates the alert
// rules; new alerts come out of alertsFired(). Requests while one is being
// taken are merged into one more after it, so snapshots never overlap.
class SnapshotTimer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SnapshotTimer)

public:
    explicit SnapshotTimer(std::shared_ptr<store::Database> database, QObject *parent = nullptr);
    ~SnapshotTimer() override;

    void setOptions(const snapshots::SnapshotOptions &options) { m_options = options; }

    void start(); // takes one now, then every hour on the hour
    void stop();
    bool isActive() const { return m_hourly.isActive(); }
    bool isBusy() const { return m_busy; }

    // Takes one now (or right after the one being taken).
    void takeNow();

Q_SIGNALS:
    void snapshotTaken(const pt::snapshots::SnapshotOutcome &outcome);
    void alertsFired(const std::vector<pt::store::AlertEvent> &events);
    void failed(const QString &message);

private:
    void scheduleNextHour();

    std::shared_ptr<store::Database> m_database;
    snapshots::SnapshotOptions m_options;
    QTimer m_hourly;
    bool m_busy = false;
    bool m_again = false;
};

} // namespace pt::gui
