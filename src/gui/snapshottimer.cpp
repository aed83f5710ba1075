#include "gui/snapshottimer.h"

#include "gui/futures.h"
#include "store/database.h"

#include <QDateTime>
#include <QtConcurrent/QtConcurrentRun>

namespace pt::gui {

SnapshotTimer::SnapshotTimer(std::shared_ptr<store::Database> database, QObject *parent)
    : QObject(parent)
    , m_database(std::move(database))
{
    m_hourly.setSingleShot(true);
    m_hourly.setTimerType(Qt::VeryCoarseTimer);
    connect(&m_hourly, &QTimer::timeout, this, [this] {
        takeNow();
        scheduleNextHour();
    });
}

SnapshotTimer::~SnapshotTimer() = default;

void SnapshotTimer::start()
{
    takeNow();
    scheduleNextHour();
}

void SnapshotTimer::stop()
{
    m_hourly.stop();
    m_again = false;
}

void SnapshotTimer::scheduleNextHour()
{
    // A few seconds past the hour, so the clock has surely turned.
    const QDateTime now = QDateTime::currentDateTime();
    const QDateTime nextHour(now.date(), QTime(now.time().hour(), 0));
    const qint64 ms = now.msecsTo(nextHour.addSecs(3600 + 5));
    m_hourly.start(int(std::clamp<qint64>(ms, 1000, 3600 * 1000 + 5000)));
}

void SnapshotTimer::takeNow()
{
    if (m_busy) {
        m_again = true;
        return;
    }
    m_busy = true;
    auto database = m_database;
    const snapshots::SnapshotOptions options = m_options;
    whenReady(QtConcurrent::run([database, options] {
                  return snapshots::takeSnapshot(*database, QDateTime::currentDateTimeUtc(),
                                                 store::SnapshotKind::Hourly, options);
              }),
              this, [this](Result<snapshots::SnapshotOutcome> outcome) {
                  m_busy = false;
                  if (!outcome) {
                      Q_EMIT failed(tr("The valuation snapshot was not stored: %1").arg(outcome.error()));
                  } else {
                      Q_EMIT snapshotTaken(*outcome);
                      if (!outcome->events.empty())
                          Q_EMIT alertsFired(outcome->events);
                  }
                  if (m_again) {
                      m_again = false;
                      takeNow();
                  }
              });
}

} // namespace pt::gui
