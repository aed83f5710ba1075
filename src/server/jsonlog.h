#pragma once

#include <QJsonObject>
#include <QString>

namespace pt::server::jsonlog {

// portfolio-server logs one JSON object per line on stderr (journald keeps
// it): "ts" (UTC, ms), "level", "msg" and whatever fields the line carries.
// Nothing secret goes in: no request bodies, Authorization headers, tokens,
// passwords or keys; callers pass only what they mean to show.

// Routes Qt's own messages (qWarning, qCInfo, …) through writeLine, so every
// line on stderr is JSON.
void install();

// Writes `fields` with ts, level and msg added, as one line, atomically.
void writeLine(const QString &level, const QString &message, QJsonObject fields = {});

inline void info(const QString &message, QJsonObject fields = {}) { writeLine(QStringLiteral("info"), message, std::move(fields)); }
inline void warning(const QString &message, QJsonObject fields = {}) { writeLine(QStringLiteral("warning"), message, std::move(fields)); }
inline void error(const QString &message, QJsonObject fields = {}) { writeLine(QStringLiteral("error"), message, std::move(fields)); }

} // namespace pt::server::jsonlog
