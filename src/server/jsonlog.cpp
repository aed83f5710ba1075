#include "jsonlog.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QMutex>

#include <cstdio>

namespace pt::server::jsonlog {

namespace {

QBasicMutex s_writeMutex; // one line at a time, whichever thread logs

QString levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return QStringLiteral("debug");
    case QtInfoMsg:
        return QStringLiteral("info");
    case QtWarningMsg:
        return QStringLiteral("warning");
    case QtCriticalMsg:
        return QStringLiteral("error");
    case QtFatalMsg:
        return QStringLiteral("fatal");
    }
    return QStringLiteral("info");
}

void qtMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    QJsonObject fields;
    if (context.category && qstrcmp(context.category, "default") != 0)
        fields.insert(QStringLiteral("category"), QString::fromLatin1(context.category));
    writeLine(levelName(type), message, fields);
}

} // namespace

void install()
{
    qInstallMessageHandler(qtMessage);
}

void writeLine(const QString &level, const QString &message, QJsonObject fields)
{
    fields.insert(QStringLiteral("ts"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    fields.insert(QStringLiteral("level"), level);
    fields.insert(QStringLiteral("msg"), message);
    QByteArray line = QJsonDocument(fields).toJson(QJsonDocument::Compact);
    line.append('\n');
    const QMutexLocker lock(&s_writeMutex);
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    std::fflush(stderr);
}

} // namespace pt::server::jsonlog
