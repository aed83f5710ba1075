#pragma once

#include "result.h"

#include <QObject>
#include <QTimer>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>

namespace pt::store {
class Database;
}

namespace pt::jobs {

// Keeps tracked assets' latest prices fresh (C4): every interval (15 minutes
// by default) it queues one refresh per source that has tracked assets, which
// a JobRunner then runs, batched per source. Once a day it also prunes done
// jobs older than 30 days. It only enqueues; it never fetches, so it may live
// on the GUI thread.
class Scheduler final : public QObject
{
    Q_OBJECT

public:
    static constexpr std::chrono::minutes DefaultInterval{15};

    explicit Scheduler(std::shared_ptr<store::Database> database, QObject *parent = nullptr);
    ~Scheduler() override;
    Q_DISABLE_COPY_MOVE(Scheduler)

    void setInterval(std::chrono::milliseconds interval);
    std::chrono::milliseconds interval() const;
    // Milliseconds since the epoch; injectable so tests control the daily prune.
    void setClock(std::function<std::int64_t()> clock);

    // Ticks once at once (prices are likely stale when the app starts), then every interval.
    void start();
    void stop();
    bool isActive() const { return m_timer.isActive(); }

    // One tick: a refresh per source with tracked assets, and the daily prune
    // when due. Returns how many refreshes were queued.
    Result<int> tick();

Q_SIGNALS:
    void refreshesQueued(int count);
    void failed(const QString &message);

private:
    std::int64_t now() const;

    std::shared_ptr<store::Database> m_database;
    QTimer m_timer;
    std::function<std::int64_t()> m_clock;
    std::int64_t m_lastPrune = 0;
};

} // namespace pt::jobs
