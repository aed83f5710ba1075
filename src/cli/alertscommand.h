#pragma once

#include "result.h"
#include "snapshots/snapshotservice.h"

#include <QStringList>

#include <vector>

class QTextStream;

namespace pt::store {
class Database;
}

namespace pt::cli {

class Context;

// portfolio-cli alerts [log|rules|thresholds|add|remove|check] ...
int runAlertsCommand(Context &context, const QStringList &arguments);

// Takes a snapshot now and evaluates the alerts (`alerts check`, `snapshot`, `daemon`).
Result<snapshots::SnapshotOutcome> snapshotNow(const store::Database &database);

// "Alert: <message>" per event, for terminals.
void printAlertEvents(QTextStream &out, const std::vector<store::AlertEvent> &events);

} // namespace pt::cli
