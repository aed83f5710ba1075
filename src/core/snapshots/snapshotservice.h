#pragma once

#include "result.h"
#include "store/alertrepository.h"
#include "store/snapshotrepository.h"

#include <QDateTime>
#include <QString>
#include <QTime>
#include <QTimeZone>

#include <vector>

namespace pt::store {
class Database;
}

namespace pt::snapshots {

struct SnapshotOptions
{
    // The first snapshot at or after this local time is the day's close.
    QTime closeTime = QTime(22, 0);
    // What "local" means: the day a snapshot values and when the close is.
    QTimeZone timeZone = QTimeZone::systemTimeZone();
    QString totalCurrency = QStringLiteral("EUR"); // of the all-portfolios figures
    int staleAfterDays = 5;
};

// What one takeSnapshot() did, so callers can notify.
struct SnapshotOutcome
{
    QDate day; // the local day valued
    RowId snapshotId = 0; // the snapshot of now; 0 when this clock hour already had one
    store::SnapshotKind kind = store::SnapshotKind::Hourly; // of snapshotId
    RowId missedCloseId = 0; // a close of the previous day, stored late; 0 when none was due
    int seriesDaysWritten = 0; // rows of value_series_day rewritten (all series together)
    std::vector<store::AlertEvent> events; // newly fired, already in the log, oldest rule first
};

// Values the store now and keeps what it found, all in ONE transaction (a crash
// or a failure leaves nothing of it):
//  * the value series of every portfolio and of all together, up to the local
//    day of `now`, rewritten in value_series_day from the first day that changed;
//  * a snapshot with its totals and positions (the keyframe): kind 'close' when
//    `requested` is Close or the local time is at or after the close time and
//    the day has no close yet, else 'hourly' — unless its slot is taken (one
//    hourly per clock hour, one close per day), then none;
//  * a late close of the previous local day, valued as of that day, when that
//    day had entries and no close (the app was not running at its close);
//  * the alert rules evaluated against this valuation, their events logged and
//    their armed states saved.
// Alerts are evaluated on every call, also when no snapshot is stored, so a
// refresh of prices within the hour is still checked. Safe on any thread (the
// thread's own connection); it reads the whole book, so not the GUI thread.
Result<SnapshotOutcome> takeSnapshot(const store::Database &database, const QDateTime &now,
                                     store::SnapshotKind requested = store::SnapshotKind::Hourly,
                                     const SnapshotOptions &options = {});

} // namespace pt::snapshots
