#pragma once

// What the keychain tests share: where they run (with a real secret service,
// through scripts/with-secret-service, or without one) and a capture of every
// log message, so a test can prove no password reaches the logs.

#include <QMutex>
#include <QString>
#include <QStringList>
#include <QTest>
#include <QtGlobal>

namespace pt::test {

// scripts/with-secret-service sets PT_SECRET_SERVICE for what runs inside it.
inline bool withSecretService()
{
    return !qEnvironmentVariableIsEmpty("PT_SECRET_SERVICE");
}

// Every message of the run, whatever its category or level, once
// captureMessage is installed (qInstallMessageHandler), passed on to the
// handler it replaced.
inline QMutex logMutex;
inline QStringList logLines;
inline QtMessageHandler previousHandler = nullptr;

inline void captureMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker lock(&logMutex);
        logLines.append(message);
    }
    if (previousHandler)
        previousHandler(type, context, message);
}

} // namespace pt::test

// Skips the calling test unless it runs where it belongs: with a secret
// service (`wanted`) or without one. A macro, as QSKIP returns from the caller.
#define REQUIRE_SECRET_SERVICE(wanted)                                                                      \
    do {                                                                                                   \
        if ((wanted) && !pt::test::withSecretService())                                                    \
            QSKIP("needs a secret service: run through scripts/with-secret-service (ctest: *_secretservice)"); \
        if (!(wanted) && pt::test::withSecretService())                                                    \
            QSKIP("needs the absence of a secret service (ctest runs it without one)");                   \
    } while (false)
