#include "clirunner.h"

#include <QDir>
#include <QProcess>

namespace pt::test {

QString cliPath()
{
    return qEnvironmentVariable("PT_CLI");
}

CliRun runCli(const QStringList &arguments, int timeoutMs)
{
    QProcess process;
    process.start(cliPath(), arguments);
    CliRun run;
    if (!process.waitForStarted()) {
        run.err = process.errorString();
        return run;
    }
    process.closeWriteChannel();
    run.finished = process.waitForFinished(timeoutMs) && process.exitStatus() == QProcess::NormalExit;
    if (!run.finished && process.state() != QProcess::NotRunning) {
        process.kill();
        process.waitForFinished();
    }
    run.exitCode = process.exitCode();
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

QString testTempRoot()
{
    const QString root = qEnvironmentVariable("PT_TEST_TMP");
    if (root.isEmpty())
        return QDir::tempPath();
    QDir().mkpath(root);
    return root;
}

} // namespace pt::test
